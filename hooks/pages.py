"""MkDocs hook: seeds/ -> article pages in every script variant (wiring only).

The text work lives in the `seedtext` package beside this file; this module turns
its pages into in-memory MkDocs files, gives each page its own script switch,
navigation and UI language, and splits sitemap and search index per variant.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from seedtext.publish import load_yaml
from seedtext.site import Site, Variant, build_site, variant_markdown

log = get_plugin_logger("seeds")

# Hand-written pages in docs/ that are templates for every variant, not pages themselves.
TEMPLATE_PAGES = ("home.md", "about.md")
NAV_PAGES = ("index.md", "about.md")


class State:
    variants: list[Variant] = []
    site: Site | None = None
    navs: dict[str, Navigation] = {}
    variant_files: dict[str, list[File]] = {}
    base_extra_alternate: list[dict] = []


def project_dir(config) -> Path:
    return Path(config.config_file_path).parent


def variant_of(src_uri: str) -> Variant | None:
    head = src_uri.split("/", 1)[0]
    return next((v for v in State.variants if v.root == head), None)


def on_config(config):
    State.variants = [Variant.from_config(v) for v in config.extra.get("variants", [])]
    if not State.variants:
        log.warning("mkdocs.yml: extra.variants is empty; no article pages will be built")
    config.extra["alternate"] = [{"name": v.name, "link": f"{v.root}/", "lang": v.lang} for v in State.variants]
    State.base_extra_alternate = list(config.extra["alternate"])
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
            log.warning(f"seeds/{seed.source}:{w.line}: {w.message} | raw: {w.raw!r}")


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
    options = load_yaml(root / "data" / "cleaning.yml")
    State.site = build_site(root / "seeds", Path(config.docs_dir), options)
    report(State.site, config.extra.get("largest_seed_kb"))
    State.variant_files = {}
    for variant in State.variants:
        generated = []
        for page in State.site.pages:
            in_nav = page.uri in NAV_PAGES
            f = File.generated(config, f"{variant.root}/{page.uri}", content=variant_markdown(page, variant),
                               inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV)
            files.append(f)
            generated.append(f)
        State.variant_files[variant.root] = generated
    files.append(File.generated(config, "index.md", content=root_chooser(State.variants),
                                inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_nav(nav, config, files):
    """One navigation per variant; a page is shown only its own variant's nav."""
    State.navs = {}
    for variant in State.variants:
        pages = [files.get_file_from_path(f"{variant.root}/{uri}").page for uri in NAV_PAGES]
        State.navs[variant.root] = Navigation([p for p in pages if p], [p for p in pages if p])
    return nav


def on_page_context(context, page, config, nav):
    variant = variant_of(page.file.src_uri)
    if variant is None:  # the root chooser
        config.extra["alternate"] = list(State.base_extra_alternate)
        config.theme["language"] = State.variants[0].theme_language if State.variants else "zh"
        return context
    twin_url = page.url.split("/", 1)[1] if "/" in page.url else ""
    # A fresh list per page: the template reads config.extra.alternate, and mutating it accumulates.
    config.extra["alternate"] = [
        {"name": v.name, "link": f"{v.root}/{twin_url}", "lang": v.lang} for v in State.variants
    ]
    config.theme["language"] = variant.theme_language
    context["nav"] = State.navs.get(variant.root, nav)
    # Material's client code resolves search index and sitemap from `base`: point it at the variant root.
    # page.url is "<root>/a/b/": two levels below the variant root -> "../..".
    context["base_url"] = "/".join([".."] * (page.url.count("/") - 1)) or "."
    context["variant"] = variant
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
    for variant in State.variants:
        prefix = variant.root + "/"
        docs = [dict(d, location=d["location"][len(prefix):])
                for d in index["docs"] if d["location"].startswith(prefix)]
        target = site_dir / variant.root / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({**index, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
    rest = [d for d in index["docs"] if not any(d["location"].startswith(v.root + "/") for v in State.variants)]
    index_path.write_text(json.dumps({**index, "docs": rest}, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")


def on_post_build(config):
    site_dir = Path(config.site_dir)
    site_url = config.site_url or "/"
    for variant in State.variants:
        write_sitemap(site_dir / variant.root / "sitemap.xml", site_url, variant.root,
                      State.variant_files.get(variant.root, []))
    split_search_index(site_dir)
