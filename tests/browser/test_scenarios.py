"""Practice scenarios in the browser: choose, read the coach's comment, reload, back up, print, axe, phone.

The practice worksheet (`worksheets/practice.yml`, placed in Module 5) is five
`scenario` fields. A choice is saved like any answer; the comment on it appears
in the field's polite live region; every comment stays in a closed <details>.
"""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.browser.backup_helpers import EXPORT, IMPORT
from tests.browser.crawl import run_axe
from tests.browser.ws_helpers import control, form, stored, wait_saved
from tests.conftest import read_modules_whole

WS = "practice"
PAGE = "worksheets/practice/"
MODULE_5 = "modules/05-keep-the-door-open/"
FIELD = "culture-fit"
GOOD = ("ask-once", "A good move. A calm question about one moment")
POOR = ("challenge", "Tempting, because the words can feel empty.")
OVERFLOW = "() => [document.scrollingElement.scrollWidth, window.innerWidth]"


# Records aria-live as it was each time the region's text changed (in order, from the mutation records).
WATCH = """e => {
  e._bbLiveWhenChanged = [];
  let live = e.getAttribute('aria-live');
  new MutationObserver(records => {
    // An attribute record's oldValue is the value before it; the value after it is the next
    // record's oldValue, or the present value for the last one.
    const olds = records.filter(r => r.type === 'attributes').map(r => r.oldValue);
    let seen = 0;
    for (const r of records) {
      if (r.type !== 'attributes') e._bbLiveWhenChanged.push(live);
      else live = ++seen < olds.length ? olds[seen] : e.getAttribute('aria-live');
    }
  }).observe(e, {childList: true, attributes: true, attributeFilter: ['aria-live'], attributeOldValue: true});
}"""


def field(page, name: str = FIELD):
    """One scenario field of the practice worksheet."""
    return form(page, WS).locator(f'.bb-field[data-field="{name}"]')


def said(page, name: str = FIELD):
    """The live region under a scenario's choices."""
    return field(page, name).locator("[data-scenario-said]")


def choose(page, value: str, name: str = FIELD) -> None:
    """Pick one option of a scenario as a learner does (a click on its label) and wait for the save."""
    field(page, name).locator(f'label[for="{WS}--{name}--{value}"]').click()
    wait_saved(page, WS)


def test_choosing_shows_the_coachs_comment_and_choosing_again_changes_it(page, base_url):
    page.goto(base_url + PAGE)
    region = said(page)
    assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    assert not region.is_visible(), "an empty region takes no room"
    choose(page, GOOD[0])
    assert stored(page, f"ws:{WS}")["answers"] == {FIELD: GOOD[0]}
    assert "What a coach would say about your choice" in region.inner_text()
    assert GOOD[1] in region.inner_text() and POOR[1] not in region.inner_text()
    # The list of every comment stays closed, and marks the chosen one.
    details = field(page).locator("details.bb-scenario__comments")
    assert not details.evaluate("d => d.open")
    chosen = field(page).locator(".bb-scenario__item--chosen")
    assert chosen.count() == 1 and chosen.get_attribute("data-option") == GOOD[0]
    details.locator("summary").click()
    assert chosen.locator(".bb-scenario__yours").is_visible()
    assert field(page).locator(".bb-scenario__yours:visible").count() == 1
    assert details.locator("li").count() == 4 and POOR[1] in details.inner_text()

    choose(page, POOR[0])
    assert stored(page, f"ws:{WS}")["answers"] == {FIELD: POOR[0]}
    assert POOR[1] in region.inner_text() and GOOD[1] not in region.inner_text()
    assert field(page).locator(".bb-scenario__item--chosen").get_attribute("data-option") == POOR[0]
    # Other scenarios are left alone.
    assert said(page, "no-reply").inner_text() == ""


def test_reload_restores_the_choice_and_its_comment(page, base_url):
    page.goto(base_url + MODULE_5)
    choose(page, GOOD[0])
    choose(page, "wait-then-thank", "harsh-feedback")
    page.reload()
    region = said(page)
    region.filter(has_text=GOOD[1]).wait_for()
    assert control(page, FIELD, WS, GOOD[0]).is_checked()
    assert "A day lets the sting fade" in said(page, "harsh-feedback").inner_text()
    assert said(page, "no-reply").inner_text() == "" and not said(page, "no-reply").is_visible()
    # The restored comments filled in quietly, and the regions stay quiet: nothing speaks on opening.
    for name in (FIELD, "harsh-feedback"):
        assert said(page, name).get_attribute("aria-live") == "off", name
    # A learner's own choice is announced: the region is live before its text changes.
    region.evaluate(WATCH)
    choose(page, POOR[0])
    region.filter(has_text=POOR[1]).wait_for()
    assert region.get_attribute("aria-live") == "polite"
    changes = region.evaluate("e => e._bbLiveWhenChanged")
    assert changes and set(changes) == {"polite"}, changes
    other = said(page, "harsh-feedback")
    assert other.get_attribute("aria-live") == "off", "the other one is still quiet"
    # A choice that comes without focus (a script, an assistive tool) is live before it shows, too.
    other.evaluate(WATCH)
    control(page, "harsh-feedback", WS, "reply-now").evaluate(
        "r => { r.checked = true; r.dispatchEvent(new Event('change', {bubbles: true})); }"
    )
    page.wait_for_function(
        "e => !e.textContent.includes('A day lets the sting fade')", arg=other.element_handle()
    )
    changes = other.evaluate("e => e._bbLiveWhenChanged")
    assert changes and set(changes) == {"polite"}, changes
    choose(page, GOOD[0])
    # The same answer shows on the worksheet's own page.
    page.goto(base_url + PAGE)
    said(page).filter(has_text=GOOD[1]).wait_for()
    assert control(page, FIELD, WS, GOOD[0]).is_checked()


def test_without_javascript_every_comment_waits_in_a_closed_details(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + PAGE)
        scenarios = form(page, WS).locator('.bb-field[data-type="scenario"]')
        assert scenarios.count() >= 4
        for i in range(scenarios.count()):
            one = scenarios.nth(i)
            details = one.locator("details.bb-scenario__comments")
            assert details.locator("summary").inner_text() == "What a coach would say"
            assert not details.evaluate("d => d.open")
            assert (
                details.locator(".bb-scenario__comment").count() == one.locator("input[type=radio]").count()
            )
            assert not one.locator("[data-scenario-said]").is_visible()
        details = field(page).locator("details.bb-scenario__comments")
        details.locator("summary").click()
        assert GOOD[1] in details.inner_text() and POOR[1] in details.inner_text()
    finally:
        context.close()


def test_export_and_import_keep_the_choice_and_show_its_comment(page, browser, base_url):
    page.goto(base_url + PAGE)
    choose(page, POOR[0])
    choose(page, "short-note", "re-advertised")
    text = page.evaluate(EXPORT)
    assert '"culture-fit":"challenge"' in text.replace(" ", "")
    other = browser.new_context()
    read_modules_whole(other)
    try:
        fresh = other.new_page()
        fresh.goto(base_url + PAGE)
        assert said(fresh).inner_text() == ""
        result = fresh.evaluate(IMPORT, text)
        assert result["ok"], result
        said(fresh).filter(has_text=POOR[1]).wait_for()
        assert control(fresh, FIELD, WS, POOR[0]).is_checked()
        assert "Often worth it." in said(fresh, "re-advertised").inner_text()
        assert stored(fresh, f"ws:{WS}")["answers"] == {FIELD: POOR[0], "re-advertised": "short-note"}
    finally:
        other.close()
    # Clear empties the choice and its comment.
    page.once("dialog", lambda dialog: dialog.accept())
    form(page, WS).get_by_role("button", name="Clear").click()
    page.wait_for_function("() => !document.querySelector('[data-scenario-said]').textContent")
    assert not control(page, FIELD, WS, POOR[0]).is_checked()
    assert field(page).locator(".bb-scenario__item--chosen").count() == 0


def test_my_plan_shows_the_choice_with_its_comment_and_so_does_the_markdown(page, base_url):
    page.goto(base_url + PAGE)
    choose(page, GOOD[0])
    page.goto(base_url + "plan/")
    block = page.locator('[data-plan-worksheet="practice"]')
    block.locator(".bb-plan-comment").wait_for()
    text = block.inner_text()
    assert 'Feedback that says only "culture fit"' in text
    assert "Thank them, and ask one question" in text
    assert "What a coach would say: " + GOOD[1] in text
    markdown = page.evaluate(
        "() => { let t = null; const d = BounceBack.download;"
        " BounceBack.download = (n, type, c) => { t = c; };"
        " try { document.querySelector('[data-action=download-markdown]').click(); }"
        " finally { BounceBack.download = d; }"
        " return t; }"
    )
    assert '**Feedback that says only "culture fit"**' in markdown
    assert "> What a coach would say: " + GOOD[1] in markdown


def test_print_shows_the_situation_the_choices_with_the_chosen_one_and_every_comment(page, base_url):
    page.goto(base_url + PAGE)
    choose(page, GOOD[0])
    page.emulate_media(media="print")
    page.evaluate("() => BounceBack.print.prepare(null)")
    assert not said(page).is_visible(), "the comment under the choices is for screens"
    details = field(page).locator("details.bb-scenario__comments")
    assert details.evaluate("d => d.open") and details.locator(".bb-scenario__comment").first.is_visible()
    radio = control(page, FIELD, WS, GOOD[0])
    assert radio.is_visible() and radio.is_checked()
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    for words in (
        "You asked for feedback after your final interview.",
        "What would you do?",
        "Decide that they did not like you as a person",
        "What a coach would say",
        "Easy to feel, but it reads a lot into a few words.",
        "(your choice)",
        "An agency recruiter put you forward for the job.",
    ):
        assert words in text, words
    assert "What a coach would say about your choice" not in text
    page.evaluate("() => BounceBack.print.restore()")
    page.emulate_media(media="screen")
    assert not details.evaluate("d => d.open") and said(page).is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_practice_passes_axe_with_a_choice_made_and_every_comment_open(browser, base_url, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    read_modules_whole(context)
    try:
        page = context.new_page()
        page.goto(base_url + MODULE_5)
        choose(page, GOOD[0])
        page.evaluate(
            "() => document.querySelectorAll('details.bb-scenario__comments').forEach(d => d.open = true)"
        )
        assert page.locator("body").get_attribute("data-md-color-scheme") == (
            "slate" if scheme == "dark" else "default"
        )
        violations = run_axe(page)
        assert not violations, violations
    finally:
        context.close()


@pytest.mark.parametrize("rel", [PAGE, MODULE_5])
def test_nothing_scrolls_sideways_at_320_px(browser, base_url, rel):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    read_modules_whole(context)
    try:
        page = context.new_page()
        page.goto(base_url + rel)
        choose(page, "challenge")
        page.evaluate(
            "() => document.querySelectorAll('details.bb-scenario__comments').forEach(d => d.open = true)"
        )
        scroll, inner = page.evaluate(OVERFLOW)
        assert scroll <= inner, f"{rel} is {scroll}px wide at {inner}px"
        box = said(page).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    finally:
        context.close()
