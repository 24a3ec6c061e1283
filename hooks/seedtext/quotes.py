"""Quotation marks: the style a script variant prints, and the check that a block's marks pair up.

The seeds print mainland marks, “…” with ‘…’ inside. Taiwan and Hong Kong print corner
brackets, 「…」 with 『…』 inside. The change is mark for mark (“ is always 「, ’ always 』),
so nesting is kept and a mark without a partner stays a mark without a partner: nothing is
guessed. Marks that do not pair are the cleaner's warning (`unpaired_quote`), for an editor.
"""

from __future__ import annotations

import re
from enum import StrEnum


class QuoteStyle(StrEnum):
    """The quotation marks a variant prints (`quotes:` on an entry of extra.variants in mkdocs.yml)."""

    AS_PRINTED = "as-printed"
    """The marks the paper printed (mainland “…” and ‘…’); the Simplified site."""
    CORNER = "corner"
    """Corner brackets 「…」 and 『…』 for a quote inside a quote, as Taiwan and Hong Kong print them."""


# Opening mark -> its closing mark, for every pair the check knows.
PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
_CLOSING_OF = {close: open_ for open_, close in PAIRS.items()}
_CORNER = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})

# ’ between two Latin letters or digits is an apostrophe (Xi’an, China’s), not a quote.
QUOTE_MARK = re.compile(r"[“”‘「」『』]|(?<![A-Za-z0-9])’|’(?![A-Za-z0-9])")

# What the corner style never touches in a page's Markdown: code (fenced, inline, <code>, <pre>),
# HTML tags with their attributes, link and image destinations.
MARKUP = re.compile(
    r"```.*?```|`[^`\n]+`|<(?P<element>code|pre)\b[^>]*>.*?</(?P=element)>|<[^>]*>|\]\([^)\n]*\)",
    re.S,
)


def corner_quotes(text: str) -> str:
    """Plain text with mainland marks made corner brackets, mark for mark; apostrophes kept."""
    return QUOTE_MARK.sub(lambda m: m.group().translate(_CORNER), text)


def in_style(markdown: str, style: QuoteStyle | str | None) -> str:
    """A page's Markdown with its quotation marks in `style`: only in text, never in code, HTML tags
    (attributes) or URLs."""
    if style != QuoteStyle.CORNER:
        return markdown
    return _MARKUP_OR_QUOTE.sub(_corner_outside_markup, markdown)


# Markup first: a quotation mark inside it is part of the markup match and stays as it is.
_MARKUP_OR_QUOTE = re.compile(f"(?P<markup>{MARKUP.pattern})|{QUOTE_MARK.pattern}", re.S)


def _corner_outside_markup(match: re.Match) -> str:
    return match.group() if match.group("markup") is not None else match.group().translate(_CORNER)


def unpaired_quote(text: str, next_opens: str = "") -> int | None:
    """The index in `text` of the first quotation mark without a partner, or None when all pair up.

    `next_opens`: the mark the next paragraph opens with. A quotation of several paragraphs is printed
    so: every paragraph opens it, only the last closes it; one mark left open here that the next
    paragraph opens again is not a fault."""
    stack: list[tuple[str, int]] = []
    for match in QUOTE_MARK.finditer(text):
        mark, at = match.group(), match.start()
        if mark in PAIRS:
            stack.append((mark, at))
        elif stack and stack[-1][0] == _CLOSING_OF[mark]:
            stack.pop()
        else:
            return at  # a closing mark with nothing open, or closing another kind of mark
    if not stack or (len(stack) == 1 and stack[0][0] == next_opens):
        return None
    return stack[0][1]


def opening_mark(text: str) -> str:
    """The quotation mark a text opens with ("" if none): a paragraph continuing a quotation."""
    return text[:1] if text[:1] in PAIRS else ""
