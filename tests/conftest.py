"""Shared fixtures: a real `mkdocs build` of the repo (once per test session) and a
static server over it, so tests look at what a reader gets."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from seedtext.urls import URLS_FILE

REPO = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def load_site_config(project: Path = REPO, config_file: str = "mkdocs.yml"):
    """The project's mkdocs.yml (or another configuration file in it) as MkDocs itself reads and checks it
    (its YAML tags, defaults and config classes): the one loader of the site's configuration in the tests."""
    from mkdocs.config import load_config

    return load_config(str(project / config_file))


def load_site(project: Path = REPO):
    """Every option of the site, checked, as the build loads them (options.load_site_options on
    load_site_config): its extra: keys, variants, cleaning options, tags and review decisions."""
    from options import load_site_options

    return load_site_options(load_site_config(project) if project != REPO else CONFIG)[0]


CONFIG = load_site_config()
SITE = load_site()  # the repo's options, as the build uses them
HANS, HANT = SITE.variants[0], SITE.variants[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The built site is built for the local server that serves it to the browser tests (SITE_URL overrides
# site_url: its alternates and sitemaps are absolute, and Material's script fetches beside them).
SITE_PORT = free_port()
SITE_URL = f"http://127.0.0.1:{SITE_PORT}/"


def mkdocs_build(project: Path, site_dir: Path, strict: bool = True, site_url: str | None = None,
                 ) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` on a project folder; returns the finished process (output in .stdout).
    site_url: build for that address instead of mkdocs.yml's (SITE_URL)."""
    # No -q: it hides warnings from --strict too (a quiet strict build passes with warnings).
    cmd = [*MKDOCS, "build", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]
    if strict:
        cmd.append("--strict")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env, timeout=600)


def copy_project(dest: Path, seeds: dict[str, bytes] | None = None) -> Path:
    """A copy of this project (config, hooks, docs, data) with the given seeds instead of the real ones (and
    then none of their URLs published yet: the real seeds' are left out of data/published-urls.yml)."""
    for name in ("mkdocs.yml", "hooks", "docs", "data", "overrides", "package.json"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    (dest / "node_modules").symlink_to(REPO / "node_modules")  # Pagefind, as `npm ci` installed it
    seeds_dir = dest / "seeds"
    if seeds is None:
        shutil.copytree(REPO / "seeds", seeds_dir)
    else:
        (dest / URLS_FILE).unlink(missing_ok=True)
        seeds_dir.mkdir()
        for name, data in seeds.items():
            (seeds_dir / name).write_bytes(data)
    return dest


def add_overrides(project: Path, keys_by_file: dict[str, str]) -> None:
    """An editor's keys (YAML text) appended to seeds/overrides/<file> of a copied project, the file made if
    the seed has none."""
    for name, keys in keys_by_file.items():
        path = project / "seeds" / "overrides" / name
        path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + keys, encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repo's site, built once with --strict, for the address site_server serves it at (SITE_URL)."""
    site = tmp_path_factory.mktemp("site")
    proc = mkdocs_build(REPO, site, site_url=SITE_URL)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


class PagesHandler(QuietHandler):
    """A static host as GitHub Pages answers: a path with no file (or a folder with no index.html) gets the
    site's own 404.html with status 404, as `mkdocs serve` does. Every other answer is QuietHandler's; a site
    without a 404.html gets its plain 404."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path):  # Pages lists no folder
        self.send_error(404, "File not found")


def longest_article(built_site) -> str:
    """The slug of the article with the most paragraphs (the hardest page for the paragraph links)."""
    pages = (built_site / HANS.root / "articles").glob("*/index.html")
    return max(pages, key=lambda p: p.read_text(encoding="utf-8").count('<p id="p')).parent.name


@pytest.fixture(scope="session")
def site_server(built_site):
    """The built site served over HTTP on loopback as GitHub Pages serves it (a missing page gets the
    site's 404.html, status 404); yields the base URL."""
    handler = functools.partial(PagesHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", SITE_PORT), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SITE_URL
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"],
        )
        yield b
        b.close()


def wait_for(url: str, proc: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"mkdocs serve did not answer {url} within {timeout} s")


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """`mkdocs serve` of the repo on a free loopback port; yields the site's base URL (it serves under
    site_url's path). Its output goes to a file: an unread pipe fills up and stalls the server."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = tmp_path_factory.mktemp("serve") / "mkdocs-serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([*MKDOCS, "serve", "-a", f"127.0.0.1:{port}", "--no-livereload"], cwd=REPO,
                                env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}{urlparse(CONFIG['site_url']).path}"
    try:
        wait_for(base + f"{HANS.root}/", proc, log)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(params=["build", "serve"])
def base(request) -> str:
    return request.getfixturevalue("site_server" if request.param == "build" else "served_site")


@pytest.fixture
def context(browser):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()
