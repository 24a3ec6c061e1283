"""The conversion review: every page converted by the project (OpenCC, the project phrases, the
variant's quotation marks) and by a second converter, MediaWiki's tables as `zhconv-rs` ships them,
compared word by word. A difference is either decided in the reviewed file
(data/conversion-review.yml: word, choice, why) or listed for an editor.

Words are the Simplified text's words as the conversion cuts them (seedtext.words), so a difference reads 账号 賬號/帳號
and not 賬/帳. The comparison covers text only: code, HTML tags and URLs are left out, as the
quotation style leaves them alone (seedtext.quotes.MARKUP).
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from .quotes import MARKUP
from .words import words

# The MediaWiki target a variant is compared with, by the region of its OpenCC config.
ZHCONV_TARGETS = {"tw": "zh-tw", "twp": "zh-tw", "hk": "zh-hk", "t": "zh-hant"}


def zhconv_target(opencc_config: str | None) -> str | None:
    """zhconv-rs's target for a variant made by this OpenCC config (s2tw -> zh-tw); None for Simplified."""
    if not opencc_config or not opencc_config.startswith(("s2", "t2")):
        return None
    return ZHCONV_TARGETS.get(opencc_config[2:])


_CONTEXT = 6  # Simplified characters kept on each side of a difference: what a decision may name


@dataclass(frozen=True)
class Difference:
    """One place where the two converters print a word differently."""

    word: str  # in Simplified, as the seed prints it
    ours: str  # what the site prints
    theirs: str  # what the second converter prints
    before: str = ""  # the Simplified text just before and after it
    after: str = ""
    ours_before: str = ""  # the site's text just before and after it: where it stands on a converted page
    ours_after: str = ""

    @property
    def form(self) -> tuple[str, str, str]:
        """What the report groups by: the word and its two conversions."""
        return self.word, self.ours, self.theirs


@dataclass(frozen=True, kw_only=True)
class Decision:
    """An entry of the reviewed file (data/conversion-review.yml, checked by hooks/options.py): for `word`,
    the site prints `choice`, for the reason `why`."""

    word: str
    choice: str
    why: str

    def covers(self, difference: Difference) -> bool:
        """The site prints `choice` for `word` at this place. The entry's word may hold the difference
        with its context (斗疫情 decides the 斗 of 斗疫情, not every 斗), or lie inside a longer word
        that differs nowhere else (账号 decides 一个账号)."""
        d = difference
        text = d.before + d.word + d.after
        start, end = len(d.before), len(d.before) + len(d.word)
        aligned = len(d.word) == len(d.ours)  # the site's conversion keeps the length (nearly always)
        p = text.find(self.word)
        while p >= 0:
            q = p + len(self.word)
            if p <= start and end <= q and aligned and len(self.choice) == len(self.word):
                if self.choice[start - p:end - p] == d.ours:
                    return True
            elif (p, q) == (start, end) and self.choice == d.ours:
                return True
            elif start <= p and q <= end and aligned and len(d.ours) == len(d.theirs):
                differing = [k for k, (a, b) in enumerate(zip(d.ours, d.theirs, strict=True)) if a != b]
                if d.ours[p - start:q - start] == self.choice and all(p <= start + k < q for k in differing):
                    return True
            p = text.find(self.word, p + 1)
        return False


@cache
def _zhconv():
    from zhconv_rs import zhconv

    return zhconv


def text_of(markdown: str) -> str:
    """A page's Markdown without code, HTML tags and URLs (each replaced by a line break)."""
    return MARKUP.sub("\n", markdown)


def differences(simplified: str, ours: str, target: str) -> list[Difference]:
    """Every place where `ours` (the project's conversion of `simplified`) and zhconv-rs's conversion
    to `target` print a word differently."""
    theirs = _zhconv()(simplified, target)
    found: list[Difference] = []
    for source, mine, other in zip(simplified.split("\n"), ours.split("\n"), theirs.split("\n"), strict=True):
        if mine != other:
            found += _line_differences(source, mine, other)
    return found


def _line_differences(source: str, mine: str, other: str) -> Iterable[Difference]:
    aligned = len(mine) == len(source)  # the project's conversion keeps length on nearly every line
    bounds = _word_bounds(source) if aligned else [0, len(mine)]
    ops = _grouped(difflib.SequenceMatcher(None, mine, other, autojunk=False).get_opcodes(), set(bounds))
    spans: list[list[int]] = []
    for op, i1, i2, _, _ in ops:
        if op == "equal":
            continue
        # Widen to the Simplified words the change touches; changes in one word or touching words are one.
        lo = max((b for b in bounds if b <= i1), default=0)
        hi = min((b for b in bounds if b >= max(i2, i1 + 1)), default=len(mine))
        if spans and lo < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    for lo, hi in spans:
        word = source[lo:hi] if aligned else mine[lo:hi]
        theirs = other[_in_other(ops, lo, False):_in_other(ops, hi, True)]
        context = source if aligned else mine
        yield Difference(word, mine[lo:hi], theirs, context[max(0, lo - _CONTEXT):lo], context[hi:hi + _CONTEXT],
                         mine[max(0, lo - _CONTEXT):lo], mine[hi:hi + _CONTEXT])


def _grouped(ops: list[tuple], bounds: set[int]) -> list[tuple]:
    """The matcher's operations as changes of words. A change of length and a change one character
    away from it in the same word are one (互聯網 -> 網際網路 is matched as 互聯 -> "", 網, "" -> 際網路:
    one change); a replacement of as many characters as it replaces is character by character
    (臺「 -> 台「 is two changes, in two words)."""
    merged: list[tuple] = []
    for op in ops:
        kind, i1, i2, j1, j2 = op
        between = merged[-1] if merged else None
        if kind != "equal" and len(merged) >= 2 and merged[-2][0] != "equal" and between[0] == "equal" \
                and between[2] - between[1] <= 1 and not {between[1], between[2]} <= bounds \
                and (_changes_length(op) or _changes_length(merged[-2])):
            first = merged[-2]
            merged[-2:] = [("replace", first[1], i2, first[3], j2)]
        else:
            merged.append(op)
    out = []
    for kind, i1, i2, j1, j2 in merged:
        if kind == "replace" and i2 - i1 == j2 - j1 > 1:
            out += [("replace", i1 + k, i1 + k + 1, j1 + k, j1 + k + 1) for k in range(i2 - i1)]
        else:
            out.append((kind, i1, i2, j1, j2))
    return out


def _changes_length(op: tuple) -> bool:
    return op[0] != "equal" and op[2] - op[1] != op[4] - op[3]


def _in_other(ops: list[tuple], at: int, end: bool) -> int:
    """Position `at` of the project's text in the other converter's text. A span's start is the first
    operation from `at` on, its end the last one up to `at` (an insertion at `at` is in both)."""
    if end:
        touching = [o for o in ops if o[1] < at <= o[2] or o[1] == o[2] == at]
        op, i1, _, j1, j2 = touching[-1] if touching else ("equal", 0, 0, 0, 0)
        return j1 + at - i1 if op == "equal" else j2
    touching = [o for o in ops if o[1] <= at < o[2] or o[1] == o[2] == at]
    if not touching:
        return ops[-1][4] if ops else 0
    op, i1, _, j1, _ = touching[0]
    return j1 + at - i1 if op == "equal" else j1


def load_word_cutter() -> None:
    """The word cutter the differences read (seedtext.words, OpenCC's phrases added: 0.3–0.7 s once a
    process), made now: `mkdocs serve` makes it while the editor reads (its first build takes every page's
    differences from the cache, so the first edit made it)."""
    _word_bounds("预热")


def _word_bounds(text: str) -> list[int]:
    bounds, at = [0], 0
    for word in words(text):  # the words the conversion reads
        at += len(word)
        bounds.append(at)
    return bounds


def undecided(found: list[Difference], decisions: Sequence[Decision]) -> list[Difference]:
    """The places no decision covers."""
    return [d for d in found if not any(rule.covers(d) for rule in decisions)]


def page_differences(simplified: str, converted: str, target: str) -> list[Difference]:
    """Every difference on a page: its Simplified Markdown, the site's conversion of it, and zhconv-rs's
    `target`. The two texts' markup stands at the same places (the conversion leaves it alone)."""
    source, ours = text_of(simplified), text_of(converted)
    if source.count("\n") != ours.count("\n"):  # never seen; compare the text converted alone instead
        return []
    return differences(source, ours, target)


# A doubt on a converted page: the word the site prints, marked for the editor, with what the other converter
# prints in its title. Only in the cleaned column of a 原文对照 page (class raw-clean), never in the raw text.
DOUBT_CLASS = "conversion-doubt"
DOUBT_NOTE = "简繁转换存疑：另一种转换（MediaWiki）作 "  # the mark's title, before what the other converter prints


def mark_places(text: str, doubts: list[Difference], wrap: Callable[[Difference, str], str]) -> str:
    """`text` (converted) with the word of each doubt replaced by wrap(doubt, word) wherever it stands: found
    by the site's text around it."""
    for place, doubt in {d.ours_before + d.ours + d.ours_after: d for d in doubts}.items():
        text = text.replace(place, doubt.ours_before + wrap(doubt, doubt.ours) + doubt.ours_after)
    return text


def doubt_marks(doubts: list[Difference], title: Callable[[Difference], str]) -> Callable[[str], str]:
    """What marks a converted block of a 原文对照 page's cleaned column (RawTable.html's `mark_cleaned`):
    each doubt's word wrapped in <mark class="conversion-doubt">, its `title` the note for the editor."""

    def wrap(doubt: Difference, word: str) -> str:
        return f'<mark class="{DOUBT_CLASS}" title="{html.escape(title(doubt), quote=True)}">{word}</mark>'

    return lambda block: mark_places(block, doubts, wrap) if doubts else block
