"""Two tabs that save different answers of one record at the same moment both keep theirs."""

from __future__ import annotations

import json

from tests.browser.ws_helpers import DEBRIEF, DEBRIEF_PAGE, NS

# Arm an edit: put `value` in the control named `name` of the worksheet, then at `at` (Date.now()
# time) send what a learner's typing and tabbing away send: input, then focusout (a save at once).
ARM_TYPING = """([worksheet, name, value, at]) => {
  const el = document.querySelector(`form.bb-worksheet[data-worksheet="${worksheet}"] [name="${name}"]`);
  el.value = value;
  setTimeout(() => {
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new FocusEvent("focusout", { bubbles: true }));
  }, Math.max(0, at - Date.now()));
}"""

# Arm a click on "Mark this module complete" at `at`.
ARM_COMPLETE = """(at) => {
  const button = document.querySelector("[data-module-complete] button");
  setTimeout(() => button.click(), Math.max(0, at - Date.now()));
}"""

SHOWN = """([worksheet, name]) =>
  document.querySelector(`form.bb-worksheet[data-worksheet="${worksheet}"] [name="${name}"]`).value"""


def stored(page, key: str) -> dict:
    """The record under `key`, parsed ({} when there is none)."""
    text = page.evaluate("(k) => localStorage.getItem(k)", NS + key)
    return json.loads(text) if text else {}


def open_tabs(context, url: str):
    """Two tabs of one browser on `url`, collecting JavaScript errors."""
    tabs = [context.new_page(), context.new_page()]
    errors: list[str] = []
    for tab in tabs:
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(url)
        tab.wait_for_function("() => !!(window.BounceBack && BounceBack.worksheets)")
    return tabs, errors


def test_two_tabs_typing_different_fields_at_once_keep_both(context, base_url):
    (one, two), errors = open_tabs(context, base_url + DEBRIEF_PAGE)
    for round_ in range(6):
        one.evaluate("() => localStorage.clear()")
        two.wait_for_timeout(50)
        at = one.evaluate("() => Date.now() + 150")
        one.evaluate(ARM_TYPING, [DEBRIEF, "company", f"Northwind {round_}", at])
        two.evaluate(ARM_TYPING, [DEBRIEF, "role", f"Analyst {round_}", at])
        expected = {"company": f"Northwind {round_}", "role": f"Analyst {round_}"}
        for tab in (one, two):
            # Both saves, and any repair after them, have landed in both tabs' storage and forms.
            tab.wait_for_function(
                """([key, expected]) => {
                  const text = localStorage.getItem(key);
                  const answers = text ? JSON.parse(text).answers : {};
                  return JSON.stringify(answers, Object.keys(answers).sort()) === JSON.stringify(expected);
                }""",
                arg=[NS + "ws:" + DEBRIEF, expected],
                timeout=5000,
            )
            assert tab.evaluate(SHOWN, [DEBRIEF, "company"]) == expected["company"]
            assert tab.evaluate(SHOWN, [DEBRIEF, "role"]) == expected["role"]
    assert not errors


def test_two_tabs_completing_different_modules_at_once_keep_both(context, base_url):
    one, two = context.new_page(), context.new_page()
    one.goto(base_url + "modules/01-feel-it-first/")
    two.goto(base_url + "modules/02-not-a-verdict/")
    for tab in (one, two):
        tab.locator("[data-module-complete] button").wait_for()
    at = one.evaluate("() => Date.now() + 150")
    one.evaluate(ARM_COMPLETE, at)
    two.evaluate(ARM_COMPLETE, at)
    both = ["modules/01-feel-it-first.md", "modules/02-not-a-verdict.md"]
    for tab in (one, two):
        tab.wait_for_function(
            """([key, both]) => {
              const text = localStorage.getItem(key);
              return !!text && both.every((src) => src in JSON.parse(text).complete);
            }""",
            arg=[NS + "progress", both],
            timeout=5000,
        )


def test_an_edit_in_the_other_tab_is_not_undone(context, base_url):
    """Only a stale copy is repaired: a new value typed in the other tab wins, as the later save."""
    (one, two), errors = open_tabs(context, base_url + DEBRIEF_PAGE)
    one.evaluate(ARM_TYPING, [DEBRIEF, "company", "First", 0])
    two.wait_for_function(SHOWN.replace("=>", "=> 'First' ===", 1), arg=[DEBRIEF, "company"])
    two.evaluate(ARM_TYPING, [DEBRIEF, "company", "Second", 0])
    one.wait_for_function(SHOWN.replace("=>", "=> 'Second' ===", 1), arg=[DEBRIEF, "company"])
    one.wait_for_timeout(300)
    assert stored(one, "ws:" + DEBRIEF)["answers"] == {"company": "Second"}
    assert stored(two, "ws:" + DEBRIEF)["answers"] == {"company": "Second"}
    assert not errors
