"""Degraded fixtures made from clean text: each function adds one defect the way PDF
extraction and OCR add it, so the cleaner's rules are tested on text it has never seen.

The clean articles below are written for these tests (not taken from a seed, everything invented).
The first one (PARAGRAPHS) is laid out by `article_lines` and the defect functions; the three in
ARTICLES by `degrade_article`, whose `Layout` switches combine the hard layout classes (narrow columns
changing per section, blank-line habits per section, no indent cue, wrapped plain headings, wrapped
captions inside page breaks) with the defects above. `LAYOUT_CLASSES` names the classes the tests and
bench/cleaner_figures.py use; `fixture(name, seed)` is one of them, the same bytes for the same seed:

    .venv/bin/python tests/degrade.py captions-in-breaks 7 > /tmp/fixture.txt
    .venv/bin/python hooks/clean.py /tmp/fixture.txt --text
"""

from __future__ import annotations

import argparse
import math
import random
import unicodedata
from dataclasses import dataclass, field, replace

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


# ---------------------------------------------------------------------------------------------------
# The hard layout classes: whole articles, laid out by switches that combine.
#
# Three more articles written for these fixtures (every place, unit, person and number is invented;
# no text of a real article): year-end reviews of police and justice work, 11-12 paragraphs, 3-4
# headings (numbered or plain, some 13-18 characters long), 2-3 photo captions each. A caption follows
# the paragraph it belongs to, which is where a cleaner must put it back when a page break has set it
# inside that paragraph.


@dataclass(frozen=True)
class CleanArticle:
    title: str
    subtitle: str
    byline: str
    blocks: tuple[tuple[str, str], ...]  # ("paragraph" | "heading" | "caption", text), in reading order

    def kinds(self, kind: str) -> list[str]:
        return [text for k, text in self.blocks if k == kind]


ARTICLES = (
    CleanArticle(
        "把矛盾化解在群众家门口", "——溪岚市司法行政工作2025年回眸", "记者/林远 通讯员/苏晓晴 何立", (
            ("paragraph", "冬日的清晨，梧岗镇调解室里已经坐满了前来咨询的群众。调解员老周一边倒茶，一边听双方讲述"
                          "宅基地边界的来龙去脉。不到两个小时，一场持续三年的邻里纠纷握手言和。这样的场景，今年在溪岚"
                          "城乡反复上演。"),
            ("paragraph", "2025年，全市各级人民调解组织共排查矛盾纠纷1.2万余件，调解成功率达98.6%；法律援助机构办理"
                          "案件4300余件，为困难群众挽回经济损失3100余万元。一组组数字背后，是司法行政干警扎根基层的"
                          "坚守。"),
            ("heading", "一、调解网络铺到村口：矛盾不出村"),
            ("paragraph", "小事不出村，大事不出镇。市司法局推动在全市186个村（社区）建立调解工作室，选聘老党员、老教师"
                          "和乡贤能人担任兼职调解员820名，形成村有调解员、镇有调解中心、县有专业调解委员会的三级网络。"),
            ("paragraph", "针对婚姻家庭、土地流转等高发纠纷，各地推行调解与公证、司法确认相衔接的做法。今年3月，桐塘县"
                          "一起涉及27户村民的土地承包纠纷，经调解员七次上门、司法所全程跟进，最终达成协议并当场申请"
                          "司法确认。"),
            ("caption", "梧岗镇调解员在田间地头为村民调解土地纠纷。何立 摄"),
            ("paragraph", "矛盾化解关口前移，还离不开数据的支撑。全市上线“溪岚智调”平台，群众通过手机App即可申请调解、"
                          "查询进度，平台全年受理线上申请2600余件，平均办结时间由15天缩短至6天。"),
            ("heading", "二、法律援助跑出加速度"),
            ("paragraph", "“没想到几天就拿到了工钱，法律援助真是帮了大忙！”在城东一处工地上，农民工老杨拿着补发的工资"
                          "连声道谢。今年以来，全市开通农民工讨薪绿色通道，对欠薪案件一律免予经济困难审查，当天受理、"
                          "当天指派。"),
            ("caption", "法律援助进工地，农民工维权有依靠。图为市法律援助中心律师在建筑工地为农民工解答欠薪问题。"
                        "苏晓晴 摄"),
            ("paragraph", "为让群众少跑腿，市法律援助中心在12个乡镇设立工作站，在24个村级便民服务点开通远程视频咨询。"
                          "群众在家门口就能与律师“面对面”，咨询量同比增长43%。"),
            ("paragraph", "援助质量同样是关注重点。中心建立案件旁听、庭审评估、回访群众三项制度，全年抽查案件560件，"
                          "群众满意率保持在99%以上；对发现问题的12件案件，逐件督促承办律师整改。"),
            ("heading", "三、普法宣传入脑入心：让法治成为习惯"),
            ("paragraph", "法治观念的养成，功夫在平时。全市组建“法律明白人”队伍3200余人，开展送法进乡村、进企业、"
                          "进校园活动900余场次，覆盖群众15万人次。"),
            ("caption", "图为普法志愿者在桐塘县集市上向群众发放宣传资料。林远 摄"),
            ("paragraph", "在溪岚市第三中学，一堂模拟法庭课吸引了全校师生观摩。学生们分别扮演法官、检察官和辩护人，"
                          "围绕一起校园欺凌案件展开辩论。这样的“沉浸式”普法课，今年已走进全市62所中小学。"),
            ("paragraph", "新的一年，全市司法行政系统将继续把更多矛盾纠纷化解在基层、化解在萌芽状态，为建设更高水平"
                          "的平安溪岚贡献司法力量。"),
        )),
    CleanArticle(
        "守好城市烟火 护航万家安宁", "——枫渡区公安分局2025年工作综述", "记者/陈朗 通讯员/吴倩 邓晨", (
            ("paragraph", "一年来，枫渡区公安分局紧紧围绕“命案必破、电诈必打、事故必降”的目标，全区刑事案件立案数"
                          "同比下降18.4%，群众安全感满意度升至97.3%，创历史新高。"),
            ("heading", "打击开路，让违法犯罪无处遁形"),
            ("paragraph", "面对电信网络诈骗高发态势，分局组建反诈专班，建立止付、冻结、返还快速处置机制。全年破获电诈"
                          "案件312起，抓获犯罪嫌疑人468名，为群众止付冻结资金2860万元。"),
            ("paragraph", "6月的一天凌晨，专班民警接到预警：一名退休教师正按照“客服”指示向陌生账户转账。民警一边电话"
                          "劝阻，一边驱车赶往现场，仅用14分钟就拦下了这笔18万元的转账。"),
            ("caption", "图为反诈民警在小区向老年人讲解新型诈骗手法。邓晨 摄"),
            ("paragraph", "打击的同时，预防不能缺位。分局联合银行、通信运营商开展“断卡”行动，清理涉诈银行卡1900余张、"
                          "电话卡3500余张，从源头上斩断诈骗分子的资金链和信息链。"),
            ("heading", "科技赋能，巡防体系越织越密"),
            ("paragraph", "白天见警察，夜间见警灯。分局在商圈、学校、医院周边划定巡逻必到点96个，推行快速反应机制，"
                          "接警后民警平均到场时间缩短至3分20秒，比去年快了近一分钟。"),
            ("paragraph", "智慧警务让巡防更精准。分局建成AI视频研判中心，接入公共视频点位4100余个，通过算法自动发现"
                          "异常情况。今年以来，依托视频研判破获盗窃、抢夺等案件230余起。"),
            ("caption", "数据多跑路，民警少跑腿。图为民警在AI视频研判中心分析警情数据。受访单位 供图"),
            ("paragraph", "交通安全是城市安全的重要一环。分局持续开展“减量控大”专项行动，整治重点路口32处，查处酒驾"
                          "醉驾违法行为1100余起，全区道路交通事故亡人数同比下降21%。"),
            ("heading", "服务暖心，把便民窗口开到群众身边"),
            ("paragraph", "“以前办户口要跑好几趟，现在一次就办好了。”在分局户政大厅，刚办完落户手续的市民小张感慨地说。"
                          "分局推行户籍业务一窗通办，62项业务实现“最多跑一次”。"),
            ("paragraph", "针对老年人、残疾人等特殊群体，分局推出上门办证、预约延时等服务，全年上门服务1300余人次。户籍"
                          "窗口还在每周六上午9:00至12:00照常开放，方便上班族办理业务。"),
            ("heading", "共建共治，凝聚平安建设合力"),
            ("paragraph", "警民关系的温度，藏在一件件小事里。分局开通“枫警帮办”服务热线，全年受理群众求助8600余件，"
                          "办结率100%，帮助走失老人、儿童回家120余人次。"),
            ("paragraph", "平安建设离不开群众参与。全区招募平安志愿者5400余名，组建巡逻队、调解队、宣传队三支队伍，"
                          "协助民警化解纠纷、发现隐患、宣传防范知识。"),
            ("paragraph", "潮平岸阔催人进，风起扬帆正当时。枫渡公安将以更高标准、更实举措，守护好城市的烟火气和群众"
                          "的安宁日子。"),
        )),
    CleanArticle(
        "严管有力度 帮扶有温度", "——桐塘县社区矫正和禁毒工作2025年综述", "记者/宋雨 通讯员/邱振东", (
            ("paragraph", "社区矫正是一项既要“管得严”又要“帮得实”的工作。2025年，桐塘县在册社区矫正对象累计412人，"
                          "全年无一人脱管漏管，重新违法犯罪率控制在0.2%以下。"),
            ("heading", "一、智慧监管织密“防护网”"),
            ("paragraph", "县司法局建成社区矫正智慧监管平台，对矫正对象实行手机定位、电子围栏和每日视频签到三重管控。"
                          "平台一旦发现越界情况，系统会在5分钟内向司法所推送预警信息。"),
            ("paragraph", "技术手段之外，人防同样不能少。全县14个司法所实行“一人一档一方案”，由司法所工作人员、社区"
                          "民警和村干部组成帮教小组，每月至少开展一次走访谈心。"),
            ("caption", "帮教小组走进矫正对象家中，了解生活和思想动态。图为鹤田司法所工作人员与矫正对象谈心。"
                        "邱振东 摄"),
            ("paragraph", "去年夏天，矫正对象老黄因家中变故情绪低落，多次未按时签到。帮教小组连续三周上门，帮他申请"
                          "临时救助、联系医院为妻子治病，老黄逐渐振作起来，再没有出现违规情况。"),
            ("heading", "二、教育帮扶：托起回归“新起点”"),
            ("paragraph", "“是司法所帮我找到了这份工作，我一定好好干。”在县城一家食品厂，矫正对象小刘熟练地操作着"
                          "包装机。县司法局联合人社部门建立安置帮教基地8个，今年帮助46名矫正对象实现就业。"),
            ("paragraph", "教育矫正注重因人施教。县里开设法治课堂、心理辅导和技能培训三个课堂，全年组织集中教育96场次，"
                          "引入专业心理咨询师开展一对一辅导210人次。"),
            ("paragraph", "对于家庭困难的矫正对象，帮教小组积极协调落实临时救助、最低生活保障等政策，帮助23户家庭解决"
                          "了子女入学、住房修缮等实际困难。"),
            ("heading", "三、禁毒攻坚守护一方净土"),
            ("paragraph", "禁毒工作事关千家万户。县禁毒委组织公安、市场监管等部门开展易制毒化学品专项检查，全年检查"
                          "涉药企业和场所180余家次，整改隐患37处。"),
            ("paragraph", "县公安局依托大数据开展研判，破获毒品刑事案件19起，抓获犯罪嫌疑人27名，缴获各类毒品1.6千克，"
                          "涉毒警情同比下降32%。"),
            ("paragraph", "宣传教育是预防的第一道防线。县里建成禁毒教育基地，引入VR设备让参观者“沉浸式”了解毒品危害，"
                          "基地开放以来已接待中小学生和群众2.3万人次。"),
            ("caption", "图为禁毒志愿者在校园开展VR毒品体验活动。受访单位 供图"),
            ("paragraph", "在戒毒康复人员帮扶上，全县推行“一人一策”社区康复模式，社区康复执行率达到100%，3年以上"
                          "未复吸人员占比提升至86.5%。"),
            ("paragraph", "春风化雨，久久为功。桐塘县将持续推进社区矫正和禁毒工作规范化、精细化，让每一个迷途者都能"
                          "找到回家的路。"),
        )),
)

LAYOUT_MODES = ("none", "between", "double")
SENTENCE_ENDS = ("。", "！", "？", "。”", "！”", "？”")


@dataclass(frozen=True)
class Layout:
    """How `degrade_article` lays an article out. Every switch combines with the others.

    narrow_sections: each section (the text from one heading to the next) in a column of its own,
        7-13 characters, never the same width twice in a row (9/12/10/11); otherwise one column for
        the whole article, drawn from `columns`.
    blank_lines: "between" (one blank line between blocks), "none" (no blank line at all, headings
        not set off either), "double" (a blank line after every line; 1 or 2 between blocks, one choice
        per file), "mixed" (one of the three per section, at least two kinds in the file).
    indent: the first line of a paragraph is two characters short (the indent the extraction
        dropped); False: first lines are full width, no indent cue at all.
    wrapped_headings: a plain heading wider than its column is wrapped over two lines (at the column,
        or at half the heading where the column is too narrow for two); otherwise every heading is one
        line, whatever the column.
    captions_in_breaks: a caption is wrapped at a photo width of 8-12, its credit (黄小明 摄) on the
        last line when it fits there or on a line of its own, and set, with 1-3 blank lines either side
        (2-3 in a double-spaced section), into a page break that cuts its paragraph mid-sentence;
        otherwise it is one line after its paragraph, spaced like any block.
    noise: letter-spaced justified lines, OCR spaces next to digits and half-width punctuation in
        prose, at random (the defect functions above). Lines opening with `，`/`。` (no kinsoku) come
        from `wrap` in every layout.
    """

    narrow_sections: bool = False
    blank_lines: str = "between"
    indent: bool = True
    wrapped_headings: bool = False
    captions_in_breaks: bool = False
    noise: bool = True
    columns: tuple[int, int] = (14, 22)


LAYOUT_CLASSES = {
    "ordinary": Layout(),
    "narrow-per-section": Layout(narrow_sections=True),
    "double-spaced": Layout(blank_lines="double"),
    "mixed-blank": Layout(blank_lines="mixed"),
    "no-indent": Layout(indent=False),
    # Columns narrow enough that most of the long headings (13-18 characters) wrap.
    "wrapped-headings": Layout(wrapped_headings=True, columns=(11, 16)),
    "captions-in-breaks": Layout(captions_in_breaks=True),
    "all-hard-combined": Layout(narrow_sections=True, blank_lines="mixed", indent=False, wrapped_headings=True,
                                captions_in_breaks=True),
}


@dataclass
class Degraded:
    """A degraded article and what a perfect cleaner makes of it.

    lines: the raw text's lines (raw line n is lines[n - 1]).
    expected: the blocks in reading order (a caption after the paragraph it belongs to).
    roles: per line, ("head" | "paragraph" | "heading" | "caption" | "blank", index into expected, -1 for
        head and blank lines).
    widths, modes: per section (section 0 runs from the lead to the first heading), the column and the
        blank-line habit.
    captions: per caption, where it went: {"block", "paragraph", "placement": "break" | "after",
        "photo_width", "credit": "same" | "own", "lines": raw line numbers}.
    ambiguous: raw line numbers where no line shape tells a paragraph end from a wrapped line: a
        paragraph (or heading) whose last line fills the column with no blank-line or indent cue before
        the next paragraph, or a wrapped line that ends a sentence short of the column.
    """

    lines: list[str]
    expected: list[tuple[str, str]]
    roles: list[tuple[str, int]]
    widths: list[int]
    modes: list[str]
    captions: list[dict] = field(default_factory=list)
    ambiguous: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def line_numbers(self, block: int) -> list[int]:
        """The raw line numbers (1-based) holding the text of expected[block]."""
        return [n for n, (_, b) in enumerate(self.roles, 1) if b == block]


def fixture(layout_class: str, seed: int) -> Degraded:
    """One fixture of a layout class: the article and every choice follow from the seed."""
    return degrade_article(ARTICLES[seed % len(ARTICLES)], LAYOUT_CLASSES[layout_class], seed)


def degrade_article(article: CleanArticle, layout: Layout, seed: int) -> Degraded:
    """The article laid out as `layout` says; the same seed gives the same bytes."""
    # Noise is drawn last, from the same stream: with noise=False the lines are those the noise then damages.
    rng = random.Random(f"{replace(layout, noise=True)}/{seed}")
    blocks = list(article.blocks)
    sections, section = [], 0
    for n, (kind, _) in enumerate(blocks):
        section += kind == "heading" and n > 0
        sections.append(section)
    count = section + 1
    if layout.narrow_sections:
        widths = [rng.randint(7, 13)]
        while len(widths) < count:
            widths.append(rng.choice([w for w in range(7, 14) if w != widths[-1]]))
    else:
        widths = [rng.randint(*layout.columns)] * count
    if layout.blank_lines == "mixed":
        modes = [rng.choice(LAYOUT_MODES) for _ in range(count)]
        while len(set(modes)) < 2:
            modes = [rng.choice(LAYOUT_MODES) for _ in range(count)]
    else:
        modes = [layout.blank_lines] * count
    double_gap = rng.choice((1, 2))

    def gap(mode: str) -> int:  # blank lines between two blocks
        return {"none": 0, "between": 1, "double": double_gap}[mode]

    def inner(mode: str) -> int:  # blank lines between two lines of one block
        return 1 if mode == "double" else 0

    rows: list[tuple[str, str, int, float, str]] = []  # (text, role, block, column, blank-line habit)

    def blank(n: int) -> None:
        rows.extend([("", "blank", -1, 0.0, "")] * n)

    def put(texts: list[str], role: str, block: int, column: float, mode: str) -> None:
        for k, text in enumerate(texts):
            blank(inner(mode) if k else 0)
            rows.append((text, role, block, column, mode))

    for k, text in enumerate((article.title, article.subtitle, article.byline)):
        blank(gap(modes[0]) if k else 0)
        rows.append((text, "head", -1, 0.0, modes[0]))
    captions: list[dict] = []
    for n, (kind, text) in enumerate(blocks):
        column, mode = widths[sections[n]], modes[sections[n]]
        if kind == "caption" and layout.captions_in_breaks and captions and captions[-1]["block"] == n:
            continue  # already set inside its paragraph
        blank(gap(mode))
        if kind == "heading":
            put(_heading_lines(text, column, layout.wrapped_headings), kind, n, column, mode)
        elif kind == "caption":
            captions.append({"block": n, "paragraph": n - 1, "placement": "after", "photo_width": 0,
                             "credit": "same", "lines": [len(rows) + 1]})
            put([text], kind, n, column, mode)
        else:
            lines = wrap(text, column, 2 if layout.indent else 0)
            has_caption = n + 1 < len(blocks) and blocks[n + 1][0] == "caption"
            cuts = [k for k in range(len(lines) - 1) if not lines[k].endswith(SENTENCE_ENDS)]
            if not (has_caption and layout.captions_in_breaks and cuts):
                put(lines, kind, n, column, mode)
                continue
            cut = rng.choice(cuts)
            put(lines[:cut + 1], kind, n, column, mode)
            low = 2 if mode == "double" else 1
            blank(rng.randint(low, 3))
            photo = rng.randint(8, 12)
            caption_lines, credit = _caption_lines(blocks[n + 1][1], photo, rng)
            start = len(rows) + 1
            put(caption_lines, "caption", n + 1, photo, mode)
            captions.append({"block": n + 1, "paragraph": n, "placement": "break", "photo_width": photo,
                             "credit": credit, "lines": [k for k in range(start, len(rows) + 1)
                                                         if rows[k - 1][1] != "blank"]})
            blank(rng.randint(low, 3))
            put(lines[cut + 1:], kind, n, column, mode)
    ambiguous = _ambiguous(rows, layout.indent, {mode: inner(mode) for mode in LAYOUT_MODES})
    if layout.noise:
        rows = [(_noisy(row[0], row[1], row[3], rng), *row[1:]) for row in rows]
    return Degraded([r[0] for r in rows], blocks, [(r[1], r[2]) for r in rows], widths, modes, captions, ambiguous)


def _heading_lines(heading: str, column: float, wrapped: bool) -> list[str]:
    if not wrapped or width(heading) <= column:
        return [heading]
    measure = max(column, math.ceil(width(heading) / 2))
    lines = wrap(heading, measure, indent=0)
    while len(lines) > 2:
        measure += 1
        lines = wrap(heading, measure, indent=0)
    return lines


def _caption_lines(caption: str, photo: int, rng: random.Random) -> tuple[list[str], str]:
    """A caption wrapped at the photo's width; the credit (after the last 。) on the last line when the
    coin says so and it fits there, else on a line of its own."""
    cut = caption.rindex("。") + 1
    body, credit = caption[:cut], caption[cut:]
    lines = wrap(body, photo, indent=0)
    if rng.random() < 0.5 and width(lines[-1] + credit) <= photo:
        lines[-1] += credit
        return lines, "same"
    return lines + [credit], "own"


def _ambiguous(rows: list[tuple[str, str, int, float, str]], indent: bool, inner: dict[str, int]) -> list[int]:
    """Raw line numbers where the line shapes alone cannot place a paragraph break (see Degraded): no
    indent cue, and the blank lines between two blocks are those between two lines of a block."""
    if indent:
        return []
    text_rows = [(n, row) for n, row in enumerate(rows, 1) if row[1] != "blank"]
    out = []
    for (n, (a, role_a, block_a, column, _)), (m, (_, role_b, block_b, _, mode)) in zip(
            text_rows, text_rows[1:], strict=False):
        if m - n - 1 != inner[mode] or role_b != "paragraph":
            continue
        if block_a == block_b and a.endswith(SENTENCE_ENDS) and width(a) <= column - 1:
            out.append(n)  # a wrapped line that ends a sentence short of the column
        elif block_a != block_b and role_a in ("paragraph", "heading") and column - 1 < width(a) <= column:
            out.append(n)  # a paragraph or heading whose last line fills the column
    return out


def _noisy(text: str, role: str, column: float, rng: random.Random) -> str:
    if role not in ("paragraph", "heading", "caption"):
        return text
    if role == "paragraph" and width(text) > column - 1 and rng.random() < 0.15:
        text = letter_spaced(text, rng)
    if rng.random() < 0.5:
        text = half_width(text, rng)
    if rng.random() < 0.2:
        text = ocr_spaces(text, rng)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description="Print one degraded fixture of a layout class.")
    parser.add_argument("layout_class", choices=list(LAYOUT_CLASSES))
    parser.add_argument("seed", type=int)
    parser.add_argument("--gold", action="store_true", help="print the blocks a perfect cleaner makes instead")
    args = parser.parse_args()
    degraded = fixture(args.layout_class, args.seed)
    if args.gold:
        for kind, text in degraded.expected:
            print(f"{kind}\t{text}")
    else:
        print(degraded.text, end="")


if __name__ == "__main__":
    main()
