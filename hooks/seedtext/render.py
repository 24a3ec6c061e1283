"""Article -> Markdown page with YAML front matter.

Seed text is untrusted: everything taken from a seed is escaped here so that no
Markdown or HTML syntax in a seed becomes live markup on the site.
"""

from __future__ import annotations

import re

import yaml

from .model import Article, Block

# Characters Python-Markdown (and the extensions we enable) treat as inline syntax.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}()!|~^=+:#])")
# Block syntax is only live at the start of a line.
_BLOCK_START = re.compile(r"^(\s*)([-+>]|\d+[.)]|={2,}|-{2,})")
_SENTENCE_END = re.compile(r"^.*?[。！？!?](?:[”’」』）)]*)")


def escape_text(text: str) -> str:
    """Make seed text render literally: HTML entities for <, >, &, backslash escapes
    for Markdown punctuation, and a neutralised line start."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: m.group(1) + "".join("\\" + c for c in m.group(2)), text)


def first_sentence(article: Article) -> str:
    for block in article.blocks:
        if block.kind == "paragraph":
            m = _SENTENCE_END.match(block.text)
            return m.group(0) if m else block.text
    return ""


def front_matter(article: Article) -> dict:
    meta: dict = {"title": article.title}
    if article.subtitle:
        meta["subtitle"] = article.subtitle
    if article.authors:
        meta["authors"] = list(article.authors)
    if article.roles:
        meta["roles"] = {role: list(names) for role, names in article.roles.items()}
    if article.city:
        meta["city"] = article.city
    if article.period:
        meta["period"] = article.period
    meta["source"] = article.source
    if article.tags:
        meta["tags"] = list(article.tags)
    description = first_sentence(article)
    if description:
        meta["description"] = description
    return meta


def dump_front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def render_block(block: Block, anchor: str = "") -> str:
    text = escape_text(block.text)
    if block.kind == "heading":
        level = max(2, min(block.level or 2, 4))
        return "#" * level + " " + text
    attrs = {"caption": ".caption", "gap": ".gap"}.get(block.kind, "")
    if anchor:
        attrs = (attrs + " #" + anchor).strip()
    return text + (f"\n{{: {attrs} }}" if attrs else "")


def render_article(article: Article) -> str:
    """The Markdown page the site publishes for one article (Simplified, before conversion)."""
    parts = [dump_front_matter(front_matter(article)), "# " + escape_text(article.title)]
    if article.subtitle:
        parts.append(escape_text(article.subtitle) + "\n{: .subtitle }")
    if article.authors:
        byline = "　".join(escape_text(a) for a in article.authors)
        parts.append(byline + "\n{: .byline }")
    for n, block in enumerate(article.blocks, 1):
        anchor = f"p{n}" if block.kind == "paragraph" else ""
        parts.append(render_block(block, anchor))
    return "\n\n".join(parts) + "\n"
