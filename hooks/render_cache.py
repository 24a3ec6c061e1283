"""Pages rendered from Markdown by an earlier build, kept by content (MkDocs' Page objects; no text work).

Python-Markdown is most of a build (about 7 ms an article page, much more for a tag page), and most
pages come out the same from one build to the next: under `mkdocs serve` an edited seed changes its
own articles, their tag pages and the related lists that name them, not the other thousand pages.
A page whose Markdown (as the plugins leave it), address and site are what an earlier build rendered
gets that build's HTML and table of contents instead of being converted again. The key holds
everything the conversion reads: the Markdown, the page's path, the Markdown extensions and their
options, the library versions, the site's URL settings and whether each page it links to exists (a link
to a page is rewritten to its URL, one to a missing page left as it is), so a page is never served stale,
and adding an article does not render every other page again. What comes after the conversion (the
hook's HTML work, the context, the theme's templates) is skipped for a page whose whole HTML an earlier
build wrote (output_cache); such a page is still looked up here, for the anchors other pages link to.

Kept in `<dir>/<key>` files for the next build, and in memory for the next build of the same process
under `mkdocs serve` (without --dirty: there every page is rendered again); the entries the current build
did not use are dropped when it ends. Elsewhere a build holds no page's HTML for the cache: it is let go
with the page once written (mkdocs#1960).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import logging
import os
import pickle
import posixpath
import re
import zlib
from collections.abc import Container
from importlib.metadata import version
from pathlib import Path

LIBRARIES = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")


# A page the Markdown names: an inline link's or a reference's target, or an HTML href (MkDocs rewrites a link
# to a page of the site to its URL, and leaves one to a missing page as it is, with a warning). Broad on
# purpose: a path named that is no link only adds to a key. A name is a run of path characters ending in
# ".md" before one of `#)"'>`, a space or the end. Searched in the Markdown reversed, where it starts with
# the literal "dm." (found fast) and its run is matched greedily: forwards, every position of a long run of
# Chinese was tried (1.0 s of a warm build at N = 1000; reversed 0.4 s, the same names).
_PAGE_NAMED_REVERSED = re.compile(r"""dm\.([^\s()<>"'\[\]]+)""")
_AFTER_NAME = frozenset("#)\"'>")


def pages_named(markdown: str) -> list[str]:
    """The paths the Markdown names (see above), as written."""
    reversed_text = markdown[::-1]
    return [found.group(1)[::-1] + ".md" for found in _PAGE_NAMED_REVERSED.finditer(reversed_text)
            if found.start() == 0 or reversed_text[found.start() - 1] in _AFTER_NAME
            or reversed_text[found.start() - 1].isspace()]


def linked_pages(uri: str, markdown: str, known: dict[str, tuple[int, tuple[str, ...]]]) -> tuple[str, ...]:
    """The source paths of the pages the page's Markdown names (kept in `known` by its Markdown: found again
    only for a page whose Markdown changed). Whether each exists is part of what its HTML is made of."""
    key = hash(markdown)
    if uri not in known or known[uri][0] != key:
        folder = posixpath.dirname(uri)
        known[uri] = key, tuple(sorted({posixpath.normpath(posixpath.join(folder, target))
                                        for target in pages_named(markdown)}))
    return known[uri][1]


# A render: its HTML, table of contents and anchor ids; its links to other pages' anchors (target's src_uri,
# (anchor, link) pairs), which MkDocs checks after every page is rendered; the warnings MkDocs logged while
# converting it (logger name, level, message).
Entry = tuple[str, object, frozenset[str], tuple[tuple[str, tuple[tuple[str, str], ...]], ...],
              tuple[tuple[str, int, str], ...]]
ENTRY_LENGTH = 5


class HeardWarnings(logging.Handler):
    """The warnings MkDocs logs while a page is converted (a link to a missing page, to a missing anchor of
    its own): kept with the render and logged again whenever it is reused, so a build from the cache warns,
    and fails under --strict, as the build that rendered the page did."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.heard: list[tuple[str, int, str]] | None = None  # while a page is being converted

    def emit(self, record: logging.LogRecord) -> None:
        if self.heard is not None:
            self.heard.append((record.name, record.levelno, record.getMessage()))


class RenderCache:
    """The rendered pages kept between builds: in memory for the next build of the same process, and in
    files for the next process. Each build reads and fills it through its own RenderSession."""

    def __init__(self, directory: Path | None, in_memory: bool = False) -> None:
        self.directory = directory
        self.in_memory = in_memory  # keep the HTML of the pages a build used for the next (not only the files)
        self.links: dict[str, tuple[int, tuple[str, ...]]] = {}  # src_uri -> the pages it names (linked_pages)
        self.entries: dict[str, Entry] = {}  # key -> (HTML, TableOfContents, anchor ids)

    def session(self, config, page_paths: list[str]) -> RenderSession:
        """One build's use of the cache: its site key from the config and the list of every page."""
        digest = hashlib.sha256()
        for library in LIBRARIES:
            digest.update(f"{library}={version(library)}\n".encode())
        for key in ("markdown_extensions", "mdx_configs", "use_directory_urls", "site_url", "docs_dir",
                    "validation"):
            # Options may hold functions (toc's slugify): their repr carries an address that changes per run.
            digest.update(re.sub(r" at 0x[0-9a-f]+", "", f"{key}={config[key]!r}\n").encode())
        return RenderSession(self, digest.hexdigest(), set(page_paths))

    def keep(self, used: dict[str, Entry | None], drop: bool = True) -> None:
        """Keep what a build used, on disk and (`in_memory`) in memory; drop the rest unless `drop` is false (a
        dirty build does not look up the pages it skips, which are still the site's)."""
        if self.in_memory:
            self.entries = used if drop else {**self.entries, **used}
        if drop and self.directory is not None:
            drop_entries(self.directory, used)

    def stored(self) -> set[str]:
        """The keys of every render kept, in memory or on disk."""
        on_disk = set(os.listdir(self.directory)) if self.directory is not None and self.directory.is_dir() else set()
        return on_disk | self.entries.keys()

    def read(self, key: str) -> Entry | None:
        entry = self.entries.get(key)
        if entry is not None or self.directory is None:
            return entry
        try:
            entry = pickle.loads(zlib.decompress((self.directory / key).read_bytes()))
        except Exception:  # noqa: BLE001 - a missing or damaged entry is a miss
            return None
        return entry if isinstance(entry, tuple) and len(entry) == ENTRY_LENGTH else None  # (an older form: a miss)

    def write(self, key: str, entry: Entry) -> None:
        if self.directory is not None:
            write_entry(self.directory, key, zlib.compress(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL), 1))


def write_entry(directory: Path, name: str, data: bytes) -> None:
    """`data` as `<directory>/<name>` (the render cache's and output_cache's entries), via a temporary file
    renamed: a parallel build never reads half an entry. A read-only or full disk only costs time."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        tmp = directory / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        tmp.replace(directory / name)
    except OSError:
        pass


def drop_entries(directory: Path, kept: Container[str]) -> None:
    """Remove every entry of `directory` whose name is not in `kept` (what a build did not use)."""
    if directory.is_dir():
        for name in os.listdir(directory):
            if name not in kept:
                (directory / name).unlink(missing_ok=True)


def _rendered_before(page, config, files) -> None:
    """A hit's Page.render: its HTML is supplied in on_page_content (RenderSession.content)."""
    page.content = ""


class RenderSession:
    """One build's look-ups in the RenderCache, and what it rendered."""

    def __init__(self, cache: RenderCache, site: str, pages: set[str]) -> None:
        self.cache = cache
        self.site = site  # everything of the build the conversion reads, but the page (RenderCache.session)
        self.pages = pages  # every page's source path: whether a page linked to exists
        # src_uri -> the pages its Markdown names, when found already this build (page_digest.page_digests,
        # from the Markdown with its front matter: a superset, as broad as linked_pages is anyway)
        self.named: dict[str, tuple[str, ...]] = {}
        self.used: dict[str, Entry | None] = {}  # key -> its entry (None: not kept in memory)
        # Between a page's on_page_markdown and its on_page_content (MkDocs renders it in between), by its
        # source path, which is one page's in a build.
        self.waiting: dict[str, str] = {}  # src_uri -> key of a page being rendered (a miss)
        self.found: dict[str, Entry] = {}  # src_uri -> the entry to use (a hit)
        self.keys: dict[str, str] = {}  # src_uri -> its key, hit or miss (site_folder records it)
        self.hits = self.misses = 0
        self.warnings = HeardWarnings()
        logging.getLogger("mkdocs").addHandler(self.warnings)  # MkDocs' loggers, whose warnings --strict counts

    def key(self, markdown: str, page) -> str:
        uri = page.file.src_uri
        named = self.named.get(uri)
        if named is None:
            named = linked_pages(uri, markdown, self.cache.links)
        targets = "".join(f"\0{t} {t in self.pages}" for t in named)
        return hashlib.sha256(f"{self.site}\n{uri}\n{markdown}\n{targets}".encode()).hexdigest()

    def look_up(self, markdown: str, page) -> bool:
        """True when this page was rendered before from this Markdown: on_page_content then supplies it."""
        if not page.meta.get("title"):  # its title would come from the render
            return False
        key = self.keys[page.file.src_uri] = self.key(markdown, page)
        entry = self.cache.read(key)
        if entry is None:
            self.waiting[page.file.src_uri] = key
            self.misses += 1
            self.warnings.heard = []
            return False
        self.found[page.file.src_uri] = entry
        self.used[key] = entry if self.cache.in_memory else None
        self.hits += 1
        # MkDocs calls page.render(config, files) next: for a hit it need not even set up Python-Markdown (a
        # parser and its extensions for every page: 1.7 s of a warm build at N = 1000). `content` fills in
        # everything else a render sets.
        page.render = functools.partial(_rendered_before, page)
        return True

    def content(self, html: str, page, files) -> str:
        """The page's HTML: the cached one for a hit (with its table of contents, its anchors, its links to
        anchors and its warnings: MkDocs checks and counts them as for a page rendered now), else `html`, kept."""
        entry = self.found.pop(page.file.src_uri, None)
        if entry is not None:
            html, toc, anchors, links, warnings = entry
            page.toc = copy.deepcopy(toc)  # a copy each build: see below
            # Its anchors, as MkDocs found them rendering it: a page rendered now that links to one of them is
            # checked against these (MkDocs' anchor validation), not against the empty page rendered instead.
            page.present_anchor_ids = set(anchors)
            page.links_to_anchors = {found: dict(pairs) for uri, pairs in links
                                     if (found := files.get_file_from_path(uri)) is not None} or None
            for name, level, message in warnings:
                logging.getLogger(name).log(level, message)
            return html
        key = self.waiting.pop(page.file.src_uri, None)
        if key is not None:
            # The table of contents as rendered, not the page's own: a plugin may change that in place later in
            # the build (Material's tags plugin did, filling its listings), and a later build under `mkdocs
            # serve` must get the page as Markdown made it.
            links = tuple((target.src_uri, tuple(pairs.items()))
                          for target, pairs in (page.links_to_anchors or {}).items())
            entry = (html, copy.deepcopy(page.toc), frozenset(page.present_anchor_ids or ()), links,
                     tuple(self.warnings.heard or ()))
            self.warnings.heard = None
            self.cache.write(key, entry)
            self.used[key] = entry if self.cache.in_memory else None
        return html

    def end(self, drop: bool = True) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        self.cache.keep(self.used, drop)
