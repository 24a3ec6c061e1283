"""The 原文对照 page of an article: the cleaned text block by block, each block beside the raw lines it
came from (Block.sources), with every edit of the cleaner shown on its raw line. It is what
`hooks/clean.py SEED --explain` lists, laid out for a reader.

Every raw line of a seed is on exactly one page: a block's own lines on its row; a line that reaches
no block (blank, or removed whole) with the line above it in the same article's part of the file, so
a removed filler line stands where it was printed. The raw text is the extraction as read from the
file: it is wrapped in VERBATIM marks, which the script conversion leaves alone (seedtext.convert),
so the Traditional page shows the same raw text as the Simplified one.

The page is HTML inside the Markdown (one HTML comment, nothing for Markdown to parse; see
unwrap_html) and readable without CSS or JavaScript: a table, the raw lines as a numbered list,
joins and new paragraphs as marks, removed spaces and removals as <del>, widened punctuation as
<mark>, every other edit written out with the cleaner's reason.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .cleaning.evidence import is_doubtful
from .cleaning.text import FULL_TO_HALF
from .convert import VERBATIM_CLOSE, VERBATIM_OPEN, is_traditional, script_patterns
from .model import Article, Block, BlockKind, Edit, EditKind
from .render import dump_front_matter, escape_text, html_text

# The page's finished HTML travels through Markdown inside this comment (seed text in it is escaped,
# so "-->" cannot occur in it); the hook calls unwrap_html on the rendered page.
HTML_OPEN, HTML_CLOSE = "<!--raw-html ", " raw-html-->"
# Where the pages live in each variant's tree: <root>/raw/<slug>/ beside <root>/articles/<slug>/.
RAW_DIR = "raw"

# What each edit is called on the page (the legend lists them); the cleaner's own reason follows in English.
EDIT_LABELS = {
    EditKind.REMOVE: "删除",
    EditKind.SPACE: "删去空格",
    EditKind.PUNCT: "半角标点改为全角",
    EditKind.CAPTION: "图片说明",
    EditKind.HEADING: "小标题",
    EditKind.DISPLAY: "展示行",
    EditKind.KICKER: "眉题",
    EditKind.GAP: "缺页标记",
    EditKind.OVERRIDE: "编辑更正（seeds/overrides/ 中的更正文件）",
    EditKind.BYLINE: "署名",
    EditKind.TITLE: "标题",
}
BLOCK_LABELS = {
    BlockKind.HEADING: "小标题", BlockKind.CAPTION: "图片说明", BlockKind.DISPLAY: "展示行",
    BlockKind.GAP: "缺页标记", BlockKind.KICKER: "眉题", BlockKind.TITLE: "标题",
    BlockKind.SUBTITLE: "副题", BlockKind.BYLINE: "署名",
}
# Edits drawn in the line itself (joins and new paragraphs as a mark before it, spaces and punctuation in
# it; their reasons are in `clean.py --explain`); the others are written out under it with their reason.
_IN_LINE = (EditKind.JOIN, EditKind.SPLIT, EditKind.SPACE, EditKind.PUNCT)


@dataclass(frozen=True)
class RawText:
    """A seed's raw lines and the edits on each line: made once per seed and shared by its articles'
    pages (one file may hold hundreds of articles)."""

    lines: tuple[str, ...]
    edits_at: dict[int, list[Edit]]
    has_traditional: bool = False  # any Traditional-only character: then each line's script is read

    @classmethod
    def of(cls, lines: tuple[str, ...], edits: tuple[Edit, ...]) -> RawText:
        edits_at: dict[int, list[Edit]] = {}
        for edit in edits:
            edits_at.setdefault(edit.line, []).append(edit)
        return cls(lines, edits_at, script_patterns()[1].search("\n".join(lines)) is not None)

    def lang(self, line: str) -> str:
        return "zh-Hant" if self.has_traditional and is_traditional(line) else "zh-Hans"


@dataclass(frozen=True)
class Row:
    """One block of the cleaned article and the raw lines shown beside it."""

    anchor: str  # the block's id on the page: p<n> as on the article page, h<n> for the head
    block: Block
    lines: tuple[int, ...]  # raw line numbers in the order shown


def block_anchors(article: Article) -> list[tuple[str, Block]]:
    """Head blocks h1…, then the body blocks p1… numbered as the article page numbers its paragraphs."""
    return ([(f"h{n}", b) for n, b in enumerate(article.head, 1)]
            + [(f"p{n}", b) for n, b in enumerate(article.blocks, 1)])


def page_rows(articles: list[Article], line_count: int) -> list[list[Row]]:
    """The rows of each article's page. Every raw line 1..line_count is on exactly one row: its block's, or
    (a line no block holds: blank, or removed whole) a row of the article whose part of the file holds it
    (from its first line to the next article's), after the nearest line above it that one of that
    article's blocks holds, else before that article's lowest held line."""
    anchored = [block_anchors(a) for a in articles]
    owner: dict[int, tuple[int, int]] = {}
    for page, blocks in enumerate(anchored):
        for row, (_, block) in enumerate(blocks):
            for no in block.sources:
                owner.setdefault(no, (page, row))
    starts = sorted((a.first_line, page) for page, a in enumerate(articles))
    after: dict[int, list[int]] = {}  # a held line -> the loose lines shown after it
    before: dict[int, list[int]] = {}  # an article -> its loose lines above any line it holds
    last_held: dict[int, int] = {}  # an article -> the last line it holds seen so far
    for no in range(1, line_count + 1):
        if no in owner:
            last_held[owner[no][0]] = no
            continue
        page = next((p for first, p in reversed(starts) if first <= no), starts[0][1] if starts else 0)
        if page in last_held:
            after.setdefault(last_held[page], []).append(no)
        else:
            before.setdefault(page, []).append(no)
    pages = []
    for page, blocks in enumerate(anchored):
        held = [no for no, (p, _) in owner.items() if p == page]
        lowest = min(held) if held else None
        rows = []
        for row, (anchor, block) in enumerate(blocks):
            lines: list[int] = []
            for no in block.sources:
                if owner[no] != (page, row):
                    continue
                if no == lowest:
                    lines += before.get(page, [])
                lines += [no, *after.get(no, [])]
            rows.append(Row(anchor, block, tuple(lines)))
        if lowest is None and rows and before.get(page):  # an article with no text of its own
            rows[0] = Row(rows[0].anchor, rows[0].block, tuple(before[page]))
        pages.append(rows)
    return pages


def _located_removals(raw: str, edits: list[Edit]) -> list[tuple[int, int, Edit]]:
    """(start, end, edit) of each recorded removal found in the raw line."""
    spans: list[tuple[int, int, Edit]] = []
    for edit in edits:
        if not edit.removed:
            continue
        at = raw.find(edit.removed)
        while at >= 0 and any(a < at + len(edit.removed) and at < b for a, b, _ in spans):
            at = raw.find(edit.removed, at + 1)
        if at >= 0:
            spans.append((at, at + len(edit.removed), edit))
    return spans


def _mark(symbol: str, label: str) -> str:
    return f'<abbr title="{label}">{symbol}</abbr>'


# Drawn before a raw line (most lines have one): short, the legend says the rest.
JOIN_MARK = _mark("↩", "接排")
SPLIT_MARK = _mark("¶", "分段")


def _escape(text: str) -> str:
    # A tab as a reference: Python-Markdown would expand it to spaces.
    return html.escape(text, quote=False).replace("\t", "&#9;")


def _verbatim(text: str) -> str:
    return VERBATIM_OPEN + _escape(text) + VERBATIM_CLOSE


class _Aligner:
    """Walks a block's cleaned text along its raw lines: each raw character is kept, widened, or dropped."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def line(self, raw: str, edits: list[Edit]) -> str:
        removals = _located_removals(raw, edits)
        text = self.text
        words = raw.split()
        if not removals and len(words) == 1:  # most lines: one run of text found as it is (a join at most)
            while self.pos < len(text) and text[self.pos].isspace():
                self.pos += 1
            if text.startswith(words[0], self.pos):
                self.pos += len(words[0])
                return _escape(raw)
        removed_at = {i: e for a, b, e in removals for i in range(a, b)}
        lead = len(raw) - len(raw.lstrip())
        tail = len(raw.rstrip())
        parts: list[tuple[str, str]] = []  # (kind, characters): keep, space, punct, removed
        for i, c in enumerate(raw):
            if i in removed_at:
                parts.append(("removed", c))
            elif c.isspace():
                if lead <= i < tail and self.pos < len(text) and text[self.pos].isspace():
                    self.pos += 1
                    parts.append(("keep", c))
                else:  # indentation and line ends are layout; a space inside the line that is gone was removed
                    parts.append(("space" if lead <= i < tail else "keep", c))
            else:
                while self.pos < len(text) and text[self.pos].isspace():
                    self.pos += 1  # a space the cleaner put between two joined lines of Latin text
                here = text[self.pos] if self.pos < len(text) else ""
                if here == c:
                    self.pos += 1
                    parts.append(("keep", c))
                elif here and FULL_TO_HALF.get(here) == c:
                    self.pos += 1
                    parts.append(("punct", c))
                else:
                    parts.append(("removed", c))
        return _line_html(parts)


def _line_html(parts: list[tuple[str, str]]) -> str:
    runs: list[tuple[str, str]] = []
    for kind, c in parts:
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + c)
        else:
            runs.append((kind, c))
    out = []
    for kind, chars in runs:
        if kind == "keep":
            out.append(_escape(chars))
        elif kind == "space":
            out.append(f'<del class="raw-space">{_escape(chars)}</del>')  # shaded by extra.css
        elif kind == "punct":
            out.append(f'<mark class="raw-punct">{_escape(chars)}</mark>')
        else:
            out.append(f'<del class="raw-removed">{_escape(chars)}</del>')
    return "".join(out)


def _declined_heading(edit: Edit) -> bool:
    """A heading question answered no (listed by --explain; on this page only when it was close)."""
    return edit.kind == EditKind.HEADING and edit.detail.startswith("heading? no")


def _note_label(edit: Edit) -> str:
    """The note's label; a decision weighed close to the balance says so first (the editor checks it)."""
    label = "不作小标题" if _declined_heading(edit) else \
        EDIT_LABELS.get(edit.kind, "分段" if edit.kind == EditKind.SPLIT else "接排")
    return f"存疑·{label}" if is_doubtful(edit.margin) else label


def _notes(edits: list[Edit]) -> str:
    """The edits of a line other than those drawn in it, each with the cleaner's reason (as --explain)."""
    notes = [f'\n<span class="raw-note{" raw-doubt" if is_doubtful(e.margin) else ""}">{_note_label(e)}：'
             f'<span lang="en">{_verbatim(e.detail)}</span></span>'
             for e in edits if (e.kind not in _IN_LINE or e.removed or is_doubtful(e.margin))
             and (is_doubtful(e.margin) or not _declined_heading(e))]
    # The list is verbatim (see _raw_cell); a note is in the page's words and converts with the page.
    return VERBATIM_CLOSE + "".join(notes) + VERBATIM_OPEN if notes else ""


def _raw_cell(row: Row, raw: RawText) -> str:
    if not row.lines:
        return '<p class="raw-added">原文没有这一行：本站在此标出缺页</p>' if row.block.kind == BlockKind.GAP else ""
    aligner = _Aligner(row.block.text)
    sources = set(row.block.sources)
    items = []
    for no in row.lines:
        line = raw.lines[no - 1] if no <= len(raw.lines) else ""
        edits = raw.edits_at.get(no, [])
        kinds = {e.kind for e in edits}
        marks = (JOIN_MARK if EditKind.JOIN in kinds else "") + (SPLIT_MARK if EditKind.SPLIT in kinds else "")
        if not line.strip():
            body, css = '<span class="raw-blank">（空行）</span>', "blank"
        elif no in sources:
            body, css = aligner.line(line, edits), ""
        else:  # removed whole: filler, a doubled title, a title replaced by the overrides file
            body, css = f'<del class="raw-removed">{_escape(line)}</del>', "removed"
        cls = f' class="{css}"' if css else ""
        if css != "blank":  # the raw text in its own script, whatever the page's
            body = f'<span class="raw-text" lang="{raw.lang(line)}">{body}</span>'
        items.append(f'<li value="{no}" id="L{no}"{cls}>{marks}{body}{_notes(edits)}</li>')
    # The whole list is verbatim: the raw text, and markup whose words are the same in every script (the
    # marks' 接排 and 分段, 空行); only the notes (the page's words) come out of it to be converted. OpenCC
    # then reads the cleaned column and the notes, not the raw column's markup. One raw line a Markdown line.
    return VERBATIM_OPEN + '<ol class="raw-lines">\n' + "\n".join(items) + "\n</ol>" + VERBATIM_CLOSE


def _clean_cell(block: Block) -> str:
    label = BLOCK_LABELS.get(block.kind)
    head = f'<span class="raw-kind">{label}</span>\n' if label else ""  # the label converts on its own line
    return f'{head}{html.escape(block.text, quote=False)}'


# What the marks of the raw column mean (the page's 标记说明).
LEGEND = "".join(f"\n<dt>{mark}</dt><dd>{meaning}</dd>" for mark, meaning in (
    (JOIN_MARK, "接排：这一行接在上一行后面，去掉了中间的换行（PDF 按栏宽折行）"),
    (SPLIT_MARK, "分段：从这一行另起一段"),
    ('<del class="raw-space">\u3000</del>', "删去的空格：排版时两端对齐或识别时多出的空格"),
    ('<mark class="raw-punct">,</mark>', "半角标点改为全角（中文句子里的 , ; : ! ? ( )）"),
    ('<del class="raw-removed">删除</del>', "删除的文字，后面写明原因：标记符号、与文章无关的填充文字、重复的标题等"),
    ('<span class="raw-note">说明</span>', "这一行的其他处理（图片说明、小标题、编辑更正等）及整理程序的原因（英文）"),
    ('<span class="raw-note raw-doubt">存疑</span>',
     "整理程序拿不准的判断：支持和反对的依据相差不大，请先对照报纸核对这些地方"),
    ('<span class="raw-blank">（空行）</span>', "原文中的空行"),
    ('<mark class="conversion-doubt">存疑</mark>',
     "简繁转换存疑（只在繁体页的左栏）：另一种转换（MediaWiki 的转换表）写法不同、尚待审定的词；"
     "指向它可看到另一种写法"),
))


def raw_page_markdown(article: Article, rows: list[Row], raw: RawText,
                      article_url: str) -> str:
    """The page in Simplified Markdown: front matter, heading, introduction, legend and the table.
    article_url: the article page's Markdown path relative to this page."""
    shown = sorted(no for row in rows for no in row.lines)
    span = f"第 {shown[0]}–{shown[-1]} 行中的 {len(shown)} 行" if shown else "没有原文行"
    meta = {"title": html_text(f"原文对照：{article.title}"), "robots": "noindex, follow",
            "hide": ["navigation", "toc"],
            "description": html_text(f"《{article.title}》的校订文本与原始提取文字逐段对照。")}
    body = "\n".join(f'<tr id="{row.anchor}" class="raw-row raw-{row.block.kind}">\n'
                     f'<td class="raw-clean">{_clean_cell(row.block)}</td>\n'
                     f'<td class="raw-source">{_raw_cell(row, raw)}</td></tr>' for row in rows)
    parts = [
        dump_front_matter(meta),
        f"# 原文对照：{escape_text(article.title)}",
        f"左栏是本站校订后的文章，右栏是它所依据的原始提取文字：文件 <code>seeds/{html_text(article.source)}</code> "
        f"{span}，"
        "按原样列出，行号在前，未做简繁转换；整理时的每一处改动都标在右栏。"
        f"[返回文章]({article_url})\n{{: .raw-intro }}",
        # One HTML comment for Python-Markdown to pass over: parsing the table's tags as raw HTML took
        # three times as long as the rest of the page's build. unwrap_html takes the wrapping off.
        f'{HTML_OPEN}\n<details class="raw-legend-box"><summary>标记说明</summary>\n<dl class="raw-legend">{LEGEND}'
        f'</dl></details>\n<table class="raw-compare"><thead><tr><th scope="col">校订文本</th>\n'
        f'<th scope="col">原始提取文字（行号）</th></tr></thead><tbody>\n{body}\n</tbody></table>{HTML_CLOSE}',
    ]
    return "\n\n".join(parts) + "\n"


def unwrap_html(page_html: str) -> str:
    """The rendered page with the table out of its comment (HTML_OPEN … HTML_CLOSE)."""
    start = page_html.find(HTML_OPEN)
    end = page_html.find(HTML_CLOSE, start)
    if start < 0 or end < 0:
        return page_html
    return page_html[:start] + page_html[start + len(HTML_OPEN):end] + page_html[end + len(HTML_CLOSE):]


# The links an article page gets in its HTML (not in its Markdown: `clean.py` and the text stay the
# article's own): labels in Simplified, converted per script by the caller.
LINK_LABELS = {"raw": "原文对照：与报纸原始提取文字逐段比较", "permalink": "本段的固定链接", "raw_short": "原文",
               "raw_paragraph": "本段的原文对照"}
_PARAGRAPH = re.compile(r'(<p id="(p\d+)">)(.*?)</p>', re.S)
_HEAD_END = re.compile(r'<p class="byline">.*?</p>|<p class="subtitle">.*?</p>|</h1>', re.S)


def link_article_html(page_html: str, raw_url: str, labels: dict[str, str]) -> str:
    """An article page's HTML with a link to its 原文对照 page under the byline (else the subtitle or the
    headline), and after each paragraph its permanent link (¶, to copy and cite) and its place on that
    page: quiet until hovered or focused (extra.css), labelled for screen readers, not printed, not
    searched (search_index.EXCLUDE_SELECTORS). raw_url: the 原文对照 page, relative to the article's."""
    permalink, raw_paragraph = labels["permalink"], labels["raw_paragraph"]

    def paragraph(m: re.Match) -> str:
        anchor = m.group(2)
        return (f'{m.group(1)}{m.group(3)} <a class="para-link" href="#{anchor}" aria-label="{permalink}" '
                f'title="{permalink}">¶</a>&nbsp;<a class="para-raw" href="{raw_url}#{anchor}" '
                f'aria-label="{raw_paragraph}" title="{raw_paragraph}">{labels["raw_short"]}</a></p>')

    heads = list(_HEAD_END.finditer(page_html))
    byline = next((m for m in heads if m.group(0).startswith('<p class="byline"')), None)
    subtitle = next((m for m in heads if m.group(0).startswith('<p class="subtitle"')), None)
    at = byline or subtitle or (heads[0] if heads else None)
    if at is not None:
        link = f'<p class="raw-link"><a href="{raw_url}">{labels["raw"]}</a></p>'
        page_html = page_html[:at.end()] + "\n" + link + page_html[at.end():]
    return _PARAGRAPH.sub(paragraph, page_html)
