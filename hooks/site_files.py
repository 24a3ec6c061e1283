"""The site's pages as MkDocs files: every page of seedtext's site in each script variant's tree, and the
script chooser at the root. What a page needs later (a 原文对照 page's table, its doubts) is kept in the
build (build_state.Build)."""

from __future__ import annotations

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section

from build_log import report_doubts
from build_state import Build
from seedtext.layout import (
    ABOUT_TEMPLATE,
    ARTICLE_DIR,
    HOME_TEMPLATE,
    NAV_PAGES,
    SITE_ROOT,
    article_path,
    in_tree,
    raw_page_of,
    tag_path,
)
from seedtext.page import SitePage
from seedtext.render import dump_front_matter, escape_text, html_text
from seedtext.review import Difference, undecided, zhconv_target
from seedtext.site import Site, Variant, city_pages, variant_markdown
from serve_pages import source_path


def remove_templates(files: Files) -> None:
    """docs/'s templates of every variant's page (home, about) are not pages of the site themselves."""
    for name in (HOME_TEMPLATE, ABOUT_TEMPLATE):
        template = files.get_file_from_path(name)
        if template is not None:
            files.remove(template)


def conversion_doubts(build: Build, variant: Variant, page: SitePage, converted: str) -> list[Difference]:
    """The words of an article page that the site and the second converter print differently and that
    data/conversion-review.yml does not decide (none for the Simplified variant)."""
    target = zhconv_target(variant.opencc)
    if not target:
        return []
    found = build.cache.differences(page.markdown, converted, target)
    decisions = build.options.review.get(variant.root, ())
    return build.cache.derived(found, ("undecided", decisions), lambda: undecided(found, decisions))


def add_variant_files(files: Files, build: Build, config) -> None:
    """Each variant's tree: its pages converted, the articles' characters and doubts noted (docs/'s templates
    taken out: remove_templates)."""
    remove_templates(files)
    for variant in build.variants:
        generated = build.variant_files[variant.root] = []
        characters = build.characters[variant.root] = set()
        doubts: dict[str, list[Difference]] = {}  # 原文对照 page -> its article's undecided words on this variant
        by_seed: dict[str, list[Difference]] = {}
        for page in build.site.pages:
            if build.converting:  # one of the second process's pages: its conversions are filed first
                build.converting.wait_for((variant.root, page.uri))
            markdown = variant_markdown(page, variant, build.cache)
            if page.source:  # the searched pages (articles): what a query can find (search-script.txt)
                # As one string, not a set: under serve each page's stays for the next build (a set of one-character
                # strings was 280 MB at N = 1000)
                characters.update(build.cache.characters(markdown))
                found = doubts[raw_page_of(page.uri)] = conversion_doubts(build, variant, page, markdown)
                if found:
                    by_seed.setdefault(page.source, []).extend(found)
            if page.table:  # a 原文对照 page: the article's doubts are marked in its table
                build.raw_tables[in_tree(variant, page.uri)] = (page, variant, doubts.get(page.uri, []))
            uri = in_tree(variant, page.uri)
            build.markdown[uri] = markdown
            # Under a dirty serve, a file (serve_pages): MkDocs builds a page in memory every time.
            source = {"abs_src_path": source_path(build, uri)} if build.served else {"content": markdown}
            f = File.generated(config, uri, **source, inclusion=InclusionLevel.UNDEFINED if page.uri in NAV_PAGES
                               else InclusionLevel.NOT_IN_NAV)
            files.append(f)
            generated.append(f)
        report_doubts(variant, by_seed, build.told)
    if build.converting:  # every conversion is made: the child making half of them has ended
        build.converting.join()
    files.append(File.generated(config, SITE_ROOT, content=root_chooser(build.variants, config.site_name),
                                inclusion=InclusionLevel.NOT_IN_NAV))


def root_chooser(variants: list[Variant], site_name: str) -> str:
    """The site root, titled with mkdocs.yml's site_name: plain links to every variant (variant.js redirects
    readers who have a preference)."""
    items = "".join(
        f'<li><a href="{v.root}/" hreflang="{v.lang}" lang="{v.lang}">{v.name}</a></li>' for v in variants
    )
    return (f"{dump_front_matter({'title': html_text(site_name), 'hide': ['navigation', 'toc']})}\n"
            f"# {escape_text(site_name)}\n\n<ul data-variant-chooser>{items}</ul>\n")



def reading_links(site: Site) -> dict[str, tuple[str | None, str | None, str | None]]:
    """For each article's path: the previous and next article's in the site's reading order (by city, newest
    first: seedtext.page.reading_order), and its city's page."""
    order = [article_path(page.slug) for page in site.reading_order]
    city_of = {article_path(page.slug): site.tags.get(page.article.city) for page in site.articles}
    return {path: (order[n - 1] if n else None, order[n + 1] if n + 1 < len(order) else None,
                   tag_path(city_of[path].slug) if city_of[path] else None) for n, path in enumerate(order)}


def variant_navs(files: Files, build: Build) -> dict[str, Navigation]:
    """Each variant's drawer (`<root>`): its top pages (layout.NAV_PAGES), the cities' pages after its
    home page; and the drawer of its articles and 原文对照 pages (`<root>/articles`), the top pages only.
    Material draws the drawer on every page, a section's every page each time: the cities' section on
    every article cost about a seventh of a warm build's render. An article's 继续阅读 links its city."""
    navs = {}
    for variant in build.variants:
        def page(uri: str, variant=variant):
            return build.page(variant, uri)  # its title read even when a dirty build skips it

        pages = [p for p in map(page, NAV_PAGES) if p]
        cities = Section(build.labels[variant.root]["cities"], [p for p in map(page, city_pages(build.site)) if p])
        for city in cities.children:
            city.parent = cities
        items = pages[:1] + ([cities] if cities.children else []) + pages[1:]
        navs[variant.root] = Navigation(items, pages + cities.children)
        navs[in_tree(variant, ARTICLE_DIR)] = Navigation(pages, pages)
    return navs
