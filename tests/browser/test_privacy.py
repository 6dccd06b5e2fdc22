"""Privacy sweep: every built page, loaded in Chromium, talks only to its own origin."""

from __future__ import annotations

import re

import pytest

from tests.browser.crawl import SCHEMES, crawl_site, page_urls


@pytest.fixture(scope="module")
def visits(browser, base_url, site):
    """Every page visited in light and dark (shared with the other sweeps)."""
    return crawl_site(browser, base_url, site)


def _local(url: str, origin: str) -> bool:
    """Return True for a request that cannot leave this machine's origin."""
    return url.startswith(origin + "/") or url.startswith(("data:", "blob:", "about:"))


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_no_page_requests_another_origin(visits, base_url, site, scheme):
    origin = base_url.rstrip("/")
    assert len(visits[scheme]) == len(page_urls(site))
    foreign = {
        v.url: sorted({u for u, _ in v.requests if not _local(u, origin)})
        for v in visits[scheme]
        if any(not _local(u, origin) for u, _ in v.requests)
    }
    assert not foreign, f"pages that contacted another origin: {foreign}"


def test_crawl_saw_the_page_assets(visits, base_url):
    """The request log is real: every page loaded its HTML, our script bundle and Material's CSS."""
    for visit in visits["light"]:
        urls = [u for u, _ in visit.requests]
        assert visit.url in urls
        assert any(re.search(r"assets/bounce-back/main\.[0-9a-f]+\.js$", u) for u in urls), visit.url
        assert any("/assets/stylesheets/main." in u for u in urls), visit.url


def test_no_page_fails_a_request_or_throws(visits):
    """Every request a page makes succeeds, and no page throws a JavaScript error."""
    problems = {}
    for scheme, pages in visits.items():
        for v in pages:
            bad = [f"{u} → {s}" for u, s in v.requests if s is not None and s >= 400]
            bad += v.failed + v.errors
            if bad:
                problems[f"{scheme} {v.url}"] = bad
    assert not problems, problems
