"""The site's sitemaps, from the theme's sitemap.xml template (overrides/sitemap.xml, as MkDocs renders the
root's): at the root an index of the variants' sitemaps, per variant one of all its pages, and one beside
every page for Material's client code. Each page is listed with its alternates (seedtext.layout); the
原文对照 pages are left out (the template skips pages that ask not to be indexed): each repeats its
article, which is the page to find."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from jinja2 import Environment
from mkdocs.structure.files import File

from seedtext.layout import FOLDER_SITEMAP, FULL_SITEMAP, alternates, folder_sitemaps, is_raw_page, twin_url, variant_of
from seedtext.site import Variant


def sitemap_index(variants: Sequence[Variant], site_url: str | None) -> list[str]:
    """For MkDocs' root sitemap.xml: the variants' sitemaps."""
    return [f"{site_url or ''}{v.root}/{FULL_SITEMAP}" for v in variants]


def write_sitemap(env: Environment, path: Path, files: list[File], config, variants: Sequence[Variant],
                  page_of: Callable[[File], object] = lambda f: f.page) -> None:
    """The sitemap of these files' pages (`page_of`: each file's Page, made for a page left out of the build)."""
    def alternates_of(page) -> list[dict]:  # none for the script chooser and the 404 page
        if variant_of(page.file.src_uri, variants) is None:
            return []
        return alternates(twin_url(page.url), variants, config.site_url)

    xml = env.get_template("sitemap.xml").render(pages=[f for f in files if page_of(f)], config=config,
                                                 alternates_of=alternates_of)
    path.write_text(xml, encoding="utf-8")


def write_variant_sitemaps(env: Environment, site_dir: Path, files: list[File], config,
                           variants: Sequence[Variant], root: str, written: dict[Path, tuple] | None = None,
                           page_of: Callable[[File], object] = lambda f: f.page) -> list[Path]:
    """A variant's sitemap of every page, and the folder sitemaps: Material's client code fetches
    `sitemap.xml` in the folder of every <link rel="alternate"> of a page (to keep its language selector on
    the same page); one in each page's folder, listing the pages there (one page, under 1 KB), rather than
    a 404 on every page load. `written` (a dirty serve, serve_pages; a build into the last build's folder,
    site_folder: the site unchanged otherwise) holds the URLs each sitemap was last written with: one listing
    the same URLs is not written again (the variant's own: 0.2 s of a rebuild at N = 1000; the folders' 0.8 s
    of a warm build). Returns every sitemap's path, written or not."""
    full = site_dir / root / FULL_SITEMAP
    if not _written_before(written, full, tuple(map(_url, files))):
        write_sitemap(env, full, files, config, variants, page_of)
    paths = [full]
    by_url = {_url(f): f for f in files if not is_raw_page(f.src_uri)}
    for folder, urls in folder_sitemaps(list(by_url)).items():
        path = site_dir / folder / FOLDER_SITEMAP
        paths.append(path)
        if not _written_before(written, path, tuple(urls)):
            write_sitemap(env, path, [by_url[u] for u in urls], config, variants, page_of)
    return paths


def _url(file: File) -> str:
    """The file's page's URL (Page.url), without making its Page."""
    return "" if file.url in (".", "./") else file.url


def _written_before(written: dict[Path, tuple] | None, path: Path, urls: tuple) -> bool:
    """Whether the sitemap at `path` is there listing these URLs (`written`: what each was last written
    with); if not, it is noted as written with them (the caller writes it)."""
    if written is None:
        return False
    if written.get(path) == urls and path.exists():
        return True
    written[path] = urls
    return False
