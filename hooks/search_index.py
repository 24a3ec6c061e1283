"""The site's search index: Pagefind over the built pages (no MkDocs import; the hook calls `write_index`).

Pagefind is the npm package pinned in package.json (installed by `npm ci`): its extended binary cuts
Chinese into words (ICU4X, as the reader's browser cuts the query) and writes a chunked index per
`<html lang>`, so each script variant searches its own pages and a query fetches only the chunks it
needs. Only elements marked `data-pagefind-body` are indexed (the article text: overrides/main.html).
1.6.0 rather than PyPI's 1.5.2: on this site 1.5.2 missed 31 of 407 (Simplified) and 13 of 407
(Traditional) article-word pairs that 1.6.0 finds (README, Search).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import time
from pathlib import Path

from seedtext.tagpages import LINKS_CLASS

BUNDLE_DIR = "pagefind"  # under the site root; overrides/partials/search.html points the browser here
# Not the article's own text: heading permalinks (¶), the tag chips (the tags come from the text), and
# the lists of other articles after it (their titles would make this article a result).
EXCLUDE_SELECTORS = (".headerlink", ".md-tags", f".{LINKS_CLASS}")
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


def write_index(site_dir: Path, project: Path) -> float:
    """Index the built site into site_dir/pagefind/; returns the seconds it took."""
    version = pinned_version(project)
    binary = pagefind_binary(project)
    if not binary.is_file():
        raise SearchIndexError(f"{binary} not found: run `npm ci` (package.json pins pagefind {version}); "
                               "the site was built without its search index")
    start = time.perf_counter()
    command = [str(binary), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"{binary}: {exc}") from exc
    if run.returncode != 0:
        raise SearchIndexError(f"{binary} failed ({run.returncode}): {(run.stderr or run.stdout).strip()[-2000:]}")
    banner = f"Running Pagefind v{version} (Extended)"
    if banner not in run.stdout:
        first = run.stdout.strip().splitlines()[:1]
        raise SearchIndexError(f"{binary} is not Pagefind {version} extended ({first}): run `npm ci`; "
                               "without the extended build Chinese is not cut into words")
    for unused in (site_dir / BUNDLE_DIR).glob(UNUSED_FILES):
        unused.unlink()
    return time.perf_counter() - start
