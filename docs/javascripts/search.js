/*
 * Search with Pagefind in Material's search box (overrides/partials/search.html).
 *
 * Nothing is fetched until the reader types a query: then Pagefind's script, its WebAssembly and the
 * index chunks the query needs, all from this site (the bundle in /pagefind/, one index per script:
 * Pagefind picks the index of the page's <html lang>; a large site's index comes in parts, merged). A query typed in the other script is converted
 * character by character with this variant's table (search-script.txt: pairs "typed, this script's",
 * written by the build from the project's OpenCC configuration; it holds only characters this
 * script's pages never use, so a converted query is the one that can match).
 * Keyboard: "/" or "s" opens search, arrows move through the results, Enter opens one, Escape closes.
 * A result link carries ?h=<query, in this script>: the page it opens highlights it (pagefind-highlight.js,
 * loaded only then). The whole query, not Pagefind's words: 反诈 is marked, not every 反 and 诈.
 */
(function () {
  "use strict";

  const HIGHLIGHT_PARAM = "h";
  // Results shown at once: each needs its page's fragment (~10 KB); more load as the reader scrolls.
  const BATCH = 5;

  const root = document.querySelector("[data-search]");
  const toggle = document.getElementById("__search");

  function bundleUrl() {
    return new URL(root.dataset.searchBundle, location.href);
  }

  // The page opened from a result highlights the query; the highlighter loads only then.
  function highlightQuery() {
    if (!new URLSearchParams(location.search).get(HIGHLIGHT_PARAM)) return;
    import(new URL("pagefind-highlight.js", bundleUrl()).href).then(() => {
      // eslint-disable-next-line no-undef
      new PagefindHighlight({ highlightParam: HIGHLIGHT_PARAM });
    }).catch(() => {});
  }

  if (!root || !toggle) return;  // the root chooser, outside the script variants: no search
  const input = root.querySelector("[data-search-query]");
  const meta = root.querySelector("[data-search-meta]");
  const list = root.querySelector("[data-search-results]");
  const form = root.querySelector("form");
  const text = root.dataset;

  let pagefind = null;   // Promise of the Pagefind module, once the reader types
  let table = null;      // Promise of Map(other script -> this script)
  let latest = 0;        // the newest query wins; older answers are dropped
  let pending = [];      // ranked results not shown yet, and the query they answer
  let pendingQuery = "";
  let loading = null;    // the batch being loaded

  function loadPagefind() {
    if (!pagefind) {
      const bundle = bundleUrl();
      // A large site's index is written in parts (hooks/search_index.py); parts.json names the others.
      const others = fetch(new URL("parts.json", bundle)).then((r) => (r.ok ? r.json() : [])).catch(() => []);
      pagefind = import(new URL("pagefind.js", bundle).href).then(async (module) => {
        // Result URLs relative to the site root, wherever the site is hosted.
        const options = { baseUrl: new URL("..", bundle).pathname, excerptLength: 40 };
        await module.options(options);
        // The other parts join this one's search (they share its WebAssembly); results are ranked together.
        for (const part of await others) await module.mergeIndex(new URL(part, bundle).pathname, options);
        module.init();
        return module;
      });
    }
    return pagefind;
  }

  function loadTable() {
    if (!table) {
      table = fetch(new URL(text.searchTable, location.href)).then((r) => (r.ok ? r.text() : "")).then((pairs) => {
        const map = new Map();
        const chars = Array.from(pairs.trim());
        for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
        return map;
      }).catch(() => new Map());
    }
    return table;
  }

  function inThisScript(query, map) {
    return Array.from(query, (ch) => map.get(ch) || ch).join("");
  }

  // Pagefind's excerpt is text with <mark> around the matches: build it from text nodes, never as HTML.
  function excerptNodes(excerpt) {
    const out = document.createDocumentFragment();
    excerpt.split(/(<mark>|<\/mark>)/).reduce((marked, part) => {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      const plain = new DOMParser().parseFromString(part, "text/html").body.textContent;
      if (!plain) return marked;
      if (marked) {
        const mark = document.createElement("mark");
        mark.textContent = plain;
        out.append(mark);
      } else {
        out.append(document.createTextNode(plain));
      }
      return marked;
    }, false);
    return out;
  }

  function item(data, query) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    const url = new URL(data.url, location.href);
    url.searchParams.set(HIGHLIGHT_PARAM, query);
    a.href = url.href;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    const h1 = document.createElement("h1");
    h1.textContent = (data.meta && data.meta.title) || data.url;
    const p = document.createElement("p");
    p.append(excerptNodes(data.excerpt || ""));
    article.append(icon, h1, p);
    a.append(article);
    li.append(a);
    return li;
  }

  function count(n) {
    if (n === 0) return text.searchNone;
    if (n === 1) return text.searchOne;
    return text.searchOther.replace("#", String(n));
  }

  async function run(query) {
    const ticket = ++latest;
    query = query.trim();
    if (!query) {
      list.replaceChildren();
      meta.textContent = text.searchPlaceholder;
      return;
    }
    const [module, map] = await Promise.all([loadPagefind(), loadTable()]);
    const converted = inThisScript(query, map);
    const search = await module.search(converted);
    if (ticket !== latest) return;
    const ranked = (search && search.results) || [];
    meta.textContent = count(ranked.length);
    list.replaceChildren();
    pending = ranked;
    pendingQuery = converted;
    loading = null;
    await more(ticket);
    if (ticket === latest) root.dataset.answered = query;  // for tests and assistive checks: this query is shown
  }

  // The next batch of results, when there are more and the reader reached the end of the list.
  function more(ticket = latest) {
    if (loading || !pending.length) return loading || Promise.resolve();
    const batch = pending.slice(0, BATCH);
    pending = pending.slice(BATCH);
    loading = Promise.all(batch.map((r) => r.data())).then((shown) => {
      if (ticket !== latest) return;
      list.append(...shown.map((data) => item(data, pendingQuery)));
      loading = null;
      observer.disconnect();
      const last = list.lastElementChild;
      if (pending.length && last) observer.observe(last);
    });
    return loading;
  }

  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) more();
  }, { root: root.querySelector(".md-search__scrollwrap") });

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    input.focus();
    input.select();
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 120);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  // A button in the page that opens search (the 404 page's).
  document.querySelectorAll("[data-search-open]").forEach((button) => button.addEventListener("click", open));
  form.addEventListener("reset", () => setTimeout(() => run(""), 0));
  toggle.addEventListener("change", () => {
    if (toggle.checked) input.focus();
  });
  input.addEventListener("focus", () => {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
  });

  function links() {
    return Array.from(list.querySelectorAll(".md-search-result__link"));
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const active = document.activeElement;
    const typing = active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
    if (!toggle.checked) {
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "S")) {
        event.preventDefault();
        open();
      }
      return;
    }
    const results = links();
    const at = results.indexOf(active);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" && results.length) {
      event.preventDefault();
      if (at + 1 < results.length) results[at + 1].focus();
      else more().then(() => { const next = links()[at + 1]; if (next) next.focus(); });
    } else if (event.key === "ArrowUp" && (at >= 0 || active === input)) {
      event.preventDefault();
      if (at > 0) results[at - 1].focus();
      else input.focus();
    } else if (event.key === "Enter" && active === input && results.length) {
      event.preventDefault();
      results[0].click();
    }
  });

  meta.textContent = text.searchPlaceholder;
  highlightQuery();
})();
