"""Personal paths in the browser: the About-you answer decides which lesson blocks show.

- A new learner sees every block, labelled, and a link to About you.
- Choosing a situation shows its blocks and hides the others on module pages, in both
  directions, after a reload and after instant navigation (a click in the menu).
- "Show everything" shows every block for this tab, through reloads, and back.
- A hostile name or situation stays text; axe passes on a module page with the path line.
"""

from __future__ import annotations

from tests.browser.crawl import describe, run_axe
from tests.browser.ws_helpers import NS

MODULE_1 = "modules/01-feel-it-first/"
MODULE_3 = "modules/03-debrief/"
HOSTILE = "<img src=x onerror=alert(1)>"
LINE = "[data-bb-path-line]"


def shown(page) -> dict[str, bool]:
    """Each path block of the page by its names: True when it shows."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.bb-path[data-path]')]
             .map(b => [b.dataset.path, !b.hidden && b.offsetParent !== null]))"""
    )


def choose(page, situation: str) -> None:
    """Pick a situation in the About-you form on module 1 and wait until it is saved."""
    form = page.locator('form.bb-worksheet[data-worksheet="about-you"]')
    form.locator(f'input[name="situation"][value="{situation}"]').check()
    page.wait_for_function(
        "([key, s]) => (localStorage.getItem(key) || '').includes('\"situation\":\"' + s + '\"')",
        arg=[NS + "ws:about-you", situation],
    )


def go_by_menu(page, path: str) -> None:
    """Follow the menu link to `path` (Material's instant navigation, no full load)."""
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator(f'.md-nav--primary a[href$="{path.split("/")[-2]}/"]').first.click()
    page.wait_for_url(f"**/{path}")
    # The new content is in when its module header and the path line after it are.
    number = str(int(path.split("/")[-2][:2]))
    page.wait_for_function(
        "n => !!document.querySelector(`.bb-module-meta[data-module-number='${n}'] + [data-bb-path-line]`)",
        arg=number,
    )
    assert page.evaluate("() => window.__sameDocument === true"), "the menu click reloaded the page"


def test_a_new_learner_sees_every_block_labelled(page, base_url):
    page.goto(base_url + MODULE_3)
    page.wait_for_selector(LINE)
    assert all(shown(page).values()) and len(shown(page)) >= 4
    labels = page.locator(".bb-path__label").all_inner_texts()
    assert "For: application or CV" in labels and "For: internal promotion" in labels
    assert "every path" in page.locator(LINE).inner_text()
    link = page.locator(f"{LINE} a")
    assert link.get_attribute("href") == "../01-feel-it-first/#worksheet-about-you"
    assert not page.locator(f"{LINE} button").is_visible()


def test_the_situation_changes_module_pages_both_ways(page, base_url):
    page.goto(base_url + MODULE_1)
    choose(page, "internal")
    # The page the form is on follows at once.
    page.wait_for_function(
        "() => document.querySelector('.bb-path[data-path=\"application screening\"]').hidden"
    )
    assert shown(page)["internal"] and not shown(page)["many-nos"]

    go_by_menu(page, MODULE_3)
    now = shown(page)
    assert now["internal"] and not now["application"]
    assert now["screening interview final-round internal"] and not now["interview final-round"]
    assert "Showing the path for: internal promotion" in page.locator(LINE).inner_text()
    # Headings in hidden blocks leave the table of contents too.
    assert not page.locator('.md-nav--secondary a[href="#if-it-ended-at-the-application"]').is_visible()

    page.reload()
    page.wait_for_selector(LINE)
    assert shown(page) == now

    go_by_menu(page, MODULE_1)
    choose(page, "application")
    form = page.locator('form.bb-worksheet[data-worksheet="about-you"]')
    form.locator('input[name="many-nos.yes"]').check()
    page.wait_for_function("() => !document.querySelector('.bb-path[data-path=\"many-nos\"]').hidden")
    go_by_menu(page, MODULE_3)
    now = shown(page)
    assert now["application"] and not now["internal"]
    assert not now["screening interview final-round internal"] and not now["interview final-round"]
    assert "application or CV · many no's lately" in page.locator(LINE).inner_text()
    page.reload()
    page.wait_for_selector(LINE)
    assert shown(page) == now


def test_show_everything_lasts_for_the_tab_and_goes_back(page, base_url):
    page.goto(base_url + MODULE_1)
    choose(page, "interview")
    page.goto(base_url + MODULE_3)
    button = page.locator(f"{LINE} button")
    assert button.inner_text() == "Show everything"
    button.click()
    assert all(shown(page).values())
    assert button.inner_text() == "Show only my path"
    assert button.evaluate("b => b === document.activeElement")
    page.reload()
    page.wait_for_selector(LINE)
    assert all(shown(page).values())
    page.locator(f"{LINE} button").click()
    assert not shown(page)["internal"] and shown(page)["interview final-round"]
    # Print follows what the learner sees: hidden blocks are not on paper.
    page.emulate_media(media="print")
    assert not page.locator('.bb-path[data-path="internal"]').is_visible()
    assert not page.locator(f"{LINE} button").is_visible()


def test_hostile_answers_stay_text(page, base_url):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base_url + MODULE_1)
    page.locator('form.bb-worksheet[data-worksheet="about-you"] input[name="name"]').fill(HOSTILE)
    choose(page, "final-round")
    go_by_menu(page, MODULE_3)
    line = page.locator(LINE)
    assert f"Showing the path for {HOSTILE}: final round" in line.inner_text()
    assert line.locator("img").count() == 0
    # A situation that is not one of ours (an edited or imported record) is no answer at all.
    page.evaluate(
        """([key, bad]) => localStorage.setItem(key, JSON.stringify(
             {v: 1, answers: {situation: bad, name: bad}, updated: null}))""",
        [NS + "ws:about-you", HOSTILE],
    )
    page.reload()
    page.wait_for_selector(LINE)
    assert all(shown(page).values())
    assert "every path" in page.locator(LINE).inner_text()
    assert page.locator("article img[src=x]").count() == 0
    assert not dialogs


def test_a_module_page_with_the_path_line_passes_axe(page, base_url):
    page.goto(base_url + MODULE_1)
    choose(page, "screening")
    page.goto(base_url + MODULE_3)
    page.wait_for_selector(f"{LINE} button")
    found = run_axe(page)
    assert not found, describe(found)
