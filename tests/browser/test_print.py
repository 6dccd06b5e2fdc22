"""Printing from the browser: every answer in full, no site furniture, examples open then closed."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

WS = "interview-debrief"
F = f"#{WS}--"
SENTENCE = (
    "I would slow down and tell the story of the group project in four short steps: the situation, "
    "what I did, what happened and what I learned, then stop and check they followed. "
)


def long_text(marker: str) -> str:
    """Several hundred characters ending in a unique marker word."""
    return SENTENCE * 3 + marker


ANSWERS = {
    "company": long_text("Zqcompanyend"),
    "role": "Junior data analyst Zqrole",
    "interviewer": "Priya Shah Zqinterviewer",
    "went-well--0": long_text("Zqlistend"),
    "went-well--2": "They smiled at my project Zqlisttwo",
    "answer-to-change": long_text("Zqtextareaend"),
    "my-questions--1--a-stronger-question-for-next-time": long_text("Zqcellend"),
    "references-note": "Ask Dr Lee first Zqreferences",
}


def fill_interview_debrief(page, base_url: str) -> None:
    """Answer every field type of the interview debrief, with long text where text goes."""
    page.goto(base_url + f"worksheets/{WS}/")
    for field, value in ANSWERS.items():
        page.fill(F + field, value)
    page.fill(F + "interview-date", "2026-03-14")
    page.check(F + "overall--4")
    page.check(F + "strengths-shown--people-skills")
    page.check(F + "honest-check--i-never-had-to-bluff-an-answer")
    page.check(F + "skills-balance--a-fair-balance")


def printed_text(page, paper: str) -> str:
    """Print the page to PDF as the browser would and return its text, whitespace squeezed."""
    page.emulate_media(media="print")
    data = page.pdf(format=paper)
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(p.extract_text() for p in reader.pages)
    return re.sub(r"\s+", " ", text)


def squeeze(text: str) -> str:
    """Drop all whitespace, so line wrapping in the PDF does not matter."""
    return re.sub(r"\s+", "", text)


# What a page break may put between two words of a long answer: the running header
# and footer, and a heading drawn in the same stretch of the PDF's content stream.
BREAK = r"(?:\s*(?:Bounce Back|Interview debrief|Example|\d+ / \d+|https?://\S+))*\s*"


def printed_in_full(value: str, text: str) -> bool:
    """True when every word of `value` appears in order in `text`, page breaks allowed."""
    words = [re.escape(word) for word in value.split()]
    return re.search(BREAK.join(words), text) is not None


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_answer_prints_in_full_without_site_furniture(page, base_url, paper):
    fill_interview_debrief(page, base_url)
    text = printed_text(page, paper)
    flat = squeeze(text)
    for field, value in ANSWERS.items():
        assert printed_in_full(value, text), f"{field} did not print in full"
    # A date prints in words with its year, as the course writes it (UK English), never as typed ISO.
    assert "Saturday 14 March 2026" in text and "2026-03-14" not in text
    # Course name, page title and address in the running header/footer.
    assert "Bounce Back" in text and "Interview debrief" in text
    assert f"worksheets/{WS}/" in flat
    for furniture in ("Course overview", "Search", "Print / Save as PDF", "Clear", "Skip to content"):
        assert furniture not in text, f"{furniture!r} printed"


def test_dates_in_a_table_print_in_words_in_the_courses_variant(page, base_url):
    page.goto(base_url + "worksheets/contacts-tracker/")
    page.fill("#contacts-tracker--contacts--0--name", "Priya Shah")
    page.fill("#contacts-tracker--contacts--0--next-check-in", "2026-11-26")
    page.fill("#contacts-tracker--next-check-in", "2027-01-18")
    text = printed_text(page, "A4")
    assert "Thursday 26 November 2026" in text and "Monday 18 January 2027" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "an ISO date printed"
    # A center that sets US English (extra.course.locale: en-US) gets the US order on paper too.
    page.emulate_media(media="screen")
    page.evaluate("BounceBack._strings.date_locale = 'en-US'; BounceBack.print.sync()")
    text = printed_text(page, "Letter")
    assert "Thursday, November 26, 2026" in text and "Monday, January 18, 2027" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "an ISO date printed"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_table_prints_its_column_names_once_a_page_and_no_screen_tags(page, base_url, paper):
    page.goto(base_url + f"worksheets/{WS}/")
    page.fill(F + "my-questions--0--a-question-i-asked", "What does a good first month look like?")
    page.emulate_media(media="print")
    # An empty row is room to write by hand: about two lines, like the handouts.
    empty = page.locator(f"{F}my-questions--2--a-question-i-asked + .bb-print-value")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    assert empty.bounding_box()["height"] >= 3 * float(size)
    data = page.pdf(format=paper)
    for number, sheet in enumerate(PdfReader(io.BytesIO(data)).pages, 1):
        text = re.sub(r"\s+", " ", sheet.extract_text())
        assert text.count("A question I asked") <= 1, f"page {number} repeats the column name"
        # "→ My plan" tags point to a page paper does not have.
        assert "My plan" not in text, f"page {number} prints a My plan tag"


def test_chosen_options_and_ticks_print_and_empty_fields_get_ruled_space(page, base_url):
    fill_interview_debrief(page, base_url)
    page.emulate_media(media="print")
    for checked in ("skills-balance--a-fair-balance", "overall--4", "strengths-shown--people-skills"):
        control = page.locator(F + checked)
        assert control.is_visible() and control.is_checked(), checked
    # A filled text control is swapped for its full-text twin; an empty one for ruled space.
    assert not page.locator(F + "company").is_visible()
    empty = page.locator(f"{F}went-well--1 + .bb-print-value")
    assert empty.is_visible()
    assert "bb-print-value--empty" in empty.get_attribute("class")
    assert empty.bounding_box()["height"] >= 20
    # Screen shows no twins.
    page.emulate_media(media="screen")
    assert not page.locator(".bb-print-value").first.is_visible()
    assert page.locator(F + "company").is_visible()


def test_print_button_prints_the_worksheet_with_examples_open_then_restores(page, base_url):
    page.add_init_script(
        """
        window.__prints = [];
        window.print = function () {
          var details = Array.prototype.slice.call(document.querySelectorAll('.md-content details'));
          var hidden = Array.prototype.slice.call(document.querySelectorAll('[data-bb-print-hidden]'));
          window.__prints.push({
            open: details.filter(function (d) { return d.open; }).length,
            total: details.length,
            hidden: hidden.length,
            header: (document.getElementById('bb-print-header') || {}).textContent || '',
          });
        };
        """
    )
    page.goto(base_url + "modules/03-debrief/")
    form = page.locator(f"form[data-worksheet='{WS}']")
    button = form.get_by_role("button", name="Print / Save as PDF")
    assert button.is_visible()
    # The learner opened one example; print must leave it open and close the others again.
    first_example = form.locator("details").first
    first_example.locator("summary").click()
    total = page.locator(".md-content details").count()
    assert total >= 2
    button.click()
    prints = page.evaluate("window.__prints")
    assert len(prints) == 1
    assert prints[0]["open"] == prints[0]["total"] == total, "every example opens for print"
    assert prints[0]["hidden"] > 0, "the lesson around the worksheet is left out"
    assert "Interview debrief" in prints[0]["header"]
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    opened = page.evaluate("Array.from(document.querySelectorAll('.md-content details')).map(d => d.open)")
    assert opened.count(True) == 1 and first_example.evaluate("d => d.open")
    assert page.locator("[data-bb-print-hidden]").count() == 0


def test_ctrl_p_opens_examples_and_afterprint_closes_them(page, base_url):
    page.goto(base_url + f"worksheets/{WS}/")
    assert page.evaluate("Array.from(document.querySelectorAll('details')).every(d => !d.open)")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("Array.from(document.querySelectorAll('.md-content details')).every(d => d.open)")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("Array.from(document.querySelectorAll('details')).every(d => !d.open)")


def test_my_plan_has_a_print_button(page, base_url):
    page.goto(base_url + "plan/")
    bar = page.locator(".bb-toolbar[data-plan-toolbar]")
    button = bar.get_by_role("button", name="Print / Save as PDF")
    button.wait_for()
    assert button.count() == 1
    text = printed_text(page, "A4")
    assert "Print / Save as PDF" not in text and "Course overview" not in text


def test_printing_a_long_answer_leaves_no_trailing_blank_page(page, base_url):
    fill_interview_debrief(page, base_url)
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert reader.pages[-1].extract_text().strip(), "the last page is blank"
