"""How well the cleaner does on degraded fixtures it was not tuned on: every column width 8-22,
three line-spacing styles, with or without the dropped first-line indent, short, comma and long
(wrapped) plain headings, and random mixes of the other defects (letter-spacing, half-width
punctuation, OCR spaces, a page break with a photo caption or a running page head, filler and
slogans).

    .venv/bin/python bench/cleaner_figures.py [--runs 600]

Prints: paragraphs exactly right, stray spaces, half-width punctuation left in Chinese prose,
headings and captions recognised, and lossless-check failures.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests")]

from degrade import (  # noqa: E402
    CAPTIONS,
    HEADING_BEFORE,
    LONG_HEADINGS,
    article_lines,
    double_spaced,
    expected_blocks_with,
    half_width,
    letter_spaced,
    no_blank_lines,
    ocr_spaces,
)

from seedtext.cleaning import clean  # noqa: E402
from seedtext.cleaning.lossless import check_lossless  # noqa: E402
from seedtext.seed import load_yaml  # noqa: E402

WIDE = "[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]"
STRAY_SPACE = re.compile(f"(?<={WIDE}) | (?={WIDE})")
HALF_IN_PROSE = re.compile(r"[\u4e00-\u9fff“”][,;:!?()]|[,;:!?()][\u4e00-\u9fff“”]")


def fixture(rng: random.Random) -> tuple[list[str], list[tuple[str, str]], int]:
    column = rng.randint(8, 22)
    headings = rng.choice([HEADING_BEFORE, LONG_HEADINGS])
    indent = rng.choice([0, 2])
    lines = rng.choice([lambda ls: ls, no_blank_lines, double_spaced])(
        article_lines(column, indent=indent, heading_texts=headings))
    body = range(6, len(lines))
    for n in body:
        if rng.random() < 0.15 and len(lines[n]) >= column - 1:
            lines[n] = letter_spaced(lines[n], rng)
        if rng.random() < 0.5:
            lines[n] = half_width(lines[n], rng)
        if rng.random() < 0.2:
            lines[n] = ocr_spaces(lines[n], rng)
    captions = 0
    if rng.random() < 0.5:  # a page break with a photo caption inside a paragraph
        at = rng.choice([n for n in body if lines[n] and not lines[n].endswith(("。", "！"))])
        lines[at + 1:at + 1] = ["", "", rng.choice(CAPTIONS), "", ""]
        captions = 1
    elif rng.random() < 0.3:  # a page break with the page's running head in it
        at = rng.choice([n for n in body if lines[n] and not lines[n].endswith(("。", "！"))])
        lines[at + 1:at + 1] = ["", "", "澄川日报 2025年12月30日 星期二 A07版", "", ""]
    if rng.random() < 0.3:
        lines += ["", "", rng.choice(["请珍惜粮食", "爱护环境，人人有责", "珍爱生命，远离毒品"]), ""]
    return lines, expected_blocks_with(headings), captions


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=600)
    parser.add_argument("--show", action="store_true", help="print each stray space and half-width mark left in prose")
    args = parser.parse_args()
    options = load_yaml(ROOT / "data" / "cleaning.yml")
    rng = random.Random(2026)
    paragraphs = exact = headings = headings_found = captions = captions_found = 0
    stray = half = lossless_failures = 0
    for _ in range(args.runs):
        lines, expected, caption_count = fixture(rng)
        text = "\n".join(lines) + "\n"
        result = clean(text, "fixture.txt", options)
        lossless_failures += bool(check_lossless(text, result))
        got = [(b.kind, b.text) for a in result.articles for b in a.blocks]
        want_paragraphs = [t for k, t in expected if k == "paragraph"]
        got_paragraphs = [t for k, t in got if k == "paragraph"]
        paragraphs += len(want_paragraphs)
        exact += sum(1 for t in want_paragraphs if t in got_paragraphs)
        headings += sum(1 for k, _ in expected if k == "heading")
        headings_found += sum(1 for e in expected if e[0] == "heading" and e in got)
        captions += caption_count
        captions_found += min(caption_count, sum(1 for k, _ in got if k == "caption"))
        prose = [t for k, t in got if k in ("paragraph", "heading")]
        stray += sum(len(STRAY_SPACE.findall(t)) for t in prose)
        half += sum(len(HALF_IN_PROSE.findall(t)) for t in prose)
        if args.show:
            for t in prose:
                for m in HALF_IN_PROSE.finditer(t):
                    print("half-width:", t[max(0, m.start() - 12):m.end() + 12])
                for m in STRAY_SPACE.finditer(t):
                    print("stray space:", t[max(0, m.start() - 12):m.end() + 12])
    print(f"fixtures: {args.runs} (column widths 8-22, three spacing styles, indent or none, "
          "plain/comma/wrapped headings, mixed defects)")
    print(f"paragraphs exactly right: {exact}/{paragraphs} = {exact / paragraphs:.1%}")
    print(f"headings recognised: {headings_found}/{headings} = {headings_found / headings:.1%}")
    print(f"captions recognised: {captions_found}/{captions} = {captions_found / max(captions, 1):.1%}")
    print(f"stray spaces next to Chinese: {stray}")
    print(f"half-width punctuation in Chinese prose: {half}")
    print(f"lossless-check failures: {lossless_failures}")


if __name__ == "__main__":
    main()
