"""Article URLs that last (seedtext/urls.py, data/published-urls.yml): an article keeps the URL it was first
published at when its title, its city or the cleaner changes; a new URL is cut between words and names the
city once; the file of record is checked entry by entry, and the build adds new articles to it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SITE, QuietHandler, copy_project, free_port, mkdocs_build
from options import published_urls
from seedtext.cache import Cache
from seedtext.model import Article
from seedtext.seed import CleanedSeed
from seedtext.site import seed_files
from seedtext.slug import ARTICLE_SLUG_LENGTH, article_slug, pinyin_slug, syllables
from seedtext.urls import (
    HEADER,
    NOTHING_PUBLISHED,
    URLS_FILE,
    ArticleKey,
    NewUrl,
    PublishedUrls,
    assign_urls,
    recorded_text,
)
from seedtext.words import words

# The file as committed, read when the tests are collected: before any build of this session could add to it.
RECORDED = (REPO / URLS_FILE).read_bytes()

SEED_A, SEED_B = "000_cb0c1f57c2809c27.txt", "004_632a861097932c1f.txt"  # one article each
TITLE_A = "时光深处，总有藏蓝在守望"


def seed(name: str, *titles: str, city: str = "湘潭", error: str = "") -> CleanedSeed:
    return CleanedSeed(name, tuple(Article(title=title, source=name, first_line=1, city=city) for title in titles),
                       error=error)


def published(entries: dict[tuple[str, int], str]) -> PublishedUrls:
    return PublishedUrls(slugs={ArticleKey(seed=name, number=n): slug for (name, n), slug in entries.items()})


# ---------------------------------------------------------------------------------------------
# New URL names


def test_a_new_url_is_cut_between_words_only():
    """The old rule cut the pinyin of this title inside 社会治安 (…-tui-dong-she-hui); the new one stops
    before the word that does not fit."""
    city, title = "长沙", "深入开展百日会战推动社会治安综合治理现代化"
    spelt = ["-".join(syllables(word)) for word in [city, *words(title)] if syllables(word)]
    whole_words = {"-".join(spelt[:n]) for n in range(1, len(spelt) + 1)}
    slug = article_slug(city, title)
    assert slug in whole_words and len(slug) <= ARTICLE_SLUG_LENGTH, slug
    assert slug != "-".join(spelt)  # the whole title would not fit
    assert slug == "chang-sha-shen-ru-kai-zhan-bai-ri-hui-zhan-tui-dong"  # …推动 | 社会治安 would pass 60
    assert pinyin_slug(f"{city} {title}", ARTICLE_SLUG_LENGTH) not in whole_words  # what the old rule made


def test_a_title_that_starts_with_its_city_names_the_city_once():
    assert article_slug("青兰", "青兰公安护航新时代") == "qing-lan-gong-an-hu-hang-xin-shi-dai"
    assert article_slug("株洲", "逢旗必夺铸品牌") == "zhu-zhou-feng-qi-bi-duo-zhu-pin-pai"
    assert article_slug("", "逢旗必夺铸品牌") == "feng-qi-bi-duo-zhu-pin-pai"


# ---------------------------------------------------------------------------------------------
# Which article has which URL (seedtext.urls.assign_urls)


def test_a_recorded_url_stays_when_the_title_and_the_city_change():
    first = assign_urls([seed("001_a.txt", "时光深处")], NOTHING_PUBLISHED)
    (new,) = first.new
    assert new.key == ArticleKey(seed="001_a.txt", number=1) and new.slug == "xiang-tan-shi-guang-shen-chu"
    record = PublishedUrls(slugs={new.key: new.slug})
    later = assign_urls([seed("001_a.txt", "星火深处", city="株洲")], record)
    assert [slug for slug, _ in later.pages] == [new.slug] and not later.new and not later.problems


def test_a_new_article_never_takes_a_recorded_url():
    """A new article whose title makes a URL already recorded (for a later seed) gets -2."""
    record = published({("002_b.txt", 1): "xiang-tan-shi-guang-shen-chu"})
    urls = assign_urls([seed("001_a.txt", "时光深处"), seed("002_b.txt", "另一篇")], record)
    assert [slug for slug, _ in urls.pages] == ["xiang-tan-shi-guang-shen-chu-2", "xiang-tan-shi-guang-shen-chu"]
    assert [(url.key.seed, url.slug) for url in urls.new] == [("001_a.txt", "xiang-tan-shi-guang-shen-chu-2")]


def test_two_articles_claiming_one_url_are_a_warning_naming_both_and_the_second_gets_a_new_one():
    record = published({("001_a.txt", 1): "same-name", ("002_b.txt", 1): "same-name"})
    urls = assign_urls([seed("001_a.txt", "时光深处"), seed("002_b.txt", "星火深处")], record)
    assert [slug for slug, _ in urls.pages] == ["same-name", "xiang-tan-xing-huo-shen-chu"]  # both published
    (problem,) = urls.problems
    assert problem.startswith("data/published-urls.yml: ") and "001_a.txt → 1" in problem
    assert "002_b.txt → 1" in problem and "'same-name'" in problem
    assert not urls.new  # the second's entry is the editor's to mend: the build does not write over it


def test_an_entry_naming_no_article_is_a_warning_and_the_others_apply():
    record = published({("001_a.txt", 1): "kept", ("001_a.txt", 2): "no-second", ("009_gone.txt", 1): "gone"})
    urls = assign_urls([seed("001_a.txt", "时光深处")], record)
    assert [slug for slug, _ in urls.pages] == ["kept"] and not urls.new
    assert len(urls.problems) == 2
    assert all(problem.startswith("data/published-urls.yml: ") for problem in urls.problems)
    assert "001_a.txt → 2" in urls.problems[0] and "holds 1 article(s), not 2" in urls.problems[0]
    assert "009_gone.txt → 1" in urls.problems[1] and "no seed seeds/009_gone.txt" in urls.problems[1]


def test_a_seed_that_cannot_be_read_keeps_its_url_for_when_it_is_fixed():
    record = published({("001_a.txt", 1): "xiang-tan-shi-guang-shen-chu"})
    urls = assign_urls([seed("001_a.txt", error="a PDF file, not text"), seed("002_b.txt", "时光深处")], record)
    assert not urls.problems
    assert [slug for slug, _ in urls.pages] == ["xiang-tan-shi-guang-shen-chu-2"]


def test_every_article_of_the_repository_has_its_url_recorded():
    """What `mkdocs build` would add to data/published-urls.yml for the seeds: nothing (and nothing is wrong)."""
    cache = Cache(None)
    seeds = [cache.cleaned_seed(path, SITE.cleaning) for path in seed_files(REPO / "seeds")[0]]
    urls = assign_urls(seeds, SITE.published_urls)
    assert SITE.published_urls.writable and not urls.problems
    assert not urls.new, f"not recorded: {[str(url.key) for url in urls.new]}; build and commit {URLS_FILE}"


# ---------------------------------------------------------------------------------------------
# The file: checked (options.published_urls) and written (seedtext.urls.recorded_text)

GOOD_ENTRY = "000_ok.txt:\n  1: kept-as-it-is\n"


@pytest.mark.parametrize("text, words_of_the_warning", [
    ("001_a.txt:\n  1: Zhu Zhou\n", ["001_a.txt → 1", "'Zhu Zhou' is not a URL name"]),
    ("001_a.txt:\n  1: zhu--zhou\n", ["001_a.txt → 1", "'zhu--zhou' is not a URL name"]),
    ("001_a.txt:\n  first: zhu-zhou\n", ["001_a.txt → first", "whole number"]),
    ("001_a.txt:\n  1: 2021\n", ["001_a.txt → 1", "str"]),
    ("001_a.txt: zhu-zhou\n", ["001_a.txt: expected", "'zhu-zhou'"]),
])
def test_a_bad_entry_is_a_warning_naming_the_file_and_the_key_and_the_others_apply(tmp_path, text,
                                                                                   words_of_the_warning):
    path = tmp_path / "published-urls.yml"
    path.write_text(GOOD_ENTRY + text, encoding="utf-8")
    urls = published_urls(path)
    (problem,) = urls.problems
    assert problem.startswith("data/published-urls.yml: "), problem
    assert all(word in problem for word in words_of_the_warning), problem
    assert dict(urls.slugs) == {ArticleKey(seed="000_ok.txt", number=1): "kept-as-it-is"}
    assert not urls.writable  # the build adds nothing to a file with a problem (it would double or bury it)


@pytest.mark.parametrize("text, words_of_the_warning", [
    (GOOD_ENTRY + "001_a.txt:\n  1: [unclosed\n", ["not valid UTF-8 YAML (line"]),
    (GOOD_ENTRY + "001_a.txt:\n  1: a\n001_a.txt:\n  2: b\n", ["line 5", "'001_a.txt' is given twice"]),
    ("- 000_ok.txt\n", ["expected seed files"]),
])
def test_a_file_that_cannot_be_read_is_one_warning(tmp_path, text, words_of_the_warning):
    path = tmp_path / "published-urls.yml"
    path.write_text(text, encoding="utf-8")
    urls = published_urls(path)
    (problem,) = urls.problems
    assert problem.startswith("data/published-urls.yml: ") and all(w in problem for w in words_of_the_warning), problem
    assert not urls.slugs and not urls.writable


def new_url(name: str, number: int, slug: str, title: str) -> NewUrl:
    return NewUrl(key=ArticleKey(seed=name, number=number), slug=slug, title=title)


def test_recording_adds_each_entry_under_its_seed_and_keeps_the_rest_of_the_file(tmp_path):
    text = (f"{HEADER}# Editor: 002 renamed by hand (issue 7).\n001_a.txt:\n  1: jia  # 甲\n\n"
            "002_b.txt:\n    1: yi\n")
    record = {ArticleKey(seed="001_a.txt", number=1): "jia", ArticleKey(seed="002_b.txt", number=1): "yi"}
    new = [new_url("002_b.txt", 2, "bing", "丙"), new_url("001_a.txt", 2, "ding", "丁"),
           new_url("003_c.txt", 1, "wu", "戊")]
    written = recorded_text(text, record, new)
    assert written == (f"{HEADER}# Editor: 002 renamed by hand (issue 7).\n001_a.txt:\n  1: jia  # 甲\n"
                       "  2: ding  # 丁\n\n002_b.txt:\n    1: yi\n    2: bing  # 丙\n003_c.txt:\n  1: wu  # 戊\n")
    path = tmp_path / "published-urls.yml"
    path.write_text(written, encoding="utf-8")
    assert published_urls(path) == PublishedUrls(slugs={**record, **{url.key: url.slug for url in new}})


def test_recording_into_a_layout_it_cannot_insert_into_writes_the_file_whole():
    record = {ArticleKey(seed="001_a.txt", number=1): "jia"}
    written = recorded_text("001_a.txt: {1: jia}\n", record, [new_url("001_a.txt", 2, "yi", "乙")])
    assert written.startswith(HEADER) and yaml.safe_load(written) == {"001_a.txt": {1: "jia", 2: "yi"}}
    first = recorded_text(None, {}, [new_url("001: a.txt", 1, "jia", "甲")])  # a name YAML must quote
    assert first.startswith(HEADER) and yaml.safe_load(first) == {"001: a.txt": {1: "jia"}}


# ---------------------------------------------------------------------------------------------
# Real builds


def test_building_the_repository_leaves_its_published_urls_as_committed(built_site):
    """Every article of the repository has its URL recorded: the build adds nothing to the file (if this
    fails, the build has just added the missing entries: commit data/published-urls.yml)."""
    assert (REPO / URLS_FILE).read_bytes() == RECORDED


@contextlib.contextmanager
def serving(site: Path):
    """The built site over HTTP on a free loopback port; yields its base URL."""
    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def h1(html: str) -> str:
    """The page's title as the reader sees it (without the heading's permalink)."""
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    return re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", heading)).strip()


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """Two seeds no URL of which is recorded yet, built once (--strict): the build records both."""
    folder = tmp_path_factory.mktemp("urls")
    (folder / "project").mkdir()
    project = copy_project(folder / "project", seeds={name: (REPO / "seeds" / name).read_bytes()
                                                      for name in (SEED_A, SEED_B)})
    assert not (project / URLS_FILE).exists()
    proc = mkdocs_build(project, folder / "site")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    record = yaml.safe_load((project / URLS_FILE).read_text(encoding="utf-8"))
    assert record.keys() == {SEED_A, SEED_B} and all(articles.keys() == {1} for articles in record.values())
    return project, folder / "site", record[SEED_A][1], output


def test_a_build_records_a_new_articles_url_and_tells_the_editor_to_commit_it(first_build):
    project, site, slug, output = first_build
    assert (site / "zh-hans" / "articles" / slug / "index.html").exists()
    line = next(line for line in output.splitlines() if f"seeds/{SEED_A}: article 1" in line)
    assert line.startswith("INFO") and f"zh-hans/articles/{slug}/" in line and f"zh-hant/articles/{slug}/" in line
    assert "commit" in line and "data/published-urls.yml" in line
    assert TITLE_A in (project / URLS_FILE).read_text(encoding="utf-8")  # the title beside its entry


@pytest.mark.parametrize("override", ["title: 星火深处，总有藏蓝在守望\n", "city: 株洲\n"], ids=["title", "city"])
def test_the_old_url_answers_with_the_article_after_its_title_or_city_changes(first_build, tmp_path, override):
    project, _, slug, _ = first_build
    recorded = (project / URLS_FILE).read_bytes()
    overrides = project / "seeds" / "overrides" / f"{Path(SEED_A).stem}.yml"
    overrides.parent.mkdir(exist_ok=True)
    overrides.write_text(override, encoding="utf-8")
    try:
        proc = mkdocs_build(project, tmp_path / "site")
    finally:
        overrides.unlink()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with serving(tmp_path / "site") as base:
        status, html = fetch(f"{base}zh-hant/articles/{slug}/")
        assert status == 200 and ("星火深處" in html) == override.startswith("title")
        status, html = fetch(f"{base}zh-hans/articles/{slug}/")
        assert status == 200
        assert h1(html) == ("星火深处，总有藏蓝在守望" if override.startswith("title") else TITLE_A)
        if override.startswith("city"):
            assert 'href="../../tags/zhu-zhou/' in html  # the new city's chip
        status, home = fetch(f"{base}zh-hans/")
        assert f'href="articles/{slug}/"' in home
        assert len(re.findall(r'href="articles/([^/"]+)/"', home)) == 2  # no second page for it
    assert (project / URLS_FILE).read_bytes() == recorded  # nothing new to record


def test_a_bad_published_urls_file_warns_naming_the_file_and_keys_and_the_site_still_builds(first_build, tmp_path):
    project, _, slug, _ = first_build
    path = project / URLS_FILE
    good = path.read_bytes()
    bad = (f"{SEED_A}:\n  1: {slug}\n  2: Not A Slug\n{SEED_B}:\n  1: {slug}\n"  # B claims A's URL
           "009_gone.txt:\n  1: gone\n")
    path.write_text(bad, encoding="utf-8")
    try:
        proc = mkdocs_build(project, tmp_path / "site", strict=True)
        after = path.read_text(encoding="utf-8")
    finally:
        path.write_bytes(good)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "strict mode" in output, output  # --strict fails on the warnings
    warnings = [line for line in output.splitlines()
                if line.startswith("WARNING") and "data/published-urls.yml" in line]
    assert any(f"{SEED_A} → 2" in w and "'Not A Slug' is not a URL name" in w for w in warnings), warnings
    assert any(f"{SEED_A} → 1" in w and f"{SEED_B} → 1" in w for w in warnings), warnings
    assert any("009_gone.txt → 1" in w and "no seed" in w for w in warnings), warnings
    assert after == bad  # nothing lost: the file is the editor's to mend
    articles = sorted(p.parent.name for p in (tmp_path / "site" / "zh-hans" / "articles").glob("*/index.html"))
    assert len(articles) == 2 and slug in articles, articles  # both published; B at a new URL
