"""Message fields: placeholders filled live, from this and other worksheets; Copy."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.ws_helpers import DEBRIEF_PAGE, control, form, wait_saved

CHECK_IN_PAGE = "worksheets/thank-you-note/"
REPLY = "feedback-request"
REPLY_PAGE = "worksheets/feedback-request/"


def preview(page, worksheet: str):
    """The first message preview of a worksheet."""
    return form(page, worksheet).locator(".bb-message__preview").first


def test_placeholders_fill_live_and_empty_ones_read_naturally(page, base_url):
    page.goto(base_url + REPLY_PAGE)
    text = preview(page, REPLY)
    # Empty answers take the template's own words or leave their part out: no hint, no blank.
    expect(text).to_contain_text("Hi there,")
    assert "about the role, and for the time you and the team gave me.\n" in text.inner_text()
    assert text.locator("mark.bb-placeholder").count() == 0

    control(page, "contact-name", REPLY).press_sequentially("Priya")
    # Live: no pause for saving needed, every keystroke shows.
    assert "Hi Priya," in text.inner_text()
    control(page, "what-i-enjoyed", REPLY).fill("meeting the design team")
    assert "gave me. I really enjoyed meeting the design team.\n" in text.inner_text()
    assert "{" not in text.inner_text() and "[[" not in text.inner_text()


def test_answers_from_the_debrief_reach_the_reply(page, base_url):
    page.goto(base_url + DEBRIEF_PAGE)
    control(page, "company").fill("Northwind")
    control(page, "interview-date").fill("2031-01-03")
    wait_saved(page)
    page.goto(base_url + REPLY_PAGE)
    text = preview(page, REPLY)
    expect(text).to_contain_text("the time you and the team gave me on Friday 3 January 2031.")
    assert "stay in touch with you and the team at Northwind." in text.inner_text()


def test_message_fills_from_another_worksheet_and_copies(context, page, base_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.goto(base_url + DEBRIEF_PAGE)
    control(page, "company").fill("Northwind Studios")
    control(page, "role").fill("junior data analyst")
    wait_saved(page)

    page.goto(base_url + CHECK_IN_PAGE)
    message = preview(page, "thank-you-note")
    text = message.inner_text()
    assert "the junior data analyst role" in text
    assert "role at Northwind Studios." in text
    # Nobody filled in the interviewer's name yet: the template's own words stand in.
    assert text.startswith("Hi there,")

    form(page, "thank-you-note").get_by_role("button", name="Copy").first.click()
    # Said on the button itself, and in the polite live region beside it (with the blanks left).
    form(page, "thank-you-note").locator(".bb-message__copy", has_text="Copied ✓").first.wait_for()
    said = form(page, "thank-you-note").locator(".bb-message__said").first
    said.filter(has_text="Copied").wait_for()
    assert said.get_attribute("aria-live") == "polite" and said.get_attribute("role") == "status"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == message.inner_text()
    assert copied.startswith("Hi there,")


def test_copy_falls_back_to_the_old_way_without_the_clipboard_api(context, page, base_url):
    context.add_init_script(
        """Object.defineProperty(Navigator.prototype, "clipboard", {get: () => undefined});
           document.addEventListener("copy", () => { window.__copied = String(document.getSelection()); });"""
    )
    page.goto(base_url + REPLY_PAGE)
    control(page, "contact-name", REPLY).fill("Priya")
    form(page, REPLY).get_by_role("button", name="Copy").click()
    form(page, REPLY).locator(".bb-message__copy", has_text="Copied ✓").wait_for()
    copied = page.evaluate("window.__copied")
    assert copied.startswith("Hi Priya,")
    assert copied == preview(page, REPLY).inner_text()
    # The helper textarea is gone and focus went back where it was.
    assert page.locator("body > textarea").count() == 0
