"""Readable, stable URL slugs: pinyin of city + title."""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

_NON_WORD = re.compile(r"[^a-z0-9]+")


def pinyin_slug(text: str, max_length: int = 60) -> str:
    words = [_NON_WORD.sub("", w.lower()) for w in lazy_pinyin(text, errors=lambda s: [s])]
    slug = ""
    for word in filter(None, words):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or "article"


def article_slug(city: str, title: str) -> str:
    return pinyin_slug(f"{city} {title}" if city else title)
