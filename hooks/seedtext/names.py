"""People's names on Traditional pages: a name keeps its characters.

OpenCC reads 余 as 'surplus' (餘), 范 as 'model' (範), 于 as 'at' (於), 沈 as in 沈阳 (瀋): right as
words, wrong as surnames, which Traditional script writes with the same character (余海波, 范小红,
于小燕). A name is found where the text says so: the byline (decisive); a surname with a form of
address (余奶奶, 范师傅, 老余, 余某); or a surname and a given name of one or two characters, weighed
from jieba's part of speech, a title before it, a verb of saying after it and what speaks against it
(a word of the dictionary: 余额; a place: 岳麓山; a preposition: 于|家中), in cleaning/evidence.py
WEIGHTS, "personal name". Every occurrence of a name found once is a name on the whole page.

In a name each character is a word of its own (no OpenCC phrase runs across it: 龚岩 is not read
with the 岩 of a phrase), and a surname of `KEPT_SURNAMES` stays as printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .cleaning.evidence import Decision, Weighing
from .words import HAN_WORD, Token, known_to_opencc

# Surnames whose Traditional form is the same character, where OpenCC prints another word's character.
KEPT_SURNAMES = frozenset("于余范沈岳涂郁游朴党谷")

# A person's title or role ends in one of these (书记, 局长, 民警, 居民, 记者, 通讯员, 律师, 法官, 主任, 干部,
# 负责人 …).
TITLE_ENDINGS = "记长警民者员师官任士生手工部人"

# Verbs of saying that follow a speaker's name.
SPEECH = frozenset({"说", "表示", "介绍", "告诉", "坦言", "指出", "称", "回忆", "感慨", "强调", "提醒",
                    "解释", "透露", "补充", "说道", "笑着说", "感叹", "谈到", "：", "认为"})

# Words that follow a surname when a person is addressed by it (余奶奶, 范师傅, 于所长), and the two that
# come before it (老余, 小范).
FORMS_OF_ADDRESS = frozenset({
    "奶奶", "爷爷", "大爷", "大妈", "大娘", "大姐", "大哥", "大叔", "大婶", "阿姨", "阿婆", "婆婆", "叔叔", "婶婶",
    "师傅", "老师", "医生", "警官", "同志", "女士", "先生", "老汉", "老人", "书记", "所长", "局长", "队长", "主任",
    "科长", "站长", "村长", "院长", "庭长", "法官", "检察官", "律师", "教导员", "指导员", "老板", "经理", "姐", "哥",
    "某", "某某",  # 余某: a party to a case, named by surname only
    "家"})  # 游家与叶家: the You family
ADDRESS_BEFORE = ("老", "小")

# A word of jieba's dictionary that ends in one of these names a place (岳麓山, 岳塘区), however it is tagged.
PLACE_ENDINGS = "山区县市镇乡村湖江河路街桥港岛州省寺庙站湾洲岭坪冲垸"


def _addressed_word(word: str) -> bool:
    """小游, 老余 as one word."""
    return len(word) == 2 and word[0] in ADDRESS_BEFORE and word[1] in KEPT_SURNAMES


def _addressed(tokens: list[Token], at: int, before: Token | None) -> str:
    """The surname at `at` with the words that address a person by it: 余|奶奶, 老余, 老|余; "" if none."""
    token = tokens[at]
    if len(token.word) == 1 and at + 1 < len(tokens) and tokens[at + 1].word in FORMS_OF_ADDRESS:
        return token.word + tokens[at + 1].word
    if len(token.word) == 2 and token.word[1] in FORMS_OF_ADDRESS:  # jieba's 余姐
        return token.word
    if len(token.word) == 1 and before is not None and before is tokens[at - 1] and before.word in ADDRESS_BEFORE:
        return before.word + token.word
    return ""


# jieba's parts of speech no name ends on: particles (的, 了), prepositions, conjunctions, modal particles.
_FUNCTION_TAGS = ("u", "p", "c", "y")
# A number written out (1400, 三百, 上万) just before 余 makes it 'more than'; 六组 (group six) does not.
_FIGURE = re.compile("[0-9０-９.．零〇一二三四五六七八九十百千万亿两几数多上]+")


def _is_name_tag(tag: str) -> bool:
    return tag.startswith("nr")  # nr a name, nrfg a given name, nrt a transliterated one


def name_decision(tokens: list[Token], at: int) -> tuple[str, Decision] | None:
    """Is the surname that opens token `at` a person's name here? The name's text and the weighed answer;
    None where no name can start here. A name ends where a word ends, two or three characters on
    (余|海波, 余|晓|峰, 范志|明: the cutter's words inside a name it does not know need not be the name's
    parts); of the two readings the better weighed is taken."""
    token = tokens[at]
    if _addressed_word(token.word):  # 小游, 老余: one word of jieba's
        weighing = Weighing("a person's name?")
        weighing.saw("named the way people are addressed", token.word)
        return token.word, weighing.decision()
    if token.word[0] not in KEPT_SURNAMES:
        return None
    before = next((t for t in reversed(tokens[:at]) if t.word.strip()), None)  # past the byline's spaces
    if before is not None and before is tokens[at - 1] and _FIGURE.fullmatch(before.word):  # 1400余家: 'more than'
        return None
    addressed = _addressed(tokens, at, before)
    if addressed:
        weighing = Weighing("a person's name?")
        weighing.saw("named the way people are addressed", addressed)
        return addressed, weighing.decision()
    readings = [_reading(tokens, at, before, length) for length in (3, 2)]
    readings = [r for r in readings if r is not None]
    return max(readings, key=lambda r: r[1].score) if readings else None


def _reading(tokens: list[Token], at: int, before: Token | None, length: int) -> tuple[str, Decision] | None:
    """The name of `length` characters from the surname at token `at`, weighed; None where no word ends
    there or it is not all Han."""
    name, end = "", at
    while end < len(tokens) and len(name) < length:
        name += tokens[end].word
        end += 1
    if len(name) != length or not HAN_WORD.fullmatch(name):
        return None
    parts = tokens[at:end]
    if parts[-1].tag[:1] in _FUNCTION_TAGS:  # 游客|的: a name does not end on a particle
        return None
    weighing = Weighing("a person's name?")
    tagged = [t.word for t in parts if _is_name_tag(t.tag)]
    if tagged:
        weighing.saw("tagged as a person's name", "".join(tagged))
    elif len(parts[0].word) > 1:  # 余额, 游客|的 …: a word jieba knows, not as a name
        weighing.saw("one word of the dictionary", parts[0].word)
    weighing.saw("a surname is seldom a name", name[0])
    if length == 3:
        weighing.saw("a full name", name)
    if len(parts[0].word) == 1 and parts[0].tag[:1] in _FUNCTION_TAGS:  # 于/p|家中: a preposition here
        weighing.saw("the surname reads as a word of its own", f"{parts[0].word}/{parts[0].tag}")
    if known_to_opencc(name):
        weighing.saw("a word OpenCC converts as one", name)
    if len(parts) == 1 and name[-1] in PLACE_ENDINGS:  # one word of jieba's: 岳麓山/nr
        weighing.saw("ends like a place", name)
    if before and before.word[-1] in TITLE_ENDINGS:
        weighing.saw("a title before", before.word)
    if end < len(tokens) and tokens[end].word in SPEECH:
        weighing.saw("speaks next", tokens[end].word)
    return name, weighing.decision()


def surname_at(name: str) -> int:
    """Where the surname of a name stands: after 老 or 小 (老余), else first."""
    return 1 if len(name) > 1 and name[0] in ADDRESS_BEFORE and name[1] in KEPT_SURNAMES else 0


def names_in(runs: Iterable[list[Token]]) -> set[str]:
    """Every name the weighing finds in these runs of words."""
    found = set()
    for tokens in runs:
        for at, token in enumerate(tokens):
            if token.word[0] not in KEPT_SURNAMES and not _addressed_word(token.word):
                continue
            answer = name_decision(tokens, at)
            if answer and answer[1].verdict:
                found.add(answer[0])
    return found
