"""The whole site as Markdown pages per script variant, built from seeds/ and the
hand-written pages in docs/. No MkDocs import: the hook only wraps these pages as files."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache
from .config import CleaningOptions
from .convert import convert, convert_variant
from .layout import (
    ABOUT,
    ABOUT_TEMPLATE,
    DATES,
    HOME,
    HOME_TEMPLATE,
    TAG_INDEX,
    TERMS,
    UNDATED,
    article_path,
    date_anchor,
    link,
    month_path,
    numbered_path,
    raw_path,
    tag_path,
)
from .page import ArticlePage, SitePage, newest_first, pages_by_city, reading_order
from .paging import PAGE_SIZE, UNDATED_HEADING, in_pages, page_title, pager
from .printed import chinese_date
from .quotes import QuoteStyle, in_style
from .rawpage import SeedTables, TableToMake, page_rows, raw_page_markdown
from .render import dump_front_matter, escape_text, first_sentence
from .seed import CleanedSeed
from .tagpages import (
    CITY_GROUP,
    Tag,
    article_link,
    article_markdown,
    concordance,
    printed_line,
    tag_articles,
    tag_index,
    tag_pages,
)
from .tags import TagVocabulary
from .urls import NOTHING_PUBLISHED, PublishedUrls, SiteUrls, assign_urls
from .words import Vocabulary

# Articles of each city on the home page (its newest); the city's page lists them all.
HOME_NEWEST = 5


@dataclass(frozen=True, kw_only=True)
class Variant:
    """A script tree of the site, as the build makes it from its entry of extra.variants in mkdocs.yml
    (hooks/options.py, `build_variants`; the defaults are the entry's)."""

    lang: str  # BCP 47: zh-Hans, zh-Hant, zh-Hant-HK ...
    root: str  # URL folder: zh-hans
    name: str  # label in the script switch
    opencc: str | None  # OpenCC config that makes this variant from Simplified (None: Simplified)
    theme_language: str  # Material's UI strings
    phrases: str | None  # the project's phrase dictionary (path), applied before OpenCC's own
    quotes: QuoteStyle  # the quotation marks it prints
    vocabulary: Vocabulary = Vocabulary()  # the project's words, kept whole by the conversion (project_vocabulary)

    def text(self, text: str) -> str:
        """A short text of the site's own (a label, the site name, Material's UI strings) in this variant's
        script and quotation marks. Converted whole, without looking for Traditional lines: Material's
        zh-Hant strings are Traditional with Simplified mixed in (找到 1 个...)."""
        return in_style(convert(text, self.opencc, self.phrases, self.vocabulary), self.quotes)


def project_vocabulary(tags: TagVocabulary, options: CleaningOptions) -> Vocabulary:
    """The words the conversion keeps whole (seedtext.words), besides the phrase dictionary's: every tag's
    name and synonyms (data/tags.yml) and the cities (data/cleaning.yml)."""
    return Vocabulary.of([*tags.words, *options.cities])


@dataclass
class Site:
    """One build's pages, stage by stage: seeds (cleaned) -> articles (tagged) -> pages (Markdown)."""

    seeds: list[CleanedSeed] = field(default_factory=list)
    articles: list[ArticlePage] = field(default_factory=list)
    tags: dict[str, Tag] = field(default_factory=dict)
    pages: list[SitePage] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)
    problems: list[str] = field(default_factory=list)  # data files' entries left out, each naming file and key
    reading_order: list[ArticlePage] = field(default_factory=list)  # page.reading_order: home listing, read on
    urls: SiteUrls | None = None  # every article's URL name, the new ones to record (seedtext.urls)


def seed_files(seeds_dir: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The .txt seeds in name order, and the other files found there (reported, not read): files that are
    no seed, and overrides files whose seed is not there (a misspelt name: their corrections apply to
    nothing)."""
    seeds, other = [], []
    for path in sorted(seeds_dir.iterdir()):
        if path.is_dir():
            continue
        if path.suffix == ".txt":
            seeds.append(path)
        elif not path.name.startswith("."):
            other.append((path.name, "not a .txt file: seeds must be plain-text .txt files; rename or move it"))
    stems = {seed.stem for seed in seeds}
    overrides = seeds_dir / "overrides"
    for path in sorted(overrides.glob("*.yml")) if overrides.is_dir() else ():
        if path.stem not in stems:
            other.append((f"overrides/{path.name}", f"no seed seeds/{path.stem}.txt, so none of its corrections "
                                                    "apply: rename it after its seed (or remove it)"))
    return seeds, other


def home_listing(in_reading_order: list[ArticlePage], tags: dict[str, Tag]) -> str:
    """The home page's article list (Site.reading_order): each city's newest HOME_NEWEST articles, each with its
    subtitle, paper and date where known and lead sentence, then a link to the city's page (all of them)."""
    out = []
    for city, in_city in pages_by_city(in_reading_order).items():
        out.append(f"## {escape_text(city)}")
        for page in in_city[:HOME_NEWEST]:
            art = page.article
            item = [f"### [{escape_text(art.title)}]({link(HOME, article_path(page.slug))})"]
            if art.subtitle:
                item.append(escape_text(art.subtitle) + "\n{: .subtitle }")
            if art.printed:
                item.append(printed_line(page, HOME) + "\n{: .printed }")
            sentence = first_sentence(art)
            if sentence:
                item.append(escape_text(sentence) + "\n{: .lead }")
            out.append("\n\n".join(item))
        if city in tags:
            out.append(f"[{escape_text(city)}的全部文章（{len(in_city)}篇）]({link(HOME, tag_path(tags[city].slug))})"
                       "\n{: .city-all }")
        elif len(in_city) > HOME_NEWEST:  # 其他: no city named, no page of its own; the dates pages list every article
            out.append(f"另有{len(in_city) - HOME_NEWEST}篇未标明城市的文章，见[按日期]({link(HOME, DATES)})。"
                       "\n{: .city-all }")
    return "\n\n".join(out) + "\n"


def article_site(seed_paths: list[Path], options: CleaningOptions, tags: TagVocabulary, cache: Cache,
                 published: PublishedUrls = NOTHING_PUBLISHED) -> Site:
    """Stages 1–3 for these seeds: cleaned (from the cache when unchanged), tagged, one page per article, at
    the URL `published` records for it (none recorded: every article's URL is new)."""
    site = Site()
    site.seeds = cache.cleaned_seeds(seed_paths, options)
    site.problems = list(tags.problems)
    site.urls = assign_urls(site.seeds, published)
    site.articles, site.tags = tag_articles(list(site.urls.pages), tags.rules, cache.derived)
    site.reading_order = reading_order(site.articles, options.cities)
    site.pages = [SitePage(article_path(page.slug), article_markdown(page, site.tags, cache.derived),
                           page.article.title, page.article.source, tuple(page.article.authors))
                  for page in site.articles]
    return site


def city_pages(site: Site) -> list[str]:
    """The cities' tag pages (each lists its articles), in the vocabulary's order: the drawer's cities."""
    return [tag_path(tag.slug) for tag in site.tags.values() if tag.group == CITY_GROUP]


def dates_pages(pages: list[ArticlePage], order: list[ArticlePage], page_size: int = PAGE_SIZE) -> list[SitePage]:
    """按日期: the overview (DATES: each month with its number of articles, and the undated ones); a page
    per month (layout.month_path), newest first, a heading per day with its anchor (an article's date links
    there); the undated articles `page_size` a page in the seeds' order, each page's by city (reading order)."""
    dated = newest_first([p for p in pages if p.article.printed.date], order)
    months: dict[datetime.date, list[ArticlePage]] = {}
    for page in dated:
        months.setdefault(page.article.printed.date.replace(day=1), []).append(page)
    # In pages cut in the seeds' order, so a seed added last changes the last page only; each page by city.
    undated = [p for p in pages if not p.article.printed.date]
    position = {page: n for n, page in enumerate(order)}
    overview = [dump_front_matter({"title": "按日期"}).rstrip("\n"), "# 按日期",
                f"各篇文章按报纸刊登日期排列，新的在前。{len(dated)}篇知道刊登日期"
                + ("，点月份看当月各篇。" if dated else "。")]
    years: dict[int, list[str]] = {}
    for month, in_month in months.items():
        entry = f"- [{month.month}月]({link(DATES, month_path(month))})：{len(in_month)}篇"
        years.setdefault(month.year, []).append(entry)
    for year, items in years.items():
        overview += [f"## {year}年", "\n".join(items)]
    if undated:
        overview += [f"## {UNDATED_HEADING}",
                     f"[{len(undated)}篇文章刊登日期不详]({link(DATES, UNDATED)})，按城市排列。"]
    site_pages = [SitePage(DATES, "\n\n".join(overview) + "\n", "按日期")]
    site_pages += [month_page(month, in_month) for month, in_month in months.items()]
    runs = in_pages(undated, page_size) if undated else []
    for number, run in enumerate(runs, 1):
        here = numbered_path(UNDATED, number)
        title = page_title(UNDATED_HEADING, number)
        out = [dump_front_matter({"title": title}).rstrip("\n"), f"# {title}",
               f"[按日期]({link(here, DATES)})：不知道刊登日期的文章，本页{len(run)}篇，按城市排列。"]
        for city, in_city in pages_by_city(sorted(run, key=position.__getitem__)).items():
            out += [f"## {escape_text(city)}", "\n".join(f"- {article_link(page, here)}" for page in in_city)]
        out.append(pager(UNDATED, number, len(runs)))
        site_pages.append(SitePage(here, "\n\n".join(filter(None, out)) + "\n", title))
    return site_pages


def month_page(month: datetime.date, pages: list[ArticlePage]) -> SitePage:
    """A month's articles by day, newest first, each with its paper."""
    here, title = month_path(month), f"{month.year}年{month.month}月"
    out = [dump_front_matter({"title": f"按日期：{title}"}).rstrip("\n"), f"# {title}",
           f"[按日期]({link(here, DATES)})：本月{len(pages)}篇，按报纸刊登日期排列，新的在前。"]
    day = None
    for page in pages:
        date = page.article.printed.date
        if date != day:
            day = date
            out.append(f"## {chinese_date(date)} {{ #{date_anchor(date)} }}")
        out.append(f"- {article_link(page, here)}" + (f"　{escape_text(page.article.printed.paper)}"
                                                     if page.article.printed.paper else ""))
    return SitePage(here, "\n\n".join(out) + "\n", title)


def raw_pages(site: Site, cache: Cache) -> list[SitePage]:
    """The 原文对照 page of every article: its blocks beside the seed's raw lines (seedtext.rawpage). A
    seed's pages are made again only when it or its articles' URLs change (Cache.derived)."""
    slug_of = {id(page.article): page.slug for page in site.articles}
    pages = []
    for seed in site.seeds:
        slugs = tuple(slug_of[id(article)] for article in seed.articles)
        pages += cache.derived(seed, "raw pages\t" + "\t".join(slugs), lambda seed=seed, slugs=slugs:
                               seed_raw_pages(seed, slugs, cache.seed_keys.get(seed.source)))
    return pages


def seed_raw_pages(seed: CleanedSeed, slugs: tuple[str, ...], seed_key: str | None = None) -> list[SitePage]:
    """A seed's 原文对照 pages. With the key the seed's cleaned pages are cached under, each table is made
    only when its HTML is asked for (TableToMake); without one (no cache), now."""
    rows = page_rows(list(seed.articles), len(seed.raw_lines))
    tables = SeedTables(seed.raw_lines, seed.edits, rows)
    pages = []
    for n, (article, article_rows, slug) in enumerate(zip(seed.articles, rows, slugs, strict=True)):
        markdown = raw_page_markdown(article, article_rows, link(raw_path(slug), article_path(slug)))
        make = functools.partial(tables.table, n)
        pages.append(SitePage(raw_path(slug), markdown, f"原文对照：{article.title}", names=tuple(article.authors),
                              table=TableToMake(make, f"{seed_key}\0{n}") if seed_key else make()))
    return pages


def build_site(seeds_dir: Path, docs_dir: Path, options: CleaningOptions, cache: Cache, with_raw_pages: bool = True,
               *, tags: TagVocabulary, published: PublishedUrls = NOTHING_PUBLISHED,
               page_size: int = PAGE_SIZE) -> Site:
    """Every page of the site in Simplified Markdown: the articles (at their `published` URLs) and their
    原文对照 pages, the tag pages and the undated articles' in pages of `page_size` articles, the dates pages,
    the home page."""
    seed_paths, skipped = seed_files(seeds_dir)
    site = article_site(seed_paths, options, tags, cache, published)
    site.skipped = skipped
    if with_raw_pages:
        site.pages += raw_pages(site, cache)
    tags = site.tags
    site.pages.append(SitePage(TAG_INDEX, tag_index(tags), "标签"))
    site.pages.append(SitePage(TERMS, concordance(tags), "术语对照"))
    site.pages += dates_pages(site.articles, site.reading_order, page_size)
    for tag in tags.values():
        site.pages += tag_pages(tag, site.reading_order, page_size, cache.derived)
    home = (docs_dir / HOME_TEMPLATE).read_text(encoding="utf-8")
    listing = home_listing(site.reading_order, tags)
    site.pages.append(SitePage(HOME, home.rstrip("\n") + "\n\n" + listing))
    site.pages.append(SitePage(ABOUT, (docs_dir / ABOUT_TEMPLATE).read_text(encoding="utf-8")))
    return site


def pages_of_seed(seed: Path, project: Path, options: CleaningOptions, cache: Cache, *, tags: TagVocabulary,
                  published: PublishedUrls = NOTHING_PUBLISHED) -> tuple[CleanedSeed, list[SitePage]]:
    """The article pages the site publishes for one seed, tags and related lists included (Simplified). A
    seed in the project's seeds/ is built with all the others, at their `published` URLs; any other file as if
    it were the only seed, with no URL published yet."""
    seeds_dir = project / "seeds"
    paths = [seed]
    if seed.resolve().parent == seeds_dir.resolve():
        paths = seed_files(seeds_dir)[0]
    else:
        published = NOTHING_PUBLISHED
    site = article_site(paths, options, tags, cache, published)
    cleaned = next(s for s in site.seeds if s.source == seed.name)
    return cleaned, [page for page in site.pages if page.source == seed.name]


def variant_markdown(page: SitePage, variant: Variant, cache: Cache) -> str:
    """The page in the variant's script and quotation marks. Lines already in Traditional script (a
    Traditional seed) are detected in convert_variant: Simplified for the Simplified variant, regional
    forms for the others. The byline's names are kept as names (seedtext.names)."""
    return variant_text(page.markdown, page, variant, cache)


def variant_table(page: SitePage, variant: Variant, cache: Cache, mark_cleaned: Callable[[str], str]) -> str:
    """A 原文对照 page's table in the variant's script, as the page's text converts (variant_markdown), with
    `mark_cleaned` applied to each converted block of its left column."""
    return page.table.html(lambda text: variant_text(text, page, variant, cache), mark_cleaned) if page.table else ""


def variant_text(text: str, page: SitePage, variant: Variant, cache: Cache) -> str:
    return cache.converted(text, variant.opencc, variant.phrases, variant.quotes, convert_variant,
                           variant.vocabulary, page.names)
