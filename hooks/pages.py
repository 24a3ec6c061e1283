"""MkDocs hook: seeds/ -> article pages in every script variant (wiring only).

The text work lives in the `seedtext` package beside this file; this module turns
its pages into in-memory MkDocs files, gives each page its own script switch,
navigation and UI language, and splits sitemap and search index per variant.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import time
from pathlib import Path
from urllib.parse import urlparse
from xml.sax.saxutils import escape as xml_escape

from jinja2 import ChoiceLoader, DictLoader
from material.plugins.tags.structure.tag import Tag as MaterialTag
from material.plugins.tags.structure.tag.reference import TagReference
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation

from options import OptionsError, cleaning_options, variant_options
from seedtext import convert as script_convert
from seedtext.cache import Cache, Memo, code_version
from seedtext.search import fix_query_segmentation, load_index_on_search, split_index, use_script_aware_jieba
from seedtext.site import Site, Variant, build_site, variant_markdown
from seedtext.tagpages import INDEX_LAYOUT

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
        self.segments: Memo | None = None  # the search plugin's word segmentation, by text
        self.tag_links: dict[str, dict[str, str]] = {}  # variant root -> tag -> its listing's URL and anchor
        self.options: dict = {}  # data/cleaning.yml, checked


# The one object the events below work on (MkDocs imports a hook module once per process).
BUILD = Build()


def project_dir(config) -> Path:
    return Path(config.config_file_path).parent


def variant_of(src_uri: str) -> Variant | None:
    head = src_uri.split("/", 1)[0]
    return next((v for v in BUILD.variants if v.root == head), None)


def load_variants(config) -> list[Variant]:
    """extra.variants, each with the project phrase dictionary (extra.script_phrases) unless it names its own."""
    root = project_dir(config)
    default_phrases = config.extra.get("script_phrases")
    try:
        entries = variant_options(config.extra.get("variants", []))
    except OptionsError as exc:
        raise PluginError(str(exc)) from None
    variants = []
    for entry in entries:
        phrases = entry["phrases"] or default_phrases
        variant = dataclasses.replace(Variant.from_config(entry), phrases=str(root / phrases) if phrases else None)
        if variant.opencc and variant.phrases:
            try:
                script_convert.converter(variant.opencc, variant.phrases)
            except (OSError, script_convert.PhraseFileError) as exc:
                raise PluginError(f"phrase dictionary for {variant.root}: {exc}") from exc
        variants.append(variant)
    return variants


def timed(method, stage: str):
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            BUILD.clock[stage] = BUILD.clock.get(stage, 0.0) + time.perf_counter() - start

    wrapper.timed = True
    return wrapper


def time_search_plugin(config) -> None:
    """Count the search plugin's work (indexing every page, writing the index) as the search stage."""
    plugins = [p for name, p in config.plugins.items() if name.split("/")[-1] == "search"]
    for event in ("page_context", "post_build"):
        methods = config.plugins.events[event]
        for i, method in enumerate(methods):
            if getattr(method, "__self__", None) in plugins and not getattr(method, "timed", False):
                methods[i] = timed(method, "search")


def cache_search_segmentation(config) -> None:
    """The search plugin cuts the Han text of every page with jieba: nine tenths of the search stage.
    Remember the cuts by text in .cache/ (keyed by jieba's dictionary and the library versions) so that a
    rebuild cuts only text that changed. Hooks Material 9.8's SearchIndex._segment_chinese(text) -> text."""
    BUILD.segments = None
    try:
        import jieba
        import material
    except ImportError:
        return
    for name, plugin in config.plugins.items():
        index = getattr(plugin, "search_index", None)
        segment = getattr(index, "_segment_chinese", None)
        if name.split("/")[-1] == "search" and callable(segment):
            version = "\n".join([material.__version__, jieba.__version__, str(jieba.dt.dictionary),
                                 code_version()])
            BUILD.segments = BUILD.cache.memo("search-segments", version)
            index._segment_chinese = functools.partial(BUILD.segments.get, compute=segment)


def tags_plugins(config) -> list:
    return [(name, p) for name, p in config.plugins.items() if name.split(" #")[0] in ("material/tags", "tags")]


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
    search = clock.get("search", 0.0) + (now - clock["post_build"])
    stages = {
        "setup": clock["setup"],  # on_config: variants, OpenCC converters, jieba dictionary
        "decode_clean": stats.publish_seconds,
        "conversion": stats.convert_seconds,
        "tags_xref": clock["build_site"] - stats.publish_seconds,  # the rest of build_site (tags, listings)
        "render": clock["post_build"] - clock["files_end"] - clock.get("search", 0.0),
        "search": search,
        "total": now - clock["start"],
    }
    timings = {"seeds": len(BUILD.site.seeds) if BUILD.site else 0, "cleaned": stats.cleaned,
               "reused": stats.reused, "corrupt": stats.corrupt, "converted": stats.converted,
               "conversions_reused": stats.conversions_reused,
               "segments_cut": BUILD.segments.misses if BUILD.segments else None,
               "segments_reused": BUILD.segments.hits if BUILD.segments else None,
               "stages": {k: round(v, 3) for k, v in stages.items()}}
    log.debug(f"cleaned {len(stats.cleaned)} of {timings['seeds']} seeds, converted {stats.converted} pages; "
              + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()))
    try:
        path = project_dir(config) / ".cache" / "timings.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(timings, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as exc:
        log.debug(f"cannot write timings.json: {exc}")


def on_config(config):
    BUILD.clock = {"start": time.perf_counter()}
    cache_dir = project_dir(config) / ".cache"
    if BUILD.cache is None or BUILD.cache.directory != cache_dir:
        BUILD.cache = Cache(cache_dir)
    BUILD.cache.new_build()
    time_search_plugin(config)
    try:
        BUILD.options = cleaning_options(project_dir(config) / "data" / "cleaning.yml")
    except OptionsError as exc:
        raise PluginError(str(exc)) from None
    BUILD.variants = load_variants(config)
    check_tags_per_variant(config)
    BUILD.site_strings = {key: config[key] for key in ("site_name", "site_description", "copyright") if config[key]}
    if any(name.split("/")[-1] == "search" for name in config.plugins):  # "material/search"
        use_script_aware_jieba(BUILD.variants, project_dir(config) / ".cache" / "jieba")
    if not BUILD.variants:
        log.warning("mkdocs.yml: extra.variants is empty; no article pages will be built")
    config.extra["alternate"] = [{"name": v.name, "link": f"{v.root}/", "lang": v.lang} for v in BUILD.variants]
    BUILD.base_extra_alternate = list(config.extra["alternate"])
    cache_search_segmentation(config)  # after use_script_aware_jieba: the memo is keyed by jieba's dictionary
    BUILD.clock["setup"] = time.perf_counter() - BUILD.clock["start"]
    return config


def report(site: Site, largest_seed_kb: int | None = None) -> None:
    """Every problem as one warning naming the seed (so `--strict` fails); the rest of the site still builds."""
    for name, why in site.skipped:
        log.warning(f"seeds/{name}: {why}")
    for seed in site.seeds:
        if seed.encoding:
            log.debug(f"seeds/{seed.source}: read as {seed.encoding}")
        if seed.error:
            log.warning(f"seeds/{seed.source}: {seed.error}")
        elif largest_seed_kb and seed.size > largest_seed_kb * 1024:
            log.warning(f"seeds/{seed.source}: {seed.size / 1024 / 1024:.1f} MB is far more than one article "
                        f"(extra.largest_seed_kb: {largest_seed_kb}); it was published, but check that it is not "
                        "several files pasted together or the wrong file, then split it or raise the limit")
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


def on_files(files: Files, config) -> Files:
    root = project_dir(config)
    for name in TEMPLATE_PAGES:
        template = files.get_file_from_path(name)
        if template is not None:
            files.remove(template)
    options = BUILD.options
    start = time.perf_counter()
    BUILD.site = build_site(root / "seeds", Path(config.docs_dir), options, BUILD.cache)
    BUILD.clock["build_site"] = time.perf_counter() - start
    report(BUILD.site, config.extra.get("largest_seed_kb"))
    BUILD.variant_files = {}
    for variant in BUILD.variants:
        generated = []
        for page in BUILD.site.pages:
            in_nav = page.uri in NAV_PAGES
            markdown = variant_markdown(page, variant, BUILD.cache)
            f = File.generated(config, f"{variant.root}/{page.uri}", content=markdown,
                               inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV)
            files.append(f)
            generated.append(f)
        BUILD.variant_files[variant.root] = generated
    files.append(File.generated(config, "index.md", content=root_chooser(BUILD.variants),
                                inclusion=InclusionLevel.NOT_IN_NAV))
    BUILD.clock["files_end"] = time.perf_counter()
    return files


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


def ui_strings_partial(env, variant: Variant) -> str:
    """Material's UI strings for the variant (its theme_language partial) in the variant's script, and
    `<html lang>` = the variant's lang. Material's zh-Hant strings mix in Simplified (找到 1 个...)."""
    name = f"partials/languages/{variant.theme_language}.html"
    source = env.loader.get_source(env, name)[0]
    module = env.get_template(name).module
    strings = {key: str(module.t(key)) for key in re.findall(r'^\s*"([\w.:-]+)":', source, re.M)}
    for key, value in strings.items():
        if not key.startswith("search.config."):  # regex and pipeline settings, not text
            strings[key] = script_convert.convert(value, variant.opencc, variant.phrases)
    strings["language"] = variant.lang
    return "{% macro t(key) %}{{ " + json.dumps(strings, ensure_ascii=False) + "[key] }}{% endmacro %}"


def tag_anchor(options, name: str) -> str:
    """A tag's anchor on its listing, from the plugin's public slug options (as its listings make it;
    this site has no tag hierarchy)."""
    slug = options.tags_slugify(name, options.tags_slugify_separator)
    return options.tags_slugify_format.format(slug=slug)


def find_tag_listings(config) -> None:
    """Where each tag's listing is, per variant, from the tags plugins' own listings (filled in their
    on_env). The plugin would look this up again for every page: for each tag of the page, every listing
    against every tag, which cost a minute at 1,000 articles (bench/results.md); each tag has one listing."""
    BUILD.tag_links = {}
    for _, plugin in tags_plugins(config):
        for listing in plugin.listings or []:
            if listing.config.layout == INDEX_LAYOUT:  # the tag index: chips lead to the tag's own page
                continue
            root = listing.page.url.split("/", 1)[0]
            for tag in listing.config.include:
                url = urlparse(listing.page.url)._replace(fragment=tag_anchor(plugin.config, tag.name)).geturl()
                BUILD.tag_links.setdefault(root, {})[tag.name] = url


def on_env(env, config, files):
    find_tag_listings(config)  # after the tags plugins' on_env (priority 100)
    partials = {f"partials/languages/{language_partial(v)}.html": ui_strings_partial(env, v) for v in BUILD.variants}
    env.loader = ChoiceLoader([DictLoader(partials), env.loader])
    if BUILD.variants:  # pages outside the variants (root chooser, 404) speak the first variant
        config.theme["language"] = language_partial(BUILD.variants[0])
    return env


@event_priority(50)  # before the tags plugins: they keep the chips set here
def on_page_context(context, page, config, nav):
    variant = variant_of(page.file.src_uri)
    config.update(BUILD.site_strings)
    if variant is None:  # the root chooser
        config.extra["alternate"] = list(BUILD.base_extra_alternate)
        if BUILD.variants:
            config.theme["language"] = language_partial(BUILD.variants[0])
        return context
    twin_url = page.url.split("/", 1)[1] if "/" in page.url else ""
    # A fresh list per page: the template reads config.extra.alternate, and mutating it accumulates.
    config.extra["alternate"] = [
        {"name": v.name, "link": f"{v.root}/{twin_url}", "lang": v.lang} for v in BUILD.variants
    ]
    config.theme["language"] = language_partial(variant)
    for key, value in BUILD.site_strings.items():  # <title>, header, meta description, footer
        config[key] = script_convert.convert(value, variant.opencc, variant.phrases)
    context["nav"] = BUILD.navs.get(variant.root, nav)
    # Material's client code resolves search index and sitemap from `base`: point it at the variant root.
    # page.url is "<root>/a/b/": two levels below the variant root -> "../..".
    context["base_url"] = "/".join([".."] * (page.url.count("/") - 1)) or "."
    context["variant"] = variant
    # The page's tag chips for Material's partial, in vocabulary order (the plugin would sort them by name).
    links = BUILD.tag_links.get(variant.root, {})
    context["tags"] = [TagReference(MaterialTag(name), [Link(name, links[name])])
                       for name in page.meta.get("tags") or [] if name in links]
    return context


def write_sitemap(path: Path, site_url: str, root: str, files: list[File]) -> None:
    urls = "".join(
        f"<url><loc>{xml_escape(site_url + root + '/' + f.url.split('/', 1)[1])}</loc></url>" for f in files if f.page
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n',
        encoding="utf-8",
    )


def split_search_index(site_dir: Path) -> None:
    """Each variant gets its own index with locations relative to its root: results stay in the reader's script."""
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    per_root, rest = split_index(index, [v.root for v in BUILD.variants])
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


def on_post_build(config):
    BUILD.clock["post_build"] = time.perf_counter()
    site_dir = Path(config.site_dir)
    site_url = config.site_url or "/"
    for variant in BUILD.variants:
        write_sitemap(site_dir / variant.root / "sitemap.xml", site_url, variant.root,
                      BUILD.variant_files.get(variant.root, []))
    split_search_index(site_dir)
    fix_search_worker(site_dir)
    defer_search_index(site_dir)
    if BUILD.segments is not None:
        BUILD.segments.save()
    write_timings(config)
