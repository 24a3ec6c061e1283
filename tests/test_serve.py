"""Under `mkdocs serve`, an editor who saves a seed as garbage gets a warning, readers keep the
rest of the site, and saving the seed right again brings its article back without a restart."""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import MKDOCS, REPO, copy_project, free_port, mkdocs_build

SEED_A = "000_cb0c1f57c2809c27.txt"
SEED_B = "003_1300966ffd2de289.txt"


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(condition, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


def make_serve_options() -> list[str]:
    """The options `make serve` (the README's command) gives `mkdocs serve`."""
    line = next(line for line in (REPO / "Makefile").read_text(encoding="utf-8").splitlines()
                if "mkdocs serve" in line)
    return line.split("mkdocs serve", 1)[1].split()


class Server:
    """`mkdocs serve` as `make serve` runs it, on a copy of the project; output collected line by line.
    Livereload stays on: with --no-livereload MkDocs 1.6 does not watch files at all. Serve builds into a
    new temporary folder: under `temp` (the test's), so the test can look at the files."""

    def __init__(self, project: Path, temp: Path | None = None, port: int | None = None) -> None:
        self.base = f"http://127.0.0.1:{port or free_port()}/"
        self.temp = temp
        address = self.base.removeprefix("http://").rstrip("/")
        self.proc = subprocess.Popen(
            [*MKDOCS, "serve", *make_serve_options(), "-a", address, "-f", str(project / "mkdocs.yml")],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **({"TMPDIR": str(temp)} if temp else {})))
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self) -> str:
        return "\n".join(self.lines)

    def builds(self) -> int:
        return sum("Documentation built" in line for line in self.lines)

    def indexed(self) -> int:
        """Search index runs done (hooks/serve_pages.py SearchRuns)."""
        return sum("Search index updated" in line for line in self.lines)

    def site_dir(self) -> Path:
        (site,) = self.temp.glob("mkdocs_*")
        return site

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def test_garbage_seed_under_serve_warns_and_recovers(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    good_b = (REPO / "seeds" / SEED_B).read_bytes()
    copy_project(project, seeds={SEED_A: (REPO / "seeds" / SEED_A).read_bytes(), SEED_B: good_b})
    server = Server(project)
    try:
        # serve's base is site_url's path (/reviews/ here)
        wait_for(lambda: server.builds() >= 1 and "Serving on" in server.output(), "the first build")
        base = re.search(r"Serving on (http://\S+)", server.output()).group(1).rstrip("/") + "/"
        wait_for(lambda: status(base + "zh-hans/") == 200, "the home page")
        slugs = sorted(set(re.findall(r'href="articles/([^/"]+)/"', get(base + "zh-hans/"))))
        assert len(slugs) >= 2, slugs

        def article_status() -> dict[str, int]:
            return {slug: status(f"{base}zh-hans/articles/{slug}/") for slug in slugs}

        assert set(article_status().values()) == {200}

        builds = server.builds()
        (project / "seeds" / SEED_B).write_bytes(b"%PDF-1.4\n\x00\x00\xff garbage \x00")
        wait_for(lambda: server.builds() > builds, "a rebuild after the seed turned to garbage")
        warnings = [line for line in server.lines if line.startswith("WARNING") and SEED_B in line]
        assert warnings, server.output()
        assert "PDF" in warnings[-1]
        after = article_status()
        assert 200 in after.values() and 404 in after.values(), after  # seed A's article stays, B's is gone
        assert status(base + "zh-hans/") == 200 and status(base + "zh-hant/") == 200
        assert server.proc.poll() is None, "serve died"

        builds = server.builds()
        (project / "seeds" / SEED_B).write_bytes(good_b)
        wait_for(lambda: server.builds() > builds, "a rebuild after the seed was fixed")
        assert set(article_status().values()) == {200}, "the fixed seed's article did not come back"
    except (AssertionError, pytest.fail.Exception) as exc:
        raise AssertionError(f"{exc}\n--- mkdocs serve said:\n{server.output()[-20000:]}") from exc
    finally:
        server.stop()


def test_a_serve_after_a_build_starts_from_the_pages_the_last_serve_wrote(tmp_path):
    """build_state.cache_folder: serve keeps its pages apart from a build's (serve's address is in their
    keys), so a `mkdocs build` between two `make serve` sessions (a deploy) does not drop them, and the second
    session's first build draws no page again."""
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    port = free_port()  # `make serve`'s address is the same each time
    reports = []
    for session in range(2):
        server = Server(project, port=port)
        try:
            wait_for(lambda server=server: server.builds() >= 1 and "Serving on" in server.output(), "the first build")
            reports.append(json.loads((project / ".cache" / "timings.json").read_text(encoding="utf-8")))
        finally:
            server.stop()
        if session == 0:
            built = mkdocs_build(project, tmp_path / "site")
            assert built.returncode == 0, built.stdout + built.stderr
    assert reports[0]["drawn"] > 100 and reports[0]["kept_whole"] == 0, reports[0]
    assert reports[1]["drawn"] == 0 and reports[1]["kept_whole"] == reports[0]["drawn"], reports[1]


EDITED_SEED = SEED_A  # 湘潭: its title and a sentence are edited
MOVED_SEED = "002_0d1112e8809bcfdf.txt"  # 株洲 (a city with other articles): deleted, then added again
OLD_TITLE, NEW_TITLE = "时光深处，总有藏蓝在守望", "星火深处，总有藏蓝在守望"
NEW_TITLE_HANT = "星火深處"
AFTER = "平安，民之所盼，发展之基。"  # the new sentence goes after this one
NEW_SENTENCE = "甲乙丙丁戊己庚辛壬癸。"  # written the same in both scripts


def page_states(site: Path) -> dict[Path, tuple[int, int, str]]:
    """Every article and 原文对照 page's HTML file in both trees, and the sitemap in each article's folder:
    its inode, its mtime and its text. (Not the listings: a tag index's counts change with any seed added
    or deleted.)"""
    states = {}
    for path in [*site.glob("zh-*/articles/*/index.html"), *site.glob("zh-*/raw/*/index.html"),
                 *site.glob("zh-*/articles/*/sitemap.xml")]:
        stat = path.stat()
        states[path] = (stat.st_ino, stat.st_mtime_ns, path.read_text(encoding="utf-8"))
    return states


def naming(slugs: set[str]):
    """Whether a page is one of these articles' (or their 原文对照 page) or links one of them (its related
    lists, other-city lists, 继续阅读), all of which show their titles."""
    return lambda path, html: path.parent.name in slugs or any(f"{slug}/" in html for slug in slugs)


def assert_unrelated_kept(before: dict, after: dict, related) -> None:
    """A page for which `related(path, html)` is false before the change and after it was not written again."""
    unrelated = [path for path, (_, _, html) in before.items()
                 if path in after and not related(path, html) and not related(path, after[path][2])]
    assert unrelated, "no page is unrelated to the change: the check proves nothing"
    rewritten = [path.relative_to(path.parents[3]) for path in unrelated if before[path][:2] != after[path][:2]]
    assert not rewritten, f"unrelated pages re-rendered: {rewritten}"


def assert_same_site(served: Path, built: Path) -> None:
    """Every file of the two sites is the same, but the search bundles' (serve keeps the files of earlier
    bundles beside the new ones, and may still be writing one: search is checked in the browser)."""
    def files(site: Path) -> dict[str, bytes]:
        return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*")
                if path.is_file() and not any(part.lstrip(".").startswith("pagefind")
                                              for part in path.relative_to(site).parts)}

    served_files, built_files = files(served), files(built)
    assert served_files.keys() == built_files.keys(), served_files.keys() ^ built_files.keys()
    differ = sorted(name for name, data in served_files.items() if built_files[name] != data)
    assert not differ, f"served pages differ from a full build's: {differ[:10]}"


def title_of(html: str) -> str:
    return re.search(r"<h1[^>]*>([^<]*)<", html).group(1)


def test_serve_rebuilds_what_an_edit_changes_and_nothing_else(tmp_path, browser):
    """Issue 26, parts 1 and 6: under `make serve`'s `mkdocs serve`, editing, deleting and adding a seed
    shows on every page that depends on it (its article in both scripts, its tag page, the home listing,
    another article's related list, its 原文对照 page; search once the index catches up), an article
    unrelated to it keeps its HTML file (hooks/serve_pages.py), and the site served in the end is the one
    a full build writes."""
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    temp = tmp_path / "temp"
    temp.mkdir()
    server = Server(project, temp)
    page = browser.new_page()

    def shown(path: str) -> str:
        response = page.goto(base + path, wait_until="load")  # livereload keeps a request open: no idle
        assert response.status == 200, (path, response.status)
        return page.content()

    def gone(path: str) -> bool:
        return page.goto(base + path, wait_until="load").status == 404

    def related(slug: str) -> str:  # an article's lists of other articles, after its text
        return shown(f"zh-hans/articles/{slug}/").split('id="相关文章"')[-1]

    def search(query: str) -> list[str]:
        shown("zh-hans/about/")
        page.keyboard.press("/")
        page.keyboard.type(query)
        page.wait_for_function("q => document.querySelector('[data-search]').dataset.answered === q", arg=query,
                               timeout=20_000)
        return [href.split("?")[0].split("#")[0].removeprefix(base) for href in
                page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")]

    def rebuilt(change) -> None:
        # Off the site first: livereload would reload the page shown when the build ends, racing the next goto.
        page.goto("about:blank")
        builds = server.builds()
        change()
        wait_for(lambda: server.builds() > builds, "a rebuild")

    try:
        wait_for(lambda: server.builds() >= 1 and "Serving on" in server.output(), "the first build")
        base = re.search(r"Serving on (http://\S+)", server.output()).group(1).rstrip("/") + "/"
        wait_for(lambda: server.indexed() >= 1, "the first search index")
        site = server.site_dir()
        home = shown("zh-hans/")
        slugs = set(re.findall(r'href="articles/([^/"]+)/"', home))
        edited = re.search(r'href="articles/(xiang-tan-shi-guang[^/"]*)/"', home).group(1)
        naming_edited = [s for s in slugs - {edited} if f"{edited}/" in related(s)]
        assert naming_edited, "another article lists the edited one"

        def doubt_lines() -> int:  # what serve said of the moved seed's doubts (build_log; it has some)
            return len(re.findall(f"seeds/{re.escape(MOVED_SEED)}: \\d+ decisions weighed close to the balance",
                                  server.output()))

        assert doubt_lines() == 1, server.output()

        # 1. An edit: a new sentence. No other article shows the seed's text: only its own pages are built.
        seed = project / "seeds" / EDITED_SEED
        text = seed.read_text(encoding="utf-8")
        assert text.count(OLD_TITLE) == 1 and text.count(AFTER) == 1
        text = text.replace(AFTER, AFTER + NEW_SENTENCE)
        before = page_states(site)
        rebuilt(lambda: seed.write_text(text, encoding="utf-8"))
        assert NEW_SENTENCE in shown(f"zh-hans/articles/{edited}/")  # at its published URL (data/published-urls.yml)
        assert NEW_SENTENCE in shown(f"zh-hant/articles/{edited}/")
        assert NEW_SENTENCE in shown(f"zh-hans/raw/{edited}/") and NEW_SENTENCE in shown(f"zh-hant/raw/{edited}/")
        wait_for(lambda: f"zh-hans/articles/{edited}/" in search(NEW_SENTENCE.rstrip("。")), "search to find the edit")
        assert_unrelated_kept(before, page_states(site), lambda path, html: path.parent.name == edited)
        # A rebuild says only what changed: the other seeds' lines are not repeated (build_state.Told).
        assert doubt_lines() == 1 and "about unchanged seeds not repeated" in server.output()

        # ... and a new title: it shows wherever the article is named.
        before = page_states(site)
        rebuilt(lambda: seed.write_text(text.replace(OLD_TITLE, NEW_TITLE), encoding="utf-8"))
        article = shown(f"zh-hans/articles/{edited}/")
        assert NEW_TITLE in article and NEW_SENTENCE in article and OLD_TITLE not in article
        assert NEW_TITLE_HANT in shown(f"zh-hant/articles/{edited}/")
        for path in ("zh-hans/tags/xiang-tan/", "zh-hans/"):
            listing = shown(path)
            assert f"{edited}/" in listing and NEW_TITLE in listing and OLD_TITLE not in listing, path
        assert NEW_TITLE_HANT in shown("zh-hant/tags/xiang-tan/") and NEW_TITLE_HANT in shown("zh-hant/")
        for other in naming_edited:
            assert NEW_TITLE in related(other) and OLD_TITLE not in related(other), other
        assert NEW_TITLE in shown(f"zh-hans/raw/{edited}/")
        wait_for(lambda: f"zh-hans/articles/{edited}/" in search(NEW_TITLE[:4]), "search to find the new title")
        assert_unrelated_kept(before, page_states(site), naming({edited}))

        # 2. A seed deleted: its pages are gone, no page names it, search does not find it.
        moved = project / "seeds" / MOVED_SEED
        moved_text = moved.read_bytes()
        before = page_states(site)
        titles = {path.parent.name: title_of(html) for path, (_, _, html) in before.items()
                  if "zh-hans" in path.parts and "articles" in path.parts and path.name == "index.html"}
        rebuilt(moved.unlink)
        moved_slugs = slugs - set(re.findall(r'href="articles/([^/"]+)/"', shown("zh-hans/")))
        assert moved_slugs and all(s.startswith("zhu-zhou-") for s in moved_slugs), moved_slugs
        for slug in moved_slugs:
            assert gone(f"zh-hans/articles/{slug}/") and gone(f"zh-hant/articles/{slug}/")
            assert gone(f"zh-hans/raw/{slug}/") and gone(f"zh-hant/raw/{slug}/")
            assert not (site / "zh-hans" / "articles" / slug).exists()
            assert f"/articles/{slug}/" not in (site / "zh-hans" / "sitemap-pages.xml").read_text(encoding="utf-8")
            assert f"{slug}/" not in shown("zh-hans/tags/zhu-zhou/") and f"{slug}/" not in shown("zh-hant/")
            for other in slugs - moved_slugs:
                assert f"{slug}/" not in related(other), other
            wait_for(lambda slug=slug: f"zh-hans/articles/{slug}/" not in search(titles[slug]),
                     "search to forget the deleted article")
        assert_unrelated_kept(before, page_states(site), naming(moved_slugs))

        # 3. The seed added again: its pages are back, everything that named it names it again.
        before = page_states(site)
        rebuilt(lambda: moved.write_bytes(moved_text))
        for slug in moved_slugs:
            assert titles[slug] in shown(f"zh-hans/articles/{slug}/") and titles[slug] in shown(f"zh-hans/raw/{slug}/")
            assert f"/articles/{slug}/" in (site / "zh-hant" / "sitemap-pages.xml").read_text(encoding="utf-8")
            shown(f"zh-hant/articles/{slug}/")
            shown(f"zh-hant/raw/{slug}/")
            assert f"{slug}/" in shown("zh-hans/tags/zhu-zhou/") and f"{slug}/" in shown("zh-hans/")
            assert f"{slug}/" in shown("zh-hant/tags/zhu-zhou/") and f"{slug}/" in shown("zh-hant/")
            assert any(f"{slug}/" in related(other) for other in slugs - moved_slugs), slug
            wait_for(lambda slug=slug: f"zh-hans/articles/{slug}/" in search(titles[slug]), "search to find it")
        assert doubt_lines() == 2  # said again: the seed came back
        assert_unrelated_kept(before, page_states(site), naming(moved_slugs))
        assert server.proc.poll() is None, "serve died"

        # After five dirty builds, the served site is what a full build of the same seeds writes.
        fresh = tmp_path / "fresh"
        build = mkdocs_build(project, fresh, strict=False, site_url=base)
        assert build.returncode == 0, build.stdout + build.stderr
        assert_same_site(site, fresh)
    except Exception as exc:  # what serve said is most of what explains a failure here
        raise AssertionError(f"{exc}\n--- mkdocs serve said:\n{server.output()[-20000:]}") from exc
    finally:
        page.close()
        server.stop()
