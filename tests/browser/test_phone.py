"""A course on a phone: nothing scrolls sideways, answers show whole, actions answer in place.

Widths: 320 (small phones), 360 and 390 (common phones), 768 (tablet) and 1366 (laptop).
"""

from __future__ import annotations

import re

import pytest

from tests.browser.crawl import page_urls, run_axe
from tests.conftest import read_modules_whole

WIDTHS = [320, 360, 390, 768, 1366]
LONG = (
    "I explained the dashboard project clearly, but I froze on the salary question and rambled "
    "about my notice period; next time I will say a range I checked beforehand and stop talking. "
) * 4
LONG = LONG[:600]
WORKSHEET_PAGES = [
    "worksheets/contacts-tracker/",
    "worksheets/interview-debrief/",
    "modules/05-keep-the-door-open/",
]
OVERFLOW = "() => [document.scrollingElement.scrollWidth, window.innerWidth]"


def fill_long(page) -> int:
    """Put a 600-character answer in every text field of the page (one paste each); return how many."""
    return page.evaluate(
        """text => {
          const boxes = [...document.querySelectorAll(
            'form.bb-worksheet textarea, form.bb-worksheet input[type=text]')];
          for (const box of boxes) {
            box.value = text;
            box.dispatchEvent(new Event('input', {bubbles: true}));
          }
          for (const date of document.querySelectorAll('form.bb-worksheet input[type=date]')) {
            date.value = '2026-06-14';
            date.dispatchEvent(new Event('input', {bubbles: true}));
          }
          return boxes.length;
        }""",
        LONG,
    )


@pytest.fixture
def phone(context):
    """A page in the shared context, at 390 by 844."""
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    yield page
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(browser, base_url, site, width: int):
    """Every built page fits the screen's width, and so do worksheets full of long answers."""
    context = browser.new_context(viewport={"width": width, "height": 800}, service_workers="block")
    read_modules_whole(context)
    try:
        page = context.new_page()
        wide = []
        for rel in page_urls(site):
            page.goto(base_url + rel, wait_until="load")
            scroll, inner = page.evaluate(OVERFLOW)
            if scroll > inner:
                wide.append(f"{rel or '/'}: {scroll} > {inner}")
        for rel in WORKSHEET_PAGES:
            page.goto(base_url + rel, wait_until="load")
            page.locator("form.bb-worksheet").first.wait_for()
            assert fill_long(page) > 5
            scroll, inner = page.evaluate(OVERFLOW)
            if scroll > inner:
                wide.append(f"{rel} with long answers: {scroll} > {inner}")
        assert not wide, f"pages wider than {width}px:\n" + "\n".join(wide)
    finally:
        context.close()


def test_long_answers_show_whole_without_inner_scrollbars(phone, base_url):
    """Textareas, list lines and table cells grow with a 600-character answer (390 px wide)."""
    for rel in ("worksheets/interview-debrief/", "worksheets/contacts-tracker/"):
        phone.goto(base_url + rel)
        phone.locator("form.bb-worksheet").first.wait_for()
        fill_long(phone)
        clipped = phone.evaluate(
            """() => [...document.querySelectorAll('form.bb-worksheet textarea')]
                 .filter(el => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
                 .map(el => `${el.name}: ${el.scrollHeight} > ${el.clientHeight}`)"""
        )
        assert not clipped, f"{rel}: answers hidden behind a scrollbar: {clipped}"
        # List lines and text cells are wrapping textareas now, not one-line inputs.
        assert phone.locator('form.bb-worksheet .bb-list input[type="text"]').count() == 0
        assert phone.locator("form.bb-worksheet td textarea[data-line]").count() > 0


def test_tables_are_labelled_cards_on_a_phone_and_tables_on_a_laptop(context, base_url):
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "worksheets/contacts-tracker/")
    cell = page.locator("form.bb-worksheet td").first
    label = cell.locator(".bb-cell-label")
    assert label.is_visible() and label.inner_text() == "Name"
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"
    row = page.locator("form.bb-worksheet tbody tr").first.bounding_box()
    assert row and row["x"] >= 0 and row["x"] + row["width"] <= 390
    page.set_viewport_size({"width": 1366, "height": 900})
    assert cell.evaluate("td => getComputedStyle(td).display") == "table-cell"
    assert not label.is_visible()
    page.close()


def test_start_page_primary_action_is_in_the_first_screen_on_a_small_phone(context, base_url):
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(base_url)
    start = page.get_by_role("link", name="Start module 1")
    box = start.bounding_box()
    assert box and box["y"] + box["height"] <= 640, box
    assert "md-button--primary" in start.get_attribute("class")
    # Module cards come from the course data: number, title, minutes and status for each module.
    cards = page.locator("[data-course-cards] .bb-card")
    cards.first.wait_for()
    assert cards.count() == 8
    assert re.search(r"Module 1: .+\s+\d+ min\s*○?\s*Not started", cards.first.inner_text())
    # One primary action: once there is somewhere to continue, Start steps aside.
    page.goto(base_url + "modules/03-debrief/")
    page.goto(base_url)
    cont = page.get_by_role("link", name="Continue where you left off")
    cont.wait_for()
    box = cont.bounding_box()
    assert box and box["y"] + box["height"] <= 640
    assert page.locator("article .md-button--primary:visible").count() == 1
    assert "Module 3" in page.inner_text("[data-continue]")
    page.close()


def test_copy_confirms_on_the_button_and_is_announced(context, phone, base_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    phone.goto(base_url + "worksheets/feedback-request/")
    phone.get_by_role("textbox", name="Name of the person you will write to first").fill("Priya")
    message = phone.locator('.bb-message[data-field="request-message"]')
    button = message.get_by_role("button", name="Copy")
    button.click()
    message.locator("button", has_text="Copied ✓").wait_for()
    said = message.locator(".bb-message__said")
    said.filter(has_text="Copied").wait_for()
    assert said.get_attribute("role") == "status" and said.get_attribute("aria-live") == "polite"
    # The course's messages have words for every empty answer ("Hi there"), so nothing is
    # left blank and the note names no blank to fill.
    assert said.inner_text().strip().startswith("Copied") and "[" not in said.inner_text()
    # The note sits beside the button, not in the worksheet's status line at the top.
    assert "Copied" not in message.locator("xpath=ancestor::form").locator(".bb-status").first.inner_text()
    near = phone.evaluate(
        """() => {
          const box = document.querySelector('.bb-message[data-field="request-message"]');
          const b = box.querySelector('button').getBoundingClientRect();
          const s = box.querySelector('.bb-message__said').getBoundingClientRect();
          return Math.abs(s.top - b.top) < 120;
        }"""
    )
    assert near


def test_mark_complete_toggles_in_place_and_the_way_on_follows(phone, base_url):
    phone.goto(base_url + "modules/01-feel-it-first/")
    toggle = phone.locator("button.bb-complete")
    holder = phone.locator(".bb-module-complete")
    # The end of a lesson: takeaways, then the checklist, then Mark complete.
    order = phone.evaluate(
        """() => ['.bb-takeaways', 'form.bb-checklist', '.bb-module-complete']
             .map(s => document.querySelector(s)).map(el => el.getBoundingClientRect().top + scrollY)"""
    )
    assert order == sorted(order), order
    where = "el => el.getBoundingClientRect().top + scrollY"
    before = toggle.evaluate(where)
    assert "md-button--primary" in toggle.get_attribute("class")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert "Module complete" in holder.inner_text()
    assert abs(toggle.evaluate(where) - before) < 2, "the button stays where it was"
    assert toggle.evaluate("el => el === document.activeElement")
    nxt = holder.get_by_role("link", name=re.compile(r"^Next: Module 2"))
    assert nxt.is_visible() and "md-button--primary" in nxt.get_attribute("class")
    assert "md-button--primary" not in toggle.get_attribute("class")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert "Module complete" not in holder.inner_text()


def test_finishing_the_last_module_leads_to_my_plan(phone, base_url):
    phone.goto(base_url + "modules/08-your-plan/")
    finish = phone.locator("[data-course-finish]")
    assert finish.is_hidden()
    phone.get_by_role("button", name="Mark this module complete").click()
    finish.wait_for()
    assert "You did it" in finish.inner_text()
    finish.get_by_role("link", name="Open My plan").click()
    phone.wait_for_url(re.compile(r"/plan/$"))


def test_plan_fields_are_marked_and_explained_once(phone, base_url):
    phone.goto(base_url + "worksheets/interview-debrief/")
    form = phone.locator("form.bb-worksheet").first
    marked = form.locator(".bb-field[data-plan]")
    assert marked.count() >= 1
    tags = ".bb-field[data-plan] > .bb-plan-mark, .bb-field[data-plan] .bb-group > .bb-plan-mark"
    assert marked.count() == form.locator(tags).count()
    assert form.locator(".bb-plan-note").count() == 1
    assert "My plan" in form.locator(".bb-plan-note").inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_width_axe(browser, base_url, scheme):
    """axe at 390 px on the pages whose layout changes most on a phone."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    read_modules_whole(context)
    try:
        page = context.new_page()
        failing = {}
        for rel in ("", "overview/", "modules/05-keep-the-door-open/", "worksheets/interview-debrief/"):
            page.goto(base_url + rel, wait_until="networkidle")
            found = run_axe(page)
            if found:
                failing[rel or "/"] = found
        assert not failing, failing
    finally:
        context.close()


def test_theme_follows_the_device_until_the_learner_picks_and_can_go_back(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="light")
    read_modules_whole(context)
    try:
        page = context.new_page()
        scheme = "() => document.body.getAttribute('data-md-color-scheme')"
        page.goto(base_url)
        assert page.evaluate(scheme) == "default"
        # Having seen the light scheme, the site follows the phone into dark.
        page.emulate_media(color_scheme="dark")
        page.reload()
        page.wait_for_function(scheme + " === 'slate'")
        # Picking a scheme with the toggle keeps it: automatic → light → dark → automatic.
        page.locator("form.md-header__option label:not([hidden])").click()
        page.wait_for_function(scheme + " === 'default'")
        page.reload()
        assert page.evaluate(scheme) == "default"
        page.locator("form.md-header__option label:not([hidden])").click()
        page.wait_for_function(scheme + " === 'slate'")
        page.locator("form.md-header__option label:not([hidden])").click()
        page.emulate_media(color_scheme="light")
        page.reload()
        page.wait_for_function(scheme + " === 'default'")
    finally:
        context.close()
