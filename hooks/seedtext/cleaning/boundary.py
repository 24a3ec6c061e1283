"""The paragraph boundary: does a new paragraph start at this line, or does the line go on with the
paragraph above? Decided from the signs a copy editor reads at a line break, weighed together
(evidence.py): the line's fill against its stretch's column, the sentence end, the blank lines read
against the stretch's habit, the indent where the stretch indents, a run-in head.
"""

from __future__ import annotations

import re

from ..notes import Quoted
from ..overrides import Overrides
from .draft import first_token
from .evidence import Decision, Fill, Weighing
from .layout import (
    INDENT,
    SHORT_BY,
    WIDE_COLUMN,
    WIDER_BY,
    BlankHabit,
    Layout,
    indented,
    indented_above,
    spread_over_first_line,
)
from .lines import Line
from .text import CLOSING_QUOTES, CLOSING_START, ONLY_PUNCT, OPENING, despace_prose, ends_sentence, width

# A paragraph's run-in head of two short phrases (扩面降槛，应援尽援。): printed only where a paragraph starts.
PAIRED_HEAD = re.compile(f"^[^，。！？；“”]{{2,6}}[，,][^，。！？；“”]{{2,6}}[。！？](?![{CLOSING_QUOTES}])")
RUN_IN_HEAD = re.compile(f"^[^，。！？；]{{2,12}}[。！？](?=[^{CLOSING_QUOTES}）)])")  # a head with its text after it
_HEAD_STOPS = ("。", "！", "？")


def opening(line: Line, after: Line | None) -> str:
    """The line's text as prose, with the stop a line could not start with taken back from the line below: a
    run-in head reads whole so (护鸟护兽，守护精灵 / 。民警…)."""
    text = despace_prose(line.text)
    return text + after.text[:1] if after and after.text.startswith(_HEAD_STOPS) else text


def opens_with_run_in_head(line: Line, after: Line | None) -> bool:
    """Does `line` start with a paragraph's run-in head (扩面降槛，应援尽援。)?"""
    text = opening(line, after)
    return bool(RUN_IN_HEAD.match(text) or PAIRED_HEAD.match(text))


def boundary_decision(prev: Line, line: Line, after: Line | None, layout: Layout, between: int,
                      overrides: Overrides, prev_opens: bool, photo_between: bool, prev_under_photo: bool) -> Decision:
    """Does a new paragraph start at `line`, after `prev` (the paragraph's last line so far)?
    `between`: blank lines and held captions between them; `prev_opens`: `prev` is the paragraph's
    first line; `after`: the text line below `line`; `prev_under_photo`: `prev` is the first line after a photo held
    inside the paragraph (the photo took the place of any blank lines there)."""
    weigh = Weighing("new paragraph?")
    if line.no in overrides.break_before:
        return weigh.settled("overrides: break_before", True)
    if line.no in overrides.join_before:
        return weigh.settled("overrides: join_before", False)
    if ONLY_PUNCT.match(line.text):
        return weigh.settled("hanging punctuation belongs to the line above", False)
    if CLOSING_START.match(line.text):
        return weigh.settled("a line that opens with closing punctuation cannot start a paragraph", False)
    if not ends_sentence(prev.text):
        return weigh.settled("line above does not end a sentence"
                             + (" (across a page or column break)" if between else ""), False)
    col = layout.column(line)
    if col > WIDE_COLUMN:
        return weigh.settled("unwrapped text: a paragraph a line", True)
    indent_cue = layout.indents(line)
    habit = layout.habit(line)
    # The paragraph's indented first line is full at the column less the indent.
    full_at = col - INDENT if prev_opens and indent_cue and indented(prev, col) else col
    if prev.phys > col + WIDER_BY:
        weigh.saw("sentence ends a line wider than the column", Fill(prev.no, prev.phys, col))
    elif prev.phys <= full_at - SHORT_BY and not prev.justified:
        token = first_token(despace_prose(line.text))
        if token[:1].isascii() and prev.phys + width(token) > full_at:
            weigh.saw("next word did not fit", Quoted(token))
        elif prev.phys <= full_at - SHORT_BY - 0.5 and not (prev_opens and indented(prev, col)):
            weigh.saw("short line ends a sentence", Fill(prev.no, prev.phys, col))
        elif line.text[:1] in OPENING and layout.keeps_line_breaking_rules and not prev_opens \
                and prev.phys > full_at - SHORT_BY - 0.5:  # a character short: no line ends on “, it went down
            # (not after a paragraph's first line: a one-line paragraph a character short, then a quotation, is
            # as likely as a full first line, in dialogue more so)
            weigh.saw("an opening mark went down a line", Quoted(line.text[:1]))
        else:  # a character short, or a first line as short as an indent the stretch does not show
            weigh.saw("a character short ends a sentence", Fill(prev.no, prev.phys, col))
    else:
        weigh.saw("full line ends a sentence", Fill(prev.no, prev.phys, col))
    if prev_opens and PAIRED_HEAD.fullmatch(despace_prose(prev.text)):
        weigh.saw("a run-in head alone above")
    if photo_between and indent_cue and prev.phys >= col - SHORT_BY and line.phys >= col - SHORT_BY \
            and not (after and indented_above(line, after, col)):
        weigh.saw("photo break after a full line")
    if habit == BlankHabit.EVERY_LINE:
        if between >= 2:
            weigh.saw("more blank lines than the stretch has", between)
    elif between:
        weigh.saw("blank line between blocks" if habit == BlankHabit.BETWEEN else "blank line in unspaced text")
    elif habit == BlankHabit.BETWEEN and not prev_under_photo:
        weigh.saw("no blank line between blocks")
    line_indented = not line.justified and after is not None and not ends_sentence(line.text) \
        and (indented(line, col) or indented_above(line, after, col))
    if indent_cue and after is not None and not line.justified:
        weigh.saw("indented line" if line_indented else "not indented", Fill(line.no, line.phys, col))
    elif indent_cue and spread_over_first_line(line, col):
        weigh.saw("letter-spaced an indent short", Fill(line.no, line.phys, col))
    if not line_indented and opens_with_run_in_head(line, after):
        weigh.saw("run-in head")
    return weigh.decision()
