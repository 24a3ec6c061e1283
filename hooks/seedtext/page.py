"""Stages 2 and 3: an article with its place on the site (ArticlePage), and a page of the site as
Simplified Markdown (SitePage). Both are made new by every build from the cached CleanedSeeds."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import Article
from .rawpage import RawTable, TableToMake

OTHER_CITY = "其他"  # where an article that names no city is listed


@dataclass(frozen=True, eq=False)  # compared by identity: two pages are never the same page
class ArticlePage:
    slug: str  # URL name, unique on the site: as data/published-urls.yml records it, else new (seedtext.urls)
    article: Article
    tags: tuple[str, ...] = ()  # in vocabulary order: city, themes and campaigns, authors


@dataclass(frozen=True)
class SitePage:
    uri: str  # path inside a variant root, e.g. articles/xiangtan-....md
    markdown: str  # Simplified source; converted per variant
    title: str = ""
    source: str = ""  # the seed file an article page comes from ("" for listings and hand-written pages)
    names: tuple[str, ...] = ()  # people's names the byline gives (kept as names on Traditional pages)
    table: RawTable | TableToMake | None = None  # a 原文对照 page's table, after its Markdown head (seedtext.rawpage)


def reading_order(pages: Iterable[ArticlePage], city_order: Sequence[str]) -> list[ArticlePage]:
    """The order a reader goes through the site: by city (data/cleaning.yml's order, then the others by
    name, 其他 last), newest first within a city (undated after dated), then as the seeds give them. The
    home listing and each article's previous and next follow it."""
    def key(item: tuple[int, ArticlePage]) -> tuple:
        n, page = item
        city = page.article.city or OTHER_CITY
        date = page.article.printed.date
        return (city == OTHER_CITY, city_order.index(city) if city in city_order else len(city_order), city,
                date is None, -(date.toordinal() if date else 0), n)

    return [page for _, page in sorted(enumerate(pages), key=key)]


def newest_first(pages: Iterable[ArticlePage], order: Sequence[ArticlePage]) -> list[ArticlePage]:
    """By the date of the issue, newest first, the undated last; a day's articles (and the undated ones) in
    `order` (reading_order: by city). A city's articles come out in the reading order."""
    position = {page: n for n, page in enumerate(order)}

    def key(page: ArticlePage) -> tuple:
        date = page.article.printed.date
        return date is None, -(date.toordinal() if date else 0), position[page]

    return sorted(pages, key=key)


def pages_by_city(pages: Iterable[ArticlePage]) -> dict[str, list[ArticlePage]]:
    """Articles grouped by city (其他 when the text names none), in the order given."""
    cities: dict[str, list[ArticlePage]] = {}
    for page in pages:
        cities.setdefault(page.article.city or OTHER_CITY, []).append(page)
    return cities
