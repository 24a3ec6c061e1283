"""`make audit`: Lighthouse (audit/package.json, pinned) in Debian's Chromium on the home page and an
article page of every script variant, mobile, as a reader's browser would load them; prints the four
category scores and every audit that keeps a category below 100. Not part of `make test`.

The site is built for, and served from, a local address (SITE_URL): no compression (Python's
http.server), so the performance score is that of the pages themselves, not of a CDN.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "audit" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lighthouse(url: str) -> dict:
    command = ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, CHROME_PATH=CHROMIUM))
    if run.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout)


def failing_nodes(audit: dict, most: int = 3) -> list[str]:
    """The first elements an accessibility or SEO audit failed on: what to fix, not only that."""
    items = (audit.get("details") or {}).get("items") or []
    nodes = [item["node"] for item in items if isinstance(item.get("node"), dict)]
    return [f"{n.get('selector', '')}: {n.get('snippet', '')[:160]} {n.get('explanation', '').splitlines()[-1:]}"
            for n in nodes[:most]]


def main() -> int:
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} missing: run `npm ci` in audit/ (make audit does)", file=sys.stderr)
        return 1
    config = yaml.safe_load(re.sub(r"!!python/\S+", "", (REPO / "mkdocs.yml").read_text(encoding="utf-8")))
    roots = [v["root"] for v in config["extra"]["variants"]]
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=REPO, env=env, check=True)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                                 functools.partial(QuietHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        rows, notes = [], []
        try:
            for root in roots:
                article = sorted((site / root / "articles").iterdir())[0].name
                for kind, path in (("home", f"{root}/"), ("article", f"{root}/articles/{article}/")):
                    report = lighthouse(site_url + path)
                    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
                    rows.append((root, kind, scores))
                    for category in CATEGORIES:
                        for ref in report["categories"][category]["auditRefs"]:
                            audit = report["audits"][ref["id"]]
                            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                                value = audit.get("displayValue", "")
                                notes.append(f"{root} {kind} {category}: {audit['title']} {value}".rstrip())
                                notes += [f"  {node}" for node in failing_nodes(audit)]
        finally:
            server.shutdown()
    print(f"Lighthouse {json.loads((LIGHTHOUSE.parents[1] / 'package.json').read_text())['version']}, mobile, "
          f"{CHROMIUM}, served locally without compression\n")
    print("| page | " + " | ".join(CATEGORIES) + " |")
    print("|---|" + "---|" * len(CATEGORIES))
    for root, kind, scores in rows:
        print(f"| {root} {kind} | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " |")
    if notes:
        print("\nBelow 100:\n" + "\n".join(n if n.startswith("  ") else f"- {n}" for n in notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
