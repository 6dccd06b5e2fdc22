"""Link sweep: every href and src on every served page resolves, and every #fragment exists.

Links are read from the live DOM after our scripts ran (so links that widgets
add are checked too), for every page the crawl visited. Each target is fetched
once from the local server; a fragment must be an id (or `<a name>`) on the
page it points to. Links to other sites cannot be checked offline; they may
only be plain `<a>` links (never something the browser loads on its own).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin

import pytest
import yaml

from tests.browser.crawl import crawl_site, page_urls, split_url
from tests.conftest import ROOT

SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:", "sms:")


class _Ids(HTMLParser):
    """Collect the ids (and `<a name>`s) of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if value and (name == "id" or (tag == "a" and name == "name")):
                self.ids.add(value)


def _setting(name: str) -> str:
    """Return a top-level scalar of mkdocs.yml (site_url, site_description) as MkDocs reads it (`!ENV`)."""
    from mkdocs.utils.yaml import get_yaml_loader

    with (ROOT / "mkdocs.yml").open("rb") as config:
        return yaml.load(config, get_yaml_loader()).get(name) or ""


@pytest.fixture(scope="module")
def visits(browser, base_url, site):
    """Every page visited (light scheme is enough: links do not change with colour)."""
    return crawl_site(browser, base_url, site)["light"]


def _fetch(url: str) -> tuple[int, str]:
    """GET `url` from the local server; return (status, body text for HTML)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read()
            kind = response.headers.get("Content-Type", "")
            return response.status, body.decode("utf-8", "replace") if "html" in kind else ""
    except urllib.error.HTTPError as err:
        return err.code, ""


def test_every_internal_link_and_fragment_resolves(visits, base_url, site):
    assert len(visits) == len(page_urls(site))
    canonical = _setting("site_url")
    ids_of = {v.url: v.ids for v in visits}
    fetched: dict[str, tuple[int, str]] = {}
    broken, external_resources, checked = [], [], 0
    for visit in visits:
        for tag, raw in visit.links:
            if not raw or raw.startswith(SKIP_SCHEMES):
                continue
            url = urljoin(visit.url, raw)
            if canonical and url.startswith(canonical):
                url = base_url + url[len(canonical) :]
            if not url.startswith(base_url):
                if tag != "a":
                    external_resources.append(f"{visit.url}: <{tag}> {raw}")
                continue
            target, fragment = split_url(url)
            if target not in fetched:
                fetched[target] = _fetch(target)
            status, body = fetched[target]
            checked += 1
            if status != 200:
                broken.append(f"{visit.url}: <{tag}> {raw} → HTTP {status}")
                continue
            if fragment:
                if target not in ids_of:
                    parser = _Ids()
                    parser.feed(body)
                    ids_of[target] = parser.ids
                if unquote(fragment) not in ids_of[target]:
                    broken.append(f"{visit.url}: <{tag}> {raw} → no id `{unquote(fragment)}` on {target}")
    assert checked > 10 * len(visits), "the sweep found suspiciously few links"
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken)
    assert not external_resources, "resources from other sites:\n" + "\n".join(external_resources)


def test_a_planted_broken_link_is_caught(base_url):
    """The checker's fetch reports a missing page and the id parser finds real ids only."""
    assert _fetch(base_url + "no-such-page/")[0] == 404
    parser = _Ids()
    parser.feed('<h2 id="real">x</h2><a name="old"></a><p data-id="nope"></p>')
    assert parser.ids == {"real", "old"}


def test_every_page_has_a_description(visits, site):
    """Search engines (and Lighthouse's SEO audit) get a description on every page, generated ones too."""
    missing = [v.url for v in visits if len(v.description.strip()) < 10]
    assert not missing, f"pages without <meta name=description>: {missing}"
    # A module's own `description` front matter, not the site-wide fallback.
    generic = _setting("site_description")
    module_pages = [v for v in visits if "/modules/" in v.url]
    assert module_pages, "no module pages were crawled"
    assert [v.url for v in module_pages if v.description == generic] == []
