"""Headings: plain headings found by their shape and the line below them, wrapped headings kept
whole, heading levels, and display lines (several headings in a row)."""

from __future__ import annotations

import functools
import logging
import re

from ..model import BlockKind, Change, EditKind
from ..names import TITLE_ENDINGS
from ..notes import Lines, Note, Quoted, Say
from .boundary import PAIRED_HEAD, opening
from .draft import Draft, first_token, last_token
from .evidence import Decision, Evidence, Fill, Weighing
from .layout import HANG, INDENT, SHORT_BY, WIDE_COLUMN, BlankHabit, Layout, indented, indented_above
from .lines import Line, LineKind, remove
from .roles import Vocabulary, is_slogan
from .text import (
    CLOSING_START,
    LEADS_ON,
    PAUSES,
    PROSE_PUNCT,
    STOP,
    despace_prose,
    ends_sentence,
    is_han,
    opens_quotation,
    remembered,
    width,
)
from .words import word_across, word_at

_NUMBERED_HEAD = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])\S")
# Parts of speech (jieba's tags) a heading does not end on: structural particles (的), prepositions
# (在, 对), conjunctions (和, 与). A line ending on one runs on into the next.
_LEADING_ON_TAGS = {"uj", "ul", "uz", "ug", "p", "c"}
# ... and a line does not start on a particle (的, 了, 着, 地, 得): the text above goes on into it.
_FOLLOWING_TAGS = {"uj", "ul", "uz", "ug", "ud", "uv"}


@functools.cache
def _tagger():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.dt


def load_dictionary() -> None:
    """jieba's dictionary and parts of speech, loaded now (0.9 s, once a process) rather than by the first
    seed cleaned: `mkdocs serve` loads them while the editor reads (its first build cleans nothing)."""
    ends_on_function_word("今年春节前，在")


@remembered  # jieba's tagging, asked again of the same tail
def ends_on_function_word(text: str) -> bool:
    """Does the text end on a particle, preposition or conjunction (刘建业所在的, 今年春节前，在)?"""
    words = list(_tagger().cut(_last_blocks(text)))
    return bool(words) and words[-1].flag in _LEADING_ON_TAGS


def _last_blocks(text: str) -> str:
    """The text from its last run of characters jieba tags together (Han, letters, digits and +#&._: jieba.posseg's
    re_han_internal): jieba cuts and tags each run on its own, so the last word of the text is the last
    word of this tail. Tagging a whole paragraph's text to read its last word was about a tenth of the time
    cleaning a seed took (150 bench seeds: 6.4 s, 6.1 s tagging the tail)."""
    import jieba.posseg

    last = None
    for last in jieba.posseg.re_han_internal.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    return text[last.start():] if last is not None else text


@remembered
def name_across(left: str, right: str) -> str:
    """A person's name the break cuts (网格员宋 | 丽霞就是): jieba's tagger, its model on, reads a name (nr) of
    two or three characters across it, with a title before it (网格员, 民警: names.TITLE_ENDINGS)."""
    left, right = left[-6:], right[:6]
    if not (left and right and is_han(left[-1]) and is_han(right[0])) \
            or not any(c in TITLE_ENDINGS for c in left[-3:-1]):  # no title just before: not tagged at all
        return ""
    tagged = list(_tagger().cut(left + right))
    found = word_at((pair.word for pair in tagged), len(left))
    if found is None or found[0] == 0:  # no word across, or none before it
        return ""
    name, before = tagged[found[0]], tagged[found[0] - 1].word
    return name.word if name.flag == "nr" and 2 <= len(name.word) <= 3 and before[-1] in TITLE_ENDINGS else ""


@remembered
def opens_on_particle(text: str) -> bool:
    """Does the text open on a particle that only follows other words (的褒奖, 了群众)?"""
    words = list(_tagger().cut(text[:6]))
    return bool(words) and words[0].flag in _FOLLOWING_TAGS


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


# Signs that the text reads on across the break below a line: then what follows it is not a run-in head.
_READS_ON = frozenset({"word across the break", "ends on a word that leads on", "next line opens on a particle",
                       "last phrase cut short", "broken number or Latin word", "number runs on into its unit",
                       "next word did not fit", "quotation runs on"})


def heading_decision(lines: list[Line], line: Line, below: dict[int, Line], layout: Layout, vocab: Vocabulary,
                     whole_draft: bool, opens_text: bool = False) -> Decision:
    """Are `lines` (one or two) a heading that ends where `line` starts? Weighed from the signs: a
    block that ends without a sentence end, short enough for a heading, on a line short of the column
    (a page or column break cuts a line that fills it; a heading's last line does not), with the
    line below starting anew (a run-in head, an indented first line, no word running across).
    `below`: the text line below each text line. A first line that the line below could complete
    as a wrapped heading is weighed against that reading. `opens_text`: the lines open the article's text,
    right under its headline and byline."""
    weigh = Weighing("heading?")
    after = below.get(line.no)
    prev = lines[-1]
    # A heading is set in the column of the section it heads: where a new stretch starts after a
    # block's first lines, they are measured against the new one.
    col = layout.column(line) if whole_draft else layout.column(prev)
    habit, indent_cue = layout.habit(lines[0]), layout.indents(line if whole_draft else prev)
    text = despace_prose("".join(ln.text for ln in lines))
    following = despace_prose(line.text)
    if ends_sentence(text) or width(text) > vocab.max_heading_width or text.endswith(LEADS_ON) \
            or STOP.search(text) or CLOSING_START.match(text) or not any(is_han(c) for c in text):
        return weigh.settled("not a heading's shape", False)
    if CLOSING_START.match(line.text):
        return weigh.settled("next line opens with closing punctuation", False)
    if col > WIDE_COLUMN:
        return weigh.settled("unwrapped short line", True)
    if _NUMBERED_HEAD.match(text):
        weigh.saw("numbered head")
    if prev.justified:
        weigh.saw("letter-spaced")
    # Does `line` open a paragraph? A run-in head, or an indented first line.
    next_word = width(first_token(despace_prose(after.text))) if after else 0
    line_opens = bool(after) and (after.phys >= col - SHORT_BY or not ends_sentence(after.text)) \
        and ((indented_above(line, after, col) and line.phys + next_word <= col  # not a long word's room
              and not ends_sentence(line.text))  # a short line that ends a sentence may end its paragraph
             or (line.phys < col - INDENT and line.phys + next_word > col - INDENT + 0.5))  # its next word did not fit
    run_in = bool(PAIRED_HEAD.match(following + (despace_prose(after.text) if after else "")))  # it may wrap
    indented_below = line_opens
    # Below a phrase without punctuation, a run-in head starts the paragraph: the phrase opens none.
    line_opens = line_opens or (run_in and not PROSE_PUNCT.search(text))
    short = 0 if prev.justified else col - prev.phys
    # Where the stretch indents, a paragraph's first line is full at the column less the indent (unless
    # the line below is a first line itself); a block's first line that is not indented opens none.
    # (Not a line set apart by gaps above and below: the line below does not go on from it.)
    set_apart = _gap_between_blocks_above(lines[0], layout) and _gap_between_blocks_above(line, layout)
    first_line = indent_cue and whole_draft and len(lines) == 1 and not set_apart
    if first_line and not line_opens and indented(prev, col):
        weigh.saw("fills the column", Fill(prev.no, prev.phys, col, first_line=True))
    elif (prev.phys > col + HANG or prev.no in layout.overhangs) and not prev.justified \
            and not ((token := last_token(prev.text)) and prev.phys - width(token) < col):
        # (Not a line over its column by a last number or Latin word alone: the break kept that word whole.)
        weigh.saw("wider than the column", Fill(prev.no, prev.phys, col))
    elif short >= SHORT_BY + 0.5:
        weigh.saw("short of the column", Fill(prev.no, prev.phys, col))
        if short >= INDENT + 1:
            weigh.saw("much short of the column")
    elif short >= SHORT_BY:  # a measure that jitters by a compressed mark makes one short ambiguous
        weigh.saw("a character short of the column", Fill(prev.no, prev.phys, col))
    elif not prev.justified:
        weigh.saw("fills the column", Fill(prev.no, prev.phys, col))
        if first_line:
            weigh.saw("not indented at a block's start")
    if not whole_draft:
        weigh.saw("after a sentence inside a paragraph")
    if opens_text:
        weigh.saw("opens the article's text")  # a review opens on its lead paragraph; its sections come after
    if len(lines) == 2 and _gap_inside_block_above(lines[1], layout):
        weigh.saw("a gap between its lines", lines[1].blank_before)  # a wrapped heading's lines stand together
    if len(lines) == 2 and indent_cue and indented(lines[0], col) and lines[1].phys >= col - SHORT_BY:
        weigh.saw("indented first line above")  # a paragraph's first two lines, not a wrapped heading
    if not PROSE_PUNCT.search(text):
        weigh.saw("no punctuation")
    elif "，" in text:
        weigh.saw("comma inside")
    if opens_quotation(text):
        weigh.saw("quotation runs on", "“")
    if re.search(r"[A-Za-z0-9.]$", text) and re.match(r"[A-Za-z0-9%]", following):
        weigh.saw("broken number or Latin word", Quoted(text[-1] + "|" + following[0]))
    elif re.search(r"[0-9.]$", text) and is_han(following[:1]):
        weigh.saw("number runs on into its unit", Quoted(text[-3:] + "|" + following[0]))
    elif 0 < short < width(first_token(following)) and following[:1].isascii():
        weigh.saw("next word did not fit", Quoted(first_token(following)))
    word = word_across(text, following)
    if word:
        weigh.saw("word across the break", Quoted(word))
    elif name := name_across(text, following):
        weigh.saw("word across the break", Quoted(name))
    elif ends_on_function_word(text):
        weigh.saw("ends on a word that leads on", Quoted(text[-2:]))
    elif opens_on_particle(following):
        weigh.saw("next line opens on a particle", Quoted(following[:1]))
    clauses = re.split(f"[{PAUSES}]", text)
    if len(clauses) > 1 and len(clauses[-1]) <= 2:
        weigh.saw("last phrase cut short", Quoted(clauses[-1]))
    if run_in:
        weigh.saw("next line opens a paragraph", "run-in head")
        cut = any(e.sign in _READS_ON for e in weigh.evidence)
        if whole_draft and len(lines) == 1 and not PROSE_PUNCT.search(text) and not opens_text \
                and (PAIRED_HEAD.match(opening(line, after)) or not cut):
            # A block of one line without a stop or a pause, over a paragraph's run-in head (whole on the next line, or
            # wrapped with nothing reading on across the break): no paragraph of its own (it would end on a stop), nor
            # that paragraph's start (a run-in head opens one). Not under the byline: a lead opens on no run-in head.
            weigh.saw("a phrase alone over a run-in head")
    elif indented_below and (indent_cue or short >= SHORT_BY):
        weigh.saw("next line opens a paragraph", "indented")
    # In double-spaced text a line with only the usual blank line below it goes on into that line: not alone.
    joined_below = habit == BlankHabit.EVERY_LINE and prev.blank_after < 2
    if indented_below and indent_cue and whole_draft and len(lines) == 1 and not joined_below:
        # After a paragraph's end and before a paragraph's indented first line, an unfinished line
        # stands alone: it opens no paragraph (the line below does), so it heads one.
        weigh.saw("alone between two paragraphs")
    elif indent_cue and (line.phys >= col - SHORT_BY or line.justified) and "，" in text:
        weigh.saw("prose line over a full line")
    second_line = len(lines) == 1 and line.phys < col - SHORT_BY and not line.justified \
        and not ends_sentence(line.text) and width(text + following) <= vocab.max_heading_width \
        and not PAIRED_HEAD.match(following) and not _gap_inside_block_above(line, layout)
    if second_line and not line_opens:
        weigh.saw("second line follows")
    if habit in (BlankHabit.BETWEEN, BlankHabit.AROUND_HEADINGS):
        if prev.blank_after and lines[0].blank_before:
            weigh.saw("set apart by blank lines")
        elif prev.blank_after:
            weigh.saw("blank line after it")
        elif lines[0].blank_before:
            weigh.saw("no blank line after it")
        if not lines[0].blank_before:
            weigh.saw("no blank line before it")
    elif habit == BlankHabit.EVERY_LINE and prev.blank_after >= 2 and lines[0].blank_before >= 2:
        weigh.saw("set apart by blank lines")  # more than the one after every line, on both sides
    elif habit == BlankHabit.EVERY_LINE and prev.blank_after >= 2 > lines[0].blank_before:
        weigh.saw("extra blank lines after it")
    elif habit == BlankHabit.EVERY_LINE and lines[0].blank_before >= 2 > prev.blank_after \
            and lines[0].no > lines[0].blank_before + 1:  # (the blank lines a file opens with are before nothing)
        weigh.saw("extra blank lines before it only")  # a paragraph's start: its lines follow at the usual spacing
    if len(lines) == 1 and not line_opens and indented_above(prev, line, col) and not set_apart:
        # Where the stretch shows no indent, a line two short may still be a first line.
        weigh.saw("indented first line continued", scale=1.0 if indent_cue or word else 0.75)
    one = weigh.decision()
    if second_line and line_opens and after is not None:
        # Either this line is a heading and the short line below a paragraph's first line, or the two
        # are one wrapped heading: the reading that weighs more wins.
        two = heading_decision(lines + [line], after, below, layout, vocab, whole_draft, opens_text)
        if two.verdict and two.score >= one.score:
            weigh.evidence.append(Evidence("the line below completes it as a heading", -two.score,
                                           f"{two.score:+g} for both lines"))
            return weigh.decision()
    return one


def wraps_into(above: Draft, lines: list[Line], layout: Layout, vocab: Vocabulary) -> bool:
    """Is the one-line heading `lines`, found right under the heading `above`, that heading's second line? No
    text stands between them, nor a gap; the line above is the longer, or shorter by no more than a mark measured
    half (a heading wrapped at its column, or broken for balance, keeps the longer part above: 延伸帮扶助力戒毒 /
    人员回归社会; “老娘舅”调解室 / 成了群众的贴心人, its quotation marks compressed); this one is no
    numbered head of its own; and the two together are a heading's length. A headline in two parts with a space
    between (服务不打烊 AI帮办更贴心) is whole on its line."""
    if above.kind != BlockKind.HEADING or len(above.lines) != 1 or len(lines) != 1:
        return False
    first, second = above.lines[0], lines[0]
    return not first.md_level and not second.md_level and first.phys >= second.phys - HANG \
        and " " not in first.text.strip() \
        and not _NUMBERED_HEAD.match(second.text) and not _gap_inside_block_above(second, layout) \
        and width(despace_prose(first.text + second.text)) <= vocab.max_heading_width


def _gap_inside_block_above(line: Line, layout: Layout) -> bool:
    """More blank lines above the line than between a block's own lines in its stretch (one where a blank
    line follows every line, else none)."""
    return line.blank_before > (layout.habit(line) == BlankHabit.EVERY_LINE)


def _gap_between_blocks_above(line: Line, layout: Layout) -> bool:
    """More blank lines above the line than its stretch sets between two blocks (none where it has no blank lines,
    one elsewhere, double-spaced text included): a gap a page or a photo left, wider than a paragraph's start."""
    return line.blank_before > (layout.habit(line) != BlankHabit.NONE)


def prose_in_headlines(body: list[Line], changes: list[Change]) -> None:
    """A spaced line taken for a two-part headline, right after a line that does not end its
    sentence, is prose with OCR spaces."""
    prev = None
    for line in body:
        if line.kind == LineKind.HEADING and not line.md_level and prev and prev.kind == LineKind.TEXT \
                and not ends_sentence(prev.text):
            line.kind = LineKind.TEXT
            changes.append(Change(EditKind.HEADING, line.no, f"heading? no: the sentence of line {prev.no} goes on "
                                                             "in it, so its spaces are OCR spaces in prose",
                                  note=Note.of(Say.PROSE_NOT_HEADLINE, line=Lines(prev.no))))
        if line.kind in (LineKind.TEXT, LineKind.HEADING):
            prev = line


def rank_headings(drafts: list[Draft], changes: list[Change]) -> None:
    """Heading levels from the article's own Markdown ranks: its highest-ranked heading marks become
    level 2, the next level 3 (### and #### in one article: 2 and 3). Plain and bold lines are level 2;
    a heading set lower than that is recorded."""
    ranks = sorted({d.lines[0].md_level for d in drafts
                    if d.kind == BlockKind.HEADING and 1 <= d.lines[0].md_level <= 6})
    for d in drafts:
        if d.kind == BlockKind.HEADING:
            md = d.lines[0].md_level
            d.level = 2 + min(ranks.index(md), 2) if md in ranks else 2
            if d.level > 2:
                changes.append(Change(EditKind.HEADING, d.lines[0].no, f"level {d.level}: its {'#' * md} ranks "
                                      f"below the article's {'#' * ranks[0]} headings",
                                      note=Note.of(Say.LOWER_HEADING, level=d.level, mark=Quoted("#" * md),
                                                   top=Quoted("#" * ranks[0]))))


def drop_slogans(drafts: list[Draft], changes: list[Change]) -> None:
    """A heading of a slogan's shape (roles.is_slogan) set apart by blank lines that heads nothing (another
    heading follows it, or the text ends) is filler a page put between sections: removed and logged, as
    roles.mark_interruptions removes one above a marked heading (a plain heading is only known here)."""
    kept: list[Draft] = []
    for k, draft in enumerate(drafts):
        line = draft.lines[0]
        after = drafts[k + 1] if k + 1 < len(drafts) else None
        if draft.kind == BlockKind.HEADING and len(draft.lines) == 1 and not line.md_level \
                and line.blank_before and line.blank_after and is_slogan(line.text) \
                and (after is None or after.kind == BlockKind.HEADING):
            line.kind = LineKind.FILLER
            remove(line, line.text, changes, "filler (a slogan that heads no text)", Say.SLOGAN)
            continue
        kept.append(draft)
    drafts[:] = kept


def mark_heading_runs(drafts: list[Draft], changes: list[Change]) -> None:
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
                changes.append(Change(EditKind.DISPLAY, d.lines[0].no,
                                      "one of several headings in a row: a display line",
                                      note=Note.of(Say.DISPLAY_LINE)))
        k = max(end, k + 1)
