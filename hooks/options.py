"""The site owner's options, checked with MkDocs' own config classes, as one frozen `SiteOptions`
(`load_site_options`, which the hook, the tests and the bench take): the keys of `extra:` in mkdocs.yml
this site reads, with the script variants; the cleaner's word lists in data/cleaning.yml; the tag
vocabulary in data/tags.yml; the conversion review's decisions in data/conversion-review.yml; the URLs the
site has published, data/published-urls.yml. A typo or a value of the wrong type is one message naming the
file, the key and the value.

Every object handed on is frozen and read by attribute, so a misspelt name in code is an AttributeError,
not a silent default. Each default is defined once, on the frozen class (the text library's own for its
inputs: `seedtext.config.CleaningOptions`); the schemas below take theirs from there (`default_of`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from types import MappingProxyType

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from search_index import PART_PAGES
from seedtext import convert as script_convert
from seedtext.config import CleaningOptions
from seedtext.layout import is_site_url
from seedtext.paging import PAGE_SIZE
from seedtext.quotes import QuoteStyle
from seedtext.review import Decision, zhconv_target
from seedtext.site import Variant, project_vocabulary
from seedtext.slug import SLUG
from seedtext.tags import TagVocabulary, tag_rule
from seedtext.urls import URLS_FILE, ArticleKey, PublishedUrls

# The site owner's files, from the project folder (beside mkdocs.yml).
CLEANING_FILE = Path("data", "cleaning.yml")
TAGS_FILE = Path("data", "tags.yml")
REVIEW_FILE = Path("data", "conversion-review.yml")
# And data/published-urls.yml: seedtext.urls.URLS_FILE, beside the code that reads the seeds against it.


class OptionsError(ValueError):
    """Options that cannot be used; the message names the file, the key and the value."""


def default_of(cls: type, name: str) -> object:
    """The default of field `name` of the frozen class `cls`, as a schema takes it (a tuple as a list)."""
    value = next(f.default for f in fields(cls) if f.name == name)
    return list(value) if isinstance(value, tuple) else value


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


class Text(c.Type):
    """Text looked for as written: not empty."""

    def __init__(self, **kwargs):
        super().__init__(str, **kwargs)

    def run_validation(self, value):
        value = super().run_validation(value)
        if not value.strip():
            raise ValidationError(f"{value!r} is empty")
        return value


class WholeNumber(c.Type):
    """A whole number, at least 1 (not true or false, which YAML also reads as numbers)."""

    def __init__(self, **kwargs):
        super().__init__(int, **kwargs)

    def run_validation(self, value):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationError(f"expected a whole number, at least 1, not {value!r}")
        return value


class Slug(c.Type):
    """A URL name as the site makes them (seedtext.slug): lower-case letters and digits, in words joined by
    single hyphens."""

    def __init__(self, **kwargs):
        super().__init__(str, **kwargs)

    def run_validation(self, value):
        value = super().run_validation(value)
        if not SLUG.fullmatch(value):
            raise ValidationError(f"{value!r} is not a URL name (lower-case letters and digits, words joined by "
                                  "single hyphens: zhu-zhou-feng-qi-bi-duo)")
        return value


class UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML with no key given twice in one mapping: PyYAML keeps the last one and drops the other unseen.
    Read by libyaml where PyYAML has it: data/published-urls.yml grows with the site (1 s a build at
    N = 1000 with PyYAML's own reader, a tenth of that with libyaml's)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):  # the mapping itself refuses it
                continue
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"key {key!r} is given twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


class CleaningSchema(Config):
    """data/cleaning.yml, checked into `seedtext.config.CleaningOptions` (the file's header explains each key)."""

    cities = c.ListOfItems(c.Type(str), default=default_of(CleaningOptions, "cities"))
    filler_patterns = c.ListOfItems(Pattern(), default=default_of(CleaningOptions, "filler_patterns"))
    running_heads = c.ListOfItems(Pattern(), default=default_of(CleaningOptions, "running_heads"))
    photo_pointers = c.Type(str, default=default_of(CleaningOptions, "photo_pointers"))
    caption_markers = c.ListOfItems(c.Type(str), default=default_of(CleaningOptions, "caption_markers"))
    caption_phrases = c.ListOfItems(c.Type(str), default=default_of(CleaningOptions, "caption_phrases"))
    caption_credits = c.ListOfItems(c.Type(str), default=default_of(CleaningOptions, "caption_credits"))
    max_caption_length = WholeNumber(default=default_of(CleaningOptions, "max_caption_length"))
    byline_roles = c.ListOfItems(Word(), default=default_of(CleaningOptions, "byline_roles"))
    byline_paper_endings = c.ListOfItems(Word(), default=default_of(CleaningOptions, "byline_paper_endings"))
    byline_markers = c.ListOfItems(c.Type(str), default=default_of(CleaningOptions, "byline_markers"))
    max_heading_width = WholeNumber(default=default_of(CleaningOptions, "max_heading_width"))
    fragment_starts = c.Type(str, default=default_of(CleaningOptions, "fragment_starts"))
    gap_mark = c.Type(str, default=default_of(CleaningOptions, "gap_mark"))


@dataclass(frozen=True, kw_only=True)
class VariantOptions:
    """One entry of extra.variants in mkdocs.yml, as written: a script tree of the site (`build_variants`
    makes the build's `seedtext.site.Variant` of it)."""

    lang: str  # BCP 47: zh-Hans, zh-Hant, zh-Hant-HK
    root: str  # URL folder: zh-hans
    name: str  # the switch's label, in that script
    opencc: str | None = None  # OpenCC config that makes it from Simplified; None for Simplified
    theme_language: str = "zh"  # Material's UI strings to start from
    phrases: str | None = None  # a phrase dictionary of its own (None: extra.script_phrases)
    quotes: QuoteStyle = QuoteStyle.AS_PRINTED  # seedtext.quotes


class VariantSchema(Config):
    """One entry of extra.variants, checked into `VariantOptions`."""

    lang = c.Type(str)
    root = c.Type(str)
    name = c.Type(str)
    opencc = c.Optional(c.Type(str))
    theme_language = c.Type(str, default=default_of(VariantOptions, "theme_language"))
    phrases = c.Optional(c.Type(str))
    quotes = c.Choice([style.value for style in QuoteStyle], default=default_of(VariantOptions, "quotes"))


@dataclass(frozen=True, kw_only=True)
class SiteExtra:
    """The keys of `extra:` in mkdocs.yml that this site reads (the others are Material's or free)."""

    script_phrases: str | None = None  # the reviewed phrase dictionary, before OpenCC's own (from the project)
    raw_pages: bool = True  # every article's 原文对照 page
    largest_seed_kb: int | None = None  # a larger seed gets a warning
    search_part_pages: int = PART_PAGES  # pages one Pagefind run indexes at most
    listing_page_size: int = PAGE_SIZE  # articles on one page of a tag's listing or the undated ones
    render_ahead_pages: int | None = None  # with this many pages to convert or draw, a second process does half
    variants: tuple[VariantOptions, ...] = ()


class SiteExtraSchema(Config):
    """`SiteExtra`, checked; extra.variants is checked entry by entry (`variant_options`)."""

    script_phrases = c.Optional(c.Type(str))
    raw_pages = c.Type(bool, default=default_of(SiteExtra, "raw_pages"))
    largest_seed_kb = c.Optional(WholeNumber())
    search_part_pages = WholeNumber(default=default_of(SiteExtra, "search_part_pages"))
    listing_page_size = WholeNumber(default=default_of(SiteExtra, "listing_page_size"))
    render_ahead_pages = c.Optional(WholeNumber())
    variants = c.Type(list, default=default_of(SiteExtra, "variants"))


class TagSchema(Config):
    """One tag of data/tags.yml (group → tag → these keys); its name is matched too."""

    synonyms = c.ListOfItems(Text(), default=[])  # matched as written
    patterns = c.ListOfItems(Pattern(), default=[])  # Python regular expressions


class DecisionSchema(Config):
    """One entry of data/conversion-review.yml, checked into `seedtext.review.Decision`."""

    word = c.Type(str)  # in Simplified, as the seeds print it
    choice = c.Type(str)  # what the site prints
    why = c.Type(str)  # the reason, for the next reviewer (not blank: conversion_review)


@dataclass(frozen=True, kw_only=True)
class SiteOptions:
    """Every option of the site, checked (`load_site_options`)."""

    extra: SiteExtra  # mkdocs.yml's extra: keys, the variants as written
    cleaning: CleaningOptions  # data/cleaning.yml
    tags: TagVocabulary  # data/tags.yml (its problems: warnings, the other tags apply)
    variants: tuple[Variant, ...]  # as the build uses them: phrase file found, the project's words
    review: Mapping[str, tuple[Decision, ...]]  # data/conversion-review.yml: converted variant's root -> decisions
    published_urls: PublishedUrls  # data/published-urls.yml (its problems: warnings, the other entries apply)


def option_names(schema: type[Config]) -> list[str]:
    return [name for name, option in vars(schema).items() if isinstance(option, BaseConfigOption)]


def problems_of(schema: type[Config], values: dict, where: str) -> tuple[dict, list[str]]:
    """`values` checked against `schema`: every key's value (defaults filled in), and a message naming
    `where`, the key and the value for each key that is wrong or unknown."""
    config = schema()
    config.load_dict(values)
    errors, warnings = config.validate()
    names = option_names(schema)
    problems = [f"{where}: key {key!r} = {values.get(key)!r}: {str(error).rstrip('.')}" for key, error in errors]
    problems += [f"{where}: unknown key {key!r} = {values[key]!r} (known: {', '.join(names)})"
                 for key, _ in warnings if key not in names]
    return {key: config[key] for key in names}, problems


def checked(schema: type[Config], values: object, where: str) -> dict:
    """`values` checked against `schema`; OptionsError naming `where`, the key and the value."""
    if not isinstance(values, dict):
        raise OptionsError(f"{where}: expected a mapping of keys, got {values!r}")
    checked_values, problems = problems_of(schema, values, where)
    if problems:
        raise OptionsError("; ".join(problems))
    return checked_values


def frozen(cls: type, values: dict):
    """A frozen options object of checked values (lists as tuples)."""
    return cls(**{key: tuple(value) if isinstance(value, list) else value for key, value in values.items()})


def read_yaml(path: Path, where: str) -> object:
    """A YAML file of the site owner's as read (None when there is none); OptionsError when it is no YAML."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise OptionsError(f"{where}: not valid UTF-8 YAML ({exc})") from None


def cleaning_options(path: Path) -> CleaningOptions:
    """data/cleaning.yml, checked; every key the file leaves out takes its default."""
    return frozen(CleaningOptions, checked(CleaningSchema, read_yaml(path, path.name) or {}, f"data/{path.name}"))


def site_extra(extra: dict) -> tuple[SiteExtra, list[str]]:
    """The keys of mkdocs.yml's `extra:` this site reads, checked (OptionsError naming the key and the
    value), and a warning for each other key spelt nearly like one of them (a typo that would be ignored)."""
    names = option_names(SiteExtraSchema)
    values = checked(SiteExtraSchema, {key: value for key, value in extra.items() if key in names}, "mkdocs.yml: extra")
    warnings = [f"mkdocs.yml: extra: key {key!r} = {extra[key]!r} is not one this site reads; did you mean "
                f"{close[0]!r}?"
                for key in extra if key not in names
                for close in [difflib.get_close_matches(str(key), names, n=1, cutoff=0.75)] if close]
    return frozen(SiteExtra, {**values, "variants": variant_options(values["variants"])}), warnings


def variant_options(entries: object) -> tuple[VariantOptions, ...]:
    """extra.variants from mkdocs.yml, each entry checked."""
    if not isinstance(entries, list):
        raise OptionsError(f"mkdocs.yml: extra.variants must be a list of variants, got {entries!r}")
    entries = [checked(VariantSchema, entry, f"mkdocs.yml: extra.variants[{n}]") for n, entry in enumerate(entries)]
    variants = tuple(frozen(VariantOptions, {**values, "quotes": QuoteStyle(values["quotes"])}) for values in entries)
    roots = [v.root for v in variants]
    if len(set(roots)) != len(roots):
        raise OptionsError(f"mkdocs.yml: extra.variants: two variants share a root ({roots})")
    return variants


def build_variants(project: Path, extra: SiteExtra, cleaning: CleaningOptions, tags: TagVocabulary,
                  ) -> tuple[Variant, ...]:
    """The build's script variants: each entry of extra.variants with its phrase dictionary (its own, else
    extra.script_phrases; checked by reading it) and, when converted, the project's words for the
    conversion (tags, cities: seedtext.site.project_vocabulary)."""
    words = project_vocabulary(tags, cleaning)
    variants = []
    for entry in extra.variants:
        phrases = entry.phrases or extra.script_phrases
        variant = Variant(lang=entry.lang, root=entry.root, name=entry.name, opencc=entry.opencc,
                          theme_language=entry.theme_language, phrases=str(project / phrases) if phrases else None,
                          quotes=entry.quotes)
        if variant.opencc:
            try:
                if variant.phrases:
                    script_convert.converter(variant.opencc, variant.phrases)
            except (OSError, script_convert.PhraseFileError) as exc:
                raise OptionsError(f"phrase dictionary for {variant.root}: {exc}") from exc
            variant = replace(variant, vocabulary=words)
        variants.append(variant)
    return tuple(variants)


def tag_vocabulary(path: Path) -> TagVocabulary:
    """data/tags.yml, checked entry by entry: a tag whose entry is malformed (a pattern that is no regular
    expression, a synonym that is no text, a key the file does not take) is left out with a message naming
    the file, the group, the tag, the key and the value; the others apply."""
    where = f"data/{path.name}"
    if not path.exists():
        return TagVocabulary()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return TagVocabulary(problems=(f"{where}: {not_yaml(exc)}; no tag is published until it is fixed",))
    if not isinstance(raw, dict):
        return TagVocabulary(problems=(f"{where}: expected groups of tags (城市: {{长沙: …}}), got {raw!r}",))
    rules, words, problems = [], [], []
    for group, tags in raw.items():
        if not isinstance(tags, dict):
            problems.append(f"{where}: group {group}: expected its tags ({{反诈: {{synonyms: [电诈]}}}}), "
                            f"got {tags!r}; the group is left out")
            continue
        for name, spec in tags.items():
            tag = f"{where}: {group} → {name}"
            if not isinstance(spec or {}, dict):
                problems.append(f"{tag}: expected {{synonyms: […], patterns: […]}}, got {spec!r}; this tag is left "
                                "out, the others apply")
                continue
            values, wrong = problems_of(TagSchema, spec or {}, tag)
            if wrong:
                problems.append("; ".join(wrong) + "; this tag is left out, the others apply")
                continue
            rules.append(tag_rule(str(group), str(name), values["synonyms"], values["patterns"]))
            words += [str(name), *values["synonyms"]]
    return TagVocabulary(rules=tuple(rules), words=tuple(words), problems=tuple(problems))


def not_yaml(exc: yaml.YAMLError | UnicodeDecodeError) -> str:
    """Why a file is not read: no UTF-8 or no YAML, with the line and column YAML stopped at."""
    mark = getattr(exc, "problem_mark", None)
    at = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
    return f"not valid UTF-8 YAML{at}: {getattr(exc, 'problem', None) or exc}"


def published_urls(path: Path) -> PublishedUrls:
    """data/published-urls.yml (seedtext.urls), checked entry by entry: a seed file → its articles' numbers →
    their URL names. An entry that is not one (a number that is no article number, a name that is no URL name)
    is a message naming the file and the key, and is left out: that article is published at the URL its title
    makes, and no build writes into the file until it is fixed. A file that is no YAML, or names a key twice,
    is one message; then none of its entries is used."""
    where = URLS_FILE.as_posix()
    if not path.exists():  # no article published yet: the first build writes it
        return PublishedUrls()
    unused = "each article is published at the URL its title makes, and none is recorded, until it is fixed"
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=UniqueKeyLoader) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return PublishedUrls(problems=(f"{where}: {not_yaml(exc)}; {unused}",))
    if not isinstance(raw, dict):
        return PublishedUrls(problems=(f"{where}: expected seed files, each with its articles' numbers and URL names "
                                       f"(002_….txt: {{1: zhu-zhou-…}}), got {raw!r}; {unused}",))
    slugs, problems = {}, []
    for seed, articles in raw.items():
        if not isinstance(seed, str) or not isinstance(articles, dict | None):
            problems.append(f"{where}: {seed}: expected a seed file's name with its articles' numbers and URL names "
                            f"({{1: zhu-zhou-…}}), got {articles!r}; its articles are published at the URLs their "
                            "titles make until it is fixed")
            continue
        for number, slug in (articles or {}).items():
            try:
                WholeNumber().validate(number)
                Slug().validate(slug)
            except ValidationError as exc:
                problems.append(f"{where}: {seed} → {number}: {str(exc).rstrip('.')}; the article is published at "
                                "the URL its title makes until the entry is fixed")
                continue
            slugs[ArticleKey(seed=seed, number=number)] = slug
    return PublishedUrls(slugs=MappingProxyType(slugs), problems=tuple(problems))


def conversion_review(path: Path, roots: list[str]) -> dict[str, tuple[Decision, ...]]:
    """data/conversion-review.yml, checked: for each variant root, its decided words."""
    values = read_yaml(path, path.name) or {}
    if not isinstance(values, dict):
        raise OptionsError(f"{path.name}: expected a mapping of variant roots ({', '.join(roots)}) to lists")
    review: dict[str, tuple[Decision, ...]] = {root: () for root in roots}
    for root, entries in values.items():
        if root not in roots:
            raise OptionsError(f"{path.name}: key {root!r} is not a converted variant's root ({', '.join(roots)})")
        if not isinstance(entries, list):
            raise OptionsError(f"{path.name}: {root}: expected a list of {{word, choice, why}}, got {entries!r}")
        review[root] = tuple(frozen(Decision, checked(DecisionSchema, entry, f"{path.name}: {root}[{n}]"))
                             for n, entry in enumerate(entries))
        for n, decision in enumerate(review[root]):
            if not decision.why.strip():
                raise OptionsError(f"{path.name}: {root}[{n}] ({decision.word}): `why` is empty")
    return review


def hosted_at(environ: Mapping[str, str]) -> str | None:
    """SITE_URL from the environment: the same site built for another address (a preview, the tests'
    local server, `make audit`); OptionsError when it is no address the site can be hosted at."""
    url = environ.get("SITE_URL")
    if url and not is_site_url(url):
        raise OptionsError(f"SITE_URL={url!r}: give an http(s) URL ending in /")
    return url or None


def load_project_options(project: Path) -> tuple[SiteOptions, list[str]]:
    """load_site_options of the project's mkdocs.yml, loaded as MkDocs loads it (the command-line tools and
    the bench: the hook gets the loaded config from MkDocs)."""
    from mkdocs.config import load_config

    return load_site_options(load_config(str(project / "mkdocs.yml")))


def load_site_options(config) -> tuple[SiteOptions, list[str]]:
    """Every option of the site, checked, from MkDocs' loaded config (`mkdocs.config.load_config`, or the
    hook's `on_config`): its `extra:` and the files in its project's data/. OptionsError (naming the file,
    the key and the value) for an option the build cannot go on with; the list holds the warnings to log,
    for what the build goes on without (a misspelt extra key; a conversion review that cannot be read, so
    every difference from the second converter is shown as a doubt; an entry of the published URLs left out)."""
    project = Path(config.config_file_path).parent
    cleaning = cleaning_options(project / CLEANING_FILE)
    extra, warnings = site_extra(config.extra)
    tags = tag_vocabulary(project / TAGS_FILE)
    variants = build_variants(project, extra, cleaning, tags)
    roots = [v.root for v in variants if zhconv_target(v.opencc)]
    try:
        review = conversion_review(project / REVIEW_FILE, roots)
    except OptionsError as exc:
        warnings.append(f"{REVIEW_FILE.parent}/{exc}")
        review = {root: () for root in roots}
    published = published_urls(project / URLS_FILE)
    warnings += published.problems
    return SiteOptions(extra=extra, cleaning=cleaning, tags=tags, variants=variants,
                       review=MappingProxyType(review), published_urls=published), warnings
