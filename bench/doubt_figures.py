"""How well doubt points an editor at the cleaner's mistakes (issue 22): on texts with gold, which
of the cleaner's line decisions are wrong, and how many of those the doubt flags
(`hooks/clean.py --doubtful`) name, against how many right ones they name with them.

    .venv/bin/python bench/doubt_figures.py                 # both shared dev sets
    .venv/bin/python bench/doubt_figures.py --set raw_hard -v

A decision is one `join`/`split` at a raw line (does a new block start there?) or one `heading`
yes/no. A wrong one counts as flagged when a flag stands on its line or on the text line above it
(the editor looking at that flag sees it). Its truth comes from the gold: every raw line is found in
the gold text (in order, spaces and punctuation width folded), and a new block starts where the gold
block changes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))


from options import load_project_options  # noqa: E402
from seedtext.cleaning.evidence import DOUBTFUL_MARGIN, is_doubtful  # noqa: E402
from seedtext.cleaning.text import full_width_punctuation  # noqa: E402
from seedtext.config import CleaningOptions  # noqa: E402
from seedtext.model import EditKind  # noqa: E402
from seedtext.seed import clean_seed  # noqa: E402

DEVSET = ROOT.parent / "shared" / "devset"


def _norm(text: str) -> str:
    return re.sub(r"[\s▲△▼①②③④⑤⑥⑦⑧⑨⑩]", "", full_width_punctuation(text)[0])


def gold_blocks_of_lines(raw_lines: list[str], gold: dict) -> dict[int, tuple[int, str]]:
    """Raw line number -> (gold block index, block type), for the lines found in the gold text."""
    stream, owner = "", []
    for k, block in enumerate(gold["blocks"]):
        text = _norm(block["text"])
        stream += text
        owner += [(k, block["type"])] * len(text)
    found: dict[int, tuple[int, str]] = {}
    cursor = 0
    for no, raw in enumerate(raw_lines, 1):
        text = _norm(raw)
        if len(text) < 2:
            continue
        at = stream.find(text, cursor)
        if at < 0:
            at = stream.find(text)  # a caption the cleaner moves after its paragraph
            if at < 0:
                continue
        else:
            cursor = at + len(text)
        found[no] = owner[at]
    return found


def decisions(seed) -> list[tuple[int, str, bool, float | None]]:
    """(raw line, kind, yes, margin) for every boundary and heading decision the cleaner recorded."""
    out = []
    for edit in seed.edits:
        if edit.kind in (EditKind.JOIN, EditKind.SPLIT) and edit.step == "paragraphs":
            out.append((edit.line, "boundary", edit.kind == EditKind.SPLIT, edit.margin))
        elif edit.kind == EditKind.HEADING and edit.detail.startswith("heading?"):
            out.append((edit.line, "heading", " yes " in edit.detail[:20], edit.margin))
    return out


def score(set_name: str, options: CleaningOptions, verbose: bool) -> dict[str, int]:
    totals = dict(decisions=0, wrong=0, wrong_flagged=0, right_flagged=0)
    for raw in sorted((DEVSET / set_name).glob("*.txt")):
        gold = json.loads((DEVSET / "src" / f"{raw.stem}.gold.json").read_text(encoding="utf-8"))
        seed = clean_seed(raw, options)
        where = gold_blocks_of_lines(list(seed.raw_lines), gold)
        lines_in_order = sorted(where)
        before = {b: a for a, b in zip(lines_in_order, lines_in_order[1:], strict=False)}
        found = decisions(seed)
        flagged_lines = {line for line, _, _, margin in found if is_doubtful(margin)}
        for line, kind, yes, margin in found:
            if line not in where or (kind == "boundary" and line not in before):
                continue
            if kind == "boundary":
                truth = where[line][0] != where[before[line]][0]
            else:
                truth = where[line][1] == "heading"
            # A wrong decision is pointed at when a flag stands on its line or on the text line above
            # (a join that no sentence end allows follows from the heading question above it).
            flagged = line in flagged_lines or before.get(line) in flagged_lines
            totals["decisions"] += 1
            if yes != truth:
                totals["wrong"] += 1
                totals["wrong_flagged"] += flagged
                if verbose:
                    print(f"{set_name}/{raw.name}:{line} {kind} {'yes' if yes else 'no'} (gold "
                          f"{'yes' if truth else 'no'}) margin {margin if margin is not None else 'decisive'}"
                          f"{'  FLAGGED' if flagged else ''}")
            else:
                totals["right_flagged"] += is_doubtful(margin)
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", action="append", choices=["raw", "raw_hard"])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong decision")
    args = parser.parse_args()
    if not DEVSET.is_dir():
        print(f"no development set at {DEVSET}", file=sys.stderr)
        return 1
    site, warnings = load_project_options(ROOT)  # the build's options
    for warning in warnings:
        print(f"WARNING {warning}", file=sys.stderr)
    for set_name in args.set or ["raw", "raw_hard"]:
        t = score(set_name, site.cleaning, args.verbose)
        share = t["wrong_flagged"] / t["wrong"] if t["wrong"] else 1.0
        print(f"{set_name}: {t['decisions']} decisions, {t['wrong']} wrong, {t['wrong_flagged']} of them flagged "
              f"({share:.0%}); {t['right_flagged']} right decisions flagged with them "
              f"(margin < {DOUBTFUL_MARGIN:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
