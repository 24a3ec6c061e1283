// 引用本文 (overrides/partials/content.html): the reference's access date is the reader's day, as
// GB/T 7714 asks ([2026-12-05]); the button copies the reference. Without JavaScript the reference
// stands with [引用日期] and no button.
(function () {
  var text = document.getElementById("cite-text");
  if (!text) return;
  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var accessed = text.querySelector(".cite-accessed");
  if (accessed) accessed.textContent = "[" + now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()) + "]";
  var button = document.querySelector(".cite-copy");
  if (!button || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(text.textContent.trim()).then(function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied");
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
})();
