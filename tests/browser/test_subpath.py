"""Hosted under a subpath (/career/bounce-back/): every link, script, style and image answers 200."""

from __future__ import annotations

import functools
import http.server
import re
import socket
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from tests.conftest import ROOT, build_site, read_modules_whole

PREFIX = "/career/bounce-back/"


class SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the site only under PREFIX; anything else is a 404, as on a shared host."""

    def translate_path(self, path: str) -> str:
        """Map /career/bounce-back/x to site/x and everything else to a missing file."""
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + path[len(PREFIX) :])

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        """Say nothing."""


class Links(HTMLParser):
    """Collect href/src of links, scripts, stylesheets, images and icons."""

    def __init__(self) -> None:
        """Start empty."""
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep the URL attributes that a browser would fetch or follow."""
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name) and tag in {"a", "link", "script", "img", "source", "iframe"}:
                self.urls.append(values[name])


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    """Build with site_url under the subpath and serve it there on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}{PREFIX}"
    site = tmp_path_factory.mktemp("subpath-site")
    assert build_site(ROOT / "mkdocs.yml", site, site_url=base) == []
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(SubpathHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base, site
    server.shutdown()


def fetch(url: str) -> tuple[int, str, str]:
    """GET a URL; return (status, content type, text for HTML)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            kind = response.headers.get("Content-Type", "")
            body = response.read()
            return response.status, kind, body.decode("utf-8", "replace") if "html" in kind else ""
    except urllib.error.HTTPError as err:
        return err.code, "", ""


def test_every_page_link_and_asset_answers_200_under_the_subpath(hosted):
    base, _site = hosted
    origin = f"{urlparse(base).scheme}://{urlparse(base).netloc}"
    queue, seen, broken, pages = [base], set(), [], 0
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, kind, text = fetch(url)
        if status != 200:
            broken.append(f"{status} {url}")
            continue
        if "html" not in kind:
            continue
        pages += 1
        parser = Links()
        parser.feed(text)
        for raw in parser.urls:
            target = urldefrag(urljoin(url, raw)).url
            if target.startswith(origin):
                assert target.startswith(base), f"{url} links outside the subpath: {raw}"
                queue.append(target)
    assert not broken, broken
    assert pages >= 15, f"only {pages} pages reached from the start page"
    assert f"{base}modules/" in " ".join(seen)


def test_canonical_and_sitemap_use_the_subpath(hosted):
    base, site = hosted
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{base}">' in home
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert locs and all(loc.startswith(base) for loc in locs)
    for loc in locs[:5]:
        assert fetch(loc)[0] == 200, loc


def test_the_course_runs_in_the_browser_under_the_subpath(hosted, browser):
    base, _site = hosted
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    read_modules_whole(context)
    page = context.new_page()
    failed, errors = [], []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base)
    page.get_by_role("link", name="Start module 1").click()
    page.wait_for_url(re.compile(re.escape(base) + r"modules/01-[^/]+/$"))
    page.locator("form.bb-worksheet").first.wait_for()
    # My plan's bundle is found from the site root under the subpath, after instant navigation.
    page.locator(".md-nav--primary").get_by_role("link", name="My plan").click()
    page.wait_for_url(base + "plan/")
    page.wait_for_function("() => !!(window.BounceBack && window.BounceBack.plan)")
    assert not failed and not errors, (failed, errors)
    context.close()
