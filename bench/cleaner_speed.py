"""How long the cleaner takes on the seeds, apart from the one-time loading of jieba's dictionary
and tagger (the word-across-the-break and part-of-speech signs use them).

    .venv/bin/python bench/cleaner_speed.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))


from options import load_project_options  # noqa: E402
from seedtext.cleaning.headings import _tagger  # noqa: E402
from seedtext.cleaning.words import _tokenizer  # noqa: E402
from seedtext.seed import clean_seed  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    site, warnings = load_project_options(ROOT)  # the build's options
    for warning in warnings:
        print(f"WARNING {warning}", file=sys.stderr)
    options = site.cleaning
    start = time.perf_counter()
    _tokenizer()
    _tagger()
    loading = time.perf_counter() - start
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    rounds = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for seed in seeds:
            clean_seed(seed, options)
        rounds.append(time.perf_counter() - start)
    size = sum(seed.stat().st_size for seed in seeds) / 1024
    print(f"jieba dictionary and tagger, loaded once per process: {loading:.2f} s")
    print(f"{len(seeds)} seeds ({size:.0f} KB): median {statistics.median(rounds):.3f} s, "
          f"slowest {max(rounds):.3f} s over {args.rounds} rounds (decode, cleaning steps, lossless check)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
