"""Search as a reader uses it, in Debian's Chromium against the built site and `mkdocs serve`:
Pagefind in Material's search box, in each script, with queries typed in the other script, by
keyboard, with the query highlighted on the page a result opens, and nothing fetched before the
reader searches."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import threading
from html import unescape
from pathlib import Path

import pytest

from conftest import HANS, HANT, REPO, QuietHandler, copy_project, free_port, mkdocs_build
from search_index import EXCLUDE_SELECTORS, ZWSP, han_characters, indexed_bytes, page_order, parts, searched_pages
from seedtext.tagpages import LINKS_CLASS

RESULT_LINKS = ".md-search-result__item > a"


def article_text(html: str) -> str:
    """The text Pagefind indexes: the article body (data-pagefind-body, search_index.indexed_bytes: without the
    tag chips, the lists of other articles, 继续阅读 and 引用本文), markup stripped."""
    body = indexed_bytes(html.encode("utf-8")).decode("utf-8")
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
    slug = sorted(p.name for p in (built_site / variant.root / "articles").iterdir())[0]
    page.goto(f"{base}{variant.root}/articles/{slug}/", wait_until="networkidle")
    page.keyboard.press("/")
    for simplified, traditional in WORDS:
        own = traditional if variant is HANT else simplified
        expected = {base + path for path in articles_naming(built_site, variant.root, own)}
        assert expected, own
        for query in (simplified, traditional):
            found = search(page, query)
            # Every article naming the word, and no other (none that only holds its characters apart).
            assert set(found) == expected and len(found) == len(expected), (query, found)
            assert all(url.startswith(f"{base}{variant.root}/articles/") for url in found), found
    page.close()


def test_results_show_title_and_excerpt_in_the_readers_script(site_server, context, built_site):
    page = context.new_page()
    page.goto(f"{site_server}{HANT.root}/about/", wait_until="networkidle")
    page.keyboard.press("/")
    assert search(page, "反诈")
    first = page.locator(".md-search-result__item").first
    title, excerpt = first.locator("h1").inner_text(), first.locator("p").inner_text()
    assert title and "反詐" in excerpt and set(first.locator("p mark").all_inner_texts()) == {"反詐"}
    assert "诈" not in excerpt and len(excerpt) > 20 and ZWSP not in title + excerpt
    assert "個符合條件的結果" in page.locator(".md-search-result__meta").inner_text()
    page.close()


def test_nothing_is_fetched_for_search_until_the_reader_types(site_server, context, built_site):
    requests: list[str] = []
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    slug = sorted(p.name for p in (built_site / HANS.root / "articles").iterdir())[0]
    page.goto(f"{site_server}{HANS.root}/articles/{slug}/", wait_until="networkidle")
    page.keyboard.press("/")  # opening the box is not searching yet
    page.wait_for_timeout(500)
    assert not [u for u in requests if "/pagefind/" in u or "search-script" in u], requests
    search(page, "公安")
    assert any(u.endswith("/pagefind/pagefind.js") for u in requests)
    assert any(f"/pagefind/index/{HANS.lang.lower()}_" in u for u in requests)  # this script's index only
    assert not any(f"/pagefind/index/{HANT.lang.lower()}_" in u for u in requests)
    page.close()


def test_keyboard_opens_moves_through_results_and_opens_one_with_the_query_highlighted(site_server, context):
    page = context.new_page()
    page.goto(f"{site_server}{HANS.root}/about/", wait_until="networkidle")
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


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory):
    """The five seeds built with at most 2 article pages a Pagefind run, served: each script's index comes in
    parts (pagefind/, pagefind-2/ …), as a site of thousands of articles does (extra.search_part_pages)."""
    tmp = tmp_path_factory.mktemp("parted")
    (tmp / "project").mkdir()
    project = copy_project(tmp / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("  search_part_pages: 700\n") == 1
    config.write_text(text.replace("  search_part_pages: 700\n", "  search_part_pages: 2\n"), encoding="utf-8")
    site = tmp / "site"
    proc = mkdocs_build(project, site)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/", project
    server.shutdown()


@pytest.mark.parametrize("variant", [HANS, HANT], ids=["simplified", "traditional"])
def test_an_index_in_parts_finds_what_one_index_finds(parted_site, site_server, context, built_site, variant):
    site, base, _ = parted_site
    root = site / variant.root
    articles = len(list((root / "articles").glob("*/index.html")))
    others = json.loads((root / "pagefind" / "parts.json").read_text())
    count = len(others) + 1  # at least one part per two articles (parts by hash are not all full)
    assert others == [f"../pagefind-{n}/" for n in range(2, count + 1)] and count >= -(-articles // 2) > 2
    pages = sum(json.loads((root / (f"pagefind-{n}" if n > 1 else "pagefind") / "pagefind-entry.json").read_text())
                ["languages"][variant.lang.lower()]["page_count"] for n in range(1, count + 1))
    assert pages == articles  # every article in exactly one part
    requests: list[str] = []
    parted, whole = context.new_page(), context.new_page()
    parted.on("request", lambda r: requests.append(r.url))
    parted.goto(f"{base}{variant.root}/about/", wait_until="networkidle")
    whole.goto(f"{site_server}{variant.root}/about/", wait_until="networkidle")
    for page in (parted, whole):
        page.keyboard.press("/")
    for simplified, traditional in WORDS:
        own = traditional if variant is HANT else simplified
        naming = {path for path in articles_naming(built_site, variant.root, own)}
        found = {url.removeprefix(base) for url in search(parted, simplified)}
        # The same articles as one index finds, every one naming the word among them. (The order may differ:
        # each part ranks by its own word statistics, which with two pages a part say little.)
        assert found == {url.removeprefix(site_server) for url in search(whole, simplified)}, own
        assert naming <= found, own
    assert any(f"/{variant.root}/pagefind-{count}/index/" in u for u in requests)  # the last part was searched
    parted.close()
    whole.close()


def fragments_text(bundle: Path) -> str:
    """Every page fragment of a Pagefind bundle (gzipped JSON with a signature line), decoded."""
    texts = []
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        texts.append(data.split(b"pagefind_dcd", 1)[-1].decode("utf-8", errors="replace"))
    return "".join(texts).replace(ZWSP, "")  # the index's parting of Han characters (han_characters)


def test_an_edit_re_indexes_only_the_parts_holding_the_seeds_articles(parted_site, tmp_path):
    _, _, project = parted_site
    seed = project / "seeds" / "003_1300966ffd2de289.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\n本报讯 民警为群众找回走失的鹦鹉，这是编辑补上的一段话。\n",
                    encoding="utf-8")
    site = tmp_path / "site"
    proc = mkdocs_build(project, site)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads((project / ".cache" / "timings.json").read_text(encoding="utf-8"))
    parts = sorted(site.glob("*/pagefind*/pagefind-entry.json"))
    holding = [entry.parent for entry in parts if "鹦鹉" in fragments_text(entry.parent)
               or "鸚鵡" in fragments_text(entry.parent)]
    assert len(holding) == 2  # the edited article's part in each script, and the new paragraph is in it
    assert report["search_indexed"] == 2 < len(parts)  # every other part came from the cache


def test_the_index_reads_again_only_the_pages_whose_file_changed_since_the_last_build(tmp_path):
    """search_index.searched_pages: a page whose file has the size and time the last build saw is not read
    again (its digest then is kept); an edited page is, and the index is keyed on its new text."""
    tree = tmp_path / "zh-hans"
    pages = {}
    for slug, text in (("a", "反诈宣传进社区"), ("b", "民警为群众找回走失的鹦鹉")):
        pages[slug] = tree / "articles" / slug / "index.html"
        pages[slug].parent.mkdir(parents=True)
        pages[slug].write_text(f"<html><div data-pagefind-body><p>{text}</p></div></html>", encoding="utf-8")
    (tree / "articles" / "c").mkdir()
    (tree / "articles" / "c" / "index.html").write_text("<html><p>不检索的页</p></html>", encoding="utf-8")
    known: dict = {}
    first = searched_pages(tree, known)
    assert sorted(first) == [pages["a"], pages["b"]] and len(known) == 3  # the unsearched page is known too
    size, time_ns, _ = known["articles/a/index.html"]
    known["articles/a/index.html"] = (size, time_ns, b"as the last build read it")
    pages["b"].write_text(pages["b"].read_text(encoding="utf-8").replace("鹦鹉", "小狗和鹦鹉"), encoding="utf-8")
    second = searched_pages(tree, known)
    assert second[pages["a"]] == b"as the last build read it"  # not read again
    assert second[pages["b"]] != first[pages["b"]] and second[pages["b"]] == searched_pages(tree)[pages["b"]]


def test_the_index_reads_each_han_character_of_the_article_text_as_a_word():
    page = ('<html lang="zh"><title>反诈</title><div data-pagefind-body><h1 id="反诈">反诈 AI赋能</h1>'
            '<p>公安<a href="/tags/政务服务/">政务服务</a>。2025年</p>')
    parted = han_characters(page.encode("utf-8")).decode("utf-8")
    z = ZWSP  # tags, attributes and the head kept; characters parted across markup too (a link, blocks)
    assert parted == page.replace("反诈 AI赋能", f"反{z}诈 AI赋{z}能").replace(
        '公安<a href="/tags/政务服务/">政务服务', f'{z}公{z}安<a href="/tags/政务服务/">{z}政{z}务{z}服{z}务')


def test_the_result_page_marks_no_text_the_index_leaves_out():
    script = (REPO / "docs" / "javascripts" / "search.js").read_text(encoding="utf-8")
    left_out = re.search(r'const NOT_TEXT = ((?:"[^"]*"\s*\+?\s*)+);', script).group(1)
    selectors = {s.strip() for s in "".join(re.findall(r'"([^"]*)"', left_out)).split(",")}
    assert set(EXCLUDE_SELECTORS) | {f".{LINKS_CLASS}"} <= selectors


# Words of the seeds: 反诈 in four articles of five that name a 反 word; 反扒窃 (and no 反诈) in a fifth.
# 赵祥 is a byline's name; no article names 赵明.
ONLY_ANTI_THEFT = "zhu-zhou-feng-qi-bi-duo-zhu-pin-pai"


@pytest.mark.parametrize("variant", [HANS, HANT], ids=["simplified", "traditional"])
def test_a_query_finds_the_pages_holding_the_string_not_its_characters_apart(site_server, context, built_site,
                                                                             variant):
    page = context.new_page()
    page.goto(f"{site_server}{variant.root}/about/", wait_until="networkidle")
    page.keyboard.press("/")
    for word in ("反诈", "赵祥", "赵明", "反扒窃"):
        own = variant.text(word)
        expected = {site_server + path for path in articles_naming(built_site, variant.root, own)}
        found = search(page, word)  # typed in Simplified: converted on the Traditional site
        assert set(found) == expected and len(found) == len(expected), (word, found)
        meta = page.locator(".md-search-result__meta").inner_text()
        assert (str(len(expected)) in meta) if expected else not found, (word, meta)
    assert ONLY_ANTI_THEFT in "".join(articles_naming(built_site, variant.root, variant.text("反扒窃")))
    assert not any(ONLY_ANTI_THEFT in url for url in search(page, "反诈"))
    assert not articles_naming(built_site, variant.root, "赵明") and not search(page, "赵明")
    page.close()


@pytest.mark.parametrize("variant", [HANS, HANT], ids=["simplified", "traditional"])
def test_a_query_with_no_match_says_so_in_the_pages_script(site_server, context, variant):
    page = context.new_page()
    page.goto(f"{site_server}{variant.root}/about/", wait_until="networkidle")
    page.keyboard.press("/")
    assert search(page, "xyz不存在") == []
    meta = page.locator(".md-search-result__meta").inner_text().strip()
    assert meta == variant.text("没有找到符合条件的结果")
    assert ("没有" in meta) is (variant is HANS) and ("沒有" in meta) is (variant is HANT)
    page.close()


@pytest.mark.parametrize("query", ["高质量发展", "平安", "无人机 警务"])
def test_excerpts_are_article_text_with_exactly_the_query_words_marked(site_server, context, query):
    page = context.new_page()
    page.goto(f"{site_server}{HANS.root}/about/", wait_until="networkidle")
    page.keyboard.press("/")
    assert search(page, query)
    words = set(query.split())
    for result in page.locator(".md-search-result__item").all():
        excerpt = result.locator("p").inner_text()
        # No Latin full stop joining title, byline and text (高质量发展. 王茜. 即将…); 542.2万元 may stay.
        assert ". " not in excerpt and not re.search(r"[^\x00-\x7f]\.", excerpt), excerpt
        marked = result.locator("p mark").all_inner_texts()
        assert marked and set(marked) <= words, (excerpt, marked)  # 平安, never 平平 in 高水平平安
    page.close()


def test_the_result_page_marks_every_query_word_and_scrolls_to_the_first(site_server, context, built_site):
    words = ["无人机", "警务"]
    expected = set.intersection(*(articles_naming(built_site, HANS.root, w) for w in words))
    assert expected
    page = context.new_page()
    page.goto(f"{site_server}{HANS.root}/about/", wait_until="networkidle")
    page.keyboard.press("/")
    found = search(page, " ".join(words))
    assert {url.removeprefix(site_server) for url in found} == expected
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(found[0]) + r"\?h="))
    hits = page.locator("[data-pagefind-body] mark[data-search-hit]")
    hits.first.wait_for(timeout=10_000)
    assert set(hits.all_inner_texts()) == set(words)
    text = article_text(page.content())
    assert hits.count() >= sum(text.count(w) for w in words)  # every occurrence in the article's text
    # Scrolled (smoothly) until the first hit is in view below the sticky header.
    page.wait_for_function("""() => {
        const r = document.querySelector("mark[data-search-hit]").getBoundingClientRect();
        const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
        return window.scrollY > 0 && r.top >= header && r.bottom <= window.innerHeight;
    }""", timeout=10_000)
    page.close()


def test_a_seed_added_last_changes_the_last_search_part_only(tmp_path):
    """A deploy after a seed is added (seeds/ in name order: a new seed takes the next number) indexes the last
    part of each script again, not every part holding one of its articles. An article put before others
    changes its part and the parts after it, never one before. No part is over the limit."""
    tree = tmp_path / "zh-hans"
    slugs = [f"article-{n:04}" for n in range(1000)]

    def cut(slugs):
        pages = sorted(tree / "articles" / slug / "index.html" for slug in slugs)
        return parts(tree, pages, 300, page_order(slugs))

    before = cut(slugs)
    after = cut([*slugs, "zz-new-1", "aa-new-2"])  # a seed's two articles, whose names sort anywhere
    assert len(after) == len(before) == 4
    assert after[:3] == before[:3]
    assert after[3] == sorted([*before[3], *(tree / "articles" / s / "index.html" for s in ("zz-new-1", "aa-new-2"))])
    inserted = cut([*slugs[:650], "inserted", *slugs[650:]])
    assert inserted[:2] == before[:2] and inserted[2] != before[2]
    for grouping, count in ((before, 1000), (after, 1002), (inserted, 1001)):
        assert max(map(len, grouping)) <= 300
        assert len({p for group in grouping for p in group}) == sum(map(len, grouping)) == count
