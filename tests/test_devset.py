"""The cleaner on the shared development set (../shared/devset): synthetic articles degraded by a
program this project did not write, scored by its own scorer. A floor under the figures reached, so
that a rule that leans on one layout shows here before a reader meets it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import REPO, SITE
from seedtext.cache import Cache
from seedtext.site import pages_of_seed

DEVSET = REPO.parent / "shared" / "devset"
# Reached at this commit (README, "How the text is cleaned"); raise them as the cleaner improves.
# raw: ordinary layouts; raw_hard: the same gold damaged harder (narrow columns changing per section,
# a blank line after every line, wrapped plain headings, captions inside page breaks).
FLOOR = {
    "raw": {"exact_recall": 1.0, "exact_precision": 1.0, "preservation": 0.995,
            "heading_recall": 1.0, "caption_recall": 1.0},
    "raw_hard": {"exact_recall": 0.98, "exact_precision": 0.98, "preservation": 0.99,
                 "heading_recall": 1.0, "caption_recall": 1.0},
}
CEILING = {
    "raw": {"merge_errors": 0, "split_errors": 0, "stray_spaces": 2, "halfwidth": 0},
    "raw_hard": {"merge_errors": 1, "split_errors": 1, "stray_spaces": 2, "halfwidth": 0},
}


@pytest.mark.skipif(not (DEVSET / "score.py").is_file(), reason=f"no development set at {DEVSET}")
@pytest.mark.parametrize("set_name", ["raw", "raw_hard"])
def test_devset_scores_hold(set_name, tmp_path):
    for raw in sorted((DEVSET / set_name).glob("*.txt")):
        seed, pages = pages_of_seed(raw, REPO, SITE.cleaning, Cache(None), tags=SITE.tags)  # what hooks/clean.py prints
        assert not seed.error, f"{raw.name}: {seed.error}"
        (tmp_path / f"{raw.stem}.md").write_text("\n".join(page.markdown for page in pages), encoding="utf-8")
    run = subprocess.run([sys.executable, str(DEVSET / "score.py"), "--gold", str(DEVSET / "src"),
                          "--raw", str(DEVSET / set_name), "--out", str(tmp_path)],
                         capture_output=True, text=True, check=True)
    lines = run.stdout.strip().splitlines()
    score = {k: float(v) for line in lines[-2:] for k, v in re.findall(r"(\w+)=([\d.]+)", line)}
    for key, floor in FLOOR[set_name].items():
        assert score[key] >= floor, f"{key} {score[key]} < {floor}: {lines[-1]}"
    for key, ceiling in CEILING[set_name].items():
        assert score[key] <= ceiling, f"{key} {score[key]} > {ceiling}: {lines[-1]}"


# The same gold damaged again by the dev set's own degrader with other seeds (bench/devset_seeds.py): layouts
# the rules were not checked on one by one, as the hidden texts are. Means over four seeds, reached at this commit.
OTHER_SEEDS = ("alt-1", "alt-2", "alt-3", "alt-4")
OTHER_FLOOR = {"normal": {"exact_recall": 0.978, "exact_precision": 0.983},
               "hard": {"exact_recall": 0.958, "exact_precision": 0.959, "heading_recall": 0.99}}


@pytest.mark.skipif(not (DEVSET / "degrade.py").is_file(), reason=f"no development set at {DEVSET}")
@pytest.mark.parametrize("profile", ["normal", "hard"])
def test_devset_scores_hold_on_the_gold_damaged_with_other_seeds(profile, tmp_path):
    if str(REPO / "bench") not in sys.path:
        sys.path.insert(0, str(REPO / "bench"))
    from devset_seeds import clean_all, degrade, scores

    got: dict[str, list[float]] = {}
    for seed in OTHER_SEEDS:
        raw, out = tmp_path / seed / "raw", tmp_path / seed / "out"
        raw.mkdir(parents=True)
        degrade(seed, profile, raw)
        clean_all(raw, out, SITE)
        for key, value in scores(raw, out).items():
            got.setdefault(key, []).append(value)
    for key, floor in OTHER_FLOOR[profile].items():
        mean = sum(got[key]) / len(got[key])
        assert mean >= floor, f"{profile} {key}: {mean:.3f} < {floor} over {OTHER_SEEDS}"
