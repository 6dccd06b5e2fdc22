"""The rank field in the browser: move with the keyboard or a tap, type a place, come back to it."""

from __future__ import annotations

from playwright.sync_api import expect

MODULE = "modules/07-grow-and-go/"
FIELD = '.bb-field[data-field="what-matters"]'


def order(page) -> list[str]:
    """The items' words in the order the page shows them."""
    return [t.strip() for t in page.locator(f"{FIELD} .bb-rank__text").all_text_contents()]


def places(page) -> list[str]:
    """The number in each item's box, in page order."""
    return [box.input_value() for box in page.locator(f"{FIELD} .bb-rank__place").all()]


def test_keyboard_moves_keep_focus_say_where_and_survive_a_reload(page, base_url):
    page.goto(base_url + MODULE)
    first = order(page)
    assert len(first) == 6 and places(page) == [""] * 6, "an untouched rank is no answer"
    down = page.get_by_role("button", name=f"Move {first[0]} down")
    down.focus()
    page.keyboard.press("Enter")
    assert order(page)[:2] == [first[1], first[0]]
    assert places(page) == ["1", "2", "3", "4", "5", "6"]
    expect(page.get_by_role("button", name=f"Move {first[0]} down")).to_be_focused()
    expect(page.locator(f"{FIELD} .bb-rank__said")).to_have_text(f"{first[0]}: 2 of 6")
    # Up on the top item is not offered.
    expect(page.get_by_role("button", name=f"Move {first[1]} up")).to_be_disabled()
    page.wait_for_function(
        "slug => Object.keys(localStorage).some(k => k.endsWith('ws:skills-plan') && "
        "(JSON.parse(localStorage.getItem(k)).answers || {})['what-matters.' + slug] === '2')",
        arg=page.locator(f"{FIELD} .bb-rank__item").nth(1).get_attribute("data-item"),
    )
    page.reload()
    assert order(page)[:2] == [first[1], first[0]] and places(page)[:2] == ["1", "2"]


def test_a_typed_place_moves_the_item_and_my_plan_lists_the_order(page, base_url):
    page.goto(base_url + MODULE)
    first = order(page)
    last_box = page.locator(f"{FIELD} .bb-rank__place").nth(5)
    last_box.fill("1")
    last_box.press("Tab")
    assert order(page)[0] == first[5]
    page.goto(base_url + "plan/")
    answer = page.locator(".bb-plan").get_by_text(f"1 – {first[5]}")
    expect(answer).to_be_visible()


def test_the_rank_fits_a_320_px_phone_with_44_px_buttons(page, base_url):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(base_url + MODULE)
    field = page.locator(FIELD)
    field.scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    box = page.locator(f"{FIELD} .bb-rank__move").first.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44, box
