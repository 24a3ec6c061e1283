"""The pages a reader finds articles from stay small at any size (issue 26): a tag's articles (a city's
page is its tag's) and the undated ones in pages of extra.listing_page_size, reached through a pager; the
home page shows each city's newest articles and links the rest; the dates pages are a month each, and every
date link lands on its day's anchor. Built here with two articles a page, so the five seeds make several."""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest

from conftest import HANS, SITE, add_overrides, copy_project, mkdocs_build
from seedtext.model import Article, Block
from seedtext.page import reading_order
from seedtext.printed import Printed
from seedtext.site import HOME_NEWEST, home_listing
from seedtext.tagpages import tag_articles, tag_pages

ROOTS = [v.root for v in SITE.variants]
PAGE_SIZE = 2
# A 株洲 article in December, a 永州 one in November: two month pages; the other four undated (two pages).
DATED = {"002_0d1112e8809bcfdf.yml": "paper: 株洲日报\ndate: 2025-12-31\npage: A05\n",
         "003_1300966ffd2de289.yml": "paper: 永州日报\ndate: 2025-11-05\n"}
ARTICLE_LINK = re.compile(r'href="((?:\.\./)+articles/[^"#/]+/)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("listings")
    (folder / "project").mkdir()
    project = copy_project(folder / "project")
    add_overrides(project, DATED)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  listing_page_size: 50\n" in text
    config.write_text(text.replace("\n  listing_page_size: 50\n", f"\n  listing_page_size: {PAGE_SIZE}\n"),
                      encoding="utf-8")
    proc = mkdocs_build(project, folder / "site")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return folder / "site"


def read(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def body(html: str) -> str:
    """The page's article, without the header (its script switch) and the drawer."""
    return html[html.index("<article"):html.index("</article>")]


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def listing_pages(first: Path) -> list[Path]:
    """Every page of a listing, page 1 first, as a reader reaches them: through the pagers' links."""
    pages, waiting = [first.resolve()], [first.resolve()]
    while waiting:
        page = waiting.pop()
        for pager in re.findall(r'<p class="pager">(.*?)</p>', read(page), re.S):
            for href in re.findall(r'href="([^"]+)"', pager):
                target = (page.parent / href / "index.html").resolve()
                if target not in pages:
                    pages.append(target)
                    waiting.append(target)
    return sorted(pages, key=lambda p: 1 if p == first.resolve() else int(p.parent.name))


def listed(page: Path) -> list[Path]:
    """The articles a listing page lists (not those its quotes link), as their files."""
    items = re.findall(r'<li class="tag-listing"><a href="([^"]+)"', read(page))
    items = items or ARTICLE_LINK.findall(body(read(page)).split('id="compare"')[0])
    return [(page.parent / href / "index.html").resolve() for href in items]


def tagged(tree: Path) -> dict[Path, set[Path]]:
    """Each tag's first page -> the articles whose chips link it: what its pages must list."""
    members: dict[Path, set[Path]] = {}
    for article in (tree / "articles").glob("*/index.html"):
        for href in re.findall(r'<a href="([^"]+)" class="md-tag">', read(article)):
            members.setdefault((article.parent / href / "index.html").resolve(), set()).add(article.resolve())
    return members


def pager_links(page: Path) -> list[Path]:
    """The pages a page's pager links, in their order (a tag page quoting its articles repeats it below them)."""
    pager = re.search(r'<p class="pager">(.*?)</p>', read(page), re.S)
    return [(page.parent / href / "index.html").resolve() for href in re.findall(r'href="([^"]+)"', pager[1])] \
        if pager else []


def in_order(first: Path) -> list[Path]:
    """A tag's articles in its listing's order: the later pages, as its first page lists them (newest first),
    read one after the other; the first page's own when it has no later pages."""
    later = pager_links(first)
    return [article for page in later or [first.resolve()] for article in listed(page)]


@pytest.mark.parametrize("root", ROOTS)
def test_a_tags_later_pages_list_each_of_its_articles_once_and_its_first_page_the_newest(site, root):
    tree = site / root
    sitemap = read(tree / "sitemap-pages.xml")
    other = next(r for r in ROOTS if r != root)
    split = 0
    for first, articles in tagged(tree).items():
        later = pager_links(first)
        shown = in_order(first)
        assert len(shown) == len(set(shown)) and set(shown) == articles, first  # each once, all of them
        assert listed(first) == shown[:PAGE_SIZE], first  # the first page: the newest
        # Full pages, but the newest dated one and the last undated one (cut apart: seedtext.paging.later_runs).
        assert bool(later) == (len(articles) > PAGE_SIZE), first
        assert sum(len(listed(page)) < PAGE_SIZE for page in later) <= 2, first
        titles = set()
        for n, page in enumerate(later):
            html = read(page)
            assert 0 < len(listed(page)) <= PAGE_SIZE
            title = re.search(r"<title>(.*?)</title>", html).group(1)
            h1 = text_of(re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1)).rstrip("¶")
            assert h1.endswith("）") and h1 in unescape(title) and h1 not in titles, (page, title, h1)  # its dates
            titles.add(h1)
            # 最新, then the newer page and the older one: a reader walks the whole listing from any page.
            newer, older = later[n - 1] if n else None, later[n + 1] if n + 1 < len(later) else None
            assert pager_links(page)[:3] == [first.resolve(), *filter(None, (newer, older))], page
            assert f"{page.parent.relative_to(site).as_posix()}/</loc>" in sitemap, page
            assert (site / other / page.relative_to(tree)).exists()  # the script switch and hreflang lead there
            if 'id="compare"' in html:  # 各篇怎么说 quotes this page's articles only
                quoted = {(page.parent / href / "index.html").resolve()
                          for href in ARTICLE_LINK.findall(body(html).split('id="compare"')[1])}
                assert quoted and quoted <= set(listed(page)), page
        split += bool(later)
    assert split >= 5
    # 公安: five articles, the newest two first, then the two dated ones, then the undated three in two pages.
    gong_an = text_of(read(tree / "tags" / "gong-an" / "index.html"))
    words = ("共5篇文章，本页是最新的2篇", "全部文章按刊登日期分页，新的在前：2025年11月5日—12月31日 · "
             "刊登日期不详，第1页 · 刊登日期不详，第2页") if root == HANS.root else \
        ("共5篇文章，本頁是最新的2篇", "全部文章按刊登日期分頁，新的在前：2025年11月5日—12月31日 · "
         "刊登日期不詳，第1頁 · 刊登日期不詳，第2頁")
    assert all(word in gong_an for word in words), gong_an
    pager = text_of(re.search(r'<p class="pager">(.*?)</p>', read(tree / "tags" / "gong-an" / "undated-1" /
                                                                   "index.html"), re.S).group(1))
    words = ("最新", "上一页", "下一页") if root == HANS.root else ("最新", "上一頁", "下一頁")
    assert all(word in pager for word in words), pager


def test_an_article_added_as_the_newest_changes_its_tags_first_page_and_newest_later_page_only():
    def article(n: int, dated: bool) -> tuple[str, Article]:
        date = datetime.date(2025, 1, 1) + datetime.timedelta(n) if dated else None
        return f"a{n}", Article(title=f"标题{n}", source=f"{n:03d}.txt", first_line=1, city="株洲",
                                printed=Printed(date=date),
                                blocks=[Block("paragraph", "公安机关开展反诈宣传。", 1, 1)])

    def pages(articles: list[tuple[str, Article]]) -> dict[str, str]:
        found, tags = tag_articles(articles, SITE.tags.rules)
        order = reading_order(found, ["株洲"])
        return {page.uri: page.markdown for page in tag_pages(tags["反诈"], order, 5)}

    for dated in (True, False):  # a newer date; a later seed (both undated)
        for count in (12, 14, 15):  # the newest later page part full, nearly full, full (a new one begins)
            before = pages([article(n, dated) for n in range(count)])
            after = pages([article(n, dated) for n in range(count + 1)])
            changed = {uri for uri in after if before.get(uri) != after[uri]}
            newest = "tags/fan-zha/" + (f"{count // 5 + 1}.md" if dated else f"undated-{count // 5 + 1}.md")
            older = "tags/fan-zha/" + (f"{count // 5}.md" if dated else f"undated-{count // 5}.md")
            assert changed == {"tags/fan-zha.md", newest} | ({older} if count % 5 == 0 else set()), (dated, count)
            assert before.keys() <= after.keys()


@pytest.mark.parametrize("root", ROOTS)
def test_the_home_page_shows_each_citys_newest_articles_and_links_its_page(site, root):
    tree = site / root
    home = body(read(tree / "index.html"))
    cities = re.split(r"<h2 ", home)[1:]
    assert len(cities) >= 4
    for section in cities:
        shown = [(tree / href / "index.html").resolve() for href in re.findall(r'<h3[^>]*><a href="([^"]+)"', section)]
        link, count = re.search(r'<p class="city-all"><a href="([^"]+)">[^<]*（(\d+)篇）', section).groups()
        everything = in_order(tree / link / "index.html")
        assert int(count) == len(everything)
        assert shown == everything[:HOME_NEWEST]  # the newest first, as the city's page lists them
    assert 'href="dates/"' in home


def test_the_home_page_shows_a_citys_newest_few_of_many():
    articles = [(f"a{n}", Article(title=f"标题{n}", source="s.txt", first_line=1, city="株洲",
                                  printed=Printed(date=datetime.date(2025, 1, 1 + n)),
                                  blocks=[Block("paragraph", "公安工作。", 1, 1)])) for n in range(8)]
    pages, tags = tag_articles(articles, SITE.tags.rules)
    markdown = home_listing(pages[::-1], tags)
    assert [int(n) for n in re.findall(r"### \[标题(\d)\]", markdown)] == [7, 6, 5, 4, 3][:HOME_NEWEST]
    assert "[株洲的全部文章（8篇）](tags/zhu-zhou.md)" in markdown
    nowhere = [(slug, replace(art, city="")) for slug, art in articles]  # 其他: no city, so no city page
    pages, tags = tag_articles(nowhere, SITE.tags.rules)
    markdown = home_listing(pages, tags)
    assert markdown.count("### [") == HOME_NEWEST and "另有3篇未标明城市的文章，见[按日期](dates.md)。" in markdown


@pytest.mark.parametrize("root", ROOTS)
def test_every_date_link_lands_on_its_day_on_the_page_it_points_to(site, root):
    tree = site / root
    followed = set()
    for page in tree.rglob("index.html"):
        for href, anchor in re.findall(r'href="([^"#]*)#(d\d{4}-\d{2}-\d{2})"', read(page)):
            target = (page.parent / href / "index.html").resolve()
            assert f'id="{anchor}"' in read(target), (page, href, anchor)
            assert target.parent.name == anchor[1:8]  # the month's page: 2025-12
            followed.add((page.parent.name, anchor))
    # Each dated article's line under its headline, its home entry and the month pages' headings are dated.
    assert {anchor for _, anchor in followed} == {"d2025-12-31", "d2025-11-05"}
    assert len(followed) >= 4


@pytest.mark.parametrize("root", ROOTS)
def test_the_dates_pages_list_every_article_once_a_month_a_page_the_undated_in_pages(site, root):
    tree = site / root
    overview = tree / "dates" / "index.html"
    links = re.findall(r'href="([^"]+)"', body(read(overview)).split("</h1>", 1)[1])
    months = [(overview.parent / href / "index.html").resolve() for href in links if re.match(r"\d{4}-\d{2}/", href)]
    assert [m.parent.name for m in months] == ["2025-12", "2025-11"]  # newest first
    undated_first = next((overview.parent / h / "index.html").resolve() for h in links if h.startswith("undated"))
    undated = listing_pages(undated_first)
    shown = [article for page in months + undated for article in listed(page)]
    every = {p.resolve() for p in (tree / "articles").glob("*/index.html")}
    assert len(shown) == len(set(shown)) and set(shown) == every
    assert len(undated) == math.ceil((len(every) - 2) / PAGE_SIZE) == 2
