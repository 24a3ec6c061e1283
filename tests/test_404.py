"""The 404 page (overrides/404.html) as GitHub Pages serves it: one file, site/404.html, for every missing
path, status 404 (site_server answers so, conftest.PagesHandler). It speaks the script of the tree the
reader was in, in Chinese only, and leads on: its tree's home, the other script's home, its tree's search."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from conftest import HANS, HANT

TITLE = {HANS.root: "页面不存在", HANT.root: "頁面不存在"}
MISSING_HANT = f"{HANT.root}/articles/no-such-article/deeper/still/"  # any depth: the links are absolute


class Text(HTMLParser):
    """What a reader can read on the page (templates too: they are swapped in): its text, and the title,
    aria-label, placeholder and alt attributes; each piece with the lang of its nearest element that has one."""

    READ_ATTRS = ("title", "aria-label", "placeholder", "alt")
    VOID = {"meta", "link", "input", "br", "img", "hr", "source", "wbr", "area", "base", "col", "embed", "track"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.pieces: list[tuple[str | None, str]] = []
        self.skip = 0

    def lang(self) -> str | None:
        return next((lang for _, lang in reversed(self.stack) if lang), None)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in self.VOID:
            self.stack.append((tag, a.get("lang")))
        if tag in ("script", "style", "svg"):
            self.skip += 1
        for name in self.READ_ATTRS:
            if a.get(name):
                self.pieces.append((self.lang(), a[name]))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if tag in ("script", "style", "svg"):
            self.skip -= 1
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.pieces.append((self.lang(), data.strip()))


@pytest.fixture(scope="module")
def not_found_html(built_site) -> str:
    return (built_site / "404.html").read_text(encoding="utf-8")


def test_the_404_page_is_in_chinese_in_both_scripts(not_found_html):
    parser = Text()
    parser.feed(not_found_html)
    text = [piece for _, piece in parser.pieces]
    latin = [piece for piece in text if re.search(r"[A-Za-z]{2,}", piece)]
    assert not latin, f"words not in Chinese: {latin}"  # Material's "404 - Not found", "Made with …"
    assert "not found" not in not_found_html.lower()
    for variant in (HANS, HANT):
        # Each script's message, marked with its lang (the page without JavaScript shows both).
        assert (variant.lang, TITLE[variant.root]) in parser.pieces, variant.root
    assert (HANT.lang, TITLE[HANS.root]) not in parser.pieces and (HANS.lang, TITLE[HANT.root]) not in parser.pieces
    assert re.search(r'<html lang="zh-Hans"', not_found_html)


def test_the_404_page_links_from_the_sites_root_path(not_found_html):
    # Served at any depth: every link of the page is absolute (the site's path, or the whole URL).
    hrefs = re.findall(r'\shref="([^"]*)"', not_found_html)
    assert hrefs
    relative = [h for h in hrefs if not (h.startswith("/") or urlsplit(h).scheme)]
    assert not relative, relative


def open_missing(context, site_server, path: str):
    """A missing page in a new tab: the tab, its script errors and its requests (kept on filling)."""
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    response = page.goto(site_server + path, wait_until="networkidle")
    assert response is not None and response.status == 404, response and response.status
    return page, errors, requests


def layout_shifts(page) -> list[tuple[float, bool]]:
    """The page's layout shifts so far: each one's score, and whether all it moved is in the header."""
    return [tuple(shift) for shift in page.evaluate("""() => new Promise(done => {
        const shifts = [];
        new PerformanceObserver(list => {
            for (const e of list.getEntries()) {
                shifts.push([e.value, e.sources.every(s => s.node && s.node.closest && s.node.closest(".md-header"))]);
            }
        }).observe({type: "layout-shift", buffered: true});
        setTimeout(() => done(shifts), 300);
    })""")]


def test_a_missing_traditional_page_speaks_traditional_and_leads_home(context, site_server):
    page, errors, requests = open_missing(context, site_server, MISSING_HANT)
    assert page.get_attribute("html", "lang") == HANT.lang
    heading = page.locator("h1")
    assert heading.count() == 1 and heading.inner_text() == TITLE[HANT.root]
    assert TITLE[HANS.root] not in page.locator("body").inner_text()
    assert page.title().startswith(TITLE[HANT.root])
    assert page.locator(".md-header__topic").first.inner_text().strip() == HANT.text("湖南政法报道选")
    # Nothing the page swaps in moves anything. (Chromium may paint every page of the site once before the
    # header's search box is parsed, moving the script switch: a shift of 0.0008, not the 404 page's.)
    shifts = layout_shifts(page)
    # The other script's message is hidden from the first paint, not only once keep() has removed it (a
    # paint in between showed it above the reader's, then took it away: a shift of 0.14 on CI).
    assert page.evaluate("""root => {
        const other = document.createElement("section");
        other.className = "not-found";
        other.setAttribute("data-tree", root);
        document.querySelector(".md-content").appendChild(other);
        const shown = getComputedStyle(other).display !== "none";
        other.remove();
        return shown;
    }""", HANS.root) is False
    assert all(in_header for _, in_header in shifts) and sum(score for score, _ in shifts) < 0.005, shifts
    # The header's script switch leads to the Simplified tree's home.
    switch = page.locator(".md-header .variant-switch__link")
    assert switch.count() == 1 and switch.get_attribute("hreflang") == HANS.lang
    with page.expect_navigation():
        switch.click()
    assert page.url == f"{site_server}{HANS.root}/"
    # Back on the 404 page, its home link leads to the Traditional home.
    page.go_back(wait_until="networkidle")
    assert page.get_attribute("html", "lang") == HANT.lang
    with page.expect_navigation():
        page.locator(".not-found__home").click()
    assert page.url == f"{site_server}{HANT.root}/"
    # Its footer, in Traditional, leads to the Traditional about page.
    page.go_back(wait_until="networkidle")
    with page.expect_navigation():
        page.locator(".md-footer").get_by_role("link", name=HANT.text("关于本站")).click()
    assert page.url == f"{site_server}{HANT.root}/about/"
    assert not errors, errors
    host = urlsplit(site_server).netloc
    assert all(urlsplit(u).netloc == host for u in requests if urlsplit(u).scheme in ("http", "https")), requests


SEARCH_BOX = """() => {
    const box = document.querySelector("[data-search]");
    return {bundle: new URL(box.dataset.searchBundle, location.href).href,
            table: new URL(box.dataset.searchTable, location.href).href,
            placeholder: box.querySelector("input").placeholder, none: box.dataset.searchNone};
}"""


def test_search_on_a_missing_traditional_page_finds_traditional_articles(context, site_server):
    tree_page = context.new_page()
    tree_page.goto(f"{site_server}{HANT.root}/about/", wait_until="networkidle")
    page, errors, _ = open_missing(context, site_server, MISSING_HANT)
    # The search box of the Traditional tree's pages: its words, its Pagefind bundle.
    assert page.evaluate(SEARCH_BOX) == tree_page.evaluate(SEARCH_BOX)
    page.locator("[data-search-open]").click()  # the message's search button opens the header's search box
    box = page.locator("input.md-search__input")
    assert box.evaluate("el => el === document.activeElement")
    box.type("反诈")  # typed in Simplified: converted to the tree's script, searched in the tree's bundle
    page.wait_for_function("q => document.querySelector('[data-search]').dataset.answered === q", arg="反诈",
                           timeout=10_000)
    results = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    assert results, "no result for 反诈"
    assert all(url.startswith(f"{site_server}{HANT.root}/articles/") for url in results), results
    assert "反詐" in page.locator(".md-search-result__item").first.inner_text()
    assert not errors, errors


@pytest.mark.parametrize("path", [f"{HANS.root}/articles/no-such-article/", "no-such-page/", "a/b/c.html"])
def test_a_missing_page_elsewhere_speaks_simplified(context, site_server, path):
    page, errors, _ = open_missing(context, site_server, path)
    assert page.get_attribute("html", "lang") == HANS.lang
    assert page.locator("h1").inner_text() == TITLE[HANS.root]
    assert page.locator(".not-found__home").get_attribute("href").endswith(f"/{HANS.root}/")
    assert page.locator(".md-header .variant-switch__link").get_attribute("hreflang") == HANT.lang
    assert page.locator("[data-search]").get_attribute("data-search-bundle").endswith(f"/{HANS.root}/pagefind/")
    assert not errors, errors


def test_without_javascript_both_scripts_show(browser, site_server):
    context = browser.new_context(java_script_enabled=False, locale="zh-TW")
    try:
        page = context.new_page()
        response = page.goto(site_server + MISSING_HANT)
        assert response.status == 404
        for variant in (HANS, HANT):
            message = page.locator(f'section.not-found[lang="{variant.lang}"]')
            assert message.is_visible() and message.locator("h1").inner_text() == TITLE[variant.root]
            assert message.locator(".not-found__home").get_attribute("href").endswith(f"/{variant.root}/")
        assert not page.locator("[data-search-open]").first.is_visible()  # it needs JavaScript
    finally:
        context.close()
