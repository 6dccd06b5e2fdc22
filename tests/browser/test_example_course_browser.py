"""The example course in the browser: its own situations shape its lessons, its message and plan work.

`examples/first-weeks` declares its situations in its own worksheet (`role: situation`,
`role: flag`, `role: name` in `worksheets/starting-point.yml`), so these tests show that
the engine's scripts read them from the course, not from the flagship's names.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, build_site, read_modules_whole, serve

EXAMPLE = ROOT / "examples" / "first-weeks"
NS = "bb:first-weeks:"
WS = "starting-point"
SITUATION = "start"
FLAG = "remote"
CHECK_IN = "check-in-plan"
MODULE_1 = "modules/01-before-day-one/"
MODULE_2 = "modules/02-first-two-weeks/"
MODULE_3 = "modules/03-first-check-in/"


@pytest.fixture(scope="module")
def example_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the example course strictly and serve it on 127.0.0.1."""
    site = tmp_path_factory.mktemp("example-browser-site")
    warnings = build_site(EXAMPLE / "mkdocs.yml", site)
    assert not warnings, "the example course logged warnings:\n" + "\n".join(warnings)
    server, url = serve(Path(site))
    yield url
    server.shutdown()


@pytest.fixture
def learner(browser, example_url: str):
    """A fresh page (empty storage) that fails the test on a JavaScript error or a request off this host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    read_modules_whole(context, "bb:first-weeks:")
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    origin = example_url.rstrip("/")
    foreign = [u for u in requests if not u.startswith((origin, "data:", "blob:", "about:"))]
    assert not foreign, f"requests left {origin}: {foreign}"
    assert not errors, f"JavaScript errors: {errors}"


def form(page, worksheet: str):
    """A worksheet's form on the current page."""
    return page.locator(f'form.bb-worksheet[data-worksheet="{worksheet}"]')


def wait_saved(page, worksheet: str) -> None:
    """Wait until the worksheet's status says its answers are saved."""
    form(page, worksheet).locator('.bb-status[data-state="saved"]').filter(has_text="Saved").wait_for()


def shown(page) -> dict[str, bool]:
    """Each path block of the page by its names: True when it shows."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.bb-path[data-path]')]
             .map(b => [b.dataset.path, !b.hidden && b.offsetParent !== null]))"""
    )


def choose(page, option: str) -> None:
    """Pick the learner's start in the first worksheet and wait until it is stored."""
    form(page, WS).locator(f'input[name="{SITUATION}"][value="{option}"]').check()
    page.wait_for_function(
        "([key, s]) => (localStorage.getItem(key) || '').includes(s)",
        arg=[NS + "ws:" + WS, f'"{SITUATION}":"{option}"'],
    )


def test_the_learner_s_start_shapes_the_lessons_and_is_kept_over_a_reload(learner, example_url):
    page = learner
    page.goto(example_url + MODULE_1)
    page.wait_for_selector("[data-bb-path-line]")
    # Before any answer, every block shows, labelled with the course's own words.
    assert all(shown(page).values()) and len(shown(page)) == 4
    labels = page.locator(".bb-path__label").all_inner_texts()
    assert any("coming back to work after a break" in label for label in labels), labels

    choose(page, "back-to-work")
    page.wait_for_function("() => document.querySelector('.bb-path[data-path=\"first-job\"]').hidden")
    now = shown(page)
    assert now["back-to-work"] and not now["internal-move"] and not now[FLAG]

    page.reload()
    expect(form(page, WS).locator(f'input[name="{SITUATION}"][value="back-to-work"]')).to_be_checked()
    page.wait_for_function("() => document.querySelector('.bb-path[data-path=\"first-job\"]').hidden")
    form(page, WS).locator(f'input[name="{FLAG}.yes"]').check()
    page.wait_for_function(f"() => !document.querySelector('.bb-path[data-path=\"{FLAG}\"]').hidden")
    wait_saved(page, WS)

    page.goto(example_url + MODULE_2)
    page.wait_for_function("() => document.querySelector('.bb-path[data-path=\"new-employer\"]').hidden")
    now = shown(page)
    assert now["back-to-work"] and now[FLAG] and not now["first-job"] and not now["new-employer"]


def test_the_check_in_message_and_my_plan_use_the_learner_s_answers(learner, example_url):
    page = learner
    page.goto(example_url + MODULE_1)
    form(page, WS).locator('input[name="name"]').fill("Sam")
    form(page, WS).locator(f'input[name="{FLAG}.yes"]').check()
    wait_saved(page, WS)

    page.goto(example_url + MODULE_3)
    sheet = form(page, CHECK_IN)
    sheet.locator('[name="manager"]').fill("Jo")
    sheet.locator('[name="going-well"]').fill("meeting the support team")
    sheet.locator('[name="question-1"]').fill("What matters most in my first three months?")
    sheet.locator('[name="ask-by"]').fill("2031-03-05")
    wait_saved(page, CHECK_IN)
    preview = sheet.locator(".bb-message__preview").first
    expect(preview).to_contain_text("Hi Jo,")
    text = preview.inner_text()
    assert "my first weeks here, especially meeting the support team." in text
    assert "One thing I'd like to ask: what matters most in my first three months?" in text
    assert "A video call is fine" in text  # they work from home
    assert text.rstrip().endswith("Sam")
    assert "{" not in text and "[[" not in text

    page.goto(example_url + "plan/")
    step = page.locator(".bb-plan-step").first
    expect(step).to_contain_text("Ask Jo for a first check-in")
    assert step.locator("time").get_attribute("datetime") == "2031-03-05"
    expect(page.locator(".bb-plan")).to_contain_text("Could we find 20 minutes")
