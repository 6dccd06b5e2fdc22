"""The before/after self-check: rated in module 1 and module 8, side by side on My plan.

The end worksheet's scales carry `compare: self-check-start.<field>`; My plan's
"How things have moved" shows each pair as "2 out of 5" with a neutral change, a
"not rated yet" link to the worksheet where a rating is missing, and an empty state
(the build's, drawn the same by moved.js: test_plan.py compares the two).
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.crawl import describe, run_axe
from tests.browser.ws_helpers import control, instant_navigation, stored, wait_saved
from tests.conftest import read_modules_whole

START, END = "self-check-start", "self-check-end"
MODULE_1, MODULE_8 = "modules/01-feel-it-first/", "modules/08-your-plan/"
STATEMENTS = [
    "I know what I will do this week",
    "I can talk about this no without blaming myself",
    "I know what I could do differently next time",
    "I have people I can lean on",
    "I can keep my search going at a pace I can manage",
]
# Ratings as a learner gives them: (field, at the start, at the end); None is not rated.
RATINGS = [
    ("this-week", "2", "4"),
    ("no-blame", "3", None),
    ("next-time", "4", "3"),
    ("people", None, "3"),
    ("pace", "3", "3"),
]
# What each row of the table reads: statement, start cell, end cell (the end with its change).
ROWS = [
    [STATEMENTS[0], "2 out of 5", "4 out of 5\n↑ 2"],
    [STATEMENTS[1], "3 out of 5", "not rated yet"],
    [STATEMENTS[2], "4 out of 5", "3 out of 5\n↓ 1"],
    [STATEMENTS[3], "not rated yet", "3 out of 5"],
    [STATEMENTS[4], "3 out of 5", "3 out of 5\nsame"],
]
OVERFLOW = "() => [document.scrollingElement.scrollWidth, window.innerWidth]"


def rate(page, base_url: str, module: str, worksheet: str, column: int) -> None:
    """Open the module and click the ratings of one column of RATINGS, as a learner would."""
    page.goto(base_url + module)
    for field, *values in RATINGS:
        if values[column] is not None:
            control(page, field, worksheet, value=values[column]).check()
    wait_saved(page, worksheet)


def rate_both(page, base_url: str) -> None:
    """Rate the start in module 1 and the end in module 8."""
    rate(page, base_url, MODULE_1, START, 0)
    rate(page, base_url, MODULE_8, END, 1)
    ends = {"this-week": "4", "next-time": "3", "people": "3", "pace": "3"}
    assert stored(page, f"ws:{END}")["answers"] == ends


def table_rows(page) -> list[list[str]]:
    """The rows of How things have moved as a sighted reader sees them (text hidden from sight left out)."""
    return page.evaluate(
        """() => {
          const style = document.createElement('style');
          style.textContent = '.bb-plan-moved .bb-visually-hidden { display: none !important; }';
          document.head.appendChild(style);
          const rows = [...document.querySelectorAll('.bb-plan-moved tbody tr')].map(
            (tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.innerText.trim()));
          style.remove();
          return rows;
        }"""
    )


def test_both_ratings_show_side_by_side_with_neutral_changes(page, base_url):
    rate_both(page, base_url)
    page.goto(base_url + "plan/")
    section = page.locator(".bb-plan-moved")
    expect(section.locator("table")).to_be_visible()
    assert section.get_by_role("heading", level=2).inner_text() == "How things have moved"
    head = [th.inner_text() for th in section.locator("thead th").all()]
    assert head == ["Statement", "At the start", "At the end"]
    assert table_rows(page) == ROWS
    assert "1 means “Not at all” and 5 means “Completely”." in section.inner_text()
    text = section.inner_text().lower()
    for judgement in ("better", "worse", "improv", "well done", "great"):
        assert judgement not in text, judgement
    # A screen reader hears the change in words, the statement as the row's header.
    first = section.locator("tbody tr").first
    assert first.locator("th").get_attribute("scope") == "row"
    assert first.locator(".bb-plan-moved__change .bb-visually-hidden").inner_text() == "up 2"
    assert first.locator('.bb-plan-moved__change [aria-hidden="true"]').inner_text() == "↑ 2"

    # A missing rating links to where it is rated, named for a screen reader.
    missing = section.get_by_role("link", name="not rated yet (rate it in Self-check at the end)", exact=True)
    expect(missing).to_have_count(1)
    assert missing.get_attribute("href") == f"../{MODULE_8}#worksheet-{END}"
    section.get_by_role("link", name="not rated yet (rate it in Self-check at the start)").click()
    page.wait_for_url(re.compile(rf"/{MODULE_1}#worksheet-{START}$"))
    expect(control(page, "people", START, value="1")).to_be_visible()


def test_the_filled_table_passes_axe_in_light_and_dark(page, base_url):
    rate_both(page, base_url)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(base_url + "plan/")
        expect(page.locator(".bb-plan-moved table")).to_be_visible()
        violations = run_axe(page)
        assert not violations, describe(violations)


def test_the_markdown_export_carries_the_table(page, base_url, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    rate_both(page, base_url)
    page.goto(base_url + "plan/")
    expect(page.locator(".bb-plan-moved table")).to_be_visible()
    page.get_by_role("button", name="Copy as Markdown").click()
    page.get_by_text("Copied").wait_for()
    text = page.evaluate("navigator.clipboard.readText()")
    moved = text[text.index("## How things have moved") : text.index("## All my answers")]
    assert "| Statement | At the start | At the end |" in moved
    assert "| I know what I will do this week | 2 out of 5 | 4 out of 5 (up 2) |" in moved
    assert "| I can talk about this no without blaming myself | 3 out of 5 | not rated yet |" in moved
    assert "| I know what I could do differently next time | 4 out of 5 | 3 out of 5 (down 1) |" in moved
    assert "| I can keep my search going at a pace I can manage | 3 out of 5 | 3 out of 5 (same) |" in moved
    assert text.index("## My messages") < text.index("## How things have moved")


def test_ratings_show_after_instant_navigation_and_follow_a_change(page, base_url):
    instant_navigation(page, base_url)
    rate_both(page, base_url)
    page.evaluate("window.__same_document = true")
    page.locator(".md-nav--primary").get_by_role("link", name="My plan").click()
    page.wait_for_url(re.compile(r"/plan/$"))
    expect(page.locator(".bb-plan-moved tbody tr")).to_have_count(5)
    assert page.evaluate("window.__same_document") is True
    assert table_rows(page) == ROWS
    # A new rating in another tab shows up here (the plan redraws on storage changes).
    other = page.context.new_page()
    other.goto(base_url + MODULE_8)
    control(other, "this-week", END, value="1").check()
    wait_saved(other, END)
    other.close()
    expect(page.locator(".bb-plan-moved tbody tr").first).to_contain_text("1 out of 5")
    assert table_rows(page)[0] == [STATEMENTS[0], "2 out of 5", "1 out of 5\n↓ 1"]


def test_the_empty_state_reads_well_and_links_to_the_first_self_check(page, base_url):
    page.goto(base_url + "plan/")
    section = page.locator(".bb-plan-moved")
    none = section.locator(".bb-plan-none")
    expect(none).to_contain_text("Nothing rated yet.")
    assert section.locator("table").count() == 0
    assert none.inner_text() == (
        "Nothing rated yet. You rate a few statements at the start of the course and the same ones at "
        "the end. Both ratings show here, side by side. Go to Self-check at the start"
    )
    # The section sits between the messages and all the answers.
    order = page.evaluate(
        "() => [...document.querySelectorAll('.bb-plan[data-plan] > section')].map((s) => s.className)"
    )
    assert order.index("bb-plan-moved") == order.index("bb-plan-messages") + 1
    section.get_by_role("link", name="Go to Self-check at the start").click()
    page.wait_for_url(re.compile(rf"/{MODULE_1}#worksheet-{START}$"))


def test_a_320_px_phone_shows_the_table_without_sideways_scroll(browser, base_url):
    context = browser.new_context(viewport={"width": 320, "height": 700}, service_workers="block")
    read_modules_whole(context)
    page = context.new_page()
    try:
        rate_both(page, base_url)
        page.goto(base_url + "plan/")
        table = page.locator(".bb-plan-moved table")
        expect(table).to_be_visible()
        width, inner = page.evaluate(OVERFLOW)
        assert width <= inner, f"My plan is {width} px wide on a {inner} px screen"
        box = page.locator(".bb-plan-moved__table")
        assert box.evaluate("(el) => el.scrollWidth <= el.clientWidth"), "the table scrolls inside itself"
        right = table.evaluate("(el) => el.getBoundingClientRect().right")
        assert right <= inner
    finally:
        context.close()


def test_on_paper_the_ratings_print_and_the_links_do_not(page, base_url):
    rate(page, base_url, MODULE_1, START, 0)
    page.goto(base_url + "plan/")
    expect(page.locator(".bb-plan-moved table")).to_be_visible()
    section = page.locator(".bb-plan-moved")
    link = section.locator(".bb-plan-rate").first
    same_colour = "(el) => getComputedStyle(el).color === getComputedStyle(el.closest('td')).color"
    assert not link.evaluate(same_colour), "on screen, the missing rating is a link"
    page.emulate_media(media="print")
    expect(section).to_be_visible()
    assert table_rows(page)[0] == [STATEMENTS[0], "2 out of 5", "not rated yet"]
    # On paper there is nothing to click: the words read as plain text (after Material's colour transition).
    page.wait_for_function(same_colour, arg=link.element_handle())
    assert link.evaluate("(el) => getComputedStyle(el).textDecorationLine") == "none"
    assert section.locator(".bb-plan-go").count() == 0
