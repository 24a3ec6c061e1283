"""The 原文对照 page of an article: the cleaned text block by block, each block beside the raw lines it
came from (Block.sources), with every edit of the cleaner shown on its raw line. It is what
`hooks/clean.py SEED --explain` lists, laid out for a reader.

Every raw line of a seed is on exactly one page: a block's own lines on its row; a line that reaches
no block (blank, or removed whole) with the line above it in the same article's part of the file, so
a removed filler line stands where it was printed. The raw text is the extraction as read from the
file, in every script: the table's pieces say which are converted with the page (`Part`), so the
Traditional page shows the same raw text as the Simplified one.

The page is two things: its head in Markdown (title, introduction) and its table as HTML pieces
(`RawTable`), which the hook adds to the rendered head (parsing the table's tags as Markdown's raw
HTML took three times as long as the rest of the page's build). It is readable without CSS or
JavaScript: a table, the raw lines as a numbered list, joins and new paragraphs as marks, removed
spaces and removals as <del>, widened punctuation as <mark>, every other edit written out with the
cleaner's reason.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .cleaning.evidence import is_doubtful
from .cleaning.text import FULL_TO_HALF
from .convert import is_traditional, script_patterns
from .model import Article, Block, BlockKind, Edit, EditKind
from .notes import Say, pieces
from .packed import Packed
from .render import dump_front_matter, escape_text, html_text

# What each edit is called on the page, as a copy editor marks a proof; its note (seedtext/notes.py) follows.
EDIT_LABELS = {
    EditKind.JOIN: "接排",
    EditKind.SPLIT: "另起一段",
    EditKind.REMOVE: "删去",
    EditKind.SPACE: "去掉字间空格",
    EditKind.PUNCT: "全角标点",
    EditKind.CAPTION: "图片说明",
    EditKind.HEADING: "小标题",
    EditKind.DISPLAY: "展示行",
    EditKind.KICKER: "眉题",
    EditKind.GAP: "缺页",
    EditKind.OVERRIDE: "编辑改动",
    EditKind.BYLINE: "署名",
    EditKind.TITLE: "标题",
    EditKind.PRINTED: "出处",
}
NOT_HEADING_LABEL = "不作小标题"
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
JOIN_MARK = _mark("↩", EDIT_LABELS[EditKind.JOIN])
SPLIT_MARK = _mark("¶", EDIT_LABELS[EditKind.SPLIT])


def _escape(text: str) -> str:
    # A tab as a reference (so it shows as the tab it was, whatever the browser does with white space); the
    # mark between the table's pieces as a reference, so no seed text can be taken for it.
    return html.escape(text, quote=False).replace("\t", "&#9;").replace(PART_EDGE, f"&#{ord(PART_EDGE)};")


class Part(enum.Enum):
    """How a piece of the 原文对照 table is written in each script variant."""

    PAGE = "page"
    """Markup and the site's own words (labels, the legend, a note's label): converted with the page."""
    CLEANED = "cleaned"
    """A block of the cleaned text (left column): converted, and where conversion doubts are marked."""
    AS_READ = "as read"
    """The raw extraction, and the raw text a note quotes: the same characters in every script."""


# Between the pieces while they are converted as one text (a private-use character no seed prints and
# OpenCC leaves as it is; _escape writes one in a seed as a reference). No word spans it.
PART_EDGE = "\U0010FFFD"


@dataclass(frozen=True)
class RawTable:
    """The table of a 原文对照 page as pieces, in order, each with how it is written per script."""

    parts: tuple[tuple[str, Part], ...]

    @functools.cached_property
    def digest(self) -> str:
        """What the table is made of (its pieces and their kinds), read once per table: a rebuild under
        `mkdocs serve` compares every page's digest (hooks/serve_pages.py)."""
        digest = hashlib.sha256()
        for text, part in self.parts:
            digest.update(f"{part.name}\0{text}\0".encode())
        return digest.hexdigest()

    def html(self, convert: Callable[[str], str], mark_cleaned: Callable[[str], str]) -> str:
        """The table in a variant's script: `convert` gets the converted pieces as one text (PART_EDGE
        between them, the raw ones left out), so the page converts as it reads; `mark_cleaned` marks a
        converted block of the left column (its conversion doubts)."""
        joined = PART_EDGE.join("" if part is Part.AS_READ else text for text, part in self.parts)
        converted = convert(joined).split(PART_EDGE)
        if len(converted) != len(self.parts):
            raise ValueError("the conversion changed the marks between the table's pieces")
        return "".join(text if part is Part.AS_READ else mark_cleaned(piece) if part is Part.CLEANED else piece
                       for (text, part), piece in zip(self.parts, converted, strict=True))


class SeedTables:
    """A seed's 原文对照 tables, one per article (`rows`: page_rows), made together the first time one is asked
    for: the seed's raw lines and edits are unpacked once for all its articles and let go after, and each
    table is kept packed (seedtext.packed) until its page in the other script asks again."""

    def __init__(self, raw_lines: Sequence[str], edits: Sequence[Edit], rows: list[list[Row]]) -> None:
        self._raw_lines, self._edits, self._rows = raw_lines, edits, rows
        self._made: list[Packed] | None = None

    def table(self, number: int) -> RawTable:
        """The table of the seed's article `number` (0-based)."""
        if self._made is None:
            raw = RawText.of(tuple(self._raw_lines), tuple(self._edits))
            self._made = [Packed(raw_table(rows, raw).parts) for rows in self._rows]
        return RawTable(self._made[number].unpacked())


class TableToMake:
    """A 原文对照 page's RawTable, made when its HTML is asked for (`make`: SeedTables.table): a build that
    takes the page whole from an earlier build (the hook's output cache) never needs it. Its digest is read
    without making it: a digest of what it is made from (`made_from`: the seed's cache key, which holds the
    seed, its overrides, the cleaning options and the code, and the article's place in the seed)."""

    def __init__(self, make: Callable[[], RawTable], made_from: str) -> None:
        self._make = make
        self.made_from = made_from

    @property
    def table(self) -> RawTable:
        return self._make()

    @functools.cached_property
    def digest(self) -> str:
        return hashlib.sha256(f"made from\0{self.made_from}".encode()).hexdigest()

    def html(self, convert: Callable[[str], str], mark_cleaned: Callable[[str], str]) -> str:
        return self.table.html(convert, mark_cleaned)


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
    return edit.kind == EditKind.HEADING and edit.note.key in (Say.NOT_HEADING, Say.PROSE_NOT_HEADLINE)


def _note_label(edit: Edit) -> str:
    """The note's label; a decision weighed close to the balance says so first (the editor checks it)."""
    label = NOT_HEADING_LABEL if _declined_heading(edit) else EDIT_LABELS[edit.kind]
    return f"存疑·{label}" if is_doubtful(edit.margin) else label


def _note_parts(edit: Edit, raw: RawText) -> list[tuple[str, Part]]:
    """An edit's note as the table's pieces: its label and words in the page's script, the raw text it
    quotes as read, in the language of its script (as the raw column marks it)."""
    parts: list[tuple[str, Part]] = [(f"{_note_label(edit)}：", Part.PAGE)]
    for text, quoted in pieces(edit.note):
        parts.append((f'<span class="raw-quote" lang="{raw.lang(text)}">{_escape(text)}</span>', Part.AS_READ)
                     if quoted else (_escape(text), Part.PAGE))
    return parts


def _notes(edits: list[Edit], raw: RawText) -> list[tuple[str, Part]]:
    """The edits of a line other than those drawn in it, each with its note (seedtext/notes.py)."""
    parts: list[tuple[str, Part]] = []
    # A line read as a heading and later given back to the prose is prose: its heading notes go with the
    # heading (a close decision is still shown).
    headings = [e for e in edits if e.kind == EditKind.HEADING]
    prose = bool(headings) and _declined_heading(headings[-1])
    for e in edits:
        if (e.kind not in _IN_LINE or e.removed or is_doubtful(e.margin)) \
                and (is_doubtful(e.margin) or not (_declined_heading(e) or prose and e.kind == EditKind.HEADING)):
            parts += [(f'\n<span class="raw-note{" raw-doubt" if is_doubtful(e.margin) else ""}">', Part.PAGE),
                      *_note_parts(e, raw), ("</span>", Part.PAGE)]
    return parts


def _raw_cell(row: Row, raw: RawText) -> list[tuple[str, Part]]:
    if not row.lines:
        return [('<p class="raw-added">原文没有这一行：本站在此标出缺页</p>' if row.block.kind == BlockKind.GAP else "",
                 Part.PAGE)]
    aligner = _Aligner(row.block.text)
    sources = set(row.block.sources)
    # The list is the raw text, and markup whose words are the same in every script (the marks' 接排 and
    # 另起一段, 空行); only the notes' words are converted. One raw line a line of HTML.
    parts: list[tuple[str, Part]] = [('<ol class="raw-lines">\n', Part.AS_READ)]
    for n, no in enumerate(row.lines):
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
        parts.append((f'{"" if n == 0 else chr(10)}<li value="{no}" id="L{no}"{cls}>{marks}{body}', Part.AS_READ))
        parts += _notes(edits, raw)
        parts.append(("</li>", Part.AS_READ))
    parts.append(("\n</ol>", Part.AS_READ))
    return parts


def _clean_cell(block: Block) -> str:
    label = BLOCK_LABELS.get(block.kind)
    head = f'<span class="raw-kind">{label}</span>\n' if label else ""  # the label converts on its own line
    return head + html.escape(block.text, quote=False).replace(PART_EDGE, f"&#{ord(PART_EDGE)};")


# What the marks of the raw column mean (the page's 标记说明).
LEGEND = "".join(f"\n<dt>{mark}</dt><dd>{meaning}</dd>" for mark, meaning in (
    (JOIN_MARK, "接排：这一行接在上一行后面，去掉了中间的换行（原文按栏宽折行）"),
    (SPLIT_MARK, "另起一段：从这一行起是新的一段"),
    ('<del class="raw-space">\u3000</del>', "去掉的字间空格：排版时两端对齐或识别时多出的空格"),
    ('<mark class="raw-punct">,</mark>', "半角标点改为全角（中文句子里的 , ; : ! ? ( )）"),
    ('<del class="raw-removed">删去</del>', "删去的文字，后面写明原因：标记符号、与文章无关的文字、重复的标题等"),
    ('<span class="raw-note">说明</span>',
     "这一行的其他处理（图片说明、小标题、编辑改动等）和整理时的依据。引号里是原文，照原样列出；"
     "行宽按字计，汉字和全角标点算一字，半角字母、数字算半字（版面挤压标点时，标点也算半字）；"
     "栏宽是这一部分排满的行的宽度"),
    ('<span class="raw-note raw-doubt">存疑</span>',
     "整理程序拿不准的判断：支持和反对的依据相差不大，请先对照报纸核对这些地方"),
    ('<span class="raw-blank">（空行）</span>', "原文中的空行"),
    ('<mark class="conversion-doubt">存疑</mark>',
     "简繁转换存疑（只在繁体页的左栏）：另一种转换（MediaWiki 的转换表）写法不同、尚待审定的词；"
     "指向它可看到另一种写法"),
))


def raw_page_markdown(article: Article, rows: list[Row], article_url: str) -> str:
    """The page's head in Simplified Markdown: front matter, heading, introduction (the table follows it:
    raw_table). article_url: the article page's Markdown path relative to this page."""
    shown = sorted(no for row in rows for no in row.lines)
    span = f"第 {shown[0]}–{shown[-1]} 行中的 {len(shown)} 行" if shown else "没有原文行"
    meta = {"title": html_text(f"原文对照：{article.title}"), "robots": "noindex, follow",
            "hide": ["navigation", "toc"],
            "description": html_text(f"《{article.title}》的校订文本与原始提取文字逐段对照。")}
    parts = [
        dump_front_matter(meta),
        f"# 原文对照：{escape_text(article.title)}",
        f"左栏是本站校订后的文章，右栏是它所依据的原始提取文字：文件 <code>seeds/{html_text(article.source)}</code> "
        f"{span}，"
        "按原样列出，行号在前，未做简繁转换；整理时的每一处改动都标在右栏。"
        f"[返回文章]({article_url})\n{{: .raw-intro }}",
    ]
    return "\n\n".join(parts) + "\n"


def raw_table(rows: list[Row], raw: RawText) -> RawTable:
    """The page's legend and table, to follow its head (raw_page_markdown) on the rendered page."""
    parts: list[tuple[str, Part]] = [(
        f'\n<details class="raw-legend-box"><summary>标记说明</summary>\n<dl class="raw-legend">{LEGEND}</dl>'
        '</details>\n<table class="raw-compare"><thead><tr><th scope="col">校订文本</th>\n'
        '<th scope="col">原始提取文字（行号）</th></tr></thead><tbody>\n', Part.PAGE)]
    for n, row in enumerate(rows):
        parts += [(f'{"" if n == 0 else chr(10)}<tr id="{row.anchor}" class="raw-row raw-{row.block.kind}">\n'
                   '<td class="raw-clean">', Part.PAGE), (_clean_cell(row.block), Part.CLEANED),
                  ('</td>\n<td class="raw-source">', Part.PAGE), *_raw_cell(row, raw), ("</td></tr>", Part.PAGE)]
    parts.append(("\n</tbody></table>", Part.PAGE))
    return RawTable(tuple(parts))
