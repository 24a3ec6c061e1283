"""What the hook adds to a page's HTML once Python-Markdown has rendered it (MkDocs side): titled heading
links, an article's links and where it was printed, a 原文对照 page's table (put in as the page is written:
with_table). A page taken whole from an earlier build (output_cache) skips this: its HTML is not drawn again."""

from __future__ import annotations

from article_html import article_html, heading_link_titles
from citation import printed_html
from seedtext import layout
from seedtext.review import doubt_marks
from seedtext.site import variant_table

# Where a 原文对照 page's table goes in its HTML: the table is put in as the page is written (with_table).
# MkDocs holds every page's HTML from reading the pages to writing them (mkdocs#1960), and the tables are
# most of it (about 100 KB a page: 350 MB at N = 1000). A seed's text is escaped: it cannot hold this.
RAW_TABLE_MARK = "<!-- 原文对照表 -->"


def finished_html(html: str, page, build, config) -> str:
    """The page's HTML as the site shows it, from `html` as rendered from its Markdown."""
    path = page.file.src_uri
    variant = layout.variant_of(path, build.variants)
    html = heading_link_titles(html, config.mdx_configs["toc"].get("permalink_title"), variant)
    if path in build.raw_tables:  # a 原文对照 page: its table after its head, put in as it is written
        return html + "\n" + RAW_TABLE_MARK
    if variant and layout.section(path) == layout.ARTICLE_DIR:  # its links and where it was printed, under its head
        html = article_html(html, layout.raw_page_url(page.url) if build.options.extra.raw_pages else None,
                            build.labels[variant.root], printed_html(page))
    return html


def with_table(output: str, page, build) -> str:
    """The page as written: a 原文对照 page's table, in its script with its doubts marked, in place of
    RAW_TABLE_MARK (finished_html). A page taken whole from an earlier build has its table already."""
    path = page.file.src_uri
    at = output.find(RAW_TABLE_MARK) if path in build.raw_tables else -1
    if at < 0:
        return output
    site_page, variant, doubts = build.raw_tables[path]
    marks = doubt_marks(doubts, lambda d: build.labels[variant.root]["doubt"] + d.theirs)
    return output[:at] + variant_table(site_page, variant, build.cache, marks) + output[at + len(RAW_TABLE_MARK):]
