"""Article URLs that last: each article keeps the URL it was first published at, recorded in
data/published-urls.yml (`URLS_FILE`, under version control), so a changed title, city or cleaner, or a
fresh clone, publishes it at the same place.

An article is named in the file by its seed file and its number in that file (1, 2 … as the overrides'
`articles:` number them): what an editor sees in seeds/ and in the overrides, and what re-cleaning leaves
alone (the title, the city, the text, the line an article starts at may all change; the file and the order
of its articles do not). The hook checks the file (hooks/options.py `published_urls`) and records the new
entries a build makes (hooks/url_records.py); this module knows the seeds: which article has which URL
(`assign_urls`) and the file's text with new entries added (`recorded_text`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml

from .model import Article
from .seed import CleanedSeed
from .slug import article_slug

URLS_FILE = Path("data", "published-urls.yml")  # from the project folder (beside mkdocs.yml)

# The head of the file when a build writes it first (or whole): what it is and what the editor does with it.
HEADER = """\
# Every article's URL, recorded the first time a build published it, so that it lasts: a changed title,
# city or cleaner, and a fresh clone, publish the article at the same URL (README, "Article URLs").
#
# For each seed file in seeds/, each article's number in it (1, 2 … in the order the file holds them, as
# seeds/overrides/ number them under `articles:`) and its URL name: <root>/articles/<name>/ in every script.
# `mkdocs build` adds a new article's entry (its title then as a comment) and says so: commit this file with
# the seed. Do not change a name once it is published: readers' links and search engines point at it.

"""


@dataclass(frozen=True, kw_only=True, order=True)
class ArticleKey:
    """An article as data/published-urls.yml names it: its seed file and its number in it."""

    seed: str  # the seed's file name: 002_0d1112e8809bcfdf.txt
    number: int  # 1, 2 … in the order the seed holds its articles

    def __str__(self) -> str:
        return f"{self.seed} → {self.number}"


@dataclass(frozen=True, kw_only=True)
class PublishedUrls:
    """data/published-urls.yml, checked (hooks/options.py `published_urls`)."""

    slugs: Mapping[ArticleKey, str] = field(default_factory=lambda: MappingProxyType({}))  # the URL name of each
    problems: tuple[str, ...] = ()  # the file's entries left out (warnings); while any, nothing is written to it

    @property
    def writable(self) -> bool:
        """Can a build add entries to the file? Not while it has a problem: an entry the check left out (a
        name that is no URL name, a file that is no YAML) would be written over or doubled."""
        return not self.problems


NOTHING_PUBLISHED = PublishedUrls()  # a site none of whose articles has a URL yet (a file outside seeds/)


@dataclass(frozen=True, kw_only=True)
class NewUrl:
    """An article data/published-urls.yml does not name yet, with the URL this build gives it."""

    key: ArticleKey
    slug: str
    title: str  # written beside the entry, so the editor sees which article the number is


@dataclass(frozen=True, kw_only=True)
class SiteUrls:
    """Every article's URL name on this build (`assign_urls`)."""

    pages: tuple[tuple[str, Article], ...]  # every article with its URL name, in seed order
    new: tuple[NewUrl, ...] = ()  # the articles the file does not name: to record
    problems: tuple[str, ...] = ()  # the file's entries no article has, or two articles claim (warnings)


def assign_urls(seeds: Sequence[CleanedSeed], published: PublishedUrls) -> SiteUrls:
    """Every article's URL name: the one data/published-urls.yml records for it, else a new one (its city and
    title in pinyin, seedtext.slug; -2, -3 … when taken). The recorded names are claimed first, in seed order,
    so a new article never takes a published URL; when two entries claim one name, the second article gets a
    new one (and a warning names both keys). An entry naming no article is a warning and is left alone; one of
    a seed that cannot be read now keeps its name for it (the seed's own warning says what is wrong)."""
    articles = [(ArticleKey(seed=seed.source, number=n), article)
                for seed in seeds for n, article in enumerate(seed.articles, 1)]
    known = {key for key, _ in articles}
    unreadable = {seed.source for seed in seeds if seed.error}
    claimed: dict[str, ArticleKey] = {}  # URL name -> the article that has it
    problems = []
    for key, slug in sorted(published.slugs.items()):
        if key not in known and key.seed not in unreadable:
            problems.append(f"{URLS_FILE.as_posix()}: {key}: {no_article(key, seeds)}; its entry is not used: "
                            "correct the key, or remove the entry if the article is gone")
        elif slug in claimed:
            problems.append(f"{URLS_FILE.as_posix()}: {claimed[slug]} and {key} both claim the URL name {slug!r}; "
                            f"{key} is published at a new URL until one of the two entries is changed")
        else:
            claimed[slug] = key
    slug_of = {key: slug for slug, key in claimed.items()}
    pages, new = [], []
    for key, article in articles:
        slug = slug_of.get(key)
        if slug is None:
            slug = unclaimed(article_slug(article.city, article.title), claimed)
            claimed[slug] = key
            if key not in published.slugs:
                new.append(NewUrl(key=key, slug=slug, title=article.title))
        pages.append((slug, article))
    return SiteUrls(pages=tuple(pages), new=tuple(new), problems=tuple(problems))


def no_article(key: ArticleKey, seeds: Iterable[CleanedSeed]) -> str:
    """Why an entry names no article: no such seed, or not that many articles in it."""
    seed = next((seed for seed in seeds if seed.source == key.seed), None)
    if seed is None:
        return f"no seed seeds/{key.seed}"
    return f"seeds/{key.seed} holds {len(seed.articles)} article(s), not {key.number}"


def unclaimed(slug: str, claimed: Mapping[str, object]) -> str:
    """`slug`, or the first of slug-2, slug-3 … no article has."""
    n = 1
    candidate = slug
    while candidate in claimed:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def recorded_text(text: str | None, recorded: Mapping[ArticleKey, str], new: Sequence[NewUrl]) -> str:
    """data/published-urls.yml (`text`, None when there is none yet, holding `recorded`) with the `new`
    entries added: each after its seed's last entry, a new seed's at the end, the rest of the file as it was
    (the editor's comments kept). Written whole, in seed order, when its layout takes no insertion (a seed's
    articles in flow style, {1: …}): what it records is checked by reading it back."""
    expected = {**recorded, **{url.key: url.slug for url in new}}
    try:
        inserted = with_entries(text or HEADER, new)
        if entries_of(yaml.safe_load(inserted)) == expected:
            return inserted
    except yaml.YAMLError:
        pass
    titles = {url.key: url.title for url in new}
    return HEADER + "".join(seed_block(seed, [(key, expected[key], titles.get(key, "")) for key in keys])
                            for seed, keys in by_seed(expected).items())


def with_entries(text: str, new: Sequence[NewUrl]) -> str:
    """`text` with a line for each of `new` inserted under its seed's block, or a block appended for it."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    after: dict[str, tuple[int, int]] = {}  # seed -> (the line after its last entry, the entries' indent)
    root = yaml.compose(text)
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if isinstance(value_node, yaml.MappingNode) and not value_node.flow_style and value_node.value:
                first_key, last_value = value_node.value[0][0], value_node.value[-1][1]
                after[str(key_node.value)] = (last_value.end_mark.line + 1, first_key.start_mark.column)
    inserted: dict[int, list[str]] = {}
    appended: list[str] = []
    titles, slugs = {url.key: url.title for url in new}, {url.key: url.slug for url in new}
    for seed, keys in by_seed(slugs).items():
        if seed in after:
            line, indent = after[seed]
            inserted.setdefault(line, []).extend(entry_line(key, slugs[key], titles[key], indent) for key in keys)
        else:
            appended.append(seed_block(seed, [(key, slugs[key], titles[key]) for key in keys]))
    out = []
    for n, line in enumerate(lines):
        out += inserted.pop(n, [])
        out.append(line)
    for rest in inserted.values():  # after the file's last line
        out += rest
    return "".join(out + appended)


def by_seed(slugs: Mapping[ArticleKey, str]) -> dict[str, list[ArticleKey]]:
    """The keys of `slugs` by seed, both in order."""
    seeds: dict[str, list[ArticleKey]] = {}
    for key in sorted(slugs):
        seeds.setdefault(key.seed, []).append(key)
    return seeds


def seed_block(seed: str, entries: Sequence[tuple[ArticleKey, str, str]]) -> str:
    """A seed's entries as the file writes them: its name, then one indented line per article."""
    return f"{yaml_key(seed)}:\n" + "".join(entry_line(key, slug, title, 2) for key, slug, title in entries)


def entry_line(key: ArticleKey, slug: str, title: str, indent: int) -> str:
    comment = f"  # {title}" if title else ""
    return f"{' ' * indent}{key.number}: {slug}{comment}\n"


def yaml_key(seed: str) -> str:
    """A seed's name as a YAML key: as it is when YAML reads it back so, else quoted."""
    try:
        if yaml.safe_load(f"{seed}: x") == {seed: "x"}:
            return seed
    except yaml.YAMLError:
        pass
    return json.dumps(seed, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def entries_of(data: object) -> dict[ArticleKey, str] | None:
    """The entries a file's YAML holds, read without checking (`recorded_text` compares them)."""
    if not isinstance(data, dict) or not all(isinstance(articles, dict) for articles in data.values()):
        return None
    return {ArticleKey(seed=seed, number=number): slug for seed, articles in data.items()
            for number, slug in articles.items()}
