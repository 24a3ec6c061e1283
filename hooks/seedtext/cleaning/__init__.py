"""The cleaner: raw seed text -> articles, as a careful copy editor would set them.

A pipeline of small named steps over numbered lines (`STEPS`, in the order they run), each
recording its edits with the raw line number and its own name:

  read_lines         markup off (logged as removals), half-width punctuation in Chinese context
  move_lines         an editor's `move` overrides: text back in print order
  line_kinds         filler, running heads, image markers, captions, headings; editor overrides
  interruptions      adverts and captions left in a page break, slogans that head nothing
  page_banner        a banner above the article's title becomes its kicker
  title_block        title (+ subtitle, byline) of each article; one file may hold several
  framed_captions    lines set off by blank lines that read as one photo caption (weighed)
  wrapped_captions   a caption the photo's width wrapped, with its credit
  paragraphs         hard-wrapped lines -> paragraphs and headings, each boundary weighed from its
                     evidence against the layout of its stretch (column, blank-line habit, indent)
  display_lines      several headings in a row are display lines
  weak_captions      short sentences set off like captions
  gaps               gap marks where a page is missing
  metadata_overrides the editor's title, subtitle, city, period, authors

Then a check (not a step: it changes nothing): quotation marks that do not pair up are warned
(quotecheck.py), naming the raw line.

`python hooks/clean.py SEED --explain` prints every edit (`--by-step` groups them by step).
"""

from __future__ import annotations

import re
from collections import Counter

from ..config import CleaningOptions
from ..model import Article, Block, BlockKind, CleanResult, Edit, EditKind, Notice
from ..overrides import Overrides, checked_overrides, lines_in_seed
from ..steps import Step, step
from .articles import TitleBlock, apply_title_block, find_title_blocks, page_banner
from .captions import framed_captions, mark_weak_captions, wrapped_captions
from .draft import Draft
from .gaps import mark_gaps
from .headings import mark_heading_runs, rank_headings
from .lines import NOT_TEXT, Line, LineKind, read_lines
from .paragraphs import build_blocks
from .quotecheck import check_quotes
from .roles import Vocabulary, mark_interruptions, mark_line_kinds
from .text import PROSE_PUNCT, despace_headline

_YEAR = re.compile(r"(?<!\d)(20\d\d|19\d\d)(?:年|(?=[-—~至到]\d{4}))")
_YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-—~至到]\s*((?:19|20)\d\d)年")
_PLAN = re.compile(r"[“\"]?([一二三四五六七八九十]{2,3}五)[”\"]?")


def clean(text: str, source: str, options: CleaningOptions, overrides: object = None) -> CleanResult:
    """The articles of one seed, every edit and every notice. `overrides`: the seed's overrides file as read
    (YAML), checked here (its problems are the seed's warnings)."""
    overrides, problems = checked_overrides(overrides)
    overrides, past = lines_in_seed(overrides, text.count("\n") + 1)
    vocab = Vocabulary(options)
    edits: list[Edit] = []
    warnings: list[Notice] = [Notice(0, "", str(problem)) for problem in [*problems, *past]]
    lines = read_lines(text, vocab.byline_markers, edits)
    lines = move_lines(lines, overrides.move, edits, warnings)
    mark_line_kinds(lines, vocab, overrides, edits)
    starts = find_title_blocks(lines, vocab, set(overrides.article_before))
    starts = keep_banner_as_kicker(starts, lines, edits)
    if not starts:
        content = [ln for ln in lines if ln.kind not in NOT_TEXT]
        if not content:
            return CleanResult([], edits, warnings)
        warnings.append(Notice(content[0].no, content[0].raw,
                                "no title found (a short line followed by a subtitle or byline): "
                                "set title: in the seed's overrides file"))
    articles = []
    for n, (lo, hi, block) in enumerate(_segments(lines, starts), 1):
        articles.append(_article(lines[lo:hi], block, source, vocab, overrides.of_article(n), edits))
    warnings += check_quotes(articles, {ln.no: ln.raw for ln in lines}, set(overrides.quotes_as_printed))
    warnings += [Notice(article.first_line, article.title, "this article has a title and no text (a missing page?): "
                        "check the seed against the printed paper")
                 for article in articles if not any(block.kind == BlockKind.PARAGRAPH for block in article.blocks)]
    return CleanResult(articles, edits, warnings)


@step("page_banner")
def keep_banner_as_kicker(starts: list[tuple[int, TitleBlock]], lines: list[Line],
                          edits: list[Edit]) -> list[tuple[int, TitleBlock]]:
    """A page banner above the article's own title block, or a page's masthead (枫源日报 / a date / 第5版:
    no sentence under it before the article's head), is kept as the article's kicker, not published as
    an article of its own with no text."""
    banner = page_banner(starts)
    why = "page banner above the article's own title: kept as its kicker"
    if not banner and _masthead(starts, lines):
        banner, why = starts[0][1], "a page's masthead above the article's head, no text of its own: kept as its kicker"
    if not banner:
        return starts
    for line in banner.lines:
        line.kind = LineKind.KICKER
        edits.append(Edit(EditKind.KICKER, line.no, why))
    return starts[1:]


def _masthead(starts: list[tuple[int, TitleBlock]], lines: list[Line]) -> bool:
    """The file opens with a title block that has no sentence under it (a date, 第5版) before a strong
    article head (a dashed subtitle or a byline)."""
    if len(starts) < 2 or starts[0][1].strong or not starts[1][1].strong:
        return False
    own = {id(line) for line in starts[0][1].lines}
    under = [ln for ln in lines[starts[0][0]:starts[1][0]] if id(ln) not in own and ln.kind not in NOT_TEXT]
    return not any(PROSE_PUNCT.search(ln.raw) for ln in under)


@step("move_lines")
def move_lines(lines: list[Line], moves: list[tuple[int, int, int]], edits: list[Edit],
               warnings: list[Notice]) -> list[Line]:
    """Editor overrides `move: [{lines: 480-495, before: 133}, …]`: raw lines a–b go before raw line c,
    for text the extraction put out of print order. Applied in the order listed; line numbers stay
    the raw ones. A move that names no line of the seed is reported and skipped."""
    for first, last, target in moves:
        moved = [ln for ln in lines if first <= ln.no <= last]
        rest = [ln for ln in lines if not first <= ln.no <= last]
        anchor = min((ln.no for ln in rest if ln.no >= target), default=None)  # a blank target: the next line
        at = next((k for k, ln in enumerate(rest) if ln.no == anchor), None)
        if not moved or at is None or first <= target <= last:
            warnings.append(Notice(0, "", f"move of lines {first}-{last} before line {target} skipped: "
                                          "no text on those lines, or no line after them to go before"))
            continue
        lines = rest[:at] + moved + rest[at:]
        span_text = f"lines {first}-{last}" if last > first else f"line {first}"
        edits.append(Edit(EditKind.OVERRIDE, first, f"{span_text} moved before line {target} (overrides: move)"))
    return lines


def _segments(lines: list[Line], starts: list[tuple[int, TitleBlock]]):
    """(first index, end index, title block) per article. Text before the first title block (a page
    that came before the headline in the extraction) belongs to the first article."""
    if not starts:
        yield 0, len(lines), None
        return
    bounds = [i for i, _ in starts] + [len(lines)]
    for k, (i, block) in enumerate(starts):
        yield (0 if k == 0 else i), bounds[k + 1], block


def _article(lines: list[Line], block: TitleBlock | None, source: str, vocab: Vocabulary, overrides: Overrides,
             edits: list[Edit]) -> Article:
    head_lines = block.lines if block else []
    meta = apply_title_block(block, vocab, edits) if block else {"title": "", "subtitle": "", "authors": [],
                                                                  "roles": {}, "byline": ""}
    kickers = [ln for ln in lines if ln.kind == LineKind.KICKER]
    head_lines = kickers + head_lines
    body = [ln for ln in lines if ln not in head_lines]
    drafts = build_blocks(body, vocab, overrides, edits)
    rank_headings(drafts)
    mark_heading_runs(drafts, edits)
    mark_weak_captions(drafts, vocab, edits)
    drafts = mark_gaps(drafts, vocab, edits)
    first = head_lines[0].no if head_lines else (body[0].no if body else 1)
    article = Article(title=meta["title"], source=source, first_line=first, subtitle=meta["subtitle"],
                      authors=meta["authors"], roles=meta["roles"], byline=meta["byline"],
                      kicker=" ".join(despace_headline(ln.text) for ln in kickers),
                      blocks=[_block(d, vocab) for d in drafts],
                      head=[Block(BlockKind(ln.kind),
                                  despace_headline(ln.text) if ln.kind == LineKind.KICKER else ln.text,
                                  ln.no, ln.no, sources=(ln.no,)) for ln in head_lines])
    article.city = _city(article, vocab)
    article.period = _period(article)
    _apply_metadata_overrides(article, overrides, edits)
    if not article.title:
        article.title = source.rsplit(".", 1)[0]
    return article


def _block(draft: Draft, vocab: Vocabulary) -> Block:
    numbers = tuple(ln.no for ln in draft.lines)
    if draft.kind == BlockKind.GAP:
        return Block(BlockKind.GAP, vocab.gap_mark, numbers[0], numbers[0])
    return Block(draft.kind, draft.text, numbers[0], numbers[-1], draft.level, numbers)


def _city(article: Article, vocab: Vocabulary) -> str:
    """The city the title or subtitle names, else the one the text names most."""
    for text in (article.title, article.subtitle):
        for city in vocab.cities:
            if city in text:
                return city
    body = "".join(b.text for b in article.blocks)
    counts = Counter({city: body.count(city) for city in vocab.cities})
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] else ""


def _period(article: Article) -> str:
    """The year or plan period the headline states (2025, 十四五, 2019-2021), else a year the text
    itself names far more than any other."""
    for text in (article.title, article.subtitle):
        m = _YEAR_RANGE.search(text)
        if m:
            return f"{m.group(1)}-{m.group(2)}"
        m = _YEAR.search(text)
        if m:
            return m.group(1)
        m = _PLAN.search(text)
        if m:
            return m.group(1)
    body = "".join(b.text for b in article.blocks)
    plans = Counter(_PLAN.findall(body))
    years = Counter(_YEAR.findall(body))
    for counts in (plans, years):
        ranked = counts.most_common(2)
        if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            return ranked[0][0]
    return ""


@step("metadata_overrides")
def _apply_metadata_overrides(article: Article, overrides: Overrides, edits: list[Edit]) -> None:
    """The editor's title, subtitle, city, period and authors replace what the rules found."""
    for key in ("title", "subtitle", "city", "period"):
        value = getattr(overrides, key)
        if value is not None:
            setattr(article, key, value)
            edits.append(Edit(EditKind.OVERRIDE, article.first_line, f"{key} set to {value!r} by the overrides file"))
    if overrides.title is not None:
        # The raw title line's text is replaced, not lost silently: record it as a removal.
        for head in article.head:
            if head.kind == BlockKind.TITLE:
                edits.append(Edit(EditKind.REMOVE, head.first_line, "title replaced by the overrides file", head.text))
        article.head = [h for h in article.head if h.kind != BlockKind.TITLE]
    if overrides.authors:
        article.authors = list(overrides.authors)
        edits.append(Edit(EditKind.OVERRIDE, article.first_line, "authors set by the overrides file"))


# Every step of the cleaner, in the order clean() runs them (their names appear in --explain).
STEPS = tuple(Step.of(f) for f in (
    read_lines, move_lines, mark_line_kinds, mark_interruptions, keep_banner_as_kicker, apply_title_block,
    framed_captions, wrapped_captions, build_blocks, mark_heading_runs, mark_weak_captions, mark_gaps,
    _apply_metadata_overrides,
))
