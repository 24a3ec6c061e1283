"""Under `mkdocs build`, a second core converts half of the pages' Markdown (no text work).

MkDocs converts every page in one process, one after another (Python-Markdown: most of a cold build,
and of a build after a seed is added, which changes the lists of thousands of pages). After the
navigation is made, the pages this build will convert (not in the render cache) are split in two by
the size of their Markdown; a forked child converts the second half exactly as MkDocs would (the page
read, every plugin's on_page_markdown, Page.render) and files each render in the render cache
(render_cache: HTML, table of contents, anchors, links to anchors, warnings), while MkDocs converts the
first half here. Before MkDocs reaches the child's first page, this process waits for the child; its
pages are then cache hits, handled as in any warm build (their warnings logged again here, so --strict
counts them). The site is the same either way: a render from the cache is the render (a test holds the
two builds' sites byte for byte equal); if the child fails, its pages are converted here.

Only under `mkdocs build` (and gh-deploy): `mkdocs serve` runs threads (livereload, the search index),
which a fork does not carry; and only with two CPUs and enough pages to pay for the fork (mkdocs.yml
extra.render_ahead_pages; left out: never).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import TypeVar

from page_digest import front_matter
from render_cache import HeardWarnings

COMMANDS = ("build", "gh-deploy")
T = TypeVar("T")


class Ahead:
    """A child working ahead of this process, and the pages it does: each page's src_uri (render_ahead), each
    (variant root, page's path) (convert_ahead)."""

    def __init__(self, pid: int, pages: set) -> None:
        self.pid = pid
        self.pages = pages
        self.failed: bool | None = None  # None until waited for

    def wait_for(self, page) -> None:
        """Before this process reaches one of the child's pages: the child's results are all filed."""
        if page in self.pages:
            self.join()

    def join(self) -> None:
        """Wait for the child, once; `failed` says how it ended."""
        if self.failed is None:
            self.failed = wait(self.pid)

    def running(self) -> bool:
        """Whether the child is still at work (if it has ended, `failed` says how)."""
        if self.failed is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.failed = os.waitstatus_to_exitcode(status) != 0
        return self.failed is None


def split(build, pages, fewest: int) -> list | None:
    """The second half (by Markdown size) of the pages this build will convert, in MkDocs' order; None when
    there are fewer than `fewest` (mkdocs.yml extra.render_ahead_pages). A page counts as one to convert
    when the render cache has no entry for its key as MkDocs' page reader will give its Markdown (the front
    matter off, and the blank lines after it: mkdocs.utils.meta.get_data): a wrong guess only costs time."""
    todo, stored = [], build.rendered.stored()
    for page in pages:
        markdown = build.markdown.get(page.file.src_uri)
        if markdown is None:
            continue
        head = front_matter(markdown)
        body = markdown[len(head):].lstrip("\n") if head else markdown
        if build.renders.key(body, page) not in stored:
            todo.append((page, len(markdown)))
    return second_half(todo, fewest)


def second_half(todo: list[tuple[T, int]], fewest: int) -> list[T] | None:
    """The items (with their sizes) from where the first half of the total size ends, in their order; None
    for fewer than `fewest` items."""
    if len(todo) < fewest:
        return None
    half, done, share = sum(size for _, size in todo) / 2, 0, []
    for item, size in todo:
        if done >= half:
            share.append(item)
        done += size
    return share


def may_fork(fewest: int, command: str) -> bool:
    """A second process may work ahead: `mkdocs build` or gh-deploy (no threads to lose), two CPUs, and
    extra.render_ahead_pages set."""
    return bool(fewest) and command in COMMANDS and hasattr(os, "fork") and len(os.sched_getaffinity(0)) >= 2


def fork(work: Callable[[], object]) -> int:
    """The pid of a child that runs work() printing nothing (MkDocs' warnings reach the render cache's
    listener only) and exits, with status 0 when work() returned."""
    pid = os.fork()
    if pid:
        return pid
    status = 1
    try:
        quiet(logging.getLogger("mkdocs"))
        work()
        status = 0
    finally:
        os._exit(status)  # nothing of MkDocs' build runs on in the child


def wait(pid: int) -> bool:
    """Wait for the child; whether it failed."""
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) != 0


def start(build, config, files, command: str) -> Ahead | None:
    """Fork the child converting its share of the pages, if this build should (the module's docstring)."""
    fewest = build.options.extra.render_ahead_pages
    if not may_fork(fewest, command):
        return None
    share = split(build, [f.page for f in files.documentation_pages() if f.page is not None], fewest)
    if not share:
        return None

    def render() -> None:
        for page in share:
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            page.render(config, files)
            build.renders.content(page.content, page, files)  # filed (a miss: look_up ran in on_page_markdown)

    return Ahead(fork(render), {page.file.src_uri for page in share})


def quiet(logger: logging.Logger) -> None:
    """The child prints nothing: only the render cache's listener stays on MkDocs' logger."""
    for handler in list(logger.handlers):
        if not isinstance(handler, HeardWarnings):
            logger.removeHandler(handler)
    logger.propagate = False
