"""The reader's side of a built site: the bytes (raw and gzipped) a browser fetches to open one article and
then to run a first search, and the seconds from typing the query to the first result shown (Playwright and
Debian's Chromium against the site served on loopback)."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import threading
import time
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
QUERY = "反诈"  # the first search, typed in Simplified on every site (on the Traditional one: across scripts)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_dir(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def local_file(site_dir: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    rel = url[len(base):].split("?")[0].split("#")[0]
    path = site_dir / rel
    return path / "index.html" if rel.endswith("/") or rel == "" or path.is_dir() else path


def kind(path: Path) -> str:
    if path.name == "search_index.json":
        return "search index"
    if "workers" in path.parts:
        return "search worker"
    if path.parent.name == "pagefind" or "pagefind" in path.parts:
        return "pagefind"
    return {".html": "html", ".css": "css", ".js": "js", ".json": "json"}.get(path.suffix, path.suffix or "other")


def tally(site_dir: Path, base: str, urls: list[str]) -> dict:
    """Bytes of the responses, raw and gzipped (what a server with compression sends), by kind."""
    total = {"raw": 0, "gzip": 0, "files": 0, "by_kind": {}}
    for url in dict.fromkeys(urls):
        path = local_file(site_dir, base, url)
        if path is None or not path.is_file():
            continue
        data = path.read_bytes()
        # Pagefind's index files are gzipped already: a server sends them as they are.
        gz = len(data) if path.suffix.startswith(".pf_") or path.suffix == ".pagefind" else len(gzip.compress(data, 6))
        total["raw"] += len(data)
        total["gzip"] += gz
        total["files"] += 1
        k = total["by_kind"].setdefault(kind(path), [0, 0])
        k[0] += len(data)
        k[1] += gz
    return total


def new_browser(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"])


@contextlib.contextmanager
def fresh_page(site_dir: Path):
    """The site served on loopback and a page in a fresh browser (empty cache): (page, base URL, the URLs
    of every response so far, appended as they come)."""
    from playwright.sync_api import sync_playwright

    server, base = serve_dir(site_dir)
    try:
        with sync_playwright() as p:
            browser = new_browser(p)
            page = browser.new_context().new_page()
            urls: list[str] = []
            page.on("response", lambda r: urls.append(r.url))
            yield page, base, urls
            browser.close()
    finally:
        server.shutdown()


def reader_bytes(site_dir: Path, root: str, query: str) -> dict:
    """Open one article in a fresh browser (empty cache), then type a first search: bytes for each step,
    and seconds from typing the query to the first result shown."""
    article = sorted((site_dir / root / "articles").iterdir())[len(list((site_dir / root / "articles").iterdir())) // 2]
    with fresh_page(site_dir) as (page, base, urls):
        page.goto(f"{base}{root}/articles/{article.name}/", wait_until="networkidle")
        time.sleep(1.0)
        opened = list(urls)
        box = page.locator("input.md-search__input")
        page.keyboard.press("s")  # opens search (Material's shortcut; the Pagefind box keeps it)
        results = page.locator(".md-search-result__item")
        found, seconds = 0, None
        for _ in range(5):  # Material's worker may miss a query typed while it starts: type it again
            start = time.perf_counter()
            box.fill(query)
            box.press("End")
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not (found := results.count()):
                time.sleep(0.02)
            if found:
                seconds = time.perf_counter() - start
                break
        page.wait_for_load_state("networkidle")
        searched = urls[len(opened):]
    return {"article": f"{root}/articles/{article.name}/", "open": tally(site_dir, base, opened),
            "first_search": tally(site_dir, base, searched), "query": query, "results_shown": found,
            "seconds_to_results": seconds}
