"""The page layout, read per stretch of text: the column width, the blank-line habit, the indent; and
for all the lines read together (an article's), whether the typesetter kept the line-breaking rules.

One file mixes layouts: a section set at 9 characters, the next at 12; a stretch with a blank line
after every line, then one with none. Each is read by one small segmentation (dynamic programming
over the text lines): every line is explained by the layout of its stretch at a cost, a change of
layout costs more, and the cheapest reading wins. A narrow side column inside a paragraph is a
short stretch of its own; a stretch whose lines agree on no width is unwrapped text (a paragraph
a line).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from .lines import Line
from .text import CLOSING_START, ONLY_PUNCT, OPENING, ends_sentence, is_han

UNWRAPPED = 0.0  # the column of a stretch that is not hard-wrapped (each line a whole block)
WIDE_COLUMN = 30  # wider than this, a line is a whole paragraph (no hard wrap)
SHORT_BY = 1.0  # a line this much short of the column ends its paragraph (if it ends a sentence)
WIDER_BY = 2.5  # a line this much wider than the column was not wrapped at it (a caption, a wide column)
INDENT = 2.0  # the first-line indent the extraction dropped, in characters
HANG = 1.0  # a wrapped line is at most one hanging punctuation mark wider than its column

# Costs of explaining a line by a column width (a full line costs nothing).
_SHORT_LINE = 1.0  # a paragraph's last line, a heading, an indented first line
_HANGING = 0.3  # one punctuation mark past the margin
_TOO_WIDE = 3.0  # a line the column could not hold
_UNWRAPPED_LINE = 0.8  # any line, in text that is not wrapped
_NEW_COLUMN = 3.0  # a change of column width between two lines
# How much narrower than its column a letter-spaced line's letters may be: the spacing fills what a full line
# lacks (a mark taken down to the next line, a word that did not fit), not half a column.
_JUSTIFIED_SLACK = 3.0
_JUSTIFIED_SHORT = 0.5  # a letter-spaced line narrower than that: less than a short line (a display line)

# Costs of explaining the blank lines before a line by a habit.
_MISSING_BLANK = 2.0  # no blank line where the habit puts one after every line
_STRAY_BLANK = 2.0  # a blank line (page or column break) where the habit has none
_BREAK_BLANK = 1.0  # a blank line inside a paragraph (page break) where blanks separate blocks
_HEADINGS_ONLY_BLANK = 1.5  # a blank line not at a heading, where blank lines stand around headings only
_UNSEPARATED = 1.5  # a block's end with no blank line where blanks separate blocks
_HALF_SET_OFF = 0.75  # a heading without a blank line on one side, where blanks set headings off
_NEW_HABIT = 2.5


class BlankHabit(StrEnum):
    """How a stretch of the extraction uses blank lines."""

    NONE = "none"
    """No blank lines: one is a page or column break, and says nothing about paragraphs."""
    BETWEEN = "between"
    """A blank line between blocks: one after a finished sentence ends the paragraph."""
    AROUND_HEADINGS = "around headings"
    """Blank lines around headings only (as pdftotext sets them); paragraphs follow one another without."""
    EVERY_LINE = "every line"
    """A blank line after every line: one says nothing; more blank lines than usual may."""


@dataclass(frozen=True)
class Layout:
    """The column width, blank-line habit and indent cue at each text line (by raw line number)."""

    columns: dict[int, float]
    habits: dict[int, BlankHabit]
    indent_cues: dict[int, bool]  # does the line's stretch mark paragraphs by a first line two characters short?
    # Was the text set by Chinese line-breaking rules (禁则: no line opens on a closing mark or ends on an
    # opening one)? Read from all the text lines read together: one line that breaks them says the
    # typesetter did not keep them.
    keeps_line_breaking_rules: bool
    # Lines of Han characters only a character or more wider than their stretch's column, where such lines fill it:
    # set over the column (a heading above a narrower section), not in it.
    overhangs: frozenset[int] = frozenset()

    def column(self, line: Line) -> float:
        return self.columns[line.no]

    def habit(self, line: Line) -> BlankHabit:
        return self.habits[line.no]

    def indents(self, line: Line) -> bool:
        return self.indent_cues[line.no]


def read_layout(text_lines: list[Line], headings: frozenset[int]) -> Layout:
    """`headings`: the raw line numbers of headings already known (marked in the extraction, two-part headlines):
    not text lines; a blank line under one is no sign against blank lines around headings only."""
    columns = column_per_line(text_lines)
    habits = habit_per_line(text_lines, columns, headings)
    indents = indent_per_line(text_lines, columns)
    numbers = [ln.no for ln in text_lines]
    return Layout(dict(zip(numbers, columns, strict=True)), dict(zip(numbers, habits, strict=True)),
                  dict(zip(numbers, indents, strict=True)), _line_breaking_rules_kept(text_lines),
                  _overhangs(text_lines, columns))


def _overhangs(text_lines: list[Line], columns: list[float]) -> frozenset[int]:
    """The lines of `Layout.overhangs`: where lines of Han characters only fill the column as read, at least
    twice as many as reach past it. Where as many reach past it, the column is read narrower than printed (digits
    set a character wide each, measured at half) and they are its full lines."""
    found: list[int] = []
    for start, end in _runs(columns):
        col = columns[start]
        han_only = [ln for ln in text_lines[start:end] if not ln.justified and _all_han(ln.text)]
        wide = [ln.no for ln in han_only if ln.phys >= col + HANG]
        full = sum(col - 0.5 <= ln.phys <= col for ln in han_only)
        if col <= WIDE_COLUMN and full >= 2 * len(wide):
            found += wide
    return frozenset(found)


def _all_han(text: str) -> bool:
    """Han characters only: a width measured exactly (no mark to hang or compress, no half-width digit or letter)."""
    text = text.strip()
    return bool(text) and all(is_han(ch) for ch in text)


def _line_breaking_rules_kept(text_lines: list[Line]) -> bool:
    """No line opens on a closing mark (，。” …) or ends on an opening one (“《（): a typesetter keeping Chinese
    line-breaking rules hangs the one past the margin and takes the other down to the next line. A line of
    nothing but closing marks (。 or ”。 alone) is an extraction's, not the typesetter's, and says nothing."""
    return not any((CLOSING_START.match(ln.text) and not ONLY_PUNCT.match(ln.text))
                   or ln.text.rstrip().endswith(tuple(OPENING)) for ln in text_lines)


def _line_cost(line: Line, col: float) -> float:
    if col == UNWRAPPED:
        return _UNWRAPPED_LINE
    w = line.phys
    if line.justified:  # letter-spaced to fill its column: its letters a little short of it at most
        return 0.0 if col - _JUSTIFIED_SLACK <= w <= col + 1 else _TOO_WIDE if w > col else _JUSTIFIED_SHORT
    if col - 0.5 <= w <= col:
        return 0.0
    if col < w <= col + 1:
        return _HANGING
    return _TOO_WIDE if w > col else _SHORT_LINE


def _runs(values: list) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of equal values: the stretches one column width (or one choice) holds."""
    start = 0
    for end in range(1, len(values) + 1):
        if end == len(values) or values[end] != values[start]:
            yield start, end
            start = end


def _segment(n: int, states: list, cost, change: float) -> list[int]:
    """The cheapest state per item (Viterbi): cost(i, state) per item, `change` per change of state."""
    if n == 0:
        return []
    best = [cost(0, s) for s in states]
    back: list[list[int]] = []
    for i in range(1, n):
        stay_or_move = []
        cheapest = min(range(len(states)), key=best.__getitem__)
        row = []
        for k, s in enumerate(states):
            if best[k] <= best[cheapest] + change:
                row.append(k)
                stay_or_move.append(best[k])
            else:
                row.append(cheapest)
                stay_or_move.append(best[cheapest] + change)
            stay_or_move[-1] += cost(i, s)
        back.append(row)
        best = stay_or_move
    k = min(range(len(states)), key=best.__getitem__)
    path = [k]
    for row in reversed(back):
        k = row[k]
        path.append(k)
    return path[::-1]


def column_per_line(text_lines: list[Line]) -> list[float]:
    """The column width of each line's stretch (UNWRAPPED where lines agree on none; then the
    line's own width, at least WIDE_COLUMN + 1, so that every line counts as a whole block).
    The segmentation finds the stretches; within each, the column is the width most of its full
    lines share (justified print jitters a line's measure by a compressed mark either way)."""
    candidates = sorted({round(ln.phys * 2) / 2 for ln in text_lines if 4 <= ln.phys <= WIDE_COLUMN}
                        | {UNWRAPPED})
    chosen = [candidates[k] for k in
              _segment(len(text_lines), candidates, lambda i, col: _line_cost(text_lines[i], col), _NEW_COLUMN)]
    out: list[float] = []
    for start, end in _runs(chosen):
        col = chosen[start]
        if col != UNWRAPPED:
            full = Counter(round(ln.phys * 2) / 2 for ln in text_lines[start:end]
                           if not ln.justified and col - 1 <= ln.phys <= col + 1)
            col = max(full, key=lambda w: (full[w], w)) if full else col
            out.extend([col] * (end - start))
        else:
            out.extend(max(WIDE_COLUMN + 1, ln.phys) for ln in text_lines[start:end])
    return out


def habit_per_line(text_lines: list[Line], columns: list[float], headings: frozenset[int]) -> list[BlankHabit]:
    """The blank-line habit of each line's stretch, read from the blank lines before each line (`headings`: as
    read_layout's)."""
    habits = list(BlankHabit)
    below_heading = {i for i in range(1, len(text_lines))
                     if any(text_lines[i - 1].no < no < text_lines[i].no for no in headings)}

    def cost(i: int, habit: BlankHabit) -> float:
        if i == 0:
            return 0.0
        prev, line = text_lines[i - 1], text_lines[i]
        blank = line.blank_before > 0
        if habit == BlankHabit.EVERY_LINE:
            return 0.0 if blank else _MISSING_BLANK
        if habit == BlankHabit.NONE:
            return _STRAY_BLANK if blank else 0.0
        shaped = sum(_heading_shaped(ln, columns[k]) for ln, k in ((prev, i - 1), (line, i)))
        if shaped:  # around a heading both habits set a blank line, often on one side only
            return 0.0 if blank or shaped == 2 else _HALF_SET_OFF
        # A paragraph ends on a short line that ends a sentence (a wide column: every line is a block).
        block_end = columns[i - 1] > WIDE_COLUMN or prev.phys < columns[i - 1] - SHORT_BY and not prev.justified
        if habit == BlankHabit.AROUND_HEADINGS:  # (a blank line under a heading known already is one of them)
            return _HEADINGS_ONLY_BLANK if blank and i not in below_heading else 0.0
        if block_end:
            return 0.0 if blank else _UNSEPARATED
        return _BREAK_BLANK if blank else 0.0

    return [habits[k] for k in _segment(len(text_lines), habits, cost, _NEW_HABIT)]


def _heading_shaped(line: Line, col: float) -> bool:
    return col <= WIDE_COLUMN and line.phys < col - SHORT_BY and not line.justified and not ends_sentence(line.text)


def indent_per_line(text_lines: list[Line], columns: list[float]) -> list[bool]:
    """Whether each line's stretch (a run of one column width) indents its paragraphs' first lines:
    read from that stretch where it has paragraph ends enough to tell, else from the whole text."""
    cols = dict(zip((ln.no for ln in text_lines), columns, strict=True))
    whole = indents_paragraphs(text_lines, cols)
    out: list[bool] = []
    for start, end in _runs(columns):
        out.extend([indents_paragraphs(text_lines[start:end], cols, whole)] * (end - start))
    return out


def indents_paragraphs(text_lines: list[Line], cols: dict[int, float], unknown: bool = False) -> bool:
    """Does this text show paragraphs by a first line two characters short (the indent the extraction
    dropped)? Looks at the lines after plain paragraph ends (a sentence ending a short line)."""
    firsts = [(line, nxt) for prev, line, nxt in zip(text_lines, text_lines[1:], text_lines[2:], strict=False)
              if ends_sentence(prev.text) and prev.phys < cols[prev.no] - SHORT_BY  # a plain paragraph end
              and line.phys >= nxt.phys - INDENT - 1  # not a heading (much shorter than the line below)
              and nxt.phys >= line.phys - 1]  # nor a wrapped heading (its second line is the short one)
    if len(firsts) < 2:
        return unknown
    return sum(indented_above(line, nxt) for line, nxt in firsts) >= 0.5 * len(firsts)


def indented_above(line: Line, nxt: Line, col: float = 0) -> bool:
    """Is `line` two characters narrower than the line below it (a dropped first-line indent)?
    Measured against its neighbour, not only the column estimate: half-width text and compressed
    punctuation move both lines alike. `col`: the column, where the line below may have ended
    early (a long word went down)."""
    if line.justified:
        return False  # letter-spaced to fill the column
    full = nxt.phys if ends_sentence(nxt.text) and not nxt.justified else max(nxt.phys, col)
    return full - INDENT - 1 <= line.phys <= full - INDENT + 0.5


def indented(line: Line, col: float) -> bool:
    """As wide as a paragraph's first line: the column less the two-character indent the extraction dropped."""
    # The column estimate runs half a character wide where lines hold half-width text or hang punctuation.
    # A letter-spaced line fills the column, whatever its letters measure.
    return not line.justified and col - INDENT - 1 <= line.phys <= col - INDENT + 0.5


def spread_over_first_line(line: Line, col: float) -> bool:
    """Letter-spaced to fill a paragraph's first line: its letters fall 2.5 characters or more short of the column,
    an indent and a half. A line spread over the whole column falls short by the mark or word taken down to the next
    line, mostly less (the column reading allows it _JUSTIFIED_SLACK); this one is weighed, not decided."""
    return line.justified and line.phys <= col - INDENT - 0.5
