"""Search as a reader uses it, in Debian's Chromium against the built site and `mkdocs serve`:
Pagefind in Material's search box, in each script, with queries typed in the other script, by
keyboard, with the query highlighted on the page a result opens, and nothing fetched before the
reader searches."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from conftest import HANS, HANT

RESULT_LINKS = ".md-search-result__item > a"


def article_text(html: str) -> str:
    """The text Pagefind indexes: the article body (data-pagefind-body) without the tag chips and the lists
    of other articles (hooks/search_index.py EXCLUDE_SELECTORS), markup stripped."""
    body = html.split("data-pagefind-body", 1)[1]
    body = re.sub(r'<nav class="md-tags".*?</nav>', "", body, flags=re.S)
    body = re.sub(r'<(h2|li) class="article-links".*?</\1>', "", body, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", "", body))


def articles_naming(built_site: Path, root: str, word: str) -> set[str]:
    """Paths (root/articles/slug/) of the articles whose text holds the word."""
    return {f"{root}/articles/{page.parent.name}/"
            for page in (built_site / root / "articles").glob("*/index.html")
            if word in article_text(page.read_text(encoding="utf-8"))}


def search(page, query: str) -> list[str]:
    """Type the query into the search box as a reader would; the result links in rank order (?h=… dropped)."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.type(query)
    page.wait_for_function("q => document.querySelector('[data-search]').dataset.answered === q", arg=query,
                           timeout=10_000)
    page.wait_for_timeout(300)  # the next batch loads when the list's end is in view
    return [href.split("?")[0] for href in page.locator(RESULT_LINKS).evaluate_all("els => els.map(e => e.href)")]


# (word in Simplified, the same in Traditional): a campaign, a place, a long phrase
WORDS = [("反诈", "反詐"), ("交通安全", "交通安全"), ("营商环境", "營商環境")]


@pytest.mark.parametrize("variant", [HANS, HANT], ids=["simplified", "traditional"])
def test_a_query_in_either_script_finds_the_articles_that_name_it(base, context, built_site, variant):
    page = context.new_page()
    slug = sorted(p.name for p in (built_site / variant["root"] / "articles").iterdir())[0]
    page.goto(f"{base}{variant['root']}/articles/{slug}/", wait_until="networkidle")
    page.keyboard.press("/")
    for simplified, traditional in WORDS:
        own = traditional if variant is HANT else simplified
        expected = {base + path for path in articles_naming(built_site, variant["root"], own)}
        assert expected, own
        for query in (simplified, traditional):
            found = search(page, query)
            # Every article naming the word, ranked before any that only hold its characters apart.
            assert set(found[:len(expected)]) == expected, (query, found)
            assert all(url.startswith(f"{base}{variant['root']}/articles/") for url in found), found
    page.close()


def test_results_show_title_and_excerpt_in_the_readers_script(site_server, context, built_site):
    page = context.new_page()
    page.goto(f"{site_server}{HANT['root']}/about/", wait_until="networkidle")
    page.keyboard.press("/")
    assert search(page, "反诈")
    first = page.locator(".md-search-result__item").first
    title, excerpt = first.locator("h1").inner_text(), first.locator("p").inner_text()
    marked = "".join(first.locator("p mark").all_inner_texts())  # Pagefind marks each word of the query
    assert title and "反詐" in excerpt and "反" in marked and "詐" in marked
    assert "诈" not in excerpt and len(excerpt) > 20
    assert "個符合條件的結果" in page.locator(".md-search-result__meta").inner_text()
    page.close()


def test_nothing_is_fetched_for_search_until_the_reader_types(site_server, context, built_site):
    requests: list[str] = []
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    slug = sorted(p.name for p in (built_site / HANS["root"] / "articles").iterdir())[0]
    page.goto(f"{site_server}{HANS['root']}/articles/{slug}/", wait_until="networkidle")
    page.keyboard.press("/")  # opening the box is not searching yet
    page.wait_for_timeout(500)
    assert not [u for u in requests if "/pagefind/" in u or "search-script" in u], requests
    search(page, "公安")
    assert any(u.endswith("/pagefind/pagefind.js") for u in requests)
    assert any(f"/pagefind/index/{HANS['lang'].lower()}_" in u for u in requests)  # this script's index only
    assert not any(f"/pagefind/index/{HANT['lang'].lower()}_" in u for u in requests)
    page.close()


def test_keyboard_opens_moves_through_results_and_opens_one_with_the_query_highlighted(site_server, context):
    page = context.new_page()
    page.goto(f"{site_server}{HANS['root']}/about/", wait_until="networkidle")
    toggle = page.locator("#__search")
    page.keyboard.press("s")
    assert toggle.is_checked()
    assert page.evaluate("document.activeElement.matches('[data-search-query]')")
    page.keyboard.press("Escape")
    assert not toggle.is_checked()
    page.keyboard.press("/")
    assert toggle.is_checked()
    found = search(page, "反诈")
    assert len(found) >= 2
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href").split("?")[0] == found[1]
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.href").split("?")[0] == found[0]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(found[0]) + r"\?h="))
    mark = page.locator("[data-pagefind-body] mark").first
    mark.wait_for(timeout=10_000)
    assert "反诈" in mark.inner_text()
    page.close()
