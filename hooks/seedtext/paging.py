"""Long listings in pages of a fixed size. A reader's page stays small however many articles the site has: at
N = 1000 a tag's one page held 1,600 articles (1.5 MB of HTML).

Two ways to cut them. The undated articles (dates/undated/) are numbered pages, page 1 at the listing's own
path, page n under it (layout.numbered_path), each with a numbered pager. A tag's later pages are runs
counted from the oldest article (later_runs), each titled by its dates: a run, once full, stays as it is
when newer articles come, so adding an article changes its tags' first pages and their newest runs, not
every page after the first.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

from .layout import link, numbered_path
from .printed import chinese_date

# Articles on one page of a listing, unless mkdocs.yml's extra.listing_page_size says otherwise: a tag page
# quoting each article's sentences that name the term (各篇怎么说) stays under about 150 KB and 1,500
# elements with this many (bench/page_sizes.py).
PAGE_SIZE = 50
# Page numbers the pager links on each side of the current one (besides the first and the last).
PAGER_REACH = 2

Item = TypeVar("Item")
UNDATED_HEADING = "刊登日期不详"


def in_pages(items: Sequence[Item], size: int = PAGE_SIZE) -> list[Sequence[Item]]:
    """The items in runs of `size`, in their order (one empty page for none: a listing page always exists)."""
    return [items[start:start + size] for start in range(0, len(items), size)] or [items[:0]]


def page_title(title: str, number: int) -> str:
    """标签：反诈, 标签：反诈（第2页）: a page's title and heading say which page it is."""
    return title if number == 1 else f"{title}（第{number}页）"


def shown_numbers(number: int, count: int) -> list[int | None]:
    """The page numbers the pager links: the first, the last and those within PAGER_REACH of the current
    one; None where numbers are left out."""
    kept = sorted({1, count, *range(max(1, number - PAGER_REACH), min(count, number + PAGER_REACH) + 1)})
    shown: list[int | None] = []
    for n in kept:
        if shown and n - shown[-1] > 1:
            shown.append(None)
        shown.append(n)
    return shown


def pager(first: str, number: int, count: int) -> str:
    """Page `number` of `count` of the listing whose first page is `first` (Markdown; "" for a listing of one
    page): 第2页，共5页：上一页 1 2 3 … 5 下一页."""
    if count <= 1:
        return ""
    here = numbered_path(first, number)

    def to(n: int) -> str:
        return link(here, numbered_path(first, n))

    parts = [f"[上一页]({to(number - 1)})"] if number > 1 else []
    for n in shown_numbers(number, count):
        if n is None:
            parts.append("…")
        elif n == number:
            parts.append(f'<strong aria-current="page">{n}</strong>')
        else:
            parts.append(f"[{n}]({to(n)})")
    if number < count:
        parts.append(f"[下一页]({to(number + 1)})")
    return f"第{number}页，共{count}页：" + " ".join(parts) + "\n{: .pager }"


def later_runs(dated: Sequence[Item], undated: Sequence[Item],
               size: int = PAGE_SIZE) -> list[tuple[str, Sequence[Item]]]:
    """A long listing's later pages, newest first, each (its name: layout.tag_path, its items newest first):
    the dated items (given newest first) in runs of `size` counted from the oldest, run 1 the oldest; then
    the undated ones in runs of `size` in the order given (the seeds'), undated-1 first. A full run stays as
    it is when an article is added after it (a newer one, a later seed)."""
    runs = [(str(n), run[::-1]) for n, run in enumerate(in_pages(dated[::-1], size), 1) if run][::-1]
    return runs + [(f"undated-{n}", run) for n, run in enumerate(in_pages(undated, size), 1) if run]


def date_range(oldest: datetime.date | None, newest: datetime.date | None) -> str:
    """2024年3月5日—9月1日, 2023年11月5日—2024年2月1日, 2025年3月9日; 刊登日期不详 for an undated run."""
    if newest is None:
        return UNDATED_HEADING
    if oldest is None or oldest == newest:
        return chinese_date(newest)
    end = chinese_date(newest) if newest.year != oldest.year else f"{newest.month}月{newest.day}日"
    return f"{chinese_date(oldest)}—{end}"


def run_labels(ranges: Sequence[tuple[str, str]]) -> list[str]:
    """Each later page's label from its (name, date range): the range, and the page's number where two share
    one (more articles of one day than a page holds; the undated runs): 刊登日期不详，第2页."""
    shared = Counter(label for _, label in ranges)
    return [label if shared[label] == 1 else f"{label}，第{name.removeprefix('undated-')}页" for name, label in ranges]


def neighbour_pager(here: str, first: str, newer: str | None, older: str | None) -> str:
    """A later page's pager (Markdown): 最新 (the listing's first page), 上一页 (the next newer page) and
    下一页 (the next older one) where there is one. It names no page count: adding an article leaves it."""
    parts = [f"[最新]({link(here, first)})"]
    if newer:
        parts.append(f"[上一页]({link(here, newer)})")
    if older:
        parts.append(f"[下一页]({link(here, older)})")
    return " ".join(parts) + "\n{: .pager }"
