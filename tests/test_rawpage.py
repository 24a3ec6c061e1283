"""The 原文对照 pages as a reader and an editor use them: every raw line of a seed on exactly one page,
as the file has it (unconverted in every script), every removal struck through with its reason,
paragraph links from the article that land on the same block, the article opening with its headline.
Checked on the built site of the five seeds, and on small degraded texts made here."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import HANS, HANT, REPO, SITE
from seedtext.cache import Cache
from seedtext.cleaning import clean
from seedtext.cleaning.evidence import WEIGHTS
from seedtext.cleaning.text import COMPRESSIBLE_ALL, COMPRESSIBLE_STOPS, despace_prose, width
from seedtext.notes import WORDING, Say, pieces, plain
from seedtext.rawpage import RawText, page_rows, raw_page_markdown, raw_table
from seedtext.seed import CleanedSeed
from seedtext.site import seed_files

VOID = {"br", "hr", "img", "input", "link", "meta", "source", "wbr", "area", "base", "col", "embed", "param"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and (cls is None or cls in child.attrs.get("class", "").split()):
                    found.append(child)
                found += child.find_all(tag, cls)
        return found


class Tree(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.at = Node("#root", {}, None)
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_endtag(self, tag):
        node = self.at
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.at = node.parent

    def handle_data(self, data):
        self.at.children.append(data)


def parse(path: Path) -> Node:
    return Tree(path.read_text(encoding="utf-8")).root


@pytest.fixture(scope="module")
def seeds() -> dict[str, CleanedSeed]:
    options = SITE.cleaning
    cache = Cache(None)
    return {path.name: cache.cleaned_seed(path, options) for path in seed_files(REPO / "seeds")[0]}


def raw_pages(built_site: Path, root: str) -> dict[str, list[Node]]:
    """Each seed's 原文对照 pages (the intro names the seed file)."""
    by_seed: dict[str, list[Node]] = {}
    for path in sorted((built_site / root / "raw").glob("*/index.html")):
        page = parse(path)
        intro = next(p for p in page.find_all("p", "raw-intro"))
        seed = re.search(r"seeds/(\S+\.txt)", intro.text()).group(1)
        by_seed.setdefault(seed, []).append(page)
    return by_seed


def raw_text(li: Node) -> str:
    """A raw line as the page shows it, without the marks and notes drawn around it."""
    return "".join(span.text() for span in li.find_all("span", "raw-text"))


def line_items(page: Node) -> list[Node]:
    return [li for ol in page.find_all("ol", "raw-lines") for li in ol.find_all("li")]


@pytest.mark.parametrize("variant", [HANS, HANT], ids=lambda v: v.root)
def test_every_raw_line_is_on_exactly_one_page_as_the_file_has_it(built_site, seeds, variant):
    pages = raw_pages(built_site, variant.root)
    assert set(pages) == {name for name, seed in seeds.items() if seed.articles}
    for name, seed_pages in pages.items():
        raw = seeds[name].raw_lines
        numbers = [int(li.attrs["value"]) for page in seed_pages for li in line_items(page)]
        assert sorted(numbers) == list(range(1, len(raw) + 1)), name
        for page in seed_pages:
            for li in line_items(page):
                no = int(li.attrs["value"])
                # The raw text exactly, in the seed's own script on every variant's page (no conversion).
                assert raw_text(li) == (raw[no - 1] if raw[no - 1].strip() else ""), (name, no)
            assert {span.attrs["lang"] for span in page.find_all("span", "raw-text")} == {"zh-Hans"}


@pytest.mark.parametrize("variant", [HANS, HANT], ids=lambda v: v.root)
def test_the_rows_follow_the_blocks_and_the_lines_within_a_block_ascend(built_site, seeds, variant):
    for name, seed_pages in raw_pages(built_site, variant.root).items():
        for page in seed_pages:
            rows = page.find_all("tr", "raw-row")
            assert rows, name
            for row in rows:
                numbers = [int(li.attrs["value"]) for li in line_items(row)]
                assert numbers == sorted(numbers), (name, row.attrs["id"])


def test_every_removal_is_struck_through_on_its_line_with_its_reason(built_site, seeds):
    """What the lossless check accepts as a deliberate removal (Edit.removed) is shown where it was."""
    pages = raw_pages(built_site, HANS.root)
    checked = 0
    for name, seed in seeds.items():
        items = {int(li.attrs["value"]): li for page in pages.get(name, []) for li in line_items(page)}
        for edit in seed.edits:
            if not edit.removed:
                continue
            li = items[edit.line]
            struck = "".join(d.text() for d in li.find_all("del", "raw-removed"))
            assert "".join(edit.removed.split()) in "".join(struck.split()), (name, edit)
            notes = " ".join(n.text() for n in li.find_all("span", "raw-note"))
            assert plain(edit.note) in notes, (name, edit)
            checked += 1
    assert checked >= 10  # the seeds remove markup, fillers, photo pointers and doubled titles


def degraded_page(text: str) -> Node:
    """The 原文对照 page of a text cleaned here, as HTML (the page's table is HTML in the Markdown)."""
    options = SITE.cleaning
    result = clean(text, "test.txt", options)
    raw = text.split("\n")
    table = raw_table(page_rows(result.articles, len(raw))[0], RawText.of(tuple(raw), tuple(result.edits)))
    page = table.html(lambda text: text, lambda block: block)
    return Tree(html.unescape(page[page.index("<table"):])).root


# No blank lines, no first-line indent: the wrap is only visible in the line lengths.
WRAPPED = """公安局开展专项行动
——记某市公安工作
记者 王明
今年以来，全市公安机关坚持以人民为中心的发展思想，深入推进平安建设，各项工作取
得明显成效。全市刑事案件立案数同比下降百分之十二，群众安全感满意度持续提升，社会
治安大局保持稳定。
市局 创 新 警 务 机 制,推动警力下沉,打造了一批群众满意的基层派出所和社区警务室。
"""


def test_a_degraded_text_shows_its_joins_spaces_and_widened_punctuation():
    page = degraded_page(WRAPPED)
    marks = [m.attrs["title"] for m in page.find_all("abbr")]
    assert any("接排" in m for m in marks), marks  # the hard wraps
    spaces = page.find_all("del", "raw-space")
    assert spaces and all(not d.text().strip() for d in spaces)  # the letter-spacing, as real spaces
    assert [m.text() for m in page.find_all("mark", "raw-punct")] == [",", ","]
    # The cleaned column holds the paragraph whole.
    clean_cells = [td.text() for td in page.find_all("td", "raw-clean")]
    assert any("各项工作取得明显成效" in c for c in clean_cells), clean_cells


def test_a_filler_line_is_struck_where_it_stood():
    text = WRAPPED + "请珍惜粮食\n派出所民警走村入户，收集社情民意，化解矛盾纠纷。\n"
    page = degraded_page(text)
    filler = [li for li in page.find_all("li") if "请珍惜粮食" in li.text()]
    assert len(filler) == 1 and filler[0].find_all("del", "raw-removed"), [li.text() for li in page.find_all("li")]


def test_the_sitemap_leaves_out_the_raw_pages_and_they_ask_not_to_be_indexed(built_site):
    for variant in (HANS, HANT):
        sitemap = (built_site / variant.root / "sitemap-pages.xml").read_text(encoding="utf-8")
        assert "/articles/" in sitemap and "/raw/" not in sitemap
        page = next((built_site / variant.root / "raw").glob("*/index.html")).read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex, follow">' in page
        assert "data-pagefind-body" not in page  # not searched: the article is


@pytest.mark.parametrize("variant", [HANS, HANT], ids=lambda v: v.root)
def test_the_article_opens_with_its_headline_and_links_every_paragraph(built_site, variant):
    for path in sorted((built_site / variant.root / "articles").glob("*/index.html")):
        page = parse(path)
        article = page.find_all("article")[0]
        content = article.text()
        h1 = article.find_all("h1")[0].text()
        tags = article.find_all("nav", "md-tags")
        assert tags, path  # every article has tags; they come after the text, every chip a link
        assert all(a.attrs.get("href") for a in tags[0].find_all("a"))
        assert content.index(h1) < content.index(tags[0].text()), path
        paragraphs = [p for p in article.find_all("p") if re.fullmatch(r"p\d+", p.attrs.get("id", ""))]
        assert paragraphs, path
        slug = path.parent.name
        assert any(a.attrs.get("href") == f"../../raw/{slug}/" for a in article.find_all("a")), path
        for p in paragraphs:
            links = {a.attrs["class"]: a.attrs["href"] for a in p.find_all("a") if "para-" in a.attrs.get("class", "")}
            assert links == {"para-link": f"#{p.attrs['id']}", "para-raw": f"../../raw/{slug}/#{p.attrs['id']}"}
        raw = parse(built_site / variant.root / "raw" / slug / "index.html")
        ids = {tr.attrs["id"] for tr in raw.find_all("tr", "raw-row")}
        assert {p.attrs["id"] for p in paragraphs} <= ids, path


@pytest.mark.parametrize("variant", [HANS, HANT], ids=lambda v: v.root)
def test_a_paragraph_link_lands_on_the_same_block(built_site, site_server, browser, variant):
    slug = "zhu-zhou-feng-qi-bi-duo-zhu-pin-pai"  # seed 002, the messiest
    page = browser.new_page()
    try:
        page.goto(urljoin(site_server, f"{variant.root}/articles/{slug}/"))
        paragraph = page.locator("article p[id^=p]").nth(5)
        pid = paragraph.get_attribute("id")
        text = paragraph.evaluate("""p => { const c = p.cloneNode(true);
            c.querySelectorAll('.para-link, .para-raw').forEach(a => a.remove()); return c.textContent.trim(); }""")
        link = paragraph.locator("a.para-raw")
        link.focus()  # keyboard-reachable; visible when focused
        assert link.evaluate("a => getComputedStyle(a.parentElement).opacity") == "1"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(f"/raw/{slug}/#{pid}")
        target = page.locator(f"tr#{pid}")
        assert target.evaluate("tr => tr.matches(':target')")
        assert target.locator(".raw-clean").inner_text().strip() == text
        assert page.evaluate(f"document.getElementById('{pid}').getBoundingClientRect().top") < 200  # scrolled to
    finally:
        page.close()


def test_a_line_no_block_holds_stays_on_its_own_articles_page():
    """A second article's replaced headline (removed, with its reason) is on that article's page, not on
    the page of the article before it."""
    seed = REPO / "seeds" / "001_3d9b584bb7f006f6.txt"
    text = seed.read_text(encoding="utf-8")
    options = SITE.cleaning
    result = clean(text, seed.name, options, {"articles": {2: {"title": "编辑改过的标题"}}})
    assert len(result.articles) >= 2
    [replaced] = [e.line for e in result.edits if e.detail == "title replaced by the overrides file"]
    pages = page_rows(result.articles, len(text.split("\n")))
    holding = [n for n, rows in enumerate(pages) if any(replaced in row.lines for row in rows)]
    assert holding == [1]


def test_seed_text_in_the_file_name_and_tabs_stay_text():
    options = SITE.cleaning
    text = WRAPPED.replace("市局 创", "市局\t创")
    result = clean(text, 'a<img src=x onerror=alert(1)>.txt', options)
    raw = text.split("\n")
    rows = page_rows(result.articles, len(raw))[0]
    markdown = raw_page_markdown(result.articles[0], rows, "../articles/x.md") + raw_table(
        rows, RawText.of(tuple(raw), tuple(result.edits))).html(lambda text: text, lambda block: block)
    assert "<img" not in markdown and "&lt;img src=x onerror=alert(1)&gt;" in markdown
    assert "\t" not in markdown and ">&#9;</del>" in markdown  # Python-Markdown would expand a tab to spaces


# --- the notes: Chinese, in the page's script, with figures a reader can check -----------------------

# 第70行差一字排满（15字，栏宽16字） or 这一行不像缩进的段首（第71行宽16字，栏宽16字）: the figures of that line only.
FILL = re.compile(r"第(\d+)行(?:[^（）]*（(?:缩进两字后)?|宽)([\d.]+)字，栏宽([\d.]+)字）")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def note_words(note: Node) -> str:
    """A note as the page writes it in its own words: the raw text it quotes left out."""
    text = note.text()
    for span in note.find_all("span", "raw-quote"):
        text = text.replace(span.text(), "", 1)
    return text


def test_the_notes_say_each_edit_in_chinese_with_the_figures_of_the_lines_beside_them(built_site, seeds):
    pages = raw_pages(built_site, HANS.root)
    labels, fills = set(), 0
    for name, seed_pages in pages.items():
        raw = seeds[name].raw_lines
        for page in seed_pages:
            for note in page.find_all("span", "raw-note"):
                if note.parent.tag == "dt":  # the legend's sample
                    continue
                words = note_words(note)
                assert not LATIN_WORD.search(words), (name, note.text())
                labels.add(words.split("：", 1)[0])
                for no, fill, column in FILL.findall(words):
                    # The width is the raw line's as the cleaner measures it (compressed punctuation half).
                    solid = despace_prose(raw[int(no) - 1].strip())
                    measures = {width(solid), width(solid, COMPRESSIBLE_STOPS), width(solid, COMPRESSIBLE_ALL)}
                    assert float(fill) in measures, (name, no, fill, measures)
                    assert float(column) <= 30  # a column a line was wrapped at, never a whole paragraph's width
                    fills += 1
    assert {"存疑·接排", "删去", "图片说明", "标题", "署名", "出处", "编辑改动"} <= labels, labels
    assert fills >= 2


def test_a_doubtful_join_is_noted_in_the_copy_editors_words(built_site):
    page = parse(built_site / HANS.root / "raw" / "zhu-zhou-feng-qi-bi-duo-zhu-pin-pai" / "index.html")
    notes = [n.text() for n in page.find_all("span", "raw-note")]
    assert "存疑·接排：接在第70行后，前面没有空行（这一部分以空行分段）；" \
           "这一行不像缩进的段首（第71行宽15字，栏宽15.5字）。" \
           "相反的迹象：第70行差一字排满（14.5字，栏宽15.5字），句子在这一行结束" in notes, notes


def test_a_doubtful_new_paragraph_is_noted_in_the_copy_editors_words():
    # A page set by a real typesetter (tests/fixtures/typeset): line 57 starts a paragraph on a narrow balance.
    text = (REPO / "tests" / "fixtures" / "typeset" / "fengyuan_reordered.txt").read_text(encoding="utf-8")
    notes = [n.text() for n in degraded_page(text).find_all("span", "raw-note")]
    assert any(n.startswith("存疑·另起一段：第56行未排满（10字，栏宽12字），句子在这一行结束") for n in notes), notes


def test_the_traditional_page_says_the_notes_in_traditional_and_quotes_the_raw_text_as_read(built_site):
    slug = "zhu-zhou-feng-qi-bi-duo-zhu-pin-pai"
    hans = parse(built_site / HANS.root / "raw" / slug / "index.html")
    hant = parse(built_site / HANT.root / "raw" / slug / "index.html")
    hans_notes = [n.text() for n in hans.find_all("span", "raw-note")]
    hant_notes = [n.text() for n in hant.find_all("span", "raw-note")]
    assert "删去：重复排了两次的标题“逢旗必夺铸品牌”，保留一次" in hans_notes
    # The title as printed (Simplified) between the corner quotes of the Traditional page's own words.
    assert "刪去：重複排了兩次的標題「逢旗必夺铸品牌」，保留一次" in hant_notes
    assert any(n.startswith("存疑·接排：接在第70行後") and "（第71行寬15字，欄寬15.5字）" in n for n in hant_notes), \
        hant_notes
    quotes = hant.find_all("span", "raw-quote")
    assert quotes and all(q.attrs["lang"] == "zh-Hans" for q in quotes)
    assert [q.text() for q in quotes] == [q.text() for q in hans.find_all("span", "raw-quote")]
    legend = " ".join(dd.text() for dd in hant.find_all("dd"))
    assert "另起一段" in legend and "英文" not in legend and "刪去的文字" in legend


def test_every_edit_of_every_input_has_a_chinese_note(seeds):
    """Every change the cleaner makes, on the seeds, the fixtures and the dev set's raw texts, reaches the
    raw page with a note in Chinese: only the raw text it quotes may hold Latin letters."""
    options = SITE.cleaning
    devset = REPO.parent / "shared" / "devset"
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in
             [*sorted((REPO / "tests" / "fixtures").rglob("*.txt")), *sorted(devset.glob("raw*/*.txt"))]]
    edits = [e for seed in seeds.values() for e in seed.edits]
    edits += [e for name, text in texts for e in clean(text, name, options).edits]
    keys = set()
    for edit in edits:
        words = "".join(text for text, quoted in pieces(edit.note) if not quoted)
        assert words or edit.kind == "byline", edit
        assert not LATIN_WORD.search(words), (edit, words)
        keys.add(edit.note.key)
    assert len(edits) > 1000 and len(keys) > 40


def test_every_sign_of_a_weighed_decision_has_its_chinese_words():
    assert set(WEIGHTS) <= set(WORDING)
    assert set(Say) <= set(WORDING)


def test_explain_stays_english():
    seed = REPO / "seeds" / "002_0d1112e8809bcfdf.txt"
    explain = subprocess.run([sys.executable, str(REPO / "hooks" / "clean.py"), str(seed), "--explain"],
                             capture_output=True, text=True, check=True).stdout
    assert "   71  join     paragraphs         joined to line 70: new paragraph? no (-1.5): for: a character " \
           "short ends a sentence (14.5 of 15.5) +1.5; against: no blank line between blocks -1.5; not indented " \
           "(15 of 15.5) -1.5\n" in explain
    assert "doubled title collapsed: '逢旗必夺铸品牌' was printed twice  [removed]" in explain
    assert not re.search("接排|另起一段|删去|栏宽", explain)
