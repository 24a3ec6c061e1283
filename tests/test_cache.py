"""The cleaning cache as an editor meets it: a rebuild re-cleans only the seeds that changed (or whose
overrides changed), a damaged cache file costs a re-clean and never a build, search text is not cut
into words again, and a build from the cache is byte-identical to one without it. Observed through
the cache's counters and the .cache/timings.json a build writes, never through timing."""

from __future__ import annotations

import dataclasses
import json
import pickle
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

import draw_ahead
import output_cache
import render_ahead
from conftest import REPO, copy_project, load_site, mkdocs_build
from output_cache import OutputCache
from seedtext import cache as cache_module
from seedtext.convert import convert_variant
from seedtext.site import build_site, seed_files
from seedtext.tagpages import article_markdown, tag_articles
from seedtext.urls import assign_urls

SEEDS = sorted(p.name for p in (REPO / "seeds").glob("*.txt"))


def new_project(path: Path) -> Path:
    path.mkdir()
    return copy_project(path)


def files_of(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------------------------------
# In process: build_site as the hook calls it, with the cache pointed at a temporary folder


@pytest.fixture
def project(tmp_path):
    return new_project(tmp_path / "project")


class EachBuild:
    """A new Cache over the project's .cache/ for each build, as the hook makes one in each on_config (its
    counters are that build's); the attributes are the current one's."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.new_build()

    def new_build(self) -> None:
        self.current = cache_module.Cache(self.directory)

    def __getattr__(self, name: str):
        return getattr(self.current, name)


@pytest.fixture
def cache(project):
    return EachBuild(project / ".cache")


def build(root: Path, cache: EachBuild, **changed_options):
    """build_site as the hook calls it, with the project's options (data/cleaning.yml: as changed)."""
    cache.new_build()
    site = load_site(root)
    cleaning = dataclasses.replace(site.cleaning, **changed_options)
    return build_site(root / "seeds", root / "docs", cleaning, cache.current, tags=site.tags,
                      published=site.published_urls)


def test_unchanged_seeds_are_not_cleaned_again(project, cache):
    first = build(project, cache)
    assert sorted(cache.stats.cleaned) == SEEDS
    second = build(project, cache)
    assert cache.stats.cleaned == [] and cache.stats.reused == len(SEEDS)
    assert [p.markdown for p in second.pages] == [p.markdown for p in first.pages]
    assert [p.uri for p in second.pages] == [p.uri for p in first.pages]


def test_seeds_cleaned_in_worker_processes_make_the_same_site(project, cache, monkeypatch):
    """A cold build cleans its seeds in parallel (both cores): the pages are the ones one process makes,
    in the same order, and the cache is filled the same way (the next build reuses every seed)."""
    serial = build(project, cache)
    shutil.rmtree(project / ".cache")
    monkeypatch.setattr(cache_module, "PARALLEL_FROM", 2)  # the five seeds are enough to start workers
    spawned = []
    real = cache_module.ProcessPoolExecutor
    monkeypatch.setattr(cache_module, "ProcessPoolExecutor", lambda *a, **k: spawned.append(a) or real(*a, **k))
    parallel = build(project, cache)
    assert spawned and spawned[0][0] >= 2  # workers did the cleaning
    assert sorted(cache.stats.cleaned) == SEEDS
    assert [(p.uri, p.markdown) for p in parallel.pages] == [(p.uri, p.markdown) for p in serial.pages]
    build(project, cache)
    assert cache.stats.cleaned == [] and cache.stats.reused == len(SEEDS)


def test_a_seed_read_back_from_the_cache_has_every_edit_and_raw_line_it_was_cleaned_with(project, cache):
    """A cleaned seed's edits and raw lines are kept packed (seedtext.packed): most of the build's memory as
    objects. Read back from the cache, the seed is the one cleaned, edit for edit and line for line (its
    原文对照 page and --explain are made from them), and its cache file is a fraction of the unpacked one."""
    path = project / "seeds" / SEEDS[2]
    [cleaned] = cache.cleaned_seeds([path], load_site(project).cleaning)
    cache.new_build()
    [read_back] = cache.cleaned_seeds([path], load_site(project).cleaning)
    assert cache.stats.reused == 1 and read_back is not cleaned
    edits, raw_lines = tuple(cleaned.edits), tuple(cleaned.raw_lines)
    assert len(edits) > 100 and len(raw_lines) == path.read_text(encoding="utf-8").count("\n") + 1
    assert tuple(read_back.edits) == edits and tuple(read_back.raw_lines) == raw_lines and read_back == cleaned
    assert read_back.raw_lines[4] == raw_lines[4] and list(read_back.edits)[-1] == edits[-1]
    unpacked = dataclasses.replace(cleaned, edits=edits, raw_lines=raw_lines)
    assert len(pickle.dumps(read_back)) * 3 < len(pickle.dumps(unpacked))


def test_editing_one_seed_cleans_only_that_seed(project, cache):
    build(project, cache)
    seed = project / "seeds" / SEEDS[1]
    seed.write_bytes(seed.read_bytes() + "\n\n本报讯 这是编辑补上的一段。\n".encode())
    site = build(project, cache)
    assert cache.stats.cleaned == [SEEDS[1]]
    assert any("这是编辑补上的一段" in p.markdown for p in site.pages)


def test_changing_an_overrides_file_cleans_that_seed_again(project, cache):
    build(project, cache)
    folder = project / "seeds" / "overrides"
    seed = next(s for s in SEEDS if not (folder / (Path(s).stem + ".yml")).exists())  # one without overrides yet
    overrides = folder / (Path(seed).stem + ".yml")
    folder.mkdir(exist_ok=True)
    overrides.write_text("# reviewed: nothing to correct yet\n", encoding="utf-8")  # a new overrides file
    build(project, cache)
    assert cache.stats.cleaned == [seed]
    overrides.write_text("# reviewed twice\n", encoding="utf-8")  # an edited one
    build(project, cache)
    assert cache.stats.cleaned == [seed]
    overrides.unlink()  # a removed one: back to the first result, which is still cached
    build(project, cache)
    assert cache.stats.cleaned == []


def test_changed_options_or_cleaner_code_clean_everything_again(project, cache, monkeypatch):
    build(project, cache)
    build(project, cache, cities=(*load_site(project).cleaning.cities, "测试市"))
    assert sorted(cache.stats.cleaned) == SEEDS
    monkeypatch.setattr(cache_module, "code_version", lambda: "an edited cleaner")
    build(project, cache)
    assert sorted(cache.stats.cleaned) == SEEDS


@pytest.mark.parametrize("damage", [
    lambda data: b"not a pickle at all",
    lambda data: data[: len(data) // 2],  # cut short
    lambda data: data[:40] + bytes([data[40] ^ 0xFF]) + data[41:],  # one byte flipped
    lambda data: b"",
], ids=["garbage", "truncated", "flipped", "empty"])
def test_a_damaged_cache_entry_is_ignored_and_the_seed_cleaned_again(project, cache, damage):
    first = build(project, cache)
    entries = sorted((project / ".cache" / "seeds").glob("*.pickle"))
    assert len(entries) == len(SEEDS)
    entries[0].write_bytes(damage(entries[0].read_bytes()))
    site = build(project, cache)
    assert len(cache.stats.cleaned) == 1 and cache.stats.corrupt == 1
    assert [p.markdown for p in site.pages] == [p.markdown for p in first.pages]
    build(project, cache)  # the entry was written again
    assert cache.stats.cleaned == [] and cache.stats.corrupt == 0


def test_a_damaged_conversion_entry_is_converted_again(project, cache):
    text = "这是一个测试，关于发展和软件。\n"
    phrases = project / "data" / "phrases.txt"
    cache.new_build()
    expected = cache.converted(text, "s2tw", phrases, "as-printed", convert_variant)
    assert expected == convert_variant(text, "s2tw", phrases) and cache.stats.converted == 1
    (entry,) = (project / ".cache" / "convert").glob("*.txt")
    entry.write_bytes(entry.read_bytes()[:-3])
    cache.new_build()
    assert cache.converted(text, "s2tw", phrases, "as-printed", convert_variant) == expected
    assert cache.stats.corrupt == 1 and cache.stats.converted == 1
    cache.new_build()
    assert cache.converted(text, "s2tw", phrases, "as-printed", convert_variant) == expected
    assert cache.stats.conversions_reused == 1 and cache.stats.converted == 0
    phrases.write_text(phrases.read_text(encoding="utf-8") + "\n测试 測驗\n", encoding="utf-8")
    cache.new_build()
    # an edited phrase file counts
    assert cache.converted(text, "s2tw", phrases, "as-printed", convert_variant) != expected
    assert cache.stats.converted == 1


def test_a_changed_quotation_style_converts_again(project, cache):
    text = "他说：“这是测试。”\n"
    phrases = project / "data" / "phrases.txt"
    cache.new_build()
    assert "“" in cache.converted(text, "s2tw", phrases, "as-printed", convert_variant)
    cache.new_build()
    assert "「這是測試。」" in cache.converted(text, "s2tw", phrases, "corner", convert_variant)
    assert cache.stats.converted == 1 and cache.stats.conversions_reused == 0


def test_later_stages_leave_the_cleaned_seeds_as_they_were(project, cache):
    """Slugs, tags and pages are new objects made from the cached seeds: a build never changes what the
    cache hands it, so the next build (or `mkdocs serve`'s next one) starts from the same articles."""
    site = load_site(project)
    seeds = [cache.cleaned_seed(path, site.cleaning) for path in seed_files(project / "seeds")[0]]
    before = pickle.dumps(seeds)
    pages, tags = tag_articles(list(assign_urls(seeds, site.published_urls).pages), site.tags.rules)
    assert pages and all(page.tags for page in pages)
    for page in pages:
        article_markdown(page, tags)
    assert pickle.dumps(seeds) == before
    with pytest.raises(dataclasses.FrozenInstanceError):
        pages[0].slug = "changed-in-place"


# ---------------------------------------------------------------------------------------------
# The real `mkdocs build`, twice


def test_real_builds_reuse_the_cache_and_output_is_byte_identical(tmp_path):
    root = new_project(tmp_path / "project")
    timings = root / ".cache" / "timings.json"
    first = mkdocs_build(root, tmp_path / "site1")
    assert first.returncode == 0, first.stdout + first.stderr
    assert sorted(json.loads(timings.read_text(encoding="utf-8"))["cleaned"]) == SEEDS
    second = mkdocs_build(root, tmp_path / "site2")
    assert second.returncode == 0, second.stdout + second.stderr
    report = json.loads(timings.read_text(encoding="utf-8"))
    assert report["cleaned"] == [] and report["reused"] == len(SEEDS) and report["converted"] == 0
    # No page converted from Markdown again, drawn through the theme again, or indexed again: all taken
    # from the first build (the script chooser at the root, which has no digest, is drawn every time).
    assert report["rendered"] == 0 and report["renders_reused"] > 0 and report["search_indexed"] == 0
    assert report["drawn"] == 0 and report["kept_whole"] == report["pages_built"]
    assert set(report["stages"]) >= {"decode_clean", "conversion", "tags_xref", "render", "search", "total"}
    assert files_of(tmp_path / "site2") == files_of(tmp_path / "site1")
    for entry in list((root / ".cache" / "render").iterdir())[:3]:  # damaged entries: rendered again
        entry.write_bytes(b"garbage")
    damaged = mkdocs_build(root, tmp_path / "site-damaged")
    assert damaged.returncode == 0, damaged.stdout + damaged.stderr
    assert json.loads(timings.read_text(encoding="utf-8"))["rendered"] == 3
    assert files_of(tmp_path / "site-damaged") == files_of(tmp_path / "site1")
    for entry in (root / ".cache" / "pages").iterdir():  # every whole page damaged: each drawn again
        entry.write_bytes(entry.read_bytes()[:40])
    drawn = mkdocs_build(root, tmp_path / "site-drawn")
    assert drawn.returncode == 0, drawn.stdout + drawn.stderr
    report = json.loads(timings.read_text(encoding="utf-8"))
    assert report["kept_whole"] == 0 and report["drawn"] == report["pages_built"]
    assert files_of(tmp_path / "site-drawn") == files_of(tmp_path / "site1")
    shutil.rmtree(root / ".cache")  # and without any cache: the same bytes again
    third = mkdocs_build(root, tmp_path / "site3")
    assert third.returncode == 0, third.stdout + third.stderr
    assert files_of(tmp_path / "site3") == files_of(tmp_path / "site1")


def test_under_serve_a_rebuild_takes_unchanged_seeds_from_memory_and_the_same_pages_come_out(project):
    """`mkdocs serve` keeps the results in memory (KeptResults): a rebuild reads no cache file of an unchanged
    seed (here the files are gone), cleans the edited one, and makes the same pages a build from files
    makes; a deleted seed's results are let go when the build ends."""
    kept = cache_module.KeptResults()
    first_cache = cache_module.Cache(project / ".cache", kept)
    site = load_site(project)

    def serve_build(cache):
        built = build_site(project / "seeds", project / "docs", site.cleaning, cache, tags=site.tags,
                           published=site.published_urls)
        kept.let_go_unused()
        return built

    first = serve_build(first_cache)
    shutil.rmtree(project / ".cache" / "seeds")  # what a rebuild reads now is in memory or nowhere
    edited = project / "seeds" / SEEDS[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\n本报讯 编辑在预览时补上的一段话。\n", encoding="utf-8")
    again = cache_module.Cache(project / ".cache", kept)
    second = serve_build(again)
    assert again.stats.cleaned == [SEEDS[0]] and again.stats.reused == len(SEEDS) - 1
    from_files = build(project, EachBuild(project / ".cache"))
    assert [(p.uri, p.markdown) for p in second.pages] == [(p.uri, p.markdown) for p in from_files.pages]
    assert any("编辑在预览时补上的一段话" in p.markdown for p in second.pages)
    assert [p.uri for p in second.pages] == [p.uri for p in first.pages]

    (project / "seeds" / SEEDS[-1]).unlink()
    serve_build(cache_module.Cache(project / ".cache", kept))
    assert not any(isinstance(v, cache_module._seed.CleanedSeed) and v.source == SEEDS[-1]
                   for v in kept.values())


def test_a_deploy_after_one_seed_is_added_renders_the_pages_that_changed_not_every_page(tmp_path):
    """A page's render is kept by its Markdown and whether each page it links to exists (render_cache), not
    by the list of every page: adding a seed renders its pages and the listings and lists that change, and
    the site is what a build without the cache writes."""
    root = new_project(tmp_path / "project")
    added = root / "seeds" / SEEDS[-1]
    held = added.read_bytes()
    added.unlink()  # (its recorded URL and any overrides file now name no seed: warnings, not --strict)
    assert mkdocs_build(root, tmp_path / "site1", strict=False).returncode == 0
    added.write_bytes(held)
    second = mkdocs_build(root, tmp_path / "site2")
    assert second.returncode == 0, second.stdout + second.stderr
    report = json.loads((root / ".cache" / "timings.json").read_text(encoding="utf-8"))
    assert report["cleaned"] == [SEEDS[-1]] and 0 < report["rendered"] < report["renders_reused"]
    # The pages that changed are drawn again (with five seeds, nearly all: every list names the new one); the
    # others are written as the first build drew them.
    assert report["drawn"] > 0 and report["kept_whole"] > 0
    shutil.rmtree(root / ".cache")
    assert mkdocs_build(root, tmp_path / "site3").returncode == 0
    assert files_of(tmp_path / "site2") == files_of(tmp_path / "site3")


def test_pages_kept_whole_are_the_pages_a_build_without_the_cache_writes(tmp_path):
    """A page is taken whole from an earlier build only while everything its HTML is made of is unchanged
    (page_digest): after one seed is edited, another deleted and a new one added, and after a template changes,
    the site is byte for byte what a build without any cache writes, and only the pages that changed are drawn."""
    root = new_project(tmp_path / "project")
    timings = root / ".cache" / "timings.json"
    assert mkdocs_build(root, tmp_path / "site1").returncode == 0
    edited = root / "seeds" / SEEDS[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace("。", "。\n\n", 1), encoding="utf-8")
    edited_build = mkdocs_build(root, tmp_path / "site2")
    assert edited_build.returncode == 0, edited_build.stdout + edited_build.stderr
    report = json.loads(timings.read_text(encoding="utf-8"))
    assert 0 < report["drawn"] < report["kept_whole"]
    (root / "seeds" / SEEDS[-1]).unlink()
    deleted_build = mkdocs_build(root, tmp_path / "site2", strict=False)  # (the deleted seed's recorded URL)
    assert deleted_build.returncode == 0, deleted_build.stdout + deleted_build.stderr
    report = json.loads(timings.read_text(encoding="utf-8"))
    assert report["kept_whole"] + report["kept_in_place"] > 0
    # A new seed: the build records its articles' URLs in data/published-urls.yml, which reaches a page through
    # its Markdown (its URL, the links to it) only: the other pages are still taken whole.
    urls = root / "data" / "published-urls.yml"
    (root / "seeds" / "009_added.txt").write_text(edited.read_text(encoding="utf-8").replace("平安", "安宁"),
                                                  encoding="utf-8")
    added_build = mkdocs_build(root, tmp_path / "site2", strict=False)
    assert added_build.returncode == 0, added_build.stdout + added_build.stderr
    assert "009_added.txt" in urls.read_text(encoding="utf-8")
    report = json.loads(timings.read_text(encoding="utf-8"))
    assert report["kept_whole"] + report["kept_in_place"] > 0 and 0 < report["drawn"] <= report["pages_built"], report
    (root / ".cache").rename(root / ".cache-kept")
    assert mkdocs_build(root, tmp_path / "site2-without", strict=False).returncode == 0
    assert files_of(tmp_path / "site2") == files_of(tmp_path / "site2-without")
    shutil.rmtree(root / ".cache")
    (root / ".cache-kept").rename(root / ".cache")
    footer = root / "overrides" / "partials" / "copyright.html"  # in the footer of every page
    footer.write_text(footer.read_text(encoding="utf-8") + "\n<!-- 编辑改了页脚 -->\n", encoding="utf-8")
    template_build = mkdocs_build(root, tmp_path / "site3", strict=False)
    assert template_build.returncode == 0, template_build.stdout + template_build.stderr
    report = json.loads(timings.read_text(encoding="utf-8"))
    assert report["kept_whole"] == 0 and report["drawn"] == report["pages_built"]
    article = next((tmp_path / "site3").glob("zh-hant/articles/*/index.html"))
    assert "编辑改了页脚" in article.read_text(encoding="utf-8")


def test_a_build_leaves_the_pages_that_did_not_change_in_the_site_folder_as_they_were(tmp_path):
    """`mkdocs build` into the folder of the last build (a deploy that keeps site/ and .cache/) leaves each page
    whose HTML would not change as its file is (site_folder): not written again, and the site is still byte for
    byte a build's without any cache. A page's file changed or deleted by hand is written again, a file no page
    writes is removed, and after a build that warned the next builds every page."""
    root = new_project(tmp_path / "project")
    site = tmp_path / "site"
    timings = root / ".cache" / "timings.json"

    def build(strict: bool = True) -> dict:
        done = mkdocs_build(root, site, strict=strict)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "excluded from the built site" not in done.stdout + done.stderr  # MkDocs' line, filtered
        return json.loads(timings.read_text(encoding="utf-8"))

    def stamps() -> dict[str, tuple[int, int]]:
        return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
                for p in (*site.rglob("*.html"), *site.rglob("sitemap.xml"))}

    assert build()["kept_in_place"] == 0
    first, before = files_of(site), stamps()
    report = build()
    in_articles = [uri for uri in before if "/articles/" in uri]  # the pages and the sitemap beside each
    articles = [uri for uri in in_articles if uri.endswith(".html")]
    assert report["kept_in_place"] >= len(articles) and report["drawn"] == 0, report
    assert files_of(site) == first  # the search bundles and sitemaps too
    after = stamps()
    assert all(after[uri] == before[uri] for uri in in_articles)  # the same files, not written again

    changed, deleted = (site / articles[0]), (site / articles[1])
    changed.write_text("编辑手改的页面", encoding="utf-8")
    deleted.unlink()
    stray = site / "zh-hans" / "articles" / "gone-long-ago" / "index.html"
    stray.parent.mkdir()
    stray.write_text("一篇删掉的文章", encoding="utf-8")
    kept = report["kept_in_place"]
    report = build()
    assert report["kept_in_place"] == kept - 2, report
    assert files_of(site) == first and not stray.parent.exists()

    about = root / "docs" / "about.md"  # a hand-written page; MkDocs warns of its link to a missing page
    about.write_text(about.read_text(encoding="utf-8") + "\n\n[缺页](missing.md)\n", encoding="utf-8")
    build(strict=False)
    warned = mkdocs_build(root, site, strict=False)  # nothing changed, but the last build warned
    assert "missing.md" in warned.stdout + warned.stderr  # said again: every page was built
    assert json.loads(timings.read_text(encoding="utf-8"))["kept_in_place"] == 0


def test_search_runs_of_few_pages_run_at_once_within_the_pages_of_one_run():
    """Pagefind's memory grows with the pages it holds: runs go two at once only while their pages together
    stay within one run's budget (a seed added last: the last part of each script)."""
    from search_index import PartRun, together

    def runs(*sizes: int) -> list[PartRun]:
        return [PartRun(Path("t"), n, [Path(str(i)) for i in range(size)], Path("o"), None, 1)
                for n, size in enumerate(sizes)]

    def sizes(batches) -> list[list[int]]:
        return [[len(r.pages) for r in batch] for batch in batches]

    assert sizes(together(runs(226, 226), 700, 2)) == [[226, 226]]
    assert sizes(together(runs(700, 700, 226, 700, 700, 226), 700, 2)) == [[700], [700], [700], [700], [226, 226]]
    assert sizes(together(runs(400, 400), 700, 2)) == [[400], [400]]
    assert sizes(together(runs(100, 100, 100), 700, 2)) == [[100, 100], [100]]
    assert sizes(together(runs(226, 226), 700, 1)) == [[226], [226]]


def test_a_pages_characters_are_kept_for_the_next_build_by_its_text(tmp_path):
    """The characters of each article page (the search's query tables) are kept by the page's text: a page
    whose text changed gets its new characters, a damaged file is made again, and what a build did not ask
    for is let go."""
    first = cache_module.Cache(tmp_path)
    assert sorted(first.characters("反诈宣传反诈")) == sorted("反诈宣传")
    first.characters("旧文章")
    first.keep_for_next_build()
    second = cache_module.Cache(tmp_path)
    assert sorted(second.characters("反诈宣传，守护平安")) == sorted("反诈宣传，守护平安")
    assert sorted(second.characters("反诈宣传反诈")) == sorted("反诈宣传")
    second.keep_for_next_build()
    _, kept = pickle.loads((tmp_path / cache_module.CHARACTERS_FILE).read_bytes()[32:])
    assert sorted(map(sorted, kept.values())) == sorted([sorted("反诈宣传，守护平安"), sorted("反诈宣传")])
    (tmp_path / cache_module.CHARACTERS_FILE).write_bytes(b"damaged")
    assert sorted(cache_module.Cache(tmp_path).characters("守护")) == sorted("守护")


def test_the_pages_a_markdown_names_are_found_in_every_form_of_link():
    """What the render key and a page's digest hold of the pages it links to (render_cache.pages_named): an
    inline link with or without an anchor, a reference, an HTML href, a path right after Chinese text; not
    a name that only begins with .md, nor one inside a longer word."""
    from render_cache import pages_named

    markdown = ('见[乙](b.md#p2)和[丙][c]。\n\n[c]: ../tags/c/index.md\n\n<a href="d.md">丁</a> 正文e.md\n'
                "旧稿f.mdx、g.md.bak、(h.md) 'i.md'")
    assert pages_named(markdown) == ["i.md", "h.md", "正文e.md", "d.md", "../tags/c/index.md", "b.md"]


def test_a_page_is_rendered_again_when_a_page_it_links_to_comes_or_goes():
    """The render key holds whether each page the Markdown names exists (inline links, references, HTML),
    and nothing of the pages it does not name."""
    from types import SimpleNamespace

    from render_cache import RenderCache, RenderSession

    page = SimpleNamespace(file=SimpleNamespace(src_uri="zh-hans/articles/a.md"))
    markdown = "[乙](b.md#p2)\n\n[丙][c]\n\n[c]: ../tags/c/index.md\n\n<a href=\"d.md\">丁</a>\n"
    pages = {"zh-hans/articles/a.md", "zh-hans/articles/b.md", "zh-hans/tags/c/index.md", "zh-hans/articles/d.md"}

    def key(present: set[str]) -> str:
        return RenderSession(RenderCache(None), "site", present).key(markdown, page)

    assert key(pages) == key(pages | {"zh-hans/articles/e.md"})  # a page it does not name comes
    for named in pages - {"zh-hans/articles/a.md"}:
        assert key(pages - {named}) != key(pages), named


def test_the_pages_a_markdown_names_are_found_in_links_references_and_html():
    from render_cache import linked_pages

    markdown = ("长" * 3000 + "[乙](b.md#p2)（见[丙](../tags/c/index.md)）" + '<a href="d.md">丁</a>\n\n'
                "[戊][e]\n\n[e]: e.md\n\n文中提到x.mdy和a.md.bak，都不是页面。\n")
    assert linked_pages("zh-hans/articles/a.md", markdown, {}) == (
        "zh-hans/articles/b.md", "zh-hans/articles/d.md", "zh-hans/articles/e.md", "zh-hans/tags/c/index.md")


def test_a_page_taken_from_the_render_cache_warns_as_when_it_was_rendered(tmp_path):
    """A link to a missing page in a hand-written page fails a --strict build; the next build, taking the page
    from the render cache, warns and fails the same (the warnings are kept with the render); a link to a
    missing paragraph (checked after every page is rendered; MkDocs reports it, at info level) is reported
    by both builds too (the links to anchors are kept with the render)."""
    root = new_project(tmp_path / "project")
    about = root / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n\n见[旧页](no-such-page.md)。\n", encoding="utf-8")
    for n in (1, 2):
        built = mkdocs_build(root, tmp_path / f"site{n}")
        assert built.returncode != 0 and "no-such-page.md" in built.stdout + built.stderr, n
    report = json.loads((root / ".cache" / "timings.json").read_text(encoding="utf-8"))
    assert report["rendered"] == 0  # the second build rendered nothing: the warning came from the cache
    about.write_text(about.read_text(encoding="utf-8").replace("no-such-page.md", "index.md#p999"),
                     encoding="utf-8")
    for n in (3, 4):
        built = mkdocs_build(root, tmp_path / f"site{n}")
        assert "does not contain an anchor '#p999'" in built.stdout + built.stderr, n


def test_a_second_process_converting_half_the_pages_makes_the_same_site_and_the_same_warnings(tmp_path):
    """render_ahead, convert_ahead and draw_ahead: with extra.render_ahead_pages at 1, forked processes
    convert half of the pages from Markdown, half into the other scripts, and draw half of them through the
    templates; the site is byte for byte the one made in one process, and each page's warning is printed once
    (the child's come with its renders) and fails --strict."""
    sites, drawn = {}, {}
    for ahead in ("1", "null"):
        root = new_project(tmp_path / f"project-{ahead}")
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert text.count("\n  render_ahead_pages: 200\n") == 1
        config.write_text(text.replace("\n  render_ahead_pages: 200\n", f"\n  render_ahead_pages: {ahead}\n"),
                          encoding="utf-8")
        built = mkdocs_build(root, tmp_path / f"site-{ahead}")
        assert built.returncode == 0, built.stdout + built.stderr
        report = json.loads((root / ".cache" / "timings.json").read_text(encoding="utf-8"))
        assert (report["rendered_ahead"] > 0 and report["ahead_failed"] is False) if ahead == "1" \
            else report["rendered_ahead"] == 0
        # convert_ahead: the script conversions too; draw_ahead: the pages drawn through the templates
        assert (report["converted_ahead"] > 0 and report["converting_failed"] is False) if ahead == "1" \
            else report["converted_ahead"] == 0
        assert (report["drawn_ahead"] > 0 and report["drawing_failed"] is False) if ahead == "1" \
            else report["drawn_ahead"] == 0
        drawn[ahead] = report["drawn"] + report["drawn_ahead"]  # each page drawn in one of the two processes
        sites[ahead] = files_of(tmp_path / f"site-{ahead}")
        if ahead == "1":  # a warm build has nothing to convert: no second process
            again = mkdocs_build(root, tmp_path / "site-again")
            assert again.returncode == 0, again.stdout + again.stderr
            report = json.loads((root / ".cache" / "timings.json").read_text(encoding="utf-8"))
            assert report["rendered"] == 0 and report["rendered_ahead"] == 0 and report["converted_ahead"] == 0
            assert report["drawn_ahead"] == 0
            shutil.rmtree(root / ".cache")
            about = root / "docs" / "about.md"
            about.write_text(about.read_text(encoding="utf-8") + "\n\n见[旧页](no-such-page.md)。\n", encoding="utf-8")
            broken = mkdocs_build(root, tmp_path / "site-broken")
            output = broken.stdout + broken.stderr
            assert broken.returncode != 0
            for tree in ("zh-hans", "zh-hant"):
                assert output.count(f"Doc file '{tree}/about.md' contains a link 'no-such-page.md'") == 1, output
    assert sites["1"] == sites["null"]
    assert drawn["1"] == drawn["null"]


# A site owner's own hook that warns while one page is drawn: the last page of the Simplified tree, whose
# twins are the first pages draw_ahead gives its child.
WARNING_HOOK = """
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("owner")
LAST = []

@event_priority(-100)  # after the site's hook has added its pages
def on_files(files, config):
    LAST[:] = [f.src_uri for f in files.documentation_pages() if f.src_uri.startswith("zh-hans/")][-1:]
    return files

def on_page_context(context, page, config, nav):
    if page.file.src_uri in LAST:
        log.warning(f"the owner's check found something on {page.file.src_uri}")
    return context
"""


def test_a_warning_while_the_second_process_draws_is_shown_once_and_fails_strict(tmp_path):
    """draw_ahead: a page that warns while the child draws it is drawn again by the build itself, so its
    warning is printed (once) and `mkdocs build --strict` fails, as in a one-process build; without --strict
    the site is the one a single process makes."""
    sites = {}
    for ahead in ("1", "null"):
        root = new_project(tmp_path / f"project-{ahead}")
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert text.count("\n  render_ahead_pages: 200\n") == 1 and text.count("\n  - hooks/pages.py\n") == 1
        config.write_text(text.replace("\n  render_ahead_pages: 200\n", f"\n  render_ahead_pages: {ahead}\n")
                          .replace("\n  - hooks/pages.py\n", "\n  - hooks/pages.py\n  - owner_hook.py\n"),
                          encoding="utf-8")
        (root / "owner_hook.py").write_text(WARNING_HOOK, encoding="utf-8")
        strict = mkdocs_build(root, tmp_path / f"strict-{ahead}")
        output = strict.stdout + strict.stderr
        assert strict.returncode != 0 and output.count("the owner's check found something on zh-hans/") == 1, output
        shutil.rmtree(root / ".cache")
        built = mkdocs_build(root, tmp_path / f"site-{ahead}", strict=False)
        output = built.stdout + built.stderr
        assert built.returncode == 0 and output.count("the owner's check found something on zh-hans/") == 1, output
        report = json.loads((root / ".cache" / "timings.json").read_text(encoding="utf-8"))
        assert report["drawing_failed"] is True if ahead == "1" else report["drawn_ahead"] == 0
        sites[ahead] = files_of(tmp_path / f"site-{ahead}")
    assert sites["1"] == sites["null"]


def test_the_build_takes_each_page_the_second_process_has_done_without_waiting_for_the_rest(tmp_path):
    """render_ahead.fork: the child tells the build each page it has filed, so the build goes on with that page
    while the child works on the next (the child here goes on to "b" only once the build has taken "a": a
    build that waited for the whole child would never get there). A child that fails after "b" leaves "c"
    to the build: it is failed when the build reaches "c", not before."""
    taken = tmp_path / "a taken"

    def work():
        yield  # "a" filed
        for _ in range(1000):  # up to 10 s for the build to take "a"
            if taken.exists():
                break
            time.sleep(0.01)
        else:
            raise RuntimeError("the build did not take a page the child had filed")
        yield  # "b" filed
        raise RuntimeError("the child fails before filing c")

    ahead = render_ahead.fork(work, ["a", "b", "c"])
    ahead.wait_for("not the child's")
    ahead.wait_for("a")
    assert ahead.failed is None  # still at work
    taken.touch()
    ahead.wait_for("b")
    assert ahead.failed is None
    ahead.wait_for("c")
    assert ahead.failed is True


def test_pages_a_failed_second_process_was_drawing_are_drawn_by_the_build_itself(tmp_path):
    """draw_ahead: when the child drawing half of the pages fails (or warned), the main process draws those
    pages itself, from the HTML it has already finished (not finished a second time), instead of taking
    them whole from the output cache."""
    outputs = OutputCache(tmp_path, {"zh-hans/a.md": "digest-a", "zh-hans/b.md": "digest-b"})
    build = SimpleNamespace(outputs=outputs,
                            drawing=render_ahead.fork(lambda: 1 / 0, ["zh-hans/b.md"]))
    outputs.draw_ahead({"zh-hans/b.md"})
    mine, theirs = (SimpleNamespace(file=SimpleNamespace(src_uri=uri), meta={})
                    for uri in ("zh-hans/a.md", "zh-hans/b.md"))
    outputs.choose_templates([mine, theirs])
    assert outputs.takes_whole(theirs) and theirs.meta["template"] == output_cache.TEMPLATE
    draw_ahead.wait_for(build, mine)  # not one of the child's pages: no waiting
    assert build.drawing.failed is None
    draw_ahead.wait_for(build, theirs)
    assert build.drawing.failed is True
    assert not outputs.takes_whole(theirs) and not outputs.fill({}, theirs)
    assert outputs.lost(theirs) and not outputs.unfinished(theirs)  # drawn here from its finished HTML
    context = outputs.draw_lost({}, theirs, lambda context: "<p>drawn here</p>")
    assert str(context["kept_page"]) == "<p>drawn here</p>"


def test_a_page_taken_from_the_render_cache_keeps_its_anchors_for_the_pages_that_link_to_them(tmp_path):
    """A tag page rendered again after an edit links to paragraphs (#pN) of articles taken from the render
    cache: MkDocs checks those links against the anchors the articles were rendered with (render_cache keeps
    them), so an editor sees no false 'does not contain an anchor' line."""
    root = new_project(tmp_path / "project")
    assert mkdocs_build(root, tmp_path / "site1").returncode == 0
    edited = root / "seeds" / SEEDS[0]
    added = "\n\n本报讯 全市开展反诈宣传进社区活动。\n"  # a term's sentence: its tag pages are rendered again
    edited.write_text(edited.read_text(encoding="utf-8") + added, encoding="utf-8")
    second = mkdocs_build(root, tmp_path / "site2")
    assert second.returncode == 0, second.stdout + second.stderr
    report = json.loads((root / ".cache" / "timings.json").read_text(encoding="utf-8"))
    assert report["rendered"] > 0 and report["renders_reused"] > 0
    assert "does not contain an anchor" not in second.stdout + second.stderr
