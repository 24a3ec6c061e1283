"""The notes of the 原文对照 page: each edit of the cleaner said in Chinese, as a copy editor marks a proof
(接排, 另起一段, 删去 …), with the figures a reader can check against the raw lines beside it.

An edit carries its note as a value (`Note`: a message key, its figures, the raw text it quotes, and for a
weighed decision the signs it was decided on); every wording is in `WORDING`, in Simplified, and only here.
The page converts the words with the rest of its own words, in the page's script and quotation marks; the
raw text a note quotes (`Quoted`) is written as it was read, in every script. `clean.py --explain` prints
the English `Change.detail`, not these.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from enum import StrEnum


class Quoted(str):
    """Text of the seed quoted in a note: shown as read, in quotation marks, never converted."""

    __slots__ = ()


@dataclass(frozen=True)
class Lines:
    """A span of raw lines, as a note names it (第3行, 第3—5行)."""

    first: int
    last: int = 0


class Say(StrEnum):
    """What an edit's note says (its wording is WORDING[key]). The signs of a weighed decision are keyed by
    their names in cleaning/evidence.py's WEIGHTS (and the signs that settle a question), and a title by
    the reason the head was read as one (cleaning/articles.py); those names are keys of WORDING too."""

    # joins and new paragraphs
    JOINED = "joined"
    NEW_PARAGRAPH = "new paragraph"
    NEW_BLOCK_BEFORE_HEADING = "new block before a heading"
    # headings, display lines, kickers, titles
    HEADING = "heading"
    NOT_HEADING = "not a heading"
    PROSE_NOT_HEADLINE = "prose, not a headline"
    HEADING_MARKED = "heading marked in the extraction"
    TWO_PART_HEADLINE = "two-part headline"
    LOWER_HEADING = "lower heading"
    DISPLAY_LINE = "display line"
    HEADING_WRAPPED = "a heading's second line"
    BANNER_KICKER = "banner kept as kicker"
    MASTHEAD_KICKER = "masthead kept as kicker"
    TITLE = "title"
    TITLE_FROM_FILE_NAME = "title from the file name"
    DASHED_SUBTITLE = "dashed subtitle"
    KICKER_LINE_SUBTITLE = "kicker line as subtitle"
    # captions
    CAPTION_MARKED = "caption marked"
    CAPTION_LINES = "caption lines"
    CAPTION_CREDIT = "caption credit"
    CAPTION_GOES_ON = "caption goes on"
    CAPTION_LEAD = "caption's lead sentence"
    CAPTION_IN_CUT_SENTENCE = "caption in a cut sentence"
    CAPTION_BY_IMAGE_GAP = "caption by an image gap"
    CAPTION_OF_NEXT_PHOTO = "caption of the next photo"
    CAPTION_OF_PHOTO_ABOVE = "caption of the photo before another's caption"
    CAPTION_AT_SECTION_END = "caption of a photo at a section's end"
    CAPTION_AFTER_END = "caption after the article's end"
    # removals
    HEADING_MARKER = "heading marker"
    BOLD_MARKER = "bold marker"
    LIST_MARKER = "list marker"
    BYLINE_MARKER = "byline marker"
    PHOTO_POINTER = "photo pointer"
    RUNNING_HEAD = "running head"
    FILLER = "filler"
    FILLER_IN_CUT_SENTENCE = "filler in a cut sentence"
    SLOGAN = "slogan heading nothing"
    OLD_GAP_MARK = "old gap mark"
    IMAGE_NUMBER = "image number"
    DOUBLED_TITLE = "doubled title"
    TITLE_REPLACED = "title replaced"
    # spaces and punctuation
    SPACES = "spaces"
    SPACES_CREDIT_KEPT = "spaces, credit's kept"
    HEADLINE_SPACES = "headline spaces"
    HEADLINE_SPACES_ONE_KEPT = "headline spaces, one kept"
    PADDED_NAMES = "padded names"
    WIDENED = "widened"
    WIDENED_ACROSS_LINES = "widened across lines"
    # gaps
    GAP_BEFORE = "gap before"
    GAP_AFTER = "gap after"
    # bylines
    BYLINE = "byline"
    ROLE = "role"
    AUTHOR = "author"
    # where it was printed
    PRINTED_FROM_BYLINE = "printed, from the byline"
    PRINTED_FROM_RUNNING_HEAD = "printed, from a running head"
    PRINTED_FROM_OVERRIDES = "printed, from the overrides"
    PRINTED_UNSET = "printed, sources disagree"
    PAPER = "paper"
    DATE = "date"
    PAGE = "page"
    # the editor's overrides
    MOVED = "moved"
    SET_BY_EDITOR = "set by the editor"
    AUTHORS_BY_EDITOR = "authors by the editor"
    MARKED_CAPTION = "marked caption"
    MARKED_HEADING = "marked heading"
    MARKED_FILLER = "marked filler"
    MARKED_TEXT = "marked text"
    GAP_BEFORE_BY_EDITOR = "gap before, by the editor"
    GAP_AFTER_BY_EDITOR = "gap after, by the editor"
    TITLE_FIELD = "title, the field"
    SUBTITLE_FIELD = "subtitle, the field"
    CITY_FIELD = "city, the field"
    PERIOD_FIELD = "period, the field"
    # how a note joins its parts
    LINE = "line"
    SPAN = "span"
    BECAUSE = "because"
    AGAINST = "against"


# Every wording of the notes, in Simplified. A note follows its label on the page (接排：…, 删去：…), so it
# says what the label does not. Widths are counted as the cleaner measures a line (cleaning/text.py: a Han
# character or full-width mark 1, a half-width one 1/2), and the legend says so.
WORDING: dict[str, str] = {
    Say.JOINED: "接在{line}后",
    Say.NEW_PARAGRAPH: "",
    Say.NEW_BLOCK_BEFORE_HEADING: "上一段的最后一句之后是小标题，小标题另起",
    Say.HEADING: "",
    Say.NOT_HEADING: "",
    Say.PROSE_NOT_HEADLINE: "{line}的句子在这一行接着写，行中的空格是识别时多出的空格",
    Say.HEADING_MARKED: "提取文字把这一行标为标题（{mark}）",
    Say.TWO_PART_HEADLINE: "两组词语之间空一格，没有句末标点：双段式标题",
    Say.LOWER_HEADING: "{level}级标题：提取文字标为{mark}，低于本文的{top}",
    Say.DISPLAY_LINE: "几行标题接连排在一起，下面没有正文，作展示行",
    Say.HEADING_WRAPPED: "上一行小标题没有完，不比这一行短，中间没有空行：这一行是它折下来的第二行，合为一个小标题",
    Say.BANNER_KICKER: "文章标题上方的版面通栏标题，保留为本文的眉题",
    Say.MASTHEAD_KICKER: "版面的报头（报名、日期、版次），下面没有正文，保留为本文的眉题",
    Say.TITLE: "{why}，这一行是本文标题",
    Say.TITLE_FROM_FILE_NAME: "没有找到也没有给出标题，以文件名{name}作标题",
    Say.DASHED_SUBTITLE: "标题下以破折号开头的一行，作副题",
    Say.KICKER_LINE_SUBTITLE: "标题下不带破折号的一行，作副题",
    "a dashed subtitle follows": "下一行是破折号引出的副题",
    "a byline follows": "下面是署名",
    "a level-1 Markdown heading": "提取文字把它标为一级标题（#）",
    "a kicker line follows": "下一行是副题",
    "the first line of the text": "全文第一行",
    "overrides: article_before": "编辑指定这里开始一篇文章",
    Say.CAPTION_MARKED: "有图片说明的标记（图为、▲、摄影署名等）",
    Say.CAPTION_LINES: "{lines}是一则图片说明",
    Say.CAPTION_CREDIT: "{line}图片说明的摄影署名",
    Say.CAPTION_GOES_ON: "接续{line}的图片说明",
    Say.CAPTION_LEAD: "图片说明的首句从这一行开始，到{line}的说明标记（图为等）前结束",
    Say.CAPTION_IN_CUT_SENTENCE: "夹在一句被分页截断的话中间的一句完整的话：图片说明",
    Say.CAPTION_BY_IMAGE_GAP: "前后的空行比正文多（图片留下的空白）的一句短句：图片说明",
    Say.CAPTION_OF_NEXT_PHOTO: "紧跟在图片说明后的短语：下一张图片的说明",
    Say.CAPTION_OF_PHOTO_ABOVE: "单独一行的短句，紧挨着下面的图片说明：上一张图片的说明",
    Say.CAPTION_AT_SECTION_END: "段落结束后单独一行的短句，紧挨着下一节的标题：这一节末尾图片的说明",
    Say.CAPTION_AFTER_END: "正文结束后、图片说明之间的短句：图片说明",
    Say.HEADING_MARKER: "提取时加的标题符号{text}",
    Say.BOLD_MARKER: "提取时加的加粗符号{text}",
    Say.LIST_MARKER: "提取时加的列表符号{text}",
    Say.BYLINE_MARKER: "署名前的符号{text}",
    Say.PHOTO_POINTER: "指向图片的符号{text}（本站不登图片）",
    Say.RUNNING_HEAD: "页眉（报名、日期、版次）{text}",
    Say.FILLER: "与文章无关的文字{text}",
    Say.FILLER_IN_CUT_SENTENCE: "夹在一句被分页截断的话中间的广告或口号{text}",
    Say.SLOGAN: "下面没有正文的口号{text}",
    Say.OLD_GAP_MARK: "原有的缺页标记（本站在文字中断处重新标出）",
    Say.IMAGE_NUMBER: "没有说明文字的图片编号{text}",
    Say.DOUBLED_TITLE: "重复排了两次的标题{text}，保留一次",
    Say.TITLE_REPLACED: "原标题，编辑改用更正文件中的标题",
    Say.SPACES: "汉字旁的空格",
    Say.SPACES_CREDIT_KEPT: "汉字旁的空格，摄影署名前的一个空格保留",
    Say.HEADLINE_SPACES: "标题中的字间空格",
    Say.HEADLINE_SPACES_ONE_KEPT: "标题中的字间空格，两段之间的一个空格保留",
    Say.PADDED_NAMES: "署名中人名的字间空格，{printed}读作{names}",
    Say.WIDENED: "{count}处半角标点改为全角",
    Say.WIDENED_ACROSS_LINES: "接排后{count}处半角标点改为全角",
    Say.GAP_BEFORE: "这段文字从句子中间开始，前面标出缺页：此处原文缺失",
    Say.GAP_AFTER: "这段文字在句子中间中断，后面标出缺页：此处原文缺失",
    Say.BYLINE: "{parts}",
    Say.ROLE: "身份{text}",
    Say.AUTHOR: "作者{text}",
    Say.PRINTED_FROM_BYLINE: "{what}为{value}，取自署名",
    Say.PRINTED_FROM_RUNNING_HEAD: "{what}为{value}，取自页眉",
    Say.PRINTED_FROM_OVERRIDES: "{what}为{value}，编辑在更正文件中给出",
    Say.PRINTED_UNSET: "{what}未定：原文有不同的写法{values}",
    Say.PAPER: "报名",
    Say.DATE: "刊登日期",
    Say.PAGE: "版次",
    Say.MOVED: "{lines}移到第{before}行之前（原文的提取顺序与版面不同）",
    Say.SET_BY_EDITOR: "{what}改为“{value}”",
    Say.AUTHORS_BY_EDITOR: "作者由更正文件给出",
    Say.MARKED_CAPTION: "标为图片说明",
    Say.MARKED_HEADING: "标为小标题",
    Say.MARKED_FILLER: "标为与文章无关的文字",
    Say.MARKED_TEXT: "标为正文",
    Say.GAP_BEFORE_BY_EDITOR: "在这一行前标出缺页",
    Say.GAP_AFTER_BY_EDITOR: "在这一行后标出缺页",
    Say.TITLE_FIELD: "标题",
    Say.SUBTITLE_FIELD: "副题",
    Say.CITY_FIELD: "城市",
    Say.PERIOD_FIELD: "时期",
    Say.LINE: "第{no}行",
    Say.SPAN: "第{first}—{last}行",
    Say.BECAUSE: "，",
    Say.AGAINST: "。相反的迹象：",
    # The signs of a weighed decision (cleaning/evidence.py), after the verdict's words. A line's fill is
    # given as its width and its column's (栏宽).
    "short line ends a sentence": "{line}未排满（{width}字，栏宽{column}字），句子在这一行结束",
    "a character short ends a sentence": "{line}差一字排满（{width}字，栏宽{column}字），句子在这一行结束",
    "full line ends a sentence": "{line}排满（{width}字，栏宽{column}字），句末标点正好在行末，文字可能还接着写",
    "sentence ends a line wider than the column": "{line}比栏宽还宽（{width}字，栏宽{column}字），不是折行",
    "next word did not fit": "下一行开头的{text}排不下，上一行因此提前折行",
    "an opening mark went down a line":
        "前引号、前括号（“《（等）不排在行末，下一行开头的{text}因此移下，上一行只差一字是排满的",
    "blank line between blocks": "前面有空行（这一部分以空行分段）",
    "blank line in unspaced text": "前面有空行（可能是换页或换栏）",
    "no blank line between blocks": "前面没有空行（这一部分以空行分段）",
    "more blank lines than the stretch has": "前面的空行比这一部分平常多（{count}行）",
    "indented line": "这一行短约两字，像缩进的段首（{line}宽{width}字）",
    "not indented": "这一行不像缩进的段首（{line}宽{width}字，栏宽{column}字）",
    "letter-spaced an indent short":
        "这一行字距拉开，字数却比栏宽少两字以上，像缩进的段首（{line}宽{width}字，栏宽{column}字）",
    "run-in head": "这一行以段首的短标题开头",
    "a run-in head alone above": "上一行是独占一行的段首短标题，正文在这一行接着写",
    "photo break after a full line": "中间隔着图片，上一行排满，文字接着写",
    "caption mark": "有图片说明的标记（图为、▲等）",
    "photo credit": "以摄影署名结束",
    "one sentence": "是一句完整的话",
    "the text after it opens mid-sentence": "后面的文字从句子中间开始",
    "the cut sentence reads on around it": "前后被截断的句子接得上",
    "an image's gap inside the cut sentence": "夹在被截断的句子中间，上下的空白比段内行距宽得多，是图片的位置",
    "set wider than the text around it": "夹在被截断的句子中间，排得比周围正文的栏宽还宽，是按图片宽度排的说明",
    "a quotation runs on across it": "上一行开始的引号在下一行才闭合，被截断的句子隔着它接续下去",
    "wrapped narrower than the text around it":
        "夹在被截断的句子中间，按比周围正文窄得多的宽度折行，是按图片宽度排的说明",
    "the cut sentence runs into it": "被截断的句子接进了这几行",
    "it runs on into the text after it": "这几行接着后面的文字往下读",
    "numbered head": "以序号开头（一、或（一））",
    "short of the column": "{line}未排满（{width}字，栏宽{column}字）",
    "much short of the column": "差得多，不止一个缩进",
    "a character short of the column": "{line}差一字排满（{width}字，栏宽{column}字）",
    "fills the column": "{line}排满（{width}字，栏宽{column}字）",
    "fills the column (indented first line)": "{line}是排满的段首行（缩进两字后{width}字，栏宽{column}字）",
    "wider than the column": "{line}比栏宽还宽（{width}字，栏宽{column}字），单独成行",
    "not indented at a block's start": "段首没有缩进",
    "letter-spaced": "字间拉开排满一行，是正文",
    "no punctuation": "没有标点",
    "comma inside": "中间有逗号",
    "quotation runs on": "引号没有闭合，句子还在继续",
    "next line opens a paragraph": "下一行开始一段",
    "next line opens a paragraph (run-in head)": "下一行以段首的短标题开始一段",
    "next line opens a paragraph (indented)": "下一行是缩进的段首",
    "a phrase alone over a run-in head": "自成一段的一行短语，没有标点，下一行以段首的短标题开头",
    "alone between two paragraphs": "独占一行，夹在两段之间",
    "word across the break": "{text}一词跨行",
    "ends on a word that leads on": "以{text}结尾，话没说完",
    "next line opens on a particle": "下一行以{text}开头，接着上一行",
    "last phrase cut short": "最后的短语{text}只有一两个字，被折行截断",
    "broken number or Latin word": "数字或外文词被折行拆开（{text}）",
    "number runs on into its unit": "数字与下一行的单位相连（{text}）",
    "second line follows": "下一行是它的第二行",
    "set apart by blank lines": "前后都有空行，自成一块",
    "blank line after it": "后面有空行",
    "no blank line after it": "前面有空行而后面没有",
    "no blank line before it": "前面没有空行",
    "extra blank lines after it": "后面的空行比平常多",
    "extra blank lines before it only": "只有前面的空行比平常多",
    "opens the article's text": "紧接标题和署名，是导语的开头",
    "after a sentence inside a paragraph": "在段落中间的一句话之后（上一行排满）",
    "indented first line continued": "像缩进的段首行，下一行接着写",
    "a gap between its lines": "两行之间隔着空行，不像折成两行的标题",
    "indented first line above": "上面两行是段首缩进行和接着的一行",
    "prose line over a full line": "带逗号、下一行排满，像正文",
    "the line below completes it as a heading": "连同下一行作两行的标题更合适",
    "a surname is seldom a name": "这个姓的字多半不是姓",
    "tagged as a person's name": "分词标为人名",
    "a full name": "姓加两字名",
    "the surname reads as a word of its own": "这个字在这里自成一词",
    "one word of the dictionary": "是词典里的一个词",
    "a title before": "前面是职务或称呼",
    "speaks next": "后面是“说”一类的词",
    "a word OpenCC converts as one": "简繁转换表把它当作一个词",
    "named the way people are addressed": "是称呼人的说法（老余、范师傅）",
    "ends like a place": "结尾像地名",
    # The signs that settle a question on their own.
    "overrides: break_before": "编辑指定在这里另起一段",
    "overrides: join_before": "编辑指定这一行接排",
    "hanging punctuation belongs to the line above": "这一行只有标点，属于上一行",
    "a line that opens with closing punctuation cannot start a paragraph": "这一行以点号或后引号开头，不能另起一段",
    "line above does not end a sentence": "上一行句子没有结束",
    "line above does not end a sentence (across a page or column break)": "上一行句子没有结束（跨页或跨栏接排）",
    "unwrapped text: a paragraph a line": "原文这一部分不按栏宽折行，一行就是一段",
    "not a heading's shape": "不像标题（有句末标点、太长或没有汉字）",
    "next line opens with closing punctuation": "下一行以点号或后引号开头",
    "unwrapped short line": "原文这一部分不按栏宽折行，这是单独的一行短句",
    "no caption mark in its first lines, and no sentence cut around it":
        "开头几行没有图片说明的标记，前后的句子也没有被截断",
    "no caption mark, and the text around it does not read on": "没有图片说明的标记，前后的文字也接不上",
}

_FIELDS = string.Formatter()


@dataclass(frozen=True)
class Note:
    """What an edit's note says: WORDING[key] with its values filled in; for a weighed decision the signs
    that agree with its verdict (`because`, after the words) and those against it (`against`)."""

    key: str
    values: tuple[tuple[str, object], ...] = ()
    because: tuple[Note, ...] = ()
    against: tuple[Note, ...] = ()

    def __post_init__(self) -> None:
        if self.key not in WORDING:
            raise KeyError(f"no Chinese wording for the note {self.key!r} (seedtext/notes.py, WORDING)")

    @classmethod
    def of(cls, key: str, because: tuple[Note, ...] = (), against: tuple[Note, ...] = (), **values: object) -> Note:
        return cls(key, tuple(values.items()), because, against)

    def with_reasons(self, because: tuple[Note, ...], against: tuple[Note, ...] = ()) -> Note:
        return Note(self.key, self.values, because, against)


Piece = tuple[str, bool]  # (text, quoted): the note's own words, or the seed's text as read


def pieces(note: Note) -> list[Piece]:
    """The note as the page writes it: its words (Simplified, converted with the page) and the text it
    quotes (as read), in order."""
    values = dict(note.values)
    out: list[Piece] = []
    for literal, field, _, _ in _FIELDS.parse(WORDING[note.key]):
        out.append((literal, False))
        if field is not None:
            out += _value(values[field])
    if note.because:
        out.append((WORDING[Say.BECAUSE] if any(text for text, _ in out) else "", False))
        out += _joined(note.because, "；")
    if note.against:
        out.append((WORDING[Say.AGAINST], False))
        out += _joined(note.against, "；")
    return _merged(out)


def plain(note: Note) -> str:
    """The note as text (the quoted text in mainland quotation marks, as the Simplified page shows it)."""
    return "".join(text for text, _ in pieces(note))


def _joined(notes: tuple[Note, ...], between: str) -> list[Piece]:
    out: list[Piece] = []
    for n, note in enumerate(notes):
        out += ([(between, False)] if n else []) + pieces(note)
    return out


def _value(value: object) -> list[Piece]:
    if isinstance(value, Note):
        return pieces(value)
    if isinstance(value, Quoted):
        return [("“", False), (str(value), True), ("”", False)]
    if isinstance(value, Lines):
        if value.last and value.last != value.first:
            return pieces(Note.of(Say.SPAN, first=value.first, last=value.last))
        return pieces(Note.of(Say.LINE, no=value.first))
    if isinstance(value, tuple):
        out: list[Piece] = []
        for n, item in enumerate(value):
            out += ([("、", False)] if n else []) + _value(item)
        return out
    if isinstance(value, float):
        return [(f"{value:g}", False)]
    return [(str(value), False)]


def _merged(parts: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for text, quoted in parts:
        if not text:
            continue
        if out and out[-1][1] is quoted is False:
            out[-1] = (out[-1][0] + text, False)
        else:
            out.append((text, quoted))
    return out
