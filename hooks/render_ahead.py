"""Under `mkdocs build`, a second core converts half of the pages' Markdown (no text work).

MkDocs converts every page in one process, one after another (Python-Markdown: most of a cold build,
and of a build after a seed is added, which changes the lists of thousands of pages). After the
navigation is made, the pages this build will convert (not in the render cache) are split in two by
the size of their Markdown; a forked child converts the second half exactly as MkDocs would (the page
read, every plugin's on_page_markdown, Page.render) and files each render in the render cache
(render_cache: HTML, table of contents, anchors, links to anchors, warnings), while MkDocs converts the
first half here. The child tells this process each page it has filed (`fork`: a byte down a pipe); when
MkDocs reaches one of the child's pages, this process waits until the child has filed it, and the page is
then a cache hit, handled as in any warm build (its warnings logged again here, so --strict counts them).
The site is the same either way: a render from the cache is the render (a test holds the two builds'
sites byte for byte equal); if the child fails, the pages it had not filed are converted here.

Only under `mkdocs build` (and gh-deploy): `mkdocs serve` runs threads (livereload, the search index),
which a fork does not carry; and only with two CPUs and enough pages to pay for the fork (mkdocs.yml
extra.render_ahead_pages; left out: never).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from page_digest import front_matter
from render_cache import HeardWarnings

COMMANDS = ("build", "gh-deploy")
# What this process spends taking one of the child's pages from the render cache, against converting it
# (a cold build at N = 1000 on the bench corpus: the child ended 1.7 s before this process without it).
TAKE_SHARE = 0.03
T = TypeVar("T")


class Ahead:
    """A child working ahead of this process through its share of the pages, in order: each page's src_uri
    (render_ahead, draw_ahead), each (variant root, page's path) (convert_ahead). It tells this process each
    page whose results it has filed by a byte down a pipe (`fork`)."""

    def __init__(self, pid: int, share: Sequence, reports: int) -> None:
        self.pid = pid
        self._place = {page: n for n, page in enumerate(share)}
        self._reports = reports  # the pipe's end this process reads; closed once the child has ended
        self._done = 0  # how many of the share the child has filed, from the first
        self.failed: bool | None = None  # None until the child has ended and been waited for
        self.waited = 0.0  # seconds this process spent waiting for the child (timings.json)

    @property
    def pages(self):
        """The child's share, as a set."""
        return self._place.keys()

    def wait_for(self, page) -> None:
        """Before this process reaches one of the child's pages: the child has filed it, or has ended (then
        `failed` says how; a page it had not filed is this process's to do)."""
        place = self._place.get(page)
        if place is None or self._done > place or self.failed is not None:
            return
        start = time.perf_counter()
        while self._done <= place and self._read():
            pass
        if self._done <= place:
            self.join()
        self.waited += time.perf_counter() - start

    def join(self) -> None:
        """Wait for the child to end, once; `failed` says how it ended."""
        if self.failed is None:
            while self._read():  # what it still tells (it may be waiting for room in the pipe)
                pass
            self.failed = wait(self.pid)

    def _read(self) -> bool:
        """Take what the child has told since (waiting until it tells something or ends); False once it has
        ended and the pipe is closed."""
        if self._reports < 0:
            return False
        told = os.read(self._reports, 1 << 16)
        if told:
            self._done += len(told)
            return True
        os.close(self._reports)
        self._reports = -1
        return False


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
    return second_half(todo, fewest, TAKE_SHARE * sum(cost for _, cost in todo))


def second_half(todo: list[tuple[T, float]], fewest: int, here: float = 0.0) -> list[T] | None:
    """The items (with their costs) the child takes so that both processes finish together: from the end,
    while this process does the rest and `here` besides (what it spends on every item however it is done,
    in the same unit), in their order; None for fewer than `fewest` items."""
    if len(todo) < fewest:
        return None
    first, done, share = (sum(cost for _, cost in todo) - here) / 2, 0.0, []
    for item, cost in todo:
        if done >= first:
            share.append(item)
        done += cost
    return share


def may_fork(fewest: int, command: str) -> bool:
    """A second process may work ahead: `mkdocs build` or gh-deploy (no threads to lose), two CPUs, and
    extra.render_ahead_pages set."""
    return bool(fewest) and command in COMMANDS and hasattr(os, "fork") and len(os.sched_getaffinity(0)) >= 2


def fork(work: Callable[[], Iterable[object]], share: Sequence) -> Ahead:
    """A child that runs through work() printing nothing (MkDocs' warnings reach the render cache's listener
    only) and exits, with status 0 when work() ran to its end. work() yields once for each page of `share`,
    in its order, when that page's results are filed; the child tells this process each (a byte: the pipe
    holds 64 KB, so a child more than 65,536 pages ahead waits for this process to read)."""
    reports, tell = os.pipe()
    pid = os.fork()
    if pid:
        os.close(tell)  # the pipe closes when the child ends: no later child may hold this end
        return Ahead(pid, share, reports)
    status = 1
    try:
        os.close(reports)
        quiet(logging.getLogger("mkdocs"))
        for _ in work():
            os.write(tell, b".")
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

    def render() -> Iterable[None]:
        for page in share:
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            page.render(config, files)
            build.renders.content(page.content, page, files)  # filed (a miss: look_up ran in on_page_markdown)
            yield

    return fork(render, [page.file.src_uri for page in share])


def quiet(logger: logging.Logger) -> None:
    """The child prints nothing: only the render cache's listener stays on MkDocs' logger."""
    for handler in list(logger.handlers):
        if not isinstance(handler, HeardWarnings):
            logger.removeHandler(handler)
    logger.propagate = False
