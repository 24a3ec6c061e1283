"""The site owner's options as a site owner gets them wrong: a typo, a wrong type, a broken regular
expression in data/cleaning.yml, in a key of extra: in mkdocs.yml or in extra.variants is one message
naming the file, the key and the value; a build with a wrong value stops with that message, a misspelt
extra key (which would be ignored) is a warning."""

from __future__ import annotations

import dataclasses

import pytest
import yaml

from conftest import REPO, SITE, copy_project, load_site_config, mkdocs_build
from options import OptionsError, SiteExtra, cleaning_options, load_site_options, variant_options
from seedtext.config import CleaningOptions


def test_the_shipped_cleaning_options_are_valid_and_complete():
    raw = yaml.safe_load((REPO / "data" / "cleaning.yml").read_text(encoding="utf-8"))
    # The file writes every key out, and the cleaner gets exactly what it says.
    assert set(raw) == {field.name for field in dataclasses.fields(CleaningOptions)}
    assert {key: list(value) if isinstance(value, tuple) else value
            for key, value in dataclasses.asdict(SITE.cleaning).items()} == raw


@pytest.mark.parametrize(("text", "named"), [
    ("cities: 长沙\n", "key 'cities' = '长沙'"),
    ("filler_patterns: ['^粒粒皆辛苦', '(请珍惜']\n", "key 'filler_patterns' = ['^粒粒皆辛苦', '(请珍惜']"),
    ("max_heading_width: 三十\n", "key 'max_heading_width' = '三十'"),
    ("citties: [长沙]\n", "unknown key 'citties' = ['长沙']"),
], ids=["list-as-text", "bad-regex", "number-as-text", "typo"])
def test_a_wrong_cleaning_option_names_the_file_key_and_value(tmp_path, text, named):
    path = tmp_path / "cleaning.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OptionsError) as caught:
        cleaning_options(path)
    assert str(caught.value).startswith("data/cleaning.yml: ") and named in str(caught.value), caught.value


def test_a_wrong_variant_entry_names_its_position_and_key():
    entries = [{"lang": "zh-Hans", "root": "zh-hans", "name": "简体中文"},
               {"lang": "zh-Hant", "root": "zh-hant", "name": "繁體中文", "opencc": ["s2tw"]}]
    with pytest.raises(OptionsError, match=r"extra\.variants\[1\]: key 'opencc' = \['s2tw'\]"):
        variant_options(entries)


def site_with_extra(key: str, value: object, drop: str | None = None):
    """The repo's options loaded (load_site_options) from its mkdocs.yml with `extra.<key>: value`, and
    without `extra.<drop>`."""
    config = load_site_config()
    if drop:
        del config.extra[drop]
    config.extra[key] = value
    return load_site_options(config)


HANT_ENTRY = {"lang": "zh-Hant", "root": "zh-hant", "name": "繁體中文", "opencc": "s2tw"}


# Every key of extra: this site reads: a value of the wrong type stops the build, named.
@pytest.mark.parametrize(("key", "value"), [
    ("script_phrases", ["data/phrases.txt"]),
    ("raw_pages", "yes please"),
    ("largest_seed_kb", -5),
    ("search_part_pages", "many"),
    ("listing_page_size", 0),
    ("render_ahead_pages", True),
    ("variants", "zh-hans"),
])
def test_a_wrong_value_of_each_extra_key_names_the_file_key_and_value(key, value):
    with pytest.raises(OptionsError) as caught:
        site_with_extra(key, value)
    assert f"mkdocs.yml: extra: key {key!r} = {value!r}: " in str(caught.value), caught.value


# ... and a misspelt one, which nothing reads (the site takes the default), is a warning naming it, its value
# and the key meant.
@pytest.mark.parametrize(("key", "typo", "value"), [
    ("script_phrases", "script_phrase", "data/phrases.txt"),
    ("raw_pages", "raw_page", False),
    ("largest_seed_kb", "largest_seed_kbs", 1024),
    ("search_part_pages", "search_parts_pages", 10),
    ("listing_page_size", "listing_page_sizes", 20),
    ("render_ahead_pages", "render_ahead_page", 100),
    ("variants", "varients", [HANT_ENTRY]),
])
def test_a_misspelt_extra_key_is_named_with_its_value_and_the_key_meant(key, typo, value):
    site, warnings = site_with_extra(typo, value, drop=key)
    assert f"mkdocs.yml: extra: key {typo!r} = {value!r} is not one this site reads; did you mean {key!r}?" \
        in warnings, warnings
    assert getattr(site.extra, key) == getattr(SiteExtra(), key)


def test_a_misspelt_key_of_a_variant_stops_the_build_naming_it():
    with pytest.raises(OptionsError) as caught:
        site_with_extra("variants", [{**HANT_ENTRY, "qoutes": "corner"}])
    assert "mkdocs.yml: extra.variants[0]: unknown key 'qoutes' = 'corner'" in str(caught.value), caught.value


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
    text = config.read_text(encoding="utf-8").replace("search_part_pages: 700", f"search_part_pages: {value}")
    config.write_text(text, encoding="utf-8")
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode != 0
    assert "mkdocs.yml: extra: key 'search_part_pages'" in proc.stderr and "a whole number, at least 1" in proc.stderr


@pytest.mark.parametrize(("line", "named"), [
    ("  raw_pages: yes please\n", "mkdocs.yml: extra: key 'raw_pages' = 'yes please'"),
    ("  largest_seed_kb: -5\n", "mkdocs.yml: extra: key 'largest_seed_kb' = -5"),
    ("  raw_page: false\n", "mkdocs.yml: extra: key 'raw_page' = False is not one this site reads; did you mean "
                            "'raw_pages'?"),
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
