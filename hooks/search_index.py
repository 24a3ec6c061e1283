"""The site's search index: Pagefind over the built pages (no MkDocs import; the hook calls `write_index`).

Pagefind is the npm package pinned in package.json (installed by `npm ci`): its extended binary cuts
Chinese into words (ICU4X, as the reader's browser cuts the query) and writes a chunked index per
`<html lang>`; each script variant gets its own bundle (site/<root>/pagefind/) and a query fetches only
the chunks it needs. Only elements marked `data-pagefind-body` are indexed (the article text:
overrides/main.html). Pagefind holds every page of a run in memory (about 1.7 MB a page measured with
1.6.0), so one run per variant halves the peak.
1.6.0 rather than PyPI's 1.5.2: on this site 1.5.2 missed 31 of 407 (Simplified) and 13 of 407
(Traditional) article-word pairs that 1.6.0 finds (README, Search).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import subprocess
from pathlib import Path

from seedtext.page import ARTICLE_DIR
from seedtext.tagpages import LINKS_CLASS

BUNDLE_DIR = "pagefind"  # under each variant's root; overrides/partials/search.html points the browser here
PAGE_MARK = b"data-pagefind-body"  # overrides/main.html puts it on article pages
# Only article pages are searched (marked data-pagefind-body), and they all live here: Pagefind need not read
# the rest of the tree (the 原文对照 pages alone are larger than the articles).
PAGES_GLOB = f"{ARTICLE_DIR}/**/*.html"
KEPT_BUNDLES = 3  # per variant, in the cache
# Not the article's own text: heading and paragraph permalinks (¶), the links to the 原文对照 page, the tag
# chips (the tags come from the text), and the lists of other articles after it (their titles would make
# this article a result).
EXCLUDE_SELECTORS = (".headerlink", ".para-link", ".para-raw", ".raw-link", ".md-tags", f".{LINKS_CLASS}")
# Pagefind's own search UIs, always written: the site uses its search box (docs/javascripts/search.js).
UNUSED_FILES = "pagefind-*ui.*"


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


def bundle_key(tree: Path, version: str) -> str:
    """Everything a variant's bundle is made of: the paths and bytes of the pages Pagefind indexes (those
    marked data-pagefind-body: articles), Pagefind's version and options. Each page is read once."""
    digest = hashlib.sha256(f"{version}\n{EXCLUDE_SELECTORS}\n{PAGES_GLOB}\n".encode())
    for page in sorted(tree.glob(PAGES_GLOB)):
        data = page.read_bytes()
        if PAGE_MARK in data:
            digest.update(page.relative_to(tree).as_posix().encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:32]


def run_pagefind(binary: Path, tree: Path, version: str) -> None:
    command = [str(binary), "--site", str(tree), "--output-subdir", BUNDLE_DIR, "--glob", PAGES_GLOB]
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
    for unused in (tree / BUNDLE_DIR).glob(UNUSED_FILES):
        unused.unlink()


def write_index(tree: Path, project: Path, cache_dir: Path | None) -> bool:
    """Index one variant's tree (site/<root>/) into <root>/pagefind/: one Pagefind run per variant keeps the
    indexer's memory to one script's pages. When the indexed pages are byte for byte those of an earlier
    build, that build's bundle is copied from cache_dir instead. Returns True when Pagefind ran."""
    version = pinned_version(project)
    binary = pagefind_binary(project)
    if not binary.is_file():
        raise SearchIndexError(f"{binary} not found: run `npm ci` (package.json pins pagefind {version}); "
                               "the site was built without its search index")
    target = tree / BUNDLE_DIR
    stored = None
    if cache_dir is not None:
        stored = cache_dir / f"{tree.name}-{bundle_key(tree, version)}"
        if (stored / "pagefind-entry.json").is_file():
            shutil.copytree(stored, target, dirs_exist_ok=True)
            return False
    run_pagefind(binary, tree, version)
    if stored is not None:
        try:
            # The newest few bundles per variant are kept (`mkdocs build` and `mkdocs serve` pages differ).
            kept = sorted(cache_dir.glob(f"{tree.name}-*"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in kept[KEPT_BUNDLES - 1:]:
                shutil.rmtree(old, ignore_errors=True)
            tmp = stored.with_name(f".{stored.name}.{os.getpid()}.tmp")
            shutil.copytree(target, tmp)
            tmp.rename(stored)
        except OSError:  # a read-only or full disk only costs the next build time
            pass
    return True
