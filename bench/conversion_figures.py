"""How the Traditional pages read on texts the conversion review was never written for: a site built from
other seed folders (the public dev set, tests/fixtures/conversion/), every article page converted as the
build converts it, compared word by word with MediaWiki's tables (zhconv-rs).

    .venv/bin/python bench/conversion_figures.py [--seeds DIR ...] [--project DIR] [--list]

Prints, per variant: the Han characters of the article pages; the differing words against zhconv-rs
`zh-hant` (script only, no vocabulary) per 10,000 characters; the differences against the variant's own
second-converter target (zh-tw for s2tw) that data/conversion-review.yml does not decide. --list prints
every differing word (grouped, with its count and context) for a reader to judge. --project runs another
checkout's code (an older commit, for a before/after figure) on the same seeds.
"""

from __future__ import annotations

import argparse
import inspect
import re
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = [ROOT.parent / "shared" / "devset" / "raw", ROOT / "tests" / "fixtures" / "conversion"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=Path, nargs="+", default=DEFAULT_SEEDS, help="folders of .txt seeds")
    parser.add_argument("--project", type=Path, default=ROOT, help="the checkout whose code converts")
    parser.add_argument("--list", action="store_true", help="list every differing word")
    args = parser.parse_args()
    project = args.project.resolve()
    sys.path.insert(0, str(project / "hooks"))
    from seedtext.cache import Cache
    from seedtext.convert import convert_variant
    from seedtext.review import Decision, differences, text_of, undecided, zhconv_target
    from seedtext.site import build_site

    try:
        from options import load_site_options
    except ImportError:  # a checkout from before options.load_site_options (6e66633)
        load_site_options = None
    if load_site_options is not None:  # the site's options as that checkout's build loads them
        from mkdocs.config import load_config

        options, warnings = load_site_options(load_config(str(project / "mkdocs.yml")))
        for warning in [*warnings, *options.tags.problems]:
            print(f"WARNING {warning}", file=sys.stderr)
        cleaning, tags = options.cleaning, {"tags": options.tags}
        variants = [v for v in options.variants if v.opencc]
        decided = options.review
    else:  # the old checkout's loaders; its build_site reads data/tags.yml beside the seeds folder
        from options import cleaning_options, conversion_review
        from review_conversion import site_variants

        cleaning, tags = cleaning_options(project / "data" / "cleaning.yml"), {}
        variants = [v for v in site_variants(project) if v.opencc]
        decided = {root: [Decision(**d) for d in entries] for root, entries in
                   conversion_review(project / "data" / "conversion-review.yml", [v.root for v in variants]).items()}

    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp)
        (site_dir / "seeds").mkdir()
        if not tags:
            (site_dir / "data").mkdir()
            shutil.copy(project / "data" / "tags.yml", site_dir / "data" / "tags.yml")
        for folder in args.seeds:
            for seed in sorted(folder.glob("*.txt")):
                shutil.copy(seed, site_dir / "seeds" / f"{folder.name}-{seed.name}")
        site = build_site(site_dir / "seeds", project / "docs", cleaning, Cache(None), with_raw_pages=False, **tags)
    articles = [page for page in site.pages if page.source]
    han = sum(len(re.findall(r"[\u3400-\u9fff]", text_of(page.markdown))) for page in articles)
    takes_names = "names" in inspect.signature(convert_variant).parameters  # not in a checkout from before 499b4c1
    print(f"{len(articles)} articles from {', '.join(str(f) for f in args.seeds)}: {han} Han characters")
    for variant in variants:
        script_only, own = [], []
        for page in articles:
            text = text_of(page.markdown)
            extra = {"vocabulary": variant.vocabulary, "names": page.names} if takes_names else {}
            ours = convert_variant(text, variant.opencc, variant.phrases, variant.quotes, **extra)
            script_only += differences(text, ours, "zh-hant")
            if zhconv_target(variant.opencc):
                own += differences(text, ours, zhconv_target(variant.opencc))
        open_ = undecided(own, list(decided.get(variant.root, ())))
        print(f"{variant.root}: {len(script_only)} words differ from zhconv-rs zh-hant "
              f"({len(script_only) / han * 10_000:.1f} per 10,000 characters, "
              f"{len(Counter(d.form for d in script_only))} distinct); "
              f"{len(open_)} differ from {zhconv_target(variant.opencc)} undecided "
              f"({len(Counter(d.form for d in open_))} distinct)")
        if args.list:
            for form, count in Counter(d.form for d in script_only).most_common():
                place = next(d for d in script_only if d.form == form)
                where = f"…{place.before}{form[0]}{place.after}…"
                print(f"  {form[0]}\tours {form[1]}\tzh-hant {form[2]}\t×{count}\t{where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
