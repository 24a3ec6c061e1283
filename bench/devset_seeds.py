"""The cleaner on the shared dev set's gold, damaged again with other seeds by the dev set's own degrader
(../shared/devset/degrade.py --seed): the same ten articles in other layouts (other column widths per
section, blank-line habits, page-break places, heading wraps, half-width marks), a program this project did
not write. Its default seed gives raw/ and raw_hard/ (tests/test_devset.py); every other seed is a dev set
no rule was ever tuned on, so a rule that only fits the default seed's layouts shows here.

    .venv/bin/python bench/devset_seeds.py [--seeds alt-1,alt-2,...] [--profiles normal,hard] [--misses]

Prints score.py's figures per seed and profile, then their means; --misses lists each gold block that did not
come out exactly (the output block that holds its start, or None). The degraded texts are written to a
temporary folder and cleaned as hooks/clean.py cleans a seed (seedtext.site.pages_of_seed).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset"
sys.path.insert(0, str(ROOT / "hooks"))  # not the dev set's folder: its degrade.py would shadow tests/degrade.py

from options import load_project_options  # noqa: E402
from seedtext.cache import Cache  # noqa: E402
from seedtext.site import pages_of_seed  # noqa: E402

FIGURES = ("exact_recall", "exact_precision", "merge_errors", "split_errors", "heading_recall", "caption_recall",
           "stray_spaces", "preservation")


def degrade(seed: str, profile: str, folder: Path) -> None:
    subprocess.run([sys.executable, str(DEVSET / "degrade.py"), "--seed", seed, "--profile", profile,
                    "--out", str(folder), "--manifest", str(folder / "manifest.json")], check=True, capture_output=True)


def clean_all(raw: Path, out: Path, site) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for text in sorted(raw.glob("*.txt")):
        seed, pages = pages_of_seed(text, ROOT, site.cleaning, Cache(None), tags=site.tags)
        (out / f"{text.stem}.md").write_text("\n".join(page.markdown for page in pages), encoding="utf-8")


def scores(raw: Path, out: Path) -> dict[str, float]:
    """score.py's overall figures, unrounded (its --json)."""
    figures = out / "score.json"
    subprocess.run([sys.executable, str(DEVSET / "score.py"), "--gold", str(DEVSET / "src"), "--raw", str(raw),
                    "--out", str(out), "--json", str(figures)], capture_output=True, text=True, check=True)
    return json.loads(figures.read_text(encoding="utf-8"))["overall"]


def misses(out: Path) -> list[str]:
    """Gold blocks not in the output exactly (a heading not as a heading), with the output block holding their start."""
    spec = importlib.util.spec_from_file_location("devset_score", DEVSET / "score.py")
    score = importlib.util.module_from_spec(spec)  # the dev set's scorer: its Markdown reading and gold units
    spec.loader.exec_module(score)

    found = []
    for md in sorted(out.glob("*.md")):
        gold = json.loads((DEVSET / "src" / f"{md.stem}.gold.json").read_text(encoding="utf-8"))
        _, blocks, headings = score.parse_markdown(md.read_text(encoding="utf-8"))
        texts = [score.unpoint(b["text"]) for b in blocks]
        heads = {score.unpoint(score.strip_inline(h)) for h in headings}
        for kind, text in score.gold_units(gold):
            if kind == "byline" or (text in texts and (kind != "heading" or text in heads)):
                continue
            holder = next((t for t in texts if text[:12] in t), None)
            found.append(f"{md.stem} {kind:9} {text[:24]!r} -> {holder[:40] if holder else None!r}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default=",".join(f"alt-{n}" for n in range(1, 13)))
    parser.add_argument("--profiles", default="normal,hard")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    if not (DEVSET / "degrade.py").is_file():
        print(f"no dev set at {DEVSET}", file=sys.stderr)
        return 1
    site, _ = load_project_options(ROOT)
    means: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for seed in args.seeds.split(","):
            for profile in args.profiles.split(","):
                raw, out = Path(tmp) / seed / profile / "raw", Path(tmp) / seed / profile / "out"
                raw.mkdir(parents=True)
                degrade(seed, profile, raw)
                clean_all(raw, out, site)
                got = scores(raw, out)
                print(f"{seed:8} {profile:6} " + " ".join(f"{k}={got[k]:g}" for k in FIGURES), flush=True)
                for k in FIGURES:
                    means.setdefault(profile, {}).setdefault(k, []).append(got[k])
                if args.misses:
                    print("\n".join(f"    {line}" for line in misses(out)))
    for profile, figures in means.items():
        print(f"mean     {profile:6} " + " ".join(f"{k}={sum(v) / len(v):.3f}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
