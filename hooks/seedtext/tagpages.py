"""Tags on every article and the pages that follow them: a tag index grouped by tag group, a listing
per tag in pages (seedtext.paging), and each article's tags and related articles at its end.

Tags come only from the reviewed vocabulary (data/tags.yml), plus the article's city and the
authors of its byline. Pages are Simplified Markdown; the hook converts them per script variant.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain
from typing import TypeVar

from .cleaning.text import SENTENCE
from .convert import convert, is_traditional
from .layout import TAG_INDEX, TERMS, article_path, date_link, link, tag_path
from .model import Article
from .page import OTHER_CITY, ArticlePage, SitePage, newest_first, pages_by_city
from .paging import PAGE_SIZE, date_range, later_runs, neighbour_pager, run_labels
from .render import dump_front_matter, escape_text, html_text, render_article
from .slug import pinyin_slug
from .tags import TagRule, tags_for_text

T = TypeVar("T")
# Made once per kept source object: (source, what, make) -> make()'s result (Cache.derived, made_now).
Derived = Callable[[object, Hashable, Callable[[], T]], T]


def made_now(source: object, name: Hashable, make: Callable[[], T]) -> T:
    """make(): nothing kept (Cache.derived keeps what is made from a kept article with it)."""
    return make()


CAMPAIGN_GROUP = "战役与机制"  # campaigns and mechanisms: "where else" at each article's end
CITY_GROUP = "城市"
CONCORDANCE_GROUPS = ("主题", CAMPAIGN_GROUP)  # terms worth comparing; every article names its period and 公安
AUTHOR_GROUP = "作者"
MAX_RELATED = 5
# The class of the headings and items of the lists of other articles: search leaves them out
# (hooks/search_index.py).
LINKS_CLASS = "article-links"
LISTING_CLASS = "tag-listing"  # an article in a listing (docs/stylesheets/extra.css: its printed line below it)


@dataclass
class Tag:
    name: str
    group: str
    slug: str
    pages: list[ArticlePage] = field(default_factory=list)
    pattern: re.Pattern[str] | None = None  # how the vocabulary finds it in the text (None: city, author)

    @functools.cached_property
    def by_slug(self) -> dict[str, ArticlePage]:
        return {page.slug: page for page in self.pages}

    @functools.cached_property
    def members(self) -> str:
        """Which articles it has (a digest of their URL names): what a related list made from it depends on."""
        return hashlib.sha256("\0".join(self.by_slug).encode()).hexdigest()

    @functools.cached_property
    def by_city(self) -> dict[str, list[ArticlePage]]:
        """Read once the tag has all its pages (where_else asks for every article of every campaign)."""
        return pages_by_city(self.pages)

    def compared(self) -> bool:
        """A term worth comparing across articles: a theme or campaign found in the text of two or more."""
        return self.pattern is not None and self.group in CONCORDANCE_GROUPS and len(self.pages) >= 2


@functools.lru_cache(maxsize=1 << 16)  # the same paragraphs are read for every term they may name
def simplified(text: str) -> str:
    """Tags are Simplified: a seed written in Traditional script is matched and named in Simplified."""
    return convert(text, "t2s") if is_traditional(text) else text


def article_text(art: Article) -> str:
    return simplified("\n".join([art.title, art.subtitle, *(b.text for b in art.blocks if b.kind != "gap")]))


def tag_articles(articles: list[tuple[str, Article]], rules: tuple[TagRule, ...], derived: Derived = made_now
                 ) -> tuple[list[ArticlePage], dict[str, Tag]]:
    """Each (slug, article) as an ArticlePage with its tags, and every tag in use, in vocabulary order. An
    article's text is searched again only when it or the vocabulary changes (`derived`)."""
    tags: dict[str, Tag] = {}
    slugs: set[str] = set()

    def tag(name: str, group: str) -> Tag:
        if name not in tags:
            slug = pinyin_slug(name, 40)
            while slug in slugs:
                slug += "-x"
            slugs.add(slug)
            tags[name] = Tag(name, group, slug)
        return tags[name]

    for rule in rules:  # vocabulary order decides the order on the index page
        tag(rule.name, rule.group).pattern = rule.pattern
    pages = []
    for slug, art in articles:
        names: list[tuple[str, str]] = []
        if art.city:
            names.append((art.city, CITY_GROUP))
        names += derived(art, ("tags", rules), lambda art=art: [(rule.name, rule.group)
                                                                 for rule in tags_for_text(rules, article_text(art))])
        names += [(simplified(author), AUTHOR_GROUP) for author in art.authors]
        groups: dict[str, str] = {}
        for name, group in names:
            groups.setdefault(name, group)  # a name keeps the first group it comes with
        page = ArticlePage(slug, art, tuple(groups))
        pages.append(page)
        for name, group in groups.items():
            tag(name, group).pages.append(page)
    return pages, {name: t for name, t in tags.items() if t.pages}


def related(page: ArticlePage, tags: dict[str, Tag],
            derived: Derived = made_now) -> list[tuple[ArticlePage, list[str]]]:
    """Other articles ranked by how many themes and campaigns they share with this one (city, period,
    organisation and author say little: nearly every article is 公安 and 2025). Ranked again only when the
    article or the members of one of those tags change (`derived`)."""
    topics = [tags[name] for name in page.tags if tags[name].group in CONCORDANCE_GROUPS]
    best = derived(page.article, ("related", page.slug, tuple(t.members for t in topics)),
                   lambda: ranked(page.slug, topics))
    return [(next(t.by_slug[slug] for t in topics if slug in t.by_slug),
             [t.name for t in topics if slug in t.by_slug]) for slug in best]


def ranked(slug: str, topics: list[Tag]) -> list[str]:
    """The URL names of the articles sharing the most of these tags with the article `slug`, best first."""
    counts = Counter(chain.from_iterable(tag.by_slug for tag in topics))  # counted in C: N pages x T tags
    counts.pop(slug, None)
    return [other for other, _ in heapq.nsmallest(MAX_RELATED, counts.items(), key=lambda item: (-item[1], item[0]))]


def tag_link(tag: Tag, from_path: str) -> str:
    """A Markdown link to the tag's listing from the page at from_path."""
    return f"[{escape_text(tag.name)}]({link(from_path, tag_path(tag.slug))})"


def printed_line(page: ArticlePage, from_path: str) -> str:
    """Its paper, date and page as Markdown, the date a link to that day on its month's dates page."""
    printed = page.article.printed
    day_link = date_link(from_path, printed.date) if printed.date else ""
    return replace(printed, paper=escape_text(printed.paper)).line(lambda day: f"[{day}]({day_link})")


def article_markdown(page: ArticlePage, tags: dict[str, Tag], derived: Derived = made_now) -> str:
    """The article page with its tags and related articles after the text. Under `mkdocs serve` it is made
    again only when an article it shows changes or its tags, links or lists do (`derived`: Cache.derived)."""
    # Themes and campaigns are linked where the text first names them in each section.
    here = article_path(page.slug)
    links = [(tags[name].pattern, link(here, tag_path(tags[name].slug))) for name in page.tags
             if tags[name].pattern is not None and tags[name].group in CONCORDANCE_GROUPS]
    link_texts = tuple((p.pattern, url) for p, url in links)
    rel = related(page, tags, derived)
    elsewhere = where_else(page, tags)
    # Made again only when the article changes, or its tags, links or lists (what they show of each article).
    return derived(page.article, ("article page", page.slug, page.tags, link_texts,
                                  tuple((shown(other), tuple(names)) for other, names in rel),
                                  tuple((tag.name, tag.slug, tuple((shown(first), more) for first, more in cities))
                                        for tag, cities in elsewhere)),
                   lambda: article_page_markdown(page, links, link_texts, rel, elsewhere, derived))


def shown(page: ArticlePage) -> tuple[str, str, str | None]:
    """What a list of articles shows of one (article_link): its URL name, title and city."""
    return page.slug, page.article.title, page.article.city


def article_page_markdown(page: ArticlePage, links: list[tuple[re.Pattern, str]], link_texts: tuple,
                          rel: list[tuple[ArticlePage, list[str]]], elsewhere: list, derived: Derived) -> str:
    """article_markdown's page from its parts: the text (made again only when the article, its tags or
    links change), the related articles, the other cities' articles of its campaigns."""
    here = article_path(page.slug)
    text = derived(page.article, ("article", page.tags, link_texts),
                   lambda: render_article(page.article, page.tags, links).rstrip("\n"))
    parts = [text]
    if rel:
        parts.append(f"## 相关文章 {{: .{LINKS_CLASS} }}")
        parts.append("\n".join(
            f"- [{escape_text(other.article.title)}]({link(here, article_path(other.slug))})"
            f"（{escape_text(other.article.city or OTHER_CITY)}；"
            f"共同标签：{'、'.join(escape_text(n) for n in names)}）\n{{: .{LINKS_CLASS} }}" for other, names in rel))
    if elsewhere:
        parts.append(f"## 其他城市的同一行动 {{: .{LINKS_CLASS} }}")
        parts.append("\n".join(
            f"- {tag_link(tag, here)}：" + "；".join(
                article_link(first, here) + ("等" if more else "") for first, more in cities)
            + f"\n{{: .{LINKS_CLASS} }}" for tag, cities in elsewhere))
    return "\n\n".join(parts) + "\n"


def article_link(page: ArticlePage, from_path: str) -> str:
    """[title](…slug.md)（city）, linked from the page at from_path."""
    art = page.article
    url = link(from_path, article_path(page.slug))
    return f"[{escape_text(art.title)}]({url})（{escape_text(art.city or OTHER_CITY)}）"


def where_else(page: ArticlePage, tags: dict[str, Tag]) -> list[tuple[Tag, list[tuple[ArticlePage, bool]]]]:
    """For each campaign or mechanism of this article, each other city that names it: its first article
    (in the seeds' order) and whether it has more (等: the tag's listing has them all), so the section stays
    short at any size. No count: an article added to a city would change every article naming the city."""
    out = []
    for name in page.tags:
        tag = tags[name]
        if tag.group == CAMPAIGN_GROUP:
            cities = {city: pages for city, pages in tag.by_city.items() if city != page.article.city}
            if cities:
                out.append((tag, [(pages[0], len(pages) > 1) for pages in cities.values()]))
    return out




COMPARE_ANCHOR = "compare"


def quotes(tag: Tag, pages: Sequence[ArticlePage], from_path: str, derived: Derived = made_now) -> str:
    """Each of these articles' sentences that name the term, with a link to the paragraph (its #pN anchor,
    numbered as render_article numbers blocks): the concordance of one term."""
    out = []
    for page in pages:
        url = link(from_path, article_path(page.slug))
        found = derived(page.article, f"quotes\t{tag.pattern.pattern}", lambda page=page: naming(tag, page.article))
        if found:
            out.append("- " + article_link(page, from_path) + "\n" + "\n".join(
                f"    - {escape_text(sentence)} [原段]({url}#p{n})" for n, sentence in found))
    return "\n".join(out)


def naming(tag: Tag, art: Article) -> list[tuple[int, str]]:
    """The article's sentences that name the term, each with its block's number."""
    found = []
    for n, block in enumerate(art.blocks, 1):
        if block.kind != "paragraph":
            continue
        text = simplified(block.text)
        if tag.pattern.search(text):
            found += [(n, sentence) for sentence in SENTENCE.findall(text) if sentence and tag.pattern.search(sentence)]
    return found


def concordance(tags: dict[str, Tag]) -> str:
    """The term index: every theme and campaign in two or more articles, with the cities that name it.
    Each term's sentences are on its tag's pages, each page quoting its own articles (small at any size)."""
    out = [dump_front_matter({"title": "术语对照"}).rstrip("\n"), "# 术语对照",
           "同一个行动、机制或主题在各篇文章里怎么说：点术语看每篇文章提到它的句子，句后的“原段”链接到文章里的那一段。"]
    for group in CONCORDANCE_GROUPS:
        members = [t for t in tags.values() if t.group == group and t.compared()]
        if not members:
            continue
        out.append(f"## {escape_text(group)}")
        out.append("\n".join(
            f"- [{escape_text(t.name)}]({link(TERMS, tag_path(t.slug))}#{COMPARE_ANCHOR})：{len(t.pages)}篇文章，"
            + "、".join(escape_text(c) for c in t.by_city) for t in members))
    return "\n\n".join(out) + "\n"


def tag_index(tags: dict[str, Tag]) -> str:
    """Every tag by group, each a chip with its number of articles, linking to the tag's page."""
    groups: dict[str, list[Tag]] = {}
    for tag in tags.values():
        groups.setdefault(tag.group, []).append(tag)
    out = [dump_front_matter({"title": "标签"}).rstrip("\n"), "# 标签",
           "按城市、时期、机构、主题、战役与机制和作者列出全部标签，点标签看相关文章。"]
    for group, members in groups.items():
        out.append(f"## {escape_text(group)}")
        out.append("\n".join(
            f'[{escape_text(t.name)}<span class="tag-index__count">{len(t.pages)}篇</span>]'
            f"({link(TAG_INDEX, tag_path(t.slug))}){{: .md-tag .tag-index__tag }}" for t in members)
            + "\n{: .tag-index }")
    return "\n\n".join(out) + "\n"


def listing_item(page: ArticlePage, from_path: str) -> str:
    """An article in a listing: its title (a link), its city and where it was printed."""
    printed = page.article.printed
    line = f'<span class="printed">{escape_text(printed.line())}</span>' if printed else ""
    return f"- {article_link(page, from_path)}{line}\n{{: .{LISTING_CLASS} }}"


def tag_pages(tag: Tag, order: Sequence[ArticlePage], page_size: int = PAGE_SIZE,
              derived: Derived = made_now) -> list[SitePage]:
    """The tag's pages: the first lists its newest `page_size` articles (page.newest_first; the undated
    after the dated, in the seeds' order) and links every later page; the later pages have all its articles,
    `page_size` a page, in runs counted from the oldest (paging.later_runs). A theme or campaign also quotes
    each listed article's sentences that name it (各篇怎么说), so every page quotes its own articles. The
    article's tag chips link the first page."""
    dated = newest_first([page for page in tag.pages if page.article.printed.date], order)
    undated = [page for page in tag.pages if not page.article.printed.date]  # the seeds' order
    # Made again only when one of its articles changes, or which articles it lists and in what order.
    return derived(tuple(page.article for page in tag.pages),
                   ("tag pages", tag.name, tag.group, tag.slug, tag.pattern.pattern if tag.pattern else None,
                    page_size, tuple(page.slug for page in dated), tuple(page.slug for page in undated)),
                   lambda: listing_pages(tag, dated, undated, page_size, derived))


def listing_pages(tag: Tag, dated: list[ArticlePage], undated: list[ArticlePage], page_size: int,
                  derived: Derived) -> list[SitePage]:
    """tag_pages's pages, from its dated articles newest first and its undated ones."""
    first = tag_path(tag.slug)
    runs = later_runs(dated, undated, page_size) if len(dated) + len(undated) > page_size else []
    labels = run_labels([(name, date_range(run[-1].article.printed.date, run[0].article.printed.date))
                         for name, run in runs])
    paths = [tag_path(tag.slug, name) for name, _ in runs]
    newest = (dated + undated)[:page_size]
    later = "全部文章按刊登日期分页，新的在前：" + " · ".join(
        f"[{escape_text(label)}]({link(first, path)})" for label, path in zip(labels, paths, strict=True))
    about = f"共{len(tag.pages)}篇文章" + (f"，本页是最新的{len(newest)}篇" if runs else "")
    pages = [listing_page(tag, first, "标签：" + tag.name, about, newest, later + "\n{: .pager }" if runs else "",
                          derived)]
    for n, (path, label, (_, run)) in enumerate(zip(paths, labels, runs, strict=True)):
        newer, older = paths[n - 1] if n else None, paths[n + 1] if n + 1 < len(paths) else None
        pages.append(listing_page(tag, path, f"标签：{tag.name}（{label}）", f"本页{len(run)}篇，新的在前", run,
                                  neighbour_pager(path, first, newer, older), derived))
    return pages


def listing_page(tag: Tag, here: str, title: str, about: str, run: Sequence[ArticlePage], to_pages: str,
                 derived: Derived) -> SitePage:
    """One page of a tag's listing: its heading, the articles, the links to its other pages, the quotes. Made
    again only when one of its articles changes or what the page says around them (`derived`): an edit
    makes a tag's first page and the later page holding the article again, not the tag's every page."""
    return derived(tuple(page.article for page in run),
                   ("tag page", tag.name, tag.group, tag.pattern.pattern if tag.compared() else None, here, title,
                    about, to_pages, tuple(shown(page) for page in run)),
                   lambda: made_listing_page(tag, here, title, about, run, to_pages, derived))


def made_listing_page(tag: Tag, here: str, title: str, about: str, run: Sequence[ArticlePage], to_pages: str,
                      derived: Derived) -> SitePage:
    """listing_page's page."""
    # An author's name is seed text. The page repeats sentences of the articles: search finds the articles.
    front = dump_front_matter({"title": html_text(title), "search": {"exclude": True}})
    parts = [f"{front}\n# {escape_text(title)}", f"{escape_text(tag.group)}　{about}",
             "\n".join(listing_item(page, here) for page in run)]
    if to_pages:
        parts.append(to_pages)
    if tag.compared():
        parts += [f"## 各篇怎么说 {{ #{COMPARE_ANCHOR} }}", quotes(tag, run, here, derived)]
        if to_pages:
            parts.append(to_pages)
    parts.append(f"[全部标签]({link(here, TAG_INDEX)})　[术语对照]({link(here, TERMS)})")
    return SitePage(here, "\n\n".join(parts) + "\n", title)


def tag_page_paths(pages: Sequence[ArticlePage], tags: dict[str, Tag]) -> dict[str, list[str]]:
    """For each article's path, the page of each of its tags (the first), in the order of its tags (its
    front matter's): where its tag chips link."""
    return {article_path(page.slug): [tag_path(tags[name].slug) for name in page.tags] for page in pages}
