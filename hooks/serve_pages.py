"""`mkdocs serve --dirty` (`make serve`): after an edit, only the pages whose HTML can differ are built again.

MkDocs' dirty build skips a page when its source file is older than its HTML (File.is_modified); a page
held in memory (File.generated with content) is never skipped. Under a dirty serve every generated page
is therefore backed by a file, .cache/serve-pages/<src_uri>, holding its Markdown, and that file is
written again only when the page's digest changes. The digest holds everything its HTML is made of
(`page_digests`): its Markdown, and whether each page it links to exists; the site (templates, CSS,
JavaScript, the hook's code, mkdocs.yml, data/, the served address), so that any change outside the seeds
builds every page again; its tree's drawer (the titles of the top pages and the cities' pages); an
article's 继续阅读 neighbours and tag chips; a 原文对照 page's table and doubts.

The first build of a serve session writes every file (serve builds into a new temporary site folder:
no HTML exists yet, so every page is built), `mkdocs build` never uses these files, and pages of a
deleted seed are removed from the served folder after the build (`remove_gone`): MkDocs' dirty build
does not clean. A skipped page is not read by MkDocs (mkdocs#4047: no title, no meta): it gets the front
matter it was built with (`restore_meta`), and the drawer's and 继续阅读's pages are read when they are
looked up before that (build_state.Build.page).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from render_cache import linked_pages
from seedtext.layout import ARTICLE_DIR, FOLDER_SITEMAP, NAV_PAGES, RAW_DIR, in_tree, section
from seedtext.site import city_pages

log = get_plugin_logger("seeds")

SOURCE_DIR = "serve-pages"  # under .cache/
# What the site's digest reads besides mkdocs.yml (relative to the project): every template, style,
# script and hand-written page, the hook's code and the site's data.
SITE_DIRS = ("overrides", "docs", "hooks", "data")
LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions")


class ServedPages:
    """What a dirty serve keeps between its builds (one process): each generated page's digest and the
    HTML files the last build's pages were written to."""

    def __init__(self) -> None:
        self.digests: dict[str, str] = {}  # src_uri -> digest of everything its HTML is made of
        self.written: set[str] = set()  # abs_dest_path of every generated page of the last build
        self.meta: dict[str, dict] = {}  # src_uri -> its front matter as MkDocs last read it
        self.links: dict[str, tuple[int, tuple[str, ...]]] = {}  # src_uri -> (hash of its Markdown, pages it links)
        self.site = ""  # the site's digest (site_digest) at the last build
        self.sitemaps: dict[Path, tuple] = {}  # folder sitemap -> the URLs it lists (sitemaps.py), this site's

    def restore_meta(self, build, config) -> None:
        """Give each page this build skipped the front matter it was built with (its digest holds it): its
        title in the drawer and 继续阅读, its robots in the sitemaps (mkdocs#4047: a skipped page is not read)."""
        kept = {}
        for files in build.variant_files.values():
            for f in files:
                if f.page.markdown is None and f.src_uri in self.meta:
                    f.page.meta = self.meta[f.src_uri]
                elif f.page.markdown is None:
                    f.page.read_source(config)
                kept[f.src_uri] = f.page.meta
        self.meta = kept

    def sync(self, build, config) -> int:
        """Write the source file of every generated page whose digest changed (all at the first build);
        remove the files of pages gone. Returns how many pages MkDocs will build again."""
        directory = source_dir(build)
        if not self.digests:  # the first build: files left by another session may be of other content
            shutil.rmtree(directory, ignore_errors=True)
        site = site_digest(build.project, config)
        if site != self.site:  # a template, the address ...: every sitemap is written again too
            self.site, self.sitemaps = site, {}
        digests = page_digests(build, site, self.links)
        changed = 0
        for uri, digest in digests.items():
            if self.digests.get(uri) != digest:
                path = directory / uri
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(build.markdown[uri], encoding="utf-8")  # a new mtime: MkDocs builds it again
                changed += 1
        for uri in self.digests.keys() - digests.keys():
            (directory / uri).unlink(missing_ok=True)
        self.digests = digests
        return changed

    def remove_gone(self, build) -> int:
        """Delete the HTML of the pages the last build had and this one has not (a deleted seed's): under a
        dirty build MkDocs leaves them in the site folder. Returns how many."""
        written = {f.abs_dest_path for files in build.variant_files.values() for f in files}
        gone = self.written - written
        for path in gone:
            Path(path).unlink(missing_ok=True)
            folder = Path(path).parent
            (folder / FOLDER_SITEMAP).unlink(missing_ok=True)  # written again after this if a page is left there
            while folder.is_dir() and not any(folder.iterdir()):  # a page's folder, and its section's if emptied
                folder.rmdir()
                folder = folder.parent
        self.written = written
        return len(gone)


def source_dir(build) -> Path:
    return build.cache.directory / SOURCE_DIR


def source_path(build, uri: str) -> str:
    """The file a page's Markdown is read from under a dirty serve."""
    return os.fspath(source_dir(build) / uri)


def front_matter(markdown: str) -> str:
    """The page's YAML front matter (title, city, tags, printed): what another page shows of it."""
    if not markdown.startswith("---\n"):
        return ""
    end = markdown.find("\n---\n", 3)
    return markdown[:end + 5] if end >= 0 else markdown


def site_digest(project: Path, config) -> str:
    """Everything every page's HTML depends on besides its own content: see the module's docstring."""
    digest = hashlib.sha256()
    for library in LIBRARIES:
        digest.update(f"{library}={version(library)}\n".encode())
    digest.update(f"{config.site_url}\n{config.use_directory_urls}\n".encode())
    digest.update(Path(config.config_file_path).read_bytes())
    for name in SITE_DIRS:
        for path in sorted((project / name).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"\0{path.relative_to(project).as_posix()}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def page_digests(build, site: str, links: dict[str, tuple[int, tuple[str, ...]]]) -> dict[str, str]:
    """Each generated page's digest (src_uri -> hex): what its HTML is made of, `site` (site_digest) with
    the rest. Also whether each page its Markdown links to exists: the link's HTML depends on it (a seed
    deleted, or added back)."""
    pages = {f.src_uri for f in build.files.documentation_pages()}
    digests = {}
    for variant in build.variants:
        markdown = {page.uri: build.markdown[in_tree(variant, page.uri)] for page in build.site.pages}

        def shown(uri: str | None, markdown=markdown) -> str:
            return f"{uri}\0{front_matter(markdown.get(uri, '')) if uri else ''}\0"

        top = "".join(map(shown, NAV_PAGES))
        drawer = top + "".join(map(shown, city_pages(build.site)))  # the articles' drawer: the top pages only
        for page in build.site.pages:
            uri = in_tree(variant, page.uri)
            shows = top if section(uri) in (ARTICLE_DIR, RAW_DIR) else drawer  # as site_files.variant_navs
            digest = hashlib.sha256(f"{site}\0{variant.root}\0{shows}\0".encode())
            digest.update(markdown[page.uri].encode())
            digest.update("".join(f"\0{target} {target in pages}" for target in
                                  linked_pages(uri, markdown[page.uri], links)).encode())
            if page.source:  # an article: its neighbours' titles and cities, its chips' links
                digest.update("".join(map(shown, build.reading.get(page.uri, ()))).encode())
                digest.update(repr(build.tag_pages.get(page.uri, [])).encode())
            if uri in build.raw_tables:  # a 原文对照 page: its table and marked doubts
                site_page, _, doubts = build.raw_tables[uri]  # (the variant's repr holds object addresses)
                digest.update(f"{site_page.table.digest if site_page.table else ''}\0{doubts!r}".encode())
            digests[uri] = digest.hexdigest()
    return digests


class SearchRuns:
    """Under `mkdocs serve`: the search index written by one background thread after the build, so the
    browser is told to reload (MkDocs' livereload, when the builder returns) without waiting for Pagefind.
    A run asked for while one is going waits for it (they would share the site folder); of several
    waiting, only the last runs."""

    def __init__(self) -> None:
        self._wanted: Callable[[], int] | None = None
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None

    def request(self, run: Callable[[], int]) -> None:
        with self._condition:
            self._wanted = run
            self._condition.notify()
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="search-index", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._wanted is not None)
                run, self._wanted = self._wanted, None
            start = time.perf_counter()
            try:
                indexed = run()
            except Exception as exc:  # noqa: BLE001 - e.g. serve stopping and removing its site folder
                log.warning(f"search index not written: {exc}")
                continue
            log.info(f"Search index updated: {indexed} part(s) indexed in {time.perf_counter() - start:.1f} s")
