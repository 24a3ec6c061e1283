"""The URLs a build publishes for the first time, recorded in data/published-urls.yml (seedtext.urls) so that
every later build, and a fresh clone's, publishes each article at the same URL.

`mkdocs build` (and gh-deploy) add the new articles' entries to the file and say so at info level (a new
article is no fault: `--strict` passes), naming the seed and the URL: the editor commits the file with the
seed. `mkdocs serve` writes nothing into the project (`serve --clean`, which MkDocs runs as a build, does):
an article first seen while serving is shown at the URL its title makes until a build records it, so a
draft title's URL (before the editor's override corrects it) is not the one kept for good, and serve's
watch on data/ is not set off by the build's own write.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from build_state import Build
from seedtext.layout import article_url
from seedtext.urls import URLS_FILE, NewUrl, recorded_text

log = get_plugin_logger("seeds")


def record_new_urls(build: Build, writes: bool) -> None:
    """Record the URLs this build gives articles data/published-urls.yml does not name (when `writes`: not
    under serve), each with an info line naming its seed and URL."""
    published, new = build.options.published_urls, build.site.urls.new
    if not new:
        return
    roots = [variant.root for variant in build.variants]
    if not writes:
        for url in new:
            log.info(f"{article(url)} is new, at {where(url, roots)} until `mkdocs build` records its URL in "
                     f"{URLS_FILE.as_posix()} (serve writes nothing into the project)")
        return
    if not published.writable:
        for url in new:
            log.info(f"{article(url)} is published at {where(url, roots)}; its URL is not recorded while "
                     f"{URLS_FILE.as_posix()} has the problems warned about: fix them and build again")
        return
    path = build.project / URLS_FILE
    try:
        old = path.read_text(encoding="utf-8") if path.exists() else None
        write_whole(path, recorded_text(old, published.slugs, new))
    except (OSError, UnicodeDecodeError) as exc:
        log.warning(f"{URLS_FILE.as_posix()}: cannot record the new articles' URLs ({exc}); they are published at "
                    "the URLs their titles make, which change with their titles until the file is written")
        return
    for url in new:
        log.info(f"{article(url)} is published at {where(url, roots)}, recorded in {URLS_FILE.as_posix()}: "
                 "commit the file with the seed")


def article(url: NewUrl) -> str:
    return f"seeds/{url.key.seed}: article {url.key.number} ({url.title})"


def where(url: NewUrl, roots: list[str]) -> str:
    return " and ".join(f"{root}/{article_url(url.slug)}" for root in roots)


def write_whole(path: Path, text: str) -> None:
    """Through a temporary file renamed over it: an interrupted build never leaves the record cut short."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
