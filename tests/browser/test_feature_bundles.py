"""Feature bundles after instant navigation: a page's scripts and styles arrive and do their work.

A first load links everything a page uses; Material's instant navigation swaps the
content and `<head>` but runs no new script outside the content, so the loader at the
end of main.js fetches the features the new page names (`meta[name=bb-bundles]`).
These tests start on a page without the feature and navigate the way a learner does.
"""

from __future__ import annotations

from tests.browser.ws_helpers import form, put

MODULE_4 = "modules/04-ask-for-feedback/"
MODULE_5 = "modules/05-keep-the-door-open/"
REQUEST = "feedback-request"


def go_by_menu(page, title: str, url_end: str) -> None:
    """Follow a link in the site menu (Material's instant navigation) and wait for the new page."""
    page.locator(".md-nav__link", has_text=title).first.click()
    page.wait_for_url("**/" + url_end)


def test_messages_and_print_arrive_after_instant_navigation(page, base_url):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    # The privacy page has neither messages nor worksheets (the start page hides the menu).
    page.goto(base_url + "privacy/")
    assert page.evaluate("() => !!BounceBack.need && !BounceBack.messages && !BounceBack.print")
    page.evaluate("() => { window.__samePage = 1; }")
    # An answer from module 3 that module 4's reply uses: the preview must show it unasked.
    put(page, "ws:interview-debrief", {"v": 1, "answers": {"role": "Harbour pilot"}})
    # The learner reads modules whole (the page the menu leads to is not loaded, so the
    # context's init script cannot choose it): the reply's preview is then in view.
    put(page, "progress", {"v": 1, "complete": {}, "last": None, "whole": True})
    go_by_menu(page, "Ask for feedback", MODULE_4)
    assert page.evaluate("() => window.__samePage === 1"), "instant navigation, not a new load"
    page.wait_for_function("() => !!(BounceBack.messages && BounceBack.print)")
    preview = form(page, REQUEST).locator(".bb-message .bb-message__preview, .bb-message textarea").first
    page.wait_for_function(
        # A job title mid-sentence takes a small letter in a message (messages.js).
        "(el) => (el.value || el.textContent).includes('harbour pilot')",
        arg=preview.element_handle(),
    )
    # Worksheet toolbars drawn before print.js arrived still get their Print button.
    toolbars = form(page, REQUEST).locator("[data-worksheet-toolbar]")
    toolbars.locator("[data-action=print]").first.wait_for()
    # The page's own course data came with its <head>: the message's parsed template is there.
    messages = (
        "(id) => BounceBack.courseData().worksheets[id].sections.some((s) => s.fields.some((f) => f.message))"
    )
    assert page.evaluate(messages, REQUEST)
    assert not errors, errors


def test_scenario_styles_and_script_arrive_after_instant_navigation(page, base_url):
    page.goto(base_url + "modules/03-debrief/")
    assert page.evaluate("() => !BounceBack.scenarios")
    assert page.locator('link[data-bb-bundle="scenarios"]').count() == 0
    go_by_menu(page, "Keep the door open", MODULE_5)
    page.wait_for_function("() => !!BounceBack.scenarios")
    link = page.locator('link[data-bb-bundle="scenarios"]')
    assert link.count() >= 1
    # scenarios.css really applies (its situation box has a left rule), whatever href Material copied.
    situation = page.locator(".bb-scenario__situation").first
    page.wait_for_function(
        "(el) => getComputedStyle(el).borderLeftStyle === 'solid'", arg=situation.element_handle()
    )
    # Back to a page without scenarios and again: the script ran once (a second run would
    # make a new BounceBack.scenarios and bind every listener twice), the styles are back.
    page.evaluate("() => { BounceBack.scenarios.firstRun = true; }")
    go_by_menu(page, "Debrief the process", "modules/03-debrief/")
    # Material drops the old page's <head> elements it does not share with the new one.
    page.wait_for_function("() => !document.querySelector('link[data-bb-bundle=\"scenarios\"]')")
    go_by_menu(page, "Keep the door open", MODULE_5)
    page.wait_for_function(
        "(el) => getComputedStyle(el).borderLeftStyle === 'solid'",
        arg=page.locator(".bb-scenario__situation").first.element_handle(),
    )
    assert page.evaluate("() => BounceBack.scenarios.firstRun === true")


def test_my_plan_draws_after_instant_navigation(page, base_url):
    page.goto(base_url + "modules/03-debrief/")
    put(page, "ws:interview-debrief", {"v": 1, "answers": {"company": "Lighthouse Keepers Ltd"}})
    untitled = "() => !BounceBack.plan && !BounceBack.courseData().worksheets['feedback-request'].title"
    assert page.evaluate(untitled)
    go_by_menu(page, "My plan", "plan/")
    page.wait_for_function("() => !!BounceBack.plan")
    page.locator(".bb-plan").filter(has_text="Lighthouse Keepers Ltd").wait_for()
    # The full course data replaced the every-page data: words are there for every worksheet.
    assert page.locator(".bb-plan").get_by_text("Lighthouse Keepers Ltd").count() >= 1
    assert page.evaluate("() => Object.values(BounceBack.courseData().worksheets).every((w) => !!w.title)")
