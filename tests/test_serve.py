"""Under `mkdocs serve`, an editor who saves a seed as garbage gets a warning, readers keep the
rest of the site, and saving the seed right again brings its article back without a restart."""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import MKDOCS, REPO, copy_project, free_port

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


class Server:
    """`mkdocs serve` on a copy of the project; output collected line by line. Livereload stays on:
    with --no-livereload MkDocs 1.6 does not watch files at all."""

    def __init__(self, project: Path) -> None:
        self.base = f"http://127.0.0.1:{free_port()}/"
        address = self.base.removeprefix("http://").rstrip("/")
        self.proc = subprocess.Popen(
            [*MKDOCS, "serve", "-a", address, "-f", str(project / "mkdocs.yml")],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self) -> str:
        return "\n".join(self.lines)

    def builds(self) -> int:
        return sum("Documentation built" in line for line in self.lines)

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
    finally:
        server.stop()


def test_an_edited_seed_shows_everywhere_it_is_named_and_in_search(tmp_path, browser):
    """Serve re-renders only what changed (hooks/render_cache.py) and never serves a stale page: a new title
    shows on its article, at the URL it was published at (data/published-urls.yml), on its tag page, in
    another article's related list and in search."""
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    seed = project / "seeds" / SEED_A
    old_title, new_title = "时光深处，总有藏蓝在守望", "星火深处，总有藏蓝在守望"
    server = Server(project)
    try:
        wait_for(lambda: server.builds() >= 1 and "Serving on" in server.output(), "the first build")
        base = re.search(r"Serving on (http://\S+)", server.output()).group(1).rstrip("/") + "/"
        wait_for(lambda: status(base + "zh-hans/") == 200, "the home page")
        home = get(base + "zh-hans/")
        old_slug = re.search(r'href="articles/(xiang-tan-shi-guang[^/"]*)/"', home).group(1)
        others = set(re.findall(r'href="articles/([^/"]+)/"', home)) - {old_slug}
        naming = [s for s in others if f"{old_slug}/" in get(f"{base}zh-hans/articles/{s}/").split('id="相关文章"')[-1]]
        assert naming, "another article lists this one as related"
        assert old_title in get(base + "zh-hans/tags/xiang-tan/")

        builds = server.builds()
        text = seed.read_text(encoding="utf-8")
        assert text.count(old_title) >= 1
        seed.write_text(text.replace(old_title, new_title), encoding="utf-8")
        wait_for(lambda: server.builds() > builds, "a rebuild after the edit")
        home = get(base + "zh-hans/")
        assert f'href="articles/{old_slug}/"' in home and "xiang-tan-xing-huo" not in home, "the URL changed"
        article = get(f"{base}zh-hans/articles/{old_slug}/")
        assert new_title in article and old_title not in article, "the old page is still served"
        tag_page = get(base + "zh-hans/tags/xiang-tan/")
        assert new_title in tag_page and old_title not in tag_page
        for other in naming:
            related = get(f"{base}zh-hans/articles/{other}/").split('id="相关文章"')[-1]
            assert f"{old_slug}/" in related and old_title not in related, other
        assert new_title.replace("，", "") not in get(base + "zh-hant/")  # the Traditional tree has it converted
        assert "星火深處" in get(base + "zh-hant/")

        page = browser.new_page()
        page.goto(f"{base}zh-hans/about/", wait_until="load")  # livereload keeps a request open: no idle
        page.keyboard.press("/")
        page.keyboard.type("星火深处")
        page.wait_for_function("() => document.querySelector('[data-search]').dataset.answered === '星火深处'",
                               timeout=20_000)
        found = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
        assert found and found[0].split("?")[0] == f"{base}zh-hans/articles/{old_slug}/", found
        page.close()
    finally:
        server.stop()
