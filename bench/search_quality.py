"""Does the search box find the articles holding a word, and only those? (issue 25)

A real browser (Debian's Chromium) types each word into the search box of a built site, in each script,
and reads every result (the batches loaded by scrolling the list). The words: the tags the article pages
carry, and a sample of jieba words from the articles' text (a fixed seed), 150 in all. Each is typed in
the page's script (the word as the variant converts it) and, on the other trees, also in Simplified (the
site converts the query). For each word the truth is the articles whose indexed text (what Pagefind reads:
the article body without the excluded elements, hooks/search_index.py EXCLUDE_SELECTORS) holds it:

- recall: of the (article, word) pairs where the article holds the word, how many were returned;
- precision: of the (article, word) pairs returned, how many hold the word;
- count: the words whose count line promised another number than the results listed.

    .venv/bin/python bench/search_quality.py [--site DIR] [--words 150] [--seed 25] [--show-misses]

Without --site the worktree's site is built first (`mkdocs build` into a temporary folder).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from options import load_project_options  # noqa: E402
from search_index import EXCLUDE_SELECTORS  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
HAN = re.compile(r"^[\u3400-\u9fff]{2,}$")
SKIPPED = {s.lstrip(".") for s in EXCLUDE_SELECTORS}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "blockquote", "div", "td", "th", "tr"}


class IndexedText(HTMLParser):
    """The text Pagefind indexes of an article page: inside data-pagefind-body, without the elements it is
    told to leave out; a line break between blocks (a word is never found across two)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0      # depth inside data-pagefind-body (0: outside)
        self.skip = 0       # depth inside a left-out element (0: not in one)
        self.parts: list[str] = []
        self.tags: list[str] = []  # the tag chips (md-tags), read apart
        self.in_tags = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if self.depth:
            self.depth += 1
            if self.skip:
                self.skip += 1
            elif classes & SKIPPED:
                self.skip = 1
            if tag in BLOCKS:
                self.parts.append("\n")
        elif "data-pagefind-body" in attrs:
            self.depth = 1
        if self.in_tags:
            self.in_tags += 1
        elif "md-tags" in classes:
            self.in_tags = 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.depth:
            self.depth -= 1
            if self.skip:
                self.skip -= 1
            if tag in BLOCKS:
                self.parts.append("\n")
        if self.in_tags:
            self.in_tags -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)
        if self.in_tags and data.strip():
            self.tags.append(data.strip())


def read_articles(tree: Path) -> dict[str, IndexedText]:
    """Each article page of a variant tree (root/articles/slug/), read."""
    pages = {}
    for page in sorted(tree.glob("articles/*/index.html")):
        parser = IndexedText()
        parser.feed(page.read_text(encoding="utf-8"))
        pages[f"{tree.name}/articles/{page.parent.name}/"] = parser
    return pages


def vocabulary(simplified: dict[str, IndexedText], total: int, seed: int) -> tuple[list[str], list[str]]:
    """The tags the Simplified articles carry, and jieba words (two or more Han characters, not a tag) from
    their text, sampled with `seed`, to `total` words in all."""
    import jieba

    jieba.setLogLevel(60)
    tags = sorted({tag for page in simplified.values() for tag in page.tags})
    words = sorted({w for page in simplified.values() for w in jieba.cut("".join(page.parts))
                    if HAN.match(w)} - set(tags))
    return tags, sorted(random.Random(seed).sample(words, total - len(tags)))


def build(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=ROOT,
                          env=env, capture_output=True, text=True)
    if proc.returncode:
        sys.exit(proc.stdout + proc.stderr)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def search_all(page, query: str) -> tuple[list[str], str]:
    """Every result of a query (the list scrolled to its end until nothing more loads), as paths
    root/articles/slug/, and the count line."""
    box = page.locator("input.md-search__input")
    box.fill(query)
    page.wait_for_function("q => document.querySelector('[data-search]').dataset.answered === q", arg=query,
                           timeout=15_000)
    seen = -1
    while True:
        links = page.locator(".md-search-result__item > a")
        n = links.count()
        if n == seen:
            break
        seen = n
        if n:
            links.nth(n - 1).scroll_into_view_if_needed()
        page.wait_for_timeout(250)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.pathname)")
    meta = page.locator(".md-search-result__meta").inner_text()
    return [h.lstrip("/") for h in hrefs], meta


def promised(meta: str) -> int | None:
    digits = re.findall(r"\d+", meta)
    if digits:
        return int(digits[0])
    return 0 if "没" in meta or "沒" in meta else None


def measure(base: str, variant, articles: dict[str, IndexedText], words: list[str], typed_as, browser,
            show_misses: bool) -> dict:
    texts = {path: "".join(parser.parts) for path, parser in articles.items()}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}{variant.root}/about/", wait_until="networkidle")
    page.keyboard.press("/")
    held = returned = hits = 0
    found_pairs = 0
    miscounted = []
    for word in words:
        own = variant.text(word)
        truth = {path for path, text in texts.items() if own in text}
        found, meta = search_all(page, typed_as(word))
        found = set(found)
        held += len(truth)
        returned += len(found)
        hits += len(found & truth)
        found_pairs += len(truth & found)
        if promised(meta) != len(found):
            miscounted.append((own, meta, len(found)))
        if show_misses and found != truth:
            print(f"  {variant.root} {typed_as(word)}: missed {sorted(truth - found)} extra {sorted(found - truth)}")
    page.close()
    return {"recall": (found_pairs, held), "precision": (hits, returned), "miscounted": miscounted}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build the worktree's)")
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--seed", type=int, default=25)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()

    site_options, _ = load_project_options(ROOT)
    variants = site_options.variants
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build(site)
        trees = {v.root: read_articles(site / v.root) for v in variants}
        tags, jieba_words = vocabulary(trees[variants[0].root], args.words, args.seed)
        words = tags + jieba_words
        print(f"{len(words)} words ({len(tags)} tags, {len(jieba_words)} jieba words, seed {args.seed}); "
              + ", ".join(f"{len(trees[v.root])} articles in {v.root}" for v in variants))
        server, base = serve(site)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            print("| script | typed in | recall | precision | count line wrong |")
            print("|---|---|---|---|---|")
            for variant in variants:
                runs = [(variant.root, variant.text)]
                if variant is not variants[0]:
                    runs.append((variants[0].root, lambda w: w))
                for typed_root, typed_as in runs:
                    r = measure(base, variant, trees[variant.root], words, typed_as, browser, args.show_misses)
                    (f, h), (c, n) = r["recall"], r["precision"]
                    precision = c / n if n else 1
                    print(f"| {variant.root} | {typed_root} | {f}/{h} = {f / h:.2f} | {c}/{n} = {precision:.2f} "
                          f"| {len(r['miscounted'])} |", flush=True)
                    for own, meta, listed in r["miscounted"][:5]:
                        print(f"    {own}: count line {meta!r}, {listed} listed")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
