"""Would Pagefind in chunks meet issue 13's memory target without breaking the first-search budget?

One script's article pages of an N-seed corpus (bench/corpus.py) are indexed by the pinned Pagefind
in K chunks of consecutive pages (K = 1 is what the site does), each its own bundle; the browser
searches the first and merges the others (Pagefind's `mergeIndex`, which shares the first bundle's
WebAssembly). Reported per K: the largest chunk's peak memory (RSS of the Pagefind run) and the bytes a
reader's first search transfers (empty cache, gzipped as a server sends them), and the results found.

    .venv/bin/python bench/pagefind_chunks.py --size 1000 --chunks 1,2,4,6 [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from project import REPO, make_project, raw_pages_config  # noqa: E402
from reader import QUERY, fresh_page, tally  # noqa: E402

from search_index import EXCLUDE_SELECTORS, pagefind_binary, pinned_version  # noqa: E402

PAGE = """<!doctype html><html lang="{lang}"><meta charset="utf-8"><body><script type="module">
const bundles = {bundles};
const pagefind = await import(bundles[0] + "pagefind.js");
await pagefind.options({{baseUrl: "/{root}/", excerptLength: 40}});
for (const other of bundles.slice(1)) await pagefind.mergeIndex(other);
const t0 = performance.now();
const search = await pagefind.search({query});
const shown = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
document.body.dataset.found = String(search.results.length);
document.body.dataset.ms = String(Math.round(performance.now() - t0));
document.body.dataset.first = shown.length ? shown[0].url : "";
</script></body></html>
"""


def chunk_trees(tree: Path, work: Path, k: int) -> list[Path]:
    """K site trees of consecutive article pages (hard links), each the variant root's layout."""
    pages = sorted(tree.glob("articles/*/index.html"))
    size = -(-len(pages) // k)
    trees = []
    for n in range(k):
        chunk = work / f"chunk{k}-{n}"
        for page in pages[n * size:(n + 1) * size]:
            target = chunk / page.relative_to(tree)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.hardlink_to(page)
        trees.append(chunk)
    return trees


def index(binary: Path, chunk: Path, output: Path) -> tuple[float, float]:
    """Pagefind over one chunk into `output`: seconds and peak RSS in MB."""
    command = [str(binary), "--site", str(chunk), "--output-path", str(output)]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    start = time.perf_counter()
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", *command], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    _, err = proc.communicate()
    if proc.returncode:
        raise SystemExit(err)
    return time.perf_counter() - start, int(err.strip().splitlines()[-1]) / 1024


def first_search(tree: Path, root: str, lang: str, bundles: list[str], query: str) -> dict:
    page_path = tree / "chunk-search.html"
    page_path.write_text(PAGE.format(lang=lang, root=root, bundles=json.dumps(bundles),
                                     query=json.dumps(query)), encoding="utf-8")
    site_dir = tree.parent
    with fresh_page(site_dir) as (page, base, urls):
        page.goto(f"{base}{root}/chunk-search.html")
        page.wait_for_selector("body[data-found]", state="attached", timeout=120_000)
        page.wait_for_load_state("networkidle")
        data = page.evaluate("() => ({...document.body.dataset})")
    fetched = [u for u in urls if not u.endswith("chunk-search.html")]
    return {"found": int(data["found"]), "ms": int(data["ms"]), "bytes": tally(site_dir, base, fetched)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--chunks", default="1,2,4,6")
    parser.add_argument("--root", default="zh-hans")
    parser.add_argument("--query", default=QUERY)
    parser.add_argument("--keep", type=Path, help="a built corpus site to reuse (or where to keep it)")
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "out" / "pagefind-chunks.json")
    args = parser.parse_args()
    binary = pagefind_binary(REPO)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.keep if args.keep and (args.keep / args.root).is_dir() else None
        if site is None:
            project = make_project(Path(tmp), args.size)
            site = args.keep or Path(tmp) / "site"
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(raw_pages_config(project, False)),
                            "-d", str(site)], check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        tree = site / args.root
        lang = json.loads((tree / "pagefind" / "pagefind-entry.json").read_text())["languages"]
        results = []
        for k in [int(n) for n in args.chunks.split(",")]:
            work = Path(tmp) / f"work{k}"
            bundles, peaks, seconds = [], [], 0.0
            for n, chunk in enumerate(chunk_trees(tree, work, k)):
                name = f"pf-{k}-{n}"
                shutil.rmtree(tree / name, ignore_errors=True)
                took, peak = index(binary, chunk, tree / name)
                seconds += took
                peaks.append(peak)
                bundles.append(f"/{args.root}/{name}/")
            search = first_search(tree, args.root, next(iter(lang)), bundles, args.query)
            pages = len(list(tree.glob("articles/*/index.html")))
            results.append({"chunks": k, "pages": pages, "peak_mb_largest_chunk": round(max(peaks)),
                            "index_seconds": round(seconds, 1), **search})
            print(f"K={k}: {pages} pages, peak {max(peaks):.0f} MB (largest chunk), index {seconds:.1f} s, "
                  f"first search {search['bytes']['gzip'] / 1024:.0f} KB gzipped in {search['bytes']['files']} "
                  f"files, {search['found']} results, {search['ms']} ms", flush=True)
            for n in range(k):
                shutil.rmtree(tree / f"pf-{k}-{n}", ignore_errors=True)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"pagefind": pinned_version(REPO), "size": args.size, "root": args.root,
                                         "query": args.query, "results": results}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
