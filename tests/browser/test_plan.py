"""My plan as a learner uses it: exactly what they typed, updated, exported, in their calendar."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
from playwright.sync_api import expect

from tests.browser.ws_helpers import instant_navigation

PLAN_MODULE = "modules/08-your-plan/"
WS = "thirty-day-plan"


def fill_thirty_day_plan(page, base_url, goal: str) -> None:
    """Fill the 30-day plan worksheet with a goal, two dated actions and a review date."""
    page.goto(base_url + PLAN_MODULE)
    page.fill(f"#{WS}--goal", goal)
    page.fill(f"#{WS}--actions--0--action", "Follow up with the recruiter, politely; then wait")
    page.fill(f"#{WS}--actions--0--who-can-help", "Priya")
    page.fill(f"#{WS}--actions--0--when", "2031-03-05")
    page.fill(f"#{WS}--actions--1--action", "Send two applications")
    page.fill(f"#{WS}--actions--1--when", "2031-03-01")
    page.fill(f"#{WS}--review-date", "2031-03-31")
    page.fill(f"#{WS}--buddy", "My adviser Sam")
    page.locator(f"#{WS}--buddy").blur()
    page.get_by_label("Apply for jobs that fit me").check()


def test_plan_shows_exactly_what_was_typed_and_updates_after_an_edit(page, base_url):
    fill_thirty_day_plan(page, base_url, "<b>x</b> & get hired")
    page.goto(base_url + "plan/")
    block = page.locator(f'[data-plan-worksheet="{WS}"]')
    assert "<b>x</b> & get hired" in block.inner_text()
    assert page.locator(".bb-plan b").count() == 0, "typed HTML is shown as text, never as markup"
    steps = page.locator(".bb-plan-step")
    texts = [s.inner_text() for s in steps.all()]
    # Each step is an action written by its plan line, after its date in the page's language.
    assert [t.rsplit(" (from ", 1)[0] for t in texts] == [
        "Sat 1 Mar 2031 — Send two applications",
        "Wed 5 Mar 2031 — Follow up with the recruiter, politely; then wait, with Priya's help",
        "Mon 31 Mar 2031 — Look back at my 30-day plan with my adviser Sam",
        # Undated: the buddy is named, so sending them the note is a step of its own.
        "Start my 30-day plan and send my adviser Sam the note asking them to check in",
    ]
    assert page.locator(".bb-plan-step time").first.get_attribute("datetime") == "2031-03-01"
    assert "Apply for jobs that fit me" in block.inner_text()

    block.get_by_role("link", name="Edit My next 30 days").click()
    page.wait_for_url(re.compile(rf"/modules/08-your-plan/#worksheet-{WS}$"))
    page.fill(f"#{WS}--goal", "A calmer goal")
    page.locator(f"#{WS}--goal").blur()
    page.locator(".md-nav--primary").get_by_role("link", name="My plan").click()
    page.wait_for_url(re.compile(r"/plan/$"))
    # The page's skeleton comes from the build; wait for plan.js to fill in the answers.
    section = page.locator(f'[data-plan-worksheet="{WS}"]')
    expect(section).to_contain_text("A calmer goal")
    assert "get hired" not in section.inner_text()


def test_calendar_file_parses_and_holds_the_dated_actions(page, base_url):
    fill_thirty_day_plan(page, base_url, "Get hired")
    page.goto(base_url + "plan/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Add dates to my calendar (.ics)").click()
    assert download.value.suggested_filename.endswith(".ics")
    raw = open(download.value.path(), "rb").read()
    assert b"\r\n" in raw and not re.search(rb"[^\r]\n", raw), "every line ends in CRLF"
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines are folded at 75 octets"
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "Follow up with the recruiter, politely; then wait, with Priya's help",
        "Send two applications",
        "Look back at my 30-day plan with my adviser Sam",
    }
    follow = events["Follow up with the recruiter, politely; then wait, with Priya's help"]
    assert follow["DTSTART"].dt == dt.date(2031, 3, 5)
    assert follow["DTEND"].dt == dt.date(2031, 3, 6)
    assert follow["DTSTART"].params.get("VALUE") == "DATE"
    looking_back = events["Look back at my 30-day plan with my adviser Sam"]
    assert looking_back["DTSTART"].dt == dt.date(2031, 3, 31)
    # The note to the buddy goes with the step that sends it (the start), never with the review.
    assert "I've made a plan" not in str(looking_back["DESCRIPTION"])
    uids = [str(e["UID"]) for e in events.values()]
    assert len(set(uids)) == 3 and all("@" in uid for uid in uids)
    assert all(e["DTSTAMP"] for e in events.values())
    assert "3 dates" in page.inner_text(".bb-plan-status")


def test_calendar_folds_long_and_non_ascii_text_safely(page, base_url):
    page.goto(base_url + PLAN_MODULE)
    long_text = "Écrire à Zoë — " + "ünïcödé, text; with\\ specials " * 6
    page.fill(f"#{WS}--actions--0--action", long_text)
    page.fill(f"#{WS}--actions--0--when", "2031-01-02")
    page.locator(f"#{WS}--actions--0--when").blur()
    page.goto(base_url + "plan/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Add dates to my calendar (.ics)").click()
    raw = open(download.value.path(), "rb").read()
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # no character is split across a fold
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["SUMMARY"]) == long_text.strip()


def test_markdown_export_holds_every_answer(page, base_url, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    fill_thirty_day_plan(page, base_url, "Feel *ready* for the next interview")
    page.goto(base_url + "modules/03-debrief/")
    page.fill("#interview-debrief--company", "Northwind")
    page.locator("#interview-debrief--company").blur()
    page.goto(base_url + "plan/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as Markdown").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.startswith("# My plan: Bounce Back")
    for answer in (
        r"Feel \*ready\* for the next interview",
        "Follow up with the recruiter, politely; then wait",
        "Priya",
        "Send two applications",
        "Wednesday 5 March 2031",
        "Monday 31 March 2031",
        "My adviser Sam",
        "- [x] Apply for jobs that fit me",
        "Northwind",
    ):
        assert answer in text, answer
    assert "| Action | Who can help | When |" in text
    page.get_by_role("button", name="Copy as Markdown").click()
    page.get_by_text("Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == text


def normalised(markup: str) -> str:
    """Markup with the whitespace between tags dropped and other runs of whitespace made one space."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", markup)).strip()


def wait_drawn(page) -> None:
    """Wait until plan.js has drawn My plan: it replaces all the build wrote, the <noscript> note too."""
    page.wait_for_function(
        "() => { const host = document.querySelector('.bb-plan[data-plan]');"
        " return host && !host.querySelector('noscript'); }"
    )


def test_the_builds_empty_plan_is_exactly_what_plan_js_draws_for_a_new_learner(browser, page, base_url):
    """The build writes the empty plan into the page so nothing shifts; plan.js must draw the same."""
    no_script = browser.new_context(java_script_enabled=False)
    try:
        raw = no_script.new_page()
        raw.goto(base_url + "plan/")
        built = raw.inner_html(".bb-plan[data-plan]")
    finally:
        no_script.close()
    assert 'class="bb-plan-worksheet' in built, "the build wrote the empty plan"
    # The note for browsers without JavaScript is all plan.js takes away.
    built = re.sub(r"<noscript>.*?</noscript>", "", built, flags=re.S)

    page.goto(base_url + "plan/")
    host = page.locator(".bb-plan[data-plan]")
    wait_drawn(page)
    assert normalised(host.inner_html()) == normalised(built)

    # Reached by instant navigation from a module (the first page the bundle saw), plan.js still writes the
    # links relative to My plan, as the build did.
    instant_navigation(page, base_url)
    page.goto(base_url + PLAN_MODULE)
    page.evaluate("window.__same_document = true")
    page.locator(".md-nav--primary").get_by_role("link", name="My plan").click()
    page.wait_for_url(re.compile(r"/plan/$"))
    wait_drawn(page)  # the plan bundle is loaded on the way
    assert page.evaluate("window.__same_document") is True
    assert normalised(host.inner_html()) == normalised(built)
