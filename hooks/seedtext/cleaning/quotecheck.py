"""The quotation-mark check: a block whose marks do not pair up is reported with the raw line that
holds the first unpaired mark. The text is left as printed (a missing mark is not guessed); the
editor checks the page and lists the line under `quotes_as_printed` in the seed's overrides file
once it is known to be printed so."""

from __future__ import annotations

from ..model import Article, Block, BlockKind, Notice
from ..quotes import QUOTE_MARK, opening_mark, unpaired_quote


def check_quotes(articles: list[Article], raw: dict[int, str], as_printed: set[int]) -> list[Notice]:
    """One notice per block with an unpaired quotation mark, unless its line is in `as_printed`."""
    notices = []
    for article in articles:
        blocks = [*article.head, *article.blocks]
        for k, block in enumerate(blocks):
            if block.kind == BlockKind.GAP:
                continue
            following = blocks[k + 1] if k + 1 < len(blocks) else None
            next_opens = opening_mark(following.text) if following and following.kind == block.kind else ""
            at = unpaired_quote(block.text, next_opens)
            if at is None:
                continue
            line = _line_of_mark(block, at, raw)
            if line in as_printed or block.first_line in as_printed:
                continue
            mark = block.text[at]
            context = block.text[max(0, at - 8):at + 9]
            notices.append(Notice(line, raw.get(line, "").strip(),
                                  f"quotation mark {mark} has no partner (…{context}…): left as printed; "
                                  "once the printed page shows it so, list the line under quotes_as_printed "
                                  "in the seed's overrides file"))
    return notices


def _line_of_mark(block: Block, at: int, raw: dict[int, str]) -> int:
    """The raw line holding the block's quotation mark at `at`: the marks are counted, since the
    cleaner never adds or drops one (it only joins lines and takes out spaces)."""
    nth = len(QUOTE_MARK.findall(block.text[:at]))
    for no in block.sources:
        count = len(QUOTE_MARK.findall(raw.get(no, "")))
        if nth < count:
            return no
        nth -= count
    return block.first_line
