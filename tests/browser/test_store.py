"""One store for every record: keys spelled once, unknown records set aside, saves merged at write time."""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from tests.browser.backup_helpers import DATA_READY
from tests.browser.ws_helpers import (
    DEBRIEF,
    DEBRIEF_PAGE,
    NS,
    all_storage,
    control,
    form,
    put,
    stored,
    wait_saved,
)
from tests.conftest import ROOT

SCRIPTS = ROOT / "hooks" / "coursemodel" / "assets"
MODULE_1 = "modules/01-feel-it-first/"
MODULE_1_SRC = "modules/01-feel-it-first.md"
CHECKLIST = "cl:" + MODULE_1_SRC
# The first item of module 1's checklist (its id is the slug of its words).
TICKED = "i-named-how-i-feel-in-my-own-words-and-told-someone-i-trust"
NAMED = "I named how I feel, in my own words, and told someone I trust"
NO_POST_ID = "i-chose-not-to-post-about-this-in-public-and-picked-a-date-to-take-one-small-step"
TALKED = "I chose not to post about this in public, and picked a date to take one small step"

# Storage that refuses to keep set-aside copies (as a full disk would), and only those.
REFUSE_SET_ASIDE = """
const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (String(key).indexOf(":corrupt:") !== -1) throw new DOMException("full", "QuotaExceededError");
  return setItem.call(this, key, value);
};
"""


def set_aside(page, key: str) -> list:
    """The parsed values set aside for `key` (corrupt:<key>:<time>)."""
    prefix = NS + "corrupt:" + key + ":"
    return [json.loads(v) for k, v in sorted(all_storage(page).items()) if k.startswith(prefix)]


def test_keys_are_spelled_in_store_js_only():
    """No other script builds a storage key: they all ask BounceBack.store.keys."""
    literal = re.compile(r"""\b(?:ws|cl|corrupt):|["']progress["']""")
    offenders = {}
    for path in sorted(SCRIPTS.glob("*.js")):
        text = path.read_text(encoding="utf-8")
        lines = [line.strip() for line in text.splitlines() if literal.search(line)]
        if lines and path.name != "store.js":
            offenders[path.name] = lines
    assert not offenders
    assert literal.search((SCRIPTS / "store.js").read_text(encoding="utf-8"))


def test_store_key_helpers_and_import_rules_agree(page, base_url):
    page.goto(base_url + DEBRIEF_PAGE)
    page.evaluate(DATA_READY)
    keys = page.evaluate(
        """() => {
          const k = BounceBack.store.keys;
          return [k.worksheet("x"), k.checklist("modules/a.md"), k.progress,
                  k.kind("ws:x"), k.kind("cl:modules/a.md"), k.kind("progress"),
                  k.kind("corrupt:ws:x:1"), k.kind("evil:x"),
                  BounceBack.data.rules.map((r) => [k.worksheet("a"), k.checklist("b.md"), k.progress,
                    "corrupt:ws:a:1"].filter((key) => r.pattern.test(key)))];
        }"""
    )
    assert keys == [
        "ws:x",
        "cl:modules/a.md",
        "progress",
        "worksheet",
        "checklist",
        "progress",
        "corrupt",
        None,
        [["ws:a"], ["cl:b.md"], ["progress"], ["corrupt:ws:a:1"]],
    ]


def test_newer_checklist_and_progress_records_are_set_aside_not_overwritten(page, base_url):
    page.goto(base_url + MODULE_1)
    future_ticks = {"v": 99, "answers": {TICKED: True}, "more": [1]}
    future_progress = {"v": 99, "complete": {MODULE_1_SRC: "2030-01-01"}, "last": "x", "streak": 4}
    put(page, CHECKLIST, future_ticks)
    put(page, "progress", future_progress)
    page.reload()
    page.locator("#bb-notice-corrupt").wait_for()
    # The set-aside progress record took the learner's "whole module" choice with it.
    page.locator(".bb-step-bar [data-bb-whole]").first.click()
    # Nothing of the newer records is shown as if it were ours.
    assert not page.get_by_role("checkbox", name=NAMED).is_checked()
    toggle = page.locator("button.bb-complete")
    assert toggle.get_attribute("aria-pressed") == "false"

    page.get_by_role("checkbox", name=TALKED).check()
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")

    assert set_aside(page, CHECKLIST) == [future_ticks]
    assert set_aside(page, "progress") == [future_progress]
    ticks = stored(page, CHECKLIST)
    assert ticks["v"] == 1 and ticks["answers"] == {NO_POST_ID: True}
    progress = stored(page, "progress")
    assert progress["v"] == 1 and progress["last"] == MODULE_1_SRC
    assert list(progress["complete"]) == [MODULE_1_SRC]


def test_records_of_an_unknown_shape_are_set_aside(page, base_url):
    page.goto(base_url + DEBRIEF_PAGE)
    odd = {"v": 1, "answers": ["not", "a", "map"]}
    put(page, "ws:" + DEBRIEF, odd)
    page.reload()
    page.locator("#bb-notice-corrupt").wait_for()
    control(page, "company").fill("Northwind")
    wait_saved(page)
    assert set_aside(page, "ws:" + DEBRIEF) == [odd]
    assert stored(page, "ws:" + DEBRIEF)["answers"] == {"company": "Northwind"}


def test_a_record_that_cannot_be_set_aside_is_never_written_over(context, page, base_url):
    context.add_init_script(REFUSE_SET_ASIDE)
    page.goto(base_url + DEBRIEF_PAGE)
    future = {"v": 99, "answers": {"company": "From the future"}}
    put(page, "ws:" + DEBRIEF, future)
    page.reload()
    control(page, "company").fill("Northwind")
    form(page).locator('.bb-status[data-state="not-saved"]').wait_for()
    assert stored(page, "ws:" + DEBRIEF) == future


def test_saves_merge_into_what_another_tab_wrote_meanwhile(page, base_url):
    """Each save reads the record again, so names written since the page loaded are kept."""
    page.goto(base_url + DEBRIEF_PAGE)
    # Written behind the page's back: no storage event reaches the tab that wrote it.
    put(page, "ws:" + DEBRIEF, {"v": 1, "answers": {"role": "From the other tab"}, "updated": None})
    control(page, "company").fill("Northwind")
    wait_saved(page)
    assert stored(page, "ws:" + DEBRIEF)["answers"] == {"role": "From the other tab", "company": "Northwind"}

    page.goto(base_url + MODULE_1)
    put(page, CHECKLIST, {"v": 1, "answers": {TICKED: True}})
    put(page, "progress", {"v": 1, "complete": {"modules/02-not-a-verdict.md": "2030-01-01T00:00:00Z"}})
    page.get_by_role("checkbox", name=TALKED).check()
    toggle = page.locator("button.bb-complete")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert stored(page, CHECKLIST)["answers"] == {
        TICKED: True,
        NO_POST_ID: True,
    }
    assert set(stored(page, "progress")["complete"]) == {"modules/02-not-a-verdict.md", MODULE_1_SRC}
