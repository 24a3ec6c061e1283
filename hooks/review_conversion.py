"""The conversion review (`make review-conversion`): every page of the site converted by the project
and by MediaWiki's tables (zhconv-rs), for each Traditional variant in mkdocs.yml; prints every
word the two print differently that data/conversion-review.yml does not decide. Changes nothing.

    python hooks/review_conversion.py [--all] [--review FILE] [--quotes as-printed|corner]

Exit status 1 when a difference is undecided: decide it in the review file (the site's form is
right: word, choice, why) or in data/phrases.txt (the other form is right), then run it again.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import options  # noqa: E402
from options import CLEANING_FILE, TAGS_FILE, OptionsError, cleaning_options, conversion_review, tag_vocabulary  # noqa: E402
from seedtext.cache import Cache  # noqa: E402
from seedtext.convert import convert_variant  # noqa: E402
from seedtext.review import Decision, Difference, differences, text_of, undecided, zhconv_target  # noqa: E402
from seedtext.site import Variant, build_site  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
REVIEW_FILE = PROJECT / options.REVIEW_FILE


@dataclass
class Review:
    """One variant's review: every difference with its count, the undecided ones, the decisions."""

    found: list[Difference]
    undecided: list[Difference]
    decisions: list[Decision]


def site_variants(project: Path) -> tuple[Variant, ...]:
    """extra.variants of the project's mkdocs.yml, as the build makes them (options.load_site_options)."""
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    return options.load_site_options(load_config(str(project / "mkdocs.yml")))[0].variants


def review(project: Path, variants: list[Variant], review_file: Path,
           quotes: str | None = None) -> dict[str, Review]:
    """For each variant with a second converter, what the two converters print differently."""
    site = build_site(project / "seeds", project / "docs", cleaning_options(project / CLEANING_FILE),
                      Cache(project / ".cache"), with_raw_pages=False, tags=tag_vocabulary(project / TAGS_FILE))
    converted = [v for v in variants if zhconv_target(v.opencc)]
    decided = conversion_review(review_file, [v.root for v in converted])
    out = {}
    for variant in converted:
        found: list[Difference] = []
        for page in site.pages:
            text = text_of(page.markdown)
            ours = convert_variant(text, variant.opencc, variant.phrases, quotes or variant.quotes,
                                   variant.vocabulary, page.names)
            found += differences(text, ours, zhconv_target(variant.opencc))
        decisions = list(decided[variant.root])
        out[variant.root] = Review(found, undecided(found, decisions), decisions)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all", action="store_true", help="list the decided differences too")
    parser.add_argument("--review", type=Path, default=REVIEW_FILE, help="the reviewed file")
    parser.add_argument("--quotes", choices=["as-printed", "corner"],
                        help="compare with these quotation marks instead of each variant's own")
    args = parser.parse_args(argv)
    try:
        results = review(PROJECT, site_variants(PROJECT), args.review, args.quotes)
    except OptionsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    status = 0
    for root, result in results.items():
        forms = Counter(d.form for d in result.found)
        open_forms = Counter(d.form for d in result.undecided)
        print(f"{root}: {len(result.found)} differing words ({len(forms)} distinct), {len(open_forms)} undecided")
        for form, count in sorted((forms if args.all else open_forms).items(), key=lambda item: (-item[1], item[0])):
            places = [d for d in result.found if d.form == form]
            rules = {rule for d in places for rule in result.decisions if rule.covers(d)}
            verdict = "; ".join(f"decided by {r.word}: {r.choice} ({r.why})" for r in rules)
            if form in open_forms:
                verdict = f"UNDECIDED ×{open_forms[form]}" + (f"; {verdict}" if verdict else "")
            word, ours, theirs = form
            where = f"…{places[0].before}{word}{places[0].after}…"
            print(f"  {word}\tours {ours}\ttheirs {theirs}\t×{count}\t{where}\t{verdict}")
        for decision in result.decisions:
            if not any(decision.covers(d) for d in result.found):
                print(f"  (no page has {decision.word} now: its entry can go)")
        status = status or (1 if open_forms else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
