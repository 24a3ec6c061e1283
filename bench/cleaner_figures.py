"""How well the cleaner does on degraded fixtures it was not tuned on: every column width 8-22,
three line-spacing styles, with or without the dropped first-line indent, short, comma and long
(wrapped) plain headings, and random mixes of the other defects (letter-spacing, half-width
punctuation, OCR spaces, a page break with a photo caption or a running page head, filler and
slogans). Then the same figures per layout class (tests/degrade.py LAYOUT_CLASSES: ordinary, narrow
columns changing per section, double-spaced, blank-line habits mixed per section, no indent cue, plain
headings wrapped over two lines, wrapped captions inside page breaks, and all of these at once), on the
three longer articles of tests/degrade.py, letter-spacing, OCR spaces and half-width punctuation in
every class.

    .venv/bin/python bench/cleaner_figures.py [--runs 300] [--class NAME ...] [--misses] [--markdown]

Every fixture is written to a file and cleaned as `hooks/clean.py` cleans a seed: the checked options
of data/cleaning.yml as the build loads them (hooks/options.py load_site_options), then
seedtext.seed.clean_seed (decoding, the cleaning steps, the lossless check).

Prints: paragraphs exactly right, stray spaces, half-width punctuation left in Chinese prose,
headings and captions recognised, and lossless-check failures; per layout class one row each, where
a heading counts when it is a heading with exactly the text, a caption when it has exactly the text and
comes right after the paragraph it belongs to (the one a page break set it inside), and `ambiguous` is
the number of paragraph ends no line shape marks (see tests/degrade.py Degraded.ambiguous).
Per class, fixture n is `tests/degrade.py CLASS n` (--misses names the seeds).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests")]

from degrade import (  # noqa: E402
    CAPTIONS,
    HEADING_BEFORE,
    LAYOUT_CLASSES,
    LONG_HEADINGS,
    article_lines,
    double_spaced,
    expected_blocks_with,
    fixture,
    half_width,
    letter_spaced,
    no_blank_lines,
    ocr_spaces,
)

from options import load_project_options  # noqa: E402
from seedtext.seed import CleanedSeed, clean_seed  # noqa: E402

WIDE = "[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]"
STRAY_SPACE = re.compile(f"(?<={WIDE}) | (?={WIDE})")
HALF_IN_PROSE = re.compile(r"[\u4e00-\u9fff“”][,;:!?()]|[,;:!?()][\u4e00-\u9fff“”]")


def old_fixture(rng: random.Random) -> tuple[list[str], list[tuple[str, str]], int]:
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


class Cleaner:
    """Cleans a text the way hooks/clean.py cleans a seed file (checked options, decode, clean, lossless)."""

    def __init__(self, workdir: Path) -> None:
        site, warnings = load_project_options(ROOT)
        for warning in warnings:
            print(f"WARNING {warning}", file=sys.stderr)
        self.options = site.cleaning
        self.path = workdir / "fixture.txt"

    def __call__(self, text: str) -> CleanedSeed:
        self.path.write_text(text, encoding="utf-8")
        return clean_seed(self.path, self.options)


def blocks_of(seed: CleanedSeed) -> list[tuple[str, str]]:
    return [(str(b.kind), b.text) for a in seed.articles for b in a.blocks]


def lossless_failed(seed: CleanedSeed) -> bool:
    return bool(seed.error) or any(w.message.startswith("lossless check:") for w in seed.warnings)


def prose_defects(got: list[tuple[str, str]], show: bool) -> tuple[int, int]:
    """Stray spaces and half-width marks left next to Chinese in paragraphs and headings."""
    prose = [t for k, t in got if k in ("paragraph", "heading")]
    if show:
        for t in prose:
            for m in HALF_IN_PROSE.finditer(t):
                print("half-width:", t[max(0, m.start() - 12):m.end() + 12])
            for m in STRAY_SPACE.finditer(t):
                print("stray space:", t[max(0, m.start() - 12):m.end() + 12])
    return (sum(len(STRAY_SPACE.findall(t)) for t in prose), sum(len(HALF_IN_PROSE.findall(t)) for t in prose))


def old_figures(runs: int, cleaner: Cleaner, show: bool) -> None:
    rng = random.Random(2026)
    paragraphs = exact = headings = headings_found = captions = captions_found = 0
    stray = half = lossless_failures = 0
    for _ in range(runs):
        lines, expected, caption_count = old_fixture(rng)
        seed = cleaner("\n".join(lines) + "\n")
        lossless_failures += lossless_failed(seed)
        got = blocks_of(seed)
        want_paragraphs = [t for k, t in expected if k == "paragraph"]
        got_paragraphs = [t for k, t in got if k == "paragraph"]
        paragraphs += len(want_paragraphs)
        exact += sum(1 for t in want_paragraphs if t in got_paragraphs)
        headings += sum(1 for k, _ in expected if k == "heading")
        headings_found += sum(1 for e in expected if e[0] == "heading" and e in got)
        captions += caption_count
        captions_found += min(caption_count, sum(1 for k, _ in got if k == "caption"))
        spaces, marks = prose_defects(got, show)
        stray, half = stray + spaces, half + marks
    print(f"fixtures: {runs} (column widths 8-22, three spacing styles, indent or none, "
          "plain/comma/wrapped headings, mixed defects)")
    print(f"paragraphs exactly right: {exact}/{paragraphs} = {exact / paragraphs:.1%}")
    print(f"headings recognised: {headings_found}/{headings} = {headings_found / headings:.1%}")
    print(f"captions recognised: {captions_found}/{captions} = {captions_found / max(captions, 1):.1%}")
    print(f"stray spaces next to Chinese: {stray}")
    print(f"half-width punctuation in Chinese prose: {half}")
    print(f"lossless-check failures: {lossless_failures}")


@dataclass
class Tally:
    """One layout class's figures."""

    fixtures: int = 0
    paragraphs: int = 0
    paragraphs_right: int = 0
    headings: int = 0
    headings_right: int = 0
    captions: int = 0
    captions_right: int = 0
    stray: int = 0
    half: int = 0
    lossless: int = 0
    ambiguous: int = 0
    seconds: float = 0.0


def _squashed(text: str) -> str:
    return "".join(text.split())


def caption_in_place(expected: list[tuple[str, str]], n: int, got: list[tuple[str, str]]) -> bool:
    """expected[n] is a caption: it is in `got` with exactly its text, right after a paragraph that ends as
    the paragraph it belongs to (expected[n - 1]) ends."""
    tail = _squashed(expected[n - 1][1])[-10:]
    return any(block == expected[n] and k > 0 and got[k - 1][0] == "paragraph"
               and _squashed(got[k - 1][1]).endswith(tail) for k, block in enumerate(got))


def class_figures(name: str, runs: int, cleaner: Cleaner, show: bool, misses: bool) -> Tally:
    tally = Tally()
    start = time.perf_counter()
    for seed_no in range(runs):
        degraded = fixture(name, seed_no)
        seed = cleaner(degraded.text)
        got = blocks_of(seed)
        expected = degraded.expected
        tally.fixtures += 1
        tally.lossless += lossless_failed(seed)
        tally.ambiguous += len(degraded.ambiguous)
        missed = []
        for n, (kind, text) in enumerate(expected):
            if kind == "caption":
                right = caption_in_place(expected, n, got)
            else:
                right = (kind, text) in got
            setattr(tally, kind + "s", getattr(tally, kind + "s") + 1)
            setattr(tally, kind + "s_right", getattr(tally, kind + "s_right") + right)
            if not right:
                missed.append((kind, text))
        spaces, marks = prose_defects(got, show)
        tally.stray += spaces
        tally.half += marks
        if misses and (missed or lossless_failed(seed)):
            print(f"{name} {seed_no}: {len(missed)} missed" + (" (lossless check failed)" if lossless_failed(seed)
                                                                else ""))
            for kind, text in missed:
                print(f"    {kind}: {text[:24]}…")
    tally.seconds = time.perf_counter() - start
    return tally


def _share(right: int, total: int) -> str:
    return f"{right}/{total} {right / total:.1%}" if total else "-"


def print_table(tallies: dict[str, Tally], markdown: bool) -> None:
    header = ["class", "fixtures", "paragraphs exact", "headings", "captions after para.", "stray spaces",
              "half-width", "lossless fail", "ambiguous ends"]
    rows = [[name, str(t.fixtures), _share(t.paragraphs_right, t.paragraphs), _share(t.headings_right, t.headings),
             _share(t.captions_right, t.captions), str(t.stray), str(t.half), str(t.lossless), str(t.ambiguous)]
            for name, t in tallies.items()]
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join(["---"] + ["--:"] * (len(header) - 1)) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    sizes = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(size) if k == 0 else cell.rjust(size)
                        for k, (cell, size) in enumerate(zip(row, sizes, strict=True))))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=300, help="fixtures in the first figures and per layout class")
    parser.add_argument("--show", action="store_true", help="print each stray space and half-width mark left in prose")
    parser.add_argument("--class", dest="classes", action="append", choices=list(LAYOUT_CLASSES),
                        help="only this layout class (repeatable); the first figures are left out")
    parser.add_argument("--misses", action="store_true",
                        help="per layout class, print each fixture's seed and the blocks it got wrong")
    parser.add_argument("--markdown", action="store_true", help="print the per-class table as Markdown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        cleaner = Cleaner(Path(workdir))
        if not args.classes:
            old_figures(args.runs, cleaner, args.show)
            print()
        tallies = {name: class_figures(name, args.runs, cleaner, args.show, args.misses)
                   for name in args.classes or LAYOUT_CLASSES}
    print(f"per layout class: {args.runs} fixtures each (tests/degrade.py fixture(CLASS, 0..{args.runs - 1}); "
          "letter-spacing, OCR spaces, half-width punctuation in every class)")
    print_table(tallies, args.markdown)


if __name__ == "__main__":
    main()
