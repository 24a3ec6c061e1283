"""Degraded fixtures made from clean text: each function adds one defect the way PDF
extraction and OCR add it, so the cleaner's rules are tested on text it has never seen.

The clean article below is written for these tests (not taken from a seed).
"""

from __future__ import annotations

import random
import unicodedata

TITLE = "织密平安防护网 守护城乡万家灯火"
SUBTITLE = "——某市公安局2024年工作回眸"
BYLINE = "记者/周明 通讯员/赵祥 李晓燕"
HEADINGS = ["源头治理筑根基", "科技赋能提效能"]
CAPTIONS = ["图为民警在社区开展反诈宣传。黄小明 摄", "▲交警在国道沿线巡逻执勤。受访单位 供图"]
PARAGRAPHS = [
    "岁末年初，城区街头车水马龙，商圈人流如织。群众的安全感，来自一线民警日复一日的坚守。"
    "2024年，全市公安机关共破获刑事案件3260起，同比上升12.6%，八类恶性案件实现“零发案”。",
    "打击犯罪是公安机关的天职。市公安局坚持“什么犯罪突出就打什么犯罪”，先后侦破“3·15”特大网络传销案、"
    "“7·21”跨境赌博案等一批大要案件，涉案金额达168.3万元，挽回群众损失超过2000万元。",
    "源头治理是平安建设的基础。全市推行“1、3、5分钟”快速反应机制，在重点区域设置治安岗亭48个，"
    "民警每天12:30和18:00两次集中巡查，群众报警后3分钟内即可到达现场。",
    "科技是核心战斗力。市局自主完成DeepSeek大模型在公安内网的部署，开发了反诈预警App，"
    "2019-2021年累计推送预警信息56万条，相关经验被公安部在全国推广。",
    "服务群众没有休止符。市局深化“放管服”改革，推出身份证异地办理、户口网上迁移等便民措施，"
    "群众可通过www.example.gov.cn在线预约，办事时间平均缩短了一半以上。",
    "征程万里风正劲，重任千钧再出发。全市公安机关将以更加昂扬的斗志，奋力谱写平安建设新篇章！",
]
# Where the headings go: before these paragraph indexes.
HEADING_BEFORE = {2: HEADINGS[0], 3: HEADINGS[1]}


def width(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def wrap(paragraph: str, column: float, indent: float = 2) -> list[str]:
    """Hard-wrap one paragraph at `column` (full-width = 1, half-width = 1/2). The first line is
    shorter by the indent the extraction dropped. Latin words and numbers are kept whole when they
    fit on a line of their own, as a typesetter would."""
    lines, line, limit = [], "", column - indent
    for token in _tokens(paragraph):
        if line and width(line + token) > limit:
            if len(token) > 1 and width(token) > column / 2:  # a long token is broken where the line ends
                room = token
                while room and width(line + room) > limit:
                    room = room[:-1]
                line, token = line + room, token[len(room):]
            lines.append(line)
            line, limit = "", column
        line += token
    if line:
        lines.append(line)
    return lines


def _tokens(text: str) -> list[str]:
    """Single wide characters; runs of half-width characters stay together."""
    out: list[str] = []
    for ch in text:
        if out and not _wide(ch) and not _wide(out[-1][-1]):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WFA"


def article_lines(column: float, title: str = TITLE, byline: str = BYLINE, headings: bool = True,
                  markdown_headings: bool = False, indent: float = 2,
                  heading_texts: dict[int, str] | None = None) -> list[str]:
    """The clean article laid out in a column: title block, paragraphs (blank line between), headings.
    `indent=0`: an extractor that keeps no trace of the first-line indent. Headings longer than the
    column are wrapped over two lines, as a paper prints a long plain heading."""
    out = [title, "", SUBTITLE, "", byline, ""]
    for n, paragraph in enumerate(PARAGRAPHS):
        if headings and n in (heading_texts or HEADING_BEFORE):
            heading = (heading_texts or HEADING_BEFORE)[n]
            out += [("## " if markdown_headings else "") + line for line in wrap(heading, column, indent=0)] + [""]
        out += wrap(paragraph, column, indent) + [""]
    return out


# Plain headings a paper prints without any mark, one with a comma, one longer than narrow columns.
LONG_HEADINGS = {2: "严打电诈，守护群众钱袋子", 3: "科技赋能提升打击精准度和效能"}


def expected_blocks_with(heading_texts: dict[int, str]) -> list[tuple[str, str]]:
    out = []
    for n, paragraph in enumerate(PARAGRAPHS):
        if n in heading_texts:
            out.append(("heading", heading_texts[n]))
        out.append(("paragraph", paragraph))
    return out


def expected_blocks(headings: bool = True) -> list[tuple[str, str]]:
    out = []
    for n, paragraph in enumerate(PARAGRAPHS):
        if headings and n in HEADING_BEFORE:
            out.append(("heading", HEADING_BEFORE[n]))
        out.append(("paragraph", paragraph))
    return out


def no_blank_lines(lines: list[str]) -> list[str]:
    """Single-spaced extraction: paragraphs are only told apart by their short last lines."""
    return [line for line in lines if line.strip()]


def double_spaced(lines: list[str]) -> list[str]:
    """A blank line after every line (some PDF extractors), paragraph breaks included."""
    out = []
    for line in no_blank_lines(lines):
        out += [line, ""]
    return out


def letter_spaced(line: str, rng: random.Random) -> str:
    """A justified line spread out: spaces between characters (力 压 群 雄 ，赛 场 折 桂)."""
    if rng.random() < 0.3:
        return line.replace("，", " ，")
    out = line[:1]
    for a, b in zip(line, line[1:], strict=False):
        out += (" " if _wide(a) or _wide(b) else "") + b  # Latin words and numbers are set solid
    return out


def half_width(text: str, rng: random.Random, share: float = 0.5) -> str:
    """Part of the full-width punctuation replaced by ASCII, as OCR does."""
    table = {"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?"}
    return "".join(table[ch] if ch in table and rng.random() < share else ch for ch in text)


def ocr_spaces(text: str, rng: random.Random) -> str:
    """Spaces OCR puts between Chinese and digits (2018年 1月 5日, 2018、2019 年)."""
    out = []
    for a, b in zip(text, text[1:] + " ", strict=False):
        out.append(a)
        if b != " " and (a.isdigit() != b.isdigit()) and (_wide(a) or _wide(b)) and rng.random() < 0.5:
            out.append(" ")
    return "".join(out)
