"""Title blocks (title, subtitle, byline) and the split of one file into articles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Change, EditKind
from ..notes import Note, Quoted, Say
from .lines import NOT_TEXT, Line, LineKind, headline_text
from .roles import Vocabulary, byline_parts, heading_like
from .text import PAUSES, STOPS, SUBTITLE_DASHES, despace_headline, despace_prose, ends_sentence, split_names, width

_DOUBLED = re.compile(r"^(.{2,})\1$")


@dataclass
class TitleBlock:
    title: Line
    subtitle: Line | None = None
    bylines: list[Line] = field(default_factory=list)
    why: str = ""  # what made the title a headline, for --explain

    @property
    def strong(self) -> bool:
        """A dashed subtitle or a byline: unmistakably an article's head."""
        return bool(self.bylines) or bool(self.subtitle and _is_subtitle(self.subtitle))

    @property
    def lines(self) -> list[Line]:
        return [self.title] + ([self.subtitle] if self.subtitle else []) + self.bylines


def _is_subtitle(line: Line) -> bool:
    return line.text.startswith(SUBTITLE_DASHES) and not ends_sentence(line.text) and line.kind != LineKind.CAPTION


_OPEN_CLAUSE = re.compile(f"[{PAUSES}]$|[{STOPS}]")  # ends mid-clause, or holds a finished sentence


def _title_candidate(line: Line, vocab: Vocabulary) -> bool:
    return line.kind in (LineKind.TEXT, LineKind.HEADING) and not ends_sentence(line.text) \
        and not _OPEN_CLAUSE.search(line.text) \
        and width(line.text) <= vocab.max_heading_width + 6 and not _is_subtitle(line)


def _read_block(lines: list[Line], i: int, vocab: Vocabulary, at_file_start: bool) -> TitleBlock | None:
    """A title block starting at lines[i], or None. A title needs a subtitle or byline after it,
    a level-1 Markdown heading, or to open the file."""
    title = lines[i]
    if not _title_candidate(title, vocab):
        return None
    block = TitleBlock(title)
    j = i + 1
    if j < len(lines) and _is_subtitle(lines[j]):
        block.subtitle = lines[j]
        j += 1
    elif (j < len(lines) and (at_file_start or title.md_level == 1) \
            and lines[j].kind in (LineKind.TEXT, LineKind.HEADING)
          and heading_like_any(lines[j], vocab) and not _OPEN_CLAUSE.search(lines[j].text)
          and not byline_parts(lines[j].text, vocab)):
        block.subtitle = lines[j]  # a kicker line under the headline, without the dash
        j += 1
    while j < len(lines) and len(block.bylines) < 3 and lines[j].kind in (LineKind.TEXT, LineKind.HEADING) \
            and byline_parts(lines[j].text, vocab, lines[j].byline_marker):
        block.bylines.append(lines[j])
        j += 1
    if block.subtitle or block.bylines or title.md_level == 1 or at_file_start:
        block.why = ("a dashed subtitle follows" if block.subtitle and _is_subtitle(block.subtitle)
                     else "a byline follows" if block.bylines else "a level-1 Markdown heading" if title.md_level == 1
                     else "a kicker line follows" if block.subtitle else "the first line of the text")
        return block
    return None


def heading_like_any(line: Line, vocab: Vocabulary) -> bool:
    kind, line.kind = line.kind, LineKind.TEXT
    try:
        return heading_like(line, vocab)
    finally:
        line.kind = kind


def _credible_byline(line: Line, vocab: Vocabulary) -> bool:
    """Inside a file, a byline that can start a new article: a role word (记者/…), a byline marker (■),
    or two names or more. A lone short word after a heading (钱袋子) is the heading's second line."""
    parts = byline_parts(line.text, vocab, line.byline_marker) or []
    return line.byline_marker or any(role for role, _, _ in parts) \
        or sum(len(names.split()) for _, _, names in parts) >= 2


def find_title_blocks(lines: list[Line], vocab: Vocabulary, forced: set[int] = frozenset()) \
        -> list[tuple[int, TitleBlock]]:
    """Where each article starts. `forced`: raw line numbers an editor marked as article starts."""
    blocks = []
    i = 0
    first = next((k for k, ln in enumerate(lines) if ln.kind not in NOT_TEXT), None)
    while i < len(lines):
        opens = i == first or lines[i].no in forced
        block = _read_block(lines, i, vocab, at_file_start=opens)
        if block is None and lines[i].no in forced:
            block = TitleBlock(lines[i], why="overrides: article_before")
        if block and (opens or block.subtitle or any(_credible_byline(b, vocab) for b in block.bylines)
                      or block.title.md_level == 1):
            blocks.append((i, block))
            i += len(block.lines)
        else:
            i += 1
    return blocks


def apply_title_block(block: TitleBlock, vocab: Vocabulary, changes: list[Change]) -> dict:
    """Clean the title block's lines; returns the article metadata they give."""
    title = block.title
    title.kind = LineKind.TITLE
    text = headline_text(title, changes)
    m = _DOUBLED.match(text)
    if m:
        text = m.group(1)
        title.removed.append(m.group(1))
        changes.append(Change(EditKind.REMOVE, title.no, f"doubled title collapsed: {m.group(1)!r} was printed twice",
                              m.group(1), note=Note.of(Say.DOUBLED_TITLE, text=Quoted(m.group(1)))))
    title.text = text
    changes.append(Change(EditKind.TITLE, title.no, f"title: {text!r} ({block.why})",
                          note=Note.of(Say.TITLE, why=Note.of(block.why))))
    meta: dict = {"title": text, "subtitle": "", "authors": [], "roles": {}, "byline": ""}
    if block.subtitle:
        block.subtitle.kind = LineKind.SUBTITLE
        dashed = _is_subtitle(block.subtitle)
        # A dashed subtitle is a phrase of prose (——某某支队2025年工作纪实): its spaces go; a kicker line
        # without the dash may be a two-part headline, whose one space stays.
        spaced = block.subtitle.text
        block.subtitle.text = despace_prose(spaced) if dashed else despace_headline(spaced)
        if spaced != block.subtitle.text:
            changes.append(Change(EditKind.SPACE, block.subtitle.no, "spaces removed next to Chinese characters",
                                  note=Note.of(Say.SPACES)))
        read_as = "a dashed line under the headline" if dashed else "a kicker line under the headline"
        changes.append(Change(EditKind.TITLE, block.subtitle.no, f"subtitle: {block.subtitle.text!r} ({read_as})",
                              note=Note.of(Say.DASHED_SUBTITLE if dashed else Say.KICKER_LINE_SUBTITLE)))
        meta["subtitle"] = block.subtitle.text
    shown = []
    for line in block.bylines:
        line.kind = LineKind.BYLINE
        line.text = _read_byline(line, vocab, meta, changes)
        shown.append(line.text)
    meta["byline"] = "　".join(shown)
    return meta


def _read_byline(line: Line, vocab: Vocabulary, meta: dict, changes: list[Change]) -> str:
    """One byline line read into meta's authors (names only, in order, each once) and roles (role word ->
    names); returns the line as shown, roles kept as printed. Logs how each word was read."""
    parts, read, said = [], [], []
    for role, sep, names_text in byline_parts(line.text, vocab, line.byline_marker) or []:
        names = split_names(names_text)
        if names != names_text.split():
            changes.append(Change(EditKind.SPACE, line.no,
                                  f"padded names rejoined: {names_text!r} -> {' '.join(names)!r}",
                                  note=Note.of(Say.PADDED_NAMES, printed=Quoted(names_text),
                                               names=tuple(Quoted(name) for name in names))))
        # The metadata key is the role word (记者), not the paper printed before it (株洲日报全媒体记者).
        word = vocab.role_word(role) if role else ""
        if role:
            read.append(f"{role} → role")
            said.append(Note.of(Say.ROLE, text=Quoted(role)))
        for name in names:
            read.append(f"{name} → author ({word})" if word else f"{name} → author")
            said.append(Note.of(Say.AUTHOR, text=Quoted(name)))
            if name not in meta["authors"]:
                meta["authors"].append(name)
            if word and name not in meta["roles"].setdefault(word, []):
                meta["roles"][word].append(name)
        parts.append(role + (sep or (" " if role else "")) + " ".join(names))
    changes.append(Change(EditKind.BYLINE, line.no, "byline: " + "; ".join(read),
                          note=Note.of(Say.BYLINE, parts=tuple(said))))
    return "　".join(parts)


def page_banner(blocks: list[tuple[int, TitleBlock]]) -> TitleBlock | None:
    """A page banner over the article (## 再踏层峰辟新天 / 湖南“十四五”高质量发展图景·永州公安) looks like a
    title block at the file's start, but the article's own head follows later, ranked higher in the
    Markdown (# 塑造潇湘警察新形象 / ——… / byline). Returns the banner, if the file opens with one."""
    if len(blocks) < 2:
        return None
    first, second = blocks[0][1], blocks[1][1]
    outranked = second.title.md_level and (not first.title.md_level or second.title.md_level < first.title.md_level)
    return first if not first.strong and second.strong and outranked else None
