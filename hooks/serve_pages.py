"""`mkdocs serve --dirty` (`make serve`): after an edit, only the pages whose HTML can differ are built again.

MkDocs' dirty build skips a page when its source file is older than its HTML (File.is_modified); a page
held in memory (File.generated with content) is never skipped. Under a dirty serve every generated page
is therefore backed by a file, .cache/serve-pages/<src_uri>, holding its Markdown, and that file is
written again only when the page's digest (page_digest: everything its HTML is made of) changes.

The first build of a serve session writes every file (serve builds into a new temporary site folder:
no HTML exists yet, so every page is built), `mkdocs build` never uses these files, and pages of a
deleted seed are removed from the served folder after the build (`remove_gone`): MkDocs' dirty build
does not clean. A skipped page is not read by MkDocs (mkdocs#4047: no title, no meta): it gets the front
matter it was built with (`restore_meta`), and the drawer's and 继续阅读's pages are read when they are
looked up before that (build_state.Build.page).
"""

from __future__ import annotations

import gc
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from seedtext.cleaning.headings import load_dictionary
from seedtext.layout import FOLDER_SITEMAP
from seedtext.review import load_word_cutter
from site_folder import leave_out, nav_pages, remove_if_empty

log = get_plugin_logger("seeds")

SOURCE_DIR = "serve-pages"  # under .cache/


class ServedPages:
    """What a dirty serve keeps between its builds (one process): each generated page's digest and the
    HTML files the last build's pages were written to."""

    def __init__(self) -> None:
        self.digests: dict[str, str] = {}  # src_uri -> digest of everything its HTML is made of
        self.written: set[str] = set()  # abs_dest_path of every generated page of the last build
        self.meta: dict[str, dict] = {}  # src_uri -> its front matter as MkDocs last read it
        self.site = ""  # the site's digest (site_digest) at the last build
        self.sitemaps: dict[Path, tuple] = {}  # folder sitemap -> the URLs it lists (sitemaps.py), this site's
        self.unchanged: set[str] = set()  # this build's pages whose digest is the last build's (sync)

    def restore_meta(self, build, config) -> None:
        """Give each page this build skipped the front matter it was built with (its digest holds it): its
        title in the drawer and 继续阅读, its robots in the sitemaps (mkdocs#4047: a skipped page is not read)."""
        kept = {}
        for files in build.variant_files.values():
            for f in files:
                if f.page is None:  # left out of this build (leave_unchanged): as it was
                    if f.src_uri in self.meta:
                        kept[f.src_uri] = self.meta[f.src_uri]
                    continue
                if f.page.markdown is None and f.src_uri in self.meta:
                    f.page.meta = self.meta[f.src_uri]
                elif f.page.markdown is None:
                    f.page.read_source(config)
                kept[f.src_uri] = f.page.meta
        self.meta = kept

    def sync(self, build, site: str, digests: dict[str, str]) -> int:
        """Write the source file of every generated page whose digest (page_digest.page_digests, made with
        `site`, the site's digest) changed (all at the first build); remove the files of pages gone.
        Returns how many pages MkDocs will build again."""
        directory = source_dir(build)
        if not self.digests:  # the first build: files left by another session may be of other content
            shutil.rmtree(directory, ignore_errors=True)
        if site != self.site:  # a template, the address ...: every sitemap is written again too
            self.site, self.sitemaps = site, {}
        changed = 0
        self.unchanged = set()
        for uri, digest in digests.items():
            if self.digests.get(uri) == digest:
                self.unchanged.add(uri)
            else:
                path = directory / uri
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(build.markdown[uri], encoding="utf-8")  # a new mtime: MkDocs builds it again
                changed += 1
        for uri in self.digests.keys() - digests.keys():
            (directory / uri).unlink(missing_ok=True)
        self.digests = digests
        return changed

    def leave_unchanged(self, build) -> int:
        """Leave out of MkDocs' build every page whose digest did not change and whose HTML file is there
        (site_folder.leave_out): MkDocs' dirty build would skip it, after making its Page object and
        checking its files (about 0.4 s of a rebuild at N = 1000). Returns how many."""
        nav = nav_pages(build)
        left = [f for files in build.variant_files.values() for f in files
                if f.src_uri in self.unchanged and f.src_uri not in nav and os.path.isfile(f.abs_dest_path)]
        leave_out(left)
        return len(left)

    def remove_gone(self, build) -> int:
        """Delete the HTML of the pages the last build had and this one has not (a deleted seed's): under a
        dirty build MkDocs leaves them in the site folder. Returns how many."""
        written = {f.abs_dest_path for files in build.variant_files.values() for f in files}
        gone = self.written - written
        for path in gone:
            Path(path).unlink(missing_ok=True)
            folder = Path(path).parent
            (folder / FOLDER_SITEMAP).unlink(missing_ok=True)  # written again after this if a page is left there
            remove_if_empty(folder, Path(build.config.site_dir))
        self.written = written
        return len(gone)


def source_dir(build) -> Path:
    return build.cache.directory / SOURCE_DIR


def source_path(build, uri: str) -> str:
    """The file a page's Markdown is read from under a dirty serve."""
    return os.fspath(source_dir(build) / uri)


SETTLE_SECONDS = 1.0  # from a build asking for the search index to the collection before it (SearchRuns)


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
        from build_state import return_free_memory  # build_state imports this module

        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._wanted is not None)
                run, self._wanted = self._wanted, None
            # While the editor reads, not when the next build starts: the last build's objects (MkDocs' files
            # and pages, which hold cycles) are collected (build_state.made_to_last: 0.8 s of a rebuild at
            # N = 1000) and their memory given back, before Pagefind runs beside this process. Not at once:
            # the build that asked returns first and the browser reloads its page (the collection holds the
            # interpreter while it runs).
            time.sleep(SETTLE_SECONDS)
            gc.collect()
            return_free_memory()
            start = time.perf_counter()  # the index's own time (bench/measure.py times the whole wait)
            try:
                indexed = run()
            except Exception as exc:  # noqa: BLE001 - e.g. serve stopping and removing its site folder
                log.warning(f"search index not written: {exc}")
                indexed = None
            # The first time, the cleaner's dictionary and the differences' word cutter are loaded (0.9 s and
            # 0.3–0.7 s of the first edit). Before the line below, which says this thread is done
            # (bench/measure.py waits for it).
            load_dictionary()
            load_word_cutter()
            if indexed is not None:
                log.info(f"Search index updated: {indexed} part(s) indexed in {time.perf_counter() - start:.1f} s")
