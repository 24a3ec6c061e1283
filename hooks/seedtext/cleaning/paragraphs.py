"""Rebuild paragraphs from hard-wrapped lines.

A PDF column wraps lines at its width. A line that reaches the column's edge, or
does not end a sentence, continues in the next line; a line clearly short of the
column that ends a sentence ends its paragraph, and one that ends without a sentence
end ends a heading. The column width is inferred per side of each line (the lines
before it, the lines after it). Blank lines only separate paragraphs where the
extraction did not double-space everything; whether first lines carry the dropped
indent is read from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import BlockKind, Edit, EditKind
from ..steps import step
from .lines import NOT_TEXT, Line, LineKind
from .roles import Vocabulary
from .text import (
    CLOSING,
    CLOSING_START,
    HAN,
    LEADS_ON,
    PAUSES,
    STOPS,
    despace_headline,
    despace_prose,
    ends_sentence,
    full_width_punctuation,
    is_han,
    is_single_sentence,
    is_wide,
    width,
)
from .words import word_across

WINDOW = 7  # lines either side used to infer the column width and the spacing style
SIDE_LINES = 3  # lines one side needs to tell its own column width
WIDE_COLUMN = 30  # wider than this, a line is a whole paragraph (no hard wrap)
SHORT_BY = 1.0  # a line this much short of the column ends its paragraph (if it ends a sentence)
WIDER_BY = 2.5  # a line this much wider than the column was not wrapped at it (a caption, a wide column)
INDENT = 2.0
HANG = 1.0  # a wrapped line is at most one hanging punctuation mark wider than its column
_ONLY_PUNCT = re.compile(f"^[{re.escape(STOPS + PAUSES + CLOSING)}…—.]+$")
_NUMBERED_HEAD = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])\S")
_CLAUSE_INSIDE = re.compile(f"[{PAUSES}]")
SHORT_CAPTION = 12  # a caption of a phrase alone (林区夜间巡逻。), not a sentence of the text
_SENTENCE_INSIDE = re.compile(f"[{STOPS}]")
# A paragraph's run-in head of two short phrases (扩面降槛，应援尽援。): printed only where a paragraph starts.
_PAIRED_HEAD = re.compile(r"^[^，。！？；“”]{2,6}[，,][^，。！？；“”]{2,6}[。！？]")
_RUN_IN_HEAD = re.compile(r"^[^，。！？；]{2,12}[。！？](?=[^”’」』）)])")  # a head with its text after it


@dataclass
class Draft:
    kind: BlockKind
    lines: list[Line] = field(default_factory=list)
    text: str = ""
    level: int = 0


def column_widths(text_lines: list[Line]) -> list[float]:
    """The column width at each line: the upper quartile of the widths of the lines before it and of
    the lines after it (most wrapped lines fill the column; paragraph ends, indents and unbreakable
    numbers make some shorter), the narrower of the two that the line fits in. Where a narrower
    column starts (a side column after a column break), its first line fills the column of the lines
    after it; where the text goes back to the wide column, its first line belongs to that one."""
    widths = [ln.phys for ln in text_lines]
    out = []
    for i, own in enumerate(widths):
        back, fwd = widths[max(0, i - WINDOW):i], widths[i + 1:i + WINDOW + 1]
        sides = [upper_quartile(side + [own]) for side in (back, fwd) if len(side) >= SIDE_LINES]
        # The line belongs to the narrowest column it fits in; wider than both, to the wider.
        fitting = [c for c in sides if own <= c + WIDER_BY]
        out.append(min(fitting) if fitting else max(sides) if sides
                   else upper_quartile(widths[max(0, i - WINDOW):i + WINDOW + 1]))
    return out


def indents_paragraphs(text_lines: list[Line], cols: dict[int, float]) -> bool:
    """Does this text show paragraphs by a first line two characters short (the indent the extraction
    dropped)? Looks at the lines after plain paragraph ends (a sentence ending a short line)."""
    firsts = [(line, nxt) for prev, line, nxt in zip(text_lines, text_lines[1:], text_lines[2:], strict=False)
              if ends_sentence(prev.text) and prev.phys < cols[prev.no] - SHORT_BY  # a plain paragraph end
              and line.phys >= nxt.phys - INDENT - 1  # not a heading (much shorter than the line below)
              and nxt.phys >= line.phys - 1]  # nor a wrapped heading (its second line is the short one)
    return len(firsts) >= 2 and sum(indented_above(line, nxt) for line, nxt in firsts) >= 0.5 * len(firsts)


def indented_above(line: Line, nxt: Line, col: float = 0) -> bool:
    """Is `line` two characters narrower than the line below it (a dropped first-line indent)?
    Measured against its neighbour, not only the column estimate: half-width text and compressed
    punctuation move both lines alike. `col`: the column, where the line below may have ended
    early (a long word went down)."""
    if line.justified:
        return False  # letter-spaced to fill the column
    full = nxt.phys if ends_sentence(nxt.text) and not nxt.justified else max(nxt.phys, col)
    return full - INDENT - 1 <= line.phys <= full - INDENT + 0.5


def upper_quartile(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.75 * (len(ordered) - 1))]


def double_spaced(text_lines: list[Line], i: int) -> bool:
    """Is the extraction double-spaced around text line i (a blank after nearly every line)?"""
    window = text_lines[max(1, i - WINDOW):i + WINDOW + 1]
    if len(window) < 3:
        return False
    return sum(1 for ln in window if ln.blank_before >= 1) / len(window) >= 0.7


def continues(prev: Line, line: Line, col: float, i: int, text_lines: list[Line], between: int,
              overrides: dict, prev_opens: bool = False, indent_cue: bool = False,
              photo_between: bool = False) -> tuple[bool, str]:
    """Does `line` continue the paragraph that `prev` ends? Returns (decision, reason)."""
    if line.no in overrides.get("break_before", []):
        return False, "overrides: break_before"
    if line.no in overrides.get("join_before", []):
        return True, "overrides: join_before"
    if _ONLY_PUNCT.match(line.text):
        return True, "hanging punctuation belongs to the line above"
    if CLOSING_START.match(line.text):
        return True, "a line that opens with closing punctuation cannot start a paragraph"
    if not ends_sentence(prev.text):
        return True, "line above does not end a sentence" + (" (across a page or column break)" if between else "")
    if col > WIDE_COLUMN:
        return False, "sentence ends a paragraph line"
    if prev.phys > col + WIDER_BY:
        return False, f"sentence ends a line wider than the column ({prev.phys:g} of {col:g}): not wrapped here"
    if prev_opens and indent_cue and indented(prev, col) and line.phys >= col - SHORT_BY \
            and (not between or double_spaced(text_lines, i)):
        # The paragraph's indented first line ended with its sentence; the full line below continues it.
        return True, f"indented first line, full line below ({prev.phys:g}, {line.phys:g} of {col:g})"
    if prev.phys < col - SHORT_BY and not prev.justified:
        return False, f"sentence ends a short line ({prev.phys:g} of {col:g})"
    following = text_lines[i + 1] if i + 1 < len(text_lines) else None
    if photo_between and indent_cue and prev.phys >= col - SHORT_BY and line.phys >= col - SHORT_BY \
            and not (following and indented_above(line, following, col)):
        return True, "a photo's page break after a full line: the line below is not indented, where paragraphs are"
    if between and not double_spaced(text_lines, i):
        return False, "blank line after a sentence"
    if between >= 2:
        return False, "more blank lines after a sentence than the text around it has"
    if indent_cue and following is not None:
        if not line.justified and (indented(line, col) or indented_above(line, following, col)) \
                and not ends_sentence(line.text):
            return False, f"sentence ends the line above and this line is indented ({line.phys:g} of {col:g})"
        return True, f"line above fills the column ({prev.phys:g} of {col:g}) and this line is not indented"
    opening = despace_prose(line.text)
    if following and following.text[:1] in "。！？":
        opening += following.text[:1]  # the stop the line could not start with went down (护鸟护兽，守护精灵 / 。)
    if _RUN_IN_HEAD.match(opening) or _PAIRED_HEAD.match(opening):
        return False, "run-in head starts a paragraph"
    return True, f"line above fills the column ({prev.phys:g} of {col:g})"


def join_text(left: str, right: str, left_full: bool) -> str:
    """Join two wrapped lines: nothing between CJK; between Latin letters or digits, nothing if the
    column broke a word (full line), a space if the line ended at a word."""
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        # A Latin run set solid against Chinese (完成De|epSeek) is one word the column broke; words of
        # an English phrase (Open|Source) were separated by a space the line break replaced.
        run = re.search(r"[A-Za-z0-9]+$", left)
        phrase = run.start() > 0 and left[run.start() - 1] == " "
        return left + (" " if phrase and not left_full else "") + right
    if left and right and left[-1] == "." and right[0].isdigit():
        return left + right  # 168. / 3万
    return left + right


@step("wrapped_captions")
def wrapped_captions(body: list[Line], vocab: Vocabulary, edits: list[Edit]) -> set[int]:
    """A caption wrapped at the photo's width (图为民警在社区开展反诈 / 宣传。黄小明 摄): an unfinished caption
    line takes the next lines, none wider than it, up to a sentence end or a photo credit; a finished
    caption takes a credit printed on the line below it (受访单位 供图). Returns the raw numbers of
    the lines that continue a caption."""
    following: set[int] = set()
    for k, line in enumerate(body):
        if line.kind != LineKind.CAPTION or line.no in following:
            continue
        if finished_caption(line.text, vocab):
            nxt = body[k + 1] if k + 1 < len(body) else None
            if nxt and nxt.kind in (LineKind.TEXT, LineKind.CAPTION) and credit_only(nxt.text, vocab) \
                    and line.blank_after <= 1:
                nxt.kind = LineKind.CAPTION
                following.add(nxt.no)
                edits.append(Edit(EditKind.CAPTION, nxt.no, f"the photo credit of the caption on line {line.no}"))
            continue
        taken: list[Line] = []
        for j, nxt in enumerate(body[k + 1:k + 4], k + 1):
            if nxt.kind not in (LineKind.TEXT, LineKind.CAPTION) or nxt.blank_before > 1 \
                    or (nxt.phys > line.phys + HANG and nxt.kind != LineKind.CAPTION):
                break
            taken.append(nxt)
            if finished_caption(nxt.text, vocab):
                if not taken[-1].text.startswith(vocab.caption_marks):
                    after = body[j + 1] if j + 1 < len(body) else None
                    if after and after.kind in (LineKind.TEXT, LineKind.CAPTION) and credit_only(after.text, vocab) \
                            and ends_sentence(nxt.text):
                        taken.append(after)
                    for cont in taken:
                        cont.kind = LineKind.CAPTION
                        following.add(cont.no)
                        edits.append(Edit(EditKind.CAPTION, cont.no, f"continues the caption of line {line.no}"))
                break
    return following


def credit_only(text: str, vocab: Vocabulary) -> bool:
    """A photo credit alone on its line: a name or unit, then 摄 or 供图 (陈静 摄, 受访单位 供图)."""
    m = vocab.credit.match(text)
    return bool(m) and width(m.group(1)) <= 8 and not _SENTENCE_INSIDE.search(m.group(1)) \
        and "，" not in m.group(1)


def finished_caption(text: str, vocab: Vocabulary) -> bool:
    return ends_sentence(text) or bool(vocab.credit.match(text))


@step("paragraphs")
def build_blocks(body: list[Line], vocab: Vocabulary, overrides: dict, edits: list[Edit]) -> list[Draft]:
    """Hard-wrapped lines joined into paragraphs, headings found by their shape, captions set after the
    paragraph they interrupt. Each join and split names its reason."""
    prose_in_headlines(body)
    caption_tails = wrapped_captions(body, vocab, edits)
    text_lines = [ln for ln in body if ln.kind == LineKind.TEXT]
    cols = dict(zip((ln.no for ln in text_lines), column_widths(text_lines), strict=True))
    indent_cue = indents_paragraphs(text_lines, cols)
    index = {ln.no: i for i, ln in enumerate(text_lines)}
    following_text = {a.no: b for a, b in zip(text_lines, text_lines[1:], strict=False)}
    drafts: list[Draft] = []
    current: Draft | None = None
    held: list[Draft] = []  # captions met inside an unfinished paragraph go after it
    gap_before = set(overrides.get("gap_before", []) or [])
    gap_after = set(overrides.get("gap_after", []) or [])

    def close() -> None:
        nonlocal current
        if current:
            # Punctuation at a line's edge (a hanging "!" on its own line) only has its Chinese
            # neighbour once the lines are joined.
            current.text, changes = full_width_punctuation(current.text)
            if changes:
                current.text = despace_prose(current.text)  # "App ,2019" -> "App，2019", no space left
                edits.append(Edit(EditKind.PUNCT, current.lines[-1].no, "; ".join(changes) + " (across a line break)"))
            drafts.append(current)
            if current.lines[-1].no in gap_after:
                drafts.append(Draft(BlockKind.GAP, [current.lines[-1]]))
                edits.append(Edit(EditKind.OVERRIDE, current.lines[-1].no,
                                  "gap mark after this line (overrides: gap_after)"))
        drafts.extend(held)
        held.clear()
        current = None

    for line in body:
        if line.kind in NOT_TEXT:
            continue
        if line.no in gap_before:
            close()
            drafts.append(Draft(BlockKind.GAP, [line]))
            edits.append(Edit(EditKind.OVERRIDE, line.no, "gap mark before this line (overrides: gap_before)"))
        if line.kind == LineKind.CAPTION and line.no in caption_tails:
            caption = (held or drafts)[-1]
            caption.lines.append(line)
            caption.text = caption_text_of(caption.lines, vocab)
            continue
        if line.kind == LineKind.CAPTION:
            caption = Draft(BlockKind.CAPTION, [line], caption_text(line, vocab))
            last = current.lines[-1] if current else None
            # Inside an unfinished paragraph, or after a full line that may go on past the photo: held
            # until the paragraph closes (close() puts it after the paragraph either way).
            if current and (not ends_sentence(current.text) or last.phys >= cols.get(last.no, 0) - SHORT_BY):
                held.append(caption)
            else:
                close()
                drafts.append(caption)
            continue
        if line.kind == LineKind.HEADING:
            close()
            drafts.append(Draft(BlockKind.HEADING, [line], despace_headline(line.text), 0))
            continue
        text = despace_prose(line.text)
        if text != line.text:
            edits.append(Edit(EditKind.SPACE, line.no, "spaces removed next to Chinese characters"))
        if current is None:
            current = Draft(BlockKind.PARAGRAPH, [line], text)
            continue
        prev = current.lines[-1]
        col = cols[line.no]
        i = index[line.no]
        between = line.blank_before + sum(1 for d in held for _ in d.lines)
        tail = heading_tail(current)
        if tail and line.no not in overrides.get("join_before", []) \
                and heading_ends_here(tail, line, following_text.get(line.no), cols[prev.no], vocab, indent_cue,
                                      not double_spaced(text_lines, index[tail[0].no])):
            col = cols[prev.no]
            if len(tail) < len(current.lines):  # the paragraph before it ended on a full line
                current.lines = current.lines[:-len(tail)]
                current.text = _rejoin(current.lines, cols)
                edits.append(Edit(EditKind.SPLIT, tail[0].no,
                                  "new block: the heading below the paragraph's last sentence"))
            else:
                current = None
            for ln in tail:
                ln.kind = LineKind.HEADING
            edits.append(Edit(EditKind.HEADING, tail[0].no,
                              f"heading: ends without a sentence end on a line short of the column "
                              f"({prev.phys:g} of {col:g}), and line {line.no} starts anew"))
            close()
            drafts.append(Draft(BlockKind.HEADING, tail, "".join(despace_headline(ln.text) for ln in tail)))
            current = Draft(BlockKind.PARAGRAPH, [line], text)
            continue
        joined, reason = continues(prev, line, col, i, text_lines, between, overrides, len(current.lines) == 1,
                                   indent_cue, bool(held))
        if joined:
            edits.append(Edit(EditKind.JOIN, line.no, f"joined to line {prev.no}: {reason}"))
            current.text = join_line(current.text, prev, text, col)
            current.lines.append(line)
        else:
            edits.append(Edit(EditKind.SPLIT, line.no, f"new paragraph: {reason}"))
            close()
            current = Draft(BlockKind.PARAGRAPH, [line], text)
    close()
    return drafts


def heading_tail(current: Draft) -> list[Line]:
    """The lines at the end of a draft that could be a heading: the whole draft when it is one or two
    lines, else its last one or two lines after a line that ends a sentence (a paragraph whose last
    line happened to fill the column, then a heading, with no blank line between)."""
    if current.kind != BlockKind.PARAGRAPH:
        return []
    if len(current.lines) <= 2:
        return current.lines
    for size in (1, 2):
        if ends_sentence(current.lines[-size - 1].text) and not ends_sentence(current.lines[-1].text):
            return current.lines[-size:]
    return []


def join_line(text: str, prev: Line, line_text: str, col: float) -> str:
    """The paragraph's text so far with the next line's text joined on (`col`: the column at that line)."""
    return join_text(text, line_text, prev.phys >= col - SHORT_BY or prev.justified)


def _rejoin(lines: list[Line], cols: dict[int, float]) -> str:
    """A paragraph's text made again from its lines, joined as build_blocks joined them."""
    text = despace_prose(lines[0].text)
    for prev, line in zip(lines, lines[1:], strict=False):
        text = join_line(text, prev, despace_prose(line.text), cols[line.no])
    return text


def heading_ends_here(lines: list[Line], line: Line, after: Line | None, col: float, vocab: Vocabulary,
                      indent_cue: bool, blocks_spaced: bool = False) -> bool:
    """Are `lines` a heading, ended where `line` starts anew? A block that ends without a sentence end,
    short enough for a heading, on a line that does not fill the column (a page or column break cuts
    a line that fills it; a heading's last line does not), or right above a paragraph's indented
    first line where the text indents its paragraphs. A heading the column wrapped is two lines.

    Not a heading: a line whose next word (a long number, a Latin word) did not fit on it; a
    paragraph's indented first line, which the line below continues (社区矫|正 runs on); lines above
    a short line that is not itself a paragraph's first line (a heading's second line comes, or the
    paragraph ends there)."""
    prev = lines[-1]
    text = despace_prose("".join(ln.text for ln in lines))
    following = despace_prose(line.text)
    if ends_sentence(text) or width(text) > vocab.max_heading_width or text.endswith(LEADS_ON) \
            or _SENTENCE_INSIDE.search(text) or CLOSING_START.match(text) or CLOSING_START.match(line.text) \
            or prev.justified or not any(is_han(c) for c in text):
        return False
    if blocks_spaced and prev.blank_after == 0 and lines[0].blank_before:
        return False  # the text sets its blocks apart with a blank line, and none follows this one
    if col > WIDE_COLUMN or _NUMBERED_HEAD.match(text):
        return True  # a short line in unwrapped text; a numbered head (二、教育帮扶：…) however wide
    if re.search(r"[A-Za-z0-9.]$", text) and re.match(r"[A-Za-z0-9%]", following):
        return False  # a number or Latin word the column broke (168. / 3万)
    # Is `line` a paragraph's indented first line? The line below it fills the column, or goes on
    # (a long word it could not hold went down a line).
    line_opens = bool(after) and (after.phys >= col - SHORT_BY or not ends_sentence(after.text)) \
        and (indented_above(line, after, col) or (line.phys < col - INDENT and line.phys + width(
            _first_token(despace_prose(after.text))) > col - INDENT + 0.5))  # its next word did not fit
    if line.phys < col - SHORT_BY and not line.justified and not line_opens:
        return False  # the line below is short too: a heading's second line, or this paragraph's end
    if indent_cue and not line_opens and (line.phys >= col - SHORT_BY or line.justified) and "，" in text:
        # Where paragraphs are indented, a heading stands over an indented line: a line of prose with a
        # comma over a full line is a paragraph's start, its indent lost to half-width text.
        return False
    short = col - prev.phys
    fills = -WIDER_BY <= short < SHORT_BY
    if short <= INDENT + 1 and word_across(text, following):
        return False  # a word runs on into the next line (纠纷线|索): one sentence
    if indent_cue and line_opens and not (ends_sentence(line.text) and line.blank_after) \
            and not (fills and "，" in text):
        # The line below is a paragraph's indented first line: what stands above it has ended (a full
        # line of prose with a comma in it is more likely the paragraph's own than a heading).
        return True
    if fills:
        return False  # fills the column: the text goes on in the next line
    if short > 0 and width(_first_token(following)) > short:
        return False  # a long number or Latin word that did not fit went down to the next line
    if len(lines) == 1 and not line_opens and indented_above(prev, line, col) and (indent_cue
                                                               or word_across(text, following)):
        return False  # a paragraph's indented first line, and the line below continues it
    return True


def _first_token(text: str) -> str:
    m = re.match(r"[A-Za-z0-9.%]+", text)
    return m.group(0) if m else text[:1]


def prose_in_headlines(body: list[Line]) -> None:
    """A spaced line taken for a two-part headline, right after a line that does not end its
    sentence, is prose with OCR spaces."""
    prev = None
    for line in body:
        if line.kind == LineKind.HEADING and not line.md_level and prev and prev.kind == LineKind.TEXT \
                and not ends_sentence(prev.text):
            line.kind = LineKind.TEXT
        if line.kind in (LineKind.TEXT, LineKind.HEADING):
            prev = line


def indented(line: Line, col: float) -> bool:
    """As wide as a paragraph's first line: the column less the two-character indent the extraction dropped."""
    # The column estimate runs half a character wide where lines hold half-width text or hang punctuation.
    # A letter-spaced line fills the column, whatever its letters measure.
    return not line.justified and col - INDENT - 1 <= line.phys <= col - INDENT + 0.5


def caption_text_of(lines: list[Line], vocab: Vocabulary) -> str:
    """A wrapped caption's lines joined; the credit at its end keeps its space."""
    joined = "".join(despace_prose(ln.text) for ln in lines[:-1])
    return joined + caption_text(lines[-1], vocab)


def caption_text(line: Line, vocab: Vocabulary) -> str:
    """Captions keep the one space before a photo credit (黄连香 摄)."""
    m = vocab.credit.match(line.text)
    if m:
        return despace_prose(m.group(1)) + " " + m.group(2)
    return despace_prose(line.text)


def rank_headings(drafts: list[Draft]) -> None:
    """Heading levels from the article's own Markdown ranks: its highest-ranked heading marks become
    level 2, the next level 3 (### and #### in one article: 2 and 3). Plain and bold lines are level 2."""
    ranks = sorted({d.lines[0].md_level for d in drafts
                    if d.kind == BlockKind.HEADING and 1 <= d.lines[0].md_level <= 6})
    for d in drafts:
        if d.kind == BlockKind.HEADING:
            md = d.lines[0].md_level
            d.level = 2 + min(ranks.index(md), 2) if md in ranks else 2


@step("display_lines")
def mark_heading_runs(drafts: list[Draft], edits: list[Edit]) -> None:
    """Three or more headings with nothing between them head no sections: they are display lines
    (a page's list of slogans or section titles printed apart from the text), not headings."""
    k = 0
    while k < len(drafts):
        end = k
        while end < len(drafts) and drafts[end].kind == BlockKind.HEADING:
            end += 1
        if end - k >= 3:
            for d in drafts[k:end]:
                d.kind = BlockKind.DISPLAY
                edits.append(Edit(EditKind.DISPLAY, d.lines[0].no, "one of several headings in a row: a display line"))
        k = max(end, k + 1)


@step("weak_captions")
def mark_weak_captions(drafts: list[Draft], vocab: Vocabulary, edits: list[Edit]) -> None:
    """Short one-sentence paragraphs set off by an image's gap of blank lines, and a run of them
    at the article's end, are photo captions."""
    def short_sentence(d: Draft) -> bool:
        return d.kind == BlockKind.PARAGRAPH and is_single_sentence(d.text) \
                and width(d.text) <= vocab.max_caption_length

    for d in drafts:
        if short_sentence(d) and (d.lines[0].blank_before >= 2 or d.lines[-1].blank_after >= 2):
            d.kind = BlockKind.CAPTION
            edits.append(Edit(EditKind.CAPTION, d.lines[0].no, "short sentence set off by an image gap: caption"))
    for before, d in zip(drafts, drafts[1:], strict=False):
        if before.kind == BlockKind.CAPTION and d.kind == BlockKind.PARAGRAPH and len(d.lines) == 1 \
                and short_sentence(d) \
                and not _CLAUSE_INSIDE.search(d.text) and width(d.text) <= SHORT_CAPTION:
            d.kind = BlockKind.CAPTION
            edits.append(Edit(EditKind.CAPTION, d.lines[0].no,
                              "a short phrase right after a caption: the next photo's"))
    tail = len(drafts)
    while tail > 0 and (short_sentence(drafts[tail - 1]) or drafts[tail - 1].kind == BlockKind.CAPTION):
        tail -= 1
    trailing = [d for d in drafts[tail:] if d.kind == BlockKind.PARAGRAPH]
    if len(trailing) >= 2 or (trailing and any(d.kind == BlockKind.CAPTION for d in drafts[tail:])):
        for d in trailing:
            d.kind = BlockKind.CAPTION
            edits.append(Edit(EditKind.CAPTION, d.lines[0].no,
                              "short sentence in the captions after the article's end"))


@step("gaps")
def mark_gaps(drafts: list[Draft], vocab: Vocabulary, edits: list[Edit]) -> list[Draft]:
    """Where a page is missing, text starts or ends mid-sentence: keep it, and show the gap. A paragraph
    that breaks off before a heading or the article's end, or that opens mid-sentence (，…, 力、…) after
    a heading or at the start, has lost its other half."""
    out: list[Draft] = []
    flow = [d for d in drafts if d.kind != BlockKind.CAPTION]  # captions sit between the halves of a paragraph
    for d in drafts:
        if d.kind == BlockKind.PARAGRAPH:
            k = flow.index(d)
            after_break = k == 0 or flow[k - 1].kind == BlockKind.HEADING
            if after_break and starts_mid_sentence(d.text, vocab):
                out.append(Draft(BlockKind.GAP, [d.lines[0]]))
                edits.append(Edit(EditKind.GAP, d.lines[0].no, "text starts mid-sentence: gap mark before it"))
        out.append(d)
        if d.kind == BlockKind.PARAGRAPH and not ends_sentence(d.text):
            k = flow.index(d)
            if k == len(flow) - 1 or flow[k + 1].kind == BlockKind.HEADING:
                out.append(Draft(BlockKind.GAP, [d.lines[-1]]))
                edits.append(Edit(EditKind.GAP, d.lines[-1].no, "text breaks off mid-sentence: gap mark after it"))
    return out


def starts_mid_sentence(text: str, vocab: Vocabulary) -> bool:
    return text[:1] in vocab.fragment_starts or bool(re.match(f"^[{HAN}][、，]", text)) \
        or (not is_wide(text[:1]) and text[:1] in ",.;:)")
