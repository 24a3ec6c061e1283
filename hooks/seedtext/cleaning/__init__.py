"""Cleaning passes: raw seed text -> articles. (First pass; the full cleaner replaces this.)"""

from __future__ import annotations

import re

from ..model import Article, Block, CleanResult, Edit

_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJK})[ \t]+(?={_CJK})")


def clean(text: str, source: str, options: dict | None = None, overrides: dict | None = None) -> CleanResult:
    lines = text.split("\n")
    edits: list[Edit] = []
    blocks: list[Block] = []
    buf: list[tuple[int, str]] = []

    def flush() -> None:
        if buf:
            joined = "".join(s for _, s in buf)
            blocks.append(Block("paragraph", joined, buf[0][0], buf[-1][0]))
            buf.clear()

    for no, raw in enumerate(lines, 1):
        line = _SPACE_BETWEEN_CJK.sub("", raw.strip())
        if not line:
            flush()
            continue
        if buf:
            edits.append(Edit("join", no, "joined to the line above"))
        buf.append((no, line))
    flush()
    if not blocks:
        return CleanResult([], edits)
    title = blocks[0]
    article = Article(title=title.text.lstrip("# "), source=source, first_line=title.first_line,
                      blocks=blocks[1:])
    return CleanResult([article], edits)
