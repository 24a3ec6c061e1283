"""Under `mkdocs build`, a second core draws half of the pages through the theme's templates.

Once every page is converted (on_env), MkDocs draws the pages one after another in one process: Material's
templates around each page, and each 原文对照 page's table (page_content.with_table), about 40 s of a cold
build at N = 1000 while the second core has nothing to do. So the pages this build will draw (not taken
whole from an earlier build: output_cache) are split in two by their cost; a forked child draws the second
half as MkDocs would (`draw`: its context, template, every plugin's on_page_context and on_post_page) and
leaves each page's HTML where a later build finds it (output_cache.OutputCache.keep), while this process
draws the first half. When this process reaches the child's first page it waits for the child; those pages
are then taken whole, as in a warm build, and written here. The site is the same either way (a test holds
the two builds' sites byte for byte equal). If the child fails, or anything warned while it drew, its pages
are drawn here (their warnings are then logged here, and --strict counts them).

Only where render_ahead forks (`mkdocs build` and gh-deploy, two CPUs), and only with at least
mkdocs.yml's extra.render_ahead_pages pages to draw.
"""

from __future__ import annotations

import logging

from mkdocs.commands.build import get_context
from mkdocs.structure.files import InclusionLevel

import render_ahead

# What a page costs to draw, in pages without a table: a 原文对照 page's table (page_content.with_table) is
# about three times its templates (a cold build's profile at N = 1000: 6 ms against 2 ms a page).
TABLE_COST = 3


class WarningHeard(logging.Handler):
    """Whether anything logged a warning in the child while it drew (its output is not shown)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.heard = False

    def emit(self, record: logging.LogRecord) -> None:
        self.heard = True


def split(build, doc_files, fewest: int) -> list | None:
    """The second half (by cost) of the pages this build will draw, in MkDocs' order; None when there are
    fewer than `fewest`. Pages without a digest (the script chooser) are drawn here."""
    todo = [(file.page, 1 + (TABLE_COST if file.src_uri in build.raw_tables else 0)) for file in doc_files
            if file.page is not None and file.src_uri in build.digests and not build.outputs.takes_whole(file.page)]
    return render_ahead.second_half(todo, fewest)


def draw(page, config, doc_files, nav, env) -> None:
    """What MkDocs' _build_page does with a page (mkdocs/commands/build.py, 1.6.1), except writing its file:
    the hook's on_post_page keeps the HTML (output_cache) for this build's main process to write."""
    config._current_page = page
    try:
        page.active = True
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        config.plugins.on_post_page(template.render(context), page=page, config=config)
    finally:
        page.active = False
        config._current_page = None


def start(build, config, files, env, command: str) -> render_ahead.Ahead | None:
    """Fork the child drawing its share of the pages, if this build should (the module's docstring); mark
    its pages as taken whole here (build.outputs.draw_ahead)."""
    fewest = build.options.extra.render_ahead_pages
    if not render_ahead.may_fork(fewest, command):
        return None
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)  # as MkDocs' build() draws
    share = split(build, doc_files, fewest)
    if not share:
        return None

    def draw_share() -> None:
        heard = WarningHeard()
        logging.getLogger("mkdocs").addHandler(heard)
        for page in share:
            draw(page, config, doc_files, build.nav, env)
        if heard.heard:
            raise RuntimeError("a warning while drawing: the pages are drawn again where it is shown")

    ahead = render_ahead.Ahead(render_ahead.fork(draw_share), {page.file.src_uri for page in share})
    build.outputs.draw_ahead(ahead.pages)
    build.outputs.choose_templates(share)
    return ahead


def wait_for(build, page) -> None:
    """Before this process draws one of the child's pages: the child is done; if it failed, its pages are
    drawn here."""
    drawing = build.drawing
    if drawing and drawing.failed is None:
        drawing.wait_for(page.file.src_uri)
        if drawing.failed:
            build.outputs.ahead_failed()
