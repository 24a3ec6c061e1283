"""Where and when an article was printed: the paper, the date of the issue and the page (版次), as a
reader cites it. Nothing here is guessed: a value is the editor's (the seed's overrides file) or read
from the text where the text says it once and plainly (the paper before a byline's role word, a
running page head with the date and page); otherwise it is unknown and the page shows nothing for it.

The citation follows GB/T 7714-2015 for a newspaper article read online (its 4.4 and 8.x):
`作者. 题名[N/OL]. 报纸名, 出版日期(版次)[引用日期]. 获取和访问路径.`
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# A page of the paper (版次) as an editor writes it: A05, 5, 第5版, A05版.
PAGE = re.compile(r"^\s*第?\s*([A-Z]?\d{1,3})\s*版?\s*$")
_HEAD_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_HEAD_PAGE = re.compile(r"第\s*(\d{1,3})\s*版|(?<![A-Za-z0-9])([A-Z]\d{1,2})\s*版?(?![A-Za-z0-9])")
_HEAD_PAPER = re.compile(r"[^\s\d\W]{2,8}?(?:日报|晚报)")  # letters, no digits: 株洲日报, not 2025年12月30日报
OWN_PAPER = "本报"  # "this paper": names no paper
AUTHORS_SHOWN = 3  # GB/T 7714: three authors, then 等


@dataclass(frozen=True, kw_only=True)
class Printed:
    """An article's paper, issue date and page; "" or None where unknown."""

    paper: str = ""
    date: datetime.date | None = None
    page: str = ""  # A05, 5

    def __bool__(self) -> bool:
        return bool(self.paper or self.date or self.page)

    def line(self, date_shown: Callable[[str], str] = str) -> str:
        """As shown under the headline: 株洲日报 · 2025年12月30日 · 第A05版; `date_shown` makes the date a
        link (Markdown on the listings, HTML on the article)."""
        day = date_shown(chinese_date(self.date)) if self.date else ""
        return " · ".join(part for part in (self.paper, day, page_label(self.page)) if part)


def chinese_date(date: datetime.date | None) -> str:
    return f"{date.year}年{date.month}月{date.day}日" if date else ""


def page_label(page: str) -> str:
    return f"第{page}版" if page else ""


def page_of(value: object) -> str | None:
    """A page as the overrides file may give it (A05, 5, 第5版), or None when it is no page."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    match = PAGE.match(str(value))
    return match.group(1) if match else None


def date_of(value: object) -> datetime.date | None:
    """A date as the overrides file may give it (YAML's 2025-12-30, or the same as text), or None."""
    if isinstance(value, datetime.datetime):
        return None
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def paper_before_role(role: str, role_word: str) -> str:
    """The paper printed before a byline's role word (株洲日报全媒体记者 -> 株洲日报), "" when none is named
    (本报记者, 记者, 新华社记者: an agency is no paper)."""
    paper = role[: len(role) - len(role_word)].strip() if role.endswith(role_word) else ""
    return paper if paper.endswith("报") and paper != OWN_PAPER and len(paper) >= 3 else ""


@dataclass(frozen=True)
class RunningHead:
    """What a running page head says: its date, page and paper (each "" or None when it says none)."""

    date: datetime.date | None
    page: str
    paper: str

    @classmethod
    def read(cls, text: str) -> RunningHead:
        date = _HEAD_DATE.search(text)
        page = _HEAD_PAGE.search(text)
        paper = _HEAD_PAPER.search(text)
        try:
            day = datetime.date(int(date.group(1)), int(date.group(2)), int(date.group(3))) if date else None
        except ValueError:  # 2月30日: no date
            day = None
        return cls(day, (page.group(1) or page.group(2)) if page else "", paper.group(0) if paper else "")


def one_value(values: Iterable):
    """The value every source that gives one agrees on; None when none gives one or two disagree."""
    found = {v for v in values if v}
    return found.pop() if len(found) == 1 else None


def citation(authors: list[str], title: str, printed: Printed, url: str = "", accessed: str = "") -> str:
    """The article's reference in GB/T 7714-2015 form; online with `url` (and `accessed`, the day it was
    read, YYYY-MM-DD). What is unknown is left out, never filled in."""
    names = ", ".join(authors[:AUTHORS_SHOWN]) + (", 等" if len(authors) > AUTHORS_SHOWN else "")
    text = (f"{names}. " if names else "") + f"{title}[{'N/OL' if url else 'N'}]."
    where = ", ".join(part for part in (printed.paper, printed.date.isoformat() if printed.date else "") if part)
    where += f"({printed.page})" if printed.page else ""
    if url and accessed:
        where += f"[{accessed}]"
    if where:
        text += f" {where}."
    return text + (f" {url}." if url else "")


ACCESSED = "引用日期"  # GB/T 7714's placeholder for the day the reader read it; the page's script fills it in


@dataclass(frozen=True)
class Reference:
    """How an article page is cited: the GB/T 7714 line (its access date left to the reader's day:
    `before` + [YYYY-MM-DD] + `after`), the Highwire Press `citation_*` meta tags reference managers read
    (Zotero's Embedded Metadata translator), and schema.org NewsArticle data. Plain text: the template
    escapes it."""

    before: str
    after: str
    meta: tuple[tuple[str, str], ...]
    json_ld: str  # JSON, safe inside <script>

    @property
    def text(self) -> str:
        return f"{self.before}[{ACCESSED}]{self.after}"


def reference(*, title: str, authors: list[str], printed: Printed, url: str, lang: str, site_name: str,
              translations: list[tuple[str, str]]) -> Reference:
    """The reference of an article page at `url` in `lang`; `translations`: (lang, url) of its twins."""
    line = citation(authors, title, printed, url, ACCESSED)
    before, _, after = line.partition(f"[{ACCESSED}]")
    meta = [("citation_title", title), *(("citation_author", name) for name in authors)]
    if printed.date:
        meta.append(("citation_publication_date", printed.date.strftime("%Y/%m/%d")))
        meta.append(("citation_date", printed.date.strftime("%Y/%m/%d")))
    if printed.paper:
        meta += [("citation_journal_title", printed.paper), ("citation_publisher", printed.paper)]
    if printed.page:
        meta.append(("citation_firstpage", printed.page))
    meta += [("citation_language", lang)] + ([("citation_public_url", url)] if url else [])
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "inLanguage": lang,
            "author": [{"@type": "Person", "name": name} for name in authors]}
    if url:
        data["url"] = url
    if printed.date:
        data["datePublished"] = printed.date.isoformat()
    if printed.paper:
        data["publisher"] = {"@type": "Organization", "name": printed.paper}
        data["isPartOf"] = {"@type": "Newspaper", "name": printed.paper}
    if printed.page:
        data["pagination"] = printed.page
    data["sourceOrganization"] = {"@type": "Organization", "name": site_name}
    if translations:
        data["workTranslation"] = [{"@type": "NewsArticle", "inLanguage": other, "url": link}
                                   for other, link in translations]
    # No <, > or & in it: the HTML parser reads a <script> for "</script" and "<!--", whatever the title says.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Reference(before, after, tuple(meta), text)
