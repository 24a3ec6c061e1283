"""The script switch and search in a real browser (Debian's Chromium via Playwright), against
the built site and against `mkdocs serve`: one click lands on the same article in the other
script and back, the root sends a first-time reader to the script their browser prefers (and is
plain links without JavaScript), and 反詐 / 反诈 find the anti-fraud articles in either script."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from conftest import MKDOCS, REPO

CONFIG = yaml.safe_load(re.sub(r"!!python/\S+", "", (REPO / "mkdocs.yml").read_text(encoding="utf-8")))
HANS, HANT = CONFIG["extra"]["variants"][0], CONFIG["extra"]["variants"][1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"mkdocs serve did not answer {url} within {timeout} s")


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    """`mkdocs serve` of the repo on a free loopback port; yields the site's base URL (it serves under
    site_url's path). Its output goes to a file: an unread pipe fills up and stalls the server."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = tmp_path_factory.mktemp("serve") / "mkdocs-serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([*MKDOCS, "serve", "-a", f"127.0.0.1:{port}", "--no-livereload"], cwd=REPO,
                                env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}{urlparse(CONFIG['site_url']).path}"
    try:
        wait_for(base + f"{HANS['root']}/", proc, log)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(params=["build", "serve"])
def base(request) -> str:
    return request.getfixturevalue("site_server" if request.param == "build" else "served_site")


@pytest.fixture
def context(browser):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def article_slugs(built_site) -> list[str]:
    return sorted(p.name for p in (built_site / HANS["root"] / "articles").iterdir())


def anti_fraud_pages(built_site) -> set[str]:
    index = json.loads((built_site / HANS["root"] / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {d["location"].split("#")[0] for d in index["docs"]
            if "反诈" in (d["title"] + d["text"]).replace("\u200b", "")}


def h1(page) -> str:
    return page.locator("article h1").first.inner_text().replace("¶", "").strip()


def test_switch_lands_on_the_same_article_in_the_other_script_and_back(base, context, built_site):
    slug = article_slugs(built_site)[0]
    hans_url, hant_url = f"{base}{HANS['root']}/articles/{slug}/", f"{base}{HANT['root']}/articles/{slug}/"
    page = context.new_page()
    page.goto(hans_url)
    simplified_title = h1(page)
    assert page.locator("html").get_attribute("lang") == "zh-Hans"

    page.locator(f".md-header .variant-switch a[hreflang='{HANT['lang']}']").click()
    page.wait_for_url(hant_url)
    assert page.locator("html").get_attribute("lang") == HANT["lang"]
    assert h1(page) != simplified_title and len(h1(page)) == len(simplified_title)
    assert page.evaluate("localStorage.getItem('script-variant')") == HANT["lang"]

    page.go_back()
    page.wait_for_url(hans_url)
    assert h1(page) == simplified_title

    page.go_forward()
    page.wait_for_url(hant_url)
    page.locator(f".md-header .variant-switch a[hreflang='{HANS['lang']}']").click()
    page.wait_for_url(hans_url)
    assert page.evaluate("localStorage.getItem('script-variant')") == HANS["lang"]


@pytest.mark.parametrize(("locale", "root"), [("zh-TW", HANT["root"]), ("zh-HK", HANT["root"]),
                                              ("zh-CN", HANS["root"]), ("en-US", HANS["root"])])
def test_site_root_sends_a_first_time_reader_to_the_script_their_browser_prefers(browser, site_server, locale, root):
    ctx = browser.new_context(locale=locale)
    page = ctx.new_page()
    page.goto(site_server)
    page.wait_for_url(f"{site_server}{root}/")
    ctx.close()


def test_site_root_remembers_the_readers_choice(browser, site_server, built_site):
    ctx = browser.new_context(locale="zh-TW")
    page = ctx.new_page()
    page.goto(f"{site_server}{HANT['root']}/articles/{article_slugs(built_site)[0]}/")
    page.locator(f".variant-switch a[hreflang='{HANS['lang']}']").click()
    page.wait_for_url(f"{site_server}{HANS['root']}/**")
    page.goto(site_server)
    page.wait_for_url(f"{site_server}{HANS['root']}/")  # chosen Simplified beats the zh-TW browser
    ctx.close()


def test_without_javascript_root_and_switch_are_plain_links(browser, site_server, built_site):
    ctx = browser.new_context(locale="zh-TW", java_script_enabled=False)
    page = ctx.new_page()
    page.goto(site_server)
    assert page.url == site_server  # no redirect without JavaScript
    page.locator(f"[data-variant-chooser] a[hreflang='{HANT['lang']}']").click()
    page.wait_for_url(f"{site_server}{HANT['root']}/")
    slug = article_slugs(built_site)[-1]
    page.goto(f"{site_server}{HANT['root']}/articles/{slug}/")
    page.locator(f".variant-switch a[hreflang='{HANS['lang']}']").click()
    page.wait_for_url(f"{site_server}{HANS['root']}/articles/{slug}/")
    ctx.close()


def search(page, query: str, expected_count: int, tries: int = 3) -> list[str]:
    """Type a query into Material's search box; the result links (query string and anchor dropped).
    A query typed while the worker is still starting can go unanswered: type it again, as a reader would."""
    box = page.locator("input.md-search__input")
    results = page.locator(".md-search-result__item > a")
    hrefs: list[str] = []
    for _ in range(tries):
        box.fill(query)
        box.press("End")  # Material reads the box on keyup (a reader's IME ends with one), not on input
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            hrefs = results.evaluate_all("els => els.map(e => e.href)")
            if len(hrefs) >= expected_count:
                time.sleep(0.3)  # let a longer result list finish rendering
                return sorted({h.split("?")[0].split("#")[0] for h in results.evaluate_all(
                    "els => els.map(e => e.href)")})
            time.sleep(0.2)
    return sorted({h.split("?")[0].split("#")[0] for h in hrefs})


@pytest.mark.parametrize("variant", [HANT, HANS], ids=["on-traditional", "on-simplified"])
def test_search_finds_anti_fraud_articles_typed_in_either_script(base, context, built_site, variant):
    fraud = anti_fraud_pages(built_site)
    articles = [f for f in fraud if f.startswith("articles/")]
    assert articles and len(articles) < len(article_slugs(built_site)), "need some articles with 反诈 and some without"
    expected = sorted(f"{base}{variant['root']}/{path}" for path in fraud)
    page = context.new_page()
    index_requests: list[str] = []
    page.on("request", lambda r: index_requests.append(r.url) if "search_index.json" in r.url else None)
    page.goto(f"{base}{variant['root']}/about/", wait_until="networkidle")
    assert index_requests == [], "a reader who does not search downloads no search index"
    for query in ("反詐", "反诈"):
        assert search(page, query, len(expected)) == expected, query
    # Material's worker loaded this variant's index only: results can only be in the reader's script.
    assert index_requests == [f"{base}{variant['root']}/search/search_index.json"]


def test_a_page_opened_from_a_search_result_highlights_the_query(browser, site_server, built_site):
    """The index loads lazily (hooks/seedtext/search.py), but a result link (?h=…) still highlights."""
    slug = next(path.split("/")[1] for path in sorted(anti_fraud_pages(built_site)) if path.startswith("articles/"))
    page = browser.new_page()
    page.goto(f"{site_server}{HANS['root']}/articles/{slug}/?h=反诈", wait_until="networkidle")
    page.locator("article mark").first.wait_for(timeout=10_000)
    assert "反诈" in page.locator("article mark").first.inner_text()
    page.close()
