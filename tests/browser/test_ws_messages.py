"""Message fields: placeholders filled live, from this and other worksheets; Copy."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.ws_helpers import DEBRIEF_PAGE, control, form, wait_saved

THANK_YOU_PAGE = "worksheets/thank-you-note/"


def preview(page, worksheet: str):
    """The first message preview of a worksheet."""
    return form(page, worksheet).locator(".bb-message__preview").first


def test_placeholders_fill_live_and_empty_ones_read_naturally(page, base_url):
    page.goto(base_url + DEBRIEF_PAGE)
    text = preview(page, "interview-debrief")
    # Empty answers take the template's own words or leave their part out: no hint, no blank.
    expect(text).to_contain_text("Dear hiring team,")
    assert "for the role. I'm sorry" in text.inner_text()
    assert text.locator("mark.bb-placeholder").count() == 0

    control(page, "interviewer").press_sequentially("Priya")
    # Live: no pause for saving needed, every keystroke shows.
    assert "Dear Priya," in text.inner_text()
    control(page, "company").fill("Northwind")
    assert "at Northwind." in text.inner_text()
    control(page, "interview-date").fill("2031-01-03")
    assert "for your time on Friday, January 3, 2031 and" in text.inner_text()
    assert "{" not in text.inner_text() and "[[" not in text.inner_text()


def test_message_fills_from_another_worksheet_and_copies(context, page, base_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.goto(base_url + DEBRIEF_PAGE)
    control(page, "company").fill("Northwind Studios")
    control(page, "role").fill("junior data analyst")
    wait_saved(page)

    page.goto(base_url + THANK_YOU_PAGE)
    message = preview(page, "thank-you-note")
    text = message.inner_text()
    assert "the junior data analyst role" in text
    assert "role at Northwind Studios." in text
    # Nobody filled in the interviewer's name yet: the template's own words stand in.
    assert "Dear hiring team," in text

    form(page, "thank-you-note").get_by_role("button", name="Copy").first.click()
    # Said on the button itself, and in the polite live region beside it (with the blanks left).
    form(page, "thank-you-note").locator(".bb-message__copy", has_text="Copied ✓").first.wait_for()
    said = form(page, "thank-you-note").locator(".bb-message__said").first
    said.filter(has_text="Copied").wait_for()
    assert said.get_attribute("aria-live") == "polite" and said.get_attribute("role") == "status"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == message.inner_text()
    assert copied.startswith("Dear hiring team,")


def test_copy_falls_back_to_the_old_way_without_the_clipboard_api(context, page, base_url):
    context.add_init_script(
        """Object.defineProperty(Navigator.prototype, "clipboard", {get: () => undefined});
           document.addEventListener("copy", () => { window.__copied = String(document.getSelection()); });"""
    )
    page.goto(base_url + DEBRIEF_PAGE)
    control(page, "interviewer").fill("Priya")
    form(page).get_by_role("button", name="Copy").click()
    form(page).locator(".bb-message__copy", has_text="Copied ✓").wait_for()
    copied = page.evaluate("window.__copied")
    assert copied.startswith("Dear Priya,")
    assert copied == preview(page, "interview-debrief").inner_text()
    # The helper textarea is gone and focus went back where it was.
    assert page.locator("body > textarea").count() == 0
