"""The built site as a whole: a build changes nothing in seeds/ or docs/, two builds are
byte-identical, the site loads nothing from any other host, and every internal link and anchor
resolves in every script variant."""

from __future__ import annotations

import filecmp
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import CONFIG, REPO, SITE, SITE_URL, copy_project, mkdocs_build

SITE_PATH = urlsplit(SITE_URL).path  # /reviews/ when served from a GitHub Pages project site
VARIANT_ROOTS = [v.root for v in SITE.variants]


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under folder: content hash and modification time."""
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("integrity") / "project"
    folder.mkdir()
    return copy_project(folder)


def test_a_build_writes_nothing_into_the_project_but_its_cache(project, tmp_path):
    # The build reads the seeds (an overrides file too), docs, data and hooks, never rewrites them, and
    # leaves nothing beside them but .cache/ (git-ignored): its pages go to the site folder.
    (project / "seeds" / "overrides").mkdir(exist_ok=True)
    (project / "seeds" / "overrides" / "000_cb0c1f57c2809c27.yml").write_text("{}\n", encoding="utf-8")
    names = sorted(p.name for p in project.iterdir() if p.name not in ("node_modules", ".cache"))
    before = {name: snapshot(project / name) for name in names if (project / name).is_dir()}
    proc = mkdocs_build(project, tmp_path / "site", strict=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(p.name for p in project.iterdir() if p.name not in ("node_modules", ".cache")) == names
    for name, files in before.items():
        now = {k: v for k, v in snapshot(project / name).items() if "__pycache__" not in k}
        assert now == {k: v for k, v in files.items() if "__pycache__" not in k}, f"the build changed {name}/"


def differing_files(a: Path, b: Path) -> list[str]:
    out: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        out.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return out


def test_two_builds_are_byte_identical(project, tmp_path, monkeypatch):
    # MkDocs writes the build date into sitemap.xml (<lastmod>) and the gzip header of sitemap.xml.gz:
    # identical within a day; SOURCE_DATE_EPOCH (honoured by MkDocs) pins it, so nothing is excluded.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    first, second = tmp_path / "first", tmp_path / "second"
    for site in (first, second):
        proc = mkdocs_build(project, site, strict=False)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not differing_files(first, second)
    assert len(list(first.rglob("*.html"))) > 5


# --- self-contained -------------------------------------------------------------------------

# URLs in the theme's JavaScript bundles that a browser does not load on this site, and why.
# A new entry here needs a look: the browser test below is the proof.
NOT_LOADED_IN_JS = {
    "https://unpkg.com/mermaid": "only for ```mermaid blocks; seed text is escaped and none are written",
    "https://unpkg.com/resize-observer-polyfill": "only in browsers without ResizeObserver",
    "https://api.github.com/": "only with repo_url set (it is not; test_site_config_has_no_remote_features)",
    "https://${e}/api/v4/projects/": "GitLab source facts, likewise only with repo_url",
    "https://example.com${": "Pagefind parses result URLs against a dummy base to normalise them; nothing is fetched",
}
URL_IN_JS = re.compile(r"""["'`](https?://[^"'`\s]+)""")
# Hosts only named in licence comments and error messages of the bundles.
DOC_HOSTS = ("www.mozilla.org", "github.com", "snowball.tartarus.org", "tartarus.org", "code.google.com",
             "developer.mozilla.org", "clipboardjs.com", "bit.ly", "wiki.ecmascript.org", "wiki.commonjs.org",
             "underscorejs.org", "people.mozilla.org", "narwhaljs.org", "msdn.microsoft.com", "lunrjs.com",
             "en.wikipedia.org", "docs.python.org", "chasen.org", "www.w3.org", "fontawesome.com",
             "markjs.io", "git.io")  # the last two: the licence comment of Pagefind's highlighter (mark.js)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)|@import\s+["']([^"']+)""")


def is_external(url: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        return True
    scheme = urlsplit(url).scheme
    return scheme in ("http", "https") and not url.startswith(SITE_URL)


class Loads(HTMLParser):
    """URLs an HTML page makes the browser fetch (not plain links a reader may follow)."""

    LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon",
                    "preconnect", "dns-prefetch"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.in_style = tag == "style"
        for name in ("src", "poster", "data", "action"):
            if a.get(name):
                self.urls.append(a[name])
        if tag == "link" and self.LOADING_RELS.intersection(a.get("rel", "").split()):
            self.urls.append(a.get("href", ""))
        for name in ("srcset", "imagesrcset"):
            self.urls += [part.split()[0] for part in a.get(name, "").split(",") if part.strip()]
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.urls.append(a.get("content", "").partition("url=")[2])
        if "style" in a:
            self.urls += [m[0] or m[1] for m in CSS_URL.findall(a["style"])]

    def handle_data(self, data):
        if self.in_style:
            self.urls += [m[0] or m[1] for m in CSS_URL.findall(data)]

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False


def test_html_and_css_load_nothing_from_other_hosts(built_site):
    found = []
    for page in built_site.rglob("*.html"):
        parser = Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [(page.relative_to(built_site), u) for u in parser.urls if is_external(u)]
    for css in built_site.rglob("*.css"):
        urls = [m[0] or m[1] for m in CSS_URL.findall(css.read_text(encoding="utf-8"))]
        found += [(css.relative_to(built_site), u) for u in urls if is_external(u)]
    assert not found, found


def test_javascript_names_no_host_it_would_load(built_site):
    found = []
    for js in built_site.rglob("*.js"):
        for url in URL_IN_JS.findall(js.read_text(encoding="utf-8", errors="replace")):
            if not is_external(url) or urlsplit(url).hostname in DOC_HOSTS:
                continue
            if not any(url.startswith(known) for known in NOT_LOADED_IN_JS):
                found.append((js.relative_to(built_site), url))
    assert not found, found


def test_site_config_has_no_remote_features():
    assert not CONFIG.repo_url, "repo_url makes Material fetch api.github.com on every page"
    assert CONFIG.theme["font"] is False, "theme fonts come from Google"
    assert not CONFIG.extra.get("analytics"), "analytics load a third-party script"


def test_browser_requests_only_the_site_itself(browser, site_server):
    """Pages in every variant, with the search opened and used: every request goes to the site's own host."""
    host = urlsplit(site_server).netloc
    requests: list[str] = []
    page = browser.new_page()
    page.on("request", lambda request: requests.append(request.url))
    for root in VARIANT_ROOTS:
        page.goto(f"{site_server}{root}/", wait_until="networkidle")
        article = page.locator("article a[href*='articles/']").first.get_attribute("href")
        page.goto(urljoin(f"{site_server}{root}/", article), wait_until="networkidle")
        page.keyboard.press("/")  # the search shortcut
        page.keyboard.type("公安")
        page.wait_for_timeout(1500)
        page.goto(f"{site_server}{root}/about/", wait_until="networkidle")
    page.goto(site_server, wait_until="networkidle")  # the root chooser redirects
    page.close()
    foreign = [u for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")
               and urlsplit(u).netloc != host]
    assert not foreign, foreign
    assert any("/pagefind/" in u for u in requests), "search was not exercised"


# --- links ----------------------------------------------------------------------------------

class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        for name in ("id", "name") if tag in ("a", "input") else ("id",):
            if a.get(name):
                self.ids.add(a[name])
        if tag in ("a", "link") and "href" in a:
            self.links.append(a["href"])
        if tag in ("script", "img", "source", "iframe") and a.get("src"):
            self.links.append(a["src"])


def site_path(site: Path, path: str) -> Path | None:
    target = site / unquote(path).lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


@pytest.fixture(scope="module")
def parsed_pages(built_site) -> dict[str, Links]:
    pages = {}
    for page in built_site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        pages["/" + page.relative_to(built_site).as_posix()] = parser
    return pages


def resolve(page_path: str, href: str) -> tuple[str, str] | None:
    """(site path, fragment) of an internal link, or None for links that leave the site."""
    if href.startswith(SITE_URL):
        href = "/" + href[len(SITE_URL):]
    elif href.startswith(SITE_PATH):  # 404.html links from the site's root path: it is served at any depth
        href = "/" + href[len(SITE_PATH):]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    base = page_path.rsplit("/", 1)[0] + "/"
    path = urlsplit(urljoin("http://site" + base, href)).path if parts.path else page_path
    return path, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(built_site, parsed_pages):
    broken = []
    for page_path, parser in parsed_pages.items():
        for href in parser.links:
            assert not href.strip().lower().startswith("javascript:"), (page_path, href)
            resolved = resolve(page_path, href)
            if resolved is None:
                continue
            path, fragment = resolved
            target = site_path(built_site, path)
            if target is None:
                broken.append((page_path, href, "no such file"))
                continue
            key = "/" + target.relative_to(built_site).as_posix()
            if fragment and key in parsed_pages and fragment not in parsed_pages[key].ids:
                broken.append((page_path, href, "no such anchor"))
    assert not broken, broken


def test_every_page_of_every_variant_is_reachable_from_the_root(built_site, parsed_pages):
    seen, queue = set(), ["/index.html"]
    while queue:
        page_path = queue.pop()
        if page_path in seen or page_path not in parsed_pages:
            continue
        seen.add(page_path)
        for href in parsed_pages[page_path].links:
            resolved = resolve(page_path, href)
            target = resolved and site_path(built_site, resolved[0])
            if target and target.suffix == ".html":
                queue.append("/" + target.relative_to(built_site).as_posix())
    for root in VARIANT_ROOTS:
        pages = {p for p in parsed_pages if p.startswith(f"/{root}/")}
        assert pages, root
        assert pages <= seen, f"not reachable by links in {root}: {sorted(pages - seen)}"


def test_lossless_check_runs_on_every_build(tmp_path):
    """A cleaner that silently drops text must be caught by the lossless check, in a normal build."""
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project, seeds={"000_a.txt": (REPO / "seeds" / "000_cb0c1f57c2809c27.txt").read_bytes()})
    init = project / "hooks" / "seedtext" / "cleaning" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + (
        "\n\n_real_clean = clean\n\n\n"
        "def clean(text, source, options=None, overrides=None):  # test: drops one character, records nothing\n"
        "    result = _real_clean(text, source, options, overrides)\n"
        "    article = result.articles[0]\n"
        "    block = article.blocks[-1]\n"
        "    article.blocks[-1] = type(block)(block.kind, block.text[1:], block.first_line, block.last_line,\n"
        "                                     block.level)\n"
        "    return result\n"), encoding="utf-8")
    proc = mkdocs_build(project, tmp_path / "site", strict=True)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, "a build that lost text passed --strict"
    assert re.search(r"WARNING.*seeds/000_a\.txt:\d+", output), output
