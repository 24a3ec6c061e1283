"""Under `mkdocs build`, a second core converts half of the pages into the other scripts (OpenCC).

A cold build converts every page into every script variant, one page after another (issue 26, part 4:
conversion on both cores). Before the variant trees are made (on_files), the conversions this build has no
result for are split in two by what they cost (`split`); a forked child makes the second half exactly as the
build would (seedtext.site.variant_markdown, then the conversion review's differences for an article) and
files each in the cache (.cache/convert, .cache/differences), while this process makes the first half.
When this process reaches one of the child's pages, it waits until the child has filed it (render_ahead.fork);
the page is then a cache hit. The site is the same either way: a result from the cache is the result (a test
holds the two builds' sites byte for byte equal); if the child fails, the pages it had not filed are
converted here.

Only where render_ahead forks (`mkdocs build` and gh-deploy, two CPUs), and only with at least
mkdocs.yml's extra.render_ahead_pages conversions to make.
"""

from __future__ import annotations

from collections.abc import Iterable

import render_ahead
from seedtext.site import variant_markdown
from site_files import conversion_doubts

# What a conversion costs per character of the page's Markdown, against one into another script (OpenCC and
# the conversion review's differences): into Simplified (the text mostly as it is, its quotation marks), and
# what this process does with every page of every script besides (the variant tree's file, the characters
# searched, the doubts; reading the child's result from the cache). A cold build at N = 1000 on the bench
# corpus: 8.6 s for the Traditional conversions, 2.4 s for the rest of the Simplified tree; at 0.3 this
# process waited 0.7 s for the child, at 0.35 1.6 s, at 0.27 0.3 s (timings.json waited_ahead).
SIMPLIFIED_COST = 0.01
FILING_COST = 0.27


def split(build, fewest: int) -> list | None:
    """The child's share of the (variant, page) conversions this build has no result for, in the build's
    order (render_ahead.second_half, by cost); None when there are fewer than `fewest`."""
    todo = [((variant, page), len(page.markdown) * (1 if variant.opencc else SIMPLIFIED_COST))
            for variant in build.variants for page in build.site.pages
            if not build.cache.conversion_kept(page.markdown, variant.opencc, variant.phrases, variant.quotes,
                                               variant.vocabulary, page.names)]
    here = FILING_COST * len(build.variants) * sum(len(page.markdown) for page in build.site.pages)
    return render_ahead.second_half(todo, fewest, here)


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
    def convert_share() -> Iterable[None]:
        for variant, page in share:
            convert(build, variant, page)
            yield

    return render_ahead.fork(convert_share, [(variant.root, page.uri) for variant, page in share])
