// Script variants (简体 / 繁體): remember the reader's choice, and send a first-time reader
// at the site root to the variant their browser prefers. Without JavaScript the root is a
// page of plain links and every script switch is a plain link to the same page's twin.
(function () {
  var KEY = "script-variant";

  function remember(tag) {
    try { localStorage.setItem(KEY, tag); } catch (e) { /* storage disabled: just don't remember */ }
  }

  // The switch in the header (and the links on the root page) carry hreflang. The hook points
  // each one at the twin of the current page, so the plain link is already right. Material's
  // own handler would re-route it through the variant's sitemap, which only works for links to
  // a variant's root: keep it from doing that (capture phase, before its listener on <body>).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    remember(link.getAttribute("hreflang"));
    if (!link.closest(".variant-switch")) return;
    event.stopPropagation();
    event.preventDefault();
    window.location.assign(keepingPlace(link));
  }, true);

  // The twin page at the reader's place: the paragraph they are reading (its #pN: paragraphs are numbered
  // alike in every script), else the same scroll position, which the twin restores on load (headings'
  // ids are spelt in each script; listings have no paragraph numbers).
  var SCROLL_KEY = "script-switch-scroll";
  function keepingPlace(link) {
    var twin = link.href.split("#")[0];
    var paragraph = paragraphInView();
    if (paragraph) return twin + "#" + paragraph.id;
    try {
      sessionStorage.setItem(SCROLL_KEY, JSON.stringify({ path: new URL(twin).pathname, y: window.scrollY }));
    } catch (e) { /* storage disabled: the twin opens at its top */ }
    return twin;
  }

  // The paragraph named in the address if it is on screen, else the first paragraph whose text shows
  // below the header; none at the top of the page.
  function paragraphInView() {
    if (window.scrollY < 1) return null;
    var top = headerBottom(), bottom = window.innerHeight;
    var named = /^#p\d+$/.test(location.hash) && document.getElementById(location.hash.slice(1));
    if (named) {
      var box = named.getBoundingClientRect();
      if (box.bottom > top && box.top < bottom) return named;
    }
    var paragraphs = document.querySelectorAll("article p[id^='p']");
    for (var i = 0; i < paragraphs.length; i++) {
      if (!/^p\d+$/.test(paragraphs[i].id)) continue;
      var rect = paragraphs[i].getBoundingClientRect();
      if (rect.bottom > top + 1 && rect.top < bottom) return paragraphs[i];
    }
    return null;
  }

  function headerBottom() {
    var header = document.querySelector(".md-header");
    return header ? header.getBoundingClientRect().bottom : 0;
  }

  // Arriving from the switch on a page without paragraph numbers: the scroll position it left.
  (function restoreScroll() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(SCROLL_KEY)); sessionStorage.removeItem(SCROLL_KEY); } catch (e) { return; }
    if (saved && saved.path === location.pathname && !location.hash) window.scrollTo(0, saved.y);
  })();

  var chooser = document.querySelector("[data-variant-chooser]");
  if (!chooser) return;
  var links = chooser.querySelectorAll("a[hreflang]");
  function pick(tag) {
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("hreflang").toLowerCase() === String(tag).toLowerCase()) return links[i];
    }
    return null;
  }
  var stored = null;
  try { stored = localStorage.getItem(KEY); } catch (e) { /* storage disabled */ }
  var target = stored && pick(stored);
  if (!target) {
    var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    // The reader's first Chinese: zh-TW, zh-HK, zh-MO and zh-Hant* read Traditional, any other Simplified.
    var zh = langs.filter(function (l) { return /^zh\b/i.test(l); })[0] || "";
    var traditional = /^zh-(tw|hk|mo|hant)\b/i.test(zh);
    var hongKong = /^zh-(hant-)?(hk|mo)\b/i.test(zh);
    target = traditional ? ((hongKong && pick("zh-Hant-HK")) || pick("zh-Hant")) : links[0];
  }
  if (target) window.location.replace(target.href);
})();
