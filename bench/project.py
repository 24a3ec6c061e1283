"""The projects the benchmark builds: a copy of this project with N synthetic seeds (bench/corpus.py), the
same with the 原文对照 pages on or off, and the plain Material project of the same pages.

Nothing edits the project's mkdocs.yml: each variation is a small configuration file that INHERITs it and
gives the keys that differ (MkDocs merges the two mappings key by key, and a list given replaces the
inherited one: mkdocs.utils.yaml.yaml_load). What the plain project takes from the site (its plugins'
settings, the variants, the pages) is read with MkDocs' load_config and the hook's own loaders and page
builders. Run as a script, this module writes the plain project (a child process of make_plain_project).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import yaml
from corpus import make_corpus
from measure import run_child

REPO = Path(__file__).resolve().parent.parent
CONFIG_FILE = "mkdocs.yml"  # a project's configuration, where `mkdocs build` looks for it
# Not copied into a measured project: the benchmark's own files, the tools' and the builds' output.
NOT_COPIED = (".git", ".venv", "node_modules", "site", ".cache", "seeds", "bench", "tests", "__pycache__",
              ".pytest_cache", ".ruff_cache")
# The project's overrides of Material's templates that put Pagefind in the search box (hooks/search_index.py):
# the plain project has Material's own.
PAGEFIND_TEMPLATES = ("main.html", "partials/header.html", "partials/search.html")
# Material's search plugin, as a Chinese site would set it up (it cuts Chinese with jieba).
MATERIAL_SEARCH = {"search": {"lang": "zh"}}


def make_project(tmp: Path, count: int) -> Path:
    """A copy of this project with `count` synthetic seeds instead of the real ones."""
    project = tmp / "project"
    shutil.copytree(REPO, project, ignore=shutil.ignore_patterns(*NOT_COPIED))
    (project / "node_modules").symlink_to(REPO / "node_modules")  # Pagefind, as `npm ci` installed it
    make_corpus(REPO / "seeds", project / "seeds", count)
    return project


def write_config(path: Path, inherit: Path, keys: dict) -> Path:
    """A configuration file that INHERITs `inherit` (a path beside or above it) and overrides `keys`."""
    text = yaml.safe_dump({"INHERIT": os.path.relpath(inherit, path.parent), **keys}, allow_unicode=True,
                          sort_keys=False)
    path.write_text(f"# Written by bench/project.py: {inherit.name} with these keys.\n{text}", encoding="utf-8")
    return path


def raw_pages_config(project: Path, on: bool) -> Path:
    """The project's configuration with extra.raw_pages on or off: every article's 原文对照 page built or not.
    Beside mkdocs.yml, so the build's project folder (seeds/, data/, .cache/) is the same."""
    return write_config(project / f"mkdocs-raw-pages-{'on' if on else 'off'}.yml", project / CONFIG_FILE,
                        {"extra": {"raw_pages": on}})


def as_yaml(value):
    """A checked option's value as a configuration file writes it (a sub-configuration as its mapping)."""
    from mkdocs.config.base import Config

    return {key: as_yaml(item) for key, item in value.items()} if isinstance(value, Config) else value


def plugin_entries(config) -> list[dict]:
    """The site's plugins (not its hooks) as mkdocs.yml lists them, read back from the loaded config: each
    with the options whose checked value differs from the plugin's default."""
    entries = []
    for name, plugin in config.plugins.items():
        if name in config.hooks:
            continue
        defaults = type(plugin.config)()
        defaults.load_dict({})
        defaults.validate()
        options = {key: as_yaml(value) for key, value in plugin.config.items() if value != defaults[key]}
        entries.append({name.split(" #")[0]: options})  # MkDocs numbers a second instance "name #2"
    return entries


def plain_config_keys(config) -> dict:
    """What the plain project's configuration changes in the site's: no hook, Material's search plugin
    besides the site's plugins (one tags instance per script tree, as the site runs them)."""
    from seedtext.layout import ARTICLE_DIR

    return {
        "hooks": [],
        "watch": [],  # the site's seeds/, hooks/ and data/: the plain project has none
        # Articles are reached through the home listings, not the nav (as on the site: a full nav is quadratic);
        # /index.md is the root chooser.
        "not_in_nav": f"/index.md\n/*/{ARTICLE_DIR}/\n",
        "plugins": [MATERIAL_SEARCH, *plugin_entries(config)],
    }


def write_plain_project(project: Path, plain: Path) -> None:
    """The plain project: the site's assets, theme overrides but Pagefind's, every page the hook publishes
    (cleaned, converted per variant) as an ordinary Markdown file, and a configuration without the hook."""
    from mkdocs.config import load_config

    from options import load_site_options
    from seedtext.cache import Cache
    from seedtext.layout import ABOUT_TEMPLATE, HOME_TEMPLATE, SITE_ROOT
    from seedtext.site import build_site, variant_markdown, variant_table
    from site_files import root_chooser

    config = load_config(str(project / CONFIG_FILE))
    options, _ = load_site_options(config)  # a misspelt key is the site build's warning, not the benchmark's
    project = Path(config.config_file_path).parent  # as MkDocs resolved it: docs_dir and custom_dir are below
    docs_dir = Path(config.docs_dir)
    docs = plain / docs_dir.relative_to(project)
    for item in docs_dir.rglob("*"):
        if item.is_file() and item.relative_to(docs_dir).as_posix() not in (HOME_TEMPLATE, ABOUT_TEMPLATE):
            target = docs / item.relative_to(docs_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(item, target)
    overrides = Path(config.theme.custom_dir)
    shutil.copytree(overrides, plain / overrides.relative_to(project))
    for name in PAGEFIND_TEMPLATES:
        (plain / overrides.relative_to(project) / name).unlink()
    cache = Cache(project / ".cache")  # filled by the site's build: the plain project gets its conversions
    site = build_site(project / "seeds", docs_dir, options.cleaning, cache, options.extra.raw_pages,
                      tags=options.tags, published=options.published_urls)
    for variant in options.variants:
        for page in site.pages:
            path = docs / variant.root / page.uri
            path.parent.mkdir(parents=True, exist_ok=True)
            # A 原文对照 page's table, which the hook writes after the rendered head, as raw HTML in the Markdown.
            table = "\n" + variant_table(page, variant, cache, lambda block: block) if page.table else ""
            path.write_text(variant_markdown(page, variant, cache) + table, encoding="utf-8")
    (docs / SITE_ROOT).write_text(root_chooser(list(options.variants), config.site_name), encoding="utf-8")
    write_config(plain / CONFIG_FILE, project / CONFIG_FILE, plain_config_keys(config))


def make_plain_project(project: Path, plain: Path) -> Path:
    """The plain build's project, written in a child process (the hook's modules and the site's pages are
    not kept in the benchmark's own process); returns its configuration file."""
    run_child([sys.executable, __file__, str(project), str(plain)], project)
    return plain / CONFIG_FILE


if __name__ == "__main__":  # the child process of make_plain_project: the measured project's own hook code
    measured, plain_dir = Path(sys.argv[1]), Path(sys.argv[2])
    sys.path.insert(0, str(measured / "hooks"))
    write_plain_project(measured, plain_dir)
