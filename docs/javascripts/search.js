/*
 * Search with Pagefind in Material's search box (overrides/partials/search.html).
 *
 * Nothing is fetched until the reader types a query: then Pagefind's script, its WebAssembly and the
 * index chunks the query needs, all from this site (the bundle in /pagefind/, one index per script:
 * Pagefind picks the index of the page's <html lang>; a large site's index comes in parts, merged). A query typed in
 * the other script is spelt in this one character by character with this variant's table (search-script.txt:
 * a line per typed character, then each spelling of it this script's pages use, written by the build from
 * OpenCC's tables: 复 is 復 or 複 by the word, so 行政复议 is asked as 行政復議 and 行政複議, and a page holding
 * either is found).
 *
 * The query is words (parted by spaces or punctuation); a page is a result when its text holds every word
 * as a string. The index holds each Han character as a word (hooks/search_index.py han_characters), so
 * each query word is asked of Pagefind as an exact phrase of its characters ("反 诈": the pages holding
 * 反诈, not 反扒窃), the pages answering every word kept, ranked by Pagefind's score for the words'
 * characters. The count is known before any page's fragment loads; the excerpt is the article text around
 * the first word found, within one paragraph, each query word marked where it occurs.
 * Keyboard: "/" or "s" opens search, arrows move through the results, Enter opens one, Escape closes.
 * A result link carries ?h=<word> for each query word, in this script: the page it opens marks every
 * occurrence of each and scrolls to the first (markHits below).
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

  // Not the article's own text (hooks/search_index.py EXCLUDE_SELECTORS and the related lists): not marked.
  const NOT_TEXT = ".headerlink, .para-link, .para-raw, .raw-link, .printed, .md-tags, .article-links, " +
    ".read-on, .cite, .gap-note, script, style";

  // The query's words: parted by spaces and punctuation, each once, longest first (so a longer word is
  // marked whole where a shorter one lies inside it).
  function queryWords(query) {
    const words = query.split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
    return Array.from(new Set(words)).sort((a, b) => b.length - a.length);
  }

  // Where the words occur in a text, left to right, never overlapping: [start, end] pairs.
  function hits(textValue, words) {
    const found = [];
    const lower = textValue.toLowerCase();
    const lowered = words.map((w) => w.toLowerCase());
    for (let at = 0; at < lower.length;) {
      const word = lowered.find((w) => lower.startsWith(w, at));
      if (word) {
        found.push([at, at + word.length]);
        at += word.length;
      } else {
        at += 1;
      }
    }
    return found;
  }

  // Text with the hits marked, as nodes (never HTML).
  function markedNodes(textValue, words) {
    const out = document.createDocumentFragment();
    let last = 0;
    for (const [from, to] of hits(textValue, words)) {
      if (from > last) out.append(document.createTextNode(textValue.slice(last, from)));
      const mark = document.createElement("mark");
      mark.textContent = textValue.slice(from, to);
      out.append(mark);
      last = to;
    }
    if (last < textValue.length) out.append(document.createTextNode(textValue.slice(last)));
    return out;
  }

  // The page opened from a result marks every occurrence of each query word in the article and scrolls
  // to the first, to the middle of the window (never under the sticky header).
  function markHits() {
    const words = queryWords(new URLSearchParams(location.search).getAll(HIGHLIGHT_PARAM).join(" "));
    const body = document.querySelector("[data-pagefind-body]");
    if (!words.length || !body) return;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement.closest(NOT_TEXT) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    let first = null;
    for (const node of nodes) {
      if (!hits(node.data, words).length) continue;
      const marked = markedNodes(node.data, words);
      marked.querySelectorAll("mark").forEach((mark) => mark.setAttribute("data-search-hit", ""));
      first = first || marked.querySelector("mark");
      node.replaceWith(marked);
    }
    if (!first) return;
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    requestAnimationFrame(() => first.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" }));
  }

  markHits();
  if (!root || !toggle) return;  // the root chooser, outside the script variants: no search
  const input = root.querySelector("[data-search-query]");
  const meta = root.querySelector("[data-search-meta]");
  const list = root.querySelector("[data-search-results]");
  const form = root.querySelector("form");
  const text = root.dataset;

  let pagefind = null;   // Promise of the Pagefind module, once the reader types
  let table = null;      // Promise of Map(typed character -> its spellings in this script)
  let latest = 0;        // the newest query wins; older answers are dropped
  let pending = [];      // ranked results not shown yet, and the query words they answer
  let pendingWords = [];
  let loading = null;    // the batch being loaded

  function loadPagefind() {
    if (!pagefind) {
      const bundle = bundleUrl();
      // A large site's index is written in parts (hooks/search_index.py); parts.json names the others.
      const others = fetch(new URL("parts.json", bundle)).then((r) => (r.ok ? r.json() : [])).catch(() => []);
      pagefind = import(new URL("pagefind.js", bundle).href).then(async (module) => {
        // Result URLs relative to the site root, wherever the site is hosted.
        const options = { baseUrl: new URL("..", bundle).pathname };
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
      table = fetch(new URL(text.searchTable, location.href)).then((r) => (r.ok ? r.text() : "")).then((lines) => {
        const map = new Map();
        for (const line of lines.split("\n")) {
          const chars = Array.from(line);
          if (chars.length > 1) map.set(chars[0], chars.slice(1));
        }
        return map;
      }).catch(() => new Map());
    }
    return table;
  }

  const SPELLINGS = 16;  // a word's spellings asked at most (each is one search of the index)

  // A typed word's spellings in this script: every combination of its characters' spellings, the usual
  // first; past SPELLINGS, the later characters take their usual spelling only.
  function spellings(word, map) {
    let out = [""];
    for (const ch of Array.from(word)) {
      const forms = map.get(ch) || [ch];
      const wider = out.length * forms.length <= SPELLINGS ? forms : forms.slice(0, 1);
      out = out.flatMap((head) => wider.map((form) => head + form));
    }
    return out;
  }

  // Every spelling of every word, longest first: what is marked.
  function flat(words) {
    return Array.from(new Set(words.flat())).sort((a, b) => b.length - a.length);
  }

  const EXCERPT = 64;  // characters of article text shown around the first word found
  const ZWSP = /\u200b/g;  // the index's parting of Han characters, in the title and anchors' text

  // The paragraphs of a fragment's content: Pagefind joins an element's text to the next with ". " (or a
  // space after a full stop); those joins are cut, never shown.
  function blocks(content) {
    return content.split(/\. (?=\S)|(?<=[。！？；…”’」』）])\s+/u).map((b) => b.trim()).filter(Boolean);
  }

  // The article text around the first word found: the first paragraph holding a word after the head
  // (title, subtitle and byline, which the result shows apart or need not show), else the head's; cut to
  // EXCERPT characters with an ellipsis where the paragraph goes on.
  function excerptText(data, words) {
    words = flat(words);
    const all = blocks(data.content || "");
    const firstText = (data.anchors || []).find((a) => a.element === "p" && a.text);
    const opening = firstText ? firstText.text.replace(ZWSP, "").slice(0, 12) : "";
    let body = opening ? all.findIndex((b) => b.startsWith(opening)) : 0;
    if (body < 0) body = 0;
    const holding = (b) => hits(b, words).length > 0;
    const block = all.slice(body).find(holding) || all.slice(0, body).find(holding) || all[body] || "";
    const at = holding(block) ? hits(block, words)[0][0] : 0;
    const start = Math.max(0, Math.min(at - 16, block.length - EXCERPT));
    const end = Math.min(block.length, start + EXCERPT);
    return (start > 0 ? "…" : "") + block.slice(start, end) + (end < block.length ? "…" : "");
  }

  function item(data, words) {
    words = flat(words);
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    const url = new URL(data.url, location.href);
    url.search = "";
    for (const word of words) url.searchParams.append(HIGHLIGHT_PARAM, word);
    a.href = url.href;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    const h1 = document.createElement("h1");
    h1.textContent = ((data.meta && data.meta.title) || data.url).replace(ZWSP, "");
    const p = document.createElement("p");
    p.append(markedNodes(excerptText(data, words), words));
    article.append(icon, h1, p);
    a.append(article);
    li.append(a);
    return li;
  }

  // A query word as Pagefind is asked for it: an exact phrase of its Han characters, each a word of the
  // index, and of its other runs (letters, digits) as they are.
  function phrase(word) {
    const parts = word.match(/\p{Script=Han}|[^\p{Script=Han}]+/gu) || [];
    return `"${parts.join(" ")}"`;
  }

  // The pages holding every word (in one of its spellings), ranked: one exact search a spelling (the count is
  // exact before any fragment loads), then Pagefind's ranking of all the words' characters (the same index
  // chunks) orders them.
  async function find(module, words) {
    let kept = null;
    for (const word of words) {
      const ids = new Map();
      for (const spelling of word) {
        const search = await module.search(phrase(spelling));
        for (const r of (search && search.results) || []) if (!ids.has(r.id)) ids.set(r.id, r);
      }
      kept = kept === null ? ids : new Map(Array.from(kept).filter(([id]) => ids.has(id)));
      if (!kept.size) return [];
    }
    const ranking = await module.search(words.map((w) => phrase(w[0]).slice(1, -1)).join(" "));
    const score = new Map(((ranking && ranking.results) || []).map((r) => [r.id, r.score]));
    return Array.from(kept.values()).sort((x, y) => (score.get(y.id) || 0) - (score.get(x.id) || 0));
  }

  // A page's text (a fragment's content) holds every word: what the index promised, checked where it is
  // read (Pagefind's positions pass over a space between two characters: 李寒露 陈卫林 answers 露陈).
  function holdsAll(data, words) {
    const textValue = (data.content || "").toLowerCase();
    return words.every((word) => word.some((w) => textValue.includes(w.toLowerCase())));
  }

  function count(n) {
    if (n === 0) return text.searchNone;
    if (n === 1) return text.searchOne;
    return text.searchOther.replace("#", String(n));
  }

  let shownCount = 0;

  async function run(query) {
    const ticket = ++latest;
    query = query.trim();
    if (!query) {
      list.replaceChildren();
      meta.textContent = text.searchPlaceholder;
      return;
    }
    const [module, map] = await Promise.all([loadPagefind(), loadTable()]);
    const words = queryWords(query).map((word) => spellings(word, map));
    const ranked = words.length ? await find(module, words) : [];
    if (ticket !== latest) return;
    shownCount = ranked.length;
    meta.textContent = count(shownCount);
    list.replaceChildren();
    pending = ranked;
    pendingWords = words;
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
      const holding = shown.filter((data) => holdsAll(data, pendingWords));
      if (holding.length < shown.length) {
        shownCount -= shown.length - holding.length;
        meta.textContent = count(shownCount);
      }
      list.append(...holding.map((data) => item(data, pendingWords)));
      loading = null;
      observer.disconnect();
      const last = list.lastElementChild;
      if (pending.length && last) observer.observe(last);
      if (pending.length && holding.length < BATCH && list.children.length < BATCH) return more(ticket);
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
})();
