"""Material for MkDocs, MkDocs and Python-Markdown internals the site depends on, in one place, for the
versions below.

`check_versions` warns (so `mkdocs build --strict` stops) when one of them is not the version this was
written against: read every entry of RELIED_ON again before raising the pins. The functions of this
module are the entries that live here; the others name the module that relies on the internal.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib.metadata import version

from mkdocs.plugins import get_plugin_logger

from seedtext.layout import page_url, root_of
from seedtext.site import Variant

log = get_plugin_logger("seeds")

# The versions every entry below was checked against (requirements.txt pins the same).
CHECKED_VERSIONS = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1", "markdown": "3.11.3"}

# Everything the site does past the documented options and events, and where.
RELIED_ON = (
    "material_internals.ui_strings_partial: Material's partials/languages/<lang>.html define the macro t(key) over "
    "a dict literal of '\"key\": value' lines; partials/language.html imports partials/languages/"
    "<config.theme.language>.html",
    "material_internals.tag_chips: Material's partials/tags.html reads context['tags'] (set by the tags plugin "
    "when there is one: this site has none), each item's .name, .url (through the `url` filter) and .hidden",
    "overrides/partials/header.html, search.html: copies of Material's templates (the version is in each)",
    "page_config.ConfigView: Material's templates read config.site_name, site_description, copyright, "
    "extra.alternate and theme.language from the template context's `config`, which a page's context may replace",
    "pages.on_page_context: Material's client code resolves the script switch's sitemap from context['base_url']",
    "render_cache: MkDocs renders whatever on_page_markdown returns and hands the HTML to on_page_content of the same "
    "page (a hit renders \"\"); page.toc is a mkdocs.structure.toc.TableOfContents, pickled between builds",
    "render_cache: _populate_page calls page.render(config, files) right after on_page_markdown, and a render sets "
    "only content, toc, _title_from_render, present_anchor_ids and links_to_anchors (a hit's render, an instance "
    "attribute, sets content; RenderSession.content the rest)",
    "article_html.link_article_html: attr_list writes a paragraph's id as <p id=\"p3\"> and classes as "
    "<p class=\"byline\">, and Python-Markdown closes every <p> with </p>",
    "search_index._NOT_INDEXED: Material's tags partial renders the chips as <nav class=\"md-tags\">…</nav>",
    "sitemaps.write_sitemap: the theme's sitemap.xml template reads `pages` (files with .page) and `config`",
    "build_state.start/of: MkDocs passes one config object to every event of a build and keeps a key the hook "
    "adds to it; `mkdocs serve` loads a new config for each rebuild (mkdocs/commands/serve.py builder)",
    "pages.KEPT: MkDocs imports a hook module once per process (config_options.Hooks._load_hook is cached), so "
    "what it holds outlives a build under `mkdocs serve` (the rendered pages; the command on_startup was given, "
    "which serve's later builds do not repeat)",
    "pages.on_nav, on_page_context: mkdocs.structure.nav.Navigation(items, pages) made per variant, given to the "
    "templates as context['nav']",
    "search_index._NOT_INDEXED: attr_list writes a block's class as the first attribute (<h2 class=\"links\">)",
    "overrides/main.html, partials/content.html, partials/alternate.html: templates that "
    "extend or replace Material's blocks and partials of this version",
    "serve_pages: `mkdocs serve --dirty` skips a page whose File.is_modified() is false (mkdocs/commands/build.py "
    "_populate_page and _build_page): its HTML exists and is not older than abs_src_path (File.generated with "
    "abs_src_path; a file with in-memory content is always modified); serve builds into a new temporary site_dir per "
    "session (so its first build is complete); a dirty build removes no file of a page gone (remove_gone does)",
    "build_state.Build.page: a page a dirty build skips is never read (no markdown, meta or title: mkdocs#4047); "
    "Page.read_source(config) reads its front matter without rendering it",
    "serve_pages.SearchRuns: mkdocs.livereload.LiveReloadServer holds requests while its builder runs and tells "
    "the browsers to reload when the builder returns (after on_post_build): a thread started in on_post_build does "
    "not hold the page back",
    "overrides/404.html: base.html's blocks htmltitle, extrahead, header, site_nav, content and footer, its primary "
    "sidebar's markup (copied), partials/header.html, nav.html and footer.html read `config`, `variant`, `nav`, "
    "`script_switch` and `lang` from the including template; MkDocs renders error templates with base_url = "
    "site_url's path (mkdocs/commands/build.py _build_template), so `| url` gives absolute links",
    "render_ahead: MkDocs converts a page as _populate_page does (Page.read_source, every plugin's "
    "on_page_markdown, Page.render(config, files)); the Page objects exist from on_nav (get_navigation); render "
    "warnings are logged under `mkdocs` (mkdocs.structure.pages), where build() counts them for --strict, and "
    "Page.links_to_anchors is checked by validate_anchor_links after every page is converted",
    "output_cache: _build_page takes its template from page.meta['template'] after on_env and before "
    "on_page_context; the theme's Jinja environment has no autoescape (Markup passes HTML through either way)",
    "draw_ahead.draw: mkdocs.commands.build._build_page draws a page as get_context(nav, doc_files, config, page), "
    "the template of page.meta['template'] (default main.html), on_page_context, template.render, on_post_page, "
    "with config._current_page and page.active set around it; build() draws documentation_pages(inclusion="
    "InclusionLevel.is_included) in their order, after on_env, static files and static templates",
)


def check_versions() -> None:
    for package, checked in CHECKED_VERSIONS.items():
        installed = version(package)
        if installed != checked:
            log.warning(f"{package} {installed} is installed, but hooks/material_internals.py was written for "
                        f"{checked}: check each entry of RELIED_ON there against the new version, then update "
                        "CHECKED_VERSIONS and requirements.txt")


@dataclass(frozen=True)
class TagChip:
    """A tag chip as Material's partials/tags.html draws it."""

    name: str  # as the page's front matter gives it: in its script, HTML-escaped
    url: str  # from the site's root: the template's `url` filter makes it relative to the page
    hidden: bool = False


def tag_chips(page, tag_pages: list[str]) -> list[TagChip]:
    """An article's tag chips in the order of its front matter (vocabulary order: city first), each linking
    the page of its tag in the article's tree (tag_pages: the source paths in the tree, in the same order)."""
    root = root_of(page.file.src_uri)
    names = page.meta.get("tags") or []
    return [TagChip(name, f"{root}/{page_url(path)}") for name, path in zip(names, tag_pages, strict=True)]


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
