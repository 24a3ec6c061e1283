"""Under `mkdocs build`, a second core converts half of the pages into the other scripts (OpenCC).

A cold build converts every page into every script variant, one page after another (issue 26, part 4:
conversion on both cores). Before the variant trees are made (on_files), the conversions this build has no
result for are split in two by the size of their text; a forked child makes the second half exactly as the
build would (seedtext.site.variant_markdown, then the conversion review's differences for an article) and
files each in the cache (.cache/convert, .cache/differences), while this process makes the first half.
Before this process reaches the child's first page, it waits for the child; those pages are then cache
hits. The site is the same either way: a result from the cache is the result (a test holds the two
builds' sites byte for byte equal); if the child fails, its pages are converted here.

Only where render_ahead forks (`mkdocs build` and gh-deploy, two CPUs), and only with at least
mkdocs.yml's extra.render_ahead_pages conversions to make.
"""

from __future__ import annotations

import render_ahead
from seedtext.site import variant_markdown
from site_files import conversion_doubts


def split(build, fewest: int) -> list | None:
    """The second half (by size) of the (variant, page) conversions this build has no result for, in the
    build's order; None when there are fewer than `fewest`."""
    todo = [((variant, page), len(page.markdown)) for variant in build.variants for page in build.site.pages
            if not build.cache.conversion_kept(page.markdown, variant.opencc, variant.phrases, variant.quotes,
                                               variant.vocabulary, page.names)]
    return render_ahead.second_half(todo, fewest)


def convert(build, variant, page) -> None:
    """What the build's variant tree asks of the cache for this page (site_files.add_variant_files)."""
    markdown = variant_markdown(page, variant, build.cache)
    if page.source:
        conversion_doubts(build, variant, page, markdown)


def start(build, command: str) -> render_ahead.Ahead | None:
    """Fork the child converting its share of the pages, if this build should (the module's docstring); its
    pages are (variant root, page's path)."""
    fewest = build.options.extra.render_ahead_pages
    if not render_ahead.may_fork(fewest, command):
        return None
    share = split(build, fewest)
    if not share:
        return None
    pid = render_ahead.fork(lambda: [convert(build, variant, page) for variant, page in share])
    return render_ahead.Ahead(pid, {(variant.root, page.uri) for variant, page in share})
