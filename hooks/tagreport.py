"""Candidate tags for the site owner to review: names the papers put in quotes (“百日会战”), and
nouns jieba's TF-IDF ranks high, that the reviewed vocabulary (data/tags.yml) does not cover yet
and that more than one article uses. Prints a report; changes nothing.

    python hooks/tagreport.py [--top 40]

The vocabulary and the cleaner's options are the build's (options.load_site_options on mkdocs.yml); what
the build would warn about them (a tag of data/tags.yml left out, so its words show up here as candidates;
a misspelt extra key) goes to stderr.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import jieba  # noqa: E402
import jieba.analyse  # noqa: E402

from options import OptionsError, load_project_options  # noqa: E402
from seedtext.cleaning.text import HAN  # noqa: E402
from seedtext.seed import clean_seed  # noqa: E402
from seedtext.site import seed_files  # noqa: E402
from seedtext.tagpages import article_text  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
QUOTED = re.compile(f"“([{HAN}0-9、]{{2,8}})”")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--top", type=int, default=40, help="how many candidates to print")
    parser.add_argument("--per-article", type=int, default=25, help="terms taken from each article")
    args = parser.parse_args(argv)
    jieba.setLogLevel(logging.WARNING)
    try:
        site, warnings = load_project_options(PROJECT)
    except OptionsError as exc:
        print(exc, file=sys.stderr)
        return 1
    for warning in [*warnings, *site.tags.problems]:
        print(f"WARNING {warning}", file=sys.stderr)
    rules = site.tags.rules
    seeds, _ = seed_files(PROJECT / "seeds")
    found: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for path in seeds:
        for article in clean_seed(path, site.cleaning).articles:
            text = article_text(article)
            terms = dict(jieba.analyse.extract_tags(text, topK=args.per_article, withWeight=True,
                                                    allowPOS=("n", "nz", "nt", "vn", "l", "j")))
            for quoted in set(QUOTED.findall(text)):  # campaigns and mechanisms are printed in quotes
                terms[quoted] = terms.get(quoted, 0) + 1.0
            for term, weight in terms.items():
                if len(term) >= 2 and not any(rule.pattern.search(term) for rule in rules):
                    found[term].append((article.title, weight))
    shared = {term: hits for term, hits in found.items() if len(hits) >= 2}
    ranked = sorted(shared.items(), key=lambda item: (-sum(w for _, w in item[1]), item[0]))
    print("candidate\tarticles\tscore\tin")
    for term, hits in ranked[:args.top]:
        titles = "；".join(title for title, _ in hits)
        print(f"{term}\t{len(hits)}\t{sum(w for _, w in hits):.3f}\t{titles}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
