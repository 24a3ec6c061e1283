"""The site owner's options as a site owner gets them wrong: a typo, a wrong type, a broken regular
expression in data/cleaning.yml or in extra.variants is one error naming the file, the key and the
value; a build with it stops with that message."""

from __future__ import annotations

import pytest
import yaml

from conftest import REPO, copy_project, mkdocs_build
from options import CleaningOptions, OptionsError, checked, cleaning_options, variant_options


def test_the_shipped_cleaning_options_are_valid_and_complete():
    options = cleaning_options(REPO / "data" / "cleaning.yml")
    raw = yaml.safe_load((REPO / "data" / "cleaning.yml").read_text(encoding="utf-8"))
    assert set(raw) == set(options)  # the file writes every key out: the code has no list of its own


@pytest.mark.parametrize(("values", "named"), [
    ({"cities": "长沙"}, "key 'cities' = '长沙'"),
    ({"filler_patterns": ["^粒粒皆辛苦", "(请珍惜"]}, "(请珍惜"),
    ({"max_heading_width": "三十"}, "key 'max_heading_width' = '三十'"),
    ({"citties": ["长沙"]}, "unknown key 'citties'"),
], ids=["list-as-text", "bad-regex", "number-as-text", "typo"])
def test_a_wrong_cleaning_option_names_the_file_key_and_value(values, named):
    with pytest.raises(OptionsError, match="data/cleaning.yml") as caught:
        checked(CleaningOptions, values, "data/cleaning.yml")
    assert named in str(caught.value)


def test_a_wrong_variant_entry_names_its_position_and_key():
    entries = [{"lang": "zh-Hans", "root": "zh-hans", "name": "简体中文"},
               {"lang": "zh-Hant", "root": "zh-hant", "name": "繁體中文", "opencc": ["s2tw"]}]
    with pytest.raises(OptionsError, match=r"extra\.variants\[1\]: key 'opencc'"):
        variant_options(entries)


def test_a_build_with_a_broken_cleaning_option_stops_with_the_message(tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    path = project / "data" / "cleaning.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("max_heading_width: 30", "max_heading_width: 三十"),
                    encoding="utf-8")
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode != 0
    assert "data/cleaning.yml: key 'max_heading_width' = '三十'" in proc.stdout + proc.stderr


@pytest.mark.parametrize("value", ["0", "many", "true"])
def test_a_wrong_search_part_size_stops_the_build_naming_the_key(tmp_path, value):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("search_part_pages: 850", f"search_part_pages: {value}")
    config.write_text(text, encoding="utf-8")
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode != 0
    assert "mkdocs.yml: extra: key 'search_part_pages'" in proc.stderr and "a whole number, at least 1" in proc.stderr


@pytest.mark.parametrize(("line", "named"), [
    ("  raw_pages: yes please\n", "mkdocs.yml: extra: key 'raw_pages' = 'yes please'"),
    ("  largest_seed_kb: -5\n", "mkdocs.yml: extra: key 'largest_seed_kb' = -5"),
    ("  raw_page: false\n", "mkdocs.yml: extra: key 'raw_page' is not one this site reads; did you mean 'raw_pages'?"),
])
def test_each_extra_key_is_checked_and_a_misspelt_one_is_named(tmp_path, line, named):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    key = line.split(":")[0].strip()
    text = "".join(ln for ln in text.splitlines(keepends=True) if not ln.startswith(f"  {key}:"))
    config.write_text(text.replace("\nextra:\n", "\nextra:\n" + line, 1), encoding="utf-8")
    proc = mkdocs_build(project, tmp_path / "site", strict=True)
    assert proc.returncode != 0 and named in proc.stdout + proc.stderr, proc.stdout + proc.stderr
