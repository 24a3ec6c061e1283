"""Does a word run across a line break? jieba's segmentation of the text on both sides answers: 矫|正
is one word (矫正), so the break is inside a sentence; 死角|徒步 is not, so a heading may end there."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable

from .text import is_han, remembered

_MIN_FREQ = 10  # rarer dictionary entries are mostly names and fragments that the segmentation picks by chance
_CONTEXT = 6  # characters either side of the break segmented together


@functools.cache
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt


@remembered  # asked again of the same break by the line roles, captions and headings
def word_across(left: str, right: str) -> str:
    """The word jieba's segmentation puts across the break between `left` and `right` (two or more
    Han characters, at least one on each side), or ''. The text on both sides is segmented together,
    so a word the dictionary merely has (习惯|法) does not count where the text reads otherwise
    (习惯/法治)."""
    left, right = left[-_CONTEXT:], right[:_CONTEXT]
    if not (left and right and is_han(left[-1]) and is_han(right[0])):
        return ""
    found = word_at(_tokenizer().cut(left + right, HMM=False), len(left))
    if found is None:
        return ""
    word = found[1]
    # A two-character word must be a common one; a longer one the segmentation chose stands.
    common = _tokenizer().FREQ.get(word, 0) >= (_MIN_FREQ if len(word) == 2 else 1)
    return word if len(word) >= 2 and all(is_han(c) for c in word) and common else ""


@remembered
def ends_on_whole_word(text: str) -> bool:
    """Does jieba's segmentation end the text on a word of two characters or more (人人有责, 远离毒品)? A line cut in
    mid-phrase ends on one character (靠的是民 / 警, 同频共 / 振)."""
    words = _tokenizer().lcut(text[-_CONTEXT:], HMM=False)
    return bool(words) and len(words[-1]) >= 2 and all(is_han(c) for c in words[-1])


def word_at(words: Iterable[str], split: int) -> tuple[int, str] | None:
    """The word of a segmentation that runs across position `split` of the text it segmented, with its index;
    None where the text breaks between two words there. Reads the words only up to the break."""
    at = 0
    for k, word in enumerate(words):
        end = at + len(word)
        if at < split < end:
            return k, word
        if end >= split:
            return None
        at = end
    return None
