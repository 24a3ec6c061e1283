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


@dataclass(frozen=True)
class TagVocabulary:
    """data/tags.yml, checked entry by entry: the rules of the tags that are well formed, their names and
    synonyms as written (words the conversion keeps whole), and a message for each entry left out."""

    rules: tuple[TagRule, ...] = ()
    words: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # each names the file, the group, the tag and the value


_SPEC_KEYS = ("synonyms", "patterns")


def load_vocabulary(path: Path) -> TagVocabulary:
    """Compile every tag once into one alternation, so tagging stays linear in text size. A tag whose
    entry is malformed (a pattern that is no regular expression, a synonym that is no word, a key the
    file does not take) is left out with a message naming it; the others apply."""
    where = f"data/{path.name}"
    if not path.exists():
        return TagVocabulary()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        return TagVocabulary(problems=(f"{where}: not valid UTF-8 YAML{at}: {getattr(exc, 'problem', None) or exc}; "
                                       "no tag is published until it is fixed",))
    if not isinstance(raw, dict):
        return TagVocabulary(problems=(f"{where}: expected groups of tags (城市: {{长沙: …}}), got {raw!r}",))
    rules, words, problems = [], [], []
    for group, tags in raw.items():
        if not isinstance(tags, dict):
            problems.append(f"{where}: group {group}: expected its tags ({{反诈: {{synonyms: [电诈]}}}}), "
                            f"got {tags!r}; the group is left out")
            continue
        for name, spec in tags.items():
            rule, problem = _rule(str(group), str(name), spec or {})
            if problem:
                problems.append(f"{where}: {group} → {name}: {problem}; this tag is left out, the others apply")
            else:
                rules.append(rule)
                words += [rule.name, *(spec or {}).get("synonyms", [])]
    return TagVocabulary(tuple(rules), tuple(words), tuple(problems))


def _rule(group: str, name: str, spec: object) -> tuple[TagRule | None, str]:
    if not isinstance(spec, dict):
        return None, f"expected {{synonyms: […], patterns: […]}}, got {spec!r}"
    unknown = [key for key in spec if key not in _SPEC_KEYS]
    if unknown:
        return None, f"key {unknown[0]!r} is not one of {', '.join(_SPEC_KEYS)}"
    synonyms, patterns = spec.get("synonyms", []), spec.get("patterns", [])
    for key, values in (("synonyms", synonyms), ("patterns", patterns)):
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            return None, f"{key} must be a list of text, not {values!r}"
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            return None, f"pattern {pattern!r} is not a regular expression ({exc})"
    alternatives = [re.escape(s) for s in (name, *synonyms)] + list(patterns)
    return TagRule(name, group, re.compile("|".join(alternatives))), ""


def tags_for_text(rules: list[TagRule], text: str) -> list[TagRule]:
    """Tags whose name, synonym or pattern occurs in text, in vocabulary order."""
    return [rule for rule in rules if rule.pattern.search(text)]
