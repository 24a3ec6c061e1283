"""Under `mkdocs build`, a second core draws half of the pages through the theme's templates.

Once every page is converted (on_env), MkDocs draws the pages one after another in one process: Material's
templates around each page, and each 原文对照 page's table (page_content.with_table), about 40 s of a cold
build at N = 1000 while the second core had nothing to do. So the pages this build will draw (not taken
whole from an earlier build: output_cache) are split in two by their cost, a page and its twins in the other
scripts together (a seed's tables are made once for both scripts: seedtext.rawpage.SeedTables); a forked
child draws its half as MkDocs would (`draw`: its context, template, every plugin's on_page_context and
on_post_page), leaving each page's HTML where a later build finds it (output_cache.OutputCache.keep), while
this process draws the other half. Each process goes through the pages in MkDocs' order, so when this process
reaches one of the child's pages the child has usually left it already: it is taken whole, as in a warm
build, and written here (else this process waits for it). The site is the same either way (a test holds the
two builds' sites byte for byte equal). If the child fails, or anything warns while it draws, it stops before
keeping that page, and its pages not taken yet are drawn here (their warnings are then logged here, and
--strict counts them).

Only where render_ahead forks (`mkdocs build` and gh-deploy, two CPUs), and only with at least
mkdocs.yml's extra.render_ahead_pages pages to draw.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from mkdocs.commands.build import get_context
from mkdocs.structure.files import InclusionLevel

import render_ahead
from seedtext.layout import ARTICLE_DIR, section, twin_url

# What a page costs to draw, against a tag or listing page (2.4 ms): an article (3.2 ms) and a 原文对照 page
# with its table (6.7 ms); each page's time in both processes of a cold build at N = 1000 on the bench corpus
# (2026-12-06). With the costs of an earlier build (1.6 and 2.4) the child, given the 原文对照 pages, drew
# 3 s longer than this process, which waited for it.
ARTICLE_COST = 1.3
RAW_PAGE_COST = 2.8
# Taking a page whole here, once the child has drawn it (reading, decompressing and writing its HTML): 1.0 ms,
# in the same unit.
TAKE_COST = 0.4


class WarningHeard(logging.Handler):
    """Whether anything logged a warning in the child while it drew (its output is not shown)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.heard = False

    def emit(self, record: logging.LogRecord) -> None:
        self.heard = True


def split(build, doc_files, fewest: int) -> list | None:
    """The child's half (by cost: what it draws against what this process draws and takes whole) of the pages
    this build will draw, in MkDocs' order: the later pages by their place in a tree, with their twins in the
    other trees; None when there are fewer than `fewest`. Pages without a digest (the script chooser) are
    drawn here."""
    todo = [file for file in doc_files if file.page is not None and file.src_uri in build.digests
            and not build.outputs.takes_whole(file.page)]
    if len(todo) < fewest:
        return None
    groups: dict[str, list] = {}  # a page's path in its tree -> [what it and its twins cost to draw, pages]
    for file in todo:
        group = groups.setdefault(twin_url(file.src_uri), [0, 0])
        group[0] += RAW_PAGE_COST if file.src_uri in build.raw_tables \
            else ARTICLE_COST if section(file.src_uri) == ARTICLE_DIR else 1
        group[1] += 1
    child, here, later = 0.0, float(sum(drawn for drawn, _ in groups.values())), set()
    for twin, (drawn, pages) in reversed(groups.items()):  # the child's pages from the last, until it has half
        if child >= here:
            break
        later.add(twin)
        child += drawn
        here -= drawn - TAKE_COST * pages  # this process takes them whole instead
    return [file.page for file in todo if twin_url(file.src_uri) in later]


def draw(page, config, doc_files, nav, env, heard: WarningHeard) -> None:
    """What MkDocs' _build_page does with a page (mkdocs/commands/build.py, 1.6.1), except writing its file:
    the hook's on_post_page (the last) keeps the HTML (output_cache) for this build's main process to write.
    Raises before that when a warning was heard: the page is drawn again where the warning is shown."""
    config._current_page = page
    try:
        page.active = True
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
        if heard.heard:
            raise RuntimeError(f"a warning while drawing {page.file.src_uri}")
        config.plugins.on_post_page(output, page=page, config=config)
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

    def draw_share() -> Iterable[None]:
        heard = WarningHeard()
        logging.getLogger("mkdocs").addHandler(heard)
        for page in share:
            draw(page, config, doc_files, build.nav, env, heard)
            yield

    ahead = render_ahead.fork(draw_share, [page.file.src_uri for page in share])
    build.outputs.draw_ahead(ahead.pages)
    build.outputs.choose_templates(share)
    return ahead


def wait_for(build, page) -> None:
    """Before this process draws one of the child's pages: the child has kept it, or has stopped; if it
    failed, its pages not taken yet are drawn here."""
    drawing = build.drawing
    if not drawing or drawing.failed is not None:
        return
    drawing.wait_for(page.file.src_uri)
    if drawing.failed:
        build.outputs.ahead_failed()


def finish(build) -> None:
    """After the last page: the child is waited for (it has exited, or is about to)."""
    if build.drawing:
        build.drawing.join()
