"""Whole pages as an earlier build wrote them, kept by everything their HTML is made of (no text work).

With the Markdown kept (render_cache), the theme's templates are most of a warm build: Material draws its
head, header, drawer and footer around every page, about 3 ms a page, every page every build. A page whose
digest (page_digest.page_digests: its Markdown, the pages it links, its neighbours and tags, the site's
templates, code, config, libraries and address) is one an earlier build wrote gets that build's HTML:
MkDocs draws it through a template that only prints it (`TEMPLATE`, named in the page's `template`
front matter: MkDocs' own per-page template choice) instead of Material's. Pages without a digest (the
script chooser at the site's root; the 404 page is no page) are drawn every time.

Kept in `<dir>/<digest>` files (zlib), one per page; the entries the build did not use are dropped when
it ends, except under a dirty serve, which does not look up the pages it skips.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from markupsafe import Markup

from render_cache import drop_entries, write_entry

TEMPLATE = "seeds/kept-page.html"  # given to the theme's loader (pages.on_env)
TEMPLATE_SOURCE = "{{ kept_page }}"
_CONTEXT_KEY = "kept_page"


class OutputCache:
    """The pages one build writes, for the next builds (`directory`), looked up by each page's digest. Which
    pages are taken whole is known once the files are (`kept`): such a page skips the hook's HTML work
    (page_content) and its context, not only the theme's templates."""

    def __init__(self, directory: Path, digests: dict[str, str]) -> None:
        self.directory = directory
        self.digests = digests  # src_uri -> its digest (page_digest.page_digests)
        stored = set(os.listdir(directory)) if directory.is_dir() else set()
        self.kept = {uri for uri, digest in digests.items() if digest in stored}  # taken whole, not drawn
        self._lost: set[str] = set()  # kept, but its entry could not be read after all: drawn
        self.ahead: set[str] = set()  # drawn by a second process in this build (draw_ahead), taken whole here
        self.used: set[str] = set()  # digests this build read or wrote
        self.drawn = 0  # pages drawn through the theme's templates and kept

    def takes_whole(self, page) -> bool:
        return page.file.src_uri in self.kept

    def choose_templates(self, pages) -> None:
        """Before the pages are drawn: a page taken whole gets `TEMPLATE`, every other page its own (the
        choice of an earlier build of the same process is undone)."""
        for page in pages:
            if page.file.src_uri in self.kept:
                page.meta["template"] = TEMPLATE
            elif page.meta.get("template") == TEMPLATE:
                del page.meta["template"]

    def draw_ahead(self, uris: set[str]) -> None:
        """These pages are being drawn by a second process (draw_ahead): taken whole here once it is done. Their
        HTML was finished here already (on_page_content ran before the split)."""
        self.ahead = set(uris)
        self.kept |= self.ahead

    def ahead_failed(self) -> None:
        """The second process failed or warned: its pages not taken whole yet are drawn here (`lost`)."""
        self.kept -= self.ahead
        self._lost |= self.ahead

    def fill(self, context: dict, page) -> bool:
        """Give a page taken whole its HTML for TEMPLATE to print. False for any other page, and for one
        whose entry cannot be read after all (removed or damaged since): that one is `lost`, to be drawn."""
        uri = page.file.src_uri
        if uri not in self.kept:
            return False
        digest = self.digests[uri]
        try:
            html = zlib.decompress((self.directory / digest).read_bytes()).decode("utf-8")
        except (OSError, zlib.error, UnicodeDecodeError):
            self.kept.discard(uri)
            self._lost.add(uri)
            return False
        self.used.add(digest)
        context[_CONTEXT_KEY] = Markup(html)
        return True

    def lost(self, page) -> bool:
        return page.file.src_uri in self._lost

    def unfinished(self, page) -> bool:
        """A lost page whose HTML the hook has not finished (page_content.finished_html): one kept from an
        earlier build, not one drawn ahead."""
        return page.file.src_uri in self._lost and page.file.src_uri not in self.ahead

    def draw_lost(self, context: dict, page, draw) -> dict:
        """A lost page drawn with `draw(context)` (the theme's template), for TEMPLATE to print."""
        if page.file.src_uri in self._lost:
            context[_CONTEXT_KEY] = Markup(draw(context))
        return context

    def keep(self, output: str, page) -> None:
        """After a page is drawn: keep it for the next builds, unless it came from here."""
        uri = page.file.src_uri
        if page.meta.get("template") == TEMPLATE:
            del page.meta["template"]  # its front matter stays its own (a dirty serve keeps it: serve_pages)
        digest = self.digests.get(uri)
        if digest is None or uri in self.kept:
            return
        self.used.add(digest)
        self.drawn += 1
        write_entry(self.directory, digest, zlib.compress(output.encode("utf-8"), 1))

    def end(self, drop: bool = True) -> None:
        """Drop the entries this build did not use (not under a dirty serve: `drop` false)."""
        if drop:
            drop_entries(self.directory, self.used)
