"""Accessibility sweep: axe-core's WCAG 2.0/2.1/2.2 A and AA rules on every built page, light and dark.

The crawl (tests/browser/crawl.py) loads each page once per colour scheme and
runs axe there, so new pages and worksheets are covered as soon as they exist.
"""

from __future__ import annotations

import pytest

from tests.browser.crawl import AXE_TAGS, SCHEMES, crawl_site, describe, page_urls, run_axe


@pytest.fixture(scope="module")
def visits(browser, base_url, site):
    """Every page visited in light and dark."""
    return crawl_site(browser, base_url, site)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_every_page_passes_axe_wcag_a_and_aa(visits, scheme, site):
    pages = visits[scheme]
    assert len(pages) == len(page_urls(site)) > 10
    failing = {v.url: v.violations for v in pages if v.violations}
    report = "\n".join(f"{url}\n{describe(found)}" for url, found in failing.items())
    assert not failing, f"{len(failing)} pages fail axe ({scheme}, tags {AXE_TAGS}):\n{report}"


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_sweep_really_ran_in_that_scheme(visits, scheme):
    """Material followed the emulated colour scheme on every page we checked."""
    wrong = [v.url for v in visits[scheme] if v.body_scheme != SCHEMES[scheme]]
    assert not wrong, f"pages not in the {scheme} scheme: {wrong}"


def test_axe_catches_a_planted_violation(page, base_url):
    """The sweep can fail: an unlabelled field and low-contrast link text are reported."""
    page.goto(base_url)
    page.evaluate(
        """() => {
          const box = document.createElement('div');
          box.innerHTML = '<input type="text"><p style="color:#ccc;background:#fff">faint text</p>';
          document.querySelector('article').appendChild(box);
        }"""
    )
    found = {v["id"] for v in run_axe(page)}
    assert {"label", "color-contrast"} <= found


def test_body_links_are_underlined(page, base_url):
    """Links in running text are told apart by more than colour (WCAG 1.4.1)."""
    page.goto(base_url + "support/")
    link = page.locator("article p a[href]").first
    assert "underline" in link.evaluate("a => getComputedStyle(a).textDecorationLine")
