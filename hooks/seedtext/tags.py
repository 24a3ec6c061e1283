"""Tagging from the reviewed vocabulary in data/tags.yml (issue 5).

Pure functions, no mkdocs import: hooks/options.py checks the file entry by entry and builds the
`TagVocabulary`; tagpages.py builds the pages that follow the tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class TagRule:
    name: str
    group: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, kw_only=True)
class TagVocabulary:
    """data/tags.yml, checked entry by entry: the rules of the tags that are well formed, their names and
    synonyms as written (words the conversion keeps whole), and a message for each entry left out."""

    rules: tuple[TagRule, ...] = ()
    words: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # each names the file, the group, the tag, the key and the value


def tag_rule(group: str, name: str, synonyms: Iterable[str], patterns: Iterable[str]) -> TagRule:
    """A tag's name, synonyms (literal) and patterns (regular expressions, checked) compiled into one
    alternation, so tagging stays linear in text size."""
    alternatives = [re.escape(s) for s in (name, *synonyms)] + list(patterns)
    return TagRule(name=name, group=group, pattern=re.compile("|".join(alternatives)))


def tags_for_text(rules: Iterable[TagRule], text: str) -> list[TagRule]:
    """Tags whose name, synonym or pattern occurs in text, in vocabulary order."""
    return [rule for rule in rules if rule.pattern.search(text)]
