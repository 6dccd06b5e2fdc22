"""Workshop slides: made from the modules a center shows, one per screen, one per printed landscape page."""

from __future__ import annotations

import io
import logging
import re

import pytest
from pypdf import PdfReader

from tests.conftest import WarningCollector, serve
from tests.variants import write_variant

HIDDEN_TITLE = "Grow and get back out there"
ORGANISATION = "Example University Careers"
BOOKING = "https://careers.example.edu/book"
SITE_URL = "https://careers.example.edu/bounce-back/"


@pytest.fixture(scope="module")
def slides_url(tmp_path_factory):
    """Build a center's course with module 7 hidden and its contacts set; serve it; yield the slides URL."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    folder = tmp_path_factory.mktemp("slides-center")
    settings = {
        "site_url": SITE_URL,
        "extra": {
            "course": {
                "organisation": ORGANISATION,
                "footer": "A service of Example University.",
                "contacts": {
                    "email": "careers@example.edu",
                    "phone": "+1 555 0100",
                    "hours": "Monday to Friday, 9:00 to 17:00",
                    "booking_url": BOOKING,
                },
                "modules": {"hide": ["07-grow-and-go"]},
            }
        },
    }
    site = folder / "site"
    collector = WarningCollector()
    logging.getLogger("mkdocs").addHandler(collector)
    try:
        build(load_config(str(write_variant(folder, settings)), site_dir=str(site)))
    finally:
        logging.getLogger("mkdocs").removeHandler(collector)
    # A hidden module's prose links are reported (see test_model); nothing else may be.
    others = [r.getMessage() for r in collector.records if "07-grow-and-go" not in r.getMessage()]
    others = [w for w in others if "skills-plan" not in w]
    assert not others, others
    server, url = serve(site)
    yield url + "facilitators/slides/"
    server.shutdown()


@pytest.mark.expect_warnings
def test_slides_show_the_shown_modules_fit_their_frames_and_print_one_per_landscape_page(context, slides_url):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(slides_url)
    slides = page.locator(".bb-slide")
    count = slides.count()
    assert count == 7 + 5, "title, ground rules, the course, 7 shown modules, your one reply, next steps"
    text = page.locator(".bb-slides").inner_text()
    assert HIDDEN_TITLE not in text and "Module 7 of 7" in text and ORGANISATION in text
    assert BOOKING in text, "the booking address is written out, so it prints"
    assert SITE_URL in text, "the course's own address, for learners to note"
    # Every slide shows all it holds: nothing cut off by its 16:9 frame.
    overflowing = page.evaluate(
        "() => [...document.querySelectorAll('.bb-slide')]"
        ".filter(s => s.scrollHeight > s.clientHeight + 1).map(s => s.querySelector('h2').textContent)"
    )
    assert overflowing == []
    page.emulate_media(media="print")
    for paper in ("A4", "Letter"):
        data = page.pdf(format=paper, prefer_css_page_size=True, print_background=True)
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) == count, f"{paper}: one printed page per slide"
        for sheet in reader.pages:
            assert sheet.mediabox.width > sheet.mediabox.height, f"{paper}: landscape"
        printed = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
        assert ORGANISATION in printed and "Next steps" in printed and HIDDEN_TITLE not in printed
        assert "do not print" not in printed, "the note above the slides stays on screen"
        assert "A service of Example University" not in printed, "no printout line: a page too many"
    assert not errors, errors


@pytest.mark.expect_warnings
def test_a_plans_slides_show_its_steps_and_open_and_close_with_a_qr_code_that_loads(context, slides_url):
    page = context.new_page()
    page.goto(slides_url.replace("/slides/", "/workshop-60-slides/"))
    slides = page.locator(".bb-slide")
    count = slides.count()
    assert count == 2 + 9 + 2, "title, ground rules, the plan's nine steps, your one reply, next steps"
    assert "5 minutes · 0:00–0:05" in slides.nth(2).inner_text()
    for index in (0, count - 1):
        slide = slides.nth(index)
        assert SITE_URL in slide.inner_text()
        qr = slide.locator("img.bb-qr")
        qr.wait_for(state="visible")
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
        box, frame = qr.bounding_box(), slide.bounding_box()
        # Projected, a slide is metres wide: 6.5% of it is a code a phone reads from the back of a room.
        assert box["width"] >= 0.065 * frame["width"], "a code large enough to scan from a seat"
        assert abs(box["width"] - box["height"]) < 2, "a square code"
    overflowing = page.evaluate(
        "() => [...document.querySelectorAll('.bb-slide')]"
        ".filter(s => s.scrollHeight > s.clientHeight + 1).map(s => s.querySelector('h2').textContent)"
    )
    assert overflowing == []
    page.emulate_media(media="print")
    data = page.pdf(format="Letter", prefer_css_page_size=True, print_background=True)
    assert len(PdfReader(io.BytesIO(data)).pages) == count, "one printed page per slide"
