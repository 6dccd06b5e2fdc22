"""Keyboard only: complete the interview debrief with Tab, Shift+Tab, Space and arrows, then Print.

No mouse: the learner tabs into the worksheet, types into text fields, picks
radio options with the arrow keys, ticks boxes with Space, tabs to the end of
the form, then goes back with Shift+Tab to the toolbar's Print button and
presses it. At every single step the focused element must show a visible focus
indicator: a non-none outline or box-shadow on `document.activeElement`, or, for
a visually hidden radio such as Material's palette toggle, on its group's visible label.
"""

from __future__ import annotations

import json

WS = "interview-debrief"
PAGE = f"worksheets/{WS}/"
MAX_STEPS = 400

FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const shows = (el) => {
    const cs = getComputedStyle(el);
    return {outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0,
            shadow: !!cs.boxShadow && cs.boxShadow !== 'none'};
  };
  // A visually hidden radio (Material's palette toggle) shows its focus on the group's
  // label that is on screen.
  const box = e.getBoundingClientRect();
  const hidden = box.width <= 1 || box.height <= 1 || getComputedStyle(e).opacity === '0';
  let drawn = shows(e);
  if (hidden && e.name) {
    const group = (e.form || e.parentElement).querySelectorAll('input[name="' + e.name + '"]');
    const labels = Array.from(group).flatMap(i => Array.from(i.labels || []))
      .filter(l => l.getClientRects().length > 0).map(shows);
    drawn = {outline: labels.some(l => l.outline), shadow: labels.some(l => l.shadow)};
  }
  const form = e.closest('form.bb-worksheet');
  return {
    tag: e.tagName.toLowerCase(), type: e.type || '', name: e.getAttribute('name') || '',
    id: e.id, text: (e.innerText || e.value || '').trim().slice(0, 40),
    inForm: !!form, checked: !!e.checked,
    outline: drawn.outline, shadow: drawn.shadow,
  };
}"""


def focused(page) -> dict | None:
    """Describe the focused element and whether its focus is visible."""
    return page.evaluate(FOCUS)


def assert_visible_focus(step: dict | None, where: str) -> None:
    """The focused element draws an outline or a box-shadow."""
    assert step is not None, f"focus was lost ({where})"
    assert step["outline"] or step["shadow"], f"no visible focus on {step} ({where})"


def test_keyboard_only_learner_completes_the_debrief_and_reaches_print(page, base_url):
    page.goto(base_url + PAGE)
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.locator(f'form[data-worksheet="{WS}"] [data-worksheet-toolbar] button').first.wait_for()

    # Tab from the top of the page into the worksheet.
    step = None
    for count in range(MAX_STEPS):
        page.keyboard.press("Tab")
        step = focused(page)
        assert_visible_focus(step, f"Tab {count + 1} on the way in")
        if step["inForm"]:
            break
    assert step and step["inForm"], "Tab never reached the worksheet"

    # Walk the whole form, answering as we go.
    typed, ticked, moved, history = {}, set(), {}, []
    seen_print = False
    for count in range(MAX_STEPS):
        if step["type"] in ("text", "textarea") and step["name"] and step["name"] not in typed:
            value = f"typed {len(typed) + 1}"
            page.keyboard.type(value)
            typed[step["name"]] = value
        elif step["type"] == "date" and step["name"] not in typed:
            page.keyboard.type("03142026")
            typed[step["name"]] = "2026-03-14"
        elif step["type"] == "radio" and step["name"] not in moved:
            page.keyboard.press("ArrowDown")
            after = focused(page)
            assert_visible_focus(after, f"ArrowDown in radio group {step['name']}")
            assert after["name"] == step["name"] and after["checked"], "arrow keys do not pick a radio"
            page.keyboard.press("ArrowUp")
            moved[step["name"]] = focused(page)["id"]
        elif step["type"] == "checkbox" and step["id"] not in ticked and len(ticked) < 6:
            page.keyboard.press("Space")
            assert focused(page)["checked"], f"Space did not tick {step['id']}"
            ticked.add(step["id"])
        seen_print = seen_print or step["text"] == "Print / Save as PDF"
        page.keyboard.press("Tab")
        history.append(step)
        step = focused(page)
        if step is None and history[-1]["inForm"]:
            break  # past the last control of the page: focus went to the browser's own UI
        assert_visible_focus(step, f"Tab {count + 1} through the form, after {history[-3:]}")
        if not step["inForm"]:
            break
    assert step is None or not step["inForm"], "Tab never left the worksheet"
    assert seen_print, "the toolbar's Print button was not in the Tab order"
    assert {"company", "role", "interviewer", "answer-to-change"} <= set(typed)
    assert {"overall", "skills-balance"} <= set(moved), moved
    assert ticked, "no checkbox was ticked"

    # Back up with Shift+Tab to the Print button, and press it.
    for count in range(MAX_STEPS):
        page.keyboard.press("Shift+Tab")
        step = focused(page)
        assert_visible_focus(step, f"Shift+Tab {count + 1}")
        if step["text"] == "Print / Save as PDF":
            break
    assert step["text"] == "Print / Save as PDF", "Shift+Tab never reached the Print button"
    assert page.evaluate("window.__printed") == 0, "print was called before the learner asked"
    page.keyboard.press("Enter")
    page.wait_for_function("window.__printed === 1")

    # Everything typed with the keyboard was saved.
    page.locator(f'form[data-worksheet="{WS}"] .bb-status[data-state="saved"]').wait_for()
    raw = page.evaluate(f"localStorage.getItem('bb:bounce-back:ws:{WS}')")
    answers = json.loads(raw)["answers"]
    for name, value in typed.items():
        assert answers.get(name) == value, name
    for name in moved:
        assert answers.get(name), f"radio group {name} has no saved answer"
