"""Where an article page was printed, how it is cited and where to read on (MkDocs side), from the pages'
front matter as converted to their script: the line under the byline (article_html), the GB/T 7714
reference with its citation_* tags and schema.org data (seedtext.printed.reference; overrides/main.html,
partials/content.html), and the previous and next article in the site's reading order
(seedtext.page.reading_order) with the article's city and the dates page (partials/content.html).
None of it is in the article's Markdown: `hooks/clean.py` prints the article's text alone."""

from __future__ import annotations

import html

from seedtext import layout
from seedtext.printed import ACCESSED, Printed, date_of, reference

# The words these add to a page, in Simplified (converted once per variant with the hook's others: LABELS).
CITE_LABELS = {"cite": "引用本文", "cite_copy": "复制引文", "cite_copied": "已复制", "accessed": ACCESSED,
               "cite_note": "按 GB/T 7714—2015 著录；方括号中的引用日期是你阅读本文的日期。",
               "read_on": "继续阅读", "previous": "上一篇", "next": "下一篇", "city_all": "的全部文章",
               "by_date": "按刊登日期浏览", "all_dates": "全部文章的日期"}


def printed_of(page) -> Printed:
    """What the page's front matter says of where it was printed (its values HTML-escaped)."""
    printed = page.meta.get("printed") or {}
    return Printed(paper=str(printed.get("paper", "")), date=date_of(printed.get("date", "")),
                   page=str(printed.get("page", "")))


def printed_html(page) -> str:
    """株洲日报 · <a>2025年12月30日</a> · 第A05版: the date a link to that day on its month's dates page."""
    printed = printed_of(page)  # its paper HTML-escaped already

    def day_link(day: str) -> str:
        month = f"{layout.root_of(page.url)}/{layout.page_url(layout.month_path(printed.date))}"
        return f'<a href="{layout.relative_url(month, page.url)}#{layout.date_anchor(printed.date)}">{day}</a>'

    return printed.line(day_link)


def page_reference(page, variant, variants, site_url: str | None, site_name: str):
    """The reference of an article page."""
    printed = printed_of(page)
    twins = [(link["lang"], link["link"]) for link in layout.alternates(layout.twin_url(page.url), variants, site_url)
             if link["lang"] not in (variant.lang, "x-default")]
    return reference(
        title=html.unescape(str(page.meta.get("title", page.title or ""))),
        authors=[html.unescape(str(name)) for name in page.meta.get("authors") or []],
        printed=Printed(paper=html.unescape(printed.paper), date=printed.date, page=printed.page),
        url=page.canonical_url or "", lang=variant.lang, site_name=site_name, translations=twins)


def read_on(page, before, after, city_page, dates_page) -> dict:
    """The previous and next article (pages; None at either end), the article's city page and the dates
    page, as links relative to `page` for partials/content.html."""
    def entry(other) -> dict | None:
        return {"url": layout.relative_url(other.url, page.url), "title": other.title,
                "city": other.meta.get("city", "")} if other else None

    return {"before": entry(before), "after": entry(after),
            "city": {"url": layout.relative_url(city_page.url, page.url), "name": city_page.meta.get("city")
                     or page.meta.get("city", "")} if city_page else None,
            "dates": layout.relative_url(dates_page.url, page.url) if dates_page else None}
