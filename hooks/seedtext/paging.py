"""Long listings in pages of a fixed size (a tag's articles, the undated articles): page 1 at the listing's
own path, page n under it (layout.numbered_path), each with a pager. A reader's page stays small however
many articles the site has: at N = 1000 a tag's one page held 1,600 articles (1.5 MB of HTML)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from .layout import link, numbered_path

# Articles on one page of a listing, unless mkdocs.yml's extra.listing_page_size says otherwise: a tag page
# quoting each article's sentences that name the term (各篇怎么说) stays under about 150 KB and 1,500
# elements with this many (bench/page_sizes.py).
PAGE_SIZE = 50
# Page numbers the pager links on each side of the current one (besides the first and the last).
PAGER_REACH = 2

Item = TypeVar("Item")


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
