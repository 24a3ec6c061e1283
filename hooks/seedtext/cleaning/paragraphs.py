"""Rebuild paragraphs from hard-wrapped lines: the loop over the body's lines that asks, at each
line, the two questions a copy editor asks (do the lines above make a heading? does a new
paragraph start here?) and builds the blocks. The answers are weighed elsewhere: the layout per
stretch (layout.py), the paragraph boundary (boundary.py), headings (headings.py), captions
(captions.py).
"""

from __future__ import annotations

from ..model import BlockKind, Edit, EditKind
from ..overrides import Overrides
from ..steps import step
from .boundary import boundary_decision
from .captions import caption_text, caption_text_of, framed_captions, wrapped_captions
from .draft import Draft, join_line, rejoin
from .headings import heading_decision, heading_tail, prose_in_headlines
from .layout import SHORT_BY, read_layout
from .lines import NOT_TEXT, Line, LineKind
from .roles import Vocabulary
from .text import despace_headline, despace_prose, ends_sentence, full_width_punctuation


@step("paragraphs")
def build_blocks(body: list[Line], vocab: Vocabulary, overrides: Overrides, edits: list[Edit]) -> list[Draft]:
    """Hard-wrapped lines joined into paragraphs, headings found by their shape, captions set after the
    paragraph they interrupt. Each join and split names its reason."""
    prose_in_headlines(body)
    caption_tails = framed_captions(body, vocab, edits) | wrapped_captions(body, vocab, edits)
    text_lines = [ln for ln in body if ln.kind == LineKind.TEXT]
    layout = read_layout(text_lines)
    cols = layout.columns
    following_text = {a.no: b for a, b in zip(text_lines, text_lines[1:], strict=False)}
    drafts: list[Draft] = []
    current: Draft | None = None
    held: list[Draft] = []  # captions met inside an unfinished paragraph go after it
    gap_before = overrides.gap_before
    gap_after = overrides.gap_after

    def close() -> None:
        nonlocal current
        if current:
            # Punctuation at a line's edge (a hanging "!" on its own line) only has its Chinese
            # neighbour once the lines are joined.
            current.text, changes = full_width_punctuation(current.text)
            if changes:
                current.text = despace_prose(current.text)  # "App ,2019" -> "App，2019", no space left
                edits.append(Edit(EditKind.PUNCT, current.lines[-1].no, "; ".join(changes) + " (across a line break)"))
            drafts.append(current)
            if current.lines[-1].no in gap_after:
                drafts.append(Draft(BlockKind.GAP, [current.lines[-1]]))
                edits.append(Edit(EditKind.OVERRIDE, current.lines[-1].no,
                                  "gap mark after this line (overrides: gap_after)"))
        drafts.extend(held)
        held.clear()
        current = None

    for line in body:
        if line.kind in NOT_TEXT:
            continue
        if line.no in gap_before:
            close()
            drafts.append(Draft(BlockKind.GAP, [line]))
            edits.append(Edit(EditKind.OVERRIDE, line.no, "gap mark before this line (overrides: gap_before)"))
        if line.kind == LineKind.CAPTION and line.no in caption_tails:
            caption = (held or drafts)[-1]
            caption.lines.append(line)
            caption.text = caption_text_of(caption.lines, vocab)
            continue
        if line.kind == LineKind.CAPTION:
            caption = Draft(BlockKind.CAPTION, [line], caption_text(line, vocab))
            last = current.lines[-1] if current else None
            # Inside an unfinished paragraph, or after a full line that may go on past the photo: held
            # until the paragraph closes (close() puts it after the paragraph either way).
            if current and (not ends_sentence(current.text) or last.phys >= cols.get(last.no, 0) - SHORT_BY):
                held.append(caption)
            else:
                close()
                drafts.append(caption)
            continue
        if line.kind == LineKind.HEADING:
            close()
            drafts.append(Draft(BlockKind.HEADING, [line], despace_headline(line.text), 0))
            continue
        text = despace_prose(line.text)
        if text != line.text:
            edits.append(Edit(EditKind.SPACE, line.no, "spaces removed next to Chinese characters"))
        if current is None:
            current = Draft(BlockKind.PARAGRAPH, [line], text)
            continue
        prev = current.lines[-1]
        col = cols[line.no]
        between = line.blank_before + sum(1 for d in held for _ in d.lines)
        tail = heading_tail(current)
        heading = None
        if tail and line.no not in overrides.join_before:
            heading = heading_decision(tail, line, following_text, layout, vocab,
                                       len(tail) == len(current.lines))
        if heading and heading.verdict:
            if len(tail) < len(current.lines):  # the paragraph before it ended on a full line
                current.lines = current.lines[:-len(tail)]
                current.text = rejoin(current.lines, cols)
                edits.append(Edit(EditKind.SPLIT, tail[0].no,
                                  "new block: the heading below the paragraph's last sentence"))
            else:
                current = None
            for ln in tail:
                ln.kind = LineKind.HEADING
            edits.append(Edit(EditKind.HEADING, tail[0].no, heading.explain(), margin=heading.weighed_margin))
            close()
            drafts.append(Draft(BlockKind.HEADING, tail, "".join(despace_headline(ln.text) for ln in tail)))
            current = Draft(BlockKind.PARAGRAPH, [line], text)
            continue
        boundary = boundary_decision(prev, line, following_text.get(line.no), layout, between, overrides,
                                     len(current.lines) == 1, bool(held))
        if heading and not heading.decisive and heading.margin < boundary.margin:
            # The heading question was closer than the boundary's: the editor sees that one.
            edits.append(Edit(EditKind.HEADING, tail[0].no, heading.explain(), margin=heading.margin))
        margin = boundary.weighed_margin
        reason = boundary.explain() if margin is not None else boundary.evidence[-1].sign
        if not boundary.verdict:
            edits.append(Edit(EditKind.JOIN, line.no, f"joined to line {prev.no}: {reason}", margin=margin))
            current.text = join_line(current.text, prev, text, col)
            current.lines.append(line)
        else:
            edits.append(Edit(EditKind.SPLIT, line.no, f"new paragraph: {reason}", margin=margin))
            close()
            current = Draft(BlockKind.PARAGRAPH, [line], text)
    close()
    return drafts
