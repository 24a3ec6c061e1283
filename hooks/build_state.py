"""What one build knows, and what outlives it.

`Build` is made new by every build's on_config and travels with that build's config (`start`, `of`, and
`finish` when the build is written): every later event gets the config, and `mkdocs serve` loads a new
config for each rebuild, so nothing of one build leaks into the next. What a build reuses from the last
one is kept by content, which can never be stale: on disk (.cache/: cleaned seeds, conversions, rendered
pages) and, for the rendered pages, in memory (`Kept`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from options import SiteOptions
from output_cache import OutputCache
from page_digest import page_digests, site_digest
from render_ahead import Ahead
from render_cache import RenderCache, RenderSession
from seedtext.cache import Cache, KeptResults
from seedtext.layout import in_tree
from seedtext.page import SitePage
from seedtext.review import Difference
from seedtext.site import Site, Variant
from serve_pages import SearchRuns, ServedPages
from site_folder import SiteFolder

_CONFIG_KEY = "seeds_build"  # the Build in its config (not a key of mkdocs.yml)


@dataclass(kw_only=True)
class Build:
    """One build, filled stage by stage: on_config (variants, options), on_files (site, files), on_nav,
    on_env, the pages, on_post_build (sitemaps, search)."""

    project: Path  # the folder of mkdocs.yml
    cache: Cache  # cleaning and conversion results by content hash (.cache/), and this build's counts
    rendered: RenderCache  # pages' HTML by Markdown, kept between builds (.cache/render)
    options: SiteOptions  # every option of the site, checked (options.load_site_options)
    labels: dict[str, dict[str, str]]  # variant root -> the words the hook adds to pages (LABELS), in its script
    site_strings: dict[str, str]  # site_name etc. as written in mkdocs.yml (Simplified)
    clock: dict[str, float] = field(default_factory=lambda: {"start": time.perf_counter()})  # timings.json
    site: Site | None = None  # on_files: every page in Simplified
    renders: RenderSession | None = None  # on_files: this build's look-ups in `rendered`
    variant_files: dict[str, list[File]] = field(default_factory=dict)  # variant root -> its generated files
    characters: dict[str, set[str]] = field(default_factory=dict)  # variant root -> its articles' characters
    raw_tables: dict[str, tuple[SitePage, Variant, list[Difference]]] = field(default_factory=dict)
    """A 原文对照 page's source path -> its page, variant and conversion doubts: its table is written after
    its head is rendered (on_page_content)."""
    navs: dict[str, Navigation] = field(default_factory=dict)  # variant root -> its drawer (on_nav)
    tag_pages: dict[str, list[str]] = field(default_factory=dict)
    """on_files: an article's path -> the page of each of its tags, in the order of its tags (its chips)."""
    env: Environment | None = None  # the theme's templates (on_env), for the sitemaps per variant
    files: Files | None = None  # on_files: every file of the site
    reading: dict[str, tuple[str | None, str | None, str | None]] = field(default_factory=dict)
    """on_files: an article's path -> the previous and next article's and its city's page (site_files)."""

    markdown: dict[str, str] = field(default_factory=dict)  # on_files: each generated page's Markdown by src_uri
    served: ServedPages | None = None  # under `mkdocs serve --dirty`: the pages kept between builds (serve_pages)
    digests: dict[str, str] = field(default_factory=dict)  # on_files: src_uri -> what its HTML is made of
    site_digest: str = ""  # on_files: what every page is made of besides its own content (page_digest.site_digest)
    outputs: OutputCache | None = None  # on_files: whole pages kept between builds (.cache/pages)
    ahead: Ahead | None = None  # on_nav: a second process converting half of the pages (render_ahead)
    converting: Ahead | None = None  # on_files: one making half of the script conversions (convert_ahead)
    drawing: Ahead | None = None  # on_env: one drawing half of the pages through the templates (draw_ahead)
    nav: Navigation | None = None  # on_nav: MkDocs' navigation (the context of a page drawn by draw_ahead)
    told: Told | None = None  # under `mkdocs serve` without --strict: what its builds said (build_log)
    folder: SiteFolder | None = None  # on_pre_build: the pages already in the site folder (not under serve)
    config: object = None  # the build's config (start)

    @property
    def variants(self) -> tuple[Variant, ...]:
        return self.options.variants

    def page(self, variant: Variant, path: str | None):
        """The page at `path` in the variant's tree (None for none), its front matter read: a page a dirty
        build skips is not read by MkDocs (serve_pages), and the pages that show it need its title."""
        found = self.files.get_file_from_path(in_tree(variant, path)) if path and self.files else None
        if found is None:
            return None
        page = self.page_of(found)
        if page.markdown is None:
            page.read_source(self.config)
        return page

    def page_of(self, file: File) -> Page:
        """The file's Page. MkDocs makes none for a page left out of its build (site_folder, serve_pages): it
        is made when something shows or lists the page, with the front matter it was written with (its robots
        in the sitemaps) and, after `mkdocs build`, its anchors (a link to one is checked)."""
        if file.page is None:
            page = Page(None, file, self.config)
            left = self.folder.last.pages.get(file.src_uri) if self.folder else None
            if left is not None:
                page.meta = dict(left.meta)
                page.present_anchor_ids = set(left.anchors) if left.anchors is not None else None
            elif self.served and file.src_uri in self.served.meta:
                page.meta = self.served.meta[file.src_uri]
        return file.page


def start(config, build: Build) -> Build:
    config[_CONFIG_KEY] = build
    build.config = config
    return build


def of(config) -> Build:
    return config[_CONFIG_KEY]


def digest_pages(build: Build, config, command: str | None = None) -> int:
    """Once the files are known: every generated page's digest (page_digest), the whole pages kept by
    earlier builds (output_cache) and, under a dirty serve, the pages MkDocs will skip (serve_pages).
    Returns how many pages will be built."""
    site = build.site_digest = site_digest(build.project, config)
    build.digests = page_digests(build, site, build.rendered.links, build.renders.named)
    build.outputs = OutputCache(cache_folder(build.project, "pages", command), build.digests)
    return build.served.sync(build, site, build.digests) if build.served else len(build.markdown)


def cache_folder(project: Path, name: str, command: str | None = None) -> Path:
    """`.cache/<name>` of the pages built for the site's address; `<name>-elsewhere` of those built for
    another (SITE_URL: the tests, `make audit`) and `<name>-serve` of `mkdocs serve`'s (its own address), so
    that a build for one address does not drop the pages of another (the address is in their keys): an
    editor's next `make serve` after a deploy's build starts from the last serve's pages."""
    if os.environ.get("SITE_URL"):
        return project / ".cache" / f"{name}-elsewhere"
    return project / ".cache" / (f"{name}-serve" if command == "serve" else name)


def template_cache(project: Path) -> FileSystemBytecodeCache:
    """The theme's templates compiled by an earlier build (Jinja's bytecode cache, keyed by each template's
    source): MkDocs makes a new environment for every build, which compiled Material's templates again (about
    0.3 s of each serve rebuild)."""
    directory = project / ".cache" / "templates"  # (not cache_folder's: no address is in a template)
    directory.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(directory))


def let_go_of_pages(build: Build) -> None:
    """Under `mkdocs build` and gh-deploy, once every page is written and before Pagefind runs beside this
    process: the pages' Markdown and 原文对照 tables, in each of their copies (the site's pages, the build's
    maps, MkDocs' pages and generated files), which nothing reads again; about 250 MB at N = 1000. Not under
    `mkdocs serve`: its next build starts from them."""
    if build.site is not None:
        build.site.pages = []
    build.markdown, build.raw_tables = {}, {}
    for file in build.files or ():
        if file.page is not None:
            file.page.markdown = None
        if file.generated_by:
            file.content_string = ""


def leave_to_last(command: str | None) -> None:
    """Under `mkdocs build`, at the stages after which what exists lasts to the end of the build (the files and
    pages once the navigation is made; every page's rendered HTML and table of contents once all are
    converted): collect what is garbage now, then tell the cycle collector to leave the rest (gc.freeze).
    Its full collections walk every live object, and MkDocs' objects grow with N: 85 of them took 6.8 s of
    a cold build at N = 1000. A forked child (render_ahead, draw_ahead) then does not copy the pages the
    collector would have written to. Not under `mkdocs serve`, whose next build replaces these objects (frozen,
    their cycles would never be collected)."""
    if command in ("build", "gh-deploy"):
        gc.collect()
        gc.freeze()


def return_free_memory() -> None:
    """Give the system back the memory the build has freed, before Pagefind runs beside this process: glibc
    keeps what Python frees for reuse (the pages' HTML, let go once written), 460 MB of the hook's 2.1 GB
    at N = 1000, which then counted on top of Pagefind's 0.7 GB. Nothing where there is no malloc_trim."""
    try:
        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)
    except (OSError, AttributeError, TypeError):  # not glibc (macOS: no malloc_trim)
        pass


def finish(config) -> None:
    """The build is written: let its pages go (`mkdocs serve` keeps its first config until it stops), and
    the kept results it did not use (a deleted seed's, an edited seed's old ones)."""
    build = config.pop(_CONFIG_KEY, None)
    if build is not None and build.cache.kept is not None:
        build.cache.kept.let_go_unused()


@contextmanager
def made_to_last():
    """For the objects made inside, which last the whole build (the cleaned seeds, the site's pages).
    Python's cycle collector walks every live container each time it runs a full collection, and it runs
    one whenever the heap has grown by a quarter: reading 1,000 seeds' cleaned pages from the cache (about
    10 million objects) took 12 s with it and 1.7 s without. So it is paused while they are made, and then
    told to leave them out (gc.freeze): they hold no cycles to collect, and reference counting still
    frees each when nothing uses it (under `mkdocs serve`, an edited seed's old pages). What an earlier
    build of the process left (`mkdocs serve`: its files and pages, which do hold cycles) is collected
    first, not frozen: only what came after the last freeze is walked."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


class Told:
    """What the builds of one `mkdocs serve` have said of each seed (its warnings and info lines), so that a
    rebuild says only what changed: the lines of an edited, added or broken seed, not every seed's again
    (thousands of lines at N = 1000, hiding the one an editor needs). Not under --strict, where every
    build's warnings are counted."""

    def __init__(self) -> None:
        self._said: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._now: set[tuple[str, ...]] = set()  # what this build spoke about
        self.held = 0  # lines of this build not said again

    def new(self, about: tuple[str, ...], lines: tuple[str, ...]) -> bool:
        """Whether `lines` about `about` (a seed, a script and a seed) differ from what was said last."""
        self._now.add(about)
        if self._said.get(about) == lines:
            self.held += len(lines)
            return False
        self._said[about] = lines
        return True

    def build_done(self) -> int:
        """The lines held back this build; what it did not speak about is forgotten (a deleted seed's lines
        are said again if it comes back)."""
        held, self.held = self.held, 0
        self._said = {about: lines for about, lines in self._said.items() if about in self._now}
        self._now = set()
        return held


class Kept:
    """What a build reuses from the last one in the same process (`mkdocs serve`): the rendered pages in
    memory, per cache folder, and the cleaning and conversion results; and the command the process runs."""

    def __init__(self) -> None:
        self.rendered: RenderCache | None = None
        self.command: str | None = None  # the mkdocs command this process runs (on_startup): build, gh-deploy, serve
        self.dirty = False  # whether it builds with --dirty (MkDocs does not empty the site folder)
        self.served: ServedPages | None = None  # `mkdocs serve --dirty` (on_startup): only changed pages are built
        self.search: SearchRuns | None = None  # `mkdocs serve`: the search index written after each build
        self.results: KeptResults | None = None  # `mkdocs serve`: cleaned seeds, conversions in memory
        self.told: Told | None = None  # `mkdocs serve`: what its builds said of each seed

    def start(self, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        self.served = ServedPages() if command == "serve" and dirty else None
        self.search = SearchRuns() if command == "serve" else None
        self.results = KeptResults() if command == "serve" else None
        self.told = Told() if command == "serve" else None

    def rendered_pages(self, project: Path) -> RenderCache:
        directory = cache_folder(project, "render", self.command)
        if self.rendered is None or self.rendered.directory != directory:
            # In memory too under a serve that renders every page each time (not --dirty: serve_pages).
            self.rendered = RenderCache(directory, in_memory=self.command == "serve" and self.served is None)
        return self.rendered
