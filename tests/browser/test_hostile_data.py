"""No stored key can break a page: names such as `__proto__` or `hasOwnProperty` are plain data everywhere."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.backup_helpers import EXPORT, IMPORT, answers_text, parsed, put_all, snapshot
from tests.browser.ws_helpers import DEBRIEF, DEBRIEF_PAGE, PRIVACY_PAGE, control, wait_saved
from tests.conftest import read_modules_whole

MODULE_1 = "modules/01-feel-it-first/"
MODULE_1_SRC = "modules/01-feel-it-first.md"
NAMED = "i-named-how-i-feel-in-my-own-words-and-told-someone-i-trust"
# Every name Object.prototype answers to, and the one that would change an object's prototype.
NAMES = ["__proto__", "constructor", "hasOwnProperty", "toString", "valueOf", "isPrototypeOf"]
ISO = "2026-03-14T09:30:00.000Z"

HOSTILE = {
    # Hostile names beside real answers, and as worksheet and checklist ids.
    "ws:" + DEBRIEF: {
        "v": 1,
        "answers": {"company": "Northwind", **{n: [n] for n in NAMES}},
        "updated": ISO,
    },
    **{"ws:" + n: {"v": 1, "answers": {n: n}, "updated": None} for n in NAMES},
    **{"cl:" + n: {"v": 1, "answers": {n: True}} for n in NAMES},
    "cl:" + MODULE_1_SRC: {"v": 1, "answers": {NAMED: True, **{n: True for n in NAMES}}},
    "progress": {"v": 1, "complete": {MODULE_1_SRC: ISO, **{n: n for n in NAMES}}, "last": MODULE_1_SRC},
}
# Python keeps "__proto__" as a plain key, so the file really carries it.
assert '"__proto__"' in answers_text(HOSTILE)

UNTOUCHED = """() => {
  const probe = {};
  return [probe.polluted, typeof probe.hasOwnProperty, typeof Object.prototype.toString,
          Object.getPrototypeOf(probe) === Object.prototype, Object.keys(Object.prototype).length];
}"""


def check_prototype_untouched(page) -> None:
    """Object.prototype is as the browser made it."""
    assert page.evaluate(UNTOUCHED) == [None, "function", "function", True, 0]


def check_pages_draw_progress(page, base_url) -> None:
    """Start page, a module, the overview and My plan load without an error and show progress."""
    page.goto(base_url)
    expect(page.locator(".bb-continue")).to_be_visible()
    check_prototype_untouched(page)

    page.goto(base_url + MODULE_1)
    toggle = page.locator("button.bb-complete")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f'form.bb-checklist input[name="{NAMED}"]')).to_be_checked()
    expect(page.locator("[data-module-progress] .bb-progress__text")).to_contain_text("ticked")

    page.goto(base_url + "overview/")
    expect(page.locator(f'[data-module-status="{MODULE_1_SRC}"] .bb-badge')).to_have_attribute(
        "data-status", "done"
    )
    expect(page.locator("[data-course-progress] .bb-progress__text").first).to_contain_text("1 of")

    page.goto(base_url + "plan/")
    block = page.locator(f'[data-plan-worksheet="{DEBRIEF}"]')
    expect(block).to_contain_text("Northwind")
    check_prototype_untouched(page)


def test_an_import_of_hostile_names_leaves_every_page_working(page, base_url):
    page.goto(base_url + PRIVACY_PAGE)
    result = page.evaluate(IMPORT, answers_text(HOSTILE))
    assert result["ok"], result
    stored = parsed(snapshot(page))
    assert stored == json.loads(json.dumps(HOSTILE))
    check_prototype_untouched(page)
    check_pages_draw_progress(page, base_url)


def test_hostile_names_stored_by_any_means_leave_every_page_working(page, base_url):
    """Not only through an import: a record written by devtools or another version."""
    page.goto(base_url + PRIVACY_PAGE)
    put_all(page, HOSTILE)
    check_pages_draw_progress(page, base_url)
    # Nothing was set aside: these are readable records whose names happen to be odd.
    assert not [k for k in snapshot(page) if k.startswith("corrupt:")]


def test_saving_beside_hostile_names_keeps_them_and_export_imports_again(page, base_url, browser):
    page.goto(base_url + PRIVACY_PAGE)
    put_all(page, HOSTILE)
    page.goto(base_url + DEBRIEF_PAGE)
    assert control(page, "company").input_value() == "Northwind"
    control(page, "role").fill("Analyst")
    wait_saved(page)
    answers = parsed(snapshot(page))["ws:" + DEBRIEF]["answers"]
    assert answers == {"company": "Northwind", "role": "Analyst", **{n: [n] for n in NAMES}}

    page.goto(base_url + MODULE_1)
    # Module 1 is stored as complete: its button says "Completed", and pressing it undoes that.
    page.locator("button.bb-complete").click()
    complete = parsed(snapshot(page))["progress"]["complete"]
    assert set(complete) == set(NAMES)

    before = snapshot(page)
    text = page.evaluate(EXPORT)
    fresh = browser.new_context()
    read_modules_whole(fresh)
    other = fresh.new_page()
    other.goto(base_url + PRIVACY_PAGE)
    assert other.evaluate(IMPORT, text)["ok"]
    assert parsed(snapshot(other)) == parsed(before)
    fresh.close()


@pytest.mark.parametrize("name", NAMES)
def test_a_hostile_name_merges_as_data(page, base_url, name):
    """store.write and store.merge take such a name like any other, and never touch a prototype."""
    page.goto(base_url + PRIVACY_PAGE)
    result = page.evaluate(
        """(name) => {
          const s = BounceBack.store;
          const patch = Object.create(null);
          patch[name] = "written";
          s.write("ws:x", { answers: patch });
          const record = JSON.parse('{"v": 1, "answers": {"' + name + '": ["merged"], "b": "c"}}');
          s.merge("ws:x", record);
          const read = s.read("ws:x").answers;
          const own = s.has(read, "toString") === (name === "toString");
          return [Object.keys(read).sort(), read[name], s.has(read, "b"), own];
        }""",
        name,
    )
    assert result == [sorted([name, "b"]), ["merged"], True, True]
    check_prototype_untouched(page)
