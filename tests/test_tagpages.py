"""Tags a reader follows from article to article: on every article, listed on a tag index grouped
by tag group, one listing per tag, related articles at each article's end, in every script."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from conftest import HANS, REPO, SITE
from seedtext.cache import Cache
from seedtext.model import Article, Block
from seedtext.site import build_site
from seedtext.tagpages import AUTHOR_GROUP, CITY_GROUP, article_markdown, tag_articles

RULES = SITE.tags.rules  # data/tags.yml as the build loads it
ROOTS = [v.root for v in SITE.variants]


def page(slug: str, city: str, text: str, authors=()) -> tuple[str, Article]:
    """An article and its slug, as tag_articles takes them."""
    return slug, Article(title=slug, source=f"{slug}.txt", first_line=1, city=city, authors=list(authors),
                         blocks=[Block("paragraph", text, 1, 1)])


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_tags_come_from_the_vocabulary_city_and_byline_only():
    pages, tags = tag_articles([page("a", "湘潭", "开展百日会战，严打电信网络诈骗，还有一个词表里没有的新词", ["周明"]),
                                page("b", "株洲", "百日会战成效显著")], RULES)
    assert pages[0].tags == ("湘潭", "反诈", "百日会战", "周明")
    assert tags["湘潭"].group == CITY_GROUP and tags["周明"].group == AUTHOR_GROUP
    assert [p.slug for p in tags["百日会战"].pages] == ["a", "b"]
    assert "新词" not in tags


def test_an_article_ends_with_its_tags_and_the_articles_it_shares_campaigns_with():
    pages, tags = tag_articles([page("a", "湘潭", "开展百日会战和减量控大"), page("b", "株洲", "百日会战"),
                                page("c", "永州", "无关")], RULES)
    markdown = article_markdown(pages[0], tags)
    assert "[百日会战](../tags/bai-ri-hui-zhan.md)" in markdown
    assert "## 相关文章" in markdown and "(b.md)" in markdown and "(c.md)" not in markdown
    assert "(a.md)" in article_markdown(pages[1], tags)  # both ways


def test_every_article_has_a_city_tag_and_five_topic_tags():
    site = build_site(REPO / "seeds", REPO / "docs", SITE.cleaning, Cache(None), tags=SITE.tags)
    groups = {rule.name: rule.group for rule in RULES}
    for p in site.articles:
        art = p.article
        assert art.city and p.tags[0] == art.city
        topics = [t for t in p.tags if groups.get(t) not in (None, "城市")]
        assert len(topics) >= 5, (art.title, p.tags)


def test_tag_index_and_listings_in_every_variant(built_site: Path):
    for root in ROOTS:
        index = built_site / root / "tags" / "index.html"
        html = index.read_text(encoding="utf-8")
        listings = sorted(p for p in (built_site / root / "tags").glob("*/index.html"))
        assert len(listings) >= 20
        for listing in listings:
            body = listing.read_text(encoding="utf-8")
            assert re.search(r'href="\.\./\.\./articles/[^"]+/"', body), f"{listing} lists no article"
            other = [r for r in ROOTS if r != root]
            article = body[body.index("<article"):body.index("</article>")]  # not the header's script switch
            hrefs = re.findall(r'<a [^>]*href="([^"]+)"', article)
            assert not [h for h in hrefs if any(f"/{r}/" in h for r in other)], "a link into another script"
        linked = set(re.findall(r'href="([^"/.]+)/"', html))
        assert linked == {listing.parent.name for listing in listings}, "the index links every listing"
        counts = re.findall(r'href="([^"/.]+)/">[^<]+<span class="tag-index__count">(\d+)', html)
        assert len(counts) == len(listings)
        for slug, count in counts:  # the number shown is the number of articles the tag's pages list
            pages = [built_site / root / "tags" / slug / "index.html",
                     *(built_site / root / "tags" / slug).glob("[0-9]*/index.html")]
            listed = sum(len(listed_articles(page.read_text(encoding="utf-8"))) for page in pages)
            assert int(count) == listed, (root, slug)
    hant = text_of((built_site / "zh-hant" / "tags" / "index.html").read_text(encoding="utf-8"))
    assert "戰役與機制" in hant and "掃黑除惡" in hant and "战役与机制" not in hant


def test_a_shared_campaign_listing_links_articles_from_several_cities(built_site: Path):
    body = (built_site / "zh-hans" / "tags" / "bai-ri-hui-zhan" / "index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="\.\./\.\./articles/([^"/]+)/"', body))
    assert {slug.split("-")[0] for slug in linked} >= {"xiang", "zhu"}  # Xiangtan and Zhuzhou


def anchors_and_text(html: str) -> dict[str, str]:
    """id -> text of each paragraph with an id in the article."""
    return {m.group(1): text_of(m.group(2)) for m in re.finditer(r'<p id="(p\d+)"[^>]*>(.*?)</p>', html, re.S)}


def paragraph_at(page: Path, anchor: str) -> str:
    """The text of the page's paragraph with that id, without spaces (the tag links' tags leave some)."""
    return re.sub(r"\s", "", anchors_and_text(page.read_text(encoding="utf-8"))[anchor])


def test_every_concordance_entry_lands_on_a_paragraph_that_names_the_term(built_site: Path):
    """terms/ lists each shared theme and campaign; its 对照 link opens the term's sentences on its tag
    page, and each sentence's 原段 link lands on a paragraph of the article that names the term (its name, a
    synonym or a pattern: the tag's rule, on the Simplified paragraph the variant's is converted from)."""
    for root in ROOTS:
        terms = built_site / root / "terms" / "index.html"
        html = terms.read_text(encoding="utf-8")
        entries = re.findall(r'<li><a href="(\.\./tags/[^"#]+/)#compare">([^<]+)</a>', html)
        assert len(entries) >= 10, "the shared campaigns and themes are listed"
        followed = 0
        for href, term in entries:
            tag_page = (terms.parent / href / "index.html").resolve()
            body = tag_page.read_text(encoding="utf-8")
            section = body[body.index('id="compare"'):body.index("</article>")]
            rule = next(rule for rule in RULES if term in (rule.name, convert_back(root, rule.name)))
            cited = set()
            for article, anchor in re.findall(r'href="(\.\./\.\./articles/[^"#]+/)#(p\d+)"', section):
                page = (tag_page.parent / article / "index.html").resolve()
                paragraph = paragraph_at(page, anchor)
                named = rule.pattern.search(paragraph_at(built_site / HANS.root / page.relative_to(built_site / root),
                                                         anchor))  # the Simplified paragraph it is converted from
                assert named and convert_back(root, named.group()) in paragraph, (root, term, article, anchor)
                cited.add(article)
                followed += 1
            assert len(cited) >= 2, f"{term}: a shared term is quoted from two articles or more"
        assert followed > 20
    hans = (built_site / "zh-hans" / "tags" / "bai-ri-hui-zhan" / "index.html").read_text(encoding="utf-8")
    assert {"湘潭", "株洲"} <= set(re.findall(r"（(\w+)）", text_of(hans[hans.index('id="compare"'):])))


def convert_back(root: str, word: str) -> str:
    """A vocabulary word as the variant prints it (its script, phrases and quotation marks)."""
    from seedtext.convert import convert_variant
    variant = next(v for v in SITE.variants if v.root == root)
    return convert_variant(word, variant.opencc, variant.phrases, variant.quotes, variant.vocabulary)


def test_an_article_names_the_other_cities_that_share_its_campaigns(built_site: Path):
    body = (built_site / "zh-hans" / "articles" / "xiang-tan-shi-guang-shen-chu-zong-you-zang-lan-zai-shou-wang"
            / "index.html").read_text(encoding="utf-8")
    section = text_of(body[body.index("其他城市的同一行动"):])
    assert "百日会战" in section and "株洲" in section


def test_an_article_added_to_a_city_leaves_the_other_cities_articles_as_they_were():
    def article(n: int, city: str) -> tuple[str, Article]:
        return f"a{n}", Article(title=f"标题{n}", source=f"{n:03d}.txt", first_line=1, city=city,
                                blocks=[Block("paragraph", "开展百日会战，成效显著。", 1, 1)])

    def elsewhere(articles: list[tuple[str, Article]]) -> str:
        """The 湘潭 article's 其他城市的同一行动 (its related list names the new article: that changes)."""
        pages, tags = tag_articles(articles, SITE.tags.rules)
        return article_markdown(pages[0], tags).split("其他城市的同一行动")[1]

    three = [article(0, "湘潭"), article(1, "株洲"), article(2, "株洲")]
    before = elsewhere(three)
    assert "[标题1](a1.md)（株洲）等" in before
    assert elsewhere([*three, article(3, "株洲")]) == before  # a third 株洲 article: 株洲 is named as before
    assert "（株洲）等" not in elsewhere(three[:2])  # one 株洲 article: no 等


def test_the_candidate_report_proposes_quoted_names_and_changes_nothing():
    import subprocess
    import sys
    before = {p: p.stat().st_mtime_ns for p in (REPO / "data").iterdir()}
    proc = subprocess.run([sys.executable, str(REPO / "hooks" / "tagreport.py"), "--top", "15"],
                          capture_output=True, text=True, check=True, timeout=300)
    rows = [line.split("\t") for line in proc.stdout.splitlines()[1:]]
    assert rows and all(int(row[1]) >= 2 for row in rows)
    names = {row[0] for row in rows}
    assert "三高四新" in names and "百日会战" not in names  # quoted, shared, not yet in the vocabulary
    assert {p: p.stat().st_mtime_ns for p in (REPO / "data").iterdir()} == before


def test_first_mention_in_each_section_links_to_the_tag_never_in_headings_or_captions():
    art = Article(title="百日会战", source="a.txt", first_line=1, city="湘潭", blocks=[
        Block("paragraph", "开展百日会战。百日会战成效显著。", 1, 1),
        Block("caption", "图为百日会战现场。", 2, 2),
        Block("paragraph", "百日会战之后<script>", 3, 3),
        Block("heading", "百日会战总结", 4, 4, 2),
        Block("paragraph", "再说百日会战。", 5, 5)])
    pages, tags = tag_articles([("a", art), page("b", "株洲", "百日会战")], RULES)
    markdown = article_markdown(pages[0], tags)
    body = markdown.split("\n\n")
    link = "[百日会战](../tags/bai-ri-hui-zhan.md)"
    assert body.count("开展" + link + "。百日会战成效显著。\n{: #p1 }") == 1  # first mention only
    assert "图为百日会战现场。\n{: .caption }" in body and "## 百日会战总结" in body
    assert "百日会战之后&lt;script&gt;\n{: #p3 }" in body  # same section: not linked again, still escaped
    assert "再说" + link + "。\n{: #p5 }" in body  # a new section links again


def listed_articles(html: str) -> list[str]:
    """The articles a tag page lists (links relative to it), not those its quotes link."""
    return re.findall(r'<li class="tag-listing"><a href="([^"]+)"', html)


def test_article_tag_chips_lead_to_their_listing_in_the_same_script(built_site: Path):
    """A chip on an article opens the tag's page in the reader's script, and that page lists the article
    (a tag spelt alike in both scripts, such as a city, must not list the other tree's pages)."""
    for root in ROOTS:
        articles = sorted((built_site / root / "articles").glob("*/index.html"))
        assert articles
        for article in articles:
            html = article.read_text(encoding="utf-8")
            chips = re.findall(r'<a href="([^"]+)" class="md-tag">([^<]+)</a>', html)
            assert len(chips) >= 6, (article, chips)  # a city and five topics at least
            for href, name in chips:
                listing = (article.parent / href / "index.html").resolve()
                assert listing.parent.parent == built_site / root / "tags", (root, href)
                body = listing.read_text(encoding="utf-8")
                assert f"：{name}<" in body  # its heading: 标签：<name>
                assert f"../../articles/{article.parent.name}/" in listed_articles(body), (href, article.parent.name)
        city_listing = (built_site / root / "tags" / "xiang-tan" / "index.html").read_text(encoding="utf-8")
        assert listed_articles(city_listing) == [
            "../../articles/xiang-tan-shi-guang-shen-chu-zong-you-zang-lan-zai-shou-wang/"], \
            "湘潭 (spelt alike in both scripts) lists this tree's one article only"


def test_the_quick_response_circle_is_followed_in_every_city_that_names_it(built_site: Path):
    """Three spellings (“1、3、5分钟” 湘潭, 快反135 永州, “1、3、5”快反机制 长沙) are one campaign."""
    body = (built_site / "zh-hans" / "tags" / "kuai-su-fan-ying-quan" / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r"（(\w+)）", text_of(body))) == {"湘潭", "永州", "长沙"}
