"""A block in the making, and how wrapped lines join: the bottom of the paragraph builder, used by
the layout-free passes above it (boundaries, headings, captions, gaps)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import BlockKind
from .layout import SHORT_BY
from .lines import Line
from .text import CLOSING, OPENING, despace_prose


@dataclass
class Draft:
    """Lines on their way to one block: its kind, its raw lines and the text joined so far."""

    kind: BlockKind
    lines: list[Line] = field(default_factory=list)
    text: str = ""
    level: int = 0


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


def join_line(text: str, prev: Line, line_text: str, col: float) -> str:
    """The paragraph's text so far with the next line's text joined on (`col`: the column at that line)."""
    return join_text(text, line_text, prev.phys >= col - SHORT_BY or prev.justified)


def rejoin(lines: list[Line], cols: dict[int, float]) -> str:
    """A paragraph's text made again from its lines, joined as build_blocks joined them."""
    text = despace_prose(lines[0].text)
    for prev, line in zip(lines, lines[1:], strict=False):
        text = join_line(text, prev, despace_prose(line.text), cols[line.no])
    return text


# A number or Latin word with the marks that may not be parted from it at a break (“3·15”, 95%): line breaking
# keeps it whole, so a line can end wider than its column by it.
_LAST_TOKEN = re.compile(f"[{re.escape(OPENING)}]?[A-Za-z0-9][A-Za-z0-9.%·:/-]*[{re.escape(CLOSING)}]*$")


def last_token(text: str) -> str:
    """The number or Latin word a text ends with, with the quotation marks or brackets around it, else ''."""
    m = _LAST_TOKEN.search(text.rstrip())
    return m.group(0) if m else ""


def first_token(text: str) -> str:
    """The number or Latin word a text starts with, else its first character."""
    m = re.match(r"[A-Za-z0-9.%]+", text)
    return m.group(0) if m else text[:1]
