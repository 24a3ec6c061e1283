"""Material for MkDocs and MkDocs internals the site depends on, in one place, for the versions below.

Everything here reaches past the plugins' documented options: the search plugin's word segmentation
and event methods, the layout of Material's built JavaScript and of its search index, its UI-string
partials, the tags plugin's listings and chip classes. `check_versions` warns (so `mkdocs build
--strict` stops) when MkDocs or Material is not the version this was written against: read this
module again before raising the pins in requirements.txt.
"""

from __future__ import annotations

import functools
import json
import re
import time
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlparse

from material.plugins.tags.structure.tag import Tag as MaterialTag
from material.plugins.tags.structure.tag.reference import TagReference
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.nav import Link

from seedtext.cache import Cache, Memo, code_version
from seedtext.convert import convert
from seedtext.search import fix_query_segmentation, load_index_on_search, split_index
from seedtext.site import Variant
from seedtext.tagpages import INDEX_LAYOUT

log = get_plugin_logger("seeds")

# The versions every function below was checked against (requirements.txt pins the same).
CHECKED_VERSIONS = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}


def check_versions() -> None:
    for package, checked in CHECKED_VERSIONS.items():
        installed = version(package)
        if installed != checked:
            log.warning(f"{package} {installed} is installed, but hooks/material_internals.py was written for "
                        f"{checked}: check each function there against the new version, then update "
                        "CHECKED_VERSIONS and requirements.txt")


def timed(method, stage: str, clock: dict[str, float]):
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            clock[stage] = clock.get(stage, 0.0) + time.perf_counter() - start

    wrapper.timed = True
    return wrapper


def time_search_plugin(config, clock: dict[str, float]) -> None:
    """Count the search plugin's work (indexing every page, writing the index) as the search stage in
    `clock`. Wraps its methods in MkDocs' event lists (page_context, post_build: not running now)."""
    plugins = [p for name, p in config.plugins.items() if name.split("/")[-1] == "search"]
    for event in ("page_context", "post_build"):
        methods = config.plugins.events[event]
        for i, method in enumerate(methods):
            if getattr(method, "__self__", None) in plugins and not getattr(method, "timed", False):
                methods[i] = timed(method, "search", clock)


def cache_search_segmentation(config, cache: Cache) -> Memo | None:
    """The search plugin cuts the Han text of every page with jieba: nine tenths of the search stage.
    Remember the cuts by text in .cache/ (keyed by jieba's dictionary and the library versions) so that a
    rebuild cuts only text that changed. Hooks Material 9.8's SearchIndex._segment_chinese(text) -> text."""
    try:
        import jieba
        import material
    except ImportError:
        return None
    for name, plugin in config.plugins.items():
        index = getattr(plugin, "search_index", None)
        segment = getattr(index, "_segment_chinese", None)
        if name.split("/")[-1] == "search" and callable(segment):
            version = "\n".join([material.__version__, jieba.__version__, str(jieba.dt.dictionary),
                                 code_version()])
            segments = cache.memo("search-segments", version)
            index._segment_chinese = functools.partial(segments.get, compute=segment)
            return segments
    return None


def tags_plugins(config) -> list:
    return [(name, p) for name, p in config.plugins.items() if name.split(" #")[0] in ("material/tags", "tags")]


def tag_anchor(options, name: str) -> str:
    """A tag's anchor on its listing, from the plugin's public slug options (as its listings make it;
    this site has no tag hierarchy)."""
    slug = options.tags_slugify(name, options.tags_slugify_separator)
    return options.tags_slugify_format.format(slug=slug)


def find_tag_listings(config) -> dict[str, dict[str, str]]:
    """Where each tag's listing is, per variant, from the tags plugins' own listings (filled in their
    on_env). The plugin would look this up again for every page: for each tag of the page, every listing
    against every tag, which cost a minute at 1,000 articles (bench/results.md); each tag has one listing."""
    links: dict[str, dict[str, str]] = {}
    for _, plugin in tags_plugins(config):
        for listing in plugin.listings or []:
            if listing.config.layout == INDEX_LAYOUT:  # the tag index: chips lead to the tag's own page
                continue
            root = listing.page.url.split("/", 1)[0]
            for tag in listing.config.include:
                url = urlparse(listing.page.url)._replace(fragment=tag_anchor(plugin.config, tag.name)).geturl()
                links.setdefault(root, {})[tag.name] = url
    return links


def tag_chips(names: list[str], links: dict[str, str]) -> list[TagReference]:
    """The page's tag chips for Material's tags partial, in the order given (the plugin would sort them
    by name), each linking to its listing."""
    return [TagReference(MaterialTag(name), [Link(name, links[name])]) for name in names if name in links]


def ui_strings_partial(env, variant: Variant) -> str:
    """Material's UI strings for the variant (its theme_language partial) in the variant's script, and
    `<html lang>` = the variant's lang. Material's zh-Hant strings mix in Simplified (找到 1 个...)."""
    name = f"partials/languages/{variant.theme_language}.html"
    source = env.loader.get_source(env, name)[0]
    module = env.get_template(name).module
    strings = {key: str(module.t(key)) for key in re.findall(r'^\s*"([\w.:-]+)":', source, re.M)}
    for key, value in strings.items():
        if not key.startswith("search.config."):  # regex and pipeline settings, not text
            strings[key] = convert(value, variant.opencc, variant.phrases)
    strings["language"] = variant.lang
    return "{% macro t(key) %}{{ " + json.dumps(strings, ensure_ascii=False) + "[key] }}{% endmacro %}"


def split_search_index(site_dir: Path, roots: list[str]) -> None:
    """Each variant gets its own index with locations relative to its root: results stay in the reader's script."""
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    per_root, rest = split_index(index, roots)
    for root, variant_index in per_root.items():
        target = site_dir / root / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(variant_index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    index_path.write_text(json.dumps(rest, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def patch_material_assets(paths, patch, missing: str) -> None:
    """Apply patch(text) -> (text, found) to each of Material's built assets; warn (so --strict fails)
    naming the file when the spot is not there, e.g. after a Material upgrade."""
    for path in paths:
        patched, ok = patch(path.read_text(encoding="utf-8"))
        if not ok:
            log.warning(f"{path.name}: {missing} not found (another Material version?); see seedtext/search.py")
            continue
        path.write_text(patched, encoding="utf-8")


def fix_search_worker(site_dir: Path) -> None:
    """Material's worker cuts Chinese queries wrongly (反诈 -> 反*): swap in forward maximum matching."""
    patch_material_assets((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"),
                          fix_query_segmentation, "Material's Chinese query segmenter (Chinese queries of two or "
                          "more characters will match too much)")


def defer_search_index(site_dir: Path) -> None:
    """Readers download the search index when they open search, not with every page."""
    patch_material_assets((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"),
                          load_index_on_search, "Material's search index loading (every page will download "
                          "the whole search index)")
