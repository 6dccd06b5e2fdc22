"""A center's pages printed from the browser: its name on top, its contacts underneath, addresses in full."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, build_site, serve

CENTER = ROOT / "examples" / "career-center" / "mkdocs.yml"
ORGANISATION = "Riverside University Careers"
BOOKING = "https://riverside.example/careers/book"
CONTACTS = f"{ORGANISATION} · Book an appointment: {BOOKING} · Email: careers@riverside.example"
FOOTER = "A service of Riverside University Careers · careers@riverside.example"


@pytest.fixture(scope="module")
def center_url(tmp_path_factory: pytest.TempPathFactory):
    """The example center built (no PDFs) and served on 127.0.0.1 at its own site_url."""
    site = tmp_path_factory.mktemp("center-site")
    server, url = serve(site)
    try:
        assert build_site(CENTER, site, site_url=url) == []
        yield url
    finally:
        server.shutdown()


def printed(page, paper: str = "Letter", keep: Path | None = None) -> str:
    """Print the page as the browser does; return its text with whitespace squeezed."""
    page.emulate_media(media="print")
    data = page.pdf(format=paper)
    if keep:
        keep.write_bytes(data)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def test_a_module_prints_the_center_and_the_booking_address(context, center_url, tmp_path):
    page = context.new_page()
    page.goto(center_url + "modules/03-debrief/")
    page.evaluate("BounceBack.print.prepare(null)")
    text = printed(page, keep=tmp_path / "module.pdf")
    assert f"{ORGANISATION} · Bounce Back at Riverside" in text, "the running header names the center"
    assert f"Book an appointment ({BOOKING})" in text, "the support box's link prints its address"
    assert CONTACTS in text and FOOTER in text, "the contacts line and the footer line print"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_one_worksheet_printed_alone_keeps_the_center_underneath(context, center_url, paper):
    page = context.new_page()
    page.goto(center_url + "worksheets/interview-debrief/")
    page.evaluate("BounceBack.print.prepare(document.querySelector('form.bb-worksheet'))")
    text = printed(page, paper)
    assert CONTACTS in text and FOOTER in text
    page.evaluate("BounceBack.print.restore()")


def test_my_plan_prints_the_center(context, center_url):
    page = context.new_page()
    page.goto(center_url + "plan/")
    page.wait_for_selector(".bb-plan")
    page.evaluate("BounceBack.print.prepare(null)")
    text = printed(page, "A4")
    assert ORGANISATION in text and CONTACTS in text


def test_the_contacts_line_is_paper_only(context, center_url):
    page = context.new_page()
    page.goto(center_url + "modules/03-debrief/")
    assert page.locator(".bb-print-brand").count() == 1
    assert not page.locator(".bb-print-brand").is_visible()
