"""How long the script conversion takes on a site of N synthetic seeds (bench/corpus.py), every page the
build converts (articles, 原文对照 pages, tag pages, home), for each converted variant of mkdocs.yml.
Cleaning is cached in a folder of its own (.cache/bench-conversion) and not timed; the conversion is
timed without its cache, as a cold build pays it, and each round starts with nothing remembered.

    .venv/bin/python bench/conversion_speed.py [--seeds 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import make_corpus  # noqa: E402

from options import load_project_options  # noqa: E402
from seedtext.cache import Cache  # noqa: E402
from seedtext.convert import convert_variant, forget_words  # noqa: E402
from seedtext.site import build_site  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--each-page-new", action="store_true",
                        help="forget the words and runs converted before every page: the cost on a corpus where "
                             "no page repeats another's text (the synthetic corpus recombines the seeds' sentences)")
    args = parser.parse_args()
    site_options, warnings = load_project_options(ROOT)
    for warning in [*warnings, *site_options.tags.problems]:
        print(f"WARNING {warning}", file=sys.stderr)
    variants = [v for v in site_options.variants if v.opencc]
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        make_corpus(ROOT / "seeds", project / "seeds", args.seeds)
        site = build_site(project / "seeds", ROOT / "docs", site_options.cleaning,
                          Cache(ROOT / ".cache" / "bench-conversion"), tags=site_options.tags)
    texts = [page.markdown for page in site.pages]
    chars = sum(len(t) for t in texts)
    for variant in variants:
        convert_variant("预热", variant.opencc, variant.phrases, variant.quotes)  # load dictionaries once
        rounds = []
        for _ in range(args.rounds):
            forget_words()  # every round converts as a fresh build process does
            start = time.perf_counter()
            for text in texts:
                if args.each_page_new:
                    forget_words()
                convert_variant(text, variant.opencc, variant.phrases, variant.quotes, variant.vocabulary)
            rounds.append(time.perf_counter() - start)
        print(f"{variant.root}: {len(texts)} pages, {chars / 1e6:.1f} M characters: "
              f"median {statistics.median(rounds):.2f} s, "
              f"slowest {max(rounds):.2f} s over {args.rounds} rounds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
