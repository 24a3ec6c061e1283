"""The lossless check: every non-space character of the raw seed reaches the output, in order,
except what the cleaner recorded as a deliberate removal.

Compared per raw line: what a line held (spaces dropped, punctuation folded so that a
half-to-full-width change is not a loss, recorded removals taken out) must equal what
the output blocks built from that line hold, and every line must reach exactly one block.
The check reads only the raw text and the finished result, so it catches a pass that
drops, duplicates or invents text whatever pass it was.
"""

from __future__ import annotations

from ..model import BlockKind, CleanResult, Notice
from .text import FULL_TO_HALF

_FOLD = str.maketrans(FULL_TO_HALF)


def folded(text: str) -> str:
    return "".join(text.split()).translate(_FOLD)


def check_lossless(raw_text: str, result: CleanResult) -> list[Notice]:
    raw_lines = raw_text.split("\n")
    warnings: list[Notice] = []

    def warn(no: int, message: str) -> None:
        raw = raw_lines[no - 1] if 0 < no <= len(raw_lines) else ""
        warnings.append(Notice(no, raw.strip(), "lossless check: " + message))

    expected = {no: folded(raw) for no, raw in enumerate(raw_lines, 1)}
    for edit in result.edits:
        if not edit.removed:
            continue
        piece = folded(edit.removed)
        held = expected.get(edit.line, "")
        if piece not in held:
            warn(edit.line, f"a recorded removal {edit.removed!r} is not in the line")
            continue
        expected[edit.line] = held.replace(piece, "", 1)

    reached: dict[int, int] = {}
    for article in result.articles:
        for block in [*article.head, *article.blocks]:
            if block.kind == BlockKind.GAP:
                continue  # the gap mark is an addition the explain output lists
            want = "".join(expected.get(no, "") for no in block.sources)
            got = folded(block.text)
            if got != want:
                first = next((k for k, (a, b) in enumerate(zip(got, want, strict=False)) if a != b),
                             min(len(got), len(want)))
                warn(block.first_line, f"{block.kind} differs from the raw text at character {first + 1}: "
                                       f"raw {want[first:first + 12]!r}, output {got[first:first + 12]!r}")
            for no in block.sources:
                reached[no] = reached.get(no, 0) + 1
    for no, chars in expected.items():
        if chars and reached.get(no, 0) == 0:
            warn(no, f"text lost: {chars[:20]!r} reaches no page")
        elif reached.get(no, 0) > 1:
            warn(no, "the line's text appears in more than one place")
    return warnings
