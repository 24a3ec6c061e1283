"""Every page type loads clean in a reader's browser (Debian's Chromium): no response of 400 or more, no
failed request, no request to another host, no console error, in every script variant and on the root
chooser. The pages: the home page, an article, its 原文对照 page, a tag page, the tag index, the terms page
and the about page."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from conftest import SITE, SITE_URL

VARIANTS = SITE.variants


def page_paths(built_site, root: str) -> list[str]:
    article = sorted((built_site / root / "articles").iterdir())[0].name
    tag = sorted(p.name for p in (built_site / root / "tags").iterdir() if p.is_dir())[0]
    return ["", f"articles/{article}/", f"raw/{article}/", f"tags/{tag}/", "tags/", "terms/", "about/"]


def all_pages(built_site) -> list[str]:
    return [""] + [f"{v.root}/{path}" for v in VARIANTS for path in page_paths(built_site, v.root)]


def test_every_page_type_loads_without_a_failed_request_or_console_error(built_site, site_server, browser):
    assert site_server == SITE_URL
    host = urlsplit(SITE_URL).netloc
    problems: list[str] = []
    page = browser.new_page()
    where = {"url": ""}
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{where['url']}: {r.status} {r.url}"))
    # The root sends a reader with a browser preference on to a variant (variant.js): a request of the
    # root page the navigation cut short (ERR_ABORTED, seen on a busy machine) is not a failure a reader meets.
    page.on("requestfailed", lambda r: not (where["url"] == "/" and "ERR_ABORTED" in (r.failure or ""))
            and problems.append(f"{where['url']}: failed {r.url} ({r.failure})"))
    page.on("request", lambda r: urlsplit(r.url).netloc not in (host, "")
            and not r.url.startswith("data:") and problems.append(f"{where['url']}: other host {r.url}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"{where['url']}: console {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"{where['url']}: script error {e}"))
    try:
        pages = all_pages(built_site)
        assert len(pages) == 1 + 7 * len(VARIANTS)
        for path in pages:
            where["url"] = path or "/"
            response = page.goto(urljoin(SITE_URL, path), wait_until="networkidle")
            assert response.status == 200, path
    finally:
        page.close()
    assert not problems, "\n".join(problems)
