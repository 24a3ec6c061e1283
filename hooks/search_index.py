"""The site's search index: Pagefind over the built pages (no MkDocs import; the hook calls `write_index`).

Pagefind is the npm package pinned in package.json (installed by `npm ci`): its extended binary cuts
Chinese into words (ICU4X, as the reader's browser cuts the query) and writes a chunked index per
`<html lang>`; each script variant gets its own bundle (site/<root>/pagefind/) and a query fetches only
the chunks it needs. Only elements marked `data-pagefind-body` are indexed (the article text:
overrides/main.html). Pagefind holds every page of a run in memory (688 MB for a run of 850 article pages
at N = 1000 with 1.6.0 and the index form below, measured 2026-12-06), so each variant is indexed on its own,
and in parts of at most `part_pages` pages (extra.search_part_pages), cut in the seeds' order (`parts`: a
seed added last changes the last part only): part 1 is the bundle pagefind/, part k the bundle pagefind-k/, and
pagefind/parts.json lists the others for the browser to merge (Pagefind's mergeIndex, which shares
part 1's WebAssembly). Each part costs a first search its metadata and index chunks, about 50 KB at
N = 1000 (bench/pagefind_chunks.py), so parts are as large as the memory budget allows.
1.6.0 rather than PyPI's 1.5.2: on this site 1.5.2 missed 31 of 407 (Simplified) and 13 of 407
(Traditional) article-word pairs that 1.6.0 finds (README, Search).

Pagefind reads a copy of each page in which every two neighbouring Han characters of the article text are
parted by a zero-width space (`han_characters`): its index then holds each Han character as a word at its
place in the text, and a query searched as an exact phrase of characters ("反 诈") finds the pages holding
that string and no other (docs/javascripts/search.js). Cut into dictionary words instead, the index cannot
answer for a string the indexer cut otherwise (反诈 inside 反诈骗, 平安 across 水平|安全), and Pagefind's
partial matching returns pages holding the characters apart (反扒窃 for 反诈). Pagefind drops the
zero-width spaces from the text it shows (a fragment's content).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import platform
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from render_cache import write_entry
from seedtext.cleaning.text import HAN
from seedtext.convert import query_table
from seedtext.layout import ARTICLE_DIR, article_path, page_url
from seedtext.tagpages import LINKS_CLASS

BUNDLE_DIR = "pagefind"  # under each variant's root; overrides/partials/search.html points the browser here
PAGE_MARK = b"data-pagefind-body"  # overrides/main.html puts it on article pages
# Only article pages are searched (marked data-pagefind-body), and they all live here: Pagefind need not read
# the rest of the tree (the 原文对照 pages alone are larger than the articles).
PAGES_GLOB = f"{ARTICLE_DIR}/**/*.html"
KEPT_BUNDLES = 3  # per variant and part, in the cache
PARTS_FILE = "parts.json"  # in part 1's bundle: the other parts' bundles, relative to it
# Pages a Pagefind run indexes at most when mkdocs.yml does not say (extra.search_part_pages): Pagefind holds
# about 0.8 MB a page (688 MB for 850 pages at N = 1000, 2026-12-06) while the build holds 0.65 GB beside it
# (serve's first build 0.85 GB); 700 keeps the two within 1.5 GB.
PART_PAGES = 700
# Not the article's own text: heading and paragraph permalinks (¶), the links to the 原文对照 page, the tag
# chips (the tags come from the text), and the lists of other articles after it (their titles would make
# this article a result).
EXCLUDE_SELECTORS = (".headerlink", ".para-link", ".para-raw", ".raw-link", ".printed", ".md-tags", f".{LINKS_CLASS}",
                     ".read-on", ".cite", ".gap-note")
_NOT_INDEXED = re.compile(f'<(h2|li) class="{LINKS_CLASS}".*?</\\1>|<nav class="(?:md-tags|read-on)".*?</nav>'
                          '|<section class="cite".*?</section>|<small class="gap-note">.*?</small>'.encode(), re.S)
# Pagefind's own search UIs and highlighter, always written: the site uses its search box and marks the
# words found itself (docs/javascripts/search.js).
UNUSED_FILES = ("pagefind-*ui.*", "pagefind-highlight.js")
# What Pagefind reads of a page is its copy with Han characters parted (han_characters): in the bundle key,
INDEX_FORM = "han-characters-2"  # a new name whenever han_characters changes
# The cleaner's Han characters and the rare ones past the first plane (names), which Pagefind also reads as Han.
_HAN = HAN + "\U00020000-\U0003134f"
_BETWEEN_HAN = re.compile(f"(?<=[{_HAN}])(?=[{_HAN}])")
_HAN_CHAR = re.compile(f"[{_HAN}]")
_MARKUP = re.compile(r"(<[^>]*>)")
ZWSP = "\u200b"


class SearchIndexError(RuntimeError):
    """Pagefind is missing, is not the pinned extended build, or failed; the message says what to do."""


def pinned_version(project: Path) -> str:
    """The Pagefind version package.json pins (its one definition)."""
    path = project / "package.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["dependencies"]["pagefind"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SearchIndexError(f"{path}: no pinned pagefind version in dependencies ({exc})") from exc


def pagefind_binary(project: Path) -> Path:
    """PAGEFIND_BINARY_PATH, else the extended binary npm installed for this machine."""
    if os.environ.get("PAGEFIND_BINARY_PATH"):
        return Path(os.environ["PAGEFIND_BINARY_PATH"])
    system = {"Linux": "linux", "Darwin": "darwin", "Windows": "windows"}.get(platform.system(), platform.system())
    machine = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(
        platform.machine().lower(), platform.machine())
    suffix = ".exe" if system == "windows" else ""
    return project / "node_modules" / "@pagefind" / f"{system}-{machine}" / "bin" / f"pagefind_extended{suffix}"


def searched_pages(tree: Path, known: dict[str, tuple] | None = None) -> dict[Path, bytes]:
    """The pages Pagefind indexes (articles, marked data-pagefind-body), in path order, each with the digest
    of what Pagefind reads of it (indexed_bytes). `known`: what an earlier build found, by the page's path in
    the tree: (size, modification time, digest or None); a page whose file still has that size and time is
    not read again (a build into the last build's folder leaves most pages as they were: site_folder; reading
    every page took 0.8 s of each build at N = 1000). It is brought up to date in place."""
    known = {} if known is None else known
    pages, found = {}, {}
    for page in sorted(tree.glob(PAGES_GLOB)):
        name, stat = page.relative_to(tree).as_posix(), page.stat()
        stamp = (stat.st_size, stat.st_mtime_ns)
        was = known.get(name)
        if was is None or was[:2] != stamp:
            data = page.read_bytes()
            was = (*stamp, hashlib.sha256(indexed_bytes(data)).digest() if PAGE_MARK in data else None)
        found[name] = was
        if was[2] is not None:
            pages[page] = was[2]
    known.clear()
    known.update(found)
    return pages


def parts(tree: Path, pages: list[Path], part_pages: int, order: dict[str, int] | None = None) -> list[list[Path]]:
    """The pages in as few parts as keep each within `part_pages`, cut every `part_pages` pages from the first
    in the seeds' order (`order`: each page's place by its path in the tree; pages it does not name come
    after, in path order). A new seed comes last (seeds/ is read in name order and a new seed takes the next
    number): adding one changes the last part only, and editing one changes its own part only; a seed
    added or deleted before others, or an article split in two, changes its part and every part after it."""
    order = order or {}
    names = {page: page.relative_to(tree).as_posix() for page in pages}
    ranked = sorted(pages, key=lambda page: (order.get(names[page], len(order)), names[page]))
    groups = [sorted(ranked[start:start + part_pages]) for start in range(0, len(ranked), part_pages)]
    return groups or [[]]  # no article: part 1 alone, empty


def page_order(slugs: Iterable[str]) -> dict[str, int]:
    """Each article page's place in the seeds' order (`slugs`, the site's articles in that order), by its path
    in a variant's tree: the order `parts` cuts."""
    return {f"{page_url(article_path(slug))}index.html": n for n, slug in enumerate(slugs)}


def _known_file(cache_dir: Path, root: str) -> Path:
    return cache_dir / f"searched-{root}.pickle"


def _read_known(cache_dir: Path, root: str) -> dict[str, tuple]:
    """What searched_pages found in a variant's tree at the last build (nothing if unreadable)."""
    try:
        known = pickle.loads(_known_file(cache_dir, root).read_bytes())
        return known if isinstance(known, dict) else {}
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return {}


def _write_known(cache_dir: Path, root: str, known: dict[str, tuple]) -> None:
    path = _known_file(cache_dir, root)
    write_entry(path.parent, path.name, pickle.dumps(known, protocol=pickle.HIGHEST_PROTOCOL))


def is_bundle_dir(name: str) -> bool:
    """Whether a folder of a variant's root, so named, holds a part's bundle (part_dir)."""
    return name == BUNDLE_DIR or re.fullmatch(f"{BUNDLE_DIR}-[0-9]+", name) is not None


def is_bundle_folder(path: str, roots: Iterable[str]) -> bool:
    """Whether a folder, by its path under the site folder, is a part's bundle of one of these variants."""
    parts = Path(path).parts
    return len(parts) == 2 and parts[0] in roots and is_bundle_dir(parts[1])


def sync_bundle(stored: Path, target: Path) -> None:
    """Make `target` a copy of the kept bundle `stored`: a file copied before (same size and modification
    time: copies keep the time) is left, others are copied, and files not in `stored` removed but parts.json
    (written after). Under a site left in place (site_folder) a part that did not change copies nothing."""
    wanted = {path.relative_to(stored): path for path in stored.rglob("*") if path.is_file()}
    if target.is_dir():
        for path in [p for p in target.rglob("*") if p.is_file()]:
            name = path.relative_to(target)
            source = wanted.get(name)
            if source is None:
                if name.as_posix() != PARTS_FILE:
                    path.unlink()
                continue
            found, kept = path.stat(), source.stat()
            if (found.st_size, found.st_mtime_ns) == (kept.st_size, kept.st_mtime_ns):
                del wanted[name]
    for name, source in wanted.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name)


def part_dir(number: int) -> str:
    """The bundle of part `number` (1-based) under the variant root: pagefind/, pagefind-2/ ..."""
    return BUNDLE_DIR if number == 1 else f"{BUNDLE_DIR}-{number}"


def indexed_bytes(html: bytes) -> bytes:
    """What Pagefind reads of a page: its data-pagefind-body element (to the end of Material's article),
    without the related lists and tag chips, which it is told to leave out and which change when another
    seed is edited. Anything else in the body is kept, so a change Pagefind would see is never missed."""
    start = html.find(PAGE_MARK)
    end = html.find(b"</article>", start)
    return _NOT_INDEXED.sub(b"", html[start:end if end > 0 else None])


def han_characters(html: bytes) -> bytes:
    """The page as Pagefind reads it: in the text after data-pagefind-body (not in tags or their attributes),
    a zero-width space between every two neighbouring Han characters, also where markup comes between them,
    so that Pagefind's indexer (ICU4X word segmentation) makes each Han character a word."""
    start = html.find(PAGE_MARK)
    if start < 0:
        return html
    parts = _MARKUP.split(html[start:].decode("utf-8"))
    before = ""  # the last character of text before this part (a word runs on across inline markup: 公安<a>政务)
    for n in range(0, len(parts), 2):
        text = parts[n]
        if not text:
            continue
        parted = _BETWEEN_HAN.sub(ZWSP, text)
        parts[n] = ZWSP + parted if _HAN_CHAR.match(before) and _HAN_CHAR.match(text) else parted
        before = text[-1]
    return html[:start] + "".join(parts).encode("utf-8")


def bundle_key(tree: Path, pages: list[Path], indexed: dict[Path, bytes], version: str) -> str:
    """Everything a part's bundle is made of: its pages' paths and the digests of what Pagefind reads of them
    (`indexed`, from searched_pages), Pagefind's version and options. An edit of one seed changes the key
    of the part holding its articles only."""
    digest = hashlib.sha256(f"{version}\n{EXCLUDE_SELECTORS}\n{PAGES_GLOB}\n{INDEX_FORM}\n".encode())
    for page in pages:
        digest.update(page.relative_to(tree).as_posix().encode() + b"\0" + indexed[page] + b"\0")
    return digest.hexdigest()[:32]


def part_tree(tree: Path, pages: list[Path], work: Path) -> Path:
    """A tree of the variant root's layout holding these pages as Pagefind reads them (han_characters), for
    one Pagefind run: the result URLs are those of the real tree."""
    shutil.rmtree(work, ignore_errors=True)
    for page in pages:
        target = work / page.relative_to(tree)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(han_characters(page.read_bytes()))
    return work


def run_pagefind(binary: Path, site: Path, output: Path, version: str) -> None:
    command = [str(binary), "--site", str(site), "--output-path", str(output), "--glob", PAGES_GLOB]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"{binary}: {exc}") from exc
    if run.returncode != 0:
        raise SearchIndexError(f"{binary} failed ({run.returncode}): {(run.stderr or run.stdout).strip()[-2000:]}")
    banner = f"Running Pagefind v{version} (Extended)"
    if banner not in run.stdout:
        first = run.stdout.strip().splitlines()[:1]
        raise SearchIndexError(f"{binary} is not Pagefind {version} extended ({first}): run `npm ci`; "
                               "without the extended build Chinese is not cut into words")
    for unused in (path for pattern in UNUSED_FILES for path in output.glob(pattern)):
        unused.unlink()


@dataclass
class PartRun:
    """A part Pagefind indexes (its bundle is not in the cache): its pages, where its bundle goes, and where
    it is kept for the next builds."""

    tree: Path
    number: int
    pages: list[Path]
    target: Path
    stored: Path | None
    part_count: int


def plan_index(tree: Path, project: Path, cache_dir: Path | None, part_pages: int = PART_PAGES,
               output: Path | None = None, order: dict[str, int] | None = None) -> list[PartRun]:
    """One variant's tree (site/<root>/): its article pages in parts of at most `part_pages` (the indexer's
    memory grows with the pages of a run), part 1 into <root>/pagefind/ with parts.json naming the others.
    A part whose pages are byte for byte those of an earlier build is copied from cache_dir; the parts
    returned are those Pagefind must index (run_parts). The bundles go under `output` instead of the tree
    when given (then `publish` moves them into the tree); `order` is the pages' order for `parts`."""
    output = tree if output is None else output
    version = pinned_version(project)
    binary = pagefind_binary(project)
    if not binary.is_file():
        raise SearchIndexError(f"{binary} not found: run `npm ci` (package.json pins pagefind {version}); "
                               "the site was built without its search index")
    known = _read_known(cache_dir, tree.name) if cache_dir is not None else None
    pages = searched_pages(tree, known)
    if cache_dir is not None:
        _write_known(cache_dir, tree.name, known)
    groups = parts(tree, list(pages), part_pages, order)
    runs = []
    for number, group in enumerate(groups, 1):
        target = output / part_dir(number)
        stored = cache_dir / f"{tree.name}-{bundle_key(tree, group, pages, version)}" if cache_dir is not None else None
        if stored is not None and (stored / "pagefind-entry.json").is_file():
            sync_bundle(stored, target)
        else:
            shutil.rmtree(target, ignore_errors=True)  # an earlier build's, left in place (site_folder)
            runs.append(PartRun(tree, number, group, target, stored, len(groups)))
    for extra in output.glob(f"{BUNDLE_DIR}-*"):  # parts an earlier build had beyond these
        if is_bundle_dir(extra.name) and int(extra.name.rsplit("-", 1)[1]) > len(groups):
            shutil.rmtree(extra, ignore_errors=True)
    others = [f"../{part_dir(number)}/" for number in range(2, len(groups) + 1)]
    (output / BUNDLE_DIR).mkdir(parents=True, exist_ok=True)
    (output / BUNDLE_DIR / PARTS_FILE).write_text(json.dumps(others), encoding="utf-8")
    return runs


def together(runs: list[PartRun], part_pages: int, cores: int) -> list[list[PartRun]]:
    """The runs in batches run at once: up to `cores` runs a batch, whose pages together are at most
    `part_pages` (Pagefind's memory grows with the pages it holds, and `part_pages` is the budget for one
    run). The largest first; at N = 1000 a seed added last re-indexes the last part of each script (226
    pages each): both run at once, where a cold build's parts of 700 run one by one."""
    batches: list[list[PartRun]] = []
    for run in sorted(runs, key=lambda r: len(r.pages), reverse=True):
        batch = next((b for b in batches if len(b) < cores
                      and sum(len(r.pages) for r in b) + len(run.pages) <= part_pages), None)
        if batch is None:
            batches.append([run])
        else:
            batch.append(run)
    return batches


def run_parts(runs: list[PartRun], project: Path, cache_dir: Path | None, part_pages: int) -> None:
    """Index each part with Pagefind (batches: `together`), each from a copy of its pages as Pagefind reads
    them (part_tree), and keep its bundle in cache_dir. The next batch's copies are made while Pagefind
    indexes this one (Pagefind keeps about 1.3 cores busy; the copies took 3.7 s of a cold build at N = 1000)."""
    if not runs:
        return
    version, binary = pinned_version(project), pagefind_binary(project)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    batches = together(runs, part_pages, cores)

    def work(run: PartRun) -> Path:
        return run.tree.parent / f".pagefind-{run.tree.name}-{run.number}"

    def copies(batch: list[PartRun]) -> None:
        for run in batch:
            part_tree(run.tree, run.pages, work(run))

    try:
        with ThreadPoolExecutor(1) as maker:  # leaving it waits for a copy under way
            made = maker.submit(copies, batches[0])
            for number, batch in enumerate(batches):
                made.result()
                if number + 1 < len(batches):
                    made = maker.submit(copies, batches[number + 1])
                with ThreadPoolExecutor(len(batch)) as pool:  # each thread waits for its Pagefind process
                    list(pool.map(lambda run: run_pagefind(binary, work(run), run.target, version), batch))
                for run in batch:
                    shutil.rmtree(work(run), ignore_errors=True)
                    if run.stored is not None:
                        _store(run.target, run.stored, cache_dir, run.tree.name, run.part_count)
    finally:
        for run in runs:
            shutil.rmtree(work(run), ignore_errors=True)


def index_trees(site_dir: Path, roots: list[str], project: Path, cache_dir: Path | None, part_pages: int,
                warn: Callable[[str], None], staged: bool = False, order: dict[str, int] | None = None) -> int:
    """Each variant's index (plan_index, run_parts), its bundles moved into place when written (`publish`) if
    `staged` (the site is being served meanwhile). Pagefind missing or failing is warned of once, not
    raised: the site stays usable without search. Returns how many parts Pagefind indexed."""
    runs: list[PartRun] = []
    planned: list[tuple[Path, Path | None]] = []
    try:
        for root in roots:
            tree = site_dir / root
            output = site_dir / f".pagefind-staged-{root}" if staged else None
            runs += plan_index(tree, project, cache_dir, part_pages, output, order)
            planned.append((tree, output))
        run_parts(runs, project, cache_dir, part_pages)
    except SearchIndexError as exc:
        warn(f"search: {exc}")
        for root in roots:  # staged bundles not published: the tree keeps the last index
            shutil.rmtree(site_dir / f".pagefind-staged-{root}", ignore_errors=True)
        return 0
    for tree, output in planned:
        if output is not None:
            publish(output, tree)
    return len(runs)


ENTRY_FILES = ("pagefind-entry.json", PARTS_FILE)  # what a browser reads first: the rest is named from them


def publish(staged: Path, tree: Path) -> None:
    """Move the bundles written under `staged` (write_index's output) into the tree, each file by an atomic
    rename, the entry files last: a browser searching meanwhile reads the old index or the new one, whose
    other files have content-hashed names (the old ones stay until the tree is rebuilt)."""
    files = sorted((p for p in staged.rglob("*") if p.is_file()), key=lambda p: p.name in ENTRY_FILES)
    for path in files:
        target = tree / path.relative_to(staged)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    shutil.rmtree(staged, ignore_errors=True)


def _store(bundle: Path, stored: Path, cache_dir: Path, root: str, part_count: int) -> None:
    """Keep a part's bundle for the next build; the newest few per variant and part stay (`mkdocs build`
    and `mkdocs serve` pages differ)."""
    try:
        kept = sorted(cache_dir.glob(f"{root}-*"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEPT_BUNDLES * part_count - 1:]:
            shutil.rmtree(old, ignore_errors=True)
        tmp = stored.with_name(f".{stored.name}.{os.getpid()}.tmp")
        shutil.copytree(bundle, tmp, ignore=shutil.ignore_patterns(PARTS_FILE))
        tmp.rename(stored)
    except OSError:  # a read-only or full disk only costs the next build time
        pass


QUERY_TABLE = "search-script.txt"  # in each variant's tree: docs/javascripts/search.js reads it


def write_query_tables(site_dir: Path, variants: list, characters: dict[str, set[str]]) -> None:
    """Each variant's table for queries typed in another script (docs/javascripts/search.js), from the
    characters of its article pages and of the other variants' (seedtext.convert.query_table)."""
    for variant in variants:
        elsewhere = set().union(*(chars for root, chars in characters.items() if root != variant.root))
        table = query_table(variant.opencc, variant.phrases, characters[variant.root], elsewhere)
        (site_dir / variant.root / QUERY_TABLE).write_text(table, encoding="utf-8")
