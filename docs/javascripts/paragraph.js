// A paragraph's own links (¶ and 原文, extra.css .para-links) on a screen without hover: shown for the
// paragraph the reader taps, hidden again by a tap elsewhere. Hover and keyboard need no script.
(function () {
  "use strict";
  var SHOWN = "para-shown";
  document.addEventListener("click", function (event) {
    if (event.target.closest("a, button, input")) return;  // a link's own tap goes where it points
    var paragraph = event.target.closest(".md-typeset p[id]");
    var links = paragraph && paragraph.querySelector(":scope > .para-links");
    document.querySelectorAll(".md-typeset p." + SHOWN).forEach(function (p) {
      if (p !== paragraph) p.classList.remove(SHOWN);
    });
    if (links) paragraph.classList.toggle(SHOWN);
  });
})();
