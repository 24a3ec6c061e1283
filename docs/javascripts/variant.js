// Script variant choice: remembered when a reader uses the switch, and applied
// at the site root. Without JavaScript the root is a page of plain links.
(function () {
  var KEY = "script-variant";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (link) {
      try { localStorage.setItem(KEY, link.getAttribute("hreflang")); } catch (e) { /* private mode */ }
    }
  }, true);
  var chooser = document.querySelector("[data-variant-chooser]");
  if (!chooser) return;
  var links = chooser.querySelectorAll("a[hreflang]");
  var stored = null;
  try { stored = localStorage.getItem(KEY); } catch (e) { /* private mode */ }
  function pick(tag) {
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("hreflang") === tag) return links[i];
    }
    return null;
  }
  var target = stored && pick(stored);
  if (!target) {
    var langs = navigator.languages || [navigator.language || ""];
    var traditional = langs.some(function (l) { return /^zh-(TW|HK|MO|Hant)/i.test(l); });
    target = traditional ? pick("zh-Hant") : links[0];
  }
  if (target) window.location.replace(target.href);
})();
