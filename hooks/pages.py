"""MkDocs hook: seeds/ -> article pages in every script variant. Events only, each with its priority and why;
the work is in the modules beside it (build_state, site_files, page_config, article_html, sitemaps,
search_index, build_log ...) and in the `seedtext` package (no MkDocs import; the URL layout: seedtext.layout)."""

from __future__ import annotations

import os
import time
from functools import partial
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

import build_state
import convert_ahead
import draw_ahead
import output_cache
import render_ahead
import site_folder
from article_html import LINK_LABELS
from build_log import report_held, report_site, write_timings
from citation import CITE_LABELS, page_reference, read_on
from material_internals import check_versions, tag_chips, ui_strings_partial
from options import OptionsError, hosted_at, load_site_options
from page_config import language_partial, not_found_config, not_found_trees, outside_trees_config, page_config
from page_content import finished_html, with_table
from search_index import index_trees, is_bundle_folder, page_order, write_query_tables
from seedtext import layout
from seedtext.cache import Cache
from seedtext.review import DOUBT_NOTE
from seedtext.site import build_site
from seedtext.tagpages import tag_page_paths
from site_files import add_variant_files, reading_links, variant_navs
from sitemaps import sitemap_index, write_variant_sitemaps
from url_records import record_new_urls

log = get_plugin_logger("seeds")

KEPT = build_state.Kept()  # what outlives a build (MkDocs imports a hook once per process): never stale
# The words the hook adds to pages, in Simplified: converted once per variant (Build.labels).
LABELS = {**LINK_LABELS, **CITE_LABELS, "doubt": DOUBT_NOTE, "cities": "城市", "about": "关于本站"}


# Once per command, before its first build (how serve differs: url_records, serve_pages, build_state.Kept).
def on_startup(command, dirty):
    KEPT.start(command, dirty)


# Default priority (0): no plugin of the site sets up anything the hook reads.
def on_config(config):
    start = time.perf_counter()
    project = Path(config.config_file_path).parent
    check_versions()
    try:
        options, warnings = load_site_options(config)
        config.site_url = hosted_at(os.environ) or config.site_url  # a preview, the tests' server, `make audit`
    except OptionsError as exc:
        raise PluginError(str(exc)) from None
    for warning in warnings:
        log.warning(warning)
    if not options.variants:
        log.warning("mkdocs.yml: extra.variants is empty; no article pages will be built")
    build = build_state.start(config, build_state.Build(
        project=project, cache=Cache(project / ".cache", KEPT.results), rendered=KEPT.rendered_pages(project),
        options=options, served=KEPT.served, told=None if config.strict else KEPT.told,
        labels={v.root: {key: v.text(label) for key, label in LABELS.items()} for v in options.variants},
        site_strings={key: config[key] for key in ("site_name", "site_description", "copyright") if config[key]}))
    build.clock.update(start=start, setup=time.perf_counter() - start)
    return config


# Default priority (0): nothing else of the site runs here; MkDocs empties the site folder right after.
def on_pre_build(config):
    build = build_state.of(config)  # the last build's pages set aside from the emptying (site_folder)
    build.folder = site_folder.start(build.project, config, KEPT.command, KEPT.dirty)


# Default priority (0): no plugin of the site reads the files.
def on_files(files, config):
    build = build_state.of(config)
    start = time.perf_counter()
    if build.folder:  # MkDocs has emptied the site folder: the last build's is put back
        build.folder.put_back()
    with build_state.made_to_last():
        build.site = build_site(build.project / "seeds", Path(config.docs_dir), build.options.cleaning, build.cache,
                                build.options.extra.raw_pages, tags=build.options.tags,
                                published=build.options.published_urls, page_size=build.options.extra.listing_page_size)
    build.clock["build_site"] = time.perf_counter() - start
    report_site(build.site, build.options.extra.largest_seed_kb, build.told)
    record_new_urls(build, writes=KEPT.command != "serve")
    build.converting = convert_ahead.start(build, KEPT.command)  # half of a cold build's conversions
    add_variant_files(files, build, config)
    report_held(build.told)  # under serve: the seeds' lines not said again
    build.files, build.reading = files, reading_links(build.site)
    build.tag_pages = tag_page_paths(build.site.articles, build.site.tags)
    build.renders = build.rendered.session(config, [f.src_uri for f in files.documentation_pages()])
    build.clock["pages_built"] = build_state.digest_pages(build, config, KEPT.command)
    if build.folder:  # pages whose file holds them already: left out of MkDocs' build
        build.clock["pages_built"] -= build.folder.keep_in_place(build)
    elif build.served:  # under a dirty serve, the pages whose digest did not change: left out likewise
        build.served.leave_unchanged(build)
    build.clock["files_end"] = time.perf_counter()
    return files


@event_priority(-100)  # after every plugin's on_page_markdown: the Markdown as rendered
def on_page_markdown(markdown, page, config, files):  # rendered before from this Markdown: not again (render_cache)
    build = build_state.of(config)
    if build.ahead:  # one of the second process's pages: its renders are filed first (render_ahead)
        build.ahead.wait_for(page.file.src_uri)
    return "" if build.renders.look_up(markdown, page) else markdown


@event_priority(100)  # before any other plugin's on_page_content: they see the page's real HTML
def on_page_content(html, page, config, files):
    build = build_state.of(config)
    html = build.renders.content(html, page, files)
    return html if build.outputs.takes_whole(page) else finished_html(html, page, build, config)


# Default priority (0): no plugin of the site changes the nav; the drawers (the top pages, the cities'
# pages) are built from the files.
def on_nav(nav, config, files):
    """One navigation per variant; a page is shown only its own variant's nav."""
    build = build_state.of(config)
    build.navs, build.nav = variant_navs(files, build), nav
    build_state.leave_to_last(KEPT.command)  # the files and pages last the build
    build.ahead = render_ahead.start(build, config, files, KEPT.command)  # the pages exist from here on
    return nav


# Default priority (0): no plugin of the site changes the templates' environment (draw_ahead's child, forked
# here, draws with the environment as it is now: a plugin changing it after this event would need this later).
def on_env(env, config, files):
    build = build_state.of(config)
    if build.ahead:  # every page is converted: the child converting half of them has ended
        build.ahead.join()
    env.bytecode_cache = build_state.template_cache(build.project)  # MkDocs makes a new env each build
    partials = {f"partials/languages/{language_partial(v)}.html": ui_strings_partial(env, v) for v in build.variants}
    env.loader = ChoiceLoader([DictLoader({**partials, output_cache.TEMPLATE: output_cache.TEMPLATE_SOURCE}),
                               env.loader])
    build.env = env
    if build.served:  # the pages are read (MkDocs' _populate_page): the skipped ones get their front matter
        build.served.restore_meta(build, config)
    for file in files.documentation_pages():  # a link to an anchor of a page left out: checked (site_folder)
        for target in (file.page.links_to_anchors or {}) if file.page else ():
            build.page_of(target)
    build.outputs.choose_templates(f.page for f in files.documentation_pages())  # pages kept whole: not drawn
    build_state.leave_to_last(KEPT.command)  # every page's render lasts until it is written
    build.drawing = draw_ahead.start(build, config, files, env, KEPT.command)  # half of the pages to draw
    return env


# Default priority (0): no plugin of the site changes a page's context.
def on_page_context(context, page, config, nav):
    build = build_state.of(config)
    draw_ahead.wait_for(build, page)  # one of the second process's pages: it has kept them (draw_ahead)
    if build.outputs.fill(context, page):  # the page whole, as an earlier build (or the second process) drew it
        return context
    if build.outputs.unfinished(page):  # its entry went missing: drawn after all, from the rendered Markdown
        page.content = finished_html(page.content, page, build, config)
    variant = layout.variant_of(page.file.src_uri, build.variants)
    url_in_tree = layout.twin_url(page.url) if variant else ""
    context["script_switch"] = layout.script_switch(url_in_tree, build.variants,
                                                 variant or next(iter(build.variants), None))
    if variant is None:  # the script chooser: the first variant's words, every variant's home as alternates
        context["config"] = outside_trees_config(config, build.variants, build.site_strings)
        return context
    context["config"] = page_config(  # a 原文对照 page asks not to be indexed: no alternates
        config, site_strings={key: variant.text(value) for key, value in build.site_strings.items()},
        alternates=[] if layout.is_raw_page(page.file.src_uri)
        else layout.alternates(url_in_tree, build.variants, config.site_url),
        language=language_partial(variant))
    in_articles = layout.section(page.file.src_uri) in (layout.ARTICLE_DIR, layout.RAW_DIR)
    context["nav"] = build.navs.get(layout.in_tree(variant, layout.ARTICLE_DIR) if in_articles else variant.root, nav)
    context["base_url"] = layout.base_url(page.url)  # Material's client code finds the switch's sitemap from `base`
    context["variant"] = variant
    # The page's tag chips for Material's partial, in vocabulary order, each linking its tag's page.
    context["tags"] = tag_chips(page, build.tag_pages.get(layout.twin_url(page.file.src_uri), []))
    context["labels"] = build.labels[variant.root]
    if layout.section(page.file.src_uri) == layout.ARTICLE_DIR:  # read on, 引用本文, the head's citation_* tags
        before, after, city = build.reading.get(layout.twin_url(page.file.src_uri), (None, None, None))
        context["read_on"] = read_on(page, build.page(variant, before), build.page(variant, after),
                                     build.page(variant, city), build.page(variant, layout.DATES))
        context["citation"] = page_reference(page, variant, build.variants, config.site_url,
                                             context["config"].site_name)
    return build.outputs.draw_lost(context, page, build.env.get_template("main.html").render)


@event_priority(-100)  # after every plugin's on_post_page: the page is written, nothing reads its HTML again
def on_post_page(output, page, config):
    build = build_state.of(config)
    output = with_table(output, page, build)  # a 原文对照 page's table, made now that the page is written
    build.outputs.keep(output, page)  # whole, for the next builds (output_cache)
    page.content = None  # MkDocs keeps every page's HTML until the build ends (mkdocs#1960): let it go
    return output


# Default priority (0): only MkDocs' static templates (sitemap.xml, 404.html) pass here; no plugin reads them.
def on_template_context(context, template_name, config):
    build = build_state.of(config)
    if template_name == "sitemap.xml":  # MkDocs' root sitemap: an index of the variants' sitemaps
        context["sitemaps"] = sitemap_index(build.variants, config.site_url)
    else:  # 404.html: its head in the first variant's UI; what it shows, in every tree's (overrides/404.html)
        context["config"] = not_found_config(config, build.variants, build.site_strings)
        context["trees"] = not_found_trees(config, build.variants, build.site_strings, build.navs, build.labels)
    return context


# Default priority (0): the pages are written; nothing else changes them after this.
def on_post_build(config):
    build = build_state.of(config)
    draw_ahead.finish(build)
    build.clock["post_build"] = time.perf_counter()
    site_dir = Path(config.site_dir)
    if build.served:  # before the index reads the tree
        build.served.remove_gone(build)
    written = build.served.sitemaps if build.served else build.folder.sitemaps if build.folder else None
    sitemaps = [path for variant in build.variants
                for path in write_variant_sitemaps(build.env, site_dir, build.variant_files.get(variant.root, []),
                                                   config, build.variants, variant.root, written, build.page_of)]
    if build.folder:  # the sitemaps not written again are left
        build.folder.keep_sitemaps(sitemaps)
    write_query_tables(site_dir, build.variants, build.characters)
    build.cache.keep_for_next_build()
    if build.folder:  # before the index is written: what the last build left and this one did not write goes
        roots = {v.root for v in build.variants}
        build.folder.sweep(spared=lambda folder: is_bundle_folder(folder, roots))
        build.folder.remember(build)
    index = partial(index_trees, site_dir, [v.root for v in build.variants], build.project,
                    build.cache.directory / "pagefind", build.options.extra.search_part_pages, log.warning,
                    staged=KEPT.search is not None,
                    order=page_order(a.slug for a in build.site.articles) if build.site else None)
    if KEPT.command != "serve":
        build_state.let_go_of_pages(build)
    build_state.return_free_memory()  # before Pagefind runs: the two at once are the build's peak
    if KEPT.search:  # serve: the pages are shown first (livereload, when the build returns), then searched
        KEPT.search.request(index)
    else:
        build.clock["indexed"] = index()
    build.renders.end(drop=not build.served)
    build.outputs.end(drop=not build.served)
    write_timings(build)
    build_state.finish(config)
