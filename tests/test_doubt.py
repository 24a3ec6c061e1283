"""Doubt shown to the editor (issue 22): a decision the cleaner weighed close to the balance is listed
first by `hooks/clean.py --doubtful`, marked 存疑 on the 原文对照 page, and named in the build log at
info level (a strict build still passes). A clear decision is not flagged."""

from __future__ import annotations

import subprocess
import sys

from test_rawpage import degraded_page

from conftest import REPO, copy_project, mkdocs_build
from seedtext.cleaning.evidence import DOUBTFUL_MARGIN

# Column 12, no indent, no blank lines. The first paragraph's last line (line 6) stops one character
# short of the column: a paragraph's end, or a full line whose measure jittered (line 7 may start a
# paragraph or go on). Everything else is clear.
AMBIGUOUS = """织密平安防护网
记者 王明
岁末年初，城区街头车水马
龙，商圈人流如织。群众的
安全感，来自一线民警日复
一日的坚守和辛勤付出。
全市公安机关共破获刑事案
件三千余起，各项工作成效
明显。
"""


def cli(path, *args: str) -> str:
    run = subprocess.run([sys.executable, str(REPO / "hooks" / "clean.py"), str(path), *args],
                         capture_output=True, text=True, check=True)
    return run.stdout


def test_doubtful_lists_the_closest_decision_first_with_its_evidence(tmp_path):
    seed = tmp_path / "ambiguous.txt"
    seed.write_text(AMBIGUOUS, encoding="utf-8")
    out = cli(seed, "--doubtful").splitlines()
    assert out[0].startswith("1 of "), out[0]
    first, evidence = out[1], out[2]
    assert first.split()[0] == "7" and "全市公安机关共破获刑事案" in first, out
    assert "new paragraph?" in evidence and "for: a character short ends a sentence" in evidence, evidence
    margin = float(first.split()[2])
    assert margin < DOUBTFUL_MARGIN


def test_a_clear_text_has_nothing_doubtful(tmp_path):
    seed = tmp_path / "clear.txt"
    seed.write_text(AMBIGUOUS.replace("一日的坚守和辛勤付出。", "一日的坚守。"), encoding="utf-8")
    assert cli(seed, "--doubtful").splitlines()[0].startswith("0 of "), cli(seed, "--doubtful")


def test_explain_prints_the_weighed_evidence_of_that_boundary(tmp_path):
    seed = tmp_path / "ambiguous.txt"
    seed.write_text(AMBIGUOUS, encoding="utf-8")
    line7 = [ln for ln in cli(seed, "--explain").splitlines() if ln.split()[:2] == ["7", "split"]]
    assert line7 and "new paragraph? yes" in line7[0] and "against:" in line7[0], line7


def test_the_raw_page_marks_the_doubtful_line_and_only_it():
    page = degraded_page(AMBIGUOUS)
    doubt = [li for li in page.find_all("li") if li.find_all("span", "raw-doubt")]
    assert [li.attrs["value"] for li in doubt] == ["7"], [li.text() for li in doubt]
    assert "存疑" in doubt[0].text()


def test_the_build_log_names_a_seed_with_doubt_and_a_strict_build_still_passes(tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project", seeds={"001_ambiguous.txt": AMBIGUOUS.encode("utf-8")})
    proc = mkdocs_build(project, tmp_path / "site", strict=True)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    notes = [line for line in output.splitlines() if "seeds/001_ambiguous.txt" in line and "published at" not in line]
    assert len(notes) == 1 and "INFO" in notes[0] and "weighed close to the balance" in notes[0], notes
    assert "raw line 7" in notes[0] and "--doubtful" in notes[0], notes
