"""Where every page of the site lives: the one owner of the site's URL layout (no MkDocs import, so a
test checks it without a build).

Each script variant has its own tree under its root (`zh-hans/`, `zh-hant/`), the same pages at the same
paths in every tree: a page's twin in another script is the same path under the other root. Paths here
are Markdown source paths inside a tree (`articles/<slug>.md`); with MkDocs' directory URLs a page
`a/b.md` is served at `a/b/` and `index.md` at its folder.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from typing import Protocol

ARTICLE_DIR = "articles"  # every article: <root>/articles/<slug>/
RAW_DIR = "raw"  # its 原文对照 page beside it: <root>/raw/<slug>/
TAG_DIR = "tags"  # a page per tag, and the tag index
HOME = "index.md"  # the variant's home: each city's newest articles
TAG_INDEX = f"{TAG_DIR}/index.md"
TERMS = "terms.md"  # the terms' concordance
DATES = "dates.md"  # the months of the issues, each linking its page (month_path), and the undated pages
UNDATED = "dates/undated.md"  # the articles whose date is not known, by city (page 2 …: numbered_path)
ABOUT = "about.md"
NAV_PAGES = (HOME, DATES, TAG_INDEX, TERMS, ABOUT)  # the drawer's pages, in its order; no article is in a nav
# Hand-written pages in docs/ that are templates for every variant, not pages of the site themselves.
HOME_TEMPLATE, ABOUT_TEMPLATE = "home.md", "about.md"
SITE_ROOT = "index.md"  # outside every tree: the script chooser
# Each variant's sitemap of all its pages (<root>/sitemap-pages.xml). Not <root>/sitemap.xml: Material's
# client code fetches `sitemap.xml` beside every alternate link of a page, and that name stays a one-page
# sitemap of the page's folder, so a reader's phone never downloads the list of every page.
FULL_SITEMAP = "sitemap-pages.xml"
FOLDER_SITEMAP = "sitemap.xml"


class Script(Protocol):
    """What the layout needs of a script variant (seedtext.site.Variant)."""

    root: str
    name: str
    lang: str


def is_site_url(url: str) -> bool:
    """An address the site can be hosted at: http(s), ending in / (page URLs are appended to it)."""
    return re.match(r"https?://[^/]+/(.*/)?$", url) is not None


def article_path(slug: str) -> str:
    return f"{ARTICLE_DIR}/{slug}.md"


def article_url(slug: str) -> str:
    """An article's URL inside a tree, as MkDocs serves it with directory URLs (this site's: mkdocs.yml keeps
    the default), for the build's messages to the editor."""
    return page_url(article_path(slug))


def raw_path(slug: str) -> str:
    return f"{RAW_DIR}/{slug}.md"


def numbered_path(first: str, number: int) -> str:
    """Page `number` of a listing in pages whose first page is `first` (a.md): a/2.md, a/3.md … (served at
    a/2/ …, under the first page's URL)."""
    return first if number == 1 else f"{first.removesuffix('.md')}/{number}.md"


def tag_path(slug: str, later: str = "") -> str:
    """A tag's page: the first (its newest articles) at tags/<slug>.md, its later pages under it
    (tags/<slug>/3.md, tags/<slug>/undated-1.md: seedtext.tagpages.later_runs names them)."""
    return f"{TAG_DIR}/{slug}/{later}.md" if later else f"{TAG_DIR}/{slug}.md"


def month_path(date) -> str:
    """The dates page of a month (dates/2025-12/): every article printed in it, an anchor per day. A day's
    page depends on its date alone, so an article's date link never changes as articles are added."""
    return f"{DATES.removesuffix('.md')}/{date.year:04d}-{date.month:02d}.md"


def date_anchor(date) -> str:
    """A day's anchor on its month's page (d2025-12-30: an id starts with a letter)."""
    return f"d{date.isoformat()}"


def date_link(from_path: str, date) -> str:
    """A link from a page of the tree to the day on its month's page."""
    return f"{link(from_path, month_path(date))}#{date_anchor(date)}"


def page_url(path: str) -> str:
    """A page's URL inside its tree, from its source path, as MkDocs serves it with directory URLs (a/b.md at
    a/b/, a/index.md at a/)."""
    stem = path.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def link(from_path: str, to_path: str) -> str:
    """A Markdown link from one page of a tree to another, relative (MkDocs checks and rewrites it). Both are
    paths of the tree (no `.` or `..` in them): what posixpath.relpath gives, without its two calls of
    os.getcwd, which were a tenth of a rebuild at N = 1000 (about 180,000 links)."""
    here = posixpath.dirname(from_path)
    start, target = here.split("/") if here else [], to_path.split("/")
    common = 0
    while common < min(len(start), len(target)) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."


def in_tree(variant: Script, path: str) -> str:
    """A page's source path on the site: under its variant's root."""
    return f"{variant.root}/{path}"


def root_of(site_path: str) -> str:
    """The first folder of a path on the site (a source path, a URL or a pattern): a tree's root, if any."""
    return site_path.split("/", 1)[0]


def variant_of(site_path: str, variants: Sequence[Script]) -> Script | None:
    """The variant whose tree holds a page (a source path or a URL), None for the script chooser."""
    head = root_of(site_path)
    return next((v for v in variants if v.root == head), None)


def section(site_path: str) -> str:
    """The folder of a page inside its tree: articles, raw, tags … ("" for the tree's top pages)."""
    parts = site_path.split("/")
    return parts[1] if len(parts) > 2 else ""


def is_raw_page(site_path: str) -> bool:
    return section(site_path) == RAW_DIR


def twin_url(url: str) -> str:
    """A page's URL inside its tree: the same in every tree ("" for a tree's home and the chooser)."""
    return url.split("/", 1)[1] if "/" in url else ""


def raw_page_of(article: str) -> str:
    """An article's 原文对照 page: the same name in RAW_DIR (source paths and URLs alike)."""
    root, folder, rest = article.split("/", 2) if article.count("/") >= 2 else ("", *article.split("/", 1))
    if folder != ARTICLE_DIR:
        raise ValueError(f"{article} is not an article page")
    return "/".join(part for part in (root, RAW_DIR, rest) if part)


def relative_url(to_url: str, from_url: str) -> str:
    """A link from one page's URL to another's (directory URLs or not, as MkDocs' get_relative_url)."""
    from_dir = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    relative = posixpath.relpath(to_url or ".", from_dir or ".")
    return relative + "/" if to_url.endswith("/") and relative != "." else relative


def raw_page_url(article_url: str) -> str:
    """An article page's 原文对照 page, as a URL relative to the article's."""
    return relative_url(raw_page_of(article_url), article_url)


def base_url(url: str) -> str:
    """From a page to its tree's root ("<root>/a/b/" -> "../.."), for Material's client code, which finds
    the sitemap of the script switch from `base`."""
    return "/".join([".."] * (url.count("/") - 1)) or "."


def alternates(path_in_tree: str, variants: Sequence[Script], site_url: str | None) -> list[dict]:
    """The hreflang links of a page (base.html's <link rel="alternate">, the sitemaps' xhtml:link): the
    page in every variant, absolute, and x-default: the chooser. Search engines ignore relative ones."""
    links = [{"name": v.name, "link": f"{site_url or ''}{v.root}/{path_in_tree}", "lang": v.lang} for v in variants]
    if site_url:
        links.append({"name": "", "link": site_url, "lang": "x-default"})
    return links


def script_switch(url_in_tree: str, variants: Sequence[Script], current: Script | None) -> list[dict]:
    """overrides/partials/alternate.html: a link to the page's twin in every other variant, relative to
    `base` (the tree's root: base_url)."""
    return [{"name": v.name, "link": f"{v.root}/{url_in_tree}", "lang": v.lang} for v in variants
            if v is not current]


def folder_sitemaps(urls: Sequence[str]) -> dict[str, list[str]]:
    """The folder sitemap each page is listed in (FOLDER_SITEMAP, beside it): "a/b/" -> "a/b"."""
    folders: dict[str, list[str]] = {}
    for url in urls:
        folders.setdefault(url.rsplit("/", 1)[0], []).append(url)
    return folders
