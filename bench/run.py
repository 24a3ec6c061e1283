"""Benchmark: build the site on synthetic corpora of N seeds and report what it costs.

One command (about 10 minutes on 2 cores for the default sizes):

    .venv/bin/python bench/run.py --sizes 100,500,1000

For every N, in a temporary copy of the project with N synthetic seeds (bench/corpus.py):
- `mkdocs build` cold (empty .cache/) and warm (cache filled by the cold build): wall time, peak RSS
  of the build process, output size, search index size (the Pagefind bundle; the plain build's
  Material index per script), and the time per stage the hook writes to .cache/timings.json
  (decode+clean, conversion, tags and cross-references, MkDocs render, search index; "startup" = the
  rest: interpreter, imports, config);
- the plain build: the same cleaned, converted Markdown written as ordinary files into a docs folder,
  built with the same mkdocs.yml minus the hook and with Material's own search plugin and templates
  (the site a user would otherwise make); the ratio hook build / plain build is the hook overhead;
- a `mkdocs serve` rebuild: in one process, as `mkdocs serve` does (load_config + build, plugins kept),
  build once, append a paragraph to one seed, build again; the second build is timed. The same for the
  plain build with one Markdown page edited.
For the largest N, the reader's side: bytes (raw and gzipped) a browser fetches to open one article, and
then to run a first search, and the seconds from typing to the first result shown (Playwright +
/usr/bin/chromium against a local HTTP server): on the hook's site in each script (the Traditional
one with the query typed in Simplified, across scripts) and on the plain site.

Results: Markdown tables on stdout, all figures as JSON in bench/out/results.json.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from corpus import make_corpus  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
EDIT = "\n\n本报讯 这是编辑在预览时补上的一段话，用来测量重新构建的时间。\n"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
QUERY = "反诈"


# ---------------------------------------------------------------------------------------------
# Processes


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants now, in KB (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"^VmRSS:\s+(\d+)", status, re.M).group(1)) if "VmRSS" in status else 0
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, AttributeError, ValueError):
            continue  # the process ended meanwhile
    return total


def run_child(cmd: list[str], cwd: Path) -> tuple[float, float, str, float]:
    """Run a command; (wall seconds, the peak RSS of its largest process in MB, stdout, the peak of the
    sum of its process tree's RSS in MB, sampled every 0.1 s: the memory the machine must hold at
    once, the hook and Pagefind together). Fails loudly with its output."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=out, stderr=err)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.1):
                peak[0] = max(peak[0], tree_rss_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stdout}\n{stderr}")
    return seconds, usage.ru_maxrss / 1024, stdout, peak[0] / 1024


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def search_indexes(site_dir: Path) -> dict[str, tuple[int, int]]:
    """Search index sizes (raw, gzipped): the Pagefind bundle per script (its files are gzipped already,
    so both figures are its size on disk), or Material's index."""
    out = {}
    for bundle in sorted(site_dir.glob("*/pagefind")):  # one per script variant
        size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
        out[f"{bundle.parent.name} pagefind"] = (size, size)
    for index in sorted([*site_dir.glob("search/search_index.json"), *site_dir.glob("*/search/search_index.json")]):
        raw = index.read_bytes()
        name = index.parent.parent.name if index.parent.parent != site_dir else "one index"
        out[name] = (len(raw), len(gzip.compress(raw, 6)))
    return out


def mkdocs_build(project: Path, site_dir: Path) -> dict:
    seconds, rss, _, tree_rss = run_child([str(REPO / ".venv/bin/mkdocs"), "build", "-q", "-d", str(site_dir)],
                                          project)
    result = {"seconds": seconds, "rss_mb": rss, "tree_rss_mb": tree_rss, "output_mb": dir_size(site_dir) / 1e6,
              "indexes": search_indexes(site_dir)}
    timings = project / ".cache" / "timings.json"
    if timings.exists():
        report = json.loads(timings.read_text(encoding="utf-8"))
        stages = report["stages"]
        stages["startup"] = seconds - stages["total"]  # interpreter, imports, config loading
        result.update(stages=stages, cleaned=len(report["cleaned"]), reused=report["reused"])
        timings.unlink()
    return result


def rebuild(project: Path, edit: Path, site_dir: Path) -> dict:
    """`mkdocs serve`'s rebuild after one file is edited, in a child process (see rebuild_child)."""
    _, rss, stdout, tree_rss = run_child(
        [sys.executable, __file__, "--_rebuild", str(project), str(edit), str(site_dir)], project)
    result = json.loads(stdout.strip().splitlines()[-1])
    result["rss_mb"], result["tree_rss_mb"] = rss, tree_rss
    return result


def rebuild_child(project: Path, edit: Path, site_dir: Path) -> None:
    """What `mkdocs serve` does (mkdocs/commands/serve.py): load_config, on_startup once, build; on a change,
    load_config again (plugin instances are kept) and build again."""
    os.chdir(project)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    serve_url = "http://127.0.0.1:8000/reviews/"

    def get_config():
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))
        config.site_url = serve_url
        return config

    start = time.perf_counter()
    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=serve_url)
    first = time.perf_counter() - start
    with edit.open("a", encoding="utf-8") as f:
        f.write(EDIT)
    start = time.perf_counter()
    build(get_config(), serve_url=serve_url)
    second = time.perf_counter() - start
    result = {"first": first, "rebuild": second}
    timings = project / ".cache" / "timings.json"
    if timings.exists():
        report = json.loads(timings.read_text(encoding="utf-8"))
        result.update(stages=report["stages"], cleaned=len(report["cleaned"]), converted=report["converted"])
    print(json.dumps(result))


# ---------------------------------------------------------------------------------------------
# Projects


def make_project(tmp: Path, count: int) -> Path:
    project = tmp / "project"
    shutil.copytree(REPO, project, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "site", ".cache", "seeds", "bench", "tests", "__pycache__",
        ".pytest_cache", ".ruff_cache"))
    (project / "node_modules").symlink_to(REPO / "node_modules")  # Pagefind, as `npm ci` installed it
    make_corpus(REPO / "seeds", project / "seeds", count)
    return project


def plain_child(project: Path, plain: Path) -> None:
    """Write every page the hook publishes (cleaned, converted per variant) as ordinary Markdown files."""
    sys.path.insert(0, str(project / "hooks"))
    from mkdocs.config import load_config

    from options import cleaning_options
    from seedtext.cache import Cache
    from seedtext.site import build_site, variant_markdown
    from variants import load_variants

    # The build's own loaders: the variants as the hook makes them (phrases, quotation marks, words).
    config = load_config(str(project / "mkdocs.yml"))
    options = cleaning_options(project / "data" / "cleaning.yml")
    variants = load_variants(config, options)
    cache = Cache(project / ".cache")  # filled by the cold build: this only reads
    site = build_site(project / "seeds", project / "docs", options, cache)
    docs = plain / "docs"
    for variant in variants:
        for page in site.pages:
            path = docs / variant.root / page.uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(variant_markdown(page, variant, cache), encoding="utf-8")
    links = "".join(f"- [{v.name}]({v.root}/index.md)\n" for v in variants)
    (docs / "index.md").write_text(f"# {config['site_name']}\n\n{links}", encoding="utf-8")


def make_plain_project(project: Path, plain: Path) -> Path:
    """The plain build: same theme, extensions, search and assets, the hook's pages as files, no hook."""
    for item in (project / "docs").rglob("*"):
        if item.is_file() and item.suffix != ".md":
            target = plain / "docs" / item.relative_to(project / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(item, target)
    # Material's own search box and templates: drop the overrides that put Pagefind in.
    shutil.copytree(project / "overrides", plain / "overrides")
    for name in ("main.html", "partials/header.html", "partials/search.html"):
        (plain / "overrides" / name).unlink()
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    plain_text, hooks = re.subn(r"^hooks:\n(?:  .*\n)+", "", text, flags=re.M)
    plain_text, _ = re.subn(r"^watch:\n(?:  .*\n)+", "", plain_text, flags=re.M)
    # Articles are reached through the home listings, not the nav (as the hook does: a full nav is quadratic).
    plain_text, nav = re.subn(r"^not_in_nav: \|\n", "not_in_nav: |\n  /*/articles/\n", plain_text, flags=re.M)
    # Material's search plugin, as a Chinese site would set it up (it cuts Chinese with jieba).
    plain_text, search = re.subn(r"^plugins:\n", "plugins:\n  - search:\n      lang: zh\n", plain_text, flags=re.M)
    # The tags plugin once per script tree, as the hook runs it (two instances with filters, as a
    # hand-made two-tree site would be configured).
    tags_block = re.search(r"^  - tags:\n((?:      .*\n)+)", plain_text, flags=re.M)
    roots = re.findall(r"^\s+root: (\S+)", plain_text, flags=re.M)
    instances = "".join(f"  - tags:\n{tags_block.group(1)}      filters: {{include: ['{root}/*']}}\n" for root in roots)
    plain_text = plain_text.replace(tags_block.group(0), instances)
    assert hooks == 1 and nav == 1 and search == 1 and roots, "mkdocs.yml changed shape: update make_plain_project"
    (plain / "mkdocs.yml").write_text(plain_text, encoding="utf-8")
    run_child([sys.executable, __file__, "--_plain", str(project), str(plain)], project)
    return plain


# ---------------------------------------------------------------------------------------------
# The reader's side


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_dir(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def local_file(site_dir: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    rel = url[len(base):].split("?")[0].split("#")[0]
    path = site_dir / rel
    return path / "index.html" if rel.endswith("/") or rel == "" or path.is_dir() else path


def kind(path: Path) -> str:
    if path.name == "search_index.json":
        return "search index"
    if "workers" in path.parts:
        return "search worker"
    if path.parent.name == "pagefind" or "pagefind" in path.parts:
        return "pagefind"
    return {".html": "html", ".css": "css", ".js": "js", ".json": "json"}.get(path.suffix, path.suffix or "other")


def tally(site_dir: Path, base: str, urls: list[str]) -> dict:
    """Bytes of the responses, raw and gzipped (what a server with compression sends), by kind."""
    total = {"raw": 0, "gzip": 0, "files": 0, "by_kind": {}}
    for url in dict.fromkeys(urls):
        path = local_file(site_dir, base, url)
        if path is None or not path.is_file():
            continue
        data = path.read_bytes()
        # Pagefind's index files are gzipped already: a server sends them as they are.
        gz = len(data) if path.suffix.startswith(".pf_") or path.suffix == ".pagefind" else len(gzip.compress(data, 6))
        total["raw"] += len(data)
        total["gzip"] += gz
        total["files"] += 1
        k = total["by_kind"].setdefault(kind(path), [0, 0])
        k[0] += len(data)
        k[1] += gz
    return total


def new_browser(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"])


@contextlib.contextmanager
def fresh_page(site_dir: Path):
    """The site served on loopback and a page in a fresh browser (empty cache): (page, base URL, the URLs
    of every response so far, appended as they come)."""
    from playwright.sync_api import sync_playwright

    server, base = serve_dir(site_dir)
    try:
        with sync_playwright() as p:
            browser = new_browser(p)
            page = browser.new_context().new_page()
            urls: list[str] = []
            page.on("response", lambda r: urls.append(r.url))
            yield page, base, urls
            browser.close()
    finally:
        server.shutdown()


def reader_bytes(site_dir: Path, root: str, query: str) -> dict:
    """Open one article in a fresh browser (empty cache), then type a first search: bytes for each step,
    and seconds from typing the query to the first result shown."""
    article = sorted((site_dir / root / "articles").iterdir())[len(list((site_dir / root / "articles").iterdir())) // 2]
    with fresh_page(site_dir) as (page, base, urls):
        page.goto(f"{base}{root}/articles/{article.name}/", wait_until="networkidle")
        time.sleep(1.0)
        opened = list(urls)
        box = page.locator("input.md-search__input")
        page.keyboard.press("s")  # opens search (Material's shortcut; the Pagefind box keeps it)
        results = page.locator(".md-search-result__item")
        found, seconds = 0, None
        for _ in range(5):  # Material's worker may miss a query typed while it starts: type it again
            start = time.perf_counter()
            box.fill(query)
            box.press("End")
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not (found := results.count()):
                time.sleep(0.02)
            if found:
                seconds = time.perf_counter() - start
                break
        page.wait_for_load_state("networkidle")
        searched = urls[len(opened):]
    return {"article": f"{root}/articles/{article.name}/", "open": tally(site_dir, base, opened),
            "first_search": tally(site_dir, base, searched), "query": query, "results_shown": found,
            "seconds_to_results": seconds}


# ---------------------------------------------------------------------------------------------
# One N


def set_raw_pages(project: Path, on: bool) -> None:
    """extra.raw_pages in the project's mkdocs.yml: the 原文对照 pages built or not."""
    config = project / "mkdocs.yml"
    text, n = re.subn(r"^  raw_pages: \w+$", f"  raw_pages: {'true' if on else 'false'}",
                      config.read_text(encoding="utf-8"), flags=re.M)
    if n != 1:
        raise SystemExit("mkdocs.yml: no `raw_pages:` line under extra")
    config.write_text(text, encoding="utf-8")


def raw_pages_cost(count: int) -> dict:
    """Cold builds of one corpus without and with the 原文对照 pages (issue 14's budget: at most 15 % slower)."""
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        project = make_project(tmp, count)
        result = {"n": count}
        for name, on in (("without", False), ("with", True)):
            print(f"N={count}: cold build {name} the 原文对照 pages ...", file=sys.stderr, flush=True)
            shutil.rmtree(project / ".cache", ignore_errors=True)
            set_raw_pages(project, on)
            result[name] = mkdocs_build(project, tmp / f"site-{name}")
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
        project = make_project(tmp, count)
        print(f"N={count}: cold build ...", file=sys.stderr, flush=True)
        cold = mkdocs_build(project, tmp / "site-cold")
        print(f"N={count}: warm build ...", file=sys.stderr, flush=True)
        warm = mkdocs_build(project, tmp / "site-warm")
        plain = plain_serve = None
        if plain_too:
            print(f"N={count}: plain build ...", file=sys.stderr, flush=True)
            plain_project = make_plain_project(project, tmp / "plain")
            plain = mkdocs_build(plain_project, tmp / "site-plain")
        print(f"N={count}: serve rebuilds ...", file=sys.stderr, flush=True)
        serve = rebuild(project, project / "seeds" / "0000_bench.txt", tmp / "site-serve")
        if plain_too:
            article = sorted((plain_project / "docs" / "zh-hans" / "articles").iterdir())[0]
            plain_serve = rebuild(plain_project, article, tmp / "site-plain-serve")
        result = {"n": count, "cold": cold, "warm": warm, "plain": plain, "serve": serve, "plain_serve": plain_serve,
                  "pages": len(list((tmp / "site-warm").glob("*/articles/*/index.html")))}
        if reader:
            print(f"N={count}: reader bytes ...", file=sys.stderr, flush=True)
            # The Traditional site with the query typed in Simplified: the cross-script path.
            result["reader"] = {"zh-hans": reader_bytes(tmp / "site-warm", "zh-hans", QUERY),
                                "zh-hant (typed in Simplified)": reader_bytes(tmp / "site-warm", "zh-hant", QUERY)}
            if plain_too:
                result["reader"]["plain zh-hans"] = reader_bytes(tmp / "site-plain", "zh-hans", QUERY)
        if keep:
            shutil.copytree(tmp / "site-warm", keep / f"site-{count}", dirs_exist_ok=True)
        return result


# ---------------------------------------------------------------------------------------------
# Report


def mb(n: float) -> str:
    return f"{n / 1e6:.2f}"


def kinds_text(by_kind: dict) -> str:
    return ", ".join(f"{k} {raw / 1e3:.0f}/{gz / 1e3:.0f}" for k, (raw, gz) in sorted(by_kind.items()))


def report(results: list[dict]) -> str:
    out = ["## Build", "",
           "| N | articles | cold s | warm s | plain s | hook overhead warm (cold) | "
           "peak RSS MB cold / warm / plain (largest process) | peak MB, all processes at once: cold / warm / "
           "plain | output MB | search index per variant raw/gzip MB |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        c, w = r["cold"], r["warm"]
        p = r["plain"] or {"seconds": float("nan"), "rss_mb": float("nan"), "tree_rss_mb": float("nan"), "indexes": {}}
        idx = ", ".join(f"{k}: {mb(raw)}/{mb(gz)}" for k, (raw, gz) in w["indexes"].items())
        if r["plain"]:
            idx += " (plain: " + ", ".join(f"{k}: {mb(raw)}/{mb(gz)}" for k, (raw, gz) in p["indexes"].items()) + ")"
        over_w, over_c = (w["seconds"] / p["seconds"] - 1) * 100, (c["seconds"] / p["seconds"] - 1) * 100
        out.append(f"| {r['n']} | {r['pages']} | {c['seconds']:.1f} | {w['seconds']:.1f} | {p['seconds']:.1f} | "
                   f"{over_w:+.0f} % ({over_c:+.0f} %) | "
                   f"{c['rss_mb']:.0f} / {w['rss_mb']:.0f} / {p['rss_mb']:.0f} | "
                   f"{c['tree_rss_mb']:.0f} / {w['tree_rss_mb']:.0f} / {p['tree_rss_mb']:.0f} | "
                   f"{w['output_mb']:.1f} | {idx} |")
    out += ["", "## Time per stage (seconds; from .cache/timings.json)", "",
            "| N | build | setup | decode+clean | conversion | tags+xref | MkDocs render | search index | "
            "startup (imports, config) | total |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        for name in ("cold", "warm"):
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
            "| N | hook: first build (warm cache) | hook: rebuild | seeds re-cleaned | plain: rebuild | ratio | "
            "peak RSS MB hook / plain (largest process; all processes at once) |", "|---|---|---|---|---|---|---|"]
    for r in results:
        s = r["serve"]
        p = r["plain_serve"] or {"rebuild": float("nan"), "rss_mb": float("nan"), "tree_rss_mb": float("nan")}
        out.append(f"| {r['n']} | {s['first']:.1f} | {s['rebuild']:.1f} | {s.get('cleaned', '?')} | "
                   f"{p['rebuild']:.1f} | {s['rebuild'] / p['rebuild']:.2f} | {s['rss_mb']:.0f} / {p['rss_mb']:.0f} "
                   f"({s['tree_rss_mb']:.0f} / {p['tree_rss_mb']:.0f}) |")
    if len(results) > 1:
        by_n = {r["n"]: r for r in results}
        if 500 in by_n and 1000 in by_n:
            out += ["", "Growth N=1000 / N=500: " + ", ".join(
                f"{name} {by_n[1000][name]['seconds'] / by_n[500][name]['seconds']:.2f}"
                for name in ("cold", "warm", "plain") if by_n[1000][name] and by_n[500][name])]
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
    if len(sys.argv) > 1 and sys.argv[1] == "--_rebuild":
        return rebuild_child(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
    if len(sys.argv) > 1 and sys.argv[1] == "--_plain":
        return plain_child(Path(sys.argv[2]), Path(sys.argv[3]))
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
