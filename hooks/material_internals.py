"""Material for MkDocs and MkDocs internals the site depends on, in one place, for the versions below.

Everything here reaches past the plugins' documented options: Material's UI-string partials, the tags
plugin's listings and chip classes. Two of Material's templates are copied into overrides/partials/
(header.html and search.html, for Pagefind's search box), each naming the version it was copied from.
`check_versions` warns (so `mkdocs build --strict` stops) when MkDocs or Material is not the version
this was written against: read this module and those templates again before raising the pins.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from urllib.parse import urlparse

from material.plugins.tags.structure.tag import Tag as MaterialTag
from material.plugins.tags.structure.tag.reference import TagReference
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.nav import Link

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
            strings[key] = variant.text(value)
    strings["language"] = variant.lang
    return "{% macro t(key) %}{{ " + json.dumps(strings, ensure_ascii=False) + "[key] }}{% endmacro %}"
