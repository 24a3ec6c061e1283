"""The cleaner: raw seed text -> articles, as a careful copy editor would set them.

A pipeline of small passes over numbered lines, each recording its edits:

1. read_lines        markup off (logged as removals), half-width punctuation in Chinese context
2. mark_line_kinds   filler, image markers, unmistakable captions and headings, editor overrides
3. find_title_blocks title (+ subtitle, byline) of each article; one file may hold several
4. build_blocks      hard-wrapped lines -> paragraphs, headings, captions; spacing removed
5. mark_weak_captions, mark_gaps   short captions after images; gap marks where a page is missing
6. metadata          city and period from the text; overrides last

Every edit is an `Edit` with its raw line number: `python hooks/clean.py SEED --explain` prints them.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Article, Block, CleanResult, Edit, Notice
from ..overrides import checked_overrides
from .articles import TitleBlock, apply_title_block, find_title_blocks, page_banner
from .lines import Line, read_lines
from .paragraphs import Draft, build_blocks, mark_gaps, mark_heading_runs, mark_weak_captions, rank_headings
from .roles import Vocabulary, mark_line_kinds
from .text import despace_headline

_YEAR = re.compile(r"(?<!\d)(20\d\d|19\d\d)(?:年|(?=[-—~至到]\d{4}))")
_YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-—~至到]\s*((?:19|20)\d\d)年")
_PLAN = re.compile(r"[“\"]?([一二三四五六七八九十]{2,3}五)[”\"]?")


def clean(text: str, source: str, options: dict | None = None, overrides: dict | None = None) -> CleanResult:
    options = options or {}
    overrides, problems = checked_overrides(overrides)
    vocab = Vocabulary(options)
    edits: list[Edit] = []
    warnings: list[Notice] = [Notice(0, "", str(problem)) for problem in problems]
    lines = read_lines(text, vocab.byline_markers, edits)
    lines = move_lines(lines, overrides.get("move") or [], edits, warnings)
    mark_line_kinds(lines, vocab, overrides, edits)
    starts = find_title_blocks(lines, vocab, set(overrides.get("article_before", []) or []))
    banner = page_banner(starts)
    if banner:
        starts = starts[1:]
        for line in banner.lines:
            line.kind = "kicker"
            edits.append(Edit("kicker", line.no, "page banner above the article's own title: kept as its kicker"))
    if not starts:
        content = [ln for ln in lines if ln.kind not in ("filler", "marker", "gap")]
        if not content:
            return CleanResult([], edits, warnings)
        warnings.append(Notice(content[0].no, content[0].raw,
                                "no title found (a short line followed by a subtitle or byline): "
                                "set title: in the seed's overrides file"))
    articles = []
    for n, (lo, hi, block) in enumerate(_segments(lines, starts), 1):
        # Top-level title/subtitle/authors are the first article's; city and period apply to all.
        article_overrides = {key: value for key, value in overrides.items()
                             if key != "articles" and (n == 1 or key not in ("title", "subtitle", "authors"))}
        article_overrides.update((overrides.get("articles") or {}).get(n) or {})
        articles.append(_article(lines[lo:hi], block, source, vocab, article_overrides, edits))
    return CleanResult(articles, edits, warnings)


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
        edits.append(Edit("override", first, f"{span_text} moved before line {target} (overrides: move)"))
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


def _article(lines: list[Line], block: TitleBlock | None, source: str, vocab: Vocabulary, overrides: dict,
             edits: list[Edit]) -> Article:
    head_lines = block.lines if block else []
    meta = apply_title_block(block, vocab, edits) if block else {"title": "", "subtitle": "", "authors": [],
                                                                  "roles": {}, "byline": ""}
    kickers = [ln for ln in lines if ln.kind == "kicker"]
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
                      head=[Block(ln.kind, despace_headline(ln.text) if ln.kind == "kicker" else ln.text,
                                  ln.no, ln.no, sources=(ln.no,)) for ln in head_lines])
    article.city = _city(article, vocab)
    article.period = _period(article)
    _apply_metadata_overrides(article, overrides, edits)
    if not article.title:
        article.title = source.rsplit(".", 1)[0]
    return article


def _block(draft: Draft, vocab: Vocabulary) -> Block:
    numbers = tuple(ln.no for ln in draft.lines)
    if draft.kind == "gap":
        return Block("gap", vocab.gap_mark, numbers[0], numbers[0])
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


def _apply_metadata_overrides(article: Article, overrides: dict, edits: list[Edit]) -> None:
    for key in ("title", "subtitle", "city", "period"):
        if key in overrides and overrides[key] is not None:
            value = str(overrides[key])
            setattr(article, key, value)
            edits.append(Edit("override", article.first_line, f"{key} set to {value!r} by the overrides file"))
    if "title" in overrides:
        # The raw title line's text is replaced, not lost silently: record it as a removal.
        for head in article.head:
            if head.kind == "title":
                edits.append(Edit("remove", head.first_line, "title replaced by the overrides file", head.text))
        article.head = [h for h in article.head if h.kind != "title"]
    if overrides.get("authors"):
        article.authors = [str(a) for a in overrides["authors"]]
        edits.append(Edit("override", article.first_line, "authors set by the overrides file"))
