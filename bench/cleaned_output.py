"""Everything the cleaner publishes, written to a directory, so that a change meant to keep the output
(a refactoring of the cleaner) can be checked by a diff of two runs:

    .venv/bin/python bench/cleaned_output.py /tmp/before     # on the old code
    .venv/bin/python bench/cleaned_output.py /tmp/after      # on the new code
    diff -r /tmp/before /tmp/after

Inputs: the seeds (built together, as the site builds them), the shared dev sets (../shared/devset/raw,
raw_hard), the fixtures the tests clean (tests/fixtures/typeset with its overrides, tests/fixtures/
conversion) and degraded fixtures of every layout class of tests/degrade.py. Each is cleaned by the site's
own functions (seedtext.site) with the site's options as the build loads them (options.load_site_options),
without the cache. Per input, one file per view:

    NAME.md        the article pages as the site publishes them (what hooks/clean.py prints)
    NAME.text      the cleaned text alone (hooks/clean.py --text)
    NAME.warnings  the notices the build logs (lossless check included)
    NAME.explain   every edit in the order made, with its step (hooks/clean.py --explain, unsorted)
    NAME.raw.md    the 原文对照 pages

A change that only adds explanations differs in .explain and .raw.md alone.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests")]

from degrade import LAYOUT_CLASSES, fixture  # noqa: E402

from options import load_project_options  # noqa: E402
from seedtext.cache import Cache  # noqa: E402
from seedtext.render import render_text  # noqa: E402
from seedtext.site import Site, article_site, raw_pages, seed_files  # noqa: E402

DEVSET = ROOT.parent / "shared" / "devset"
FIXTURES = ROOT / "tests" / "fixtures"
DEGRADED_PER_CLASS = 12  # fixtures per layout class: every article of degrade.py four times


def write_site(site: Site, out: Path, prefix: str) -> int:
    """One set of files per seed of the site; returns how many."""
    raw = {page.uri: page.markdown for page in raw_pages(site, Cache(None))}
    for seed in site.seeds:
        name = prefix + seed.source.rsplit(".", 1)[0]
        pages = [page for page in site.pages if page.source == seed.source]
        (out / f"{name}.md").write_text("\n".join(page.markdown for page in pages), encoding="utf-8")
        (out / f"{name}.text").write_text("\n\n\n".join(render_text(a) for a in seed.articles) + seed.error,
                                          encoding="utf-8")
        (out / f"{name}.warnings").write_text("".join(f"{w.line}: {w.message} | {w.raw}\n" for w in seed.warnings),
                                              encoding="utf-8")
        (out / f"{name}.explain").write_text("".join(f"{e.line:>5}  {e.kind:<8} {e.step:<18} {e.detail}"
                                                     f"{'  [removed ' + repr(e.removed) + ']' if e.removed else ''}"
                                                     f"{'' if e.margin is None else f'  margin {e.margin:g}'}\n"
                                                     for e in seed.edits), encoding="utf-8")
        slugs = {page.uri.rsplit("/", 1)[-1] for page in pages}
        (out / f"{name}.raw.md").write_text("\n".join(text for path, text in sorted(raw.items())
                                                      if path.rsplit("/", 1)[-1] in slugs), encoding="utf-8")
    return len(site.seeds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    site, warnings = load_project_options(ROOT)
    for warning in [*warnings, *site.tags.problems]:
        print(f"WARNING {warning}", file=sys.stderr)
    options, tags = site.cleaning, site.tags
    cache = Cache(None)
    count = write_site(article_site(seed_files(ROOT / "seeds")[0], options, tags, cache), args.out, "seed-")
    alone = [("devset-", sorted((DEVSET / "raw").glob("*.txt"))),
             ("devset-hard-", sorted((DEVSET / "raw_hard").glob("*.txt"))),
             ("typeset-", sorted((FIXTURES / "typeset").glob("*.txt"))),
             ("conversion-", sorted((FIXTURES / "conversion").glob("*.txt")))]
    for prefix, paths in alone:
        for path in paths:  # each as the only seed of a site, as hooks/clean.py shows a file outside seeds/
            count += write_site(article_site([path], options, tags, cache), args.out, prefix)
    with tempfile.TemporaryDirectory() as tmp:
        for layout_class in LAYOUT_CLASSES:
            for n in range(DEGRADED_PER_CLASS):
                path = Path(tmp) / f"{layout_class}-{n}.txt"
                path.write_text(fixture(layout_class, n).text, encoding="utf-8")
                count += write_site(article_site([path], options, tags, cache), args.out, "degraded-")
    print(f"{count} inputs written to {args.out}")


if __name__ == "__main__":
    main()
