"""The hard layout classes of tests/degrade.py, one fixed fixture per class and article, cleaned the way
hooks/clean.py cleans a seed (checked options, decoding, the cleaning steps, the lossless check) and
checked for what a reader would notice: a paragraph cut in two or run into the next one, a heading run
into its paragraph, a photo caption torn apart or left in the middle of a sentence.

bench/cleaner_figures.py gives the same classes' figures over hundreds of seeds; a fixture here is
`.venv/bin/python tests/degrade.py CLASS SEED` (feed it to hooks/clean.py --explain to see why).

What the cleaner gets wrong at the time of writing is marked xfail(strict=True): a fix that makes one
pass fails the run until its mark is removed.
"""

from __future__ import annotations

import re

import pytest
from degrade import LAYOUT_CLASSES, SENTENCE_ENDS, Degraded, fixture, width

from conftest import SITE
from seedtext.seed import CleanedSeed, clean_seed

OPTIONS = SITE.cleaning
WIDE = "[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]"
STRAY_SPACE = re.compile(f"(?<={WIDE}) | (?={WIDE})")  # as bench/cleaner_figures.py counts them
HALF_IN_PROSE = re.compile(r"[\u4e00-\u9fff“”][,;:!?()]|[,;:!?()][\u4e00-\u9fff“”]")

# Per class, one seed per article (fixture() takes article seed % 3), the first with no paragraph end that
# no line shape can place (Degraded.ambiguous); test_fixtures_are_decidable keeps them so.
SEEDS = {name: (0, 1, 2) for name in LAYOUT_CLASSES} | {"mixed-blank": (1, 3, 5), "all-hard-combined": (0, 4, 5)}


def _gap(reason: str, *cases: str) -> dict[str, pytest.MarkDecorator]:
    return dict.fromkeys(cases, pytest.mark.xfail(strict=True, reason=reason))


def cases(layout_class: str, known_gaps: dict[str, pytest.MarkDecorator] | None = None) -> list:
    """The class's fixtures as pytest params (id: CLASS-SEED), the known gaps marked."""
    out = []
    for seed in SEEDS[layout_class]:
        case = f"{layout_class}-{seed}"
        marks = [known_gaps[case]] if known_gaps and case in known_gaps else []
        out.append(pytest.param(layout_class, seed, id=case, marks=marks))
    return out


def clean_fixture(degraded: Degraded, tmp_path) -> CleanedSeed:
    path = tmp_path / "fixture.txt"
    path.write_text(degraded.text, encoding="utf-8")
    seed = clean_seed(path, OPTIONS)
    assert not seed.error, seed.error
    return seed


def blocks(seed: CleanedSeed) -> list[tuple[str, str]]:
    return [(str(b.kind), b.text) for article in seed.articles for b in article.blocks]


def only(kind: str, blocks_: list[tuple[str, str]]) -> list[str]:
    return [text for k, text in blocks_ if k == kind]


# ---------------------------------------------------------------------------------------------------
# The fixtures themselves: deterministic, decidable, and laid out as their class says.


@pytest.mark.parametrize("layout_class", list(LAYOUT_CLASSES))
def test_fixtures_are_deterministic_and_decidable(layout_class):
    for seed in SEEDS[layout_class]:
        first, again = fixture(layout_class, seed), fixture(layout_class, seed)
        assert first.text == again.text and first.expected == again.expected
        assert first.ambiguous == [], f"{layout_class} {seed}: no line shape places the break at {first.ambiguous}"
    assert fixture(layout_class, 0).text != fixture(layout_class, 3).text  # same article, other choices


def test_layout_switches_are_what_the_fixtures_show():
    narrow = fixture("narrow-per-section", 1)
    assert all(7 <= w <= 13 for w in narrow.widths) and all(a != b for a, b in zip(narrow.widths, narrow.widths[1:],
                                                                                     strict=False))
    double = fixture("double-spaced", 1)
    body = double.lines[double.roles.index(("paragraph", 0)):]
    assert all(line == "" for line in body[1::2]), "a blank line after every line"
    assert len(set(fixture("mixed-blank", 1).modes)) >= 2
    combined = fixture("all-hard-combined", 4)
    assert len(set(combined.modes)) >= 2 and len(set(combined.widths)) >= 2
    # No indent cue: a paragraph's first line is as full as the lines after it.
    no_indent = fixture("no-indent", 1)
    for n, (kind, _) in enumerate(no_indent.expected):
        lines = [no_indent.lines[k - 1] for k in no_indent.line_numbers(n)]
        if kind == "paragraph" and len(lines) > 1:
            assert width("".join(lines[0].split())) >= no_indent.widths[0] - 1.5
    # Wrapped headings: every heading wider than its column is on two lines, the others on one.
    wrapped = fixture("wrapped-headings", 1)
    for n, (kind, text) in enumerate(wrapped.expected):
        if kind == "heading":
            assert len(wrapped.line_numbers(n)) == (2 if width(text) > wrapped.widths[0] else 1)


@pytest.mark.parametrize("layout_class", ["captions-in-breaks", "all-hard-combined"])
def test_captions_sit_in_page_breaks_that_cut_their_paragraph_mid_sentence(layout_class):
    for seed in SEEDS[layout_class]:
        degraded = fixture(layout_class, seed)
        for caption in degraded.captions:
            assert caption["placement"] == "break"
            first, last = caption["lines"][0], caption["lines"][-1]
            before = degraded.lines[first - 2]
            assert before == "" and degraded.lines[last] == "", "blank lines around the caption"
            above = max(n for n in degraded.line_numbers(caption["paragraph"]) if n < first)
            below = min(n for n in degraded.line_numbers(caption["paragraph"]) if n > last)
            assert not degraded.lines[above - 1].endswith(SENTENCE_ENDS) and below > last
            assert 8 <= caption["photo_width"] <= 12


# ---------------------------------------------------------------------------------------------------
# What a reader gets. The reasons name what the cleaner does wrong at the time of writing.

HEADING_RUN_IN = ("a plain heading with a comma, one line as wide as its column or a little wider (14 in 13, "
                  "16 in 15), is run into the paragraph below it, across the blank line")


@pytest.mark.parametrize(("layout_class", "seed"), [case for name in LAYOUT_CLASSES for case in cases(name)])
def test_nothing_is_lost_or_doubled(layout_class, seed, tmp_path):
    cleaned = clean_fixture(fixture(layout_class, seed), tmp_path)
    assert [w for w in cleaned.warnings if w.message.startswith("lossless check:")] == []


@pytest.mark.parametrize(("layout_class", "seed"), [case for name in LAYOUT_CLASSES
                                                    for case in cases(name)])
def test_no_stray_space_or_half_width_punctuation_is_left_in_prose(layout_class, seed, tmp_path):
    got = blocks(clean_fixture(fixture(layout_class, seed), tmp_path))
    prose = only("paragraph", got) + only("heading", got)
    assert [t for t in prose if STRAY_SPACE.search(t) or HALF_IN_PROSE.search(t)] == []


PARAGRAPH_AS_CAPTION = {
    **_gap("the lead paragraph, double-spaced and alone before the first heading, is shown as a caption",
           "all-hard-combined-4"),
}


@pytest.mark.parametrize(("layout_class", "seed"), [case for name in LAYOUT_CLASSES
                                                    for case in cases(name, PARAGRAPH_AS_CAPTION)])
def test_no_paragraph_text_is_shown_as_a_caption(layout_class, seed, tmp_path):
    degraded = fixture(layout_class, seed)
    got = blocks(clean_fixture(degraded, tmp_path))
    captions = "".join(only("caption", degraded.expected))
    assert [t for t in only("caption", got) if "".join(t.split()) not in "".join(captions.split())] == []


def test_a_double_spaced_head_keeps_its_subtitle_and_byline(tmp_path):
    degraded = fixture("double-spaced", 3)
    assert degraded.lines[1:3] == ["", ""], "the head is double-spaced with two blank lines between blocks"
    cleaned = clean_fixture(degraded, tmp_path)
    article = cleaned.articles[0]
    assert article.subtitle == "——溪岚市司法行政工作2025年回眸"
    assert article.authors == ["林远", "苏晓晴", "何立"]
    assert [w for w in cleaned.warnings if w.message.startswith("lossless check:")] == []


@pytest.mark.parametrize(("layout_class", "seed"), cases("ordinary"))
def test_an_ordinary_layout_comes_out_as_written(layout_class, seed, tmp_path):
    degraded = fixture(layout_class, seed)
    assert blocks(clean_fixture(degraded, tmp_path)) == degraded.expected


def test_a_plain_heading_nearly_as_wide_as_the_column_stays_a_heading(tmp_path):
    degraded = fixture("ordinary", 4)
    heading = "打击开路，让违法犯罪无处遁形"
    assert degraded.widths[0] - 1 <= width(heading) < degraded.widths[0]
    got = blocks(clean_fixture(degraded, tmp_path))
    k = got.index(("heading", heading))
    assert got[k + 1] == degraded.expected[degraded.expected.index(("heading", heading)) + 1]


@pytest.mark.parametrize(("layout_class", "seed"), cases("narrow-per-section"))
def test_section_width_changes_do_not_split_or_merge_paragraphs(layout_class, seed, tmp_path):
    """Each section in a column of its own (9/12/10/11): the first lines after a change are not read
    against the old width, and nothing runs across a heading."""
    degraded = fixture(layout_class, seed)
    got = blocks(clean_fixture(degraded, tmp_path))
    assert only("paragraph", got) == only("paragraph", degraded.expected)
    assert only("heading", got) == only("heading", degraded.expected)


@pytest.mark.parametrize(("layout_class", "seed"),
                         cases("double-spaced") + cases("mixed-blank"))
def test_paragraphs_are_rebuilt_where_every_line_has_a_blank_line_after_it(layout_class, seed, tmp_path):
    degraded = fixture(layout_class, seed)
    assert "double" in degraded.modes
    got = blocks(clean_fixture(degraded, tmp_path))
    assert only("paragraph", got) == only("paragraph", degraded.expected)
    assert only("heading", got) == only("heading", degraded.expected)


@pytest.mark.parametrize(("layout_class", "seed"), cases("mixed-blank"))
def test_blank_line_habits_mixed_per_section_come_out_as_written(layout_class, seed, tmp_path):
    degraded = fixture(layout_class, seed)
    assert len(set(degraded.modes)) == 3, "no blank lines, blank lines between blocks, and double spacing"
    assert blocks(clean_fixture(degraded, tmp_path)) == degraded.expected


@pytest.mark.parametrize(("layout_class", "seed"), cases("no-indent", _gap(HEADING_RUN_IN, "no-indent-1")))
def test_without_an_indent_cue_paragraphs_and_headings_come_out_as_written(layout_class, seed, tmp_path):
    degraded = fixture(layout_class, seed)
    assert blocks(clean_fixture(degraded, tmp_path)) == degraded.expected


def wrapped_headings(degraded: Degraded) -> list[int]:
    return [n for n, (kind, _) in enumerate(degraded.expected)
            if kind == "heading" and len(degraded.line_numbers(n)) == 2]


@pytest.mark.parametrize(("layout_class", "seed"), cases("wrapped-headings") + cases("all-hard-combined", {
    "all-hard-combined-4": pytest.mark.xfail(strict=True, reason=(
        "a plain heading with a comma wrapped in a column of 7 (打击开路，让违 / 法犯罪无处遁形) is run into the "
        "paragraph below it")),
}))
def test_a_plain_heading_wrapped_over_two_lines_comes_out_as_one_heading(layout_class, seed, tmp_path):
    degraded = fixture(layout_class, seed)
    assert wrapped_headings(degraded), "the fixture wraps a heading"
    got = blocks(clean_fixture(degraded, tmp_path))
    for n in wrapped_headings(degraded):
        assert degraded.expected[n] in got
        k = got.index(degraded.expected[n])
        assert got[k + 1] == degraded.expected[n + 1], "the paragraph below it starts after it"


def caption_cases(layout_class: str, known_gaps: dict[str, str]) -> list:
    """One case per caption of the class's fixtures (id: CLASS-SEED-captionBLOCK)."""
    out = []
    for seed in SEEDS[layout_class]:
        for caption in fixture(layout_class, seed).captions:
            case = f"{layout_class}-{seed}-caption{caption['block']}"
            marks = [pytest.mark.xfail(strict=True, reason=known_gaps[case])] if case in known_gaps else []
            out.append(pytest.param(layout_class, seed, caption["block"], id=case, marks=marks))
    return out


CAPTION_GAPS: dict[str, str] = {}


@pytest.mark.parametrize(("layout_class", "seed", "block"), caption_cases("captions-in-breaks", CAPTION_GAPS)
                         + caption_cases("all-hard-combined", CAPTION_GAPS))
def test_a_caption_in_a_page_break_comes_out_whole_after_its_paragraph(layout_class, seed, block, tmp_path):
    """A page break cuts the paragraph mid-sentence and holds the photo's caption, wrapped at the photo's
    width: the reader gets the paragraph whole, then the caption whole."""
    degraded = fixture(layout_class, seed)
    got = blocks(clean_fixture(degraded, tmp_path))
    paragraph, caption = degraded.expected[block - 1], degraded.expected[block]
    assert paragraph in got, "the paragraph around the break is rejoined exactly"
    k = got.index(paragraph)
    assert got[k + 1] == caption, "the caption follows its paragraph, whole"


@pytest.mark.parametrize(("layout_class", "seed"), cases("all-hard-combined", _gap(
    "all of the above at once (see the heading and caption cases of the same fixtures)",
    "all-hard-combined-4")))
def test_all_hard_layouts_at_once_come_out_as_written(layout_class, seed, tmp_path):
    degraded = fixture(layout_class, seed)
    assert blocks(clean_fixture(degraded, tmp_path)) == degraded.expected
