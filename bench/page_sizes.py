"""The largest pages a reader opens to find articles (the home page, the tag pages and the tag index, the
dates pages, the term index), in KB of HTML and in elements, per script tree of a built site: issue 26 wants
none over about 150 KB or 1,500 elements at N = 1000.

    .venv/bin/python bench/page_sizes.py SITE_DIR            # a site already built
    .venv/bin/python bench/page_sizes.py --build PROJECT     # build PROJECT first (into PROJECT/site)

Elements are counted as `grep -o '<[a-z]' page | wc -l` counts them (every opening tag). Exit status 1 when
a page is over a limit.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

LIMIT_KB = 150
LIMIT_ELEMENTS = 1500
OPENING_TAG = re.compile(rb"<[a-z]")


def kinds(tree: Path) -> dict[str, list[Path]]:
    """The listing pages of one script tree, by kind."""
    tags = [p for p in (tree / "tags").rglob("index.html") if p.parent != tree / "tags"]
    return {"home": [tree / "index.html"], "tag pages": tags, "tag index": [tree / "tags" / "index.html"],
            "dates": sorted((tree / "dates").rglob("index.html")), "terms": [tree / "terms" / "index.html"]}


def measure(page: Path) -> tuple[float, int]:
    data = page.read_bytes()
    return len(data) / 1000, len(OPENING_TAG.findall(data))


def report(site: Path) -> bool:
    """Print the largest page of each kind in every tree; True when every page is within the limits."""
    within = True
    trees = sorted(p.parent for p in site.glob("*/sitemap-pages.xml"))
    print(f"{'tree':8} {'kind':10} {'pages':>5} {'largest (KB)':>13} {'(elements)':>10}  page")
    for tree in trees:
        for kind, pages in kinds(tree).items():
            pages = [p for p in pages if p.exists()]
            if not pages:
                continue
            sizes = {p: measure(p) for p in pages}
            biggest = max(pages, key=lambda p: sizes[p][0])
            most = max(pages, key=lambda p: sizes[p][1])
            over = [p for p, (kb, elements) in sizes.items() if kb > LIMIT_KB or elements > LIMIT_ELEMENTS]
            within &= not over
            name = biggest.parent.relative_to(tree).as_posix() or "."
            print(f"{tree.name:8} {kind:10} {len(pages):5} {sizes[biggest][0]:13.1f} {sizes[most][1]:10}  {name}"
                  + (f"  ({len(over)} over the limits)" if over else ""))
    return within


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path, help="a built site")
    parser.add_argument("--build", type=Path, metavar="PROJECT", help="build this project first")
    args = parser.parse_args()
    site = args.site
    if args.build:
        site = site or args.build / "site"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH",
                                                                                       "1767225600"))
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(args.build / "mkdocs.yml"),
                        "-d", str(site.resolve())], cwd=args.build, env=env, check=True)
    if site is None:
        parser.error("give a built site or --build PROJECT")
    return 0 if report(site) else 1


if __name__ == "__main__":
    sys.exit(main())
