"""Worksheet answers are kept in the browser: saved as you type, restored, synced, never lost."""

from __future__ import annotations

import json
import re

from tests.browser.backup_helpers import DATA_READY
from tests.browser.ws_helpers import (
    DEBRIEF,
    DEBRIEF_ANSWERS,
    DEBRIEF_PAGE,
    MODULE_3,
    NS,
    all_storage,
    control,
    fill_debrief,
    form,
    instant_navigation,
    shown_answers,
    stored,
    wait_saved,
)

BLOCK_STORAGE = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""


def test_every_field_type_is_saved_and_restored_after_reload(page, base_url):
    page.goto(base_url + DEBRIEF_PAGE)
    fill_debrief(page)
    wait_saved(page)
    status = form(page).locator(".bb-status")
    assert status.get_attribute("role") == "status"

    record = stored(page, "ws:" + DEBRIEF)
    assert record["v"] == 1
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+Z", record["updated"])
    assert record["answers"] == DEBRIEF_ANSWERS

    page.reload()
    assert shown_answers(page) == DEBRIEF_ANSWERS
    # An untouched line of a list stays empty and is not stored.
    assert control(page, "went-well.1").input_value() == ""
    assert "went-well.1" not in stored(page, "ws:" + DEBRIEF)["answers"]


def test_unticking_and_emptying_remove_the_answer(page, base_url):
    page.goto(base_url + DEBRIEF_PAGE)
    control(page, "honest-check.i-never-had-to-bluff-an-answer").check()
    control(page, "company").fill("Acme")
    wait_saved(page)
    control(page, "honest-check.i-never-had-to-bluff-an-answer").uncheck()
    control(page, "company").fill("")
    page.wait_for_function(f"() => localStorage.getItem({json.dumps(NS + 'ws:' + DEBRIEF)}) === null")


def test_typing_then_reloading_at_once_keeps_the_words(page, base_url):
    page.goto(base_url + DEBRIEF_PAGE)
    control(page, "answer-to-change").press_sequentially("Leaving fast")
    # No pause for the save timer: the page going away writes what is pending.
    page.reload()
    assert control(page, "answer-to-change").input_value() == "Leaving fast"


def test_enter_in_a_text_box_does_not_reload_the_page(page, base_url):
    page.goto(base_url + DEBRIEF_PAGE)
    page.evaluate("window.__still_here = true")
    control(page, "company").fill("Acme")
    control(page, "company").press("Enter")
    # The save that follows the typing pause lands on this same page, not a reloaded one.
    wait_saved(page)
    assert page.evaluate("window.__still_here") is True
    assert control(page, "company").input_value() == "Acme"


def test_restored_after_instant_navigation_away_and_back(page, base_url):
    instant_navigation(page, base_url)
    page.goto(base_url + MODULE_3)
    page.evaluate("window.__same_document = true")
    control(page, "company").fill("Northwind")
    # Leave at once, well inside the typing pause: the answer must still be written.
    page.locator(".md-nav__link", has_text="Course overview").first.click()
    page.wait_for_url(re.compile(r"/overview/$"))
    assert stored(page, "ws:" + DEBRIEF)["answers"]["company"] == "Northwind"
    page.go_back()
    page.wait_for_url(re.compile(re.escape(MODULE_3) + "$"))
    form(page).wait_for()
    assert control(page, "company").input_value() == "Northwind"
    # Material's instant navigation swapped the page without reloading it.
    assert page.evaluate("window.__same_document") is True


def test_two_tabs_stay_in_sync_without_clobbering_typing(context, page, base_url):
    page.goto(base_url + DEBRIEF_PAGE)
    other = context.new_page()
    other_errors = []
    other.on("pageerror", lambda error: other_errors.append(str(error)))
    other.goto(base_url + MODULE_3)

    # The other tab is in the middle of typing the interviewer's name.
    control(other, "interviewer").click()
    control(other, "interviewer").press_sequentially("Pri")

    control(page, "company").fill("Northwind")
    control(page, "interviewer").fill("Someone else")
    control(page, "skills-balance", value="a-fair-balance").check()
    wait_saved(page)

    other.wait_for_function(
        """() => document.querySelector('form[data-worksheet="interview-debrief"] [name=company]')
                 .value === 'Northwind'"""
    )
    assert control(other, "skills-balance", value="a-fair-balance").is_checked()
    assert control(other, "interviewer").input_value() == "Pri"
    assert other.evaluate("document.activeElement.name") == "interviewer"

    # When the other tab finishes typing, its words win for that one field only.
    control(other, "interviewer").press_sequentially("ya")
    control(other, "interviewer").blur()
    page.wait_for_function(
        """() => document.querySelector('form[data-worksheet="interview-debrief"] [name=interviewer]')
                 .value === 'Priya'"""
    )
    answers = stored(page, "ws:" + DEBRIEF)["answers"]
    assert answers["company"] == "Northwind" and answers["interviewer"] == "Priya"
    assert not other_errors
    other.close()


def test_storage_unavailable_shows_notice_and_page_still_works(context, page, base_url):
    context.add_init_script(BLOCK_STORAGE)
    page.goto(base_url + DEBRIEF_PAGE)
    notice = page.locator("#bb-notice-unavailable")
    notice.wait_for()
    assert notice.is_visible()
    assert "will be gone when you close this page" in notice.inner_text()

    control(page, "interviewer").fill("Priya")
    control(page, "company").fill("Northwind")
    control(page, "overall", value="3").check()
    assert control(page, "overall", value="3").is_checked()
    status = form(page).locator(".bb-status")
    status.filter(has_text="Not saved").wait_for()

    # The notice offers the one way to keep the answers: export them.
    with page.expect_download() as download:
        notice.get_by_role("button", name="Export").click()
    saved = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert saved["data"]["ws:" + DEBRIEF]["answers"]["company"] == "Northwind"

    # A message still fills in live from the answers held in memory.
    page.goto(base_url + "worksheets/feedback-request/")
    control(page, "contact-name", "feedback-request").fill("Priya")
    assert "Hi Priya," in form(page, "feedback-request").locator(".bb-message__preview").inner_text()
    # The `page` fixture fails the test on any JavaScript error.


def test_corrupt_answers_are_set_aside_and_exported(page, base_url):
    page.goto(base_url + DEBRIEF_PAGE)
    page.evaluate('(k) => localStorage.setItem(k, \'{"v":1, "answers": {broken\')', NS + "ws:" + DEBRIEF)
    page.reload()
    page.locator("#bb-notice-corrupt").wait_for()

    kept = {k: v for k, v in all_storage(page).items() if k.startswith(NS + "corrupt:ws:" + DEBRIEF + ":")}
    assert list(kept.values()) == ['{"v":1, "answers": {broken']
    assert control(page, "company").input_value() == ""

    control(page, "company").fill("Northwind")
    wait_saved(page)
    assert stored(page, "ws:" + DEBRIEF)["answers"] == {"company": "Northwind"}

    page.evaluate(DATA_READY)
    exported = page.evaluate("BounceBack.data.collect()")
    corrupt_key = next(iter(kept))[len(NS) :]
    assert exported["data"][corrupt_key] == '{"v":1, "answers": {broken'
    assert exported["data"]["ws:" + DEBRIEF]["answers"] == {"company": "Northwind"}


def test_a_record_from_a_newer_version_is_set_aside_not_overwritten(page, base_url):
    page.goto(base_url + DEBRIEF_PAGE)
    future = {"v": 99, "answers": {"company": "From the future"}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [NS + "ws:" + DEBRIEF, json.dumps(future)])
    page.reload()
    control(page, "role").fill("Analyst")
    wait_saved(page)
    aside = [v for k, v in all_storage(page).items() if k.startswith(NS + "corrupt:ws:" + DEBRIEF)]
    assert [json.loads(v) for v in aside] == [future]


def test_answers_to_fields_that_no_longer_exist_survive_saves_and_export(page, base_url):
    page.goto(base_url + DEBRIEF_PAGE)
    old = {"v": 1, "answers": {"old-question": "Words I wrote last year", "company": "Acme"}, "updated": None}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [NS + "ws:" + DEBRIEF, json.dumps(old)])
    page.reload()
    assert control(page, "company").input_value() == "Acme"
    control(page, "role").fill("Analyst")
    control(page, "company").fill("Acme Ltd")
    wait_saved(page)
    answers = stored(page, "ws:" + DEBRIEF)["answers"]
    assert answers == {"old-question": "Words I wrote last year", "company": "Acme Ltd", "role": "Analyst"}
    page.evaluate(DATA_READY)
    exported = page.evaluate("BounceBack.data.collect()")
    assert exported["data"]["ws:" + DEBRIEF]["answers"]["old-question"] == "Words I wrote last year"
    assert page.evaluate("BounceBack.worksheets.answers('interview-debrief')")["old-question"]


def test_clear_one_worksheet_asks_first(page, base_url):
    page.goto(base_url + DEBRIEF_PAGE)
    control(page, "company").fill("Northwind")
    wait_saved(page)
    page.evaluate('(k) => localStorage.setItem(k, \'{"v":1,"answers":{"x":"kept"}}\')', NS + "ws:other")
    clear = form(page).locator("[data-worksheet-toolbar]").get_by_role("button", name="Clear", exact=True)

    page.once("dialog", lambda dialog: dialog.dismiss())
    clear.click()
    assert control(page, "company").input_value() == "Northwind"
    assert stored(page, "ws:" + DEBRIEF)["answers"]["company"] == "Northwind"

    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    clear.click()
    form(page).locator(".bb-status").filter(has_text="Cleared").wait_for()
    assert "this worksheet" in messages[0]
    assert control(page, "company").input_value() == ""
    assert stored(page, "ws:" + DEBRIEF) is None
    assert stored(page, "ws:other")["answers"] == {"x": "kept"}
    page.reload()
    assert control(page, "company").input_value() == ""
