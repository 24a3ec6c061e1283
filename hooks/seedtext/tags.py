"""Tagging from the reviewed vocabulary in data/tags.yml (issue 5).

Pure functions, no mkdocs import; tagpages.py builds the pages that follow the tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class TagRule:
    name: str
    group: str
    pattern: re.Pattern[str]


def load_vocabulary(path: Path) -> list[TagRule]:
    """Compile every tag once into one alternation, so tagging stays linear in text size."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rules = []
    for group, tags in raw.items():
        for name, spec in (tags or {}).items():
            spec = spec or {}
            literals = [str(name), *spec.get("synonyms", [])]
            alternatives = [re.escape(s) for s in literals] + list(spec.get("patterns", []))
            rules.append(TagRule(str(name), str(group), re.compile("|".join(alternatives))))
    return rules


def tag_words(path: Path) -> list[str]:
    """Every tag's name and synonyms as written (not its patterns): words the conversion keeps whole."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [str(word) for tags in raw.values() for name, spec in (tags or {}).items()
            for word in (name, *((spec or {}).get("synonyms", [])))]


def tags_for_text(rules: list[TagRule], text: str) -> list[TagRule]:
    """Tags whose name, synonym or pattern occurs in text, in vocabulary order."""
    return [rule for rule in rules if rule.pattern.search(text)]
