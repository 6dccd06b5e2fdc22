"""The offline bundle works from file:// with no network: pages, worksheets, saving, search."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from bundle import package

from tests.conftest import ROOT, read_modules_whole


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory) -> Path:
    """Build the offline zip as a center would, and unzip it as on a USB stick."""
    out = tmp_path_factory.mktemp("dist")
    zip_path = package(ROOT / "mkdocs.yml", "offline", out)
    assert zip_path.name == "bounce-back-offline.zip"
    stick = tmp_path_factory.mktemp("usb")
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        assert "bounce-back/index.html" in names and "bounce-back/README.txt" in names
        assert not any(n.endswith(("_headers", "nginx-headers.conf")) for n in names)
        archive.extractall(stick)
    return stick / "bounce-back"


@pytest.fixture
def offline_page(browser):
    """A page that records every request and JavaScript error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    read_modules_whole(context)
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    off_disk = [u for u in page.requests if not u.startswith(("file:", "data:", "blob:", "about:"))]
    assert not off_disk, f"requests left the disk: {off_disk}"
    assert not page.errors, f"JavaScript errors: {page.errors}"
    context.close()


def test_offline_build_has_no_instant_navigation_and_no_cdn(unzipped):
    for html in unzipped.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "unpkg.com" not in text and "navigation.instant" not in text, html
    assert (unzipped / "assets/vendor/iframe-worker/shim.js").is_file()
    assert (unzipped / "search/search_index.js").is_file()


def test_worksheet_saves_and_restores_from_file_url(unzipped, offline_page):
    page = offline_page
    page.goto((unzipped / "index.html").as_uri())
    page.get_by_role("link", name="Start module 1").click()
    page.wait_for_url(re.compile(r"/modules/01-[^/]+\.html$"))
    field = page.locator("form.bb-worksheet textarea, form.bb-worksheet input[type=text]").first
    field.fill("Typed on a kiosk with no network")
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.startsWith('bb:bounce-back:ws:')"
        " && localStorage[k].includes('Typed on a kiosk'))"
    )
    page.reload()
    restored = page.locator("form.bb-worksheet textarea, form.bb-worksheet input[type=text]").first
    assert restored.input_value() == "Typed on a kiosk with no network"
    assert page.url.startswith("file://")
    # Course-wide progress reads the course data in the main bundle, which loads from disk too.
    page.goto((unzipped / "overview.html").as_uri())
    first = page.locator("[data-module-status]").first
    page.wait_for_function("el => el.textContent.trim() !== ''", arg=first.element_handle())
    assert "In progress" in first.inner_text()
    # My plan's own bundle is added by the main bundle's loader, from a file:// URL.
    page.goto((unzipped / "plan.html").as_uri())
    page.wait_for_function("() => !!(window.BounceBack && window.BounceBack.plan)")
    assert "Typed on a kiosk with no network" in page.locator(".bb-plan").inner_text()


def test_search_works_from_file_url(unzipped, offline_page):
    page = offline_page
    page.goto((unzipped / "index.html").as_uri())
    # Search runs in an iframe "worker" (the bundled shim) fed by search/search_index.js.
    page.wait_for_function(
        "() => typeof window.__index === 'object' && document.querySelector('iframe[hidden]')"
    )
    page.keyboard.press("/")
    page.keyboard.type("feedback", delay=80)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert re.match(r"\d+ matching documents", page.inner_text(".md-search-result__meta"))
