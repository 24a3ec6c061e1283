"""Benchmark: build the site on synthetic corpora of N seeds and report what it costs.

One command (about 10 minutes on 2 cores for the default sizes):

    .venv/bin/python bench/run.py --sizes 100,500,1000

For every N, in a temporary copy of the project with N synthetic seeds (bench/corpus.py):
- `mkdocs build` cold (empty .cache/) and warm (cache filled by the cold build, into the cold build's site
  folder, as a deploy keeping site/ and .cache/ builds: hooks/site_folder.py): wall time, peak RSS
  of the build process, output size, search index size (the Pagefind bundle; the plain build's
  Material index per script), and the time per stage the hook writes to .cache/timings.json
  (decode+clean, conversion, tags and cross-references, MkDocs render, search index; "startup" = the
  rest: interpreter, imports, config);
- the plain build: the same cleaned, converted Markdown written as ordinary files into a docs folder,
  built with the same mkdocs.yml minus the hook (a configuration that INHERITs it) and with Material's own
  search plugin and templates (the site a user would otherwise make); the ratio hook build / plain build
  is the hook overhead;
- a warm build after one seed is added (a deploy with .cache/ and site/ kept: the seed is held back until then);
- a `mkdocs serve --dirty` rebuild (`make serve`): in one process, as `mkdocs serve` does (load_config +
  build, plugins kept), build once, append a paragraph to one seed, build again; the second build is timed
  (the page shows when it returns), and the time until the search index is updated after it. The same
  for the plain build (`mkdocs serve`, not dirty) with one Markdown page edited.
For the largest N, the reader's side: bytes (raw and gzipped) a browser fetches to open one article, and
then to run a first search, and the seconds from typing to the first result shown (Playwright +
/usr/bin/chromium against a local HTTP server): on the hook's site in each script (the Traditional
one with the query typed in Simplified, across scripts) and on the plain site.

Results: Markdown tables on stdout, all figures as JSON in bench/out/results.json.

The parts: bench/project.py makes the projects (the copy with N seeds, the plain project, the 原文对照
pages on or off), bench/measure.py times a build and a serve rebuild, bench/reader.py the reader's side;
this file is the command line and the report.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from measure import mkdocs_build, rebuild
from project import CONFIG_FILE, REPO, make_plain_project, make_project, raw_pages_config
from reader import QUERY, reader_bytes

# ---------------------------------------------------------------------------------------------
# One N


def raw_pages_cost(count: int) -> dict:
    """Cold builds of one corpus without and with the 原文对照 pages (issue 14's budget: at most 15 % slower)."""
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        project = make_project(tmp, count)
        result = {"n": count}
        for name, on in (("without", False), ("with", True)):
            print(f"N={count}: cold build {name} the 原文对照 pages ...", file=sys.stderr, flush=True)
            shutil.rmtree(project / ".cache", ignore_errors=True)
            result[name] = mkdocs_build(raw_pages_config(project, on), tmp / f"site-{name}")
        return result


def raw_pages_report(results: list[dict]) -> str:
    out = ["## The 原文对照 pages: cold build without and with them", "",
           "| N | without s | with s | slower | render s without / with | conversion s | tags+xref s | "
           "peak RSS MB | output MB |", "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        a, b = r["without"], r["with"]
        sa, sb = a["stages"], b["stages"]
        slower = (b["seconds"] / a["seconds"] - 1) * 100
        out.append(f"| {r['n']} | {a['seconds']:.1f} | {b['seconds']:.1f} | {slower:+.0f} % | "
                   f"{sa['render']:.1f} / {sb['render']:.1f} | {sa['conversion']:.1f} / {sb['conversion']:.1f} | "
                   f"{sa['tags_xref']:.1f} / {sb['tags_xref']:.1f} | {a['rss_mb']:.0f} / {b['rss_mb']:.0f} | "
                   f"{a['output_mb']:.0f} / {b['output_mb']:.0f} |")
    return "\n".join(out) + "\n"


def bench(count: int, reader: bool, keep: Path | None, plain_too: bool = True) -> dict:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        project = make_project(tmp, count + 1)
        site_config = project / CONFIG_FILE
        added_seed = project / "seeds" / f"{count:04d}_bench.txt"  # held back: the seed a later deploy adds
        held = added_seed.rename(tmp / added_seed.name)
        print(f"N={count}: cold build ...", file=sys.stderr, flush=True)
        # One site folder for the three, as a deploy that keeps site/ and .cache/ builds (.github/workflows/
        # pages.yml): a warm build leaves the pages that did not change in it (hooks/site_folder.py).
        site = tmp / "site"
        cold = mkdocs_build(site_config, site)
        print(f"N={count}: warm build ...", file=sys.stderr, flush=True)
        warm = mkdocs_build(site_config, site)
        pages = len(list(site.glob("*/articles/*/index.html")))
        print(f"N={count}: warm build, one seed added ...", file=sys.stderr, flush=True)
        held.rename(added_seed)
        added = mkdocs_build(site_config, site)
        added_seed.rename(held)
        plain = plain_serve = None
        if plain_too:
            print(f"N={count}: plain build ...", file=sys.stderr, flush=True)
            plain_config = make_plain_project(project, tmp / "plain")
            plain = mkdocs_build(plain_config, tmp / "site-plain")
        print(f"N={count}: serve rebuilds ...", file=sys.stderr, flush=True)
        serve = rebuild(site_config, project / "seeds" / "0000_bench.txt", tmp / "site-serve", dirty=True)
        if plain_too:
            article = sorted((plain_config.parent / "docs" / "zh-hans" / "articles").iterdir())[0]
            plain_serve = rebuild(plain_config, article, tmp / "site-plain-serve")
        result = {"n": count, "cold": cold, "warm": warm, "added": added, "plain": plain, "serve": serve,
                  "plain_serve": plain_serve,
                  "pages": pages}
        if reader:
            print(f"N={count}: reader bytes ...", file=sys.stderr, flush=True)
            # The Traditional site with the query typed in Simplified: the cross-script path.
            result["reader"] = {"zh-hans": reader_bytes(site, "zh-hans", QUERY),
                                "zh-hant (typed in Simplified)": reader_bytes(site, "zh-hant", QUERY)}
            if plain_too:
                result["reader"]["plain zh-hans"] = reader_bytes(tmp / "site-plain", "zh-hans", QUERY)
        if keep:
            shutil.copytree(site, keep / f"site-{count}", dirs_exist_ok=True)
        return result


# ---------------------------------------------------------------------------------------------
# Report


def mb(n: float) -> str:
    return f"{n / 1e6:.2f}"


def kinds_text(by_kind: dict) -> str:
    return ", ".join(f"{k} {raw / 1e3:.0f}/{gz / 1e3:.0f}" for k, (raw, gz) in sorted(by_kind.items()))


def report(results: list[dict]) -> str:
    out = ["## Build", "",
           "| N | articles | cold s | warm s | warm, one seed added s | plain s | hook overhead warm (cold) | "
           "peak RSS MB cold / warm / plain (largest process) | peak MB, all processes at once: cold / warm / "
           "plain | output MB | search index per variant raw/gzip MB |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        c, w = r["cold"], r["warm"]
        added = f"{r['added']['seconds']:.1f}" if r.get("added") else "–"
        p = r["plain"] or {"seconds": float("nan"), "rss_mb": float("nan"), "tree_rss_mb": float("nan"), "indexes": {}}
        idx = ", ".join(f"{k}: {mb(raw)}/{mb(gz)}" for k, (raw, gz) in w["indexes"].items())
        if r["plain"]:
            idx += " (plain: " + ", ".join(f"{k}: {mb(raw)}/{mb(gz)}" for k, (raw, gz) in p["indexes"].items()) + ")"
        over_w, over_c = (w["seconds"] / p["seconds"] - 1) * 100, (c["seconds"] / p["seconds"] - 1) * 100
        out.append(f"| {r['n']} | {r['pages']} | {c['seconds']:.1f} | {w['seconds']:.1f} | {added} | "
                   f"{p['seconds']:.1f} | "
                   f"{over_w:+.0f} % ({over_c:+.0f} %) | "
                   f"{c['rss_mb']:.0f} / {w['rss_mb']:.0f} / {p['rss_mb']:.0f} | "
                   f"{c['tree_rss_mb']:.0f} / {w['tree_rss_mb']:.0f} / {p['tree_rss_mb']:.0f} | "
                   f"{w['output_mb']:.1f} | {idx} |")
    out += ["", "## Time per stage (seconds; from .cache/timings.json)", "",
            "| N | build | setup | decode+clean | conversion | tags+xref | MkDocs render | search index | "
            "startup (imports, config) | total |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        for name in ("cold", "warm", "added"):
            if not r.get(name):
                continue
            s = r[name]["stages"]
            out.append(f"| {r['n']} | {name} | {s['setup']:.1f} | {s['decode_clean']:.1f} | {s['conversion']:.1f} | "
                       f"{s['tags_xref']:.1f} | {s['render']:.1f} | {s['search']:.1f} | {s['startup']:.1f} | "
                       f"{r[name]['seconds']:.1f} |")
        s = r["serve"].get("stages")
        if s:
            out.append(f"| {r['n']} | serve rebuild | {s['setup']:.1f} | {s['decode_clean']:.1f} | "
                       f"{s['conversion']:.1f} | {s['tags_xref']:.1f} | {s['render']:.1f} | {s['search']:.1f} | – | "
                       f"{r['serve']['rebuild']:.1f} |")
    out += ["", "## `mkdocs serve` rebuild after editing one file (seconds)", "",
            "| N | hook: first build (warm cache) | hook: rebuild (`--dirty`: the page shows) | pages built | "
            "hook: edit to search updated | seeds re-cleaned | plain: rebuild | ratio | "
            "peak RSS MB hook / plain (largest process; all processes at once) |",
            "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        s = r["serve"]
        p = r["plain_serve"] or {"rebuild": float("nan"), "rss_mb": float("nan"), "tree_rss_mb": float("nan")}
        searched = f"{s['search']:.1f}" if s.get("search") is not None else "–"
        out.append(f"| {r['n']} | {s['first']:.1f} | {s['rebuild']:.1f} | {s.get('pages_built', '?')} | {searched} | "
                   f"{s.get('cleaned', '?')} | "
                   f"{p['rebuild']:.1f} | {s['rebuild'] / p['rebuild']:.2f} | {s['rss_mb']:.0f} / {p['rss_mb']:.0f} "
                   f"({s['tree_rss_mb']:.0f} / {p['tree_rss_mb']:.0f}) |")
    if len(results) > 1:
        by_n = {r["n"]: r for r in results}
        if 500 in by_n and 1000 in by_n:
            out += ["", "Growth N=1000 / N=500: " + ", ".join(
                f"{name} {by_n[1000][name]['seconds'] / by_n[500][name]['seconds']:.2f}"
                for name in ("cold", "warm", "added", "plain") if by_n[1000].get(name) and by_n[500].get(name))]
    for r in results:
        for root, rb in r.get("reader", {}).items():
            out += ["", f"## Reader's side at N = {r['n']} ({root}, empty browser cache)", "",
                    "| step | files | raw KB | gzip KB | by kind (raw/gzip KB) |", "|---|---|---|---|---|"]
            for step in ("open", "first_search"):
                t = rb[step]
                out.append(f"| {step.replace('_', ' ')} | {t['files']} | {t['raw'] / 1e3:.0f} | "
                           f"{t['gzip'] / 1e3:.0f} | {kinds_text(t['by_kind'])} |")
            took = f"{rb['seconds_to_results']:.2f} s" if rb.get("seconds_to_results") is not None else "none"
            out.append(f"\nArticle: `{rb['article']}`; query {rb['query']}: {rb['results_shown']} results shown, "
                       f"first result {took} after typing.")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,500,1000", help="corpus sizes, comma-separated")
    parser.add_argument("--no-reader", action="store_true", help="skip the browser measurement")
    parser.add_argument("--keep", type=Path, help="copy each warm site here")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain Material builds (the slowest part)")
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "out" / "results.json")
    parser.add_argument("--raw-pages-cost", action="store_true",
                        help="only two cold builds per size: without and with the 原文对照 pages")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.raw_pages_cost:
        costs = [raw_pages_cost(count) for count in sizes]
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.with_name("raw-pages.json").write_text(json.dumps(costs, indent=1), encoding="utf-8")
        print(raw_pages_report(costs))
        return None
    results = []
    for count in sizes:
        results.append(bench(count, reader=not args.no_reader and count == max(sizes), keep=args.keep,
                             plain_too=not args.no_plain))
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(report(results))


if __name__ == "__main__":
    main()
