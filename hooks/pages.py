"""MkDocs hook: seeds/ -> article pages in every script variant (wiring only).

The text work lives in the `seedtext` package beside this file; this module turns
its pages into in-memory MkDocs files, gives each page its own script switch,
navigation and UI language, and writes a sitemap per variant and the search index (Pagefind).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Mapping
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.utils import get_relative_url

from material_internals import check_versions, find_tag_listings, tag_chips, tags_plugins, ui_strings_partial
from options import OptionsError, SiteExtra, load_site_options
from render_cache import RenderCache
from search_index import PART_PAGES, SearchIndexError, write_index
from seedtext import convert as script_convert
from seedtext.cache import Cache
from seedtext.cleaning.evidence import doubtful
from seedtext.config import CleaningOptions
from seedtext.page import ARTICLE_DIR
from seedtext.rawpage import LINK_LABELS, RAW_DIR, link_article_html, unwrap_html
from seedtext.review import Decision, Difference, mark_doubts, undecided, zhconv_target
from seedtext.site import Site, Variant, build_site, variant_markdown
from seedtext.tags import TagVocabulary

log = get_plugin_logger("seeds")

# Hand-written pages in docs/ that are templates for every variant, not pages themselves.
TEMPLATE_PAGES = ("home.md", "about.md")
NAV_PAGES = ("index.md", "tags/index.md", "terms.md", "about.md")


class Build:
    """What one build knows, from on_config to on_post_build; under `mkdocs serve` the next build
    starts from it again (on_config resets what is per build; the caches stay)."""

    def __init__(self) -> None:
        self.variants: list[Variant] = []
        self.site: Site | None = None
        self.navs: dict[str, Navigation] = {}
        self.variant_files: dict[str, list[File]] = {}
        self.base_extra_alternate: list[dict] = []
        self.site_strings: dict[str, str] = {}  # site_name etc. as written in mkdocs.yml (Simplified)
        self.clock: dict[str, float] = {}  # perf_counter marks and seconds per stage (timings.json)
        self.cache: Cache | None = None  # cleaning and conversion results by content hash (.cache/)
        self.renders: RenderCache | None = None  # pages' HTML by Markdown, kept for the next build (.cache/render)
        self.characters: dict[str, set[str]] = {}  # variant root -> every character of its article pages
        self.tag_links: dict[str, dict[str, str]] = {}  # variant root -> tag -> its listing's URL and anchor
        self.options = CleaningOptions()  # data/cleaning.yml, checked (options.load_site_options)
        self.extra = SiteExtra()  # the keys of mkdocs.yml's extra: the site reads, checked
        self.tags = TagVocabulary()  # data/tags.yml, checked
        self.raw_pages = True  # extra.raw_pages: every article's 原文对照 page
        self.part_pages = PART_PAGES  # extra.search_part_pages: pages one Pagefind run indexes at most
        self.link_labels: dict[str, dict[str, str]] = {}  # variant root -> the article's links to it, in its script
        self.env: Environment | None = None  # the theme's templates (on_env), for the sitemaps per variant
        self.decisions: Mapping[str, tuple[Decision, ...]] = {}  # variant root -> data/conversion-review.yml's


# The one object the events below work on (MkDocs imports a hook module once per process).
BUILD = Build()


def project_dir(config) -> Path:
    return Path(config.config_file_path).parent


def variant_of(src_uri: str) -> Variant | None:
    head = src_uri.split("/", 1)[0]
    return next((v for v in BUILD.variants if v.root == head), None)


def conversion_doubts(variant: Variant, page, converted: str) -> list[Difference]:
    """The words of an article page that the site and the second converter print differently and that
    data/conversion-review.yml does not decide (none for the Simplified variant)."""
    target = zhconv_target(variant.opencc)
    if not target:
        return []
    return undecided(BUILD.cache.differences(page.markdown, converted, target), BUILD.decisions.get(variant.root, []))


def report_doubts(variant: Variant, doubts: dict[str, list[Difference]]) -> None:
    """One line per seed with undecided words, at info level (a doubt is not an error: `--strict` passes)."""
    for source, found in doubts.items():
        forms = list(dict.fromkeys(f"{d.word}（本站 {d.ours}，MediaWiki {d.theirs}）" for d in found))
        log.info(f"seeds/{source}: {len(forms)} word(s) on {variant.root} that data/conversion-review.yml has not "
                 f"decided: {'、'.join(forms[:5])}{' …' if len(forms) > 5 else ''}; make review-conversion")


def check_tags_per_variant(config) -> None:
    """Every script variant needs its own tags plugin instance in mkdocs.yml, filtered to its tree
    (`filters: {include: [<root>/*]}`): one instance would mix the trees. Fails the build with the
    entry to add when one is missing."""
    plugins = tags_plugins(config)
    if not plugins:
        return
    covered = {pattern.split("/", 1)[0] for _, p in plugins for pattern in p.config.filters.include}
    for variant in BUILD.variants:
        if variant.root not in covered:
            raise PluginError(
                f"mkdocs.yml: the script variant {variant.root} has no tags plugin instance of its own; add to "
                f"plugins:  - tags: {{filters: {{include: [{variant.root}/*]}}, export: false, "
                "listings_layout: articles}"
            )


def write_timings(config) -> None:
    """Seconds per stage of this build, and what the cache saved, in .cache/timings.json (bench/run.py reads it)."""
    clock, stats = BUILD.clock, BUILD.cache.stats
    now = time.perf_counter()
    stages = {
        "setup": clock["setup"],  # on_config: variants, OpenCC converters, jieba dictionary
        "decode_clean": stats.clean_seconds,
        "conversion": stats.convert_seconds,
        "conversion_review": stats.review_seconds,  # the second converter's differences (doubts)
        "tags_xref": clock["build_site"] - stats.clean_seconds,  # the rest of build_site (tags, listings)
        "render": clock["post_build"] - clock["files_end"],
        "search": now - clock["post_build"],  # the script tables and Pagefind
        "total": now - clock["start"],
    }
    timings = {"seeds": len(BUILD.site.seeds) if BUILD.site else 0, "cleaned": stats.cleaned,
               "reused": stats.reused, "corrupt": stats.corrupt, "converted": stats.converted,
               "conversions_reused": stats.conversions_reused,
               "search_indexed": clock.get("indexed", 0),  # index parts Pagefind ran for (the others: reused)
               "rendered": BUILD.renders.misses, "renders_reused": BUILD.renders.hits,
               "stages": {k: round(v, 3) for k, v in stages.items()}}
    log.debug(f"cleaned {len(stats.cleaned)} of {timings['seeds']} seeds, converted {stats.converted} pages; "
              + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()))
    try:
        path = project_dir(config) / ".cache" / "timings.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(timings, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as exc:
        log.debug(f"cannot write timings.json: {exc}")


# Default priority (0): after every plugin's on_config, so the tags plugins are set up.
def on_config(config):
    BUILD.clock = {"start": time.perf_counter()}
    cache_dir = project_dir(config) / ".cache"
    # Pages rendered for another address (SITE_URL: the tests, `make audit`) are kept apart, so such a
    # build does not drop the renders of the site's own address from the cache (site_url is in their key).
    renders_dir = cache_dir / ("render" if not os.environ.get("SITE_URL") else "render-elsewhere")
    if BUILD.cache is None or BUILD.cache.directory != cache_dir or BUILD.renders.directory != renders_dir:
        BUILD.cache = Cache(cache_dir)
        BUILD.renders = RenderCache(renders_dir)
    BUILD.cache.new_build()
    check_versions()
    try:
        site_options, warnings = load_site_options(config)
    except OptionsError as exc:
        raise PluginError(str(exc)) from None
    for warning in warnings:
        log.warning(warning)
    BUILD.options, BUILD.extra, BUILD.tags = site_options.cleaning, site_options.extra, site_options.tags
    BUILD.variants = list(site_options.variants)
    BUILD.decisions = site_options.review
    BUILD.link_labels = {v.root: {key: v.text(label)
                                  for key, label in LINK_LABELS.items()} for v in BUILD.variants}
    BUILD.raw_pages = BUILD.extra.raw_pages
    BUILD.part_pages = BUILD.extra.search_part_pages
    check_tags_per_variant(config)
    BUILD.site_strings = {key: config[key] for key in ("site_name", "site_description", "copyright") if config[key]}
    if not BUILD.variants:
        log.warning("mkdocs.yml: extra.variants is empty; no article pages will be built")
    site_url = os.environ.get("SITE_URL")
    if site_url:  # the same site hosted elsewhere: a preview, the tests' local server, `make audit`
        if not re.match(r"https?://[^/]+/(.*/)?$", site_url):
            raise PluginError(f"SITE_URL={site_url!r}: give an http(s) URL ending in /")
        config.site_url = site_url
    config.extra["alternate"] = BUILD.base_extra_alternate = alternates("", config)
    BUILD.clock["setup"] = time.perf_counter() - BUILD.clock["start"]
    return config


def absolute(config, path: str) -> str:
    """A path inside the site as an absolute URL from site_url (relative when no site_url is set)."""
    return (config.site_url or "") + path


def alternates(path_in_variant: str, config) -> list[dict]:
    """The hreflang links of a page (base.html's <link rel="alternate">, the sitemaps' xhtml:link): the
    page in every variant, absolute, and x-default: the root chooser. Search engines ignore relative ones."""
    links = [{"name": v.name, "link": absolute(config, f"{v.root}/{path_in_variant}"), "lang": v.lang}
             for v in BUILD.variants]
    if config.site_url:
        links.append({"name": "", "link": config.site_url, "lang": "x-default"})
    return links


def report(site: Site, largest_seed_kb: int | None = None) -> None:
    """Every problem as one warning naming the seed (so `--strict` fails); the rest of the site still builds."""
    for name, why in site.skipped:
        log.warning(f"seeds/{name}: {why}")
    for problem in site.problems:
        log.warning(problem)
    for seed in site.seeds:
        if seed.encoding:
            log.debug(f"seeds/{seed.source}: read as {seed.encoding}")
        if seed.error:
            log.warning(f"seeds/{seed.source}: {seed.error}")
        elif largest_seed_kb and seed.size > largest_seed_kb * 1024:
            log.warning(f"seeds/{seed.source}: {seed.size / 1024 / 1024:.1f} MB is far more than one article "
                        f"(extra.largest_seed_kb: {largest_seed_kb}); it was published, but check that it is not "
                        "several files pasted together or the wrong file, then split it or raise the limit")
        unsure = doubtful(seed.edits)
        if unsure:  # doubt is not an error: info, so --strict builds pass
            log.info(f"seeds/{seed.source}: {len(unsure)} decisions weighed close to the balance "
                     f"(first at raw line {unsure[0].line}); python hooks/clean.py --doubtful seeds/{seed.source}")
        for w in seed.warnings:
            raw = f" | raw: {w.raw!r}" if w.line else ""
            log.warning(f"{w.where(seed.source)}: {w.message}{raw}")


def root_chooser(variants: list[Variant]) -> str:
    """The site root: plain links to every variant (variant.js redirects readers who have a preference)."""
    items = "".join(
        f'<li><a href="{v.root}/" hreflang="{v.lang}" lang="{v.lang}">{v.name}</a></li>' for v in variants
    )
    return (
        "---\ntitle: 湖南政法报道选\nhide: [navigation, toc]\n---\n\n# 湖南政法报道选\n\n"
        f'<ul data-variant-chooser>{items}</ul>\n'
    )


# Default priority (0): the generated pages must exist before the tags plugin reads their front matter.
def on_files(files: Files, config) -> Files:
    root = project_dir(config)
    for name in TEMPLATE_PAGES:
        template = files.get_file_from_path(name)
        if template is not None:
            files.remove(template)
    options = BUILD.options
    start = time.perf_counter()
    BUILD.site = build_site(root / "seeds", Path(config.docs_dir), options, BUILD.cache, BUILD.raw_pages,
                            tags=BUILD.tags)
    BUILD.clock["build_site"] = time.perf_counter() - start
    report(BUILD.site, BUILD.extra.largest_seed_kb)
    BUILD.variant_files = {}
    for variant in BUILD.variants:
        generated = []
        characters = BUILD.characters[variant.root] = set()
        doubts: dict[str, list[Difference]] = {}  # article slug -> its undecided words on this variant
        by_seed: dict[str, list[Difference]] = {}
        doubt_note = variant.text("简繁转换存疑：另一种转换（MediaWiki）作 ")
        for page in BUILD.site.pages:
            in_nav = page.uri in NAV_PAGES
            markdown = variant_markdown(page, variant, BUILD.cache)
            folder, _, name = page.uri.partition("/")
            if page.source:  # the searched pages (articles): what a query can find (search-script.txt)
                characters.update(markdown)
                found = doubts[name] = conversion_doubts(variant, page, markdown)
                if found:
                    by_seed.setdefault(page.source, []).extend(found)
            elif folder == RAW_DIR and doubts.get(name):  # the article's doubts, marked for the editor
                markdown = mark_doubts(markdown, doubts[name], lambda d, note=doubt_note: note + d.theirs)
            f = File.generated(config, f"{variant.root}/{page.uri}", content=markdown,
                               inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV)
            files.append(f)
            generated.append(f)
        BUILD.variant_files[variant.root] = generated
        report_doubts(variant, by_seed)
    files.append(File.generated(config, "index.md", content=root_chooser(BUILD.variants),
                                inclusion=InclusionLevel.NOT_IN_NAV))
    BUILD.renders.new_build(config, [f.src_uri for f in files.documentation_pages()])
    BUILD.clock["files_end"] = time.perf_counter()
    return files


def section(page) -> str:
    """The folder of a page inside its variant's tree: articles, raw, tags … ("" for the variant home)."""
    parts = page.file.src_uri.split("/")
    return parts[1] if len(parts) > 2 else ""


def is_raw_page(page) -> bool:
    """A 原文对照 page: its table passes Markdown as one comment, so caching its render would cost more
    (hashing and storing 100 KB a page) than rendering it."""
    return section(page) == RAW_DIR


@event_priority(-100)  # after every plugin's on_page_markdown (the tags plugin's is -50): the Markdown as rendered
def on_page_markdown(markdown, page, config, files):
    """A page rendered before from this Markdown is not converted again (see render_cache.py)."""
    if is_raw_page(page):
        return markdown
    return "" if BUILD.renders.look_up(markdown, page) else markdown


@event_priority(100)  # before any other plugin's on_page_content: they see the page's real HTML
def on_page_content(html, page, config, files):
    if is_raw_page(page):
        return unwrap_html(html)
    html = BUILD.renders.content(html, page)
    variant = variant_of(page.file.src_uri)
    if BUILD.raw_pages and variant and section(page) == ARTICLE_DIR:
        raw_url = get_relative_url(page.url.replace(f"/{ARTICLE_DIR}/", f"/{RAW_DIR}/", 1), page.url)
        html = link_article_html(html, raw_url, BUILD.link_labels[variant.root])
    return html


def on_nav(nav, config, files):
    """One navigation per variant; a page is shown only its own variant's nav."""
    BUILD.navs = {}
    for variant in BUILD.variants:
        pages = [files.get_file_from_path(f"{variant.root}/{uri}").page for uri in NAV_PAGES]
        BUILD.navs[variant.root] = Navigation([p for p in pages if p], [p for p in pages if p])
    return nav


def language_partial(variant: Variant) -> str:
    """theme.language for a variant's pages: a generated partial (see on_env)."""
    return f"variant-{variant.root}"


# Default priority (0): after the tags plugins' on_env (100), which fill the listings read here.
def on_env(env, config, files):
    BUILD.tag_links = find_tag_listings(config)  # after the tags plugins' on_env (priority 100)
    partials = {f"partials/languages/{language_partial(v)}.html": ui_strings_partial(env, v)
                for v in BUILD.variants}
    env.loader = ChoiceLoader([DictLoader(partials), env.loader])
    BUILD.env = env
    if BUILD.variants:  # pages outside the variants (root chooser, 404) speak the first variant
        config.theme["language"] = language_partial(BUILD.variants[0])
    return env


def script_switch(twin_url: str, current: Variant | None) -> list[dict]:
    """overrides/partials/alternate.html: a relative link to the page's twin in every other variant."""
    return [{"name": v.name, "link": f"{v.root}/{twin_url}", "lang": v.lang} for v in BUILD.variants
            if v is not current]


@event_priority(50)  # before the tags plugins: they keep the chips set here
def on_page_context(context, page, config, nav):
    variant = variant_of(page.file.src_uri)
    config.update(BUILD.site_strings)
    if variant is None:  # the root chooser
        config.extra["alternate"] = list(BUILD.base_extra_alternate)
        context["script_switch"] = script_switch("", BUILD.variants[0] if BUILD.variants else None)
        if BUILD.variants:
            config.theme["language"] = language_partial(BUILD.variants[0])
        return context
    twin_url = page.url.split("/", 1)[1] if "/" in page.url else ""
    # A fresh list per page: the template reads config.extra.alternate, and mutating it accumulates.
    # A 原文对照 page asks not to be indexed: no alternates (nor a sitemap for Material to look them up in).
    config.extra["alternate"] = [] if is_raw_page(page) else alternates(twin_url, config)
    context["script_switch"] = script_switch(twin_url, variant)
    config.theme["language"] = language_partial(variant)
    for key, value in BUILD.site_strings.items():  # <title>, header, meta description, footer
        config[key] = variant.text(value)
    context["nav"] = BUILD.navs.get(variant.root, nav)
    # Material's client code resolves the sitemap (script switch) from `base`: point it at the variant root.
    # page.url is "<root>/a/b/": two levels below the variant root -> "../..".
    context["base_url"] = "/".join([".."] * (page.url.count("/") - 1)) or "."
    context["variant"] = variant
    # The page's tag chips for Material's partial, in vocabulary order (the plugin would sort them by name).
    context["tags"] = tag_chips(page.meta.get("tags") or [], BUILD.tag_links.get(variant.root, {}))
    return context


def sitemap_alternates(page, config) -> list[dict]:
    """For overrides/sitemap.xml: a page's hreflang links (none for the root chooser and the 404 page)."""
    if variant_of(page.file.src_uri) is None:
        return []
    return alternates(page.url.split("/", 1)[1], config)


# Each variant's sitemap of all its pages. Not at <root>/sitemap.xml: Material's client code fetches
# `sitemap.xml` beside every alternate link of a page, and that name stays a one-page sitemap (see
# write_page_sitemaps), so a reader's phone never downloads the list of every page.
FULL_SITEMAP = "sitemap-pages.xml"


def on_template_context(context, template_name, config):
    if template_name == "sitemap.xml":  # MkDocs' root sitemap: an index of the variants' sitemaps
        context["sitemaps"] = [absolute(config, f"{v.root}/{FULL_SITEMAP}") for v in BUILD.variants]
    return context


def write_sitemap(path: Path, files: list[File], config) -> None:
    """A sitemap from the theme's sitemap.xml template (overrides/sitemap.xml, as MkDocs renders the root's):
    each page with its alternates. The 原文对照 pages are left out (the template skips pages that ask not
    to be indexed): each repeats its article, which is the page to find."""
    xml = BUILD.env.get_template("sitemap.xml").render(pages=[f for f in files if f.page], config=config,
                                                       alternates_of=lambda page: sitemap_alternates(page, config))
    path.write_text(xml, encoding="utf-8")


def write_page_sitemaps(site_dir: Path, files: list[File], config) -> None:
    """Material's client code fetches `sitemap.xml` in the folder of every <link rel="alternate"> of a page
    (to keep its language selector on the same page); give it one in each page's folder, listing the pages
    there with their alternates (one page, under 1 KB, with directory URLs), rather than a 404 on every
    page load."""
    folders: dict[str, list[File]] = {}
    for f in files:
        if f.page and not is_raw_page(f.page):
            folders.setdefault(f.page.url.rsplit("/", 1)[0], []).append(f)  # "a/b/" -> "a/b", "a/b.html" -> "a"
    for folder, pages in folders.items():
        write_sitemap(site_dir / folder / "sitemap.xml", pages, config)


# Default priority (0): the pages are written; nothing else changes them after this.
def on_post_build(config):
    BUILD.clock["post_build"] = time.perf_counter()
    site_dir = Path(config.site_dir)
    for variant in BUILD.variants:
        write_sitemap(site_dir / variant.root / FULL_SITEMAP, BUILD.variant_files.get(variant.root, []), config)
        write_page_sitemaps(site_dir, BUILD.variant_files.get(variant.root, []), config)
        # For queries typed in another script (docs/javascripts/search.js).
        elsewhere = set().union(*(chars for root, chars in BUILD.characters.items() if root != variant.root))
        table = script_convert.query_table(variant.opencc, variant.phrases, BUILD.characters[variant.root], elsewhere)
        (site_dir / variant.root / "search-script.txt").write_text(table, encoding="utf-8")
    indexed = 0
    for variant in BUILD.variants:
        try:
            indexed += write_index(site_dir / variant.root, project_dir(config), BUILD.cache.directory / "pagefind"
                                   if BUILD.cache.directory else None, BUILD.part_pages)
        except SearchIndexError as exc:
            log.warning(f"search ({variant.root}): {exc}")
            break
    BUILD.clock["indexed"] = indexed
    BUILD.renders.end_build()
    write_timings(config)
