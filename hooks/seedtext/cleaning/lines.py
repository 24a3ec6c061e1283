"""The raw text as numbered lines with what the later passes need: markup stripped
(and recorded as removals), blank lines around, and the width the line had on the page."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from ..model import Change, EditKind
from ..notes import Note, Quoted, Say
from .text import (
    CIRCLED,
    COMPRESSIBLE_ALL,
    COMPRESSIBLE_STOPS,
    HAN,
    as_set,
    despace_headline,
    despace_prose,
    ends_sentence,
    full_width_punctuation,
    width,
)

_LETTER_SPACED = re.compile(f"[{HAN}] [{HAN}] [{HAN}]")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MD_BOLD = re.compile(r"^\*\*(.+?)\*\*$")
_LIST_BEFORE_MARKER = re.compile(rf"^[-*+]\s+(?=[{CIRCLED}])")
MD_BOLD = 7  # the Markdown level of a **bold** line: below every # level


class LineKind(StrEnum):
    """What a raw line is, as the cleaner reads it before lines become blocks."""

    TEXT = "text"
    """Running text (not yet decided: paragraph lines, plain headings)."""
    TITLE = "title"
    """The article's headline."""
    SUBTITLE = "subtitle"
    """The line under the headline (——subtitle, or a kicker without the dash)."""
    BYLINE = "byline"
    """Who wrote it (记者/刘琼 通讯员/罗和平)."""
    KICKER = "kicker"
    """A page banner above the title."""
    HEADING = "heading"
    """A heading: marked in the extraction (##, **), a two-part headline, or found by its shape."""
    CAPTION = "caption"
    """A photo caption."""
    FILLER = "filler"
    """Not part of the article: slogans, adverts, running page heads. Removed and logged."""
    MARKER = "marker"
    """An image number without caption text (①). Removed and logged."""
    GAP = "gap"
    """A gap mark already in the text; removed, and made again where the text breaks off."""


# Lines that never reach the text flow.
NOT_TEXT = (LineKind.FILLER, LineKind.MARKER, LineKind.GAP)


@dataclass
class Line:
    no: int  # 1-based raw line number
    raw: str
    text: str  # markup stripped, punctuation fixed (spacing is fixed once the line's role is known)
    phys: float  # width on the page, letter-spacing left out (it only widens a justified line); a space next to a
    # number or a Latin word counts (text.as_set)
    blank_before: int = 0
    blank_after: int = 0
    md_level: int = 0  # 1-6 from '#', MD_BOLD for a **bold** line, 0 for none
    kind: LineKind = LineKind.TEXT
    removed: list[str] = field(default_factory=list)
    byline_marker: bool = False  # a byline marker (■) was taken off its start
    justified: bool = False  # letter-spaced to fill the column (力 压 群 雄): the line is full


def read_lines(text: str, byline_markers: list[str], changes: list[Change]) -> list[Line]:
    """Non-blank lines with their blank-line context; Markdown and byline markers are taken off
    and logged as removals."""
    out: list[Line] = []
    blanks = 0
    for no, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip()
        if not stripped:
            blanks += 1
            continue
        justified = bool(_LETTER_SPACED.search(stripped))
        line = Line(no, raw, stripped, width(_measured(stripped, justified)), blank_before=blanks, justified=justified)
        if out:
            out[-1].blank_after = blanks
        blanks = 0
        strip_markup(line, byline_markers, changes)
        fixed, widened = full_width_punctuation(line.text)
        if widened:
            changes.append(Change(EditKind.PUNCT, no, "; ".join(widened),
                                  note=Note.of(Say.WIDENED, count=len(widened))))
            line.text = fixed
        out.append(line)
    if out:
        out[-1].blank_after = blanks
    measure_compressed_punctuation(out)
    return out


def _measured(text: str, justified: bool) -> str:
    """The line's text as its width is measured: a letter-spaced line's spaces, next to numbers too, are the
    justification's (text.as_set keeps those a number took)."""
    return despace_prose(text) if justified else as_set(text)


def measure_compressed_punctuation(lines: list[Line]) -> None:
    """Justified print often sets full-width punctuation in half a character: then full lines measure
    alike only when that punctuation counts one half. Keep the measure under which most lines are full
    at one column: as wide as it, or half a character short (where a whole character did not fit)."""
    def agreement(widths: list[float]) -> int:
        halves = Counter(round(w * 2) for w in widths)
        return max((n + halves.get(h - 1, 0) for h, n in halves.items()), default=0)

    solid = [_measured(ln.text, ln.justified) for ln in lines]
    measures = [[ln.phys for ln in lines]] + [[width(t, compressed) for t in solid]
                                              for compressed in (COMPRESSIBLE_STOPS, COMPRESSIBLE_ALL)]
    best = max(measures, key=agreement)  # the first of equals: uncompressed unless another does better
    for line, w in zip(lines, best, strict=True):
        line.phys = w


def usual_spacing(flow: list[Line], k: int) -> int:
    """The blank lines between a paragraph's own lines just before flow[k] (one in double-spaced text, none
    elsewhere): the median over the six lines above it that go on from the line above them."""
    gaps = sorted(flow[j].blank_before for j in range(max(1, k - 6), k) if not ends_sentence(flow[j - 1].text))
    return gaps[len(gaps) // 2] if gaps else 0


def image_gap(blanks: int, usual: int) -> bool:
    """Two blank lines wider than `usual`, the text's own spacing there (usual_spacing): the gap an image left, not
    a paragraph's end."""
    return blanks >= usual + 2


def remove(line: Line, removed: str, changes: list[Change], why: str, said: Say) -> None:
    """Take `removed` (part of the line, or all of it) out of the text, logged with why and its note."""
    line.removed.append(removed)
    changes.append(Change(EditKind.REMOVE, line.no, f"{why}: {removed!r}", removed=removed,
                          note=Note.of(said, text=Quoted(removed))))


def strip_markup(line: Line, byline_markers: list[str], changes: list[Change]) -> None:
    m = _MD_HEADING.match(line.text)
    if m:
        line.md_level = len(m.group(1))
        remove(line, m.group(1), changes, "Markdown heading marker", Say.HEADING_MARKER)
        line.text = m.group(2).strip()
    m = _MD_BOLD.match(line.text)
    if m:
        line.md_level = line.md_level or MD_BOLD
        remove(line, "**", changes, "Markdown bold marker", Say.BOLD_MARKER)
        remove(line, "**", changes, "Markdown bold marker", Say.BOLD_MARKER)
        line.text = m.group(1).strip()
    m = _LIST_BEFORE_MARKER.match(line.text)
    if m:
        remove(line, m.group(0).strip(), changes, "Markdown list marker", Say.LIST_MARKER)
        line.text = line.text[m.end():]
    for marker in byline_markers:
        if line.text.startswith(marker):
            remove(line, marker, changes, "byline marker", Say.BYLINE_MARKER)
            line.byline_marker = True
            line.text = line.text[len(marker):].strip()


def headline_text(line: Line, changes: list[Change]) -> str:
    """The line's text as a headline is set (despace_headline: letter-spacing and OCR spaces go, the one
    space between a two-part headline's halves stays); spaces taken out are recorded on its line."""
    text = despace_headline(line.text)
    if text != line.text:
        kept = "; the space between its two parts kept" if " " in text else ""
        changes.append(Change(EditKind.SPACE, line.no, f"spaces removed in a headline{kept}",
                              note=Note.of(Say.HEADLINE_SPACES_ONE_KEPT if kept else Say.HEADLINE_SPACES)))
    return text
