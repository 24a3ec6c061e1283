"""What one build knows, and the caches that outlive it.

`Build` is made new by every build's on_config and travels with that build's config (`start`, `of`): every
later event gets the config, and `mkdocs serve` loads a new config for each rebuild, so nothing of one
build leaks into the next. What a build may reuse from the last one is only what is kept by content
(`Kept`: cleaned seeds, conversions, rendered pages), which can never be stale.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation

from options import SiteOptions
from render_cache import RenderCache
from seedtext.cache import Cache
from seedtext.page import SitePage
from seedtext.review import Difference
from seedtext.site import Site, Variant

_CONFIG_KEY = "seeds_build"  # the Build in its config (not a key of mkdocs.yml)


@dataclass(kw_only=True)
class Build:
    """One build, filled stage by stage: on_config (variants, options), on_files (site, files), on_nav,
    on_env, the pages, on_post_build (sitemaps, search)."""

    project: Path  # the folder of mkdocs.yml
    cache: Cache  # cleaning and conversion results by content hash (.cache/)
    renders: RenderCache  # pages' HTML by Markdown (.cache/render)
    options: SiteOptions  # every option of the site, checked (options.load_site_options)
    variants: list[Variant]  # options.variants
    link_labels: dict[str, dict[str, str]]  # variant root -> an article's links to its 原文对照 page, in its script
    site_strings: dict[str, str]  # site_name etc. as written in mkdocs.yml (Simplified)
    clock: dict[str, float] = field(default_factory=lambda: {"start": time.perf_counter()})  # timings.json
    site: Site | None = None  # on_files: every page in Simplified
    variant_files: dict[str, list[File]] = field(default_factory=dict)  # variant root -> its generated files
    characters: dict[str, set[str]] = field(default_factory=dict)  # variant root -> its articles' characters
    raw_tables: dict[str, tuple[SitePage, Variant, list[Difference]]] = field(default_factory=dict)
    """A 原文对照 page's source path -> its page, variant and conversion doubts: its table is written after
    its head is rendered (on_page_content)."""
    navs: dict[str, Navigation] = field(default_factory=dict)  # variant root -> its drawer (on_nav)
    tag_links: dict[str, dict[str, str]] = field(default_factory=dict)  # variant root -> tag -> listing URL (on_env)
    env: Environment | None = None  # the theme's templates (on_env), for the sitemaps per variant


def start(config, build: Build) -> Build:
    config[_CONFIG_KEY] = build
    return build


def of(config) -> Build:
    return config[_CONFIG_KEY]


class Kept:
    """The caches a build reuses from the last one in the same process (`mkdocs serve`), by project folder."""

    def __init__(self) -> None:
        self.cache: Cache | None = None
        self.renders: RenderCache | None = None

    def for_project(self, project: Path) -> tuple[Cache, RenderCache]:
        cache_dir = project / ".cache"
        # Pages rendered for another address (SITE_URL: the tests, `make audit`) are kept apart, so such a
        # build does not drop the renders of the site's own address (site_url is in their key).
        renders_dir = cache_dir / ("render" if not os.environ.get("SITE_URL") else "render-elsewhere")
        if self.cache is None or self.cache.directory != cache_dir or self.renders.directory != renders_dir:
            self.cache, self.renders = Cache(cache_dir), RenderCache(renders_dir)
        return self.cache, self.renders
