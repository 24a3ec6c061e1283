"""Post-render HTML of an article page (MkDocs side): the links to its 原文对照 page and each paragraph's
permanent link, added to the HTML Python-Markdown rendered from the article's Markdown (not to the Markdown:
`clean.py` and the text stay the article's own, and the links' labels are no part of the text's conversion
or search). It reads the shapes attr_list writes (`<p id="p3">`, `<p class="byline">`): listed in
material_internals.RELIED_ON under its version check.
"""

from __future__ import annotations

import re

# The links an article page gets in its HTML (not in its Markdown: `clean.py` and the text stay the
# article's own): labels in Simplified, converted per script by the caller.
LINK_LABELS = {"raw": "原文对照：与报纸原始提取文字逐段比较", "permalink": "本段的固定链接", "raw_short": "原文",
               "raw_paragraph": "本段的原文对照",
               "gap": "原报此处缺了一段文字（版面缺页或残缺），本站所据的原文没有这部分；"
                      "前后文字照原样排出，不作补写。"}
_PARAGRAPH = re.compile(r'(<p id="(p\d+)">)(.*?)</p>', re.S)
_GAP = re.compile(r'(<p class="gap">)(.*?)</p>', re.S)
_HEAD_END = re.compile(r'<p class="byline">.*?</p>|<p class="subtitle">.*?</p>|</h1>', re.S)


def article_html(page_html: str, raw_url: str | None, labels: dict[str, str], printed: str = "") -> str:
    """An article page's HTML with, under the byline (else the subtitle or the headline), a link to its
    原文对照 page and where it was printed (`printed`, HTML), and after each paragraph its permanent link
    (¶, to copy and cite) and its place on the 原文对照 page, in a `.para-links` that extra.css sets out of the
    text's flow (it never takes a line of its own) and shows when the paragraph is hovered, tapped or focused,
    labelled for screen readers, not printed, not searched (search_index.EXCLUDE_SELECTORS); under each gap
    mark (〔此处原文缺失〕) what it means. raw_url: the
    原文对照 page, relative to the article's; None when the site has none."""
    permalink, raw_paragraph = labels["permalink"], labels["raw_paragraph"]

    def paragraph(m: re.Match) -> str:
        anchor = m.group(2)
        return (f'{m.group(1)}{m.group(3)}<span class="para-links"><a class="para-link" href="#{anchor}" '
                f'aria-label="{permalink}" title="{permalink}">¶</a><a class="para-raw" href="{raw_url}#{anchor}" '
                f'aria-label="{raw_paragraph}" title="{raw_paragraph}">{labels["raw_short"]}</a></span></p>')

    heads = list(_HEAD_END.finditer(page_html))
    byline = next((m for m in heads if m.group(0).startswith('<p class="byline"')), None)
    subtitle = next((m for m in heads if m.group(0).startswith('<p class="subtitle"')), None)
    at = byline or subtitle or (heads[0] if heads else None)
    under_head = (f'<p class="raw-link"><a href="{raw_url}">{labels["raw"]}</a></p>' if raw_url else "") \
        + (f'\n<p class="printed">{printed}</p>' if printed else "")
    if at is not None and under_head:
        page_html = page_html[:at.end()] + "\n" + under_head.lstrip("\n") + page_html[at.end():]
    # The gap mark says what it means where it stands, for every reader (a tooltip would not reach a phone).
    page_html = _GAP.sub(lambda m: f'{m.group(1)}{m.group(2)}<small class="gap-note">{labels["gap"]}</small></p>',
                         page_html)
    return _PARAGRAPH.sub(paragraph, page_html) if raw_url else page_html


def heading_link_titles(page_html: str, title: str | None, variant) -> str:
    """A page's heading links (toc's ¶, `<a class="headerlink" href="#…" title="…">`) titled in the page's
    script: toc writes mkdocs.yml's `permalink_title`, in Simplified, on every page. variant: the page's;
    None outside the script trees."""
    if not title or variant is None or variant.text(title) == title:
        return page_html
    return page_html.replace(f'" title="{title}">', f'" title="{variant.text(title)}">')
