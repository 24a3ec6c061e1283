"""Stages 2 and 3: an article with its place on the site (ArticlePage), and a page of the site as
Simplified Markdown (SitePage). Both are made new by every build from the cached CleanedSeeds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Article
from .rawpage import RawTable


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
    table: RawTable | None = None  # a 原文对照 page's table, after its Markdown head (seedtext.rawpage)


def pages_by_city(pages: Iterable[ArticlePage]) -> dict[str, list[ArticlePage]]:
    """Articles grouped by city (其他 when the text names none), in the order given."""
    cities: dict[str, list[ArticlePage]] = {}
    for page in pages:
        cities.setdefault(page.article.city or "其他", []).append(page)
    return cities
