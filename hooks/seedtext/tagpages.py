"""Tags on every article and the pages that follow them: a tag index grouped by tag group, one
listing per tag, and each article's tags and related articles at its end.

Tags come only from the reviewed vocabulary (data/tags.yml), plus the article's city and the
authors of its byline. Pages are Simplified Markdown; the hook converts them per script variant.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .convert import convert, is_traditional
from .publish import ArticlePage
from .render import dump_front_matter, escape_text, html_text, render_article
from .slug import pinyin_slug
from .tags import load_vocabulary, tags_for_text

CAMPAIGN_GROUP = "战役与机制"  # campaigns and mechanisms: "where else" at each article's end
CITY_GROUP = "城市"
CONCORDANCE_GROUPS = ("主题", CAMPAIGN_GROUP)  # terms worth comparing; every article names its period and 公安
AUTHOR_GROUP = "作者"
MAX_RELATED = 5


@dataclass
class Tag:
    name: str
    group: str
    slug: str
    pages: list[ArticlePage] = field(default_factory=list)
    pattern: re.Pattern[str] | None = None  # how the vocabulary finds it in the text (None: city, author)


def simplified(text: str) -> str:
    """Tags are Simplified: a seed written in Traditional script is matched and named in Simplified."""
    return convert(text, "t2s") if is_traditional(text) else text


def article_text(page: ArticlePage) -> str:
    art = page.article
    return simplified("\n".join([art.title, art.subtitle, *(b.text for b in art.blocks if b.kind != "gap")]))


def tag_articles(pages: list[ArticlePage], vocabulary: Path) -> dict[str, Tag]:
    """Set article.tags on every page; returns every tag in use, in vocabulary order."""
    rules = load_vocabulary(vocabulary) if vocabulary.exists() else []
    tags: dict[str, Tag] = {}
    slugs: set[str] = set()

    def tag(name: str, group: str) -> Tag:
        if name not in tags:
            slug = pinyin_slug(name, 40)
            while slug in slugs:
                slug += "-x"
            slugs.add(slug)
            tags[name] = Tag(name, group, slug)
        return tags[name]

    for rule in rules:  # vocabulary order decides the order on the index page
        tag(rule.name, rule.group).pattern = rule.pattern
    for page in pages:
        art = page.article
        names: list[tuple[str, str]] = []
        if art.city:
            names.append((art.city, CITY_GROUP))
        names += [(rule.name, rule.group) for rule in tags_for_text(rules, article_text(page))]
        names += [(simplified(author), AUTHOR_GROUP) for author in art.authors]
        art.tags = []
        for name, group in names:
            if name in art.tags:
                continue
            art.tags.append(name)
            tag(name, group).pages.append(page)
    return {name: t for name, t in tags.items() if t.pages}


def related(page: ArticlePage, tags: dict[str, Tag]) -> list[tuple[ArticlePage, list[str]]]:
    """Other articles ranked by how many topic tags (not city, not author) they share with this one."""
    shared: dict[str, tuple[ArticlePage, list[str]]] = {}
    for name in page.article.tags:
        tag = tags[name]
        if tag.group in (CITY_GROUP, AUTHOR_GROUP):
            continue
        for other in tag.pages:
            if other is not page:
                shared.setdefault(other.slug, (other, []))[1].append(name)
    ranked = sorted(shared.values(), key=lambda item: (-len(item[1]), item[0].slug))
    return ranked[:MAX_RELATED]


def tag_link(tag: Tag, tags_dir: str) -> str:
    """A Markdown link to the tag's listing; tags_dir is the path from the linking page to tags/."""
    return f"[{escape_text(tag.name)}]({tags_dir}{tag.slug}.md)"


def article_markdown(page: ArticlePage, tags: dict[str, Tag]) -> str:
    """The article page with its tags and related articles after the text."""
    # Themes and campaigns are linked where the text first names them in each section.
    links = [(tags[name].pattern, f"../tags/{tags[name].slug}.md") for name in page.article.tags
             if tags[name].pattern is not None and tags[name].group in CONCORDANCE_GROUPS]
    parts = [render_article(page.article, links).rstrip("\n")]
    rel = related(page, tags)
    if rel:
        parts.append("## 相关文章")
        parts.append("\n".join(
            f"- [{escape_text(other.article.title)}]({other.slug}.md)（{escape_text(other.article.city or '其他')}；"
            f"共同标签：{'、'.join(escape_text(n) for n in names)}）" for other, names in rel))
    elsewhere = where_else(page, tags)
    if elsewhere:
        parts.append("## 其他城市的同一行动")
        parts.append("\n".join(
            f"- {tag_link(tag, '../tags/')}："
            + "、".join(article_link(o, "") for o in others)
            for tag, others in elsewhere))
    return "\n\n".join(parts) + "\n"


def article_link(page: ArticlePage, articles_dir: str) -> str:
    """[title](…slug.md)（city）; articles_dir is the path from the linking page to articles/."""
    art = page.article
    return f"[{escape_text(art.title)}]({articles_dir}{page.slug}.md)（{escape_text(art.city or '其他')}）"


def where_else(page: ArticlePage, tags: dict[str, Tag]) -> list[tuple[Tag, list[ArticlePage]]]:
    """For each campaign or mechanism of this article, the articles from other cities that name it."""
    out = []
    for name in page.article.tags:
        tag = tags[name]
        if tag.group == CAMPAIGN_GROUP:
            others = [o for o in tag.pages if o is not page and o.article.city != page.article.city]
            if others:
                out.append((tag, others))
    return out


_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?][”’」』）)]*|$)")


def concordance(tags: dict[str, Tag]) -> str:
    """Every vocabulary term in two or more articles, with each article's sentences that name it and
    a link to the paragraph (its #pN anchor, numbered as render_article numbers blocks)."""
    out = [dump_front_matter({"title": "术语对照"}).rstrip("\n"), "# 术语对照",
           "同一个行动、机制或主题在各篇文章里怎么说：每条句子后的“原段”链接到文章里的那一段。"]
    for tag in tags.values():
        if tag.pattern is None or tag.group not in CONCORDANCE_GROUPS or len(tag.pages) < 2:
            continue
        out.append(f"## {escape_text(tag.name)}")
        out.append(f"{escape_text(tag.group)}　{len(tag.pages)}篇文章　{tag_link(tag, 'tags/')}")
        for page in tag.pages:
            quotes = []
            for n, block in enumerate(page.article.blocks, 1):
                if block.kind != "paragraph":
                    continue
                text = simplified(block.text)
                for sentence in _SENTENCE.findall(text):
                    if sentence and tag.pattern.search(sentence):
                        quotes.append(f"- {escape_text(sentence)} [原段](articles/{page.slug}.md#p{n})")
            if quotes:
                out.append("### " + article_link(page, "articles/"))
                out.append("\n".join(quotes))
    return "\n\n".join(out) + "\n"


def tag_index(tags: dict[str, Tag]) -> str:
    groups: dict[str, list[Tag]] = {}
    for tag in tags.values():
        groups.setdefault(tag.group, []).append(tag)
    out = [dump_front_matter({"title": "标签"}).rstrip("\n"), "# 标签",
           "按城市、时期、机构、主题、战役与机制和作者列出全部标签，点标签看相关文章。"]
    for group, members in groups.items():
        out.append(f"## {escape_text(group)}")
        out.append("\n".join(f"- {tag_link(t, '')}（{len(t.pages)}篇）" for t in members))
    return "\n\n".join(out) + "\n"


def tag_listing(tag: Tag) -> str:
    """The tag's own page: Material's tags plugin fills the listing with every article whose front
    matter carries the tag (in the page's script tree), so the article's tag chips link here."""
    title = escape_text(tag.name)
    front = dump_front_matter({"title": html_text("标签：" + tag.name)})  # an author's name is seed text
    # JSON is YAML: the tag name is quoted whatever it holds.
    directive = "<!-- material/tags " + json.dumps({"include": [html_text(tag.name)], "toc": False},
                                                     ensure_ascii=False) + " -->"
    return (f"{front}\n# 标签：{title}\n\n{escape_text(tag.group)}　共{len(tag.pages)}篇文章\n\n"
            f"{directive}\n\n[全部标签](index.md)\n")
