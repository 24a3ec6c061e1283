"""The site's URL layout without a build (seedtext.layout): where a reader lands when switching script,
what search engines are told about a page's twins, and the links between pages."""

from __future__ import annotations

import datetime
import posixpath
import re

import pytest

from conftest import REPO, SITE
from seedtext.cache import Cache
from seedtext.layout import (
    ARTICLE_DIR,
    HOME,
    NAV_PAGES,
    RAW_DIR,
    TAG_INDEX,
    UNDATED,
    alternates,
    article_path,
    base_url,
    date_link,
    is_raw_page,
    is_site_url,
    link,
    month_path,
    page_url,
    raw_page_url,
    script_switch,
    section,
    tag_path,
    twin_url,
    variant_of,
)
from seedtext.paging import date_range, later_runs, neighbour_pager, pager, run_labels, shown_numbers
from seedtext.site import build_site

VARIANTS = SITE.variants
HANS, HANT = VARIANTS[0], VARIANTS[1]
SITE_URL = "https://example.org/reviews/"


def served_at(path: str) -> str:
    """The URL MkDocs serves a Markdown path at (directory URLs)."""
    stem = path.removesuffix(".md")
    return "" if stem == "index" else (stem.removesuffix("/index") + "/")


def test_an_article_switches_to_its_twin_and_back():
    url = f"{HANS.root}/{served_at(article_path('chang-sha-x'))}"
    assert url == "zh-hans/articles/chang-sha-x/"
    switch = script_switch(twin_url(url), VARIANTS, variant_of(url, VARIANTS))
    assert [(s["link"], s["lang"]) for s in switch] == [("zh-hant/articles/chang-sha-x/", "zh-Hant")]
    # The switch's links are relative to the tree's root (Material's `base`): from the article, two folders up.
    assert posixpath.normpath(posixpath.join(posixpath.dirname(url.rstrip("/")), base_url(url),
                                             switch[0]["link"])) == "zh-hant/articles/chang-sha-x"
    back = script_switch(twin_url(switch[0]["link"]), VARIANTS, variant_of(switch[0]["link"], VARIANTS))
    assert back[0]["link"] == url


def test_alternates_name_every_script_absolutely_and_the_chooser_as_default():
    links = alternates("tags/fan-zha/", VARIANTS, SITE_URL)
    assert [(a["lang"], a["link"]) for a in links] == [
        ("zh-Hans", "https://example.org/reviews/zh-hans/tags/fan-zha/"),
        ("zh-Hant", "https://example.org/reviews/zh-hant/tags/fan-zha/"),
        ("x-default", SITE_URL)]
    # Without a site URL there is no absolute address, and no x-default (search engines ignore relative ones).
    assert [a["lang"] for a in alternates("", VARIANTS, None)] == ["zh-Hans", "zh-Hant"]


def test_the_chooser_belongs_to_no_tree_and_a_raw_page_is_known_by_its_folder():
    assert variant_of("index.md", VARIANTS) is None
    assert variant_of("zh-hant/raw/x.md", VARIANTS) is HANT
    assert is_raw_page(f"zh-hant/{RAW_DIR}/x.md") and not is_raw_page(f"zh-hant/{ARTICLE_DIR}/x.md")
    assert section("zh-hans/index.md") == ""
    assert raw_page_url("zh-hans/articles/chang-sha-x/") == "../../raw/chang-sha-x/"


@pytest.mark.parametrize(("url", "ok"), [("https://example.org/", True), ("http://localhost:8000/reviews/", True),
                                         ("https://example.org/reviews", False), ("ftp://example.org/", False)])
def test_a_site_address_must_end_in_a_slash(url, ok):
    assert is_site_url(url) is ok


def test_every_page_of_the_site_has_its_twin_and_every_link_between_pages_resolves(tmp_path):
    """From seedtext's pages (no MkDocs build): each variant's tree holds the same paths, so the switch never
    lands on a 404, and every relative Markdown link a generated page makes points at a page of the tree."""
    site = build_site(REPO / "seeds", REPO / "docs", SITE.cleaning, Cache(tmp_path / ".cache"), tags=SITE.tags)
    paths = {page.uri for page in site.pages}
    assert set(NAV_PAGES) <= paths and TAG_INDEX in paths and HOME in paths
    assert any(p.startswith(f"{ARTICLE_DIR}/") for p in paths) and any(p.startswith(f"{RAW_DIR}/") for p in paths)
    assert {tag_path(tag.slug) for tag in site.tags.values()} <= paths
    targets = 0
    for page in site.pages:
        for target in re.findall(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)", page.markdown):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.uri), target))
            assert resolved in paths, (page.uri, target)
            assert link(page.uri, resolved) == target
            targets += 1
    assert targets > 50  # articles, related lists, tag pages, the home listing


def test_a_listings_later_pages_live_under_its_first_and_a_day_on_its_months_page():
    assert [tag_path("fan-zha", n) for n in ("", "2", "undated-1")] == \
        ["tags/fan-zha.md", "tags/fan-zha/2.md", "tags/fan-zha/undated-1.md"]
    assert [page_url(p) for p in (HOME, TAG_INDEX, "tags/fan-zha.md", "tags/fan-zha/2.md", "dates/undated/3.md")] == \
        ["", "tags/", "tags/fan-zha/", "tags/fan-zha/2/", "dates/undated/3/"]
    day = datetime.date(2025, 3, 9)
    assert month_path(day) == "dates/2025-03.md"
    assert date_link(tag_path("fan-zha", "2"), day) == "../../dates/2025-03.md#d2025-03-09"
    assert date_link(HOME, day) == "dates/2025-03.md#d2025-03-09"


@pytest.mark.parametrize(("number", "count", "shown"), [
    (1, 1, [1]), (1, 3, [1, 2, 3]), (1, 9, [1, 2, 3, None, 9]), (5, 9, [1, None, 3, 4, 5, 6, 7, None, 9]),
    (9, 9, [1, None, 7, 8, 9]), (4, 9, [1, 2, 3, 4, 5, 6, None, 9]),
])
def test_the_pager_links_the_ends_and_the_pages_near_the_current_one(number, count, shown):
    assert shown_numbers(number, count) == shown


def test_the_pager_reads_in_chinese_and_links_relative_to_its_page():
    assert pager(UNDATED, 1, 1) == ""
    line = pager(UNDATED, 2, 3)
    assert line.startswith("第2页，共3页：[上一页](../undated.md) [1](../undated.md) "
                           '<strong aria-current="page">2</strong>')
    assert line.endswith("[3](3.md) [下一页](3.md)\n{: .pager }")
    here = tag_path("fan-zha", "2")
    assert neighbour_pager(here, tag_path("fan-zha"), tag_path("fan-zha", "3"), tag_path("fan-zha", "1")) == \
        "[最新](../fan-zha.md) [上一页](3.md) [下一页](1.md)\n{: .pager }"
    assert neighbour_pager(here, tag_path("fan-zha"), None, None) == "[最新](../fan-zha.md)\n{: .pager }"


@pytest.mark.parametrize(("dated", "undated", "runs"), [
    (3, 0, [("1", [2, 1, 0])]),
    (7, 0, [("3", [6]), ("2", [5, 4, 3]), ("1", [2, 1, 0])]),
    (4, 4, [("2", [3]), ("1", [2, 1, 0]), ("undated-1", [10, 11, 12]), ("undated-2", [13])]),
])
def test_later_pages_are_cut_from_the_oldest_article_and_the_first_seed(dated, undated, runs):
    newest_first = list(range(dated))[::-1]
    assert later_runs(newest_first, list(range(10, 10 + undated)), 3) == runs


def test_a_later_page_is_named_by_its_dates():
    day = datetime.date
    assert date_range(day(2024, 3, 5), day(2024, 9, 1)) == "2024年3月5日—9月1日"
    assert date_range(day(2023, 11, 5), day(2024, 2, 1)) == "2023年11月5日—2024年2月1日"
    assert date_range(day(2025, 3, 9), day(2025, 3, 9)) == "2025年3月9日"
    assert date_range(None, None) == "刊登日期不详"
    assert run_labels([("3", "2025年3月9日"), ("2", "2025年3月9日"), ("1", "2025年1月1日—3月9日"),
                       ("undated-1", "刊登日期不详")]) == \
        ["2025年3月9日，第3页", "2025年3月9日，第2页", "2025年1月1日—3月9日", "刊登日期不详"]


def test_a_link_between_two_pages_of_a_tree_leads_from_one_to_the_other():
    """layout.link is posixpath.relpath for the tree's paths (without its calls of os.getcwd)."""
    paths = ["index.md", "about.md", "tags/index.md", "tags/fan-zha/index.md", "tags/fan-zha/2/index.md",
             "articles/changsha-x.md", "raw/changsha-x.md", "dates/index.md", "dates/2025-07.md",
             "dates/undated/3.md"]
    for here in paths:
        for there in paths:
            assert link(here, there) == posixpath.relpath(there, posixpath.dirname(here) or ".")
            assert posixpath.normpath(posixpath.join(posixpath.dirname(here), link(here, there))) == there
