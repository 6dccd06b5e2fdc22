"""The finish and the small screen: buttons keep their contrast when pressed or focused, scales fit 320 px."""

from __future__ import annotations

import pytest

from tests.conftest import read_modules_whole

# WCAG relative luminance and contrast of two computed `rgb(...)` colours (alpha ignored: buttons are opaque).
CONTRAST = """(el) => {
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const style = getComputedStyle(el);
  const a = lum(rgb(style.color));
  const b = lum(rgb(style.backgroundColor));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focused_and_hovered_buttons_keep_text_contrast(browser, base_url, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    read_modules_whole(context)
    page = context.new_page()
    page.goto(base_url + "modules/01-feel-it-first/")
    toggle = page.locator("button.bb-complete")
    toggle.wait_for()
    toggle.focus()
    focused = toggle.evaluate(CONTRAST)
    toggle.hover()
    hovered = toggle.evaluate(CONTRAST)
    # Pressed: the mouse held down on it.
    box = toggle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    pressed = toggle.evaluate(CONTRAST)
    page.mouse.up()
    context.close()
    assert min(focused, hovered, pressed) >= 4.5, (scheme, focused, hovered, pressed)


def test_a_scale_keeps_one_row_at_320_px(browser, base_url):
    context = browser.new_context(viewport={"width": 320, "height": 740})
    read_modules_whole(context)
    page = context.new_page()
    page.goto(base_url + "worksheets/self-check-end/")
    scale = page.locator(".bb-field[data-type=scale] .bb-scale").first
    scale.wait_for()
    tops = scale.locator("label").evaluate_all(
        "(labels) => labels.map((l) => Math.round(l.getBoundingClientRect().top))"
    )
    width = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    ends = scale.locator(".bb-scale__end").all_inner_texts()
    context.close()
    assert len(set(tops)) == 1, f"the scale wraps at 320 px: label tops {tops}"
    assert width[0] <= width[1], f"the page is {width[0]} px wide at 320 px"
    assert ends and ends[-1] == "Completely"
