"""The conversion review (`make review-conversion`): every page of the site converted by the project
and by MediaWiki's tables (zhconv-rs), for each Traditional variant in mkdocs.yml; prints every
word the two print differently that data/conversion-review.yml does not decide. Changes nothing.

    python hooks/review_conversion.py [--all] [--review FILE] [--quotes as-printed|corner]

The site's options are the build's (options.load_site_options on mkdocs.yml); what the build would warn
about them goes to stderr. Exit status 1 when a difference is undecided: decide it in the review file (the
site's form is right: word, choice, why) or in data/phrases.txt (the other form is right), then run it
again. Exit status 2 when an option stops the build or the review file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


from options import REVIEW_FILE, OptionsError, SiteOptions, conversion_review, load_project_options  # noqa: E402
from seedtext.cache import Cache  # noqa: E402
from seedtext.convert import convert_variant  # noqa: E402
from seedtext.review import Decision, Difference, differences, text_of, undecided, zhconv_target  # noqa: E402
from seedtext.site import build_site  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]


@dataclass
class Review:
    """One variant's review: every difference with its count, the undecided ones, the decisions."""

    found: list[Difference]
    undecided: list[Difference]
    decisions: list[Decision]


def review(project: Path, options: SiteOptions, decided: Mapping[str, tuple[Decision, ...]] | None = None,
           quotes: str | None = None) -> dict[str, Review]:
    """For each variant of `options` (load_site_options of the project's mkdocs.yml) with a second converter,
    what the two converters print differently, against `decided` (by default the site's review file)."""
    site = build_site(project / "seeds", project / "docs", options.cleaning, Cache(project / ".cache"),
                      with_raw_pages=False, tags=options.tags)
    converted = [v for v in options.variants if zhconv_target(v.opencc)]
    decided = options.review if decided is None else decided
    out = {}
    for variant in converted:
        found: list[Difference] = []
        for page in site.pages:
            text = text_of(page.markdown)
            ours = convert_variant(text, variant.opencc, variant.phrases, quotes or variant.quotes,
                                   variant.vocabulary, page.names)
            found += differences(text, ours, zhconv_target(variant.opencc))
        decisions = list(decided.get(variant.root, ()))
        out[variant.root] = Review(found, undecided(found, decisions), decisions)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all", action="store_true", help="list the decided differences too")
    parser.add_argument("--review", type=Path, help=f"another reviewed file instead of the site's {REVIEW_FILE}")
    parser.add_argument("--quotes", choices=["as-printed", "corner"],
                        help="compare with these quotation marks instead of each variant's own")
    args = parser.parse_args(argv)
    try:
        options, warnings = load_project_options(PROJECT)
        roots = [v.root for v in options.variants if zhconv_target(v.opencc)]
        decided = None if args.review is None else conversion_review(args.review, roots)
    except OptionsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    # The build goes on without a review file it cannot read (every difference a doubt); the review does not.
    unreadable = [w for w in warnings if args.review is None and w.startswith(f"{REVIEW_FILE.as_posix()}:")]
    for warning in [*warnings, *options.tags.problems]:
        print(f"{'error' if warning in unreadable else 'warning'}: {warning}", file=sys.stderr)
    if unreadable:
        return 2
    results = review(PROJECT, options, decided, args.quotes)
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
