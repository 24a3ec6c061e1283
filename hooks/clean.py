"""Clean one seed and print its article pages exactly as the site publishes them (Simplified).

    python hooks/clean.py SEED.txt            the Markdown pages: front matter, text, tags and related lists
    python hooks/clean.py SEED.txt --explain  every edit (join, split, removal, space, punctuation) and its step
    python hooks/clean.py SEED.txt --explain --by-step
                                              the same edits, grouped by the cleaning step that made them
                                              (--by-step alone says the same)
    python hooks/clean.py SEED.txt --text     the cleaned text alone (one block per paragraph)
    python hooks/clean.py SEED.txt --doubtful the decisions closest to the balance, to check first
    python hooks/clean.py SEED.txt --script zh-hant
                                              the pages in a script variant of mkdocs.yml, each word the
                                              conversion review has not decided marked 【本站｜MediaWiki】
    python hooks/clean.py --steps             the cleaning steps in the order they run, as a Markdown table

Uses the build's own code path (seedtext.site.pages_of_seed), the site's options as the build loads them
(options.load_site_options on mkdocs.yml: data/cleaning.yml, data/tags.yml, the variants and
data/conversion-review.yml) and seeds/overrides/<seed>.yml. A seed in seeds/ gets its related lists from the
other seeds there (cleaned results come from the build's cache, .cache/); any other file is shown as the
page a site with only that file would publish. What the build would warn about the options (a misspelt
extra key, a tag left out, a review file that cannot be read) goes to stderr. Exits 1 with a one-line
message naming the file when it cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


from options import OptionsError, SiteOptions, load_project_options  # noqa: E402
from seedtext.cache import Cache  # noqa: E402
from seedtext.cleaning import PLANS  # noqa: E402
from seedtext.cleaning.evidence import DOUBTFUL_MARGIN, doubtful  # noqa: E402
from seedtext.model import Edit  # noqa: E402
from seedtext.render import render_text  # noqa: E402
from seedtext.review import mark_places, undecided, zhconv_target  # noqa: E402
from seedtext.site import pages_of_seed, variant_markdown  # noqa: E402
from seedtext.steps import steps_table  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]


def explained(edit: Edit) -> str:
    removed = "  [removed]" if edit.removed else ""
    return f"{edit.line:>5}  {edit.kind:<8} {edit.step:<18} {edit.detail}{removed}"


def site_options() -> SiteOptions | None:
    """The site's options as the build loads them; its warnings and the tags left out on stderr (None and
    the message when an option stops the build)."""
    try:
        site, warnings = load_project_options(PROJECT)
    except OptionsError as exc:
        print(exc, file=sys.stderr)
        return None
    for warning in [*warnings, *site.tags.problems]:
        print(f"WARNING {warning}", file=sys.stderr)
    return site


def print_in_script(pages: list, root: str, site: SiteOptions) -> int:
    """The article pages converted as the build converts them, undecided words marked (stderr: the count)."""
    variants = {v.root: v for v in site.variants}
    if root not in variants:
        print(f"--script {root}: mkdocs.yml has no variant with that root ({', '.join(variants)})", file=sys.stderr)
        return 1
    variant = variants[root]
    cache = Cache(PROJECT / ".cache")
    target = zhconv_target(variant.opencc)
    decisions = site.review.get(root, ()) if target else ()
    forms = set()
    for page in pages:
        converted = variant_markdown(page, variant, cache)
        doubts = undecided(cache.differences(page.markdown, converted, target), decisions) if target else []
        forms.update(d.form for d in doubts)
        print(mark_places(converted, doubts, lambda d, word: f"【{word}｜{d.theirs}】"), end="")
    print(f"{len(forms)} word(s) that data/conversion-review.yml has not decided, marked 【{root}｜MediaWiki】",
          file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("seed", type=Path, nargs="?")
    parser.add_argument("--steps", action="store_true", help="print the cleaning steps in the order they run")
    parser.add_argument("--by-step", action="store_true",
                        help="with --explain (or alone): the edits grouped by the step that made it")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--explain", action="store_true", help="list every edit with its raw line number and step")
    mode.add_argument("--text", action="store_true", help="print the cleaned text without Markdown")
    mode.add_argument("--doubtful", action="store_true",
                      help="list the decisions weighed closest to the balance first, with the evidence on each side")
    mode.add_argument("--script", metavar="ROOT",
                      help="print the pages in this script variant (its root in mkdocs.yml, e.g. zh-hant), each "
                           "word that data/conversion-review.yml has not decided marked 【ours｜MediaWiki's】")
    args = parser.parse_args(argv)
    if args.steps:
        print(steps_table(PLANS), end="")
        return 0
    if args.seed is None:
        parser.error("a seed file is needed (or --steps)")
    if args.by_step and (args.text or args.doubtful or args.script):
        parser.error("--by-step groups the edits of --explain: not with --text, --doubtful or --script")
    if not args.seed.is_file():
        print(f"{args.seed}: no such file", file=sys.stderr)
        return 1
    site = site_options()
    if site is None:
        return 1
    seed, pages = pages_of_seed(args.seed, PROJECT, site.cleaning, Cache(PROJECT / ".cache"), tags=site.tags,
                                published=site.published_urls)
    if seed.error:
        print(f"{args.seed}: {seed.error}", file=sys.stderr)
        return 1
    edits, raw_lines = tuple(seed.edits), tuple(seed.raw_lines)  # unpacked once (seedtext.packed)
    if args.by_step:
        # Like ftfy's explanation: the steps that changed something, in the order they ran.
        for step in (step for plan in PLANS for step in plan.steps):
            made = [e for e in edits if e.step == step.name]
            if made:
                print(f"## {step.name} ({len(made)}): {step.summary}")
                for edit in sorted(made, key=lambda e: e.line):
                    print(explained(edit))
    elif args.explain:
        for edit in sorted(edits, key=lambda e: e.line):  # stable: step order within a line
            print(explained(edit))
    elif args.doubtful:
        unsure = doubtful(edits)
        weighed = sum(1 for e in edits if e.margin is not None)
        print(f"{len(unsure)} of {weighed} weighed decisions are within {DOUBTFUL_MARGIN:g} of the balance "
              "(closest first): check these against the printed page")
        for edit in unsure:
            raw = raw_lines[edit.line - 1].strip() if 0 < edit.line <= len(raw_lines) else ""
            print(f"{edit.line:>5}  margin {edit.margin:<4g} {edit.kind:<8} {raw}")
            print(f"       {edit.detail}")
    elif args.script:
        return print_in_script(pages, args.script, site)
    elif args.text:
        print("\n\n\n".join(render_text(article) for article in seed.articles), end="")
    else:
        print("\n".join(page.markdown for page in pages), end="")
    for warning in seed.warnings:
        raw = f" | {warning.raw}" if warning.line else ""
        print(f"WARNING {warning.where(args.seed.name)}: {warning.message}{raw}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
