"""The cleaning plans (seedtext/steps.py, seedtext/cleaning/__init__.py): one loop runs the registered
steps in order and names the step of every edit; every decision that changes the text records an
edit an editor can read with `hooks/clean.py SEED --explain`; the README's table of steps is the
plans' own."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from degrade import PARAGRAPHS, SUBTITLE, article_lines, expected_blocks

from conftest import REPO, SITE
from seedtext.cleaning import ARTICLE_STEPS, PLANS, SEED_STEPS, clean
from seedtext.cleaning.lossless import check_lossless
from seedtext.cleaning.text import ends_sentence
from seedtext.model import Change, Edit, EditKind
from seedtext.notes import Lines, Note, Say
from seedtext.rawpage import RawText, page_rows, raw_table
from seedtext.steps import Plan, steps_table

JOINED = Note.of(Say.JOINED, line=Lines(2))

OPTIONS = SITE.cleaning
STEP_NAMES = [step.name for plan in PLANS for step in plan.steps]


def run(lines: list[str], overrides: dict | None = None):
    text = "\n".join(lines) + "\n"
    result = clean(text, "fixture.txt", OPTIONS, overrides)
    assert check_lossless(text, result) == [], "the cleaner lost or invented text"
    return result


def edits_at(result, line: int, step: str) -> list[Edit]:
    return [e for e in result.edits if e.line == line and e.step == step]


def blocks(result) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in result.articles[0].blocks]


# --- the loop ----------------------------------------------------------------------------------------

def test_a_plan_runs_its_steps_in_the_order_registered_and_names_each_edit():
    plan: Plan[str] = Plan("per text")

    @plan.step("spaces")
    def _spaces(text: str) -> tuple[str, list[Change]]:
        """Spaces out."""
        spaced = [Change(EditKind.SPACE, 1, "spaces out", note=Note.of(Say.SPACES))]
        return text.replace(" ", ""), spaced if " " in text else []

    @plan.step("widen")
    def _widen(text: str) -> tuple[str, list[Change]]:
        """Commas widened."""
        widened = [Change(EditKind.PUNCT, 1, ", -> ，", note=Note.of(Say.WIDENED, count=1))]
        return text.replace(",", "，"), widened if "," in text else []

    text, edits = plan.run("打击 开路,亮剑 攻坚")
    assert text == "打击开路，亮剑攻坚"
    assert [(e.step, e.kind) for e in edits] == [("spaces", "space"), ("widen", "punct")]
    text, edits = plan.run("打击开路，亮剑攻坚")  # nothing to change: nothing recorded
    assert edits == []
    assert steps_table([plan]).splitlines()[2:] == ["| `spaces` | per text | Spaces out. |",
                                                    "| `widen` | per text | Commas widened. |"]


def test_a_step_cannot_name_itself_or_share_a_name():
    plan: Plan[str] = Plan("per text")

    @plan.step("honest")
    def _honest(text: str) -> tuple[str, list[Change]]:
        return text, [Edit(EditKind.JOIN, 1, "named by the step itself", note=JOINED, step="someone_else")]

    with pytest.raises(TypeError, match="honest"):
        plan.run("text")
    with pytest.raises(ValueError, match="honest"):
        plan.step("honest")(_honest)


def test_an_edit_without_its_step_cannot_be_made():
    with pytest.raises(ValueError):
        Edit(EditKind.JOIN, 3, "joined to line 2", note=JOINED, step="")
    with pytest.raises(TypeError):
        Edit(EditKind.JOIN, 3, "joined to line 2", note=JOINED)  # type: ignore[call-arg]
    edit = Change(EditKind.JOIN, 3, "joined to line 2", note=JOINED).by("paragraphs")
    assert edit.step == "paragraphs" and edit.note == JOINED


def test_a_change_without_its_chinese_note_cannot_be_made():
    with pytest.raises(TypeError):
        Change(EditKind.JOIN, 3, "joined to line 2")  # type: ignore[call-arg]
    with pytest.raises(KeyError):
        Note.of("a reason no one wrote in Chinese")


def test_every_step_has_a_name_of_its_own():
    assert len(STEP_NAMES) == len(set(STEP_NAMES)), STEP_NAMES


def test_every_edit_names_the_step_that_made_it_and_comes_in_the_plans_order():
    # Two articles in one file: the seed's steps once, then the article's steps once per article.
    lines = article_lines(14) + ["", "请珍惜粮食", ""] + article_lines(12, title="筑牢基层治理防线")
    result = run(lines, {"heading": [9]})
    assert len(result.articles) == 2
    assert {e.step for e in result.edits} <= set(STEP_NAMES)
    assert {"line_kinds", "title_block", "paragraphs"} <= {e.step for e in result.edits}
    seed_names = [step.name for step in SEED_STEPS.steps]
    article_names = [step.name for step in ARTICLE_STEPS.steps]
    seed_part = [seed_names.index(e.step) for e in result.edits if e.step in seed_names]
    article_part = [article_names.index(e.step) for e in result.edits if e.step in article_names]
    assert [e.step in seed_names for e in result.edits] == [True] * len(seed_part) + [False] * len(article_part)
    assert seed_part == sorted(seed_part)
    restarts = sum(1 for a, b in zip(article_part, article_part[1:], strict=False) if b < a)
    assert restarts == 1  # the second article's steps start again from the first


# --- decisions that change the text, each recorded -----------------------------------------------------

def test_a_heading_marked_in_markdown_and_its_level_are_recorded():
    lines = article_lines(200, markdown_headings=True)
    lines[lines.index("## 科技赋能提效能")] = "### 科技赋能提效能"
    result = run(lines)
    marked = lines.index("## 源头治理筑根基") + 1
    lower = lines.index("### 科技赋能提效能") + 1
    assert [e.detail for e in edits_at(result, marked, "line_kinds") if e.kind == EditKind.HEADING] \
        == ["marked ## in the extraction: a heading"]
    assert [b.level for b in result.articles[0].blocks if b.kind == "heading"] == [2, 3]
    assert [e.detail for e in edits_at(result, lower, "heading_levels")] \
        == ["level 3: its ### ranks below the article's ## headings"]
    assert not edits_at(result, marked, "heading_levels")  # level 2, as any heading: nothing to say


def test_a_two_part_headline_and_the_spaces_it_loses_are_recorded():
    headings = {2: "源头治理 筑牢平安根基", 3: "科 技 赋 能 提升打击效能"}
    lines = article_lines(200, heading_texts=headings)
    result = run(lines)
    plain, spaced = lines.index(headings[2]) + 1, lines.index(headings[3]) + 1
    assert ("heading", "源头治理 筑牢平安根基") in blocks(result)
    assert ("heading", "科技赋能 提升打击效能") in blocks(result)
    for line in (plain, spaced):
        assert any("two-part headline" in e.detail for e in edits_at(result, line, "line_kinds"))
    assert not [e for e in result.edits if e.line == plain and e.kind == EditKind.SPACE]  # its one space stays
    assert [e.detail for e in edits_at(result, spaced, "paragraphs") if e.kind == EditKind.SPACE] \
        == ["spaces removed in a headline; the space between its two parts kept"]


def test_a_heading_found_by_its_shape_says_which_spaces_it_lost():
    # Two words of four characters read like two names, so the line is no two-part headline at first
    # sight; read as prose, then found a heading by its shape, it keeps its space and claims no removal.
    lines = article_lines(200, heading_texts={2: "源头治理 筑牢根基", 3: "科 技 赋 能 提升效能"})
    result = run(lines)
    plain, spaced = lines.index("源头治理 筑牢根基") + 1, lines.index("科 技 赋 能 提升效能") + 1
    assert ("heading", "源头治理 筑牢根基") in blocks(result) and ("heading", "科技赋能 提升效能") in blocks(result)
    assert not [e for e in result.edits if e.line == plain and e.kind == EditKind.SPACE]
    assert [e.detail for e in result.edits if e.line == spaced and e.kind == EditKind.SPACE] \
        == ["spaces removed in a headline; the space between its two parts kept"]


def test_prose_taken_for_a_two_part_headline_is_given_back_and_recorded():
    lines = article_lines(12)
    # A line inside a paragraph with an OCR space in it reads like a two-part headline (马龙 商圈人流如织).
    at = next(k for k in range(7, len(lines)) if len(lines[k]) >= 6 and lines[k - 1]
              and not ends_sentence(lines[k - 1]) and all("\u4e00" <= c <= "\u9fff" for c in lines[k]))
    lines[at] = lines[at][:3] + " " + lines[at][3:]
    result = run(lines)
    assert blocks(result) == expected_blocks(), "the paragraph is cut at a heading that is not one"
    [given_back] = edits_at(result, at + 1, "prose_in_headlines")
    assert given_back.detail.startswith(f"heading? no: the sentence of line {at} goes on in it")
    # Its line on the 原文对照 page is prose: no note calls it a heading.
    table = raw_table(page_rows(result.articles, len(lines))[0], RawText.of(tuple(lines), tuple(result.edits)))
    item = re.search(rf'<li value="{at + 1}".*?</li>', table.html(lambda text: text, lambda block: block), re.S)
    assert item and "小标题" not in item.group(0), item


def test_a_spaced_title_and_a_caption_record_the_spaces_they_lose():
    lines = ["织 密 平 安 防 护 网 守护城乡万家灯火", "", SUBTITLE, ""] + [PARAGRAPHS[0], "", "",
             "图为民警在社区 开展反诈宣传。黄小明  摄", "", "", PARAGRAPHS[1]]
    result = run(lines)
    assert result.articles[0].title == "织密平安防护网 守护城乡万家灯火"
    assert [e.detail for e in edits_at(result, 1, "title_block") if e.kind == EditKind.SPACE] \
        == ["spaces removed in a headline; the space between its two parts kept"]
    assert ("caption", "图为民警在社区开展反诈宣传。黄小明 摄") in blocks(result)
    assert [e.detail for e in edits_at(result, 8, "paragraphs") if e.kind == EditKind.SPACE] \
        == ["spaces removed next to Chinese characters; the space before the photo credit kept"]


def test_a_text_without_a_title_is_titled_by_its_file_name_and_says_so():
    result = run([PARAGRAPHS[0], "", PARAGRAPHS[1]])
    assert result.articles[0].title == "fixture"
    [named] = [e for e in result.edits if e.step == "title_from_file_name"]
    assert named.kind == EditKind.TITLE and "file name" in named.detail


# --- what an editor reads ----------------------------------------------------------------------------

def test_the_readme_holds_the_table_of_steps_clean_py_prints():
    printed = subprocess.run([sys.executable, str(REPO / "hooks" / "clean.py"), "--steps"],
                             capture_output=True, text=True, check=True).stdout
    assert printed == steps_table(PLANS)
    assert [row.split("`")[1] for row in printed.splitlines()[2:]] == STEP_NAMES
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert printed in readme, "README.md's table of cleaning steps differs from the plans: paste in\n" + printed


def test_explain_by_step_groups_the_edits_under_the_steps_that_made_them(tmp_path):
    seed = tmp_path / "fixture.txt"
    seed.write_text("\n".join(article_lines(200, markdown_headings=True) + ["", "请珍惜粮食"]) + "\n",
                    encoding="utf-8")
    cli = [sys.executable, str(REPO / "hooks" / "clean.py"), str(seed)]
    explain = subprocess.run(cli + ["--explain"], capture_output=True, text=True, check=True).stdout
    assert "heading  line_kinds         marked ## in the extraction: a heading" in explain
    by_step = subprocess.run(cli + ["--explain", "--by-step"], capture_output=True, text=True, check=True).stdout
    headers = [line.split()[1] for line in by_step.splitlines() if line.startswith("## ")]
    assert headers == [name for name in STEP_NAMES if name in headers]  # in the order the steps run
    assert {"read_lines", "line_kinds", "title_block", "paragraphs"} <= set(headers)
    assert "gaps" not in headers  # nothing to show: a step that changed nothing is not listed
    edits = [line for line in by_step.splitlines() if not line.startswith("## ")]
    assert sorted(edits) == sorted(explain.splitlines())  # every edit, each under its step once


def test_a_line_the_editor_marks_as_text_is_no_heading():
    lines = article_lines(200, heading_texts={2: "打击开路 亮剑攻坚"})
    at = lines.index("打击开路 亮剑攻坚") + 1
    assert ("heading", "打击开路 亮剑攻坚") in blocks(run(lines))
    result = run(lines, {"text": [at]})
    assert not [b for b in blocks(result) if b[0] == "heading" and "打击开路" in b[1]]
    assert [e.detail for e in edits_at(result, at, "line_kinds")] == ["marked as text by the overrides file"]
