"""Rebuild paragraphs from hard-wrapped lines: the loop over the body's lines that asks, at each
line, the two questions a copy editor asks (do the lines above make a heading? does a new
paragraph start here?) and builds the blocks. The answers are weighed elsewhere: the layout per
stretch (layout.py), the paragraph boundary (boundary.py), headings (headings.py), captions
(captions.py).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import BlockKind, Change, EditKind
from ..notes import Lines, Note, Say
from ..overrides import Overrides
from .boundary import boundary_decision
from .captions import caption_spacing, caption_text, caption_text_of
from .draft import Draft, join_line, rejoin
from .headings import heading_decision, heading_tail, wraps_into
from .layout import SHORT_BY, read_layout
from .lines import NOT_TEXT, Line, LineKind, headline_text
from .roles import Vocabulary
from .text import ONLY_PUNCT, despace_prose, ends_sentence, full_width_punctuation


def build_blocks(body: list[Line], vocab: Vocabulary, overrides: Overrides, caption_tails: frozenset[int],
                 changes: list[Change], under_byline: bool = False) -> list[Draft]:
    """Hard-wrapped lines joined into paragraphs, headings found by their shape, captions set after the
    paragraph they interrupt (`caption_tails`: the lines that go on a caption begun above them). Each join
    and split names its reason. `under_byline`: the body follows a head with a byline, so its first text line
    opens the lead."""
    text_lines = [ln for ln in body if ln.kind == LineKind.TEXT]
    layout = read_layout(text_lines, frozenset(ln.no for ln in body if ln.kind == LineKind.HEADING))
    cols = layout.columns
    following_text = {a.no: b for a, b in zip(text_lines, text_lines[1:], strict=False)}
    drafts: list[Draft] = []
    current: Draft | None = None
    held: list[Draft] = []  # captions met inside an unfinished paragraph go after it
    prose_spacing: dict[int, Change] = {}  # the spaces taken out of each text line, as prose
    gap_before = overrides.gap_before
    gap_after = overrides.gap_after

    def close() -> None:
        nonlocal current
        if current:
            # Punctuation at a line's edge (a hanging "!" on its own line) only has its Chinese
            # neighbour once the lines are joined.
            current.text, widened = full_width_punctuation(current.text)
            if widened:
                current.text = despace_prose(current.text)  # "App ,2019" -> "App，2019", no space left
                changes.append(Change(EditKind.PUNCT, current.lines[-1].no,
                                      "; ".join(widened) + " (across a line break)",
                                      note=Note.of(Say.WIDENED_ACROSS_LINES, count=len(widened))))
            drafts.append(current)
            if current.lines[-1].no in gap_after:
                drafts.append(Draft(BlockKind.GAP, [current.lines[-1]]))
                changes.append(Change(EditKind.OVERRIDE, current.lines[-1].no,
                                      "gap mark after this line (overrides: gap_after)",
                                      note=Note.of(Say.GAP_AFTER_BY_EDITOR)))
        drafts.extend(held)
        held.clear()
        current = None

    for line in body:
        if line.kind in NOT_TEXT:
            continue
        if line.no in gap_before:
            close()
            drafts.append(Draft(BlockKind.GAP, [line]))
            changes.append(Change(EditKind.OVERRIDE, line.no, "gap mark before this line (overrides: gap_before)",
                                  note=Note.of(Say.GAP_BEFORE_BY_EDITOR)))
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
            drafts.append(Draft(BlockKind.HEADING, [line], headline_text(line, changes), 0))
            continue
        text = despace_prose(line.text)
        if text != line.text:
            prose_spacing[line.no] = Change(EditKind.SPACE, line.no, "spaces removed next to Chinese characters",
                                            note=Note.of(Say.SPACES))
            changes.append(prose_spacing[line.no])
        if current is None:
            current = Draft(BlockKind.PARAGRAPH, [line], text)
            continue
        prev = current.lines[-1]
        col = cols[line.no]
        # A held caption stands between the two lines only where its photo came after the line above (it may have
        # cut the paragraph lines before, and be held still).
        held_at = [ln.no for d in held for ln in d.lines]
        caption_lines_between = sum(1 for no in held_at if no > prev.no)
        # A photo right above the line above took the place of any blank lines the text had there: the line above
        # is the cut sentence's last, with no blank line to say whether its paragraph ends under it.
        prev_under_photo = len(current.lines) >= 2 and any(current.lines[-2].no < no < prev.no for no in held_at)
        between = line.blank_before + caption_lines_between
        tail = heading_tail(current)
        heading = None
        # A line the editor marked as text is no heading, whatever its shape.
        if tail and line.no not in overrides.join_before and not any(ln.no in overrides.text for ln in tail):
            heading = heading_decision(tail, line, following_text, layout, vocab,
                                       len(tail) == len(current.lines), under_byline and tail[0] is text_lines[0])
        if heading and heading.verdict:
            if len(tail) < len(current.lines):  # the paragraph before it ended on a full line
                current.lines = current.lines[:-len(tail)]
                current.text = rejoin(current.lines, cols)
                changes.append(Change(EditKind.SPLIT, tail[0].no,
                                      "new block: the heading below the paragraph's last sentence",
                                      note=Note.of(Say.NEW_BLOCK_BEFORE_HEADING)))
            else:
                current = None
            for ln in tail:
                ln.kind = LineKind.HEADING
                if ln.no in prose_spacing:  # read as prose first; as a headline it may keep a space
                    changes.remove(prose_spacing.pop(ln.no))
            changes.append(Change(EditKind.HEADING, tail[0].no, heading.explain(), margin=heading.weighed_margin,
                                  note=heading.reasons(Note.of(Say.HEADING))))
            close()
            above = drafts[-1] if drafts else None
            if above and wraps_into(above, tail, layout, vocab):  # its second line, read as a heading of its own
                above.lines.extend(tail)
                above.text += "".join(headline_text(ln, changes) for ln in tail)
                changes.append(Change(EditKind.HEADING, tail[0].no, "a heading's second line: the heading above, "
                                      "no shorter, goes on in it", note=Note.of(Say.HEADING_WRAPPED)))
            else:
                drafts.append(Draft(BlockKind.HEADING, tail, "".join(headline_text(ln, changes) for ln in tail)))
            current = Draft(BlockKind.PARAGRAPH, [line], text)
            continue
        # A mark that went down to a line of its own (”) ends the sentence of the line above it; the line, that mark
        # alone, is as short as a paragraph's last line: had the text gone on, it would stand after the mark.
        hung = len(current.lines) >= 2 and ONLY_PUNCT.match(prev.text)
        ending = replace(prev, text=current.lines[-2].text + prev.text) if hung else prev
        boundary = boundary_decision(ending, line, following_text.get(line.no), layout, between, overrides,
                                     len(current.lines) == 1, caption_lines_between > 0, prev_under_photo)
        if heading and not heading.decisive and heading.margin < boundary.margin:
            # The heading question was closer than the boundary's: the editor sees that one.
            changes.append(Change(EditKind.HEADING, tail[0].no, heading.explain(), margin=heading.margin,
                                  note=heading.reasons(Note.of(Say.HEADING if heading.verdict else Say.NOT_HEADING))))
        margin = boundary.weighed_margin
        reason = boundary.explain() if margin is not None else boundary.evidence[-1].sign
        if not boundary.verdict:
            changes.append(Change(EditKind.JOIN, line.no, f"joined to line {prev.no}: {reason}", margin=margin,
                                  note=boundary.reasons(Note.of(Say.JOINED, line=Lines(prev.no)))))
            current.text = join_line(current.text, prev, text, col)
            current.lines.append(line)
        else:
            changes.append(Change(EditKind.SPLIT, line.no, f"new paragraph: {reason}", margin=margin,
                                  note=boundary.reasons(Note.of(Say.NEW_PARAGRAPH))))
            close()
            current = Draft(BlockKind.PARAGRAPH, [line], text)
    close()
    for draft in drafts:
        if draft.kind == BlockKind.CAPTION:
            caption_spacing(draft, vocab, changes)
    return drafts
