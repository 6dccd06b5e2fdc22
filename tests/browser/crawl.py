"""One crawl of every built page, shared by the accessibility, privacy and link sweeps.

Each page is loaded once in a light and once in a dark browser context (Material
follows `prefers-color-scheme` on a first visit). On every load we record what
several tests need, so the whole site is crawled only twice per test session:
the requests it made and their statuses, the ids and links in the live DOM,
its meta description and axe-core's WCAG A/AA violations.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag

from tests.conftest import read_modules_whole

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, as axe-core tags them.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Not WCAG-tagged in axe but named in our issue: Material's search dialog had no name.
AXE_EXTRA_RULES = ["aria-dialog-name"]
SCHEMES = {"light": "default", "dark": "slate"}


@dataclass
class PageVisit:
    """What one page load showed."""

    url: str
    scheme: str
    body_scheme: str = ""
    requests: list[tuple[str, int | None]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)
    description: str = ""
    violations: list[dict] = field(default_factory=list)


def page_urls(site: Path) -> list[str]:
    """Return the site-relative URL of every built HTML page (directory URLs end in `/`)."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


@functools.cache
def _axe_script() -> str:
    """Return axe-core's source as shipped in the axe-playwright-python wheel."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def run_axe(page) -> list[dict]:
    """Run axe-core's WCAG 2.x A/AA rules (plus our extra rules) on `page`; return violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_script())
    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "rules": {rule: {"enabled": True} for rule in AXE_EXTRA_RULES},
        "resultTypes": ["violations"],
    }
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "nodes": [
                {"target": n["target"], "summary": n.get("failureSummary", "")[:300]} for n in v["nodes"][:5]
            ],
        }
        for v in result["violations"]
    ]


_DOM_FACTS = """() => ({
  ids: Array.from(document.querySelectorAll('[id]'), e => e.id)
    .concat(Array.from(document.querySelectorAll('a[name]'), e => e.name)),
  links: Array.from(
    document.querySelectorAll('a[href], link[href], script[src], img[src], source[src], iframe[src]'),
    e => [e.tagName.toLowerCase() + (e.rel ? '[rel=' + e.rel + ']' : ''),
          e.getAttribute('href') || e.getAttribute('src')]),
  description: (document.querySelector('meta[name=description]') || {}).content || '',
  scheme: document.body.getAttribute('data-md-color-scheme') || ''
})"""


def visit(page, url: str, scheme: str) -> PageVisit:
    """Load `url` in `page` and record requests, DOM facts and axe violations."""
    found = PageVisit(url=url, scheme=scheme)
    statuses: dict[str, int | None] = {}

    def on_request(request) -> None:
        statuses.setdefault(request.url, None)
        found.requests.append((request.url, None))

    def on_response(response) -> None:
        statuses[response.url] = response.status

    def on_failed(request) -> None:
        found.failed.append(f"{request.url} ({request.failure})")

    def on_error(error) -> None:
        found.errors.append(str(error))

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.on("pageerror", on_error)
    try:
        # The light pass waits for the network to go quiet so late requests (search
        # index, lazy assets) reach the privacy check; the dark pass only re-checks colours.
        page.goto(url, wait_until="networkidle" if scheme == "light" else "load")
        facts = page.evaluate(_DOM_FACTS)
        found.violations = run_axe(page)
    finally:
        page.remove_listener("request", on_request)
        page.remove_listener("response", on_response)
        page.remove_listener("requestfailed", on_failed)
        page.remove_listener("pageerror", on_error)
    found.requests = [(u, statuses.get(u)) for u, _ in found.requests]
    found.ids = set(facts["ids"])
    found.links = [tuple(link) for link in facts["links"]]
    found.description = facts["description"]
    found.body_scheme = facts["scheme"]
    return found


_CACHE: dict[str, dict[str, list[PageVisit]]] = {}


def crawl_site(browser, base_url: str, site: Path) -> dict[str, list[PageVisit]]:
    """Visit every built page in light and dark once per session; return visits by scheme."""
    if base_url in _CACHE:
        return _CACHE[base_url]
    visits: dict[str, list[PageVisit]] = {}
    for scheme in SCHEMES:
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, color_scheme=scheme, service_workers="block"
        )
        read_modules_whole(context)  # every module's content, not only its first step
        try:
            page = context.new_page()
            visits[scheme] = [visit(page, base_url + rel, scheme) for rel in page_urls(site)]
        finally:
            context.close()
    _CACHE[base_url] = visits
    return visits


def describe(violations: list[dict]) -> str:
    """Format axe violations for an assertion message."""
    return json.dumps(violations, indent=1)[:6000]


def split_url(url: str) -> tuple[str, str]:
    """Split a URL into the part before `#` and the fragment."""
    base, fragment = urldefrag(url)
    return base, fragment
