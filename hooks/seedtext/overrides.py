"""An editor's overrides file for one seed (`seeds/overrides/<seed>.yml`), checked key by key.

Every key is optional; line numbers are the seed's raw line numbers (as `hooks/clean.py SEED
--explain` prints them). A key whose value has the wrong type is reported (the key, the value
and what the key takes) and left out; the other keys still apply and the seed is published.
The README's "Fixing what the rules cannot" documents the same keys; `Overrides` has one field per
key, so the cleaner reads `overrides.join_before` and a misspelt name is an AttributeError.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import NamedTuple

from .printed import date_of, page_of

# What a field of the overrides file takes (its metadata), for the checking below.
_LINES, _TEXT = "lines", "text"


def _line_list(doc: str):
    return field(default=frozenset(), metadata={"takes": _LINES, "doc": doc})


def _one_line(doc: str):
    return field(default=None, metadata={"takes": _TEXT, "doc": doc})


class Move(NamedTuple):
    """`move: {lines: first-last, before: before}`: raw lines first–last go before raw line `before`."""

    first: int
    last: int
    before: int


@dataclass(frozen=True, kw_only=True)
class ArticleOverrides:
    """The keys one article may have (under `articles:`, by its number). None: not given."""

    title: str | None = _one_line("the article's title")
    subtitle: str | None = _one_line("the article's subtitle")
    city: str | None = _one_line("the city the article is filed under")
    period: str | None = _one_line("the year or period it covers (2025, 十四五, 2019-2021)")
    authors: tuple[str, ...] | None = None
    paper: str | None = _one_line("the newspaper that printed it (株洲日报)")
    date: datetime.date | None = None  # the date of the issue (2025-12-30)
    page: str | None = None  # the page (版次) it was printed on (A05, 5)


@dataclass(frozen=True, kw_only=True)
class Overrides(ArticleOverrides):
    """One seed's overrides file, checked: one field per key, raw line numbers as sets. At the top of the
    file, title, subtitle and authors are the first article's; city, period, paper, date and page apply
    to every article."""

    break_before: frozenset[int] = _line_list("start a new paragraph at these lines")
    join_before: frozenset[int] = _line_list("join these lines to the paragraph above")
    caption: frozenset[int] = _line_list("these lines are photo captions")
    heading: frozenset[int] = _line_list("these lines are headings")
    filler: frozenset[int] = _line_list("remove these lines (logged as removals)")
    text: frozenset[int] = _line_list("plain text, whatever the rules think")
    gap_before: frozenset[int] = _line_list("a page is missing before this line: show the gap mark")
    gap_after: frozenset[int] = _line_list("a page is missing after this line")
    article_before: frozenset[int] = _line_list("a new article starts at this line")
    quotes_as_printed: frozenset[int] = _line_list(
        "the quotation marks on these lines do not pair up, and the page printed them so: no warning")
    move: tuple[Move, ...] = ()  # in the order listed
    articles: Mapping[int, ArticleOverrides] = field(default_factory=lambda: MappingProxyType({}))

    def of_article(self, number: int) -> Overrides:
        """The overrides article `number` (1, 2 …) of the seed takes: its own keys under `articles` over
        the file's top-level ones (whose title, subtitle and authors are the first article's only)."""
        own = self.articles.get(number, ArticleOverrides())
        given = {key: getattr(own, key) for key in ARTICLE_KEYS if getattr(own, key) is not None}
        first_only = {} if number == 1 else {"title": None, "subtitle": None, "authors": None}
        return replace(self, articles=MappingProxyType({}), **{**first_only, **given})


# The keys by what they take (the fields above, in the file's documented order).
LINE_KEYS = tuple(f.name for f in fields(Overrides) if f.metadata.get("takes") == _LINES)
TEXT_KEYS = {f.name: f.metadata["doc"] for f in fields(ArticleOverrides) if f.metadata.get("takes") == _TEXT}
ARTICLE_KEYS = tuple(f.name for f in fields(ArticleOverrides))
_SPAN = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")


@dataclass(frozen=True)
class Problem:
    """A key of the overrides file that was left out, and why."""

    key: str
    value: object
    expected: str

    def __str__(self) -> str:
        shown = repr(self.value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        return f"key {self.key!r}: {shown} is not {self.expected}; this key is left out, the others apply"


def checked_overrides(raw: object) -> tuple[Overrides, list[Problem]]:
    """The overrides file as read (YAML), checked: every valid key in its field (line lists as sets of
    ints, text stripped, moves as `Move`s), and the problems of the keys left out."""
    if raw is None:
        return Overrides(), []
    if not isinstance(raw, dict):
        return Overrides(), [Problem("(file)", raw, "a mapping of keys (break_before: [57], title: …)")]
    out: dict = {}
    problems: list[Problem] = []
    for key, value in raw.items():
        if key in LINE_KEYS:
            lines = _line_numbers(value)
            if lines is None:
                problems.append(Problem(key, value, "a list of raw line numbers ([57, 112])"))
            else:
                out[key] = lines
        elif key in TEXT_KEYS:
            if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
                out[key] = str(value).strip()
            elif value is not None:
                problems.append(Problem(key, value, f"one line of text ({TEXT_KEYS[key]})"))
        elif key == "authors":
            if isinstance(value, list) and value and all(isinstance(a, str) and a.strip() for a in value):
                out[key] = tuple(a.strip() for a in value)
            else:
                problems.append(Problem(key, value, "a list of names ([罗飞虎, 宋伟明])"))
        elif key == "date":
            if date_of(value) is None:
                problems.append(Problem(key, value, "the date of the issue, year-month-day (2025-12-30)"))
            else:
                out[key] = date_of(value)
        elif key == "page":
            if page_of(value) is None:
                problems.append(Problem(key, value, "the page (版次) it was printed on (A05, 5, 第5版)"))
            else:
                out[key] = page_of(value)
        elif key == "move":
            moves, bad = _moves(value)
            if moves:
                out[key] = tuple(moves)
            problems += bad
        elif key == "articles":
            articles, bad = _articles(value)
            if articles:
                out[key] = MappingProxyType(articles)
            problems += bad
        else:
            known = ", ".join([*LINE_KEYS, *TEXT_KEYS, "authors", "date", "page", "move", "articles"])
            problems.append(Problem(str(key), value, f"a key the cleaner knows ({known})"))
    return Overrides(**out), problems


@dataclass(frozen=True)
class PastTheEnd:
    """Line numbers of a key beyond the seed's last line: a typo, or the overrides of another seed."""

    key: str
    lines: tuple[int, ...]
    line_count: int

    def __str__(self) -> str:
        shown = ", ".join(map(str, self.lines))
        return (f"key {self.key!r}: line {shown} is past the seed's last line ({self.line_count}); left out, "
                "the key's other lines and the other keys apply")


def lines_in_seed(overrides: Overrides, line_count: int) -> tuple[Overrides, list[PastTheEnd]]:
    """The overrides without the line numbers past the seed's last line, and each key that had some."""
    problems = []
    kept = {}
    for key in LINE_KEYS:
        lines = getattr(overrides, key)
        past = tuple(sorted(n for n in lines if n > line_count))
        if past:
            kept[key] = frozenset(n for n in lines if n <= line_count)
            problems.append(PastTheEnd(key, past, line_count))
    return replace(overrides, **kept), problems


def _line_numbers(value: object) -> frozenset[int] | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return frozenset([value])
    if isinstance(value, list) and all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in value):
        return frozenset(value)
    return None


def _moves(value: object) -> tuple[list[Move], list[Problem]]:
    expected = "a move {lines: A-B, before: C} with raw line numbers"
    entries = value if isinstance(value, list) else [value]
    moves, problems = [], []
    for entry in entries:
        span = _SPAN.match(str(entry.get("lines", ""))) if isinstance(entry, dict) else None
        before = entry.get("before") if isinstance(entry, dict) else None
        if not span or not isinstance(before, int) or isinstance(before, bool) or set(entry) - {"lines", "before"}:
            problems.append(Problem("move", entry, expected))
            continue
        first, last = int(span.group(1)), int(span.group(2) or span.group(1))
        if first > last:
            problems.append(Problem("move", entry, expected + " (A no larger than B)"))
            continue
        moves.append(Move(first, last, before))
    return moves, problems


def _articles(value: object) -> tuple[dict[int, ArticleOverrides], list[Problem]]:
    if not isinstance(value, dict):
        return {}, [Problem("articles", value, "a mapping of article numbers (1, 2 …) to their keys")]
    articles, problems = {}, []
    for number, keys in value.items():
        if not isinstance(number, int) or isinstance(number, bool) or number < 1 or not isinstance(keys, dict):
            problems.append(Problem(f"articles.{number}", keys, "an article number (1, 2 …) with its keys"))
            continue
        allowed = {k: v for k, v in keys.items() if k in ARTICLE_KEYS}
        checked, bad = checked_overrides(allowed)
        problems += [Problem(f"articles.{number}.{p.key}", p.value, p.expected) for p in bad]
        problems += [Problem(f"articles.{number}.{k}", v, f"a per-article key ({', '.join(ARTICLE_KEYS)})")
                     for k, v in keys.items() if k not in allowed]
        articles[number] = ArticleOverrides(**{key: getattr(checked, key) for key in ARTICLE_KEYS})
    return articles, problems
