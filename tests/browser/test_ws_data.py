"""The learner's data in the learner's hands: Export, Import, Clear everything, hostile files."""

from __future__ import annotations

import datetime
import json

import pytest
from playwright.sync_api import expect

from tests.browser.ws_helpers import (
    DEBRIEF,
    DEBRIEF_ANSWERS,
    DEBRIEF_PAGE,
    NS,
    PRIVACY_PAGE,
    accept_dialogs,
    all_storage,
    control,
    fill_debrief,
    form,
    put,
    shown_answers,
    wait_saved,
)

HOSTILE = "<img src=x onerror=window.__pwned=1>"


def controls(page):
    """The privacy page's Export / Import / Clear everything block."""
    return page.locator("[data-bb-data-controls]")


def export(page) -> tuple[str, dict]:
    """Click Export; return the suggested file name and the parsed file."""
    with page.expect_download() as info:
        controls(page).get_by_role("button", name="Export").click()
    download = info.value
    return download.suggested_filename, json.loads(open(download.path(), encoding="utf-8").read())


def import_file(page, path) -> str:
    """Choose `path` through the Import button; return the status message shown."""
    status = controls(page).locator(".bb-status")
    status.evaluate("(el) => { el.textContent = ''; }")
    with page.expect_file_chooser() as chooser:
        controls(page).get_by_role("button", name="Import").click()
    chooser.value.set_files(str(path))
    page.wait_for_function("(el) => el.textContent.trim() !== ''", arg=status.element_handle())
    return status.inner_text()


def answers_file(tmp_path, data: dict, **header) -> str:
    """Write an answers file with `data`; header fields override the right ones."""
    body = {"format": "bounce-back-answers", "version": 1, "course": "bounce-back", "exported": "x"}
    body["data"] = data
    body.update(header)
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    return path


def test_privacy_page_says_what_is_kept_and_offers_worded_buttons(page, base_url):
    page.goto(base_url + PRIVACY_PAGE)
    text = page.inner_text("article")
    assert "only in this web browser" in text.lower() or "Only in this web browser" in text
    for name in ("Export", "Import", "Clear everything"):
        assert controls(page).get_by_role("button", name=name, exact=True).is_visible()
    # The privacy page is in the navigation under About.
    assert page.locator(".md-nav__link", has_text="Your answers and privacy").count() >= 1


def test_export_clear_import_restores_exactly(page, base_url, tmp_path):
    page.goto(base_url + DEBRIEF_PAGE)
    fill_debrief(page)
    wait_saved(page)
    put(page, "corrupt:ws:old:1700000000000", "not json {")
    put(page, "progress", {"v": 1, "complete": {"modules/01-feel-it-first/": "x"}})
    before = all_storage(page)

    page.goto(base_url + PRIVACY_PAGE)
    name, saved = export(page)
    assert name == f"bounce-back-answers-{datetime.date.today().isoformat()}.json"
    assert saved["format"] == "bounce-back-answers" and saved["version"] == 1
    assert saved["course"] == "bounce-back"
    assert saved["data"]["ws:" + DEBRIEF]["answers"] == DEBRIEF_ANSWERS
    assert saved["data"]["corrupt:ws:old:1700000000000"] == "not json {"
    path = tmp_path / name
    path.write_text(json.dumps(saved), encoding="utf-8")

    seen = accept_dialogs(page)
    controls(page).get_by_role("button", name="Clear everything").click()
    controls(page).locator(".bb-status").filter(has_text="Cleared").wait_for()
    assert "whole course" in seen[-1]
    assert all_storage(page) == {}

    assert import_file(page, path) == "Your answers were imported."
    assert all_storage(page) == before

    page.goto(base_url + DEBRIEF_PAGE)
    assert shown_answers(page) == DEBRIEF_ANSWERS


def test_import_over_existing_answers_asks_and_keeps_the_rest(page, base_url, tmp_path):
    page.goto(base_url + DEBRIEF_PAGE)
    control(page, "company").fill("Here now")
    wait_saved(page)
    put(page, "ws:other", {"v": 1, "answers": {"a": "stays"}})
    from_file = {"v": 1, "answers": {"company": "From file"}, "updated": None}
    path = answers_file(tmp_path, {"ws:" + DEBRIEF: from_file})

    page.goto(base_url + PRIVACY_PAGE)
    page.once("dialog", lambda dialog: dialog.dismiss())
    with page.expect_file_chooser() as chooser:
        controls(page).get_by_role("button", name="Import").click()
    chooser.value.set_files(str(path))
    # A declined import ends like a failed one: the status is marked, nothing is written.
    expect(controls(page).locator(".bb-status")).to_have_attribute("data-result", "error")
    assert json.loads(all_storage(page)[NS + "ws:" + DEBRIEF])["answers"]["company"] == "Here now"

    seen = accept_dialogs(page)
    assert import_file(page, path) == "Your answers were imported."
    assert "Replace your answers" in seen[0]
    storage = all_storage(page)
    assert json.loads(storage[NS + "ws:" + DEBRIEF])["answers"]["company"] == "From file"
    assert json.loads(storage[NS + "ws:other"])["answers"] == {"a": "stays"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("this is not JSON at all", "not a Bounce Back answers file"),
        ("[1, 2, 3]", "not a Bounce Back answers file"),
        ('{"hello": "world"}', "not a Bounce Back answers file"),
        (
            '{"format": "bounce-back-answers", "version": 1, "course": "another-course", "data": {}}',
            "another course",
        ),
        (
            '{"format": "bounce-back-answers", "version": 2, "course": "bounce-back", "data": {}}',
            "not a Bounce Back answers file",
        ),
        (
            '{"format": "bounce-back-answers", "version": 1, "course": "bounce-back",'
            ' "data": {"ws:x": {"v": 1, "answers": {}}, "evil:key": "x"}}',
            "not a Bounce Back answers file",
        ),
        (
            '{"format": "bounce-back-answers", "version": 1, "course": "bounce-back",'
            ' "data": {"ws:x": {"v": 1, "answers": {"__proto__": {"polluted": true}}}}}',
            "not a Bounce Back answers file",
        ),
        (
            '{"format": "bounce-back-answers", "version": 1, "course": "bounce-back",'
            ' "data": {"ws:x": {"v": 1, "answers": {"a": {"nested": "object"}}}}}',
            "not a Bounce Back answers file",
        ),
    ],
    ids=["not-json", "array", "foreign", "other-course", "newer", "unknown-key", "proto", "bad-value"],
)
def test_a_wrong_file_changes_nothing(page, base_url, tmp_path, content, message):
    page.goto(base_url + DEBRIEF_PAGE)
    control(page, "company").fill("Keep me")
    wait_saved(page)
    page.goto(base_url + PRIVACY_PAGE)
    before = all_storage(page)
    path = tmp_path / "file.json"
    path.write_text(content, encoding="utf-8")
    seen = accept_dialogs(page)
    assert message in import_file(page, path)
    assert all_storage(page) == before
    assert not seen


def test_a_huge_file_is_refused(page, base_url, tmp_path):
    page.goto(base_url + PRIVACY_PAGE)
    path = answers_file(tmp_path, {"ws:x": {"v": 1, "answers": {"a": "x" * 40_000_000}}})
    assert "too big" in import_file(page, path)
    assert all_storage(page) == {}


def test_hostile_text_in_a_file_shows_literally_and_never_runs(page, base_url, tmp_path):
    path = answers_file(
        tmp_path,
        {
            "ws:" + DEBRIEF: {
                "v": 1,
                "answers": {"company": HOSTILE, "interviewer": "<script>window.__pwned=2</script>"},
                "updated": None,
            }
        },
    )
    page.goto(base_url + PRIVACY_PAGE)
    assert import_file(page, path) == "Your answers were imported."

    page.goto(base_url + DEBRIEF_PAGE)
    assert control(page, "company").input_value() == HOSTILE
    # The one reply (feedback-request) greets the interviewer and names the company from the debrief.
    page.goto(base_url + "worksheets/feedback-request/")
    preview = form(page, "feedback-request").locator(".bb-message__preview")
    assert HOSTILE in preview.inner_text()
    assert "<script>window.__pwned=2</script>" in preview.inner_text()
    assert preview.locator("img, script").count() == 0
    # An <img onerror> would fire once its request failed: let every request settle first.
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_an_answer_as_long_as_storage_allows_round_trips(page, base_url, tmp_path):
    """Whatever the course could save, its export can be imported again (found by hypothesis)."""
    page.goto(base_url + PRIVACY_PAGE)
    long_text = "ó\U0001f2d9ìp\U00068932\U00034580" * 20_000  # 200k UTF-16 units
    path = answers_file(tmp_path, {"ws:interview-debrief": {"v": 1, "answers": {"company": long_text}}})
    accept_dialogs(page)
    assert "imported" in import_file(page, path)
    stored = page.evaluate("() => JSON.parse(localStorage['bb:bounce-back:ws:interview-debrief'])")
    assert stored["answers"]["company"] == long_text
