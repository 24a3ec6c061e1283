"""An editor's overrides file for one seed (`seeds/overrides/<seed>.yml`), checked key by key.

Every key is optional; line numbers are the seed's raw line numbers (as `hooks/clean.py SEED
--explain` prints them). A key whose value has the wrong type is reported (the key, the value
and what the key takes) and left out; the other keys still apply and the seed is published.
The README's "Fixing what the rules cannot" documents the same keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Keys that take a list of raw line numbers.
LINE_KEYS = {
    "break_before": "start a new paragraph at these lines",
    "join_before": "join these lines to the paragraph above",
    "caption": "these lines are photo captions",
    "heading": "these lines are headings",
    "filler": "remove these lines (logged as removals)",
    "text": "plain text, whatever the rules think",
    "gap_before": "a page is missing before this line: show the gap mark",
    "gap_after": "a page is missing after this line",
    "article_before": "a new article starts at this line",
    "quotes_as_printed": "the quotation marks on these lines do not pair up, and the page printed them so: no warning",
}
# Keys that take one line of text.
TEXT_KEYS = {
    "title": "the article's title",
    "subtitle": "the article's subtitle",
    "city": "the city the article is filed under",
    "period": "the year or period it covers (2025, 十四五, 2019-2021)",
}
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


def checked_overrides(raw: object) -> tuple[dict, list[Problem]]:
    """The overrides with every valid key in its canonical form (line lists as sets of ints, text as
    str, moves as (first, last, before)), and the problems of the keys left out."""
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [Problem("(file)", raw, "a mapping of keys (break_before: [57], title: …)")]
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
                out[key] = [a.strip() for a in value]
            else:
                problems.append(Problem(key, value, "a list of names ([罗飞虎, 宋伟明])"))
        elif key == "move":
            moves, bad = _moves(value)
            if moves:
                out[key] = moves
            problems += bad
        elif key == "articles":
            articles, bad = _articles(value)
            if articles:
                out[key] = articles
            problems += bad
        else:
            known = ", ".join([*LINE_KEYS, *TEXT_KEYS, "authors", "move", "articles"])
            problems.append(Problem(str(key), value, f"a key the cleaner knows ({known})"))
    return out, problems


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


def lines_in_seed(overrides: dict, line_count: int) -> tuple[dict, list[PastTheEnd]]:
    """The overrides without the line numbers past the seed's last line, and each key that had some."""
    problems = []
    kept = dict(overrides)
    for key in LINE_KEYS:
        past = tuple(sorted(n for n in overrides.get(key, ()) if n > line_count))
        if past:
            kept[key] = frozenset(n for n in overrides[key] if n <= line_count)
            problems.append(PastTheEnd(key, past, line_count))
    return kept, problems


def _line_numbers(value: object) -> frozenset[int] | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return frozenset([value])
    if isinstance(value, list) and all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in value):
        return frozenset(value)
    return None


def _moves(value: object) -> tuple[list[tuple[int, int, int]], list[Problem]]:
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
        moves.append((first, last, before))
    return moves, problems


def _articles(value: object) -> tuple[dict[int, dict], list[Problem]]:
    if not isinstance(value, dict):
        return {}, [Problem("articles", value, "a mapping of article numbers (1, 2 …) to their keys")]
    articles, problems = {}, []
    for number, keys in value.items():
        if not isinstance(number, int) or isinstance(number, bool) or number < 1 or not isinstance(keys, dict):
            problems.append(Problem(f"articles.{number}", keys, "an article number (1, 2 …) with its keys"))
            continue
        allowed = {k: v for k, v in keys.items() if k in (*TEXT_KEYS, "authors")}
        checked, bad = checked_overrides(allowed)
        problems += [Problem(f"articles.{number}.{p.key}", p.value, p.expected) for p in bad]
        problems += [Problem(f"articles.{number}.{k}", v, "a per-article key (title, subtitle, city, period, "
                             "authors)") for k, v in keys.items() if k not in allowed]
        articles[number] = checked
    return articles, problems
