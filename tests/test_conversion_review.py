"""The conversion review: a word the Traditional site prints differently from MediaWiki's tables
reaches an editor, unless the reviewed file decides it with a reason."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO, SITE, copy_project
from options import OptionsError, conversion_review
from review_conversion import main, review
from seedtext.convert import convert_variant
from seedtext.review import Decision, Difference, differences, undecided

PHRASES = REPO / "data" / "phrases.txt"


def found(text: str) -> list[Difference]:
    return differences(text, convert_variant(text, "s2tw", PHRASES, "corner"), "zh-tw")


def test_every_difference_on_the_seeds_is_decided():
    results = review(REPO, SITE)  # the site's options and review file, as the build loads them
    assert set(results) == {"zh-hant"}
    result = results["zh-hant"]
    assert len(result.found) > 50  # the review does compare: mainland vocabulary, 臺/台 ...
    assert result.undecided == [], "decide these in data/conversion-review.yml or data/phrases.txt: " + \
        "; ".join(f"{d.word} ours {d.ours} theirs {d.theirs} (…{d.before}{d.word}{d.after}…)" for d in result.undecided)


def test_differences_are_whole_words_with_both_forms():
    got = {d.form for d in found("深化“互联网+公安”，把鼠标移到段落上，人工智能、知识产权。")}
    assert got == {("互联网", "互聯網", "網際網路"), ("鼠标", "鼠標", "滑鼠"),
                   ("人工智能", "人工智能", "人工智慧"), ("知识产权", "知識產權", "智慧財產權")}


def test_corner_quotes_agree_with_the_second_converter():
    assert found("他说：“这是‘北斗’。”") == []
    as_printed = "他说：“这是‘北斗’。”"
    assert len(differences(as_printed, convert_variant(as_printed, "s2tw", PHRASES), "zh-tw")) == 4


def test_a_new_doubtful_word_is_undecided_until_an_entry_decides_it():
    places = found("系统的软件升级了。")  # 軟件 / 軟體: mainland vocabulary, no entry yet
    assert [d.form for d in places] == [("软件", "軟件", "軟體")]
    assert undecided(places, []) == places
    assert undecided(places, [Decision(word="软件", choice="軟件", why="mainland vocabulary kept")]) == []
    # an entry must name what the site prints: a decision for the other form does not cover it
    assert undecided(places, [Decision(word="软件", choice="軟體", why="Taiwan's word")]) == places


def test_a_word_with_its_context_decides_only_that_place():
    rule = Decision(word="斗疫情", choice="鬥疫情", why="to fight")
    assert rule.covers(Difference("斗", "鬥", "斗", before="战严寒、", after="疫情，"))
    assert not rule.covers(Difference("斗", "鬥", "斗", before="一", after="米"))
    inside = Decision(word="账号", choice="賬號", why="kept")
    assert inside.covers(Difference("一个账号", "一個賬號", "一個帳號"))
    assert not inside.covers(Difference("一个账号", "壹個賬號", "一個帳號"))  # a difference outside the entry


def test_the_command_fails_and_lists_an_undecided_word(tmp_path, capsys):
    assert main([]) == 0
    assert "0 undecided" in capsys.readouterr().out
    empty = tmp_path / "review.yml"
    empty.write_text("zh-hant: []\n", encoding="utf-8")
    assert main(["--review", str(empty)]) == 1
    out = capsys.readouterr().out
    assert "知识产权\tours 知識產權\ttheirs 智慧財產權" in out and "UNDECIDED" in out
    broken = tmp_path / "broken.yml"
    broken.write_text("zh-hk: []\n", encoding="utf-8")
    assert main(["--review", str(broken)]) == 2
    assert "key 'zh-hk' is not a converted variant's root" in capsys.readouterr().err


@pytest.mark.parametrize(("text", "named"), [
    ("zh-hk: []\n", "key 'zh-hk' is not a converted variant's root"),
    ("zh-hant: [{word: 硬件, choice: 硬件}]\n", "zh-hant[0]: key 'why'"),
    ("zh-hant: [{word: 硬件, choice: 硬件, why: ' '}]\n", "zh-hant[0] (硬件): `why` is empty"),
    ("zh-hant: {word: 硬件}\n", "expected a list"),
    ("zh-hant: [\n", "not valid UTF-8 YAML"),
])
def test_a_broken_review_file_names_the_file_and_the_entry(tmp_path, text, named):
    path = tmp_path / "conversion-review.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OptionsError) as caught:
        conversion_review(path, ["zh-hant"])
    assert "conversion-review.yml" in str(caught.value) and named in str(caught.value)


def test_the_command_stops_on_the_sites_review_file_that_the_build_would_only_warn_about(tmp_path):
    project = copy_project(tmp_path, seeds={})
    (project / "data" / "conversion-review.yml").write_text("zh-hant: [{word: 硬件}]\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(project / "hooks" / "review_conversion.py")], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "error: data/conversion-review.yml: zh-hant[0]: key 'choice'" in proc.stderr, proc.stderr
