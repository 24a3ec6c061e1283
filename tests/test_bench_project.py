"""The benchmark's projects are the site's: the plain Material project gets the pages the hook publishes
(the Traditional articles with the site's 「」, not the “” of a variant rebuilt without its quotation style)
and the site's plugins, and the 原文对照 switch changes extra.raw_pages and nothing else. No site is built:
the hook's pages come from its own events, run as MkDocs runs them."""

import sys

import pytest
from mkdocs.structure.files import Files

from conftest import HANT, REPO, copy_project, load_site_config
from seedtext.layout import ARTICLE_DIR, RAW_DIR

sys.path.insert(0, str(REPO / "bench"))
from project import raw_pages_config, write_plain_project  # noqa: E402


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    """The five seeds' project; the Markdown of every page its hook generates; the plain project made from it."""
    folder = tmp_path_factory.mktemp("bench-project")
    (folder / "project").mkdir()
    project = copy_project(folder / "project")
    config = load_site_config(project)
    config = config.plugins.on_config(config)
    site_pages = {f.src_uri: f.content_string for f in config.plugins.on_files(Files([]), config=config)}
    write_plain_project(project, folder / "plain")
    return project, site_pages, folder / "plain"


def test_the_plain_project_has_every_page_of_the_site_with_its_markdown(projects):
    _, site_pages, plain = projects
    docs = plain / "docs"
    plain_pages = {path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8")
                   for path in docs.rglob("*.md")}
    assert plain_pages.keys() == site_pages.keys()
    # A 原文对照 page: the plain project has its head and, after it, the table the hook writes on the page.
    def same(uri: str, markdown: str) -> bool:
        plain_page = plain_pages[uri]
        if uri.split("/")[1:2] == [RAW_DIR]:
            return plain_page.startswith(markdown) and '<table class="raw-compare">' in plain_page
        return plain_page == markdown

    differing = [uri for uri, markdown in site_pages.items() if not same(uri, markdown)]
    assert differing == []


def test_the_plain_traditional_articles_have_the_sites_quotation_marks(projects):
    _, site_pages, plain = projects
    folder = f"{HANT.root}/{ARTICLE_DIR}/"
    articles = {uri: markdown for uri, markdown in site_pages.items() if uri.startswith(folder)}
    assert len(articles) >= 5
    for uri, markdown in articles.items():
        assert "「" in markdown and "“" not in markdown, uri
        assert (plain / "docs" / uri).read_text(encoding="utf-8") == markdown, uri


def test_the_plain_configuration_is_the_sites_without_the_hook_and_with_materials_search(projects):
    project, _, plain = projects
    site = load_site_config(project)
    config = load_site_config(plain)
    assert not config.hooks and not config.watch
    # `search` under Material is its own search plugin.
    assert list(config.plugins) == ["material/search", *(name for name in site.plugins if name not in site.hooks)]
    assert config.extra == site.extra and config.markdown_extensions == site.markdown_extensions
    assert config.theme.custom_dir == str(plain / "overrides")


@pytest.mark.parametrize("on", [False, True])
def test_the_raw_pages_configuration_changes_only_extra_raw_pages(projects, on):
    project, _, _ = projects
    site = load_site_config(project)
    config = load_site_config(project, raw_pages_config(project, on).name)  # a configuration file beside mkdocs.yml
    assert config.extra["raw_pages"] is on
    assert {**config.extra, "raw_pages": site.extra["raw_pages"]} == site.extra
    assert list(config.plugins) == list(site.plugins) and config.docs_dir == site.docs_dir
