"""Where and when an article was printed, as a reader and a reference manager meet it: the paper, date and
page under the headline and in the listings (newest first), a GB/T 7714 reference, the citation_* tags
Zotero's Embedded Metadata translator reads, and where to read on (previous, next, the city, the dates)."""

from __future__ import annotations

import datetime
import functools
import html
import http.server
import json
import re
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import HANS, HANT, SITE, QuietHandler, add_overrides, copy_project, free_port, mkdocs_build
from seedtext.cleaning import clean
from seedtext.overrides import checked_overrides
from seedtext.printed import Printed, RunningHead, citation, paper_before_role

# GB/T 7714-2015, a newspaper article (8.x): 作者. 题名[N]. 报纸名, 出版日期(版次). — online: [N/OL], then
# [引用日期]. URL. Authors, paper, date and page are each left out when unknown, never made up.
GBT_7714 = re.compile(
    r"^(?:[^.\[\]]+\. )?"  # 作者. (up to three, then 等)
    r"[^\[\]]+\[N(?:/OL)?\]\."  # 题名[N]. or [N/OL].
    r"(?: (?:[^,\[\]()]+)?(?:,? ?\d{4}-\d{2}-\d{2})?(?:\([A-Z]?\d+\))?"  # 报纸名, 出版日期(版次)
    r"(?:\[(?:\d{4}-\d{2}-\d{2}|引用日期)\])?\.)?"  # [引用日期].
    r"(?: https?://\S+\.)?$")  # URL.
# The overrides this test's copy of the project gets (the real seeds' pages give no dates: nothing is invented).
DATED = {"001_3d9b584bb7f006f6.yml": "date: 2025-12-30\npage: 3\n",
         "002_0d1112e8809bcfdf.yml": "paper: 株洲日报\ndate: 2025-12-31\npage: A05\n"}


def test_the_reference_has_the_form_gbt_7714_gives_a_newspaper_article():
    known = Printed(paper="株洲日报", date=datetime.date(2025, 12, 30), page="A05")
    assert citation(["刘琼", "罗和平", "王慧", "张三"], "忠诚护航新时代", known) \
        == "刘琼, 罗和平, 王慧, 等. 忠诚护航新时代[N]. 株洲日报, 2025-12-30(A05)."
    online = citation(["刘琼"], "忠诚护航新时代", known, "https://example.org/a/", "2026-12-05")
    assert online == "刘琼. 忠诚护航新时代[N/OL]. 株洲日报, 2025-12-30(A05)[2026-12-05]. https://example.org/a/."
    for text in (online, citation([], "题名", Printed()), citation(["王茜"], "题名", Printed(paper="长沙晚报"))):
        assert GBT_7714.match(text), text


def test_the_text_gives_the_paper_in_a_byline_and_a_running_head_but_never_this_paper():
    assert paper_before_role("株洲日报全媒体记者", "全媒体记者") == "株洲日报"
    assert paper_before_role("本报记者", "本报记者") == "" and paper_before_role("新华社记者", "记者") == ""
    head = RunningHead.read("2025年12月30日 星期二 株洲日报 A05")
    assert (head.date, head.page, head.paper) == (datetime.date(2025, 12, 30), "A05", "株洲日报")


def test_a_seed_that_names_no_paper_or_date_gets_none():
    seed = sorted((Path(__file__).parent.parent / "seeds").glob("000_*.txt"))[0]
    result = clean(seed.read_text(encoding="utf-8"), seed.name, SITE.cleaning)
    assert all(not article.printed for article in result.articles)


@pytest.mark.parametrize(("key", "value"), [("date", "2025-13-01"), ("date", "昨天"), ("page", "头版"), ("page", True)])
def test_a_date_or_page_that_is_none_is_named_and_the_other_keys_apply(key, value):
    overrides, problems = checked_overrides({key: value, "paper": "株洲日报"})
    assert [p.key for p in problems] == [key] and repr(value) in str(problems[0])
    assert overrides.paper == "株洲日报" and getattr(overrides, key) is None


class Tags(HTMLParser):
    """What a reference manager reads of a page: its meta tags and its JSON-LD (Zotero's Embedded Metadata
    translator reads citation_* names)."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.json_ld: list[dict] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name", "").startswith("citation_"):
            self.meta.setdefault(attrs["name"], []).append(attrs.get("content", ""))
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))
            self._in_ld = False


def read(page: Path) -> tuple[str, Tags]:
    text = page.read_text(encoding="utf-8")
    tags = Tags()
    tags.feed(text)
    return text, tags


def plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory):
    """The five seeds with an editor's paper, date and page for 001 and 002 (both 株洲), built and served."""
    folder = tmp_path_factory.mktemp("dated")
    (folder / "project").mkdir()
    project = copy_project(folder / "project")
    add_overrides(project, DATED)
    port = free_port()
    proc = mkdocs_build(project, folder / "site", site_url=f"http://127.0.0.1:{port}/")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(QuietHandler, directory=str(folder / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder / "site", f"http://127.0.0.1:{port}/"
    server.shutdown()


def articles(site: Path, root: str) -> list[Path]:
    return sorted((site / root / "articles").glob("*/index.html"))


@pytest.mark.parametrize(("variant", "line"), [(HANS, "株洲日报 · 2025年12月31日 · 第A05版"),
                                               (HANT, "株洲日報 · 2025年12月31日 · 第A05版")])
def test_the_paper_date_and_page_stand_under_the_headline_in_each_script(dated_site, variant, line):
    site, _ = dated_site
    shown = {}
    for page in articles(site, variant.root):
        text, _ = read(page)
        found = re.search(r'<p class="printed">(.*?)</p>', text, re.S)
        shown[page.parent.name] = plain(found.group(1)) if found else ""
        if found:  # right under the head: nothing of the text before it
            assert text.index('<p class="printed">') < text.index('<p id="p1"'), page
    assert line in shown.values()
    assert sum(1 for v in shown.values() if v) == 3  # 001's two articles and 002's; the others give none
    assert "株洲日" in "".join(shown.values()) and not any("引用日期" in v for v in shown.values())


@pytest.mark.parametrize("variant", [HANS, HANT])
def test_every_article_carries_what_a_reference_manager_reads(dated_site, variant):
    site, base = dated_site
    for page in articles(site, variant.root):
        text, tags = read(page)
        h1 = plain(re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S).group(1)).rstrip("¶")
        assert tags.meta["citation_title"] == [h1], page
        assert tags.meta["citation_language"] == [variant.lang]
        assert tags.meta["citation_public_url"] == [f"{base}{variant.root}/articles/{page.parent.name}/"]
        byline = plain(re.search(r'<p class="byline">(.*?)</p>', text, re.S).group(1)) if 'class="byline"' in text \
            else ""
        assert all(author in byline for author in tags.meta.get("citation_author", [])), page
        [data] = tags.json_ld
        assert data["@type"] == "NewsArticle" and data["headline"] == h1 and data["inLanguage"] == variant.lang
        reference = plain(re.search(r'<p class="cite-text" id="cite-text">(.*?)</p>', text, re.S).group(1))
        assert GBT_7714.match(reference), reference
        assert reference.startswith(", ".join(tags.meta.get("citation_author", [])[:3]))
        printed = re.search(r'<p class="printed">(.*?)</p>', text, re.S)
        if printed and "2025年12月31日" in plain(printed.group(1)):  # 002: everything known
            assert tags.meta["citation_date"] == ["2025/12/31"] and tags.meta["citation_firstpage"] == ["A05"]
            assert tags.meta["citation_journal_title"] == [variant.text("株洲日报")]
            assert data["datePublished"] == "2025-12-31" and data["isPartOf"]["name"] == variant.text("株洲日报")
            assert f"{variant.text('株洲日报')}, 2025-12-31(A05)[引用日期]." in reference
        elif not printed:  # nothing known: nothing made up
            assert "citation_date" not in tags.meta and "citation_journal_title" not in tags.meta
            assert "datePublished" not in data


def test_the_home_page_lists_a_citys_newest_article_first_with_its_date(dated_site):
    site, _ = dated_site
    text = (site / HANS.root / "index.html").read_text(encoding="utf-8")
    zhuzhou = text[text.index('id="株洲"'):]
    zhuzhou = zhuzhou[:zhuzhou.find("<h2", 10)]
    dates = re.findall(r"(\d{4})年(\d{1,2})月(\d{1,2})日", plain(zhuzhou))
    assert dates[:3] == [("2025", "12", "31"), ("2025", "12", "30"), ("2025", "12", "30")], dates
    assert zhuzhou.index("逢旗必夺") < zhuzhou.index("忠诚护航")  # 002 (12-31) before 001 (12-30)


def test_the_dates_page_has_each_day_and_the_tag_pages_show_the_date(dated_site):
    site, _ = dated_site
    dates = (site / HANS.root / "dates" / "2025-12" / "index.html").read_text(encoding="utf-8")  # the month's
    assert 'id="d2025-12-31"' in dates and 'id="d2025-12-30"' in dates
    assert dates.index('id="d2025-12-31"') < dates.index('id="d2025-12-30"')
    city = (site / HANT.root / "tags" / "zhu-zhou" / "index.html").read_text(encoding="utf-8")
    assert "株洲日報 · 2025年12月31日 · 第A05版" in plain(city)


def test_read_on_goes_to_the_next_article_and_back_and_the_drawer_offers_the_cities(dated_site, browser):
    site, base = dated_site
    page = browser.new_context().new_page()
    first = articles(site, HANT.root)[0].parent.name
    page.goto(f"{base}{HANT.root}/articles/{first}/")
    title = page.locator("article h1").first.inner_text()
    page.locator(".read-on a").first.wait_for()
    page.get_by_text("下一篇：").locator("a").click()
    page.wait_for_load_state()
    assert page.locator("article h1").first.inner_text() != title
    page.get_by_text("上一篇：").locator("a").click()
    page.wait_for_url(f"{base}{HANT.root}/articles/{first}/")
    assert page.locator("article h1").first.inner_text() == title
    assert page.locator(".read-on a[href$='tags/zhu-zhou/'], .read-on a[href$='tags/chang-sha/']").count()
    page.goto(f"{base}{HANT.root}/")  # the listings' drawer offers the cities (an article's: its city, above)
    drawer = page.locator(".md-nav--primary").first
    assert "城市" in drawer.inner_text() and "按日期" in drawer.inner_text()
    assert drawer.locator("a[href$='tags/zhu-zhou/']").count() and drawer.locator("a[href$='tags/chang-sha/']").count()
    page.go_back()
    page.get_by_text("按刊登日期瀏覽：").locator("a").click()
    page.wait_for_url(f"{base}{HANT.root}/dates/")
    page.context.close()


def test_an_overrides_date_that_is_no_date_is_named_and_the_site_still_builds(tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    (project / "seeds" / "overrides" / "003_1300966ffd2de289.yml").write_text("date: 2025-02-30\npaper: 永州日报\n",
                                                                            encoding="utf-8")
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode != 0  # --strict: a warning stops it
    assert "003_1300966ffd2de289.yml" in proc.stderr and "'date'" in proc.stderr and "2025-02-30" in proc.stderr
    proc = mkdocs_build(project, tmp_path / "site", strict=False)
    assert proc.returncode == 0
    page = next(p for p in articles(tmp_path / "site", HANS.root) if "永州日报" in p.read_text(encoding="utf-8"))
    assert "永州日报" in plain(re.search(r'<p class="printed">(.*?)</p>', page.read_text(encoding="utf-8"),
                                         re.S).group(1))
