"""The benchmark corpus is deterministic and varied (not one file copied N times)."""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from corpus import make_corpus  # noqa: E402


def test_corpus_is_varied_and_deterministic(tmp_path):
    first = [p.read_text(encoding="utf-8") for p in make_corpus(REPO / "seeds", tmp_path / "a", 5)]
    again = [p.read_text(encoding="utf-8") for p in make_corpus(REPO / "seeds", tmp_path / "b", 5)]
    assert first == again
    assert len(set(first)) == 5
    assert all(len(text) > 1000 for text in first)
