"""One seed file -> the Markdown pages the site publishes (the CLI and the build share this path)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .cleaning import clean
from .cleaning.lossless import check_lossless
from .decode import decode_seed
from .model import Article, CleanResult, Notice, SeedError
from .render import render_article
from .slug import article_slug


@dataclass
class ArticlePage:
    slug: str
    article: Article
    markdown: str


def pages_by_city(pages) -> dict[str, list[ArticlePage]]:
    """Articles grouped by city (其他 when the text names none), in the order given."""
    cities: dict[str, list[ArticlePage]] = {}
    for page in pages:
        cities.setdefault(page.article.city or "其他", []).append(page)
    return cities


@dataclass
class SeedPages:
    source: str  # seed file name
    pages: list[ArticlePage] = field(default_factory=list)
    result: CleanResult | None = None
    warnings: list[Notice] = field(default_factory=list)
    error: str = ""  # set when the seed could not be read at all
    encoding: str = ""  # what decode_seed detected (the hook logs it at debug level)
    size: int = 0  # bytes


def load_yaml(path: Path) -> dict:
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def overrides_path(seed: Path) -> Path:
    return seed.parent / "overrides" / (seed.stem + ".yml")


def publish_seed(seed: Path, options: dict) -> SeedPages:
    out = SeedPages(seed.name)
    try:
        data = seed.read_bytes()
        out.size = len(data)
        notes: list[tuple[int, str]] = []
        text, out.encoding = decode_seed(data, notes)
    except (SeedError, OSError) as exc:
        out.error = str(exc)
        return out
    unreadable: list[Notice] = []
    try:
        overrides = load_yaml(overrides_path(seed))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        # The article is still published, as the rules clean it; the editor's corrections wait for the fix.
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        unreadable.append(Notice(0, "", f"not valid UTF-8 YAML{where}: {getattr(exc, 'problem', None) or exc}; "
                                        "none of its corrections apply until it is fixed"))
        overrides = {}
    try:
        result = clean(text, seed.name, options, overrides)
    except Exception as exc:  # one seed that trips the cleaner must not take the whole site down
        out.error = (f"the cleaner failed on this seed ({type(exc).__name__}: {exc}); the seed is left out: "
                     "report it with this file attached")
        return out
    out.result = result
    raw_lines = text.split("\n")
    read_notes = [Notice(no, raw_lines[no - 1].strip() if no <= len(raw_lines) else "", message)
                  for no, message in notes]
    out.warnings = read_notes + unreadable + list(result.warnings) + check_lossless(text, result)
    for article in result.articles:
        slug = article_slug(article.city, article.title)
        out.pages.append(ArticlePage(slug, article, render_article(article)))
    return out
