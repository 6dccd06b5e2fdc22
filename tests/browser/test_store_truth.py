"""The learner's last keystroke survives a full storage; Clear everything and Import win (issue 26, C and D).

- C: when storage refuses a write, the text stays in the page (moving to
  another page and back, or a redraw, does not empty the field), the notice
  has an Export button, and the file it makes holds the answer not saved.
- D: after Clear everything or an Import in another tab, or when the page
  comes back from the back/forward cache, the store is the truth: a field
  with the cursor in it shows what is stored, and leaving it writes nothing old.
"""

from __future__ import annotations

import json

from tests.browser.backup_helpers import DATA_READY, QUOTA, answers_text
from tests.browser.ws_helpers import (
    DEBRIEF,
    DEBRIEF_PAGE,
    PRIVACY_PAGE,
    accept_dialogs,
    control,
    form,
    stored,
    wait_saved,
)

KEY = "ws:" + DEBRIEF
TYPED = "Words typed after the disk filled up"


def open_worksheet(page, url: str):
    """Open the debrief worksheet and wait for its script."""
    page.goto(url)
    page.wait_for_function("() => !!(window.BounceBack && BounceBack.worksheets && BounceBack.need)")
    page.evaluate(DATA_READY)


def test_a_refused_write_keeps_the_text_in_the_page_and_in_a_one_click_export(page, base_url):
    open_worksheet(page, base_url + DEBRIEF_PAGE)
    control(page, "role").fill("Saved before the disk filled")
    control(page, "role").blur()
    wait_saved(page)
    page.evaluate(QUOTA, 0)  # from now on, storage takes nothing more
    control(page, "company").fill(TYPED)
    control(page, "company").blur()
    form(page).locator('.bb-status[data-state="not-saved"]').wait_for()
    assert stored(page, KEY)["answers"] == {"role": "Saved before the disk filled"}
    # A redraw (as after another tab's change) does not empty the field...
    page.evaluate("() => document.dispatchEvent(new CustomEvent('bb:data-changed', {detail: {keys: []}}))")
    assert control(page, "company").input_value() == TYPED
    # ...nor does going to another page and coming back (instant navigation: the same page life).
    page.locator(".md-nav__link", has_text="Your answers and privacy").first.click()
    page.wait_for_url("**/privacy/")
    page.go_back()
    page.wait_for_url("**/" + DEBRIEF_PAGE)
    form(page).wait_for()
    page.wait_for_function(
        "(t) => document.querySelector('form.bb-worksheet [name=\"company\"]').value === t", arg=TYPED
    )
    # The notice says so, and its Export button, one click away, takes the unsaved answer too.
    page.locator(".md-content__inner").evaluate("(c) => c")  # the page is drawn
    control(page, "company").fill(TYPED + "!")
    control(page, "company").blur()
    notice = page.locator("#bb-notice-unavailable")
    notice.wait_for()
    with page.expect_download() as download:
        notice.get_by_role("button", name="Export").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())["data"]
    assert data[KEY]["answers"]["company"] == TYPED + "!"
    assert data[KEY]["answers"]["role"] == "Saved before the disk filled"


def test_a_refused_write_lands_with_the_next_write_that_fits(page, base_url):
    open_worksheet(page, base_url + DEBRIEF_PAGE)
    page.evaluate(
        """() => { const real = Storage.prototype.setItem; window.refuse = true;
             Storage.prototype.setItem = function (k, v) {
               if (window.refuse) throw new DOMException('full', 'QuotaExceededError');
               return real.call(this, k, v); }; }"""
    )
    control(page, "company").fill(TYPED)
    control(page, "company").blur()
    form(page).locator('.bb-status[data-state="not-saved"]').wait_for()
    page.evaluate("() => { window.refuse = false; }")
    control(page, "role").fill("Analyst")
    control(page, "role").blur()
    wait_saved(page)
    assert stored(page, KEY)["answers"] == {"company": TYPED, "role": "Analyst"}


def two_tabs(context, base_url):
    """The debrief in one tab with the cursor in its company field; the privacy page in another."""
    worksheet = context.new_page()
    open_worksheet(worksheet, base_url + DEBRIEF_PAGE)
    control(worksheet, "company").fill("Old answer")
    control(worksheet, "company").press("End")
    wait_saved(worksheet)
    assert worksheet.evaluate("() => document.activeElement.name") == "company"
    other = context.new_page()
    open_worksheet(other, base_url + PRIVACY_PAGE)
    return worksheet, other


def test_clear_everything_wins_over_a_field_focused_in_another_tab(context, base_url):
    worksheet, other = two_tabs(context, base_url)
    accept_dialogs(other)
    other.get_by_role("button", name="Clear everything").click()
    other.wait_for_function("() => !Object.keys(localStorage).some(k => k.startsWith('bb:'))")
    # The other tab shows what is stored, though the cursor is still in the field...
    worksheet.wait_for_function(
        "() => document.querySelector('form.bb-worksheet [name=\"company\"]').value === ''"
    )
    assert worksheet.evaluate("() => document.activeElement.name") == "company"
    # ...and leaving the field (its change event) writes nothing old back.
    worksheet.locator("h1").first.click()
    worksheet.wait_for_timeout(600)  # past the worksheet's 300 ms save delay
    assert stored(worksheet, KEY) is None
    assert stored(other, KEY) is None


def test_an_import_wins_over_a_field_focused_in_another_tab(context, base_url, tmp_path):
    worksheet, other = two_tabs(context, base_url)
    path = tmp_path / "answers.json"
    record = {"v": 1, "answers": {"company": "From the file"}, "updated": "2026-01-01T00:00:00.000Z"}
    path.write_text(answers_text({KEY: record}), encoding="utf-8")
    accept_dialogs(other)
    other.locator("[data-action=import-file]").set_input_files(str(path))
    other.get_by_text("Your answers were imported.").wait_for()
    worksheet.wait_for_function(
        "() => document.querySelector('form.bb-worksheet [name=\"company\"]').value === 'From the file'"
    )
    worksheet.locator("h1").first.click()
    worksheet.wait_for_timeout(600)
    assert stored(worksheet, KEY)["answers"]["company"] == "From the file"


def test_a_page_back_from_the_cache_shows_the_store_not_its_old_fields(context, base_url):
    page = context.new_page()
    open_worksheet(page, base_url + DEBRIEF_PAGE)
    control(page, "company").fill("Before the clear")
    wait_saved(page)
    # Clear everything happened while this page was away (in the cache): storage is empty now.
    page.evaluate("() => localStorage.clear()")
    assert control(page, "company").input_value() == "Before the clear"
    page.evaluate("() => window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert control(page, "company").input_value() == ""
    control(page, "company").focus()
    page.locator("h1").first.click()
    page.wait_for_timeout(600)
    assert stored(page, KEY) is None
