"""The interview debrief on its own page, as a browser and a screen reader see it."""

from __future__ import annotations

import re

import pytest
from coursemodel.worksheets import load_worksheets

from tests.conftest import ROOT

URL = "worksheets/interview-debrief/"
CONTROL = re.compile(r'^\s*- (textbox|radio|checkbox)(?: "(.*?)")?(?::|$)', re.M)


def expected_controls() -> int:
    """Count the controls the debrief should have, from its YAML."""
    total = 0
    for field in load_worksheets(ROOT)["interview-debrief"].fields.values():
        total += {
            "scale": field.max - field.min + 1,
            "choice": len(field.options),
            "multichoice": len(field.options),
            "checklist": len(field.items),
            "list": field.count,
            "table": field.rows * len(field.columns),
            "message": 0,
        }.get(field.type, 1)
    return total


def test_every_control_is_named_and_labelled(page, base_url):
    page.goto(base_url + URL)
    form = page.locator('form.bb-worksheet[data-worksheet="interview-debrief"]')
    controls = form.locator("input[name], textarea[name]")
    count = expected_controls()
    assert count > 30 and controls.count() == count
    without_label = controls.evaluate_all(
        "els => els.filter(el => !el.labels.length || !el.labels[0].textContent.trim()).map(el => el.name)"
    )
    assert without_label == []
    # What assistive technology gets: every textbox, radio and checkbox has a name.
    found = CONTROL.findall(form.aria_snapshot())
    assert len(found) == count
    assert [role for role, name in found if not name.strip()] == []
    page.get_by_role("textbox", name="Company").fill("Northwind")
    page.get_by_role("radio", name="5 Very well").check()
    page.get_by_role("textbox", name="A question I asked, row 2").fill("What next?")
    page.get_by_role("checkbox", name="I asked enough questions of my own").check()


def test_help_table_region_and_message(page, base_url):
    page.goto(base_url + URL)
    company = page.get_by_role("textbox", name="Interviewer's name")
    assert company.evaluate("el => document.getElementById(el.getAttribute('aria-describedby')).textContent")
    region = page.get_by_role("region", name="The questions you asked them, and better ones for next time")
    assert region.get_attribute("tabindex") == "0"
    region.focus()
    assert region.evaluate("el => el === document.activeElement")
    page.get_by_role("textbox", name="Company").fill("Northwind Studios")
    # The debrief sends nothing itself: its answers fill the one reply on the feedback request.
    assert page.locator(".bb-message").count() == 0
    page.locator('.bb-status[data-state="saved"]').filter(has_text="Saved").wait_for()
    page.goto(base_url + "worksheets/feedback-request/")
    preview = page.locator('.bb-message[data-field="request-message"] [data-preview]')
    page.wait_for_function("el => el.textContent.includes('Northwind Studios')", arg=preview.element_handle())
    copy = page.locator('.bb-message[data-field="request-message"] button[data-copy]')
    assert copy.get_attribute("type") == "button"


@pytest.mark.parametrize("width", [320, 390])
def test_usable_on_a_phone(context, base_url, width: int):
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + URL)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # A wide table scrolls inside its own region, never the whole page.
    region = page.locator(".bb-table-scroll").first
    box = region.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5
    page.close()


def test_keyboard_reaches_the_controls_in_order(page, base_url):
    page.goto(base_url + URL)
    page.get_by_role("textbox", name="Company").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "role"
    page.keyboard.type("Analyst")
    assert page.get_by_role("textbox", name="Role").input_value() == "Analyst"
