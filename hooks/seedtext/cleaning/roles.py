"""What each line is: filler, image marker, caption, subtitle, byline, heading or text.

Vocabularies (filler patterns, credit words, role words) come from data/cleaning.yml."""

from __future__ import annotations

import re

from ..model import Edit
from .lines import Line
from .text import CIRCLED, ends_sentence, is_han, is_two_part_headline, width


class Vocabulary:
    """The site owner's word lists, compiled once."""

    def __init__(self, options: dict):
        self.filler = [re.compile(p) for p in options.get("filler_patterns", [])]
        credits = options.get("caption_credits", ["摄", "供图", "摄影"])
        self.credit = re.compile(r"^(.*\S)\s+(" + "|".join(map(re.escape, credits)) + r")$")
        self.caption_marks = tuple(options.get("caption_markers", ["▲", "△", "图为", "上图", "下图"]))
        self.caption_inner = tuple(options.get("caption_phrases", ["图为"]))
        self.roles = options.get("byline_roles", ["记者", "通讯员", "实习生", "摄影"])
        self.byline_markers = options.get("byline_markers", ["■", "□", "●"])
        self.cities = options.get("cities", [])
        self.gap_mark = options.get("gap_mark", "〔此处原文缺失〕")
        self.fragment_starts = options.get("fragment_starts", "")
        self.max_heading_width = options.get("max_heading_width", 30)
        self.max_caption_length = options.get("max_caption_length", 60)
        role_alt = "|".join(map(re.escape, sorted(self.roles, key=len, reverse=True)))
        # A role word, then its separator: 记者/刘琼, 通讯员 罗和平, 摄影：王明. The paper's name may precede it.
        self.role_split = re.compile(rf"({role_alt})(\s*[/／:：]?\s*)") if role_alt else None


_NAME = re.compile(r"^[\u4e00-\u9fff·]{1,4}$")


def names_only(text: str) -> bool:
    """A line of personal names: Han tokens of 1-4 characters, no punctuation. A lone four-character
    word is a heading (源头治理), not a name."""
    tokens = text.split()
    if len(tokens) >= 3 and all(len(t) == 1 for t in tokens):
        return False  # letter-spacing (力 压 群 雄), not padded names
    if len(tokens) == 1:
        return 2 <= len(tokens[0]) <= 3 and bool(_NAME.match(tokens[0]))
    return len(tokens) <= 8 and all(_NAME.match(t) for t in tokens) and sum(len(t) for t in tokens) >= 2


def byline_parts(text: str, vocab: Vocabulary) -> list[tuple[str, str, str]] | None:
    """A byline line as (role as printed, separator, names) segments: '记者/刘琼',
    '记者/周明 通讯员/赵祥 李晓燕', '株洲日报全媒体记者/刘琼', or names alone ('谭小军 王晓娟')."""
    if names_only(text):
        return [("", "", text)]
    if not vocab.role_split:
        return None
    pieces = vocab.role_split.split(text)  # [before, role, sep, names, role, sep, names, ...]
    head = pieces[0].strip()
    if len(pieces) < 4 or (head and not re.fullmatch(r"[\u4e00-\u9fff]{1,10}", head)):
        return None
    segments = []
    for k in range(1, len(pieces), 3):
        role, sep, names = pieces[k], pieces[k + 1].strip(), pieces[k + 2].strip()
        if not names_only(names):
            return None
        segments.append(((head + role) if k == 1 else role, sep, names))
    return segments


def heading_like(line: Line, vocab: Vocabulary) -> bool:
    return (not ends_sentence(line.text) and width(line.text) <= vocab.max_heading_width
            and line.kind == "text" and any(is_han(c) for c in line.text))


def strong_caption(text: str, vocab: Vocabulary) -> bool:
    return (text.startswith(vocab.caption_marks)
            or (any(p in text for p in vocab.caption_inner) and len(text) <= vocab.max_caption_length)
            or bool(vocab.credit.match(text)) or (text[:1] in CIRCLED and len(text) > 1))


def mark_line_kinds(lines: list[Line], vocab: Vocabulary, overrides: dict, edits: list[Edit]) -> None:
    """Filler, image markers, our own gap marks and unmistakable captions; editor overrides win."""
    forced = {kind: set(overrides.get(kind, []) or []) for kind in ("caption", "heading", "filler", "text")}
    for line in lines:
        for kind, numbers in forced.items():
            if line.no in numbers:
                line.kind = kind
                edits.append(Edit("override", line.no, f"marked as {kind} by the overrides file"))
        if line.kind == "filler" or (line.kind == "text" and any(p.search(line.text) for p in vocab.filler)):
            line.kind = "filler"
            line.removed.append(line.text)
            edits.append(Edit("remove", line.no, f"filler unrelated to the article: {line.text!r}", line.text))
        elif line.text == vocab.gap_mark:
            line.kind = "gap"
            line.removed.append(line.text)
            edits.append(Edit("remove", line.no, "gap mark (re-created where the text breaks off)", line.text))
        elif line.kind == "text" and all(c in CIRCLED for c in line.text.replace(" ", "")):
            line.kind = "marker"
            line.removed.append(line.text)
            edits.append(Edit("remove", line.no, f"image number without caption text: {line.text!r}", line.text))
        elif line.kind == "text" and strong_caption(line.text, vocab):
            line.kind = "caption"
            edits.append(Edit("caption", line.no, "photo caption set apart"))
        elif line.kind == "text" and line.md_level and line.md_level != 1:
            line.kind = "heading"
        elif line.kind == "text" and is_two_part_headline(line.text) and heading_like(line, vocab) \
                and not byline_parts(line.text, vocab):
            line.kind = "heading"
