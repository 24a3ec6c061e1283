"""Accessibility as a reader with assistive technology meets it: axe-core (npm, pinned in
package-lock.json, injected into Debian's Chromium) finds no serious or critical violation on the
home page, an article, its 原文对照 page and the tag index of every script variant; every page declares its
language, has one h1 and works with the keyboard (the pages carry no images: captions stand without
their photos)."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from conftest import REPO, SITE, longest_article

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
VARIANTS = SITE.variants


def pages_to_check(built_site) -> list[tuple[str, str]]:
    out = []
    for variant in VARIANTS:
        root = variant.root
        article = sorted((built_site / root / "articles").iterdir())[0].name
        # the home page, an article, its 原文对照 page, the longest article and the tag index (tags/, in the navigation)
        out += [(root, ""), (root, f"articles/{article}/"), (root, f"raw/{article}/"),
                (root, f"articles/{longest_article(built_site)}/"), (root, "tags/")]
    return out


@pytest.fixture(scope="module")
def page(browser):
    if not AXE.exists():
        pytest.fail(f"{AXE} missing: run `npm ci` in the repository root")
    p = browser.new_page()
    yield p
    p.close()


def open_page(page, site_server, root, path):
    response = page.goto(urljoin(site_server, f"{root}/{path}"), wait_until="networkidle")
    assert response is not None and response.ok, f"{root}/{path}: {response and response.status}"


def test_axe_finds_no_serious_or_critical_violation(built_site, site_server, page):
    problems = []
    for root, path in pages_to_check(built_site):
        open_page(page, site_server, root, path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                          nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }""")
        problems += [(f"{root}/{path}", v) for v in result if v["impact"] in ("serious", "critical")]
    assert not problems, "\n".join(f"{where}: {v['id']} ({v['impact']}) {v['help']} {v['nodes']}"
                                   for where, v in problems)


def test_language_and_one_h1(built_site, site_server, page):
    for root, path in pages_to_check(built_site):
        open_page(page, site_server, root, path)
        lang = page.get_attribute("html", "lang")
        expected = next(v.lang for v in VARIANTS if v.root == root)
        # The page says which script it is in (screen readers pick the voice, browsers the font).
        assert lang == expected, (root, path, lang)
        assert page.locator("h1").count() == 1, (root, path)


def test_keyboard_reaches_content_and_follows_links(built_site, site_server, page):
    root = VARIANTS[0].root
    open_page(page, site_server, root, "")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.className + ' ' + document.activeElement.getAttribute('href')")
    assert "md-skip" in first, f"first Tab stop should be the skip link, got {first}"
    page.keyboard.press("Enter")
    # Tab on until an article link has the focus; it must be visible, and Enter must open it.
    for _ in range(60):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if "articles/" in href:
            break
    else:
        pytest.fail("no article link reachable with Tab from the home page")
    outline = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return s.outlineStyle !== 'none' || s.boxShadow !== 'none' || s.textDecorationLine !== 'none'; }""")
    assert outline, "the focused link shows no focus indicator"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/articles/" in page.url
    # The script switch opens and works from the keyboard as well.
    # The script switch (one link to the twin page, overrides/partials/alternate.html) works from the keyboard.
    article_path = page.url.split("/", 4)[-1]
    switch = page.locator(".md-header .variant-switch__link")
    assert switch.count() == len(VARIANTS) - 1, "the article page has no script switch in its header"
    switch.first.focus()
    assert page.evaluate("document.activeElement.getAttribute('hreflang') || ''"), "the switch takes no focus"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(article_path) and f"/{VARIANTS[1].root}/" in page.url, page.url
