"""Reading comfort in a real browser (Debian's Chromium), in both scripts, on a phone (390 px, touch) and a
desktop (1280 px): Chinese fonts draw every character of the text, a paragraph's own links never take a
line of the text, the script switch keeps the reader's place, the footer speaks of this site and the gap
mark says what it means."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from conftest import HANS, HANT, longest_article

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
SCREENS = pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["390px", "1280px"])
SCRIPTS = pytest.mark.parametrize("variant", [HANS, HANT], ids=lambda v: v.root)


@pytest.fixture
def screen_page(browser, request):
    contexts = []

    def open_page(screen: dict, url: str):
        ctx = browser.new_context(locale="zh-CN", **screen)
        contexts.append(ctx)
        page = ctx.new_page()
        page.goto(url)
        return page

    yield open_page
    for ctx in contexts:
        ctx.close()


def fonts_drawing(page, selector: str) -> set[str]:
    """The fonts Chromium drew the element's characters with (not the declared list: the fonts used)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    return {font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}


@SCRIPTS
def test_a_cjk_font_draws_the_text_its_quotation_marks_and_digits(site_server, built_site, screen_page, variant):
    page = screen_page(DESKTOP, urljoin(site_server, f"{variant.root}/articles/{longest_article(built_site)}/"))
    # The first paragraph holding a quotation mark and a digit; its first quotation mark on its own.
    marked = page.evaluate("""() => {
        const p = [...document.querySelectorAll('article p[id^=p]')]
            .find(p => /[“「]/.test(p.textContent) && /[0-9]/.test(p.textContent));
        p.setAttribute('data-probe', 'paragraph');
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let node; (node = walker.nextNode());) {
            const at = node.data.search(/[“「]/);
            if (at < 0) continue;
            const mark = node.splitText(at); mark.splitText(1);
            const span = document.createElement('span'); span.setAttribute('data-probe', 'quote');
            mark.replaceWith(span); span.append(mark);
            return span.textContent;
        }
    }""")
    assert marked in "“「"
    for probe in ("paragraph", "quote"):
        fonts = fonts_drawing(page, f"[data-probe={probe}]")
        assert fonts and all("CJK" in font for font in fonts), (probe, fonts)  # no Latin font for “ or 2025
    script = "SC" if variant is HANS else "TC"
    assert all(font.endswith(script) for font in fonts_drawing(page, "[data-probe=paragraph]"))


@SCRIPTS
@SCREENS
def test_a_paragraphs_links_never_take_a_line_of_its_own(site_server, built_site, screen_page, variant, screen):
    page = screen_page(screen, urljoin(site_server, f"{variant.root}/articles/{longest_article(built_site)}/"))
    heights = page.evaluate("""() => [...document.querySelectorAll('article p[id^=p]')].map(p => {
        const before = p.getBoundingClientRect().height;
        const links = p.querySelector('.para-links');
        links.remove();
        const after = p.getBoundingClientRect().height;
        p.append(links);
        return [p.id, before, after];
    })""")
    assert len(heights) > 20
    taller = [(pid, before, after) for pid, before, after in heights if before != after]
    assert not taller  # the links add no line to any paragraph (nor stretch its last line)


@SCRIPTS
def test_on_a_phone_the_links_show_for_the_tapped_paragraph_only(site_server, built_site, screen_page, variant):
    page = screen_page(PHONE, urljoin(site_server, f"{variant.root}/articles/{longest_article(built_site)}/"))
    third, fourth = page.locator("article p[id^=p]").nth(2), page.locator("article p[id^=p]").nth(3)
    shown = "p => getComputedStyle(p.querySelector('.para-links')).opacity"
    assert third.evaluate(shown) == "0" and fourth.evaluate(shown) == "0"  # not after every paragraph
    # Hidden, the links catch no tap: what lies under the 原文 link is not the link.
    raw = third.locator("a.para-raw")
    box = raw.bounding_box()
    assert raw.evaluate("(a, [x, y]) => document.elementFromPoint(x, y) !== a",
                        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    third.tap(position={"x": 20, "y": 10})
    assert third.evaluate(shown) == "1" and fourth.evaluate(shown) == "0"
    box = raw.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24  # a finger's target
    fourth.tap(position={"x": 20, "y": 10})
    assert third.evaluate(shown) == "0" and fourth.evaluate(shown) == "1"
    with page.expect_navigation():
        fourth.locator("a.para-raw").tap()
    assert re.search(r"/raw/[^/]+/#p\d+$", page.url)


@SCRIPTS
@SCREENS
def test_the_switch_from_a_paragraph_lands_on_that_paragraph_of_the_twin(site_server, built_site, screen_page,
                                                                          variant, screen):
    other = HANT if variant is HANS else HANS
    slug = longest_article(built_site)
    ids = re.findall(r'<p id="(p\d+)"', (built_site / variant.root / "articles" / slug / "index.html").read_text())
    anchor = ids[len(ids) // 2]
    page = screen_page(screen, urljoin(site_server, f"{variant.root}/articles/{slug}/#{anchor}"))
    switch = page.locator(f".md-header .variant-switch a[hreflang='{other.lang}']")
    box = switch.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    assert float(switch.evaluate("a => getComputedStyle(a).fontSize").removesuffix("px")) >= 14  # was 10 px
    switch.click()
    page.wait_for_url(urljoin(site_server, f"{other.root}/articles/{slug}/#{anchor}"))
    header = page.locator(".md-header").bounding_box()
    top = page.locator(f"#{anchor}").bounding_box()["y"]
    assert header["height"] <= top < header["height"] + 120  # the paragraph is at the top, under the header

    # Scrolled on to another paragraph without a link: the switch takes the one being read.
    page.evaluate("window.scrollTo(0, scrollY + 2500)")
    reading = page.evaluate("""() => [...document.querySelectorAll('article p[id^=p]')]
        .find(p => p.getBoundingClientRect().bottom > document.querySelector('.md-header').offsetHeight + 1).id""")
    page.locator(f".md-header .variant-switch a[hreflang='{variant.lang}']").click()
    page.wait_for_url(urljoin(site_server, f"{variant.root}/articles/{slug}/#{reading}"))


@SCRIPTS
def test_the_switch_keeps_the_scroll_position_of_a_page_without_paragraph_numbers(site_server, screen_page, variant):
    other = HANT if variant is HANS else HANS
    page = screen_page(PHONE, urljoin(site_server, f"{variant.root}/about/"))
    y = page.evaluate("window.scrollTo(0, 900), scrollY")
    page.locator(f".md-header .variant-switch a[hreflang='{other.lang}']").click()
    page.wait_for_url(urljoin(site_server, f"{other.root}/about/"))
    page.wait_for_function(f"Math.abs(scrollY - {y}) < 2")


@SCRIPTS
def test_the_footer_speaks_of_this_site_and_leads_to_its_about_page(site_server, built_site, screen_page, variant):
    page = screen_page(PHONE, urljoin(site_server, f"{variant.root}/articles/{longest_article(built_site)}/"))
    footer = page.locator(".md-footer .md-copyright")
    text = footer.inner_text()
    assert "原文" in text and "Material" not in text
    assert variant.text("原文对照") in text  # in the page's script
    with page.expect_navigation():
        footer.get_by_role("link", name=variant.text("关于本站")).click()
    assert page.url == urljoin(site_server, f"{variant.root}/about/")
    assert "seeds/" not in page.locator("article").inner_text()  # for readers, not for the project's editors


@SCRIPTS
def test_the_gap_mark_says_what_it_means_where_it_stands(built_site, variant):
    pages = [p.read_text(encoding="utf-8") for p in (built_site / variant.root / "articles").glob("*/index.html")]
    gaps = [m for page in pages for m in re.findall(r'<p class="gap">(.*?)</p>', page, re.S)]
    assert gaps  # the seeds have missing pages
    for gap in gaps:
        assert re.fullmatch(r'〔.+?〕<small class="gap-note">[^<]*缺[^<]*</small>', gap), gap
        assert variant.text("原报此处缺了一段文字") in gap


@SCRIPTS
def test_heading_links_are_titled_in_the_pages_script(built_site, variant):
    titles = {title for page in (built_site / variant.root).rglob("index.html")
              for title in re.findall(r'class="headerlink" href="[^"]*" title="([^"]*)"', page.read_text("utf-8"))}
    assert titles == {variant.text("本节的固定链接")}  # not Python-Markdown's "Permanent link"
