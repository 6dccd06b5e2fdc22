"""Checklists and progress as a learner sees them: ticks kept, counts right, statuses everywhere."""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

MODULE_1 = "modules/01-feel-it-first/"
# Two items of module 1's checklist.
NAMED = "I named how I feel, in my own words, and told someone I trust"
NO_POST = "I chose not to post about this in public, and picked a date to take one small step"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def counted_fields(page) -> int:
    """Count the worksheet fields on the page that store an answer (everything but messages)."""
    return page.locator("form.bb-worksheet .bb-field[data-field]:not([data-type=message])").count()


def test_ticks_survive_reload_and_instant_navigation(page, base_url):
    page.goto(base_url + MODULE_1)
    box = page.get_by_role("checkbox", name=NO_POST)
    box.check()
    page.reload()
    assert box.is_checked()
    # Material's instant navigation swaps the page without a reload.
    page.locator(".md-nav--primary").get_by_role("link", name=re.compile(r"^2\. It is not a verdict")).click()
    page.wait_for_url(re.compile(r"/modules/02-"))
    page.locator(".md-nav--primary").get_by_role("link", name=re.compile(r"^1\. Feel it first")).click()
    page.wait_for_url(re.compile(r"/modules/01-"))
    box = page.get_by_role("checkbox", name=NO_POST)
    assert box.is_checked()
    assert not page.get_by_role("checkbox", name=NAMED).is_checked()
    box.uncheck()
    page.reload()
    assert not box.is_checked()


def test_progress_counts_what_was_filled_and_module_can_be_marked_complete(page, base_url):
    page.goto(base_url + MODULE_1)
    fields = counted_fields(page)
    items = page.locator("form.bb-checklist input[type=checkbox]").count()
    assert fields > 0 and items > 0
    bar = page.locator(".bb-module-progress [role=progressbar]")
    assert bar.get_attribute("aria-valuenow") == "0"
    assert bar.get_attribute("aria-valuemax") == str(fields + items)

    page.fill("#feelings-check-in--in-my-words", "It stings")
    page.fill("#feelings-check-in--first-small-step", "Call Maya")
    page.locator("#feelings-check-in--first-small-step").blur()
    page.get_by_role("checkbox", name=NAMED).check()
    expected = f"2 of {fields} answered · 1 of {items} ticked"
    page.wait_for_function(
        "text => document.querySelector('.bb-module-progress').textContent.includes(text)", arg=expected
    )
    assert bar.get_attribute("aria-valuenow") == "3"
    assert bar.get_attribute("aria-valuetext") == expected
    page.reload()
    assert expected in page.inner_text(".bb-module-progress")

    toggle = page.locator("button.bb-complete")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert "Module complete" in page.inner_text(".bb-module-complete")
    nav_link = page.locator(".md-nav--primary a.md-nav__link", has_text="1. Feel it first").first
    assert "Done" in nav_link.text_content()


def test_overview_nav_and_start_page_show_status_in_words(page, base_url):
    page.goto(base_url)
    assert page.locator("[data-continue]").is_hidden(), "nothing to continue on a first visit"
    assert page.get_by_role("link", name="Continue where you left off").count() == 0

    page.goto(base_url + "modules/03-debrief/")
    page.get_by_role("checkbox", name="I chose one or two things to do better next time").check()
    page.goto(base_url + MODULE_1)
    page.get_by_role("button", name="Mark this module complete").click()

    page.goto(base_url + "overview/")
    status = page.locator('[data-module-status="modules/01-feel-it-first.md"]')
    status.get_by_text("Done").wait_for()  # drawn once the course map has loaded
    assert page.inner_text('[data-module-status="modules/03-debrief.md"]').strip().endswith("In progress")
    assert (
        page.inner_text('[data-module-status="modules/02-not-a-verdict.md"]').strip().endswith("Not started")
    )
    course = page.locator("[data-course-progress] [role=progressbar]")
    total = page.locator(".bb-overview-module").count()
    assert course.get_attribute("aria-valuenow") == "1"
    assert course.get_attribute("aria-valuemax") == str(total)
    assert f"1 of {total} modules done" in page.inner_text("[data-course-progress]")

    # The overview hides the menu (it lists the modules itself); a module page shows it.
    page.goto(base_url + MODULE_1)
    nav = page.locator(".md-nav--primary")
    nav.locator(".bb-badge__icon").first.wait_for(state="attached")
    hidden = nav.locator("a.md-nav__link", has_text="3. Debrief the process").locator(".bb-visually-hidden")
    assert hidden.text_content() == "In progress"
    assert (
        nav.locator("a.md-nav__link", has_text="2. It is not").locator(".bb-badge__icon").text_content()
        == "○"
    )

    # The last module visited was module 1 (after module 3).
    page.goto(base_url)
    link = page.get_by_role("link", name="Continue where you left off")
    link.wait_for()
    assert "Module 1" in page.inner_text("[data-continue]")
    link.click()
    page.wait_for_url(re.compile(r"/modules/01-feel-it-first/$"))


def test_module_overview_and_plan_pages_pass_axe(page, base_url):
    page.goto(base_url + MODULE_1)
    page.get_by_role("checkbox", name=NAMED).check()
    page.get_by_role("button", name="Mark this module complete").click()
    for path in (MODULE_1, "overview/", "plan/", ""):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        results = Axe().run(page, options=AXE_OPTIONS)
        violations = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
        ]
        assert not violations, f"{path or 'start page'}: {violations}"


def test_with_every_module_complete_the_start_page_leads_to_my_plan(page, base_url):
    """The finish: the first button goes to My plan, not the last module; the toggle says its state."""
    page.goto(base_url)
    page.wait_for_function("() => !!(window.BounceBack && BounceBack.courseData && BounceBack.courseData())")
    sources = page.evaluate("() => BounceBack.courseData().modules.map((m) => m.src)")
    for src in sources[:-1]:
        page.evaluate(
            "(src) => { const s = BounceBack.store; const p = s.read(s.keys.progress) || {};"
            " const complete = Object.assign({}, p.complete || {}); complete[src] = '2026-12-01T10:00:00Z';"
            " s.write(s.keys.progress, Object.assign({}, p, {complete})); }",
            src,
        )
    last = page.evaluate("() => BounceBack.courseData().modules.slice(-1)[0].url")
    page.goto(base_url + last)
    toggle = page.locator("button.bb-complete")
    expect(toggle).to_have_text("Mark this module complete")
    toggle.click()
    expect(toggle).to_have_text("Completed ✓")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.goto(base_url)
    first = page.locator(".bb-hero__actions .md-button--primary:visible").first
    expect(first).to_have_text("Open My plan")
    first.click()
    page.wait_for_url(re.compile(r"/plan/$"))
    # Undo: the button goes back, and so does the start page.
    page.goto(base_url + last)
    page.get_by_role("button", name="Completed").click()
    expect(toggle).to_have_text("Mark this module complete")
    page.goto(base_url)
    expect(page.get_by_role("link", name="Continue where you left off")).to_be_visible()
