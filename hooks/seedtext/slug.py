"""Readable URL names: pinyin, lower case, joined by hyphens (zhu-zhou-feng-qi-bi-duo-zhu-pin-pai).

An article's name is made once, the first time it is published, and then kept (seedtext.urls): the rules
here make new names only, and changing them changes no published URL.
"""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

from .words import words

# A new article's URL name has at most this many characters, in whole words (one very long first word may
# pass it: a name is never cut inside a word).
ARTICLE_SLUG_LENGTH = 60
FALLBACK_SLUG = "article"  # a title with nothing to spell in pinyin or Latin letters
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # what the names here are made of (fullmatch)
_NON_WORD = re.compile(r"[^a-z0-9]+")


def syllables(text: str) -> list[str]:
    """The pinyin of each Han character of `text`, and each run of Latin letters and digits, lower case."""
    spelt = (_NON_WORD.sub("", item.lower()) for item in lazy_pinyin(text, errors=lambda s: [s]))
    return [item for item in spelt if item]


def pinyin_slug(text: str, max_length: int) -> str:
    """A tag's URL name: the syllables of `text` that fit in `max_length` characters."""
    slug = ""
    for syllable in syllables(text):
        candidate = f"{slug}-{syllable}" if slug else syllable
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or FALLBACK_SLUG


def article_slug(city: str, title: str) -> str:
    """A new article's URL name: its city, then its title, word by word (seedtext.words cuts the title as the
    conversion does), as many whole words as fit in ARTICLE_SLUG_LENGTH. A title that starts with its city
    (株洲公安…) does not get the city twice."""
    spelt = [syllables(word) for word in ([] if not city or title.startswith(city) else [city]) + words(title)]
    slug = ""
    for word in filter(None, spelt):
        candidate = "-".join([slug, *word] if slug else word)
        if slug and len(candidate) > ARTICLE_SLUG_LENGTH:
            break
        slug = candidate
    return slug or FALLBACK_SLUG
