"""The cleaner: raw seed text -> articles, as a careful copy editor would set them.

`clean()` runs two plans of small named steps (seedtext/steps.py) over the seed's numbered lines:
`SEED_STEPS` once per seed file, up to where its articles start, then `ARTICLE_STEPS` once per article.
The steps are registered below in the order they run, and only there: each takes the cleaning state and
returns the next state and its changes, which the plan records as edits naming the step.
`python hooks/clean.py --steps` prints the table of steps; `python hooks/clean.py SEED --explain` prints
every edit (`--by-step` groups them by step).

Then the checks (not steps: they change nothing): quotation marks that do not pair up (quotecheck.py),
naming the raw line, and an article with a title and no text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..config import CleaningOptions
from ..model import Article, Block, BlockKind, Change, CleanResult, EditKind, Notice
from ..notes import Lines, Note, Quoted, Say
from ..overrides import Overrides, checked_overrides, lines_in_seed
from ..printed import Printed, RunningHead, one_value, paper_before_role
from ..steps import Plan
from .articles import TitleBlock, apply_title_block, find_title_blocks, page_banner
from .captions import caption_leads, framed_captions, mark_weak_captions, wrapped_captions
from .draft import Draft
from .gaps import mark_gaps
from .headings import drop_slogans, mark_heading_runs, prose_in_headlines, rank_headings
from .lines import NOT_TEXT, Line, LineKind, headline_text, read_lines
from .paragraphs import build_blocks
from .quotecheck import check_quotes
from .roles import Vocabulary, byline_parts, mark_interruptions, mark_line_kinds, running_head
from .text import PROSE_PUNCT

_YEAR = re.compile(r"(?<!\d)(20\d\d|19\d\d)(?:年|(?=[-—~至到]\d{4}))")
_YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-—~至到]\s*((?:19|20)\d\d)年")
_PLAN = re.compile(r"[“\"]?([一二三四五六七八九十]{2,3}五)[”\"]?")
# What the notes call each field of where an article was printed, and each field an editor may set.
PRINTED_SAID = {"paper": Say.PAPER, "date": Say.DATE, "page": Say.PAGE}
OVERRIDDEN_SAID = {"title": Say.TITLE_FIELD, "subtitle": Say.SUBTITLE_FIELD, "city": Say.CITY_FIELD,
                   "period": Say.PERIOD_FIELD}


def clean(text: str, source: str, options: CleaningOptions, overrides: object = None) -> CleanResult:
    """The articles of one seed, every edit and every notice. `overrides`: the seed's overrides file as read
    (YAML), checked here (its problems are the seed's warnings)."""
    overrides, problems = checked_overrides(overrides)
    overrides, past = lines_in_seed(overrides, text.count("\n") + 1)
    vocab = Vocabulary(options)
    warnings: list[Notice] = [Notice(0, "", str(problem)) for problem in [*problems, *past]]
    seed, edits = SEED_STEPS.run(SeedState(text, vocab, overrides, tuple(warnings)))
    lines, starts, warnings = seed.lines, seed.starts, list(seed.warnings)
    if not starts:
        content = [ln for ln in lines if ln.kind not in NOT_TEXT]
        if not content:
            return CleanResult([], edits, warnings)
        warnings.append(Notice(content[0].no, content[0].raw,
                                "no title found (a short line followed by a subtitle or byline): "
                                "set title: in the seed's overrides file"))
    articles = []
    for n, (lo, hi, block) in enumerate(_segments(lines, starts), 1):
        part, article_edits = ARTICLE_STEPS.run(ArticleState(lines[lo:hi], block, source, vocab,
                                                             overrides.of_article(n)))
        articles.append(part.article)
        edits += article_edits
    warnings += check_quotes(articles, {ln.no: ln.raw for ln in lines}, set(overrides.quotes_as_printed))
    warnings += [Notice(article.first_line, article.title, "this article has a title and no text (a missing page?): "
                        "check the seed against the printed paper")
                 for article in articles if not any(block.kind == BlockKind.PARAGRAPH for block in article.blocks)]
    return CleanResult(articles, edits, warnings)


@dataclass(frozen=True)
class SeedState:
    """What the seed's steps take and hand on: the raw text, then its numbered lines and where its articles
    start. A step hands on a new state for what it makes anew (lines, starts, warnings); the lines are the
    cleaner's working copies, which steps mark in place (kind, text)."""

    text: str
    vocab: Vocabulary
    overrides: Overrides  # the seed's overrides, checked
    warnings: tuple[Notice, ...] = ()
    lines: list[Line] = field(default_factory=list)
    starts: list[tuple[int, TitleBlock]] = field(default_factory=list)  # per article: (index in lines, head)


@dataclass(frozen=True)
class ArticleState:
    """What an article's steps take and hand on: its part of the seed's lines and its title block, then the
    metadata its head gives, its head and body lines, its blocks in the making (drafts) and at last the
    article. Lines and drafts are marked in place, as in SeedState."""

    lines: list[Line]
    block: TitleBlock | None
    source: str  # the seed's file name
    vocab: Vocabulary
    overrides: Overrides  # the seed's overrides as they apply to this article (Overrides.of_article)
    meta: dict = field(default_factory=dict)  # title, subtitle, authors, roles, byline: from the title block
    kickers: list[Line] = field(default_factory=list)
    head: list[Line] = field(default_factory=list)  # kicker, title, subtitle and byline lines
    body: list[Line] = field(default_factory=list)
    caption_tails: frozenset[int] = frozenset()  # raw lines that go on a caption begun above them
    drafts: list[Draft] = field(default_factory=list)
    article: Article | None = None


SEED_STEPS: Plan[SeedState] = Plan("per seed")
ARTICLE_STEPS: Plan[ArticleState] = Plan("per article")
PLANS = (SEED_STEPS, ARTICLE_STEPS)  # in the order clean() runs them


@SEED_STEPS.step("read_lines")
def _read_lines(seed: SeedState) -> tuple[SeedState, list[Change]]:
    """Numbered lines with their blank lines around them; Markdown and byline markers off (logged as
    removals), half-width punctuation next to Chinese made full-width."""
    changes: list[Change] = []
    return replace(seed, lines=read_lines(seed.text, seed.vocab.byline_markers, changes)), changes


@SEED_STEPS.step("move_lines")
def _move_lines(seed: SeedState) -> tuple[SeedState, list[Change]]:
    """An editor's `move` overrides: text the extraction put out of print order goes back."""
    changes: list[Change] = []
    warnings: list[Notice] = []
    lines = move_lines(seed.lines, seed.overrides.move, changes, warnings)
    return replace(seed, lines=lines, warnings=seed.warnings + tuple(warnings)), changes


@SEED_STEPS.step("line_kinds")
def _line_kinds(seed: SeedState) -> tuple[SeedState, list[Change]]:
    """Filler, running heads, image numbers, unmistakable captions, headings marked in Markdown and
    two-part headlines; an editor's overrides win."""
    changes: list[Change] = []
    mark_line_kinds(seed.lines, seed.vocab, seed.overrides, changes)
    return seed, changes


@SEED_STEPS.step("interruptions")
def _interruptions(seed: SeedState) -> tuple[SeedState, list[Change]]:
    """Adverts and captions a page break left inside a sentence, and slogans that head nothing."""
    changes: list[Change] = []
    mark_interruptions(seed.lines, seed.vocab, changes)
    return seed, changes


@SEED_STEPS.step("article_starts")
def _article_starts(seed: SeedState) -> tuple[SeedState, list[Change]]:
    """Where each article starts: a title with a subtitle or byline under it, or the text's first line;
    one file may hold several. The title_block step records how each head was read."""
    starts = find_title_blocks(seed.lines, seed.vocab, set(seed.overrides.article_before))
    return replace(seed, starts=starts), []


@SEED_STEPS.step("page_banner")
def _page_banner(seed: SeedState) -> tuple[SeedState, list[Change]]:
    """A page banner or a page's masthead above the article's own head becomes its kicker."""
    changes: list[Change] = []
    return replace(seed, starts=keep_banner_as_kicker(seed.starts, seed.lines, changes)), changes


@ARTICLE_STEPS.step("title_block")
def _title_block(part: ArticleState) -> tuple[ArticleState, list[Change]]:
    """The article's head: title (a doubled title collapsed), subtitle or kicker line, and bylines read
    into roles and authors."""
    changes: list[Change] = []
    meta = apply_title_block(part.block, part.vocab, changes) if part.block else {
        "title": "", "subtitle": "", "authors": [], "roles": {}, "byline": ""}
    kickers = [ln for ln in part.lines if ln.kind == LineKind.KICKER]
    head = kickers + (part.block.lines if part.block else [])
    body = [ln for ln in part.lines if ln not in head]
    return replace(part, meta=meta, kickers=kickers, head=head, body=body), changes


@ARTICLE_STEPS.step("prose_in_headlines")
def _prose_in_headlines(part: ArticleState) -> tuple[ArticleState, list[Change]]:
    """A spaced line taken for a two-part headline right after an unfinished sentence is prose with OCR
    spaces."""
    changes: list[Change] = []
    prose_in_headlines(part.body, changes)
    return part, changes


@ARTICLE_STEPS.step("framed_captions")
def _framed_captions(part: ArticleState) -> tuple[ArticleState, list[Change]]:
    """Lines set off by blank lines that read as one photo caption (weighed)."""
    changes: list[Change] = []
    tails = framed_captions(part.body, part.vocab, changes)
    return replace(part, caption_tails=part.caption_tails | tails), changes


@ARTICLE_STEPS.step("wrapped_captions")
def _wrapped_captions(part: ArticleState) -> tuple[ArticleState, list[Change]]:
    """A caption the photo's width wrapped, with its credit."""
    changes: list[Change] = []
    tails = wrapped_captions(part.body, part.vocab, changes)
    return replace(part, caption_tails=part.caption_tails | tails), changes


@ARTICLE_STEPS.step("caption_leads")
def _caption_leads(part: ArticleState) -> tuple[ArticleState, list[Change]]:
    """A caption's lead sentence begun on the lines above its mark's line."""
    changes: list[Change] = []
    tails = caption_leads(part.body, part.vocab, changes)
    return replace(part, caption_tails=part.caption_tails | tails), changes


@ARTICLE_STEPS.step("paragraphs")
def _paragraphs(part: ArticleState) -> tuple[ArticleState, list[Change]]:
    """Hard-wrapped lines joined into paragraphs and headings, each boundary weighed from its evidence
    against the layout of its stretch (column, blank-line habit, indent); captions set after the
    paragraph they interrupt."""
    changes: list[Change] = []
    drafts = build_blocks(part.body, part.vocab, part.overrides, part.caption_tails, changes,
                          under_byline=any(line.kind == LineKind.BYLINE for line in part.head))
    return replace(part, drafts=drafts), changes


@ARTICLE_STEPS.step("slogans")
def _slogans(part: ArticleState) -> tuple[ArticleState, list[Change]]:
    """A slogan set between sections, found as a heading that heads nothing, is filler."""
    changes: list[Change] = []
    drop_slogans(part.drafts, changes)
    return part, changes


@ARTICLE_STEPS.step("heading_levels")
def _heading_levels(part: ArticleState) -> tuple[ArticleState, list[Change]]:
    """Heading levels from the article's own Markdown ranks (### under ##)."""
    changes: list[Change] = []
    rank_headings(part.drafts, changes)
    return part, changes


@ARTICLE_STEPS.step("display_lines")
def _display_lines(part: ArticleState) -> tuple[ArticleState, list[Change]]:
    """Three or more headings in a row are display lines."""
    changes: list[Change] = []
    mark_heading_runs(part.drafts, changes)
    return part, changes


@ARTICLE_STEPS.step("weak_captions")
def _weak_captions(part: ArticleState) -> tuple[ArticleState, list[Change]]:
    """Short sentences set off like captions, or trailing the article, are captions."""
    changes: list[Change] = []
    mark_weak_captions(part.drafts, part.vocab, changes)
    return part, changes


@ARTICLE_STEPS.step("gaps")
def _gaps(part: ArticleState) -> tuple[ArticleState, list[Change]]:
    """Gap marks where a page is missing: text that starts or breaks off mid-sentence."""
    changes: list[Change] = []
    return replace(part, drafts=mark_gaps(part.drafts, part.vocab, changes)), changes


@ARTICLE_STEPS.step("article")
def _article(part: ArticleState) -> tuple[ArticleState, list[Change]]:
    """The article: its head, kicker and blocks, and the city and period it names."""
    changes: list[Change] = []
    meta, head, body = part.meta, part.head, part.body
    kicker_text = {ln.no: headline_text(ln, changes) for ln in part.kickers}
    first = head[0].no if head else (body[0].no if body else 1)
    article = Article(title=meta["title"], source=part.source, first_line=first, subtitle=meta["subtitle"],
                      authors=meta["authors"], roles=meta["roles"], byline=meta["byline"],
                      kicker=" ".join(kicker_text.values()),
                      blocks=[_block(d, part.vocab) for d in part.drafts],
                      head=[Block(BlockKind(ln.kind), kicker_text.get(ln.no, ln.text), ln.no, ln.no, sources=(ln.no,))
                            for ln in head])
    article.city = _city(article, part.vocab)
    article.period = _period(article)
    return replace(part, article=article), changes


@ARTICLE_STEPS.step("printed")
def _printed(part: ArticleState) -> tuple[ArticleState, list[Change]]:
    """The paper, issue date and page where the text says them once and plainly: the paper a byline names
    before its role word, the date, page and paper of the article's running page heads. Two sources that
    disagree give nothing."""
    found: dict[str, list[tuple[object, int, str, Say]]] = {"paper": [], "date": [], "page": []}
    for line in part.head:
        if line.kind == LineKind.BYLINE:
            for role, _, _ in byline_parts(line.text, part.vocab, line.byline_marker) or []:
                paper = paper_before_role(role, part.vocab.role_word(role)) if role else ""
                if paper:
                    found["paper"].append((paper, line.no, "the byline", Say.PRINTED_FROM_BYLINE))
    for line in part.lines:
        if line.kind == LineKind.FILLER and running_head(line.text, part.vocab):
            head = RunningHead.read(line.text)
            for key, value in (("paper", head.paper), ("date", head.date), ("page", head.page)):
                if value:
                    found[key].append((value, line.no, "a running page head", Say.PRINTED_FROM_RUNNING_HEAD))
    values, changes = {}, []
    for key, sources in found.items():
        value = one_value(v for v, _, _, _ in sources)
        if value is not None:
            values[key] = value
            _, line, where, said = sources[0]
            changes.append(Change(EditKind.PRINTED, line, f"{key}: {value} (from {where})",
                                  note=Note.of(said, what=Note.of(PRINTED_SAID[key]), value=_as_printed(key, value))))
        elif sources:
            given = sorted({str(v) for v, _, _, _ in sources})
            changes.append(Change(EditKind.PRINTED, sources[0][1],
                                  f"{key}: not set, the text gives " + ", ".join(given),
                                  note=Note.of(Say.PRINTED_UNSET, what=Note.of(PRINTED_SAID[key]),
                                               values=tuple(_as_printed(key, v) for v in given))))
    part.article.printed = Printed(**values)
    return part, changes


@ARTICLE_STEPS.step("metadata_overrides")
def _metadata_overrides(part: ArticleState) -> tuple[ArticleState, list[Change]]:
    """The editor's title, subtitle, city, period, authors, paper, date and page replace what the rules
    found."""
    changes: list[Change] = []
    _apply_metadata_overrides(part.article, part.overrides, changes)
    return part, changes


@ARTICLE_STEPS.step("title_from_file_name")
def _title_from_file_name(part: ArticleState) -> tuple[ArticleState, list[Change]]:
    """An article with no title, found or given, takes its seed's file name as its title."""
    if part.article.title:
        return part, []
    part.article.title = part.source.rsplit(".", 1)[0]
    return part, [Change(EditKind.TITLE, part.article.first_line,
                         f"title: {part.article.title!r} (no title found or given: the seed's file name)",
                         note=Note.of(Say.TITLE_FROM_FILE_NAME, name=Quoted(part.article.title)))]


def _as_printed(key: str, value: object) -> object:
    """A value of where an article was printed, as a note shows it: the paper and page as the text prints them,
    the date as a date (the text writes it many ways)."""
    return str(value) if key == "date" else Quoted(value)


def keep_banner_as_kicker(starts: list[tuple[int, TitleBlock]], lines: list[Line],
                          changes: list[Change]) -> list[tuple[int, TitleBlock]]:
    """A page banner above the article's own title block, or a page's masthead (枫源日报 / a date / 第5版:
    no sentence under it before the article's head), is kept as the article's kicker, not published as
    an article of its own with no text."""
    banner = page_banner(starts)
    why, said = "page banner above the article's own title: kept as its kicker", Say.BANNER_KICKER
    if not banner and _masthead(starts, lines):
        banner, why = starts[0][1], "a page's masthead above the article's head, no text of its own: kept as its kicker"
        said = Say.MASTHEAD_KICKER
    if not banner:
        return starts
    for line in banner.lines:
        line.kind = LineKind.KICKER
        changes.append(Change(EditKind.KICKER, line.no, why, note=Note.of(said)))
    return starts[1:]


def _masthead(starts: list[tuple[int, TitleBlock]], lines: list[Line]) -> bool:
    """The file opens with a title block that has no sentence under it (a date, 第5版) before a strong
    article head (a dashed subtitle or a byline)."""
    if len(starts) < 2 or starts[0][1].strong or not starts[1][1].strong:
        return False
    own = {id(line) for line in starts[0][1].lines}
    under = [ln for ln in lines[starts[0][0]:starts[1][0]] if id(ln) not in own and ln.kind not in NOT_TEXT]
    return not any(PROSE_PUNCT.search(ln.raw) for ln in under)


def move_lines(lines: list[Line], moves: list[tuple[int, int, int]], changes: list[Change],
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
        changes.append(Change(EditKind.OVERRIDE, first, f"{span_text} moved before line {target} (overrides: move)",
                              note=Note.of(Say.MOVED, lines=Lines(first, last), before=target)))
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


def _apply_metadata_overrides(article: Article, overrides: Overrides, changes: list[Change]) -> None:
    """The editor's title, subtitle, city, period and authors replace what the rules found."""
    printed = {key: getattr(overrides, key) for key in ("paper", "date", "page") if getattr(overrides, key)}
    if printed:
        article.printed = replace(article.printed, **printed)
        changes += [Change(EditKind.PRINTED, article.first_line, f"{key}: {value} (from the overrides file)",
                           note=Note.of(Say.PRINTED_FROM_OVERRIDES, what=Note.of(PRINTED_SAID[key]), value=str(value)))
                    for key, value in printed.items()]
    for key in ("title", "subtitle", "city", "period"):
        value = getattr(overrides, key)
        if value is not None:
            setattr(article, key, value)
            changes.append(Change(EditKind.OVERRIDE, article.first_line,
                                  f"{key} set to {value!r} by the overrides file",
                                  note=Note.of(Say.SET_BY_EDITOR, what=Note.of(OVERRIDDEN_SAID[key]), value=value)))
    if overrides.title is not None:
        # The raw title line's text is replaced, not lost silently: record it as a removal.
        for head in article.head:
            if head.kind == BlockKind.TITLE:
                changes.append(Change(EditKind.REMOVE, head.first_line, "title replaced by the overrides file",
                                      head.text, note=Note.of(Say.TITLE_REPLACED)))
        article.head = [h for h in article.head if h.kind != BlockKind.TITLE]
    if overrides.authors:
        article.authors = list(overrides.authors)
        changes.append(Change(EditKind.OVERRIDE, article.first_line, "authors set by the overrides file",
                              note=Note.of(Say.AUTHORS_BY_EDITOR)))

