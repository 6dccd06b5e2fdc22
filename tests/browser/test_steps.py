"""A module in short steps on a phone, and a first paint that is already final.

- From the top of every module, each Continue (and the last step's Mark complete / Next)
  is at most four 390×844 screens below the last; Continue moves focus to the new step's
  heading and says "Step n of N".
- The learner comes back to their step after a reload; a deep link opens its step; the
  whole module is one tap away and stays so; instant navigation starts the next module
  at its own step.
- Without JavaScript and on paper every step is there; nothing scrolls sideways at 320 px.
- Layout shift (Chromium's `layout-shift` entries, buffered) is at most 0.01 on every
  module page, for a new learner and for one with a situation, progress and answers.
"""

from __future__ import annotations

import pytest

from tests.browser.crawl import page_urls, run_axe
from tests.browser.ws_helpers import NS

PHONE = {"width": 390, "height": 844}
SCREEN = PHONE["height"]
MODULE_3 = "modules/03-debrief/"
CLS_OBSERVER = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(entry.value);
}).observe({type: "layout-shift", buffered: true});
"""
# What a returning learner has saved: a situation with the flag and a name, a module done,
# a step in module 3, and an answer.
SAVED = """ns => {
  const now = new Date().toISOString();
  localStorage.setItem(ns + "ws:about-you", JSON.stringify(
    {v: 1, answers: {situation: "final-round", "many-nos.yes": true, name: "Thandi"}, updated: now}));
  localStorage.setItem(ns + "progress", JSON.stringify(
    {v: 1, complete: {"modules/01-feel-it-first.md": now}, last: "modules/02-not-a-verdict.md",
     step: {"modules/03-debrief.md": 3}}));
  localStorage.setItem(ns + "ws:interview-debrief", JSON.stringify(
    {v: 1, answers: {company: "Acme Logistics"}, updated: now}));
}"""
# The visible way on from the step on screen: Continue, else Mark complete / Next (last step).
WAY_ON = """() => {
  const n = document.documentElement.getAttribute("data-bb-step");
  const bar = document.getElementById("bb-step-" + n);
  const shown = el => el && el.offsetParent !== null;
  let on = document.querySelector(`.bb-step-nav[data-step="${n}"] .bb-step-next`);
  if (!shown(on)) on = [...document.querySelectorAll(".bb-next, .bb-complete")].filter(shown).pop();
  if (!shown(on) || !shown(bar)) return null;
  const top = bar.getBoundingClientRect().top + scrollY;
  const below = on.getBoundingClientRect().bottom + scrollY - top;
  return {n: Number(n), below: below, last: !on.matches(".bb-step-next")};
}"""


def modules(site) -> list[str]:
    """Return the URL of every module page of the built course."""
    return [u for u in page_urls(site) if u.startswith("modules/") and u.count("/") == 2]


@pytest.fixture
def phone(browser):
    """A fresh 390×844 context that records layout shifts from the start of every page."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    context.add_init_script(CLS_OBSERVER)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    assert not page.errors, page.errors
    context.close()


def ready(page) -> None:
    """Wait until steps.js has run on this page view (the switch has its scripted words)."""
    page.wait_for_function("() => !!(window.BounceBack && window.BounceBack.steps)")
    page.wait_for_function("() => document.querySelector('[data-bb-step-live]') || true")


def test_every_continue_is_within_four_screens_and_focus_moves(phone, site, base_url):
    for url in modules(site):
        phone.goto(base_url + url)
        ready(phone)
        total = phone.locator(".bb-step-bar").count()
        assert total >= 2, url
        for number in range(1, total + 1):
            way = phone.evaluate(WAY_ON)
            assert way and way["n"] == number, (url, number, way)
            assert way["below"] <= 4 * SCREEN, f"{url} step {number}: {way['below'] / SCREEN:.1f} screens"
            if number == total:
                assert way["last"], (url, number)
                break
            phone.locator(f'.bb-step-nav[data-step="{number}"] .bb-step-next').click()
            phone.wait_for_function(
                "n => document.documentElement.getAttribute('data-bb-step') === n", arg=str(number + 1)
            )
            focus = phone.evaluate(
                """() => { const el = document.activeElement;
                   const holder = el.closest('[data-step]');
                   return {tag: el.tagName, bar: el.classList.contains('bb-step-bar'),
                           step: holder && holder.getAttribute('data-step'),
                           top: el.getBoundingClientRect().top}; }"""
            )
            assert focus["step"] == str(number + 1) and (
                focus["bar"] or focus["tag"] in {"H2", "H3", "H4"}
            ), focus
            assert 0 <= focus["top"] < SCREEN, focus
            live = phone.locator("[data-bb-step-live]").text_content()
            assert live == f"Step {number + 1} of {total}", live


def test_the_learner_comes_back_to_their_step(phone, base_url):
    phone.goto(base_url + MODULE_3)
    ready(phone)
    phone.locator('.bb-step-nav[data-step="1"] .bb-step-next').click()
    phone.locator('.bb-step-nav[data-step="2"] .bb-step-next').click()
    phone.reload()
    ready(phone)
    assert phone.evaluate("document.documentElement.getAttribute('data-bb-step')") == "3"
    assert phone.locator("#bb-step-3").is_visible() and not phone.locator("h1").is_visible()
    # Back goes one step back, and is kept too.
    phone.locator('.bb-step-nav[data-step="3"] .bb-step-back').click()
    assert phone.locator("#bb-step-2").is_visible() and not phone.locator("#bb-step-3").is_visible()
    record = phone.evaluate("k => JSON.parse(localStorage.getItem(k))", NS + "progress")
    assert record["step"] == {"modules/03-debrief.md": 2} and record["whole"] is False


def test_the_whole_module_is_one_tap_and_remembered(phone, base_url):
    phone.goto(base_url + MODULE_3)
    ready(phone)
    headings = phone.locator("article h2:not(.bb-worksheet__title)")
    assert sum(headings.nth(i).is_visible() for i in range(headings.count())) < headings.count()
    switch = phone.locator("#bb-step-1 [data-bb-whole]")
    switch.click()
    assert switch.get_attribute("aria-pressed") == "true"
    phone.reload()
    ready(phone)
    hidden = phone.evaluate(
        """() => [...document.querySelectorAll('article h2')]
             .filter(h => !h.closest('.bb-path') && h.offsetParent === null).map(h => h.id)"""
    )
    assert hidden == [], hidden
    assert not phone.locator(".bb-step-nav").first.is_visible()
    phone.locator("#bb-step-1 [data-bb-whole]").click()
    assert not phone.locator('.bb-step-nav[data-step="2"]').is_visible()


def test_a_deep_link_opens_its_step(phone, base_url):
    phone.goto(base_url + MODULE_3 + "#now-fill-in-your-debrief")
    ready(phone)
    heading = phone.locator("#now-fill-in-your-debrief")
    heading.wait_for(state="visible")
    assert not phone.locator("h1").is_visible()
    # A table-of-contents style link on the page opens the step of its target as well.
    phone.evaluate(
        "() => { const a = document.createElement('a'); a.id = 'jump'; a.href = '#where-you-fell-short';"
        " a.textContent = 'jump'; document.querySelector('.md-content__inner').prepend(a); }"
    )
    phone.locator("#jump").click()
    phone.locator("#where-you-fell-short").wait_for(state="visible")


def test_answers_in_a_later_step_save_and_load(phone, base_url):
    phone.goto(base_url + MODULE_3 + "#now-fill-in-your-debrief")
    ready(phone)
    box = phone.locator('form[data-worksheet="interview-debrief"] input[name="company"]')
    box.fill("Acme Logistics")
    phone.wait_for_function(
        "k => (localStorage.getItem(k) || '').includes('Acme Logistics')", arg=NS + "ws:interview-debrief"
    )
    phone.goto(base_url + MODULE_3)
    ready(phone)
    assert box.input_value() == "Acme Logistics"


def test_instant_navigation_starts_the_next_module_at_its_step(phone, base_url):
    phone.set_viewport_size({"width": 1366, "height": 900})
    phone.goto(base_url + MODULE_3)
    ready(phone)
    phone.locator('.bb-step-nav[data-step="1"] .bb-step-next').click()
    phone.evaluate("() => { window.__sameDocument = true; }")
    phone.locator('.md-nav--primary a[href$="04-ask-for-feedback/"]').first.click()
    phone.wait_for_function("() => !!document.querySelector(\".bb-module-meta[data-module-number='4']\")")
    assert phone.evaluate("() => window.__sameDocument === true")
    assert phone.evaluate("document.documentElement.getAttribute('data-bb-step')") == "1"
    assert phone.locator("h1").is_visible() and not phone.locator("#bb-step-2").is_visible()


def test_nothing_scrolls_sideways_at_320(phone, base_url):
    phone.set_viewport_size({"width": 320, "height": 700})
    phone.goto(base_url + MODULE_3)
    ready(phone)
    total = phone.locator(".bb-step-bar").count()
    for number in range(1, total + 1):
        phone.evaluate("n => BounceBack.steps.go(n, true)", number)
        width, inner = phone.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
        assert width <= inner, (number, width, inner)


def test_print_and_no_script_show_every_step(browser, phone, base_url):
    phone.goto(base_url + MODULE_3)
    ready(phone)
    steps = phone.locator(".bb-step-bar").count()
    phone.emulate_media(media="print")
    printed = phone.evaluate(
        """() => new Set([...document.querySelectorAll('[data-step]:not(.bb-step-bar):not(.bb-step-nav)')]
             .filter(el => getComputedStyle(el).display !== 'none').map(el => el.dataset.step)).size"""
    )
    assert printed == steps
    hidden = phone.evaluate(
        """() => [...document.querySelectorAll('h2[data-step], p[data-step]:not([class])')]
             .filter(el => !el.closest('[hidden]'))
             .filter(el => getComputedStyle(el).display === 'none').map(el => el.textContent.slice(0, 40))"""
    )
    assert hidden == [], hidden
    assert not phone.locator(".bb-step-nav").first.is_visible()
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        bare = context.new_page()
        bare.goto(base_url + MODULE_3)
        headings = bare.locator("article h2")
        assert headings.count() >= 4
        assert all(headings.nth(i).is_visible() for i in range(headings.count()))
        assert not bare.locator("[data-bb-whole]").first.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("learner", ["new", "saved"])
def test_the_first_paint_is_final(phone, site, base_url, learner):
    if learner == "saved":
        phone.goto(base_url)
        phone.evaluate(SAVED, NS)
    shifts = {}
    for url in modules(site):
        phone.goto(base_url + url)
        ready(phone)
        # Everything the scripts do on load is done: progress, paths and steps have drawn.
        phone.wait_for_function("() => document.querySelector('[data-module-complete] button')")
        phone.wait_for_timeout(300)  # layout-shift entries are reported after the frame that shifted
        shifts[url] = phone.evaluate("() => window.__shifts.reduce((a, b) => a + b, 0)")
        if learner == "saved" and url == MODULE_3:
            # The saved step painted first: step 3 is on screen, and other situations' blocks never were.
            assert phone.evaluate("document.documentElement.getAttribute('data-bb-step')") == "3"
    assert all(value <= 0.01 for value in shifts.values()), shifts


def test_before_any_deferred_script_the_saved_view_is_decided(phone, base_url):
    """With the bundle held back, only the head script and CSS decide: the saved step, the own path."""
    phone.goto(base_url)
    phone.evaluate(SAVED, NS)
    # Every deferred script of ours held back (the feature bundles need the main one).
    phone.route("**/assets/bounce-back/*.js", lambda route: route.abort())
    phone.goto(base_url + MODULE_3)
    assert phone.evaluate("() => window.BounceBack === undefined || !window.BounceBack.steps")
    assert phone.evaluate("document.documentElement.getAttribute('data-bb-step')") == "3"
    assert phone.locator("#bb-step-3").is_visible() and not phone.locator("h1").is_visible()
    # Only blocks for a final round or for many no's, in whichever step they are.
    phone.evaluate("() => document.documentElement.classList.replace('bb-stepped', 'bb-whole')")
    shown = phone.evaluate(
        """() => [...document.querySelectorAll('.bb-path')]
             .filter(b => getComputedStyle(b).display !== 'none').map(b => b.dataset.path)"""
    )
    assert shown and all("final-round" in p.split() or "many-nos" in p.split() for p in shown), shown
    assert phone.locator(".bb-path").count() > len(shown)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_step_passes_axe_in_both_schemes(browser, base_url, scheme):
    """The bar, the switch and the step links pass axe on a phone, one step at a time and whole."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(base_url + MODULE_3)
        ready(page)
        page.locator('.bb-step-nav[data-step="1"] .bb-step-next').click()
        assert page.locator(".bb-step-bar__where").nth(1).is_visible()
        assert run_axe(page) == []
        page.locator("#bb-step-2 [data-bb-whole]").click()
        assert run_axe(page) == []
    finally:
        context.close()
