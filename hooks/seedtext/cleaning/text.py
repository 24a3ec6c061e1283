"""Character classes, widths and the per-line text passes: punctuation and spacing.

Widths follow the page: a full-width character (Han, full-width punctuation) is 1,
a half-width one (Latin, digits, ASCII punctuation, space) is 1/2.
"""

from __future__ import annotations

import functools
import re
import unicodedata

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Punctuation by what it does at a line's edge. A line cannot begin with a pause, a stop or a closing
# mark (the line above goes on); a line ending in a pause or a dash leads on into the next.
STOPS = "。！？!?"
PAUSES = "，、；：,;:"
COMMAS = "，、,"  # a comma or an enumeration comma: the sentence goes on after it (a colon may end a lead-in)
CLOSING_QUOTES = "”’」』"
CLOSING = CLOSING_QUOTES + "）)】》〕"
OPENING = "“‘（(《「『【〔"
LEADS_ON = tuple(PAUSES + "—…")
SUBTITLE_DASHES = ("——", "--", "—")  # what a subtitle under a headline opens with (——某市公安局工作综述)
CLOSING_START = re.compile(f"^[{re.escape(PAUSES + STOPS + CLOSING)}…]")
ONLY_PUNCT = re.compile(f"^[{re.escape(STOPS + PAUSES + CLOSING)}…—.]+$")  # a line of punctuation only (it hangs)
# A sentence's end: a stop or an ellipsis (……, ...), with the closing quotes or brackets after it.
_STOP = f"(?:[{STOPS}]|…{{1,2}}|\\.{{3,}})[{CLOSING}]*"
SENTENCE_ENDS = (*STOPS, "…", "...")  # _STOP's stops, for a text's end (ends_sentence: no pattern search)
# One sentence (or the unfinished rest of a text): what first_sentence and the concordance cut by.
SENTENCE = re.compile(f"(?:[^{STOPS}….]|\\.(?!\\.\\.))*(?:{_STOP}|$)")
HAN_CHARACTER = re.compile(f"[{HAN}]")
STOP = re.compile(f"[{STOPS}]")  # a sentence's stop, anywhere in a text
PROSE_PUNCT = re.compile(f"[{STOPS}{PAUSES}]")  # a stop or a pause: the punctuation of a sentence
# ASCII only, and not a trailing full stop or comma: "见www.example.cn，" keeps its comma Chinese.
_URL = re.compile(r"(?:https?://|www\.)[\w\-./?#=&%~+@:]*[\w/]", re.ASCII)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


# The per-line questions of the cleaning are asked of the same text many times over (a line's width by every
# pass that weighs it, jieba's reading of the same break by the line roles, captions and headings): each is
# answered once per process. For functions of strings with immutable answers only.
remembered = functools.lru_cache(maxsize=1 << 16)  # lines and breaks remembered


@functools.cache  # one answer per character
def is_wide(ch: str) -> bool:
    """Full-width on a Chinese page: East Asian wide and full-width characters, and the ambiguous ones
    (“ ” ‘ ’ … — ·) that Chinese fonts set full-width."""
    return bool(ch) and unicodedata.east_asian_width(ch) in "WFA"


@functools.cache
def is_han(ch: str) -> bool:
    return bool(ch) and bool(HAN_CHARACTER.match(ch))


# Full-width punctuation that justified print may set in half a character (标点挤压): the stops and
# pauses, and with them, on some pages, the quotes and brackets.
COMPRESSIBLE_STOPS = "，。、；：！？"
COMPRESSIBLE_ALL = COMPRESSIBLE_STOPS + "“”‘’（）《》「」『』【】〔〕"


@remembered
def width(text: str, compressed: str = "") -> float:
    """Width on the page: full-width 1, half-width 1/2; the characters in `compressed` take 1/2."""
    return sum((0.5 if ch in compressed else 1.0) if is_wide(ch) else 0.5 for ch in text)


def ends_sentence(text: str) -> bool:
    """Whether the text ends on a sentence's end (_STOP: a stop or an ellipsis, closing marks after it)."""
    return text.rstrip().rstrip(CLOSING).endswith(SENTENCE_ENDS)


def is_single_sentence(text: str) -> bool:
    """One sentence, ending the text: no stop before the last."""
    return ends_sentence(text) and not re.search(f"[{STOPS}][{CLOSING}]*(?=.)", text)


def opens_quotation(text: str) -> bool:
    """More opening quotation marks than closing ones: a quotation goes on past the text's end."""
    return text.count("“") > text.count("”")


def nonspace(text: str) -> str:
    return "".join(text.split())


# --- punctuation -----------------------------------------------------------------------------

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
FULL_TO_HALF = {v: k for k, v in _HALF_TO_FULL.items()}
_HALF_WIDTH_MARK = re.compile(f"[{re.escape(''.join(_HALF_TO_FULL))}]")


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest non-space character from position i in direction step."""
    i += step
    while 0 <= i < len(text) and text[i] == " ":
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _protected(text: str) -> set[int]:
    return {i for m in _URL.finditer(text) for i in range(m.start(), m.end())}


def full_width_punctuation(text: str) -> tuple[str, list[str]]:
    """Half-width , ; : ! ? ( ) in Chinese context become full-width.

    Numbers (12:30, 1,000), Latin text and URLs keep theirs. Returns the text and a
    description of each change."""
    if not _HALF_WIDTH_MARK.search(text):  # most lines and paragraphs: nothing to look at
        return text, []
    chars = list(text)
    protected = _protected(text)
    changes = []
    # Parentheses go in pairs: a pair is Chinese if it encloses or follows wide text.
    stack = []
    for i, ch in enumerate(text):
        if i in protected:
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            start = stack.pop()
            inner = text[start + 1:i]
            if any(is_wide(c) for c in inner) or is_wide(_neighbour(text, start, -1)):
                chars[start], chars[i] = "（", "）"
                changes.append(f"({inner}) -> （{inner}）")
    # A half-width ")" closing a full-width "（" (其中三成) or "(" opened before "）": one pair, full-width.
    opened = 0
    for i, ch in enumerate(chars):
        if ch == "（":
            opened += 1
        elif ch == "）" and opened:
            opened -= 1
        elif ch == ")" and opened and i not in protected:
            chars[i] = "）"
            opened -= 1
            changes.append(") -> ） (closes a full-width bracket)")
    closed = 0
    for i in range(len(chars) - 1, -1, -1):
        if chars[i] == "）":
            closed += 1
        elif chars[i] == "（" and closed:
            closed -= 1
        elif chars[i] == "(" and closed and i not in protected:
            chars[i] = "（"
            closed -= 1
            changes.append("( -> （ (opens a full-width bracket)")
    chinese_line = any(is_han(c) for c in text)
    for i, ch in enumerate(text):
        if ch not in ",;:!?" or i in protected:
            continue
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if ch in ",:" and before.isdigit() and after.isdigit():
            continue  # 1,000 and 12:30
        solid = i + 1 < len(text) and text[i + 1] != " " and chinese_line  # App,2019年: no space after it
        if is_wide(before) or (is_wide(after) and not before.isascii()) or (is_wide(after) and ch in ",;") \
                or (solid and ch in ",;"):
            chars[i] = _HALF_TO_FULL[ch]
            changes.append(f"{ch} -> {_HALF_TO_FULL[ch]}")
    return "".join(chars), changes


# --- spacing ---------------------------------------------------------------------------------

_SPACE_NEXT_TO_WIDE = re.compile(r" +(?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) +")
# A plus set solid against Chinese joins what is on its other side too (5G+智慧林防, AI+大数据): a space there
# is an OCR space, not one between two Latin words. Only the plus next to the Chinese: A + B + 中文 keeps its
# first plus's spaces (A + B+中文).
_SPACE_BY_PLUS_ON_WIDE = re.compile(r" +(?=\+[^\x00-\x7f])|(?<=[^\x00-\x7f]\+) +")


def squeeze_spaces(text: str) -> str:
    text = " ".join(text.split())
    text = _SPACE_NEXT_TO_WIDE.sub(lambda m: m.group(0) if not _touches_wide(m) else "", text)
    return _SPACE_BY_PLUS_ON_WIDE.sub("", text) if "+" in text else text


def _touches_wide(m: re.Match) -> bool:
    s, e = m.start(), m.end()
    text = m.string
    return is_wide(text[s - 1] if s else "") or is_wide(text[e] if e < len(text) else "")


_SPACE_BETWEEN_WIDE = re.compile(r"(?<=[^\x00-\x7f]) +(?=[^\x00-\x7f])")


def as_set(text: str) -> str:
    """The line as its width is measured: letter-spacing between Chinese characters out; a space next to a
    number or a Latin word kept, where the extraction saw the room the typesetter left around it."""
    return _SPACE_BETWEEN_WIDE.sub("", " ".join(text.split()))


def despace_prose(text: str) -> str:
    """Prose: no space next to a full-width character (letter-spacing, OCR spaces, CJK-digit/Latin
    spaces); one space between Latin words."""
    return squeeze_spaces(text)


def _runs(tokens: list[str]) -> list[str]:
    """Merge letter-spaced single characters back into runs: ['忠','诚','尽','显'] -> ['忠诚尽显']."""
    runs: list[str] = []
    single = False
    for tok in tokens:
        is_single = sum(1 for c in tok if is_han(c)) <= 1
        if runs and is_single and single:
            runs[-1] += tok
        else:
            runs.append(tok)
        single = is_single
    return runs


def despace_headline(text: str) -> str:
    """Headlines: letter-spacing goes, but the one space between two halves of a two-part
    headline stays (打击开路 亮剑攻坚守护平安)."""
    runs = _runs(text.split())
    out = runs[0] if runs else ""
    for prev, run in zip(runs, runs[1:], strict=False):
        two_halves = sum(is_han(c) for c in prev) >= 2 and sum(is_han(c) for c in run) >= 2 \
            and prev[-1] not in OPENING and not CLOSING_START.match(run)  # never a space before "，"
        out += (" " if two_halves else "") + run
    return out


_HEADLINE_EDGE = HAN + "“”‘’《》「」A-Za-z"  # a Latin word may stand at a half's edge (办证提速 App掌上可办)
_CLAUSE_PUNCT = re.compile(r"[，；：,;:（）()]")


@remembered
def is_two_part_headline(text: str) -> bool:
    """Two or three runs of Chinese words separated by a space (抗大疫、大抗疫 忠诚尽显), each of two Han
    characters or more (a Latin word spaced off alone, 工业 APP 和信息, is prose). A space next to a
    digit or inside a clause (人脸识别摄像机 2000个），新建) is an OCR space in prose."""
    runs = [r for r in _runs(text.split()) if r]
    if not 2 <= len(runs) <= 3 or _CLAUSE_PUNCT.search(text):
        return False
    edges = all(re.match(f"[{_HEADLINE_EDGE}]", a[-1]) and re.match(f"[{_HEADLINE_EDGE}]", b[0])
                for a, b in zip(runs, runs[1:], strict=False))
    return edges and all(sum(is_han(c) for c in r) >= 2 for r in runs)


def split_names(text: str) -> list[str]:
    """A byline's names: padded two-character names (赵 祥) are rejoined pairwise."""
    names: list[str] = []
    pending = ""
    for tok in text.split():
        if len(tok) == 1 and is_han(tok):
            if pending:
                names.append(pending + tok)
                pending = ""
            else:
                pending = tok
        else:
            if pending:
                names.append(pending)
                pending = ""
            names.append(tok)
    if pending:
        names.append(pending)
    return names
