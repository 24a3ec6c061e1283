"""Does a word run across a line break? jieba's dictionary answers: 矫|正 is one word (矫正), so the
break is inside a sentence; 死角|徒步 is not, so a heading may end there."""

from __future__ import annotations

import functools
import logging

from .text import is_han

_MIN_FREQ = 20  # rarer dictionary entries are mostly names and fragments that match by chance


@functools.cache
def _frequencies() -> dict[str, int]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt.FREQ


def word_across(left: str, right: str) -> str:
    """A dictionary word made of the end of `left` and the start of `right` (two to four Han
    characters, at least one on each side), or ''."""
    freq = _frequencies()
    for size in (4, 3, 2):
        for k in range(1, size):
            word = left[-k:] + right[:size - k]
            if len(word) == size and all(is_han(c) for c in word) and freq.get(word, 0) >= _MIN_FREQ:
                return word
    return ""
