"""Gaps: where a page is missing, the text starts or breaks off mid-sentence; the fragment is kept
and the gap shown."""

from __future__ import annotations

import re

from ..model import BlockKind, Change, EditKind
from ..notes import Note, Say
from .draft import Draft
from .roles import Vocabulary
from .text import HAN, ends_sentence, is_wide


def mark_gaps(drafts: list[Draft], vocab: Vocabulary, changes: list[Change]) -> list[Draft]:
    """Where a page is missing, text starts or ends mid-sentence: keep it, and show the gap. A paragraph
    that breaks off before a heading or the article's end, or that opens mid-sentence (，…, 力、…) after
    a heading or at the start, has lost its other half."""
    out: list[Draft] = []
    flow = [d for d in drafts if d.kind != BlockKind.CAPTION]  # captions sit between the halves of a paragraph
    for d in drafts:
        if d.kind == BlockKind.PARAGRAPH:
            k = flow.index(d)
            after_break = k == 0 or flow[k - 1].kind == BlockKind.HEADING
            if after_break and starts_mid_sentence(d.text, vocab):
                out.append(Draft(BlockKind.GAP, [d.lines[0]]))
                changes.append(Change(EditKind.GAP, d.lines[0].no, "text starts mid-sentence: gap mark before it",
                                      note=Note.of(Say.GAP_BEFORE)))
        out.append(d)
        if d.kind == BlockKind.PARAGRAPH and not ends_sentence(d.text):
            k = flow.index(d)
            if k == len(flow) - 1 or flow[k + 1].kind == BlockKind.HEADING:
                out.append(Draft(BlockKind.GAP, [d.lines[-1]]))
                changes.append(Change(EditKind.GAP, d.lines[-1].no, "text breaks off mid-sentence: gap mark after it",
                                      note=Note.of(Say.GAP_AFTER)))
    return out


def starts_mid_sentence(text: str, vocab: Vocabulary) -> bool:
    return text[:1] in vocab.fragment_starts or bool(re.match(f"^[{HAN}][、，]", text)) \
        or (not is_wide(text[:1]) and text[:1] in ",.;:)")
