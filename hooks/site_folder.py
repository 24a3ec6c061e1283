"""Pages already in the site folder as this build would write them: left there, out of MkDocs' build.

`mkdocs build` (and gh-deploy) empties the site folder and writes every page again. At N = 1000 most of a
warm build went to pages whose HTML was the last build's: emptying the folder (2.2 s), making a folder
and a file for each of 8,076 pages (6 s), reading each page's front matter and kept HTML.

A page's digest (page_digest) holds everything its HTML is made of, so a page whose digest is the one its
file was written with, and whose file is as that build left it (same size and modification time), is
already that page. Such a page is set to MkDocs' InclusionLevel.EXCLUDED: MkDocs neither reads nor writes
it, and still resolves a link to it (the INFO line MkDocs says about such a link is filtered here). Its
Page object is made only when something shows or lists it (build_state.Build.page_of), with the front
matter and anchors it was written with: the sitemaps list it, the pages beside it read its title, a link
to one of its anchors is checked (pages.on_env).

How, in the build's events:
- on_pre_build (`start`): the folder is renamed aside, so that MkDocs' emptying finds nothing;
- on_files (`put_back`, then `keep_in_place` once the digests are known): renamed back; the pages to
  leave are chosen;
- on_post_build (`sweep`, before the search index is written; `remember`): what this build neither wrote
  nor left is deleted (a deleted seed's pages, an earlier index); what each page's file holds is recorded
  in `.cache/site-folder/`.

The record is taken away when a build starts and written when it is done, and only when the build heard no
warning from MkDocs: a page left in place is not read, so a warning about it (a link to a missing anchor)
would not be said again; a build that warned is followed by a whole one. The navigation's pages are
always built (MkDocs makes the drawers from them). The folder sitemaps that would list the same URLs on
the same day are left too (sitemaps.write_variant_sitemaps). Under `mkdocs build --dirty` MkDocs does not
empty the folder: nothing is renamed. `mkdocs serve` keeps its own record in memory (serve_pages) and
leaves pages out the same way (`leave_out`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils import get_build_date

from render_cache import write_entry
from seedtext.layout import NAV_PAGES, in_tree
from seedtext.site import city_pages

log = get_plugin_logger("seeds")

RECORD_DIR = "site-folder"  # under .cache/: one record per site folder
_EXCLUDED_LINK = "which is excluded from the built site."  # the end of MkDocs' INFO line (structure/pages.py)


@dataclass(frozen=True)
class Written:
    """What a page's file in the site folder holds, as the build that wrote it left it."""

    digest: str  # the page's digest (page_digest): everything its HTML is made of
    mtime_ns: int  # the file's modification time and size: the file is as that build left it
    size: int
    meta: dict  # the page's front matter: its title for the pages beside it, its robots for the sitemaps
    anchors: frozenset[str] | None  # its anchors: another page's link to one is checked (MkDocs' validation)
    render_key: str | None  # its entry in the render cache (render_cache), kept while the page is


@dataclass(frozen=True)
class Record:
    """What a build left in its site folder (`.cache/site-folder/<folder>.pickle`)."""

    pages: dict[str, Written]  # src_uri -> what its file holds
    sitemaps: dict[Path, tuple]  # a sitemap -> the URLs it lists (sitemaps.write_variant_sitemaps)
    sitemaps_made_with: str  # the site's digest and the day (each URL's lastmod is the build's date)


class _MkDocsWarnings(logging.Handler):
    """Counts MkDocs' warnings during a build (not the hook's own about seeds, said again every build)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(log.name):
            self.count += 1


class _LinksToKeptPages(logging.Filter):
    """Drops MkDocs' INFO line for a link to a page left in place: the page is there, as it was."""

    def __init__(self) -> None:
        super().__init__()
        self.kept: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.endswith(_EXCLUDED_LINK):
            return True
        target = message.rsplit("'", 2)[-2] if message.count("'") >= 4 else ""
        return target not in self.kept


_LINKS = _LinksToKeptPages()
logging.getLogger("mkdocs.structure.pages").addFilter(_LINKS)


class SiteFolder:
    """One build's use of the pages already in its site folder (the module's docstring)."""

    def __init__(self, project: Path, site_dir: Path, set_aside: bool) -> None:
        self.site_dir = site_dir
        name = hashlib.sha256(os.fsencode(site_dir.resolve())).hexdigest()[:16]
        self.record = project / ".cache" / RECORD_DIR / f"{name}.pickle"
        self.aside = site_dir.with_name(f".{site_dir.name}.last-build")
        self.set_aside = set_aside  # the folder is renamed aside before MkDocs empties it (not under --dirty)
        self.start_ns = time.time_ns()  # a file older than this, neither written nor kept, is stale (`sweep`)
        self.last = Record({}, {}, "")  # the last build's record (its pages: what each file held after it)
        self.sitemaps: dict[Path, tuple] = {}  # the sitemaps and their URLs, for write_variant_sitemaps
        self.kept: dict[str, Written] = {}  # src_uri -> its record, for the pages left in place
        self.kept_files: set[str] = set()  # their files (abs_dest_path, normalised)
        self.restored = False  # the last build's folder is back: what this build does not write is swept
        self.warnings = _MkDocsWarnings()
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def start(self) -> None:
        """Read the record and take it away (written again when this build is done); rename the folder aside
        if there is a record of it."""
        if self.aside.exists():  # left by a build that stopped between start and put_back
            shutil.rmtree(self.aside, ignore_errors=True)
        try:
            before = pickle.loads(self.record.read_bytes())
            self.record.unlink()
        except FileNotFoundError:
            return
        except Exception as exc:  # noqa: BLE001 - a damaged record only costs a whole build
            log.debug(f"{self.record}: not read ({type(exc).__name__}); every page is built")
            self.record.unlink(missing_ok=True)
            return
        if not isinstance(before, Record) or not self.site_dir.is_dir():
            return
        self.last = before
        if self.set_aside:
            self.site_dir.rename(self.aside)

    def put_back(self) -> None:
        """After MkDocs emptied the site folder (there was nothing there): the last build's folder back."""
        if not self.aside.exists():
            return
        if self.site_dir.exists():  # made in between: start from it, without the last build's pages
            shutil.rmtree(self.aside, ignore_errors=True)
            self.last = Record({}, {}, "")
            return
        self.aside.rename(self.site_dir)
        self.restored = True

    def keep_in_place(self, build) -> int:
        """Set aside from MkDocs' build every generated page whose file holds its HTML already (the module's
        docstring); its output and render cache entries stay used. Returns how many."""
        if self.last.sitemaps_made_with == self._sitemaps_made_with(build):
            self.sitemaps = dict(self.last.sitemaps)
        if not self.last.pages:
            return 0
        nav = nav_pages(build)
        left = []
        for files in build.variant_files.values():
            for file in files:
                uri = file.src_uri
                written = self.last.pages.get(uri)
                if written is None or uri in nav or build.digests.get(uri) != written.digest:
                    continue
                try:
                    found = os.stat(file.abs_dest_path)
                except OSError:
                    continue
                if (found.st_mtime_ns, found.st_size) != (written.mtime_ns, written.size):
                    continue
                build.outputs.used.add(written.digest)
                if written.render_key:
                    build.renders.used[written.render_key] = None
                self.kept[uri] = written
                self.kept_files.add(os.path.normpath(file.abs_dest_path))
                left.append(file)
        leave_out(left)
        return len(self.kept)

    @staticmethod
    def _sitemaps_made_with(build) -> str:
        return f"{build.site_digest}\0{get_build_date()}"

    def keep_sitemaps(self, paths: list[Path]) -> None:
        """After the sitemaps are written: the ones not written again are left (`sweep`); the record holds
        these only."""
        self.sitemaps = {path: self.sitemaps[path] for path in paths if path in self.sitemaps}
        self.kept_files.update(os.path.normpath(path) for path in paths)

    def sweep(self, spared: Callable[[str], bool] = lambda folder: False) -> int:
        """Delete what the last build left that this one neither wrote nor kept (a deleted seed's pages), and
        the folders emptied, but in the folders `spared` names (by their path under the site folder: the
        search index's bundles, which the index brings up to date itself). Returns how many files."""
        if not self.restored:
            return 0
        site = os.path.normpath(self.site_dir)
        removed, emptied = 0, set()
        for folder, folders, names in os.walk(site):
            folders[:] = [f for f in folders if not spared(os.path.relpath(os.path.join(folder, f), site))]
            for name in names:
                path = os.path.join(folder, name)
                if folder == site and name.startswith("."):  # as MkDocs' emptying leaves them (gh-deploy)
                    continue
                if path not in self.kept_files and os.stat(path).st_mtime_ns < self.start_ns:
                    os.unlink(path)
                    removed += 1
                    emptied.add(folder)
        for folder in emptied:
            remove_if_empty(Path(folder), Path(site))
        return removed

    def remember(self, build) -> None:
        """Record what each generated page's file holds now, unless MkDocs warned (the module's docstring)."""
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        _LINKS.kept = set()
        if self.warnings.count:
            log.debug(f"{self.warnings.count} warning(s): the next build builds every page")
            return
        record: dict[str, Written] = {}
        for files in build.variant_files.values():
            for file in files:
                uri, page = file.src_uri, file.page
                if uri in self.kept:
                    record[uri] = self.kept[uri]
                    continue
                digest = build.digests.get(uri)
                if digest is None or page is None:
                    continue
                try:
                    found = os.stat(file.abs_dest_path)
                except OSError:
                    continue
                anchors = frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None
                record[uri] = Written(digest, found.st_mtime_ns, found.st_size, dict(page.meta), anchors,
                                      build.renders.keys.get(uri))
        made = Record(record, self.sitemaps, self._sitemaps_made_with(build))
        write_entry(self.record.parent, self.record.name, pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))


def remove_if_empty(folder: Path, top: Path) -> None:
    """Remove `folder` if it is empty, and then each folder above it, up to `top` (not it), that is left empty:
    a deleted page's folder, and its section's."""
    while folder != top and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def nav_pages(build) -> set[str]:
    """The pages MkDocs makes the drawers from (site_files.variant_navs): never left out of a build."""
    return {in_tree(v, uri) for v in build.variants for uri in (*NAV_PAGES, *city_pages(build.site))}


def leave_out(files: list) -> None:
    """These pages' files are as this build would write them: MkDocs is to neither read nor write them
    (InclusionLevel.EXCLUDED), and not to say so of each link to them. MkDocs makes them no Page object:
    build_state.Build.page_of does, for what shows or lists one."""
    for file in files:
        file.inclusion = InclusionLevel.EXCLUDED
    _LINKS.kept = {file.src_uri for file in files}


def start(project: Path, config, command: str | None, dirty: bool) -> SiteFolder | None:
    """This build's SiteFolder (None under `mkdocs serve`), its record read and its folder set aside."""
    if command == "serve":
        return None
    folder = SiteFolder(project, Path(config.site_dir), set_aside=not dirty)
    folder.start()
    return folder
