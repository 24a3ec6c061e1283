"""The script switch in a real browser (Debian's Chromium via Playwright), against the built site
and against `mkdocs serve`: one click lands on the same article in the other script and back, and
the root sends a first-time reader to the script their browser prefers (and is plain links without
JavaScript). Search is tests/test_search.py."""

from __future__ import annotations

import pytest

from conftest import HANS, HANT


def article_slugs(built_site) -> list[str]:
    return sorted(p.name for p in (built_site / HANS.root / "articles").iterdir())


def h1(page) -> str:
    return page.locator("article h1").first.inner_text().replace("¶", "").strip()


def test_switch_lands_on_the_same_article_in_the_other_script_and_back(base, context, built_site):
    slug = article_slugs(built_site)[0]
    hans_url, hant_url = f"{base}{HANS.root}/articles/{slug}/", f"{base}{HANT.root}/articles/{slug}/"
    page = context.new_page()
    page.goto(hans_url)
    simplified_title = h1(page)
    assert page.locator("html").get_attribute("lang") == "zh-Hans"

    page.locator(f".md-header .variant-switch a[hreflang='{HANT.lang}']").click()
    page.wait_for_url(hant_url)
    assert page.locator("html").get_attribute("lang") == HANT.lang
    assert h1(page) != simplified_title and len(h1(page)) == len(simplified_title)
    assert page.evaluate("localStorage.getItem('script-variant')") == HANT.lang

    page.go_back()
    page.wait_for_url(hans_url)
    assert h1(page) == simplified_title

    page.go_forward()
    page.wait_for_url(hant_url)
    page.locator(f".md-header .variant-switch a[hreflang='{HANS.lang}']").click()
    page.wait_for_url(hans_url)
    assert page.evaluate("localStorage.getItem('script-variant')") == HANS.lang


@pytest.mark.parametrize(("locale", "root"), [("zh-TW", HANT.root), ("zh-HK", HANT.root),
                                              ("zh-CN", HANS.root), ("en-US", HANS.root)])
def test_site_root_sends_a_first_time_reader_to_the_script_their_browser_prefers(browser, site_server, locale, root):
    ctx = browser.new_context(locale=locale)
    page = ctx.new_page()
    page.goto(site_server)
    page.wait_for_url(f"{site_server}{root}/")
    ctx.close()


def test_site_root_remembers_the_readers_choice(browser, site_server, built_site):
    ctx = browser.new_context(locale="zh-TW")
    page = ctx.new_page()
    page.goto(f"{site_server}{HANT.root}/articles/{article_slugs(built_site)[0]}/")
    page.locator(f".variant-switch a[hreflang='{HANS.lang}']").click()
    page.wait_for_url(f"{site_server}{HANS.root}/**")
    page.goto(site_server)
    page.wait_for_url(f"{site_server}{HANS.root}/")  # chosen Simplified beats the zh-TW browser
    ctx.close()


def test_without_javascript_root_and_switch_are_plain_links(browser, site_server, built_site):
    ctx = browser.new_context(locale="zh-TW", java_script_enabled=False)
    page = ctx.new_page()
    page.goto(site_server)
    assert page.url == site_server  # no redirect without JavaScript
    page.locator(f"[data-variant-chooser] a[hreflang='{HANT.lang}']").click()
    page.wait_for_url(f"{site_server}{HANT.root}/")
    slug = article_slugs(built_site)[-1]
    page.goto(f"{site_server}{HANT.root}/articles/{slug}/")
    page.locator(f".variant-switch a[hreflang='{HANS.lang}']").click()
    page.wait_for_url(f"{site_server}{HANS.root}/articles/{slug}/")
    ctx.close()
