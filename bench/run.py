"""Benchmark: build the site on synthetic corpora of N seeds; report time, peak RSS, sizes.

Usage: .venv/bin/python bench/run.py --sizes 100,500,1000
"""

import argparse
import gzip
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from corpus import make_corpus  # noqa: E402


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build(project: Path, site_dir: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(REPO / ".venv/bin/mkdocs"), "build", "-q", "-d", str(site_dir)], cwd=project, check=True)
    return time.perf_counter() - start


def bench(count: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(REPO, project, ignore=shutil.ignore_patterns(
            ".git", ".venv", "node_modules", "site", ".cache", "seeds", "bench", "tests"))
        make_corpus(REPO / "seeds", project / "seeds", count)
        site_dir = Path(tmp) / "site"
        seconds = build(project, site_dir)
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        indexes = {}
        for index in sorted(site_dir.glob("*/search/search_index.json")):
            raw = index.read_bytes()
            indexes[index.parent.parent.name] = (len(raw), len(gzip.compress(raw)))
        return {"n": count, "seconds": seconds, "rss_mb": rss_mb,
                "output_mb": dir_size(site_dir) / 1e6, "indexes": indexes}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,500,1000")
    args = parser.parse_args()
    print("| N | build s | peak RSS MB (max so far) | output MB | search index per variant raw/gzip MB |")
    print("|---|---|---|---|---|")
    for count in (int(s) for s in args.sizes.split(",")):
        r = bench(count)
        idx = ", ".join(f"{k}: {raw / 1e6:.2f}/{gz / 1e6:.2f}" for k, (raw, gz) in r["indexes"].items())
        print(f"| {r['n']} | {r['seconds']:.1f} | {r['rss_mb']:.0f} | {r['output_mb']:.1f} | {idx} |", flush=True)


if __name__ == "__main__":
    main()
