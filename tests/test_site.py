"""The site skeleton as a reader meets it: one page per article in every script, real
titles, a home page grouped by city, readable URLs, Chinese-ready theme."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SITE, SITE_URL
from seedtext.cache import Cache
from seedtext.site import build_site

VARIANTS = SITE.variants


@pytest.fixture(scope="module")
def site():
    return build_site(REPO / "seeds", REPO / "docs", SITE.cleaning, Cache(None), tags=SITE.tags,
                      published=SITE.published_urls)


def articles(site):
    return site.articles


def h1(html: str) -> str:
    found = re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert len(found) == 1, f"expected one h1, got {found}"
    return re.sub(r"<[^>]+>", "", found[0]).replace("¶", "").strip()


def test_every_seed_yields_articles_with_real_titles(site):
    for seed in site.seeds:
        assert seed.articles, f"{seed.source} produced no article"
        for article in seed.articles:
            title = article.title
            assert title and not re.search(r"\.txt|[0-9a-f]{8}", title), f"{seed.source}: title {title!r}"
            assert 4 <= len(title) <= 40, f"{seed.source}: implausible title {title!r}"


def test_each_article_has_its_own_page_in_every_variant(site, built_site):
    slugs = [page.slug for page in articles(site)]
    assert len(slugs) == len(set(slugs)), "two articles share a URL"
    for variant in VARIANTS:
        published = {p.name for p in (built_site / variant.root / "articles").iterdir()}
        assert published == set(slugs), variant.root
    for page in articles(site):
        html = (built_site / "zh-hans" / "articles" / page.slug / "index.html").read_text(encoding="utf-8")
        assert h1(html) == page.article.title


def test_urls_are_readable_pinyin_of_city_and_title(site):
    for page in articles(site):
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", page.slug), page.slug
        assert not re.search(r"[0-9a-f]{16}", page.slug), "seed hash leaked into the URL"


def test_front_matter_names_title_and_source(site):
    markdown = {page.uri: page.markdown for page in site.pages}
    for page in articles(site):
        meta = yaml.safe_load(markdown[f"articles/{page.slug}.md"].split("---\n")[1])
        assert meta["title"] == page.article.title
        assert meta["source"] == page.article.source
        for key in ("subtitle", "authors", "city", "period"):
            value = getattr(page.article, key)
            assert meta.get(key) == (value or None), key


def test_home_page_lists_each_citys_newest_articles_under_it(site, built_site):
    # The five seeds give no city more than HOME_NEWEST articles: the home page lists them all, each
    # under its city, whose page (all of them) is linked after them (tests/test_listings.py: more).
    html = (built_site / "zh-hans" / "index.html").read_text(encoding="utf-8")
    for page in articles(site):
        link = f'href="articles/{page.slug}/"'
        assert link in html, page.slug
        city = page.article.city or "其他"
        city_pos = html.find(f">{city}<")
        assert 0 <= city_pos < html.find(link) < html.find('<p class="city-all">', city_pos), \
            f"{page.slug} not listed under {city}"


def test_root_page_links_to_every_variant_without_javascript(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for variant in VARIANTS:
        assert f'href="{variant.root}/"' in html
        assert (built_site / variant.root / "index.html").exists()


def test_theme_is_set_up_for_chinese_readers(built_site):
    html = (built_site / "zh-hans" / "about" / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    css = (REPO / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert "PingFang SC" in css and "Noto Sans CJK SC" in css
    # Chinese headings get non-empty anchors (the default slugify drops Han characters).
    ids = re.findall(r'<h2 id="([^"]*)"', html)
    assert ids and all(ids), ids
    assert re.search(r"[\u4e00-\u9fff]", ids[0]), ids


def test_pages_name_their_address_under_the_site_url(built_site):
    # The canonical link and the alternates a search engine reads are absolute, under the site's address
    # (site_url; the tests build for their own server's address through SITE_URL).
    article = next((built_site / "zh-hant" / "articles").glob("*/index.html"))
    html = article.read_text(encoding="utf-8")
    path = article.parent.relative_to(built_site).as_posix()
    assert f'<link rel="canonical" href="{SITE_URL}{path}/">' in html, html[:2000]
    assert f'<link rel="alternate" href="{SITE_URL}zh-hans/articles/' in html


def test_build_leaves_no_generated_markdown_in_docs(built_site):
    docs = {p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md")}
    assert not any(name.startswith(("zh-", "articles")) for name in docs), docs
    assert Path(built_site / "sitemap.xml").exists()


def test_clean_py_prints_exactly_the_pages_the_site_publishes_for_a_seed(site):
    """An editor checking a seed sees the page a reader gets: tags, term links and related lists included."""
    seed = REPO / "seeds" / "002_0d1112e8809bcfdf.txt"
    printed = subprocess.run([sys.executable, str(REPO / "hooks" / "clean.py"), str(seed)],
                             capture_output=True, text=True, check=True).stdout
    published = [page.markdown for page in site.pages if page.source == seed.name]
    assert len(published) == 1
    assert printed == published[0]
    assert "\ntags:\n" in printed and "## 相关文章" in printed and "](../tags/" in printed


def test_each_script_has_a_sitemap_of_its_own_pages_with_their_alternates(site, built_site):
    """Search engines find every article of a script tree from that tree's sitemap (listed in the root's
    sitemap index), at absolute URLs, each with its twin in every script and x-default (the root chooser)."""
    index = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in index
    assert re.findall(r"<loc>([^<]+)</loc>", index) == [f"{SITE_URL}{v.root}/sitemap-pages.xml" for v in VARIANTS]
    for variant in VARIANTS:
        xml = (built_site / variant.root / "sitemap-pages.xml").read_text(encoding="utf-8")
        entries = re.findall(r"<url>(.*?)</url>", xml, re.S)
        locs = [re.search(r"<loc>([^<]+)</loc>", e).group(1) for e in entries]
        assert all(loc.startswith(f"{SITE_URL}{variant.root}/") for loc in locs), variant.root
        assert not any("/raw/" in loc for loc in locs)  # the 原文对照 pages ask not to be indexed
        for page in articles(site):
            assert f"{SITE_URL}{variant.root}/articles/{page.slug}/" in locs, (variant.root, page.slug)
        for loc, entry in zip(locs, entries, strict=True):
            links = dict(re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>', entry))
            rest = loc[len(f"{SITE_URL}{variant.root}/"):]
            assert links == {**{v.lang: f"{SITE_URL}{v.root}/{rest}" for v in VARIANTS}, "x-default": SITE_URL}, loc


def test_the_sitemap_material_looks_for_beside_a_page_is_that_page_alone(site, built_site):
    """Material's script fetches sitemap.xml beside each alternate link: one small file per page folder."""
    for variant in VARIANTS:
        for folder in [built_site / variant.root, *(built_site / variant.root / "articles").iterdir()]:
            xml = (folder / "sitemap.xml").read_text(encoding="utf-8")
            assert xml.count("<url>") == 1 and len(xml.encode()) < 2000, folder


def test_no_page_credits_the_generator_in_english(built_site):
    """The footer speaks of this site, in Chinese: Material's "Made with Material for MkDocs" is off."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    credited = [p.relative_to(built_site) for p in pages if "Made with" in p.read_text(encoding="utf-8")]
    assert credited == []
