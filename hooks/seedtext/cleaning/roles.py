"""What each line is: filler, image marker, caption, subtitle, byline, heading or text.

Vocabularies (filler patterns, credit words, role words) come from data/cleaning.yml."""

from __future__ import annotations

import re

from ..config import CleaningOptions
from ..model import Change, EditKind
from ..notes import Note, Quoted, Say
from ..overrides import Overrides
from .lines import MD_BOLD, Line, LineKind, image_gap, remove, usual_spacing
from .text import (
    CIRCLED,
    COMMAS,
    HAN,
    LEADS_ON,
    ONLY_PUNCT,
    PROSE_PUNCT,
    SUBTITLE_DASHES,
    despace_prose,
    ends_sentence,
    is_han,
    is_two_part_headline,
    split_names,
    width,
)
from .words import ends_on_whole_word, word_across


class Vocabulary:
    """The site owner's word lists (data/cleaning.yml, checked by hooks/options.py), compiled once."""

    def __init__(self, options: CleaningOptions):
        self.filler = [re.compile(p) for p in options.filler_patterns]
        self.running_heads = [re.compile(p) for p in options.running_heads]
        self.photo_pointers = options.photo_pointers
        credits = options.caption_credits
        self.credit = re.compile(r"^(.*\S)\s+(" + "|".join(map(re.escape, credits)) + r")$")
        self.caption_marks = options.caption_markers
        self.caption_inner = options.caption_phrases
        self.roles = options.byline_roles
        self.byline_markers = options.byline_markers
        self.cities = options.cities
        self.gap_mark = options.gap_mark
        self.fragment_starts = options.fragment_starts
        self.max_heading_width = options.max_heading_width
        self.max_caption_length = options.max_caption_length
        self.paper_endings = options.byline_paper_endings
        self.role_split = _role_pattern(self.roles, self.paper_endings)
        self._roles_longest_first = sorted(self.roles, key=len, reverse=True)

    def role_word(self, printed: str) -> str:
        """The role word a role as printed ends with (株洲日报全媒体记者 -> 全媒体记者): the metadata key."""
        return next((r for r in self._roles_longest_first if printed.endswith(r)), printed)


def _role_pattern(roles: list[str], paper_endings: list[str]) -> re.Pattern[str] | None:
    """A role as printed, then its separator: 记者/刘琼, 通讯员 罗和平, 摄影：王明, 株洲日报全媒体记者/刘琼,
    本报 记者 苏晴. Before the role word a paper's name may stand: a run of Han characters from the start
    of a word, ending in one of `paper_endings` (日报, 报, 融媒 ...), with no role word inside it. A role
    word of one character (摄) only starts a word: it is never read inside a name."""
    if not roles:
        return None

    def either(words: list[str]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    word_start = f"(?<![{HAN}·])"
    long_roles, short_roles = [r for r in roles if len(r) > 1], [r for r in roles if len(r) == 1]
    role = "|".join(([either(long_roles)] if long_roles else [])
                    + ([f"{word_start}(?:{either(short_roles)})"] if short_roles else []))
    paper = f"(?:{word_start}(?:(?!{either(roles)})[{HAN}]){{0,12}}(?:{either(paper_endings)})\\s*)?" \
        if paper_endings else ""
    return re.compile(f"({paper}(?:{role}))(\\s*[/／:：]?\\s*)")


_NAME = re.compile(f"^[{HAN}·]{{1,4}}$")


def names_only(text: str, marked: bool = False) -> bool:
    """A line of personal names: Han tokens of 1-4 characters, no punctuation, every name (padded names
    rejoined: 龚 岩 -> 龚岩) at least two characters. A lone four-character word is a heading (源头治理),
    not a name. `marked`: the line had a byline marker (■ 龚 岩 柯 楠) or the names follow a role word,
    so single characters in pairs are padded names, not letter-spacing."""
    tokens = text.split()
    if len(tokens) >= 3 and all(len(t) == 1 for t in tokens) and not (marked and len(tokens) % 2 == 0):
        return False  # letter-spacing (力 压 群 雄), not padded names
    if len(tokens) == 1:
        return 2 <= len(tokens[0]) <= 3 and bool(_NAME.match(tokens[0]))
    return len(tokens) <= 8 and all(_NAME.match(t) for t in tokens) and sum(len(t) for t in tokens) >= 2 \
        and all(len(name) >= 2 for name in split_names(text))


def byline_parts(text: str, vocab: Vocabulary, marked: bool = False) -> list[tuple[str, str, str]] | None:
    """A byline line as (role as printed, separator, names) segments: '记者/刘琼',
    '记者/周明 通讯员/赵祥 李晓燕', '株洲日报全媒体记者/刘琼', '本报记者 苏晴 通讯员 梁文博', or names alone
    ('谭小军 王晓娟'). A line with a role word in it is read by its roles or not at all: a role word is
    never a name (记者 孟思远 is a role and a name, not two names)."""
    if vocab.role_split and vocab.role_split.search(text):
        return _role_segments(text, vocab)
    if names_only(text, marked):
        return [("", "", text)]
    return None


def _role_segments(text: str, vocab: Vocabulary) -> list[tuple[str, str, str]] | None:
    pieces = vocab.role_split.split(text)  # [before, role, sep, names, role, sep, names, ...]
    head = pieces[0].strip()
    if len(pieces) < 4 or (head and not re.fullmatch(f"[{HAN}]{{1,10}}", head)):
        return None  # only a paper's name stands before the first role (新华社记者)
    segments = []
    for k in range(1, len(pieces), 3):
        role, sep, names = pieces[k], pieces[k + 1].strip(), pieces[k + 2].strip()
        if not names_only(names, marked=True):
            return None
        segments.append(((head + role) if k == 1 else role, sep, names))
    return segments


def heading_like(line: Line, vocab: Vocabulary) -> bool:
    return (not ends_sentence(line.text) and width(line.text) <= vocab.max_heading_width
            and line.kind == LineKind.TEXT and any(is_han(c) for c in line.text))


def strong_caption(text: str, vocab: Vocabulary) -> bool:
    return (text.startswith(vocab.caption_marks)
            or (any(p in text for p in vocab.caption_inner) and len(text) <= vocab.max_caption_length)
            or bool(vocab.credit.match(text)) or (text[:1] in CIRCLED and len(text) > 1))


def running_head(text: str, vocab: Vocabulary) -> bool:
    """A page's running head (paper, date, weekday, page number): no prose punctuation in it."""
    return not PROSE_PUNCT.search(text) and width(text) <= 40 and any(p.search(text) for p in vocab.running_heads)


def strip_photo_pointer(line: Line, vocab: Vocabulary, changes: list[Change]) -> None:
    """▲ and ① point at a photo the page does not show: print markup, taken off the caption."""
    pointer = line.text[:1]
    if pointer and pointer in vocab.photo_pointers and len(line.text.lstrip(pointer).strip()) > 0:
        line.removed.append(pointer)
        changes.append(Change(EditKind.REMOVE, line.no,
                              f"photo pointer {pointer!r}: the photo is not on the page", pointer,
                              note=Note.of(Say.PHOTO_POINTER, text=Quoted(pointer))))
        line.text = line.text[1:].strip()


# A slogan's shape: two short phrases and a comma (节约用水，人人有责); the same shape heads sections too
# (聚焦主业，筑牢屏障), so one is filler only where it heads nothing.
_SLOGAN = re.compile(f"^([{HAN}]{{2,6}})[，,]([{HAN}]{{2,6}})$")


def is_slogan(text: str) -> bool:
    return bool(_SLOGAN.match(text.replace(" ", "")))


def _matched_halves(text: str) -> bool:
    """A slogan's two phrases of four characters at most, as long as each other, the second ending on a whole word
    (节约用水，人人有责); a paragraph's first line cut after its comma is not so (线上线下，同频共 / 振。, 守住底线，
    靠的是民 / 警…), or longer (技术手段之外，人防同样不能 / 少。)."""
    m = _SLOGAN.match(text.replace(" ", ""))
    return bool(m) and len(m.group(1)) == len(m.group(2)) <= 4 and ends_on_whole_word(m.group(2))


def _plain_heading_set_off(line: Line, gap: int, vocab: Vocabulary) -> bool:
    """A line of a plain heading's shape (no stop or pause, short) with blank lines as wide as `gap` above it and one
    below at least: what a slogan over it would head, were it a heading (no rule has read one yet)."""
    return line.blank_before >= gap and line.blank_after >= 1 and not PROSE_PUNCT.search(line.text) \
        and heading_like(line, vocab)


def mark_interruptions(lines: list[Line], vocab: Vocabulary, changes: list[Change]) -> None:
    """Lines that belong to no article: a short line set off by more blank lines than the text around
    it, inside a sentence
    (an advert or slogan a page break left in the text: 云江农商银行 … 最快3分钟放款), and a slogan
    (节约用水，人人有责) that heads nothing (the next line is a heading, or the text ends). Removed and logged."""
    flow = [ln for ln in lines if ln.kind in (LineKind.TEXT, LineKind.HEADING, LineKind.FILLER)]
    # The first line after each that is not filler, found in one backward pass, and the text line before
    # it kept as the loop goes (a double-spaced text makes nearly every line a candidate: no rescans).
    not_filler_after: list[Line | None] = []
    nxt: Line | None = None
    for ln in reversed(flow):
        not_filler_after.append(nxt)
        nxt = ln if ln.kind != LineKind.FILLER else nxt
    not_filler_after.reverse()
    before: Line | None = None  # the last text line before this one (as it stands after its own turn)
    # A line right under a photo's caption (its credit, its mark) follows the photo: the photo's frame, not a page
    # break, cut the text, and the caption's lines not yet joined to it are no sentence going on.
    under_caption = {b.no for a, b in zip(lines, lines[1:], strict=False) if a.kind == LineKind.CAPTION}
    for k, line in enumerate(flow):
        if k and flow[k - 1].kind == LineKind.TEXT:
            before = flow[k - 1]
        if line.kind not in (LineKind.TEXT, LineKind.HEADING) or line.md_level \
                or width(line.text) > vocab.max_heading_width \
                or line.blank_before < 1 or line.blank_after < 1 or k == 0 or line.text.endswith(LEADS_ON):
            continue
        if line.text.startswith(SUBTITLE_DASHES) or byline_parts(line.text, vocab, line.byline_marker):
            continue  # a subtitle or a byline under a headline, double-spaced: the article's head
        after = not_filler_after[k]
        gap = min(line.blank_before, line.blank_after)
        set_off = gap >= 2 or (
            before is not None and after is not None and before.blank_before == 0 and after.blank_after == 0)
        inside_sentence = set_off and before is not None and after is not None and before.kind == LineKind.TEXT \
            and line.no not in under_caption \
            and not ends_sentence(before.text) and before.md_level == 0 and after.kind == LineKind.TEXT \
            and not word_across(line.text, despace_prose(after.text))  # 系统，引|进: the text goes on
        if ends_sentence(line.text):
            # A whole short sentence inside a cut sentence whose halves read on (既讲法|律), or whose first half
            # stops on a comma (设置治安岗亭48个，|民警每天) with an image's gap above and below the sentence (a line
            # that went on from the comma would stand right under it): a photo's caption.
            # Or it stands in a gap two blank lines wider than the spacing between the paragraph's own lines, cut
            # anywhere (看清整个 / [gap] / 水上巡逻。 / [gap] / 湖面。”): three blank lines in double-spaced text, where
            # two may only end a paragraph (以后 / [running head] / 一定要远离毒品。 / 全民参与…: its last line after
            # a page break); two elsewhere. A line of marks only (。) is the cut sentence's end, not a caption.
            halves_read_on = inside_sentence and (word_across(before.text, despace_prose(after.text)) or (
                before.text.rstrip().endswith(tuple(COMMAS)) and gap >= 2) or image_gap(gap, usual_spacing(flow, k)))
            if halves_read_on and not re.search(r"[。！？].", line.text) and not ONLY_PUNCT.match(line.text):
                line.kind = LineKind.CAPTION
                changes.append(Change(EditKind.CAPTION, line.no,
                                      "a sentence set off inside a cut sentence: a photo caption",
                                      note=Note.of(Say.CAPTION_IN_CUT_SENTENCE)))
            continue
        heads_nothing = is_slogan(line.text) and (after is None or after.kind == LineKind.HEADING or after.md_level
                                                  or (gap >= 2 and _matched_halves(line.text)
                                                      and _plain_heading_set_off(after, gap, vocab)))
        # A line above it set off as far is no text a page break cut (节约用水，人人有责 / [gap] / a heading): a
        # sentence cut by a page break has its line above in the text's spacing.
        cut_around = inside_sentence and before.blank_before < gap
        if cut_around or heads_nothing:
            line.kind = LineKind.FILLER
            why = "inside a sentence that a page break cut" if cut_around else "a slogan that heads no text"
            said = Say.FILLER_IN_CUT_SENTENCE if cut_around else Say.SLOGAN
            remove(line, line.text, changes, f"filler ({why})", said)


def mark_line_kinds(lines: list[Line], vocab: Vocabulary, overrides: Overrides, changes: list[Change]) -> None:
    """Filler, image markers, our own gap marks and unmistakable captions; editor overrides win."""
    forced = {"caption": (overrides.caption, Say.MARKED_CAPTION), "heading": (overrides.heading, Say.MARKED_HEADING),
              "filler": (overrides.filler, Say.MARKED_FILLER), "text": (overrides.text, Say.MARKED_TEXT)}
    for line in lines:
        for kind, (numbers, said) in forced.items():
            if line.no in numbers:
                line.kind = LineKind(kind)
                changes.append(Change(EditKind.OVERRIDE, line.no, f"marked as {kind} by the overrides file",
                                      note=Note.of(said)))
        # A line the editor marked as text is read as text: no rule below makes it anything else.
        automatic = line.kind == LineKind.TEXT and line.no not in overrides.text
        if automatic and running_head(line.text, vocab):
            line.kind = LineKind.FILLER
            remove(line, line.text, changes, "running page head", Say.RUNNING_HEAD)
        elif line.kind == LineKind.FILLER or (automatic \
                and any(p.search(line.text) for p in vocab.filler)):
            line.kind = LineKind.FILLER
            remove(line, line.text, changes, "filler unrelated to the article", Say.FILLER)
        elif line.text == vocab.gap_mark:
            line.kind = LineKind.GAP
            line.removed.append(line.text)
            changes.append(Change(EditKind.REMOVE, line.no, "gap mark (re-created where the text breaks off)",
                                  line.text, note=Note.of(Say.OLD_GAP_MARK)))
        elif automatic and all(c in CIRCLED for c in line.text.replace(" ", "")):
            line.kind = LineKind.MARKER
            remove(line, line.text, changes, "image number without caption text", Say.IMAGE_NUMBER)
        elif automatic and strong_caption(line.text, vocab):
            line.kind = LineKind.CAPTION
            changes.append(Change(EditKind.CAPTION, line.no, "photo caption set apart",
                                  note=Note.of(Say.CAPTION_MARKED)))
            strip_photo_pointer(line, vocab, changes)
        elif automatic and line.md_level and line.md_level != 1:
            line.kind = LineKind.HEADING
            mark = "**…**" if line.md_level == MD_BOLD else "#" * line.md_level
            changes.append(Change(EditKind.HEADING, line.no, f"marked {mark} in the extraction: a heading",
                                  note=Note.of(Say.HEADING_MARKED, mark=Quoted(mark))))
        elif automatic and is_two_part_headline(line.text) and heading_like(line, vocab) \
                and not byline_parts(line.text, vocab):
            line.kind = LineKind.HEADING
            changes.append(Change(EditKind.HEADING, line.no, "a two-part headline (two runs of words a space apart, "
                                                             "no sentence end): a heading",
                                  note=Note.of(Say.TWO_PART_HEADLINE)))
