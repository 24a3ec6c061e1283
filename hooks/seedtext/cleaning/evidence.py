"""Decisions weighed from evidence, and how sure each one is.

A boundary between two lines is decided the way a copy editor decides it: by looking at several
signs at once (does the line fill the column, does it end a sentence, is there a blank line, does a
word run across the break, is the next line indented …) and weighing them. Each sign is an
`Evidence` with a weight: positive for the decision's question ("a new block starts here?",
"these lines are a heading?"), negative against. The verdict is the sign of the sum; the margin,
its size, says how sure it is. Signs that settle a question on their own (an editor's override, a
line that opens with a closing mark) weigh `DECISIVE`.

All weights are in WEIGHTS below, in one place, so that their balance can be read and tuned
together; the passes only name the signs they see.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Edit
from ..notes import WORDING, Lines, Note, Quoted

DECISIVE = 100.0
DOUBTFUL_MARGIN = 2.0  # a decision closer than this is listed for the editor (--doubtful)

# Weight of each sign, by name. Positive: for a new block (paragraph boundary) or for a heading.
WEIGHTS: dict[str, float] = {
    # --- paragraph boundary (boundary.py): does a new paragraph start at this line?
    "short line ends a sentence": 3.0,  # the paragraph's last line stops short of the column
    "a character short ends a sentence": 1.5,  # a paragraph's end, or a measure that jitters (or an indent)
    "full line ends a sentence": -1.0,  # the line filled the column: the text may go on
    "sentence ends a line wider than the column": 3.0,  # no column held it: not wrapped there
    "next word did not fit": -2.0,  # a long number or Latin word went down a line, leaving the line short
    "an opening mark went down a line": -1.0,  # …言和。| “远亲…: the line was full (no line ends on “ or 《)
    "blank line between blocks": 2.5,  # where blank lines separate blocks
    "blank line in unspaced text": 1.0,  # a page or column break, which may fall at a paragraph's end
    "no blank line between blocks": -1.5,  # where blank lines separate blocks, and none is here
    "more blank lines than the stretch has": 1.5,  # where a blank line follows every line
    "indented line": 2.0,  # where the stretch indents: a paragraph's first line
    "not indented": -1.5,  # where the stretch indents: a line that goes on
    "letter-spaced an indent short": 2.0,  # where the stretch indents: a first line spread over its shorter measure
    "run-in head": 2.0,  # 扩面降槛，应援尽援。 opens a paragraph
    "a run-in head alone above": -2.0,  # 全链打击，除恶务尽。 heads its paragraph's text, not a paragraph
    "photo break after a full line": -1.5,  # the text goes on past the photo
    # --- photo caption (captions.py): is a unit of lines set off by blank lines one caption?
    "caption mark": 2.0,  # 图为, ▲, a credit: a caption line is in it
    "photo credit": 2.0,  # it ends with 王可 摄 / 受访单位 供图
    "one sentence": 1.0,
    "the text after it opens mid-sentence": 4.0,  # 、企业…: the cut sentence goes on after it, not in it
    "the cut sentence reads on around it": 2.5,  # 周奶 | 奶因: the text before and after it is one sentence
    "a quotation runs on across it": 2.5,  # 运营的“鹭 | 门网警”: the quotation opened above closes below
    "an image's gap inside the cut sentence": 2.5,  # two blank lines wider than the paragraphs' own spacing
    "set wider than the text around it": 2.5,  # wrapped at a photo's width, wider than the text's column
    "wrapped narrower than the text around it": 2.5,  # at a photo's width, more than an indent short of the column
    "the cut sentence runs into it": -4.0,  # the cut sentence goes on in its first line
    "it runs on into the text after it": -2.0,
    # --- heading (headings.py): are these lines a heading that ends before the next line?
    "numbered head": 3.0,  # 二、… or （三）…
    "short of the column": 2.0,  # a page break cuts a line that fills the column; a heading ends short
    "much short of the column": 1.0,
    "a character short of the column": 0.75,
    "fills the column": -2.5,
    "wider than the column": 1.5,  # no column held it: a line set apart
    "not indented at a block's start": 2.5,  # where the stretch indents, a paragraph's first line is
    "letter-spaced": -3.0,  # justified to fill the column: prose
    "no punctuation": 1.0,
    "comma inside": -1.0,
    "quotation runs on": -3.0,  # an opening quotation mark not closed: the sentence goes on
    "next line opens a paragraph": 2.0,  # a run-in head, or an indented first line
    "a phrase alone over a run-in head": 1.5,  # a block's one line, no punctuation, and a run-in head under it
    "alone between two paragraphs": 1.5,  # unfinished, after a paragraph's end and before an indented line
    "word across the break": -2.5,  # 纠纷线|索: one word, so one sentence
    "ends on a word that leads on": -2.0,  # 所在的 | 雾岭: a particle, preposition or conjunction
    "next line opens on a particle": -3.0,  # 群众的认可是最好 | 的褒奖: 的 follows the word before it
    "last phrase cut short": -2.0,  # 一、织密监管网：让 | 矫正对象…: a phrase of one or two characters
    "broken number or Latin word": -3.0,  # 168. | 3万
    "number runs on into its unit": -2.0,  # 426 | 名
    "second line follows": -2.0,  # the line below is short and unfinished: the heading's own second line
    "set apart by blank lines": 2.5,  # where blank lines separate blocks (two in double-spaced text): a block alone
    "blank line after it": 1.5,  # where blank lines separate blocks
    "no blank line after it": -3.0,  # ... and none follows, though one came before
    "no blank line before it": -1.5,  # where blank lines separate blocks
    "extra blank lines after it": 1.0,  # where a blank line follows every line
    "extra blank lines before it only": -2.0,  # where a blank line follows every line: a paragraph break above it
    "opens the article's text": -2.0,  # right under the headline and byline: the lead paragraph's first line
    "after a sentence inside a paragraph": -1.0,  # the paragraph's last line filled the column
    "indented first line continued": -2.0,  # a paragraph's first line, the next line goes on
    "a gap between its lines": -3.0,  # two lines with more blank lines between them than a paragraph's lines have
    "indented first line above": -2.0,  # where the stretch indents: two lines of a paragraph's start
    "prose line over a full line": -2.0,  # where paragraphs are indented
    # --- personal name (seedtext/names.py): is a surname such as 余 or 于 here a person's name?
    "a surname is seldom a name": -2.0,  # 余 is mostly 'more than', 于 mostly 'at', 范 mostly a model
    "tagged as a person's name": 2.0,  # jieba's part of speech: 范小红/nr (its guess for a word it lacks: 于治/nr)
    "a full name": 1.0,  # a surname and a given name of two characters (范小红); 大于治 is not one
    "the surname reads as a word of its own": -1.5,  # 于/p|家中: 于 a preposition (at home), 于海涛 a name
    "one word of the dictionary": -2.0,  # 余额, 范围: a word jieba knows and does not tag as a name
    "a title before": 2.5,  # 副书记余海波, 民警于小燕: a person's title or role just before
    "speaks next": 2.0,  # 余海波说, 于小燕告诉记者: a verb of saying just after
    "a word OpenCC converts as one": -3.0,  # 谷梁传 (穀梁傳) is a book: OpenCC's tables know it as a word
    "named the way people are addressed": 4.0,  # 余奶奶, 范师傅, 于所长, 老余, 小范: a surname, addressed
    "ends like a place": -3.0,  # 岳麓山, 岳塘区: jieba's dictionary tags some places as names
}


@dataclass(frozen=True)
class Fill:
    """How full a line is: its width and its stretch's column (what the signs of a line's fill measured)."""

    line: int
    width: float
    column: float
    first_line: bool = False  # measured as a paragraph's indented first line

    def __str__(self) -> str:
        return f"{'an indented first line: ' if self.first_line else ''}{self.width:g} of {self.column:g}"


@dataclass(frozen=True)
class Evidence:
    """One sign seen at a decision, with its weight (from WEIGHTS, or DECISIVE). `detail`: what was seen, as
    --explain prints it in brackets: a line's fill, the text that showed the sign (Quoted), a count, or a
    word naming which form of the sign it was (its own wording in notes.WORDING, "sign (word)", if any)."""

    sign: str
    weight: float
    detail: str | int | Fill = ""

    def __str__(self) -> str:
        return f"{self.sign}{f' ({self.detail})' if self.detail else ''} {self.weight:+g}"

    def note(self) -> Note:
        """The sign in the 原文对照 page's words, with its figures."""
        detail = self.detail
        if isinstance(detail, Fill):
            key = f"{self.sign} (indented first line)" if detail.first_line else self.sign
            return Note.of(key, line=Lines(detail.line), width=detail.width, column=detail.column)
        if isinstance(detail, Quoted):
            return Note.of(self.sign, text=detail)
        if isinstance(detail, int):
            return Note.of(self.sign, count=detail)
        form = f"{self.sign} ({detail})"
        return Note.of(form if detail and form in WORDING else self.sign)


@dataclass(frozen=True)
class Decision:
    """A question answered from its evidence: yes when the weights sum above zero."""

    question: str
    evidence: tuple[Evidence, ...]

    @property
    def score(self) -> float:
        return sum(e.weight for e in self.evidence)

    @property
    def verdict(self) -> bool:
        return self.score > 0

    @property
    def margin(self) -> float:
        """How sure: the distance of the sum from the balance point."""
        return abs(self.score)

    @property
    def decisive(self) -> bool:
        return any(abs(e.weight) >= DECISIVE for e in self.evidence)

    @property
    def weighed_margin(self) -> float | None:
        """The margin an edit records: None where a sign settled the question (nothing was weighed)."""
        return None if self.decisive else self.margin

    def reasons(self, note: Note) -> Note:
        """`note` with the signs that agree with the verdict after it, and those against it; where a sign
        settled the question, that sign alone."""
        if self.decisive:
            return note.with_reasons((self.evidence[-1].note(),))
        agree = tuple(e.note() for e in self.evidence if (e.weight > 0) == self.verdict and e.weight)
        disagree = tuple(e.note() for e in self.evidence if (e.weight > 0) != self.verdict and e.weight)
        return note.with_reasons(agree, disagree)

    def explain(self) -> str:
        """`yes (+3.5): a; b` — the verdict, the sum and the signs for and against."""
        pro = [str(e) for e in self.evidence if e.weight > 0]
        con = [str(e) for e in self.evidence if e.weight < 0]
        answer = "yes" if self.verdict else "no"
        return (f"{self.question} {answer} ({self.score:+g}): "
                f"for: {'; '.join(pro) or '-'}; against: {'; '.join(con) or '-'}")


class Weighing:
    """Collects the signs of one decision."""

    def __init__(self, question: str) -> None:
        self.question = question
        self.evidence: list[Evidence] = []

    def saw(self, sign: str, detail: str | int | Fill = "", scale: float = 1.0) -> None:
        self.evidence.append(Evidence(sign, WEIGHTS[sign] * scale, detail))

    def settled(self, sign: str, yes: bool) -> Decision:
        """A sign that decides on its own (an override, punctuation that cannot start a line)."""
        self.evidence.append(Evidence(sign, DECISIVE if yes else -DECISIVE))
        return self.decision()

    def decision(self) -> Decision:
        return Decision(self.question, tuple(self.evidence))


def is_doubtful(margin: float | None) -> bool:
    """A weighed decision (an edit's margin) closer than DOUBTFUL_MARGIN to the balance point."""
    return margin is not None and margin < DOUBTFUL_MARGIN


def doubtful(edits: Iterable[Edit]) -> list[Edit]:
    """The weighed decisions an editor should check first, the closest first (raw line order among equals)."""
    return sorted((e for e in edits if is_doubtful(e.margin)), key=lambda e: (e.margin, e.line))
