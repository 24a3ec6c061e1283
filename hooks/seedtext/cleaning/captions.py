"""Photo captions: a caption wrapped at the photo's width kept whole with its credit, the one space
before the credit, and short sentences set off like captions."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from statistics import median

from ..model import BlockKind, Change, EditKind
from ..notes import Lines, Note, Quoted, Say
from .boundary import PAIRED_HEAD
from .draft import Draft
from .evidence import Decision, Weighing
from .layout import HANG, INDENT, SHORT_BY
from .lines import Line, LineKind, image_gap, usual_spacing
from .roles import Vocabulary
from .text import (
    CLOSING_QUOTES,
    CLOSING_START,
    PAUSES,
    STOP,
    despace_prose,
    ends_sentence,
    is_single_sentence,
    opens_quotation,
    width,
)
from .words import word_across

FRAMED_LINES = 8  # a photo caption the photo's width wrapped is at most this many lines

SHORT_CAPTION = 12  # a caption of a phrase alone (林区夜间巡逻。), not a sentence of the text
# A caption without a mark found by its gap alone is one short sentence (网警走进社区讲解防范网络诈骗知识。); longer,
# it is more likely the rest of the cut paragraph after a page's advert.
UNMARKED_CAPTION = 24
_CLAUSE_INSIDE = re.compile(f"[{PAUSES}]")


def framed_captions(body: list[Line], vocab: Vocabulary, changes: list[Change]) -> set[int]:
    """A photo caption as a unit: lines set off by blank lines that read as one caption. The lines are
    set off by more blank lines than they have between them (a caption under its photo's box), and
    caption_decision weighs whether they read as a caption: a caption mark in
    any of its lines (法律援助进工地，农民 / 工维权有依靠。图为… / 王可 摄: the whole unit), or a
    finished sentence set inside a sentence a page break cut, with the text around it reading on
    (周奶 / [援助律师上门为老人调 / 解赡养纠纷。] / 奶因赡养问题…). Its lines become one caption;
    returns the raw numbers of the lines that continue one."""
    flow = [ln for ln in body if ln.kind in (LineKind.TEXT, LineKind.CAPTION)]
    following: set[int] = set()
    before: Line | None = None  # the last text line above flow[k], as the lines stand (units above made captions)
    k = 0
    while k < len(flow):
        # The spacing inside the paragraphs around it (a blank after every line in double-spaced text, none
        # elsewhere): a unit's frame must be wider than that.
        usual = usual_spacing(flow, k)
        unit = _framed_unit(flow, k, usual, vocab, before)
        if not unit:
            before = flow[k] if flow[k].kind == LineKind.TEXT else before
            k += 1
            continue
        after = flow[k + len(unit)] if k + len(unit) < len(flow) else None
        wide_gap = image_gap(min(unit[0].blank_before, unit[-1].blank_after), usual)
        above, below = _text_near(flow, k, len(unit))
        # Wider than the text's column by more than a mark hanging past it and an OCR's space by a number.
        wider = max(ln.phys for ln in unit) > max(above + below, default=float("inf")) + HANG + 0.5
        # Wrapped at a photo's width more than an indent short of the column (the median line around: most are full),
        # on both sides (援助律师上门为老 / 人调解赡养纠纷。 beside a column of 14):
        narrower = len(unit) > 1 and not ends_sentence(unit[0].text) \
            and len(above) >= 2 and len(below) >= 2 \
            and max(ln.phys for ln in unit) <= min(median(above), median(below)) - INDENT - 0.5 \
            and not any(ln.justified for ln in unit) \
            and not any(PAIRED_HEAD.match(despace_prose(ln.text)) for ln in unit[1:])
        # (wrapped: its first line goes on; not a paragraph's tail before a wider section; a letter-spaced line fills
        # the column whatever its letters measure; a heading over a run-in head is two blocks)
        decision = caption_decision(unit, before, after, vocab, wide_gap, wider, narrower)
        if decision.verdict:
            for line in unit:
                line.kind = LineKind.CAPTION
            following.update(ln.no for ln in unit[1:])
            changes.append(Change(EditKind.CAPTION, unit[0].no, f"lines {unit[0].no}-{unit[-1].no} are one photo "
                                  f"caption: {decision.explain()}", margin=decision.weighed_margin,
                                  note=decision.reasons(Note.of(Say.CAPTION_LINES,
                                                                lines=Lines(unit[0].no, unit[-1].no)))))
            k += len(unit)
        else:
            before = flow[k] if flow[k].kind == LineKind.TEXT else before
            k += 1
    return following


def _framed_unit(flow: list[Line], k: int, usual: int, vocab: Vocabulary, above: Line | None) -> list[Line]:
    """The shortest run of lines from flow[k] set off by more blank lines than it has inside (and than `usual`,
    the paragraphs' own spacing there), that ends as a caption ends (a sentence end or a photo credit) and has
    at least one line that is not a caption yet; [] if none. `above`: the last text line above flow[k]."""
    if (k and flow[k].blank_before <= usual) or CLOSING_START.match(flow[k].text):
        return []  # (a line opening on a pause or a closing mark goes on from the text above: no caption starts there)
    cut_above = above is not None and not ends_sentence(above.text)
    for n in range(1, FRAMED_LINES + 1):
        unit = flow[k:k + n]
        if len(unit) < n:
            return []
        inner = {ln.blank_before for ln in unit[1:]}
        spacing = max(inner | {usual})
        # A photo credit closes a caption: the text may follow it with no gap (王可 摄 / 今年春节前…). After the
        # caption's last sentence on its line (问题。王可 摄) only where the text above is finished: inside a cut
        # sentence the text's own lines may run on up to the caption's (…放飞。 / 图为… / …巡查。龚岩 摄).
        closed = unit[-1].blank_after > spacing or (n > 1 and (
            credit_only(unit[-1].text, vocab) or (not cut_above and ends_on_credit(unit[-1].text, vocab))))
        if len(inner) > 1 or not closed or (k and flow[k].blank_before <= spacing):
            continue
        if width("".join(ln.text for ln in unit)) > vocab.max_caption_length:
            return []
        if finished_caption(unit[-1].text, vocab):
            return unit if any(ln.kind == LineKind.TEXT for ln in unit) and n > 1 or unit[0].kind == LineKind.TEXT \
                else []
    return []


def _text_near(flow: list[Line], k: int, size: int) -> tuple[list[float], list[float]]:
    """The widths of the text lines (not letter-spaced) among the six lines above flow[k] and among the six below
    its unit of `size` lines: the widest is the text's column there, with a mark hanging past it at most."""
    def widths(lines: list[Line]) -> list[float]:
        return [ln.phys for ln in lines if ln.kind == LineKind.TEXT and not ln.justified]
    return widths(flow[max(0, k - 6):k]), widths(flow[k + size:k + size + 6])


def _quotation_across(before: str, text: str, after: str) -> bool:
    """A quotation opened in the line above (“鹭) closes in the line below (门网警”), and the lines between hold no
    quotation mark: the cut sentence reads on around them."""
    return opens_quotation(before) and "“" not in text and "”" not in text \
        and "”" in after and after.find("”") < (after.find("“") if "“" in after else len(after))


def caption_decision(unit: list[Line], before: Line | None, after: Line | None, vocab: Vocabulary,
                     wide_gap: bool = False, wider: bool = False, narrower: bool = False) -> Decision:
    """Is a framed unit of lines one photo caption? `wide_gap`: its frame is two blank lines wider than the
    spacing inside the text's paragraphs; `wider`: a line of it is wider than any text line around it (set at a
    photo's width, not in the text's column); `narrower`: its lines wrap at a measure more than an indent
    narrower than the text around it."""
    weigh = Weighing("photo caption?")
    texts = [despace_prose(ln.text) for ln in unit]
    text = "".join(texts)
    if any(ln.kind == LineKind.CAPTION for ln in unit) or any(p in text for p in vocab.caption_inner):
        weigh.saw("caption mark")
    if vocab.credit.match(unit[-1].text):
        weigh.saw("photo credit")
    cut = before is not None and not ends_sentence(before.text)
    if not cut:
        # The mark may run across a line break (。图 / 为青岚县…), and one sentence may lead up to it on the mark's
        # own line (法律援助进工地，农民工维权有依靠。图为…): found in the lines' joined text. A sentence ending
        # where a marked line starts (调解员入户走访。 / ▲专业调解员…) is another photo's caption, not this one's.
        starts = [0, *accumulate(len(t) for t in texts[:-1])]  # where each line's text starts in `text`
        found = [starts[i] for i, ln in enumerate(unit) if ln.kind == LineKind.CAPTION]
        found += [at for at in (text.find(p) for p in vocab.caption_inner) if at >= 0]
        at = min(found, default=None)
        lead = text[:at or 0]
        marked = at is not None and bisect_right(starts, at) - 1 <= 2  # in its first three lines
        if not marked or (STOP.search(lead) and not (is_single_sentence(lead) and at not in starts)):
            return weigh.settled("no caption mark in its first lines, and no sentence cut around it", False)
        return weigh.decision()
    # One short sentence between the halves of the cut sentence: what the signs of its frame and measure weigh.
    short_sentence = after is not None and is_single_sentence(text) and width(text) <= UNMARKED_CAPTION
    if is_single_sentence(text):
        weigh.saw("one sentence")
    if after is not None and CLOSING_START.match(after.text):
        weigh.saw("the text after it opens mid-sentence", Quoted(after.text[:1]))
    elif after is not None and word_across(before.text, despace_prose(after.text)):
        weigh.saw("the cut sentence reads on around it")
    elif after is not None and _quotation_across(before.text, text, despace_prose(after.text)):
        weigh.saw("a quotation runs on across it")
    elif wide_gap and short_sentence:
        weigh.saw("an image's gap inside the cut sentence")
    elif wider and short_sentence:
        weigh.saw("set wider than the text around it")
    elif narrower and short_sentence:
        weigh.saw("wrapped narrower than the text around it")
    elif all(e.sign == "one sentence" for e in weigh.evidence):
        return weigh.settled("no caption mark, and the text around it does not read on", False)
    if word_across(before.text, text):
        weigh.saw("the cut sentence runs into it")
    if after is not None and word_across(text, despace_prose(after.text)):
        weigh.saw("it runs on into the text after it")
    return weigh.decision()


def wrapped_captions(body: list[Line], vocab: Vocabulary, changes: list[Change]) -> set[int]:
    """A caption wrapped at the photo's width (图为民警在社区开展反诈 / 宣传。黄小明 摄): an unfinished caption
    line takes the next lines, none wider than it, up to a sentence end or a photo credit; a finished
    caption takes a credit printed on the line below it (受访单位 供图). Returns the raw numbers of
    the lines that continue a caption."""
    following: set[int] = set()
    for k, line in enumerate(body):
        if line.kind != LineKind.CAPTION or line.no in following:
            continue
        if finished_caption(line.text, vocab):
            nxt = body[k + 1] if k + 1 < len(body) else None
            if nxt and nxt.kind in (LineKind.TEXT, LineKind.CAPTION) and credit_only(nxt.text, vocab) \
                    and line.blank_after <= 1:
                nxt.kind = LineKind.CAPTION
                following.add(nxt.no)
                changes.append(Change(EditKind.CAPTION, nxt.no, f"the photo credit of the caption on line {line.no}",
                                      note=Note.of(Say.CAPTION_CREDIT, line=Lines(line.no))))
            continue
        taken: list[Line] = []
        for j, nxt in enumerate(body[k + 1:k + 4], k + 1):
            if nxt.kind not in (LineKind.TEXT, LineKind.CAPTION) or nxt.blank_before > 1 \
                    or (nxt.phys > line.phys + HANG and nxt.kind != LineKind.CAPTION):
                break
            taken.append(nxt)
            if finished_caption(nxt.text, vocab):
                if not taken[-1].text.startswith(vocab.caption_marks):
                    after = body[j + 1] if j + 1 < len(body) else None
                    if after and after.kind in (LineKind.TEXT, LineKind.CAPTION) and credit_only(after.text, vocab) \
                            and ends_sentence(nxt.text):
                        taken.append(after)
                    for cont in taken:
                        cont.kind = LineKind.CAPTION
                        following.add(cont.no)
                        changes.append(Change(EditKind.CAPTION, cont.no, f"continues the caption of line {line.no}",
                                              note=Note.of(Say.CAPTION_GOES_ON, line=Lines(line.no))))
                break
    return following


def caption_leads(body: list[Line], vocab: Vocabulary, changes: list[Change]) -> set[int]:
    """A caption whose lead sentence began above its mark's line (法律援助进工地，农民工维 / 权有依靠。图为青岚县…):
    the marked line opens on the end of one sentence, so that sentence's first lines are the caption's. Taken:
    up to two lines, none ending a sentence nor wider than the marked line (the photo's width), each going on into
    the next at the same spacing, the first set off by more blank lines than that (or the article's first text
    line), the whole sentence short (UNMARKED_CAPTION). Returns the raw numbers of the lines that now continue a
    caption."""
    following: set[int] = set()
    flow = [ln for ln in body if ln.kind in (LineKind.TEXT, LineKind.CAPTION)]
    for k, line in enumerate(flow):
        if line.kind != LineKind.CAPTION:
            continue
        text = despace_prose(line.text)
        at = min((i for i in (text.find(p) for p in vocab.caption_inner) if i > 0), default=None)
        if at is None or not ends_sentence(text[:at]) or not is_single_sentence(text[:at]):
            continue
        spacing, lead = line.blank_before, []
        for above in reversed(flow[max(0, k - 2):k]):
            if above.kind != LineKind.TEXT or ends_sentence(above.text) or above.phys > line.phys + HANG \
                    or (lead or [line])[0].blank_before != spacing:
                break
            lead.insert(0, above)
            if above.blank_before > spacing or above is flow[0]:
                break
        else:
            continue
        whole = despace_prose("".join(ln.text for ln in lead)) + text[:at] if lead else ""
        if not lead or not (lead[0].blank_before > spacing or lead[0] is flow[0]) \
                or not is_single_sentence(whole) or width(whole) > UNMARKED_CAPTION:
            continue  # (a lead is one short sentence: a longer one is the text's, run into the caption's line)
        for taken in lead:
            taken.kind = LineKind.CAPTION
        following.update(ln.no for ln in [*lead[1:], line])
        changes.append(Change(EditKind.CAPTION, lead[0].no, f"the caption's lead sentence, which ends on line "
                              f"{line.no} before its mark", note=Note.of(Say.CAPTION_LEAD, line=Lines(line.no))))
    return following


def credit_only(text: str, vocab: Vocabulary) -> bool:
    """A photo credit alone on its line: a name or unit, then 摄 or 供图 (陈静 摄, 受访单位 供图)."""
    m = vocab.credit.match(text)
    return bool(m) and _credited(m.group(1))


def ends_on_credit(text: str, vocab: Vocabulary) -> bool:
    """A line that ends a caption on its photo credit: the credit alone, or after the caption's last sentence
    (问题。王可 摄)."""
    m = vocab.credit.match(text)
    # (not a word the OCR spaced apart: 警用地 图 is 地图, a map)
    return bool(m) and _credited(STOP.split(m.group(1))[-1].strip()) and not word_across(m.group(1), m.group(2))


def _credited(name: str) -> bool:
    """Who a credit names: a name or unit, short, without a stop or a comma (蓝 图 ends a prose line)."""
    return width(name) <= 8 and not STOP.search(name) and "，" not in name


def finished_caption(text: str, vocab: Vocabulary) -> bool:
    return ends_sentence(text) or bool(vocab.credit.match(text))


def caption_text_of(lines: list[Line], vocab: Vocabulary) -> str:
    """A wrapped caption's lines joined; the credit at its end keeps its space."""
    joined = "".join(despace_prose(ln.text) for ln in lines[:-1])
    return joined + caption_text(lines[-1], vocab)


def caption_text(line: Line, vocab: Vocabulary) -> str:
    """Captions keep the one space before a photo credit (黄连香 摄)."""
    m = vocab.credit.match(line.text)
    if m:
        return despace_prose(m.group(1)) + " " + m.group(2)
    return despace_prose(line.text)


def caption_spacing(caption: Draft, vocab: Vocabulary, changes: list[Change]) -> None:
    """Records, on each of a caption's lines, the spaces its text (caption_text_of) took out of it."""
    for line in caption.lines:
        last = line is caption.lines[-1]
        if (caption_text(line, vocab) if last else despace_prose(line.text)) != line.text:
            credit = last and bool(vocab.credit.match(line.text))
            kept = "; the space before the photo credit kept" if credit else ""
            changes.append(Change(EditKind.SPACE, line.no, f"spaces removed next to Chinese characters{kept}",
                                  note=Note.of(Say.SPACES_CREDIT_KEPT if credit else Say.SPACES)))


def _photo_phrase(text: str) -> bool:
    """A caption of a phrase alone, a photo's beside another's (林区夜间巡逻。): one short sentence, no clause."""
    return is_single_sentence(text) and width(text) <= SHORT_CAPTION and not _CLAUSE_INSIDE.search(text)


def split_stacked_captions(drafts: list[Draft], vocab: Vocabulary, changes: list[Change]) -> None:
    """A short sentence on a line of its own (a paragraph's last line, the line above it ending a sentence, or a
    paragraph alone) right above a photo's caption: the caption of the photo before that one, photos stacked as
    their captions are (调解员入户走访。 / ▲专业调解员为当事人解读调解协议。). Likewise right above a heading, after a
    paragraph's short last line: a photo's caption at the section's end (…红了眼眶。 / 亲情开放日现场。 / 延伸帮扶…).
    Made a caption of its own."""
    out: list[Draft] = []
    for k, d in enumerate(drafts):
        out.append(d)
        nxt = drafts[k + 1] if k + 1 < len(drafts) else None
        # (A caption the page break put inside the paragraph, set after it, stood above its last line: not this.)
        if d.kind != BlockKind.PARAGRAPH or nxt is None or nxt.kind not in (BlockKind.CAPTION, BlockKind.HEADING) \
                or (len(d.lines) > 1 and not ends_sentence(d.lines[-2].text)) or nxt.lines[0].no < d.lines[-1].no:
            continue
        line = d.lines[-1]
        last = despace_prose(line.text)
        # After a quotation closed at the line's end, a short sentence is who said it (…一个家庭。” / 许文涛说。).
        after_quote = len(d.lines) > 1 and d.lines[-2].text.rstrip().endswith(tuple(CLOSING_QUOTES))
        # Over a heading (the photo at a section's end) only after a paragraph's end: the line above short of the
        # paragraph's widest line, or the phrase a paragraph alone right after a paragraph.
        over_heading = nxt.kind == BlockKind.HEADING
        after_paragraph = len(d.lines) > 2 and d.lines[-2].phys <= max(ln.phys for ln in d.lines[:-2]) - SHORT_BY \
            or len(d.lines) == 1 and k > 0 and drafts[k - 1].kind == BlockKind.PARAGRAPH
        if _photo_phrase(last) and d.text.endswith(last) and not after_quote and (not over_heading or after_paragraph):
            if len(d.lines) > 1:
                d.lines.pop()
                d.text = d.text[:-len(last)]
            else:  # a paragraph of that line alone
                out.pop()
            line.kind = LineKind.CAPTION
            out.append(Draft(BlockKind.CAPTION, [line], caption_text(line, vocab)))
            changes.append(Change(EditKind.CAPTION, line.no, "a short sentence on a line of its own right above a "
                                  + ("heading: the caption of a photo at the section's end" if over_heading else
                                     "caption: the caption of the photo before it"),
                                  note=Note.of(Say.CAPTION_AT_SECTION_END if over_heading
                                               else Say.CAPTION_OF_PHOTO_ABOVE)))
    drafts[:] = out


def mark_weak_captions(drafts: list[Draft], vocab: Vocabulary, changes: list[Change]) -> None:
    """Short one-sentence paragraphs set off by an image's gap of blank lines, and a run of them
    at the article's end, are photo captions."""
    def short_sentence(d: Draft) -> bool:
        return d.kind == BlockKind.PARAGRAPH and is_single_sentence(d.text) \
                and width(d.text) <= vocab.max_caption_length

    split_stacked_captions(drafts, vocab, changes)
    # An image's gap is wider than the gap the text sets between its blocks (one blank line; two in
    # double-spaced text, where one follows every line).
    gaps = sorted(d.lines[0].blank_before for d in drafts[1:] if d.kind == BlockKind.PARAGRAPH)
    usual = max(1, gaps[len(gaps) // 2]) if gaps else 1
    for d in drafts:
        if short_sentence(d) and (d.lines[0].blank_before > usual or d.lines[-1].blank_after > usual):
            d.kind = BlockKind.CAPTION
            changes.append(Change(EditKind.CAPTION, d.lines[0].no, "short sentence set off by an image gap: caption",
                                  note=Note.of(Say.CAPTION_BY_IMAGE_GAP)))
    for before, d in zip(drafts, drafts[1:], strict=False):
        if before.kind == BlockKind.CAPTION and len(d.lines) == 1 and short_sentence(d) and _photo_phrase(d.text):
            d.kind = BlockKind.CAPTION
            changes.append(Change(EditKind.CAPTION, d.lines[0].no,
                                  "a short phrase right after a caption: the next photo's",
                                  note=Note.of(Say.CAPTION_OF_NEXT_PHOTO)))
    tail = len(drafts)
    while tail > 0 and (short_sentence(drafts[tail - 1]) or drafts[tail - 1].kind == BlockKind.CAPTION):
        tail -= 1
    trailing = [d for d in drafts[tail:] if d.kind == BlockKind.PARAGRAPH]
    if len(trailing) >= 2 or (trailing and any(d.kind == BlockKind.CAPTION for d in drafts[tail:])):
        for d in trailing:
            d.kind = BlockKind.CAPTION
            changes.append(Change(EditKind.CAPTION, d.lines[0].no,
                                  "short sentence in the captions after the article's end",
                                  note=Note.of(Say.CAPTION_AFTER_END)))
