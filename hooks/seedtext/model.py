"""The data the cleaner hands to the rest of the site: articles made of blocks,
and the list of every edit it made (the `--explain` output)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .notes import Note
from .printed import Printed


class EditKind(StrEnum):
    """What one edit of the cleaner did (the second column of `--explain`)."""

    JOIN = "join"
    """A line break taken out: the line goes on the paragraph above."""
    SPLIT = "split"
    """A new paragraph (or block) starts at this line."""
    REMOVE = "remove"
    """Characters deliberately dropped (markup, filler, a doubled title): the lossless check accounts for them."""
    SPACE = "space"
    """Spaces next to Chinese characters removed (letter-spacing, OCR), or padded names rejoined."""
    PUNCT = "punct"
    """Half-width punctuation in Chinese prose made full-width."""
    CAPTION = "caption"
    """A line or block recognised as a photo caption."""
    HEADING = "heading"
    """A line or block recognised as a heading."""
    DISPLAY = "display"
    """A heading among several in a row, shown as a display line."""
    KICKER = "kicker"
    """A page banner above the article's title, kept as its kicker."""
    GAP = "gap"
    """A gap mark where a page of the original is missing."""
    OVERRIDE = "override"
    """An editor's override applied (seeds/overrides/<seed>.yml)."""
    BYLINE = "byline"
    """How a byline line was read: each role word as a role, each name as an author with its role."""
    TITLE = "title"
    """How an article's head was read: the headline (and why it is one), its subtitle or kicker line."""
    PRINTED = "printed"
    """Where the article's paper, issue date or page came from (a byline, a running head, the overrides file)."""


@dataclass(frozen=True)
class Change:
    """One change a cleaning step made, as the step reports it. The step does not name itself: the
    plan that runs it (seedtext/steps.py) makes each of its changes an `Edit` naming it.

    line: 1-based raw line number the change applies to.
    detail: why, in words (the reason --explain prints).
    removed: characters deliberately dropped (filler, doubled title, markup);
             the lossless check accounts for exactly these.
    margin: for a decision weighed from evidence, how far its sum was from the balance point.
    note: the change in Chinese, for the 原文对照 page (seedtext/notes.py): every change has one.
    """

    kind: EditKind
    line: int
    detail: str
    removed: str = ""
    margin: float | None = None  # how sure a weighed decision was (cleaning/evidence.py); None: not weighed
    note: Note = field(kw_only=True)

    def by(self, step: str) -> Edit:
        """This change as the edit of the named step."""
        return Edit(self.kind, self.line, self.detail, self.removed, self.margin, note=self.note, step=step)


@dataclass(frozen=True)
class Edit(Change):
    """One change the cleaner made to the raw text, with the step that made it (`--explain` lists them,
    `--by-step` groups them by step). Made only by a plan running its steps (`Change.by`): an edit
    without a step's name cannot be made."""

    step: str = field(kw_only=True)

    def __post_init__(self) -> None:
        if not self.step:
            raise ValueError(f"an edit must name the step that made it: {self!r}")


class BlockKind(StrEnum):
    """What a block of an article is, as a reader sees it."""

    PARAGRAPH = "paragraph"
    """Running text."""
    HEADING = "heading"
    """A section heading (level 2 and below)."""
    CAPTION = "caption"
    """A photo caption; the photo itself is not on the page."""
    DISPLAY = "display"
    """A display line: one of several headings printed together, heading no section."""
    GAP = "gap"
    """The gap mark where a page of the original is missing."""
    KICKER = "kicker"
    """A page banner or series line above the title (head)."""
    TITLE = "title"
    """The headline (head)."""
    SUBTITLE = "subtitle"
    """The ——subtitle under the headline (head)."""
    BYLINE = "byline"
    """The byline, roles as printed (head)."""


@dataclass(frozen=True)
class Block:
    """A unit of the article body as a reader sees it."""

    kind: BlockKind
    text: str
    first_line: int  # raw line span, 1-based, inclusive
    last_line: int
    level: int = 0  # heading level (2 = section, 3 = subsection ...)
    sources: tuple[int, ...] = ()  # every raw line whose text is in this block, in order (lossless check)


@dataclass
class Article:
    title: str
    source: str  # seed file name, e.g. 002_0d1112e8809bcfdf.txt
    first_line: int
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    roles: dict[str, list[str]] = field(default_factory=dict)  # 记者 -> [names]
    city: str = ""
    period: str = ""  # "2025", "十四五", "2015-2021" ... when the text states it
    blocks: list[Block] = field(default_factory=list)
    kicker: str = ""  # a page banner or series line printed above the title
    byline: str = ""  # the byline as printed, roles kept (记者/刘琼　通讯员/罗和平 王慧)
    head: list[Block] = field(default_factory=list)  # title, subtitle and byline lines (lossless check)
    printed: Printed = field(default_factory=Printed)  # paper, issue date, page (版次) where known


@dataclass(frozen=True)
class Notice:
    """Something an editor should look at: a raw line of the seed, or (line 0) a key of the seed's
    overrides file."""

    line: int
    raw: str
    message: str

    def where(self, seed: str) -> str:
        """seeds/NAME.txt:LINE, or seeds/overrides/NAME.yml for a problem in the overrides file."""
        return f"seeds/overrides/{seed.rsplit('.', 1)[0]}.yml" if self.line == 0 else f"seeds/{seed}:{self.line}"


@dataclass
class CleanResult:
    articles: list[Article]
    edits: list[Edit] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)


class SeedError(Exception):
    """A seed that cannot be read at all (binary, empty, undecodable)."""
