"""Bylines as a reader sees them: the authors in the front matter and the author tag pages are the
names only (记者, 本报记者, 通讯员 … and a paper's name before them are never authors), each name
has its role, the byline under the title keeps the roles as printed, and `--explain` says how each
byline line was read."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from degrade import article_lines

from conftest import REPO, SITE
from options import CleaningSchema, OptionsError, checked
from seedtext.cache import Cache
from seedtext.cleaning import clean
from seedtext.cleaning.lossless import check_lossless
from seedtext.site import pages_of_seed
from seedtext.tagpages import AUTHOR_GROUP, tag_articles

OPTIONS = SITE.cleaning
ROLE_WORDS = OPTIONS.byline_roles
RULES = SITE.tags.rules
DEVSET = REPO.parent / "shared" / "devset"


def run(byline: str):
    """The test article (tests/degrade.py) with this byline under its subtitle, cleaned; nothing lost."""
    text = "\n".join(article_lines(18, byline=byline)) + "\n"
    result = clean(text, "fixture.txt", OPTIONS)
    assert check_lossless(text, result) == [], "the cleaner lost or invented text"
    assert len(result.articles) == 1
    return result


def author_tags(article) -> list[str]:
    """The author tag pages the site publishes for the article."""
    _, tags = tag_articles([("a", article)], RULES)
    return [name for name, tag in tags.items() if tag.group == AUTHOR_GROUP]


def not_a_role(name: str) -> bool:
    return not any(name.endswith(word) for word in ROLE_WORDS)


# (byline as printed, one line per raw line) -> authors, roles
FORMS = [
    ("记者 张三 通讯员 李四", ["张三", "李四"], {"记者": ["张三"], "通讯员": ["李四"]}),
    ("本报记者 张三", ["张三"], {"本报记者": ["张三"]}),
    ("记者\u3000张三", ["张三"], {"记者": ["张三"]}),
    ("本报记者\u3000张三\u3000通讯员\u3000李四", ["张三", "李四"], {"本报记者": ["张三"], "通讯员": ["李四"]}),
    ("■记者 张三", ["张三"], {"记者": ["张三"]}),
    ("云江日报全媒体记者/王倩  \n通讯员/李建国 张敏", ["王倩", "李建国", "张敏"],
     {"全媒体记者": ["王倩"], "通讯员": ["李建国", "张敏"]}),
    ("记者 孟思远\n通讯员 陈静\n实习生 黄 蕾", ["孟思远", "陈静", "黄蕾"],
     {"记者": ["孟思远"], "通讯员": ["陈静"], "实习生": ["黄蕾"]}),
    ("记者 龚 岩", ["龚岩"], {"记者": ["龚岩"]}),
    ("■ 龚 岩 柯 楠", ["龚岩", "柯楠"], {}),
    ("王可 刘成", ["王可", "刘成"], {}),
    ("邵嘉禾 王 可 刘 成", ["邵嘉禾", "王可", "刘成"], {}),
    ("湖南日报记者 张三", ["张三"], {"记者": ["张三"]}),
    ("株洲日报记者 张三 通讯员 李四", ["张三", "李四"], {"记者": ["张三"], "通讯员": ["李四"]}),
    ("湖南日报 记者 张三", ["张三"], {"记者": ["张三"]}),
    ("本报 记者 张三", ["张三"], {"记者": ["张三"]}),
    ("记者 张三 湖南日报记者 李四", ["张三", "李四"], {"记者": ["张三", "李四"]}),
    ("特约记者 张三 特约通讯员 李四", ["张三", "李四"], {"特约记者": ["张三"], "特约通讯员": ["李四"]}),
    ("本报特约记者 张三", ["张三"], {"特约记者": ["张三"]}),
    ("摄影 张三\n摄 李四", ["张三", "李四"], {"摄影": ["张三"], "摄": ["李四"]}),
    ("编辑 张三 责任编辑 李四", ["张三", "李四"], {"编辑": ["张三"], "责任编辑": ["李四"]}),
    ("记者：张三　通讯员：李四 王五", ["张三", "李四", "王五"], {"记者": ["张三"], "通讯员": ["李四", "王五"]}),
    ("记者张三通讯员李四", ["张三", "李四"], {"记者": ["张三"], "通讯员": ["李四"]}),
    ("记者 张三\n摄影 张三", ["张三"], {"记者": ["张三"], "摄影": ["张三"]}),
]


@pytest.mark.parametrize(("byline", "authors", "roles"), FORMS, ids=[f[0].replace("\n", "|") for f in FORMS])
def test_authors_are_the_names_only_and_each_has_its_role(byline, authors, roles):
    article = run(byline).articles[0]
    assert article.authors == authors
    assert article.roles == roles
    assert author_tags(article) == authors
    assert all(not_a_role(name) for name in article.authors)


@pytest.mark.parametrize(("byline", "shown"), [
    ("本报记者 苏晴 通讯员 梁文博", "本报记者 苏晴　通讯员 梁文博"),
    ("云江日报全媒体记者/王倩  \n通讯员/李建国 张敏", "云江日报全媒体记者/王倩　通讯员/李建国 张敏"),
    ("记者 孟思远\n通讯员 陈 静", "记者 孟思远　通讯员 陈静"),
    ("■ 龚 岩 柯 楠", "龚岩 柯楠"),
])
def test_the_byline_under_the_title_keeps_the_roles_as_printed(byline, shown):
    assert run(byline).articles[0].byline == shown


def test_a_name_with_a_one_character_role_word_in_it_stays_whole():
    """摄 is a role word at the start of a word only: 李摄文 is a name."""
    article = run("记者 李摄文 通讯员 梁文博").articles[0]
    assert article.authors == ["李摄文", "梁文博"]


def test_explain_says_how_each_byline_line_was_read(tmp_path):
    seed = tmp_path / "fixture.txt"
    seed.write_text("\n".join(article_lines(14, byline="记者 张三 通讯员 李四\n实习生 王 五")) + "\n", encoding="utf-8")
    explain = subprocess.run([sys.executable, str(REPO / "hooks" / "clean.py"), str(seed), "--explain"],
                             capture_output=True, text=True, check=True).stdout
    lines = [line.split() for line in explain.splitlines() if re.match(r"^\s+\d+\s+byline\s", line)]
    assert [(int(line[0]), " ".join(line[3:])) for line in lines] == [
        (5, "byline: 记者 → role; 张三 → author (记者); 通讯员 → role; 李四 → author (通讯员)"),
        (6, "byline: 实习生 → role; 王五 → author (实习生)"),
    ]
    assert re.search(r"^\s+6\s+space\s.*padded names rejoined: '王 五' -> '王五'", explain, re.M)


def published(path: Path) -> list[dict]:
    """The front matter of each article page of a text, as hooks/clean.py prints it (the build's own path)."""
    seed, pages = pages_of_seed(path, REPO, OPTIONS, Cache(None), tags=SITE.tags)
    assert not seed.error and not [w for w in seed.warnings if w.message.startswith("lossless check")]
    return [yaml.safe_load(page.markdown.split("---\n")[1]) for page in pages]


@pytest.mark.skipif(not (DEVSET / "src").is_dir(), reason=f"no development set at {DEVSET}")
@pytest.mark.parametrize("layout", ["raw", "raw_hard"])
@pytest.mark.parametrize("doc", [f"d{n:02d}" for n in range(1, 11)])
def test_devset_authors_are_the_gold_byline(layout, doc):
    """The shared development set: the published front matter names exactly the gold byline's people,
    and no tag page is a role word."""
    gold = json.loads((DEVSET / "src" / f"{doc}.gold.json").read_text(encoding="utf-8"))
    [meta] = published(DEVSET / layout / f"{doc}.txt")
    assert meta["authors"] == gold["byline"]
    assert all(not_a_role(tag) for tag in meta["tags"])
    gold_role = dict(zip(gold["byline"], gold["byline_roles"], strict=True))
    role_of = {name: role for role, names in meta.get("roles", {}).items() for name in names}
    assert all(role.endswith(gold_role[name]) for name, role in role_of.items())  # 本报记者, 全媒体记者: 记者


@pytest.mark.parametrize("seed", sorted(p.name for p in (REPO / "seeds").glob("*.txt")))
def test_no_seed_article_has_a_role_word_for_an_author_or_tag(seed):
    pages = published(REPO / "seeds" / seed)
    assert pages and all(meta.get("authors") for meta in pages)
    assert all(not_a_role(name) for meta in pages for name in meta["authors"] + meta["tags"])


@pytest.mark.parametrize(("key", "value"), [("byline_roles", ["记者", ""]), ("byline_roles", ["本报 记者"]),
                                            ("byline_paper_endings", "日报")])
def test_a_bad_role_word_names_the_file_and_key(key, value):
    with pytest.raises(OptionsError, match=f"data/cleaning.yml: key {key!r}"):
        checked(CleaningSchema, {key: value}, "data/cleaning.yml")


def test_role_words_come_from_the_options_only():
    """A site that adds a role word to data/cleaning.yml gets it read as a role, with no code change."""
    text = "\n".join(article_lines(18, byline="主笔 张三 通讯员 李四")) + "\n"
    assert "主笔" not in OPTIONS.byline_roles
    assert clean(text, "fixture.txt", OPTIONS).articles[0].authors == []  # an unknown word: not read as a byline
    options = dataclasses.replace(OPTIONS, byline_roles=(*OPTIONS.byline_roles, "主笔"))
    article = clean(text, "fixture.txt", options).articles[0]
    assert article.authors == ["张三", "李四"] and article.roles == {"主笔": ["张三"], "通讯员": ["李四"]}
