"""What a generated page's HTML is made of, as one digest per page (no text work).

Two things reuse a page's HTML while its digest is unchanged: a dirty serve skips building it
(serve_pages), and any build takes the whole page from an earlier build instead of drawing it through
the theme's templates again (output_cache). So the digest holds everything its HTML is made of: its
Markdown, and whether each page it links to exists; the site (templates, CSS, JavaScript, the hook's code,
mkdocs.yml, data/, the pinned libraries, the served address), so that any change outside the seeds
draws every page again (but data/published-urls.yml, which a build adding a seed writes: the URLs it
records reach a page through its Markdown, its own URL and its links, only); its tree's drawer (the
titles of the top pages and the cities' pages); an article's 继续阅读 neighbours and tag chips; a 原文对照
page's table and doubts.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

from render_cache import linked_pages
from seedtext.layout import ARTICLE_DIR, NAV_PAGES, RAW_DIR, in_tree, section
from seedtext.site import city_pages
from seedtext.urls import URLS_FILE

# What the site's digest reads besides mkdocs.yml (relative to the project): every template, style,
# script and hand-written page, the hook's code and the site's data; and the pinned libraries.
SITE_DIRS = ("overrides", "docs", "hooks", "data")
SITE_FILES = ("requirements.txt",)
LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")


def front_matter(markdown: str) -> str:
    """The page's YAML front matter (title, city, tags, printed): what another page shows of it."""
    if not markdown.startswith("---\n"):
        return ""
    end = markdown.find("\n---\n", 3)
    return markdown[:end + 5] if end >= 0 else markdown


def site_digest(project: Path, config) -> str:
    """Everything every page's HTML depends on besides its own content: see the module's docstring."""
    digest = hashlib.sha256()
    for library in LIBRARIES:
        digest.update(f"{library}={version(library)}\n".encode())
    digest.update(f"{config.site_url}\n{config.use_directory_urls}\n".encode())
    digest.update(Path(config.config_file_path).read_bytes())
    paths = [project / name for name in SITE_FILES if (project / name).is_file()]
    for name in SITE_DIRS:
        paths += sorted((project / name).rglob("*"))
    recorded = project / URLS_FILE  # written by the build that adds a seed; it reaches a page through its Markdown
    for path in paths:
        if path.is_file() and "__pycache__" not in path.parts and path != recorded:
            digest.update(f"\0{path.relative_to(project).as_posix()}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def page_digests(build, site: str, links: dict[str, tuple[int, tuple[str, ...]]],
                 named: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Each generated page's digest (src_uri -> hex): what its HTML is made of, `site` (site_digest) with
    the rest. Also whether each page its Markdown links to exists: the link's HTML depends on it (a seed
    deleted, or added back). `links` keeps the pages each Markdown names (render_cache.linked_pages);
    `named` gets them for this build (src_uri -> paths: the render cache's keys use them too)."""
    pages = {f.src_uri for f in build.files.documentation_pages()}
    digests = {}
    for variant in build.variants:
        markdown = {page.uri: build.markdown[in_tree(variant, page.uri)] for page in build.site.pages}

        def shown(uri: str | None, markdown=markdown) -> str:
            return f"{uri}\0{front_matter(markdown.get(uri, '')) if uri else ''}\0"

        top = "".join(map(shown, NAV_PAGES))
        drawer = top + "".join(map(shown, city_pages(build.site)))  # the articles' drawer: the top pages only
        for page in build.site.pages:
            uri = in_tree(variant, page.uri)
            shows = top if section(uri) in (ARTICLE_DIR, RAW_DIR) else drawer  # as site_files.variant_navs
            digest = hashlib.sha256(f"{site}\0{variant.root}\0{shows}\0".encode())
            digest.update(markdown[page.uri].encode())
            named[uri] = linked_pages(uri, markdown[page.uri], links)
            digest.update("".join(f"\0{target} {target in pages}" for target in named[uri]).encode())
            if page.source:  # an article: its neighbours' titles and cities, its chips' links
                digest.update("".join(map(shown, build.reading.get(page.uri, ()))).encode())
                digest.update(repr(build.tag_pages.get(page.uri, [])).encode())
            if uri in build.raw_tables:  # a 原文对照 page: its table and marked doubts
                site_page, _, doubts = build.raw_tables[uri]  # (the variant's repr holds object addresses)
                digest.update(f"{site_page.table.digest if site_page.table else ''}\0{doubts!r}".encode())
            digests[uri] = digest.hexdigest()
    return digests
