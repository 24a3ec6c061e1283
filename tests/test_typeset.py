"""The cleaner on text from a real typesetter and a real extractor: three invented articles set in
newspaper columns by ReportLab (four layouts) and read back by poppler's pdftotext (tests/fixtures/typeset;
how they are made, and what pdftotext does to them: make_fixtures.py). The committed .txt files are the
extractor's output byte for byte, so this test needs neither ReportLab nor poppler. fengyuan_reordered came
out of column order; its overrides file (tests/fixtures/typeset/overrides/) holds the editor's moves,
read as the site reads seeds/overrides/.

Each fixture is cleaned as the site cleans it (`pages_of_seed`, what hooks/clean.py prints) and
compared with its gold: gold paragraphs that come out exactly as one paragraph, gold headings that
come out as headings, gold captions that come out as captions (the photo pointer ▲ is print markup
and comes off), the headline and byline found, and nothing lost (no warning: the lossless check and
every other check pass)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO, SITE
from seedtext.cache import Cache
from seedtext.model import BlockKind
from seedtext.seed import CleanedSeed
from seedtext.site import pages_of_seed

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "typeset"
NAMES = ("fengyuan", "fengyuan_reordered", "jichuan", "tongyang")
OPTIONS = SITE.cleaning

# What the cleaner reaches, per fixture: gold paragraphs that come out exactly, headings and captions
# recognised (each out of the gold's count: fengyuan 12/3/2, jichuan 11/3/2, tongyang 11/3/2), 1 where
# the headline and the byline's names come out right, 1 where the blocks that came out right came out
# in print order (fengyuan_reordered: with the editor's moves of overrides/fengyuan_reordered.yml). These are
# FLOORS TO RAISE as the cleaner learns text from real extractors, not targets. What it misses: the
# module docstring of make_fixtures.py, and `pytest tests/test_typeset.py -s -k report`.
FLOOR = {
    "fengyuan": {"paragraphs": 12, "headings": 3, "captions": 2, "head": 1, "order": 1},
    "fengyuan_reordered": {"paragraphs": 8, "headings": 2, "captions": 2, "head": 1, "order": 1},
    "jichuan": {"paragraphs": 7, "headings": 0, "captions": 2, "head": 1, "order": 1},
    "tongyang": {"paragraphs": 9, "headings": 2, "captions": 2, "head": 1, "order": 1},
}


@dataclass
class Figures:
    paragraphs: tuple[int, int]  # (exact, of gold)
    headings: tuple[int, int]
    captions: tuple[int, int]
    title: bool  # the gold headline is an article's title, with the gold byline's names as its authors
    in_order: bool  # the gold blocks that came out right came out in the gold's order
    articles: int  # articles the cleaner made of the one in the file
    misses: list[str]  # gold blocks that did not come out as they should

    def reached(self) -> dict[str, int]:
        return {"paragraphs": self.paragraphs[0], "headings": self.headings[0], "captions": self.captions[0],
                "head": int(self.title), "order": int(self.in_order)}

    def line(self, name: str) -> str:
        return (f"{name}: paragraphs {self.paragraphs[0]}/{self.paragraphs[1]}, headings "
                f"{self.headings[0]}/{self.headings[1]}, captions {self.captions[0]}/{self.captions[1]}, "
                f"title {'found' if self.title else 'missed'}, {'in' if self.in_order else 'out of'} order, "
                f"{self.articles} article(s)")


def cleaned(name: str) -> CleanedSeed:
    # What hooks/clean.py prints.
    seed, _pages = pages_of_seed(FIXTURES / f"{name}.txt", REPO, OPTIONS, Cache(None), tags=SITE.tags)
    assert not seed.error, f"{name}: {seed.error}"
    return seed


def gold(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.gold.json").read_text(encoding="utf-8"))


def figures(name: str) -> Figures:
    seed, expected = cleaned(name), gold(name)
    out = [(block.kind, block.text) for article in seed.articles for block in article.blocks]
    pointers = OPTIONS.photo_pointers
    wanted = {"paragraph": BlockKind.PARAGRAPH, "heading": BlockKind.HEADING, "caption": BlockKind.CAPTION}
    found = {kind: [0, 0] for kind in wanted}
    misses, places = [], []
    for block in expected["blocks"]:
        text = block["text"].lstrip(pointers) if block["type"] == "caption" else block["text"]
        found[block["type"]][1] += 1
        if (wanted[block["type"]], text) in out:
            found[block["type"]][0] += 1
            places.append(out.index((wanted[block["type"]], text)))
        else:
            misses.append(f"{block['type']}: {text}")
    title = any(a.title == expected["title"] and a.authors == expected["byline"] for a in seed.articles)
    return Figures(*(tuple(found[kind]) for kind in wanted), title, places == sorted(places), len(seed.articles),
                   misses)


@pytest.mark.parametrize("name", NAMES)
def test_fixture_matches_its_gold(name):
    """The committed files belong together: every character of the gold is in the extracted text, which
    has little else (running heads, page numbers, the byline's role words)."""
    expected = gold(name)
    text = expected["title"] + expected["subtitle"] + "".join(expected["byline"])
    text += "".join(block["text"] for block in expected["blocks"])
    have = Counter("".join((FIXTURES / f"{name}.txt").read_text(encoding="utf-8").split()))
    want = Counter("".join(text.split()))
    assert want - have == Counter(), f"{name}: the gold has text the extraction does not"
    assert (have - want).total() < 80, f"{name}: the extraction has text the gold does not: {have - want}"


def test_tight_layout_is_out_of_order():
    """fengyuan_reordered is there for the editor's `move`: pdftotext read the heading of column 4 before
    column 3 (the photo caption that opens it), which print order has the other way round."""
    raw = (FIXTURES / "fengyuan_reordered.txt").read_text(encoding="utf-8")
    order = [block["text"] for block in gold("fengyuan_reordered")["blocks"]]
    heading, caption = "二、科技赋能，警务跑出加速度", "图为枫源市公安局民警在社区开展反诈宣传。黄小明 摄"
    assert order.index(caption) < order.index(heading)
    assert raw.index("二、科技赋能") < raw.index("图为枫源市公安局民警")
    assert (FIXTURES / "overrides" / "fengyuan_reordered.yml").is_file()


@pytest.mark.parametrize("name", NAMES)
def test_nothing_lost(name):
    seed = cleaned(name)
    assert [f"{w.where(name + '.txt')}: {w.message}" for w in seed.warnings] == []


@pytest.mark.parametrize("name", NAMES)
def test_floors_hold(name):
    got = figures(name)
    reached = got.reached()
    below = {key: (reached[key], floor) for key, floor in FLOOR[name].items() if reached[key] < floor}
    assert not below, f"{got.line(name)}\nbelow the floor (reached, floor): {below}\n" + "\n".join(got.misses)


def test_report():
    """The figures and every gold block missed: `pytest tests/test_typeset.py -s -k report` shows them."""
    for name in NAMES:
        got = figures(name)
        print("\n" + got.line(name))
        for miss in got.misses:
            print("  missed " + miss)
