"""My plan on paper: actions, dates and messages first and short; all the answers only when asked.

A realistic learner fills every worksheet (tests/gallery.py's Sam), then My plan is printed as
the browser prints it (`page.pdf`) on A4 and Letter and read back with poppler: no text wider
than the page, no heading left alone at the foot of a page, no Edit link or stray separator.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.gallery import fill_everything

PLAN = "plan/"
LATE_DATE = "2027-01-18"  # a date next year: the longest a table cell gets ("Monday 18 January 2027")
MM = 72 / 25.4  # PDF points per millimetre
WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</word>')


@pytest.fixture(scope="module")
def filled_state(browser, base_url) -> dict:
    """Storage of a learner who answered every worksheet, one contact due next year."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    fill_everything(page, base_url)
    page.goto(base_url + "worksheets/contacts-tracker/")
    page.fill("#contacts-tracker--contacts--0--next-check-in", LATE_DATE)
    page.locator('form.bb-worksheet .bb-status[data-state="saved"]').first.wait_for()
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture
def plan_page(browser, base_url, filled_state):
    """My plan, drawn from the filled answers."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, storage_state=filled_state)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + PLAN)
    page.locator(".bb-plan-step").first.wait_for()
    yield page
    context.close()
    assert not errors, errors


def print_pdf(page, paper: str, out: Path) -> Path:
    """Print the page to `out` as the browser would, on `paper`."""
    page.emulate_media(media="print")
    out.write_bytes(page.pdf(format=paper))
    page.emulate_media(media="screen")
    return out


def poppler(*args: str) -> str:
    """Run a poppler tool and return what it printed."""
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pages_text(pdf: Path) -> list[list[str]]:
    """Each page's non-empty lines, as pdftotext lays them out, without the running header and footer."""
    pages = poppler("pdftotext", "-layout", str(pdf), "-").split("\f")
    out = []
    for text in pages:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        # The running header (course, title) is the first line, the footer (address, n / N) the last.
        if lines and re.search(r"\d+ / \d+$", lines[-1]):
            lines = lines[1:-1]
        if lines:
            out.append(lines)
    return out


def words_past_the_text_block(pdf: Path) -> list[str]:
    """Words that reach into the right page margin (print.css sets 15 mm) or off the page."""
    xml = poppler("pdftotext", "-bbox", str(pdf), "-")
    past = []
    for page in re.finditer(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', xml, re.S):
        limit = float(page.group(1)) - 12 * MM
        for word in WORD.finditer(page.group(2)):
            top, right, text = float(word.group(1)), float(word.group(2)), word.group(3)
            if right > limit and top > 14 * MM:  # the running header's page title sits in the margin box row
                past.append(text)
    return past


def ink_in_right_margin(pdf: Path, stem: Path) -> list[str]:
    """Pages whose picture has ink in the outer 10 mm of the right margin (a cut column would)."""
    poppler("pdftoppm", "-png", "-r", "50", str(pdf), str(stem))
    inked = []
    for png in sorted(stem.parent.glob(stem.name + "-*.png")):
        image = Image.open(png).convert("L")
        strip = image.crop((image.width - round(10 * 50 / 25.4), 0, image.width, image.height))
        if strip.getextrema()[0] < 200:
            inked.append(png.name)
    return inked


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_filled_plan_prints_actions_and_messages_short_and_whole(plan_page, paper, tmp_path):
    headings = plan_page.eval_on_selector_all(
        ".bb-plan-next h2, .bb-plan-messages h2, .bb-plan-messages h3, .bb-plan-moved h2",
        "els => els.map(e => e.textContent.trim())",
    )
    assert "My messages" in headings
    pdf = print_pdf(plan_page, paper, tmp_path / f"plan-{paper}.pdf")
    pages = pages_text(pdf)
    text = "\n".join(line for page in pages for line in page)
    assert "My next 30 days" in text and "My messages" in text and "Your one reply" in text
    # All my answers is left out unless the learner asks for it.
    assert "All my answers" not in text
    # A typical filled plan's actions and messages fit on about four pages.
    assert len(pages) <= 5, f"{len(pages)} pages"
    # Nothing wider than the page: no word in the right margin, no ink at the paper's edge.
    assert words_past_the_text_block(pdf) == []
    assert ink_in_right_margin(pdf, tmp_path / paper) == []
    # No heading alone at the foot of a page.
    for number, lines in enumerate(pages[:-1], 1):
        assert lines[-1] not in headings, f"page {number} ends with the heading {lines[-1]!r}"
    # No screen-only marks: no Edit link, no separator left where one was hidden.
    assert "Edit" not in text.split()
    assert not [line for line in text.splitlines() if line.endswith("·") or line.startswith("·")]
    assert "Copy" not in text.split()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_all_my_answers_print_after_the_plan_when_chosen_with_every_column_whole(plan_page, paper, tmp_path):
    choice = plan_page.get_by_label("Include all my answers when printing")
    assert not choice.is_checked()
    choice.check()
    pdf = print_pdf(plan_page, paper, tmp_path / f"plan-all-{paper}.pdf")
    pages = pages_text(pdf)
    text = "\n".join(line for page in pages for line in page)
    assert text.index("My messages") < text.index("All my answers"), "answers come after the plan"
    # The appendix starts its own page, its first worksheet title under it.
    starts = [lines[0] for lines in pages]
    assert "All my answers" in starts
    # The contacts table's date column is whole: the longest date, with its year, on paper.
    drawn = " ".join(poppler("pdftotext", "-raw", str(pdf), "-").split())  # in drawing order: cell by cell
    assert "Monday 18 January 2027" in drawn, "a table's date was cut"
    assert words_past_the_text_block(pdf) == []
    assert ink_in_right_margin(pdf, tmp_path / paper) == []
    headings = plan_page.eval_on_selector_all(
        ".bb-plan h2, .bb-plan h3, .bb-plan h4", "els => els.map(e => e.textContent.trim())"
    )
    for number, lines in enumerate(pages[:-1], 1):
        assert lines[-1] not in headings, f"page {number} ends with the heading {lines[-1]!r}"
    assert "Edit" not in text.split()
    assert not [line for line in text.splitlines() if line.endswith("·")]
