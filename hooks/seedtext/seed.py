"""Stage 1: one seed file -> its cleaned articles (decoded, cleaned, checked lossless; not yet tagged
or rendered). This is what the cache keeps per seed; later stages never change it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .cleaning import clean
from .cleaning.evidence import doubtful
from .cleaning.lossless import check_lossless
from .config import CleaningOptions
from .decode import decode_seed
from .model import Article, Edit, Notice, SeedError
from .packed import Packed


@dataclass(frozen=True)
class CleanedSeed:
    source: str  # seed file name
    articles: tuple[Article, ...] = ()
    # Every edit of the cleaner (--explain, the 原文对照 pages), packed (seedtext.packed): most of a seed's size
    edits: Sequence[Edit] = ()
    warnings: tuple[Notice, ...] = ()
    error: str = ""  # set when the seed could not be read at all
    encoding: str = ""  # what decode_seed detected (the hook logs it at debug level)
    size: int = 0  # bytes
    raw_lines: Sequence[str] = ()  # the decoded text's lines, as the edits number them (the 原文对照 pages); packed
    # The raw lines of the decisions weighed close to the balance (evidence.doubtful), the closest first: the
    # build's log names them each build without unpacking the edits
    doubtful_lines: tuple[int, ...] = ()


class _TextDates(yaml.SafeLoader):
    """YAML as safe_load reads it, but a date stays the text it is: the overrides checking reads it
    (seedtext.printed.date_of), so `date: 2025-02-30` is a warning naming the key, not a crash."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load_yaml(path: Path) -> object:
    if not path.exists():
        return {}
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDates) or {}  # a SafeLoader


def overrides_path(seed: Path) -> Path:
    return seed.parent / "overrides" / (seed.stem + ".yml")


def clean_seed(seed: Path, options: CleaningOptions) -> CleanedSeed:
    try:
        data = seed.read_bytes()
        notes: list[tuple[int, str]] = []
        text, encoding = decode_seed(data, notes)
    except (SeedError, OSError) as exc:
        return CleanedSeed(seed.name, error=str(exc))
    unreadable: list[Notice] = []
    try:
        overrides = load_yaml(overrides_path(seed))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        # The article is still published, as the rules clean it; the editor's corrections wait for the fix.
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        unreadable.append(Notice(0, "", f"not valid UTF-8 YAML{where}: {getattr(exc, 'problem', None) or exc}; "
                                        "none of its corrections apply until it is fixed"))
        overrides = {}
    try:
        result = clean(text, seed.name, options, overrides)
    except Exception as exc:  # one seed that trips the cleaner must not take the whole site down
        return CleanedSeed(seed.name, encoding=encoding, size=len(data), error=(
            f"the cleaner failed on this seed ({type(exc).__name__}: {exc}); the seed is left out: "
            "report it with this file attached"))
    raw_lines = text.split("\n")
    read_notes = [Notice(no, raw_lines[no - 1].strip() if no <= len(raw_lines) else "", message)
                  for no, message in notes]
    warnings = read_notes + unreadable + list(result.warnings) + check_lossless(text, result)
    return CleanedSeed(seed.name, tuple(result.articles), Packed(result.edits), tuple(warnings), "", encoding,
                       len(data), Packed(raw_lines), tuple(edit.line for edit in doubtful(result.edits)))
