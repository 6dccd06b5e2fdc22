"""Shared steps for the worksheet browser tests: where things are and how a learner fills them."""

from __future__ import annotations

import json
import re

NS = "bb:bounce-back:"
DEBRIEF = "interview-debrief"
DEBRIEF_PAGE = "worksheets/interview-debrief/"
MODULE_3 = "modules/03-debrief/"
PRIVACY_PAGE = "privacy/"

# One answer of every field type on the interview debrief, as stored (name -> value).
DEBRIEF_ANSWERS = {
    "company": "Northwind Studios",
    "role": "Junior data analyst",
    "interviewer": "Priya Shah",
    "interview-date": "2026-11-02",
    "overall": "4",
    "went-well.0": "They invited me back",
    "went-well.2": "I stayed calm",
    "strengths-shown": ["technical-skills", "good-questions"],
    "honest-check.i-never-had-to-bluff-an-answer": True,
    "answer-to-change": "The conflict question.\nI would tell the group project story in four steps.",
    "skills-balance": "a-fair-balance",
    "my-questions.0.a-question-i-asked": "What are the holidays?",
    "my-questions.0.a-stronger-question-for-next-time": "What does success look like in three months?",
    "references-note": "Ask Dr Lee first",
}


def form(page, worksheet: str = DEBRIEF):
    """The worksheet's form on the current page."""
    return page.locator(f'form.bb-worksheet[data-worksheet="{worksheet}"]')


def control(page, name: str, worksheet: str = DEBRIEF, value: str | None = None):
    """One control of a worksheet by its storage name (and value, for radios and checkboxes)."""
    selector = f'[name="{name}"]' + (f'[value="{value}"]' if value is not None else "")
    return form(page, worksheet).locator(selector)


def fill_debrief(page, answers: dict = DEBRIEF_ANSWERS) -> None:
    """Fill the interview debrief the way a learner would: type, tick, choose."""
    for name, value in answers.items():
        if isinstance(value, list):
            for item in value:
                control(page, name, value=item).check()
        elif value is True:
            control(page, name).check()
        elif name in ("overall", "skills-balance"):
            control(page, name, value=value).check()
        else:
            control(page, name).fill(value)


def shown_answers(page, answers: dict = DEBRIEF_ANSWERS) -> dict:
    """Read back what the form shows for each name in `answers`, in the stored shapes."""
    shown = {}
    for name, value in answers.items():
        if isinstance(value, list):
            shown[name] = [item for item in value if control(page, name, value=item).is_checked()]
        elif value is True:
            shown[name] = control(page, name).is_checked()
        elif name in ("overall", "skills-balance"):
            shown[name] = value if control(page, name, value=value).is_checked() else None
        else:
            shown[name] = control(page, name).input_value()
    return shown


def stored(page, key: str):
    """The parsed value stored under one of the course's keys, or None."""
    raw = page.evaluate("(k) => localStorage.getItem(k)", NS + key)
    return None if raw is None else json.loads(raw)


def put(page, key: str, value) -> None:
    """Store `value` under one of the course's keys: JSON, or a str as raw text."""
    raw = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [NS + key, raw])


def all_storage(page) -> dict:
    """Every key and raw value of the course in localStorage."""
    return page.evaluate(
        """(ns) => Object.fromEntries(Object.keys(localStorage)
             .filter((k) => k.startsWith(ns)).map((k) => [k, localStorage.getItem(k)]))""",
        NS,
    )


def wait_saved(page, worksheet: str = DEBRIEF) -> None:
    """Wait until every change is written and the worksheet's polite status says Saved."""
    form(page, worksheet).locator('.bb-status[data-state="saved"]').filter(has_text="Saved").wait_for()


def accept_dialogs(page) -> list[str]:
    """Accept every confirm() on `page`; return the list of messages seen."""
    seen: list[str] = []

    def accept(dialog):
        seen.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    return seen


def instant_navigation(page, base_url: str) -> None:
    """Let Material's instant navigation work on the test server.

    Material only navigates instantly to pages listed in sitemap.xml, matched
    with their port, and the sitemap carries `site_url`'s port, not the test
    server's: serve it rebased onto `base_url`.
    """

    def rebase(route):
        response = route.fetch()
        body = re.sub(r"<loc>https?://[^/<]+/", "<loc>" + base_url, response.text())
        route.fulfill(response=response, body=body)

    page.route("**/sitemap.xml", rebase)
