"""The site owner's options, checked with MkDocs' own config classes: the cleaner's word lists in
`data/cleaning.yml` and the script variants in `mkdocs.yml` (`extra.variants`). A typo or a value
of the wrong type is one error naming the file, the key and the value.

The text library (`seedtext`) takes the checked options as a plain dict and has no list of its
own: every default is here.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from search_index import PART_PAGES
from seedtext.quotes import QuoteStyle


class OptionsError(ValueError):
    """Options that cannot be used; the message names the file, the key and the value."""


class Pattern(c.Type):
    """A Python regular expression, compiled to check it."""

    def __init__(self, **kwargs):
        super().__init__(str, **kwargs)

    def run_validation(self, value):
        value = super().run_validation(value)
        try:
            re.compile(value)
        except re.error as exc:
            raise ValidationError(f"{value!r} is not a regular expression ({exc})") from None
        return value


class Word(c.Type):
    """A word looked for in the text: not empty, no spaces in it."""

    def __init__(self, **kwargs):
        super().__init__(str, **kwargs)

    def run_validation(self, value):
        value = super().run_validation(value)
        if not value.strip() or any(ch.isspace() for ch in value):
            raise ValidationError(f"{value!r} is not a word (empty, or with a space in it)")
        return value


class CleaningOptions(Config):
    """data/cleaning.yml: what the cleaner recognises (its header explains each key)."""

    cities = c.ListOfItems(c.Type(str), default=[])
    filler_patterns = c.ListOfItems(Pattern(), default=[])
    running_heads = c.ListOfItems(Pattern(), default=[])
    photo_pointers = c.Type(str, default="")
    caption_markers = c.ListOfItems(c.Type(str), default=[])
    caption_phrases = c.ListOfItems(c.Type(str), default=[])
    caption_credits = c.ListOfItems(c.Type(str), default=[])
    max_caption_length = c.Type(int, default=80)
    byline_roles = c.ListOfItems(Word(), default=[])
    byline_paper_endings = c.ListOfItems(Word(), default=[])
    byline_markers = c.ListOfItems(c.Type(str), default=[])
    max_heading_width = c.Type(int, default=30)
    fragment_starts = c.Type(str, default="")
    gap_mark = c.Type(str, default="〔此处原文缺失〕")


class VariantOptions(Config):
    """One entry of extra.variants in mkdocs.yml: a script tree of the site."""

    lang = c.Type(str)  # BCP 47: zh-Hans, zh-Hant, zh-Hant-HK
    root = c.Type(str)  # URL folder: zh-hans
    name = c.Type(str)  # the switch's label, in that script
    opencc = c.Optional(c.Type(str))  # OpenCC config that makes it from Simplified; null for Simplified
    theme_language = c.Type(str, default="zh")  # Material's UI strings to start from
    phrases = c.Optional(c.Type(str))  # a phrase dictionary of its own (default: extra.script_phrases)
    quotes = c.Choice([style.value for style in QuoteStyle], default=QuoteStyle.AS_PRINTED.value)  # seedtext.quotes


class WholeNumber(c.Type):
    """A whole number, at least 1 (not true or false, which YAML also reads as numbers)."""

    def __init__(self, **kwargs):
        super().__init__(int, **kwargs)

    def run_validation(self, value):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise c.ValidationError(f"expected a whole number, at least 1, not {value!r}")
        return value


class SiteExtra(Config):
    """The keys of `extra:` in mkdocs.yml that this site reads (the others are Material's or free)."""

    script_phrases = c.Optional(c.Type(str))  # the reviewed phrase dictionary, before OpenCC's own
    raw_pages = c.Type(bool, default=True)  # every article's 原文对照 page
    largest_seed_kb = c.Optional(WholeNumber())  # a larger seed gets a warning
    search_part_pages = WholeNumber(default=PART_PAGES)  # pages one Pagefind run indexes at most
    variants = c.Type(list, default=[])  # checked entry by entry: variant_options


class ReviewDecision(Config):
    """One entry of data/conversion-review.yml: a word the two converters print differently, decided."""

    word = c.Type(str)  # in Simplified, as the seeds print it
    choice = c.Type(str)  # what the site prints
    why = c.Type(str)  # the reason, for the next reviewer


def checked(schema: type[Config], values: object, where: str) -> dict:
    """`values` checked against `schema`; OptionsError naming `where`, the key and the value."""
    if not isinstance(values, dict):
        raise OptionsError(f"{where}: expected a mapping of keys, got {values!r}")
    config = schema()
    config.load_dict(values)
    errors, warnings = config.validate()
    names = option_names(schema)
    problems = [f"{where}: key {key!r} = {values.get(key)!r}: {error}" for key, error in errors]
    problems += [f"{where}: unknown key {key!r} (known: {', '.join(names)})" for key, _ in warnings
                 if key not in names]
    if problems:
        raise OptionsError("; ".join(problems))
    return {key: config[key] for key in names}


def option_names(schema: type[Config]) -> list[str]:
    return [name for name, option in vars(schema).items() if isinstance(option, BaseConfigOption)]


def cleaning_options(path: Path) -> dict:
    """data/cleaning.yml, checked; every key the file leaves out takes its default."""
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise OptionsError(f"{path.name}: not valid UTF-8 YAML ({exc})") from None
    return checked(CleaningOptions, values or {}, f"data/{path.name}")


def site_extra(extra: dict) -> tuple[dict, list[str]]:
    """The keys of mkdocs.yml's `extra:` this site reads, checked (OptionsError naming the key and the
    value), and a warning for each other key spelt nearly like one of them (a typo that would be ignored)."""
    names = option_names(SiteExtra)
    values = checked(SiteExtra, {key: value for key, value in extra.items() if key in names}, "mkdocs.yml: extra")
    warnings = [f"mkdocs.yml: extra: key {key!r} is not one this site reads; did you mean {close[0]!r}?"
                for key in extra if key not in names
                for close in [difflib.get_close_matches(str(key), names, n=1, cutoff=0.75)] if close]
    return values, warnings


def variant_options(entries: object) -> list[dict]:
    """extra.variants from mkdocs.yml, each entry checked."""
    if not isinstance(entries, list):
        raise OptionsError(f"mkdocs.yml: extra.variants must be a list of variants, got {entries!r}")
    variants = [checked(VariantOptions, entry, f"mkdocs.yml: extra.variants[{n}]") for n, entry in enumerate(entries)]
    roots = [v["root"] for v in variants]
    if len(set(roots)) != len(roots):
        raise OptionsError(f"mkdocs.yml: extra.variants: two variants share a root ({roots})")
    return variants


def conversion_review(path: Path, roots: list[str]) -> dict[str, list[dict]]:
    """data/conversion-review.yml, checked: for each variant root, its decided words."""
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise OptionsError(f"{path.name}: not valid UTF-8 YAML ({exc})") from None
    values = values or {}
    if not isinstance(values, dict):
        raise OptionsError(f"{path.name}: expected a mapping of variant roots ({', '.join(roots)}) to lists")
    review: dict[str, list[dict]] = {root: [] for root in roots}
    for root, entries in values.items():
        if root not in roots:
            raise OptionsError(f"{path.name}: key {root!r} is not a converted variant's root ({', '.join(roots)})")
        if not isinstance(entries, list):
            raise OptionsError(f"{path.name}: {root}: expected a list of {{word, choice, why}}, got {entries!r}")
        review[root] = [checked(ReviewDecision, entry, f"{path.name}: {root}[{n}]") for n, entry in enumerate(entries)]
        for n, entry in enumerate(review[root]):
            if not entry["why"].strip():
                raise OptionsError(f"{path.name}: {root}[{n}] ({entry['word']}): `why` is empty")
    return review
