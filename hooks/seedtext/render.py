"""Article -> Markdown page with YAML front matter.

Seed text is untrusted: everything taken from a seed is escaped here so that no
Markdown or HTML syntax in a seed becomes live markup on the site.
"""

from __future__ import annotations

import functools
import html
import re

import yaml

from .cleaning.text import SENTENCE
from .model import Article, Block

# Inline syntax of Python-Markdown and the extensions we enable, all in its backslash-escapable set.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}()!#])")
# Syntax of common extensions (tables, tilde, caret, mark) that Python-Markdown cannot backslash-escape:
# a backslash would show. Numeric references render as the character and are never syntax.
_ENTITIES = {"|": "&#124;", "~": "&#126;", "^": "&#94;", "=": "&#61;"}
_ENTITY_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
# Block syntax is only live at the start of a line: lists, rules and setext underlines.
_BLOCK_START = re.compile(r"^([-+]|\d+(?=\.))", re.M)
# Leading spaces would make an indented code block; HTML drops them anyway.
_LINE_INDENT = re.compile(r"^[ \t]+", re.M)
# A blank line would end the block and leave its attributes on a stray paragraph.
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


@functools.lru_cache(maxsize=1 << 14)  # listings and related lists escape the same titles and cities again and again
def escape_text(text: str) -> str:
    """Make seed text render literally: HTML entities for <, >, &, backslash escapes
    for Markdown punctuation, and a neutralised line start. The reader sees exactly the text."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _BLANK_LINES.sub("\n", text.strip("\n"))
    text = _LINE_INDENT.sub("", text)
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY_SPECIAL.sub(lambda m: _ENTITIES[m.group(0)], text)
    # "1. " -> "1\. ", "- " -> "\- ": only the marker is escaped (a backslash before a digit would show).
    return _BLOCK_START.sub(lambda m: "\\" + m.group(1) if m.group(1) in "-+" else m.group(1) + "\\", text)


def html_text(text: str) -> str:
    """Front matter values reach the HTML raw (MkDocs' Jinja does not autoescape page.meta):
    title, description and the rest must be HTML-safe text."""
    return html.escape(text, quote=True)


def first_sentence(article: Article) -> str:
    """The lead for listings and the meta description: the first paragraph that does not open
    mid-sentence after a gap mark."""
    for n, block in enumerate(article.blocks):
        if block.kind == "paragraph" and not (n and article.blocks[n - 1].kind == "gap"):
            return SENTENCE.match(block.text).group(0) or block.text
    return ""


def front_matter(article: Article, tags: tuple[str, ...] = ()) -> dict:
    """Seed text in front matter is HTML-escaped (see html_text); tags come from the site's vocabulary."""
    meta: dict = {"title": html_text(article.title)}
    if article.subtitle:
        meta["subtitle"] = html_text(article.subtitle)
    if article.authors:
        meta["authors"] = [html_text(a) for a in article.authors]
    if article.roles:
        meta["roles"] = {html_text(role): [html_text(n) for n in names] for role, names in article.roles.items()}
    if article.city:
        meta["city"] = html_text(article.city)
    if article.period:
        meta["period"] = html_text(article.period)
    # For the citation (hooks/citation.py), in the page's script. `line` was for Material's tag listings; kept
    # so that the articles' Markdown, and so their cached renders, stay as they were.
    if article.printed:
        printed = article.printed
        meta["printed"] = {key: value for key, value in (
            ("line", html_text(printed.line())), ("paper", html_text(printed.paper)),
            ("date", printed.date.isoformat() if printed.date else ""), ("page", printed.page)) if value}
    meta["source"] = html_text(article.source)
    if tags:
        meta["tags"] = [html_text(t) for t in tags]  # authors' names are seed text
    description = first_sentence(article)
    if description:
        meta["description"] = html_text(description)
    return meta


# libyaml's writer where PyYAML has it: PyYAML's own took a tenth of a rebuild at N = 1000 (every listing
# page's front matter), and the two write these mappings alike.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_front_matter(meta: dict) -> str:
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def link_first_mentions(block: Block, links: list[tuple[re.Pattern, str]], linked: set[str]) -> str:
    """The paragraph's escaped text with the first mention (in this section) of each tagged term
    made a link to the tag's listing. Terms come from the reviewed vocabulary; the seed text
    around them stays escaped. `linked` holds the URLs already linked in this section."""
    text = escape_text(block.text)
    taken: list[tuple[int, int]] = []  # spans of the escaped text already inside a link
    for pattern, url in links:
        if url in linked:
            continue
        m = pattern.search(block.text)
        if not m:
            continue
        term = escape_text(m.group(0))
        at = text.find(term)
        while at >= 0 and any(a < at + len(term) and at < b for a, b in taken):
            at = text.find(term, at + 1)
        if at < 0:
            continue
        link = f"[{term}]({url})"
        text = text[:at] + link + text[at + len(term):]
        taken = [(a + (len(link) - len(term) if a > at else 0), b + (len(link) - len(term) if b > at else 0))
                 for a, b in taken] + [(at, at + len(link))]
        linked.add(url)
    return text


def render_block(block: Block, anchor: str = "", text: str | None = None) -> str:
    text = escape_text(block.text) if text is None else text
    if block.kind == "heading":
        level = max(2, min(block.level or 2, 4))
        return "#" * level + " " + text
    attrs = {"caption": ".caption", "gap": ".gap", "display": ".display"}.get(block.kind, "")
    if anchor:
        attrs = (attrs + " #" + anchor).strip()
    return text + (f"\n{{: {attrs} }}" if attrs else "")


def render_article(article: Article, tags: tuple[str, ...] = (),
                   links: list[tuple[re.Pattern, str]] | None = None) -> str:
    """The article's front matter and text as the site publishes them (Simplified, before conversion).
    links: (term pattern, tag listing URL); the first mention in each section becomes a link. Where it
    was printed is in the front matter (`printed`): the page shows it under the byline (hooks/article_html.py),
    not in the text a cleaner is judged on."""
    parts = [dump_front_matter(front_matter(article, tags))]
    if article.kicker:
        parts.append(escape_text(article.kicker) + "\n{: .kicker }")
    parts.append("# " + escape_text(article.title))
    if article.subtitle:
        parts.append(escape_text(article.subtitle) + "\n{: .subtitle }")
    byline = article.byline or "　".join(article.authors)
    if byline:
        parts.append(escape_text(byline) + "\n{: .byline }")
    linked: set[str] = set()
    for n, block in enumerate(article.blocks, 1):
        if block.kind == "heading":
            linked = set()  # a new section: link its first mentions again
        if block.kind == "paragraph":
            parts.append(render_block(block, f"p{n}", link_first_mentions(block, links or [], linked)))
        else:
            parts.append(render_block(block))
    return "\n\n".join(parts) + "\n"


def render_text(article: Article) -> str:
    """The cleaned article as plain text with Markdown heading marks and nothing escaped
    (`clean.py --text`): one block per paragraph; captions stand between two blank lines, as an
    image leaves them on the page, so that cleaning this text again gives the same article."""
    kickers = [h.text for h in article.head if h.kind == "kicker"]
    parts = [("## " if n == 0 else "") + text for n, text in enumerate(kickers)]
    parts.append("# " + article.title)
    parts += [h.text for h in article.head if h.kind in ("subtitle", "byline")]
    for block in article.blocks:
        if block.kind == "caption":
            parts.append(f"\n{block.text}\n")
        elif block.kind == "heading":
            parts.append("#" * max(2, block.level) + " " + block.text)
        else:
            parts.append(block.text)
    return "\n\n".join(parts) + "\n"
