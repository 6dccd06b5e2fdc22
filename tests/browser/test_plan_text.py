"""My plan's Markdown escapes what Markdown would misread; its calendar takes only sane dates."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest

from tests.browser.backup_helpers import put_all

PLAN = "plan/"
WS = "thirty-day-plan"

# One answer line each -> the Markdown line it must become (CommonMark backslash escapes).
LINES = {
    "# Not a heading": r"\# Not a heading",
    "## Nor this": r"\#\# Nor this",
    "> not a quote": r"\> not a quote",
    "- not a list": r"\- not a list",
    "+ not a list": r"\+ not a list",
    "* not a list": r"\* not a list",
    "1. not numbered": r"1\. not numbered",
    "2) not numbered": r"2\) not numbered",
    "2024. A good year": r"2024\. A good year",
    "---": r"\---",
    "===": r"\===",
    "***": r"\*\*\*",
    "___": r"\_\_\_",
    "- - -": r"\- - -",
    "```python": r"\`\`\`python",
    "~~~": r"\~\~\~",
    "| a | b |": r"\| a \| b \|",
    ": a definition": r"\: a definition",
    "    four spaces would be code": "four spaces would be code",
    "\tso would a tab": "so would a tab",
    "<b>html</b> & &amp;": r"\<b\>html\</b\> \& \&amp;",
    "[a link](x) ![img](y)": r"\[a link\](x) !\[img\](y)",
    "back\\slash and *stars* and _under_": r"back\\slash and \*stars\* and \_under\_",
    "plain words stay plain": "plain words stay plain",
    "a - b + c 1. d": "a - b + c 1. d",
}

# What must not start a line of escaped text: a block of Markdown's own (CommonMark 4 and 5).
BLOCK_START = re.compile(r"^(?: {0,3}(?:[-+*](?:\s|$)|\d{1,9}[.)]|#|>|[-=_*]{3}|`{3}|~{3}|\||:)| {4}|\t)")


def md_text(page, text: str, inline: bool = False) -> str:
    """The plan's Markdown escaping of `text`."""
    return page.evaluate("([text, inline]) => BounceBack.plan.mdText(text, inline)", [text, inline])


def open_plan(page, base_url) -> None:
    """Open My plan and wait for its bundle."""
    page.goto(base_url + PLAN)
    page.wait_for_function("() => !!(window.BounceBack && BounceBack.plan && BounceBack.ics)")


def test_each_line_of_an_answer_is_escaped_where_markdown_would_misread_it(page, base_url):
    open_plan(page, base_url)
    for line, expected in LINES.items():
        assert md_text(page, line) == expected, line
    # Several lines: every one is escaped on its own, joined by hard breaks.
    answer = "\n".join(LINES)
    escaped = md_text(page, answer)
    assert escaped == "  \n".join(LINES.values())
    for out in escaped.split("\n"):
        assert not BLOCK_START.match(out), out
    # A table cell keeps to one line.
    assert md_text(page, "first\n- second\n| third", inline=True) == r"first \- second \| third"


def test_the_downloaded_markdown_carries_escaped_answers(page, base_url):
    page.goto(base_url + PLAN)
    answers = {
        "goal": "\n".join(LINES),
        "actions.0.action": "- call Sam\n# today",
        "actions.0.when": "2031-03-05",
        "buddy": "1. Sam",
    }
    put_all(page, {"ws:" + WS: {"v": 1, "answers": answers}})
    open_plan(page, base_url)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as Markdown").click()
    markdown = open(download.value.path(), encoding="utf-8").read()
    assert "  \n".join(LINES.values()) in markdown
    assert r"| \- call Sam \# today |" in markdown
    # A step is one line: its date written out, then the action its plan line makes of the row.
    assert "- **Wed 5 Mar 2031** — \\- call Sam \\# today (" in markdown
    assert "\n1\\. Sam\n" in markdown


@pytest.mark.parametrize(
    ("review", "in_calendar", "end"),
    [
        ("2031-12-31", True, dt.date(2032, 1, 1)),
        ("9999-12-31", False, None),
        ("1899-12-31", False, None),
        ("2200-12-31", True, dt.date(2201, 1, 1)),
        ("1900-01-01", True, dt.date(1900, 1, 2)),
        ("2031-02-30", False, None),
    ],
)
def test_calendar_takes_only_dates_it_can_write(page, base_url, review, in_calendar, end):
    page.goto(base_url + PLAN)
    answers = {
        "review-date": review,
        "actions.0.action": "Send two applications",
        "actions.0.when": "2031-03-01",
    }
    put_all(page, {"ws:" + WS: {"v": 1, "answers": answers}})
    open_plan(page, base_url)
    step = page.locator(".bb-plan-step", has_text="look back")
    if in_calendar:
        assert step.locator("time").get_attribute("datetime") == review
    else:
        # Shown as the learner wrote it, as text, not as a date.
        assert step.locator("time").count() == 0
        assert step.inner_text().startswith(review + " ")
    with page.expect_download() as download:
        page.get_by_role("button", name="Add dates to my calendar (.ics)").click()
    raw = open(download.value.path(), "rb").read()
    for line in raw.split(b"\r\n"):
        if line.startswith((b"DTSTART", b"DTEND")):
            assert re.fullmatch(rb"DT(?:START|END);VALUE=DATE:\d{8}", line), line
    events = {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")}
    assert events["Send two applications"]["DTEND"].dt == dt.date(2031, 3, 2)
    looking_back = [e for name, e in events.items() if "Look back" in name]
    if in_calendar:
        (event,) = looking_back
        assert event["DTSTART"].dt == dt.date.fromisoformat(review)
        assert event["DTEND"].dt == end
    else:
        assert not looking_back
        assert "1 date" in page.inner_text(".bb-plan-status")


def test_the_calendar_writer_leaves_out_what_it_cannot_write(page, base_url):
    """BounceBack.ics on its own: a step with a date out of range never reaches the file."""
    open_plan(page, base_url)
    text = page.evaluate(
        """() => BounceBack.ics.calendar([
             {date: "9999-12-31", text: "far", from: "x", uid: "a"},
             {date: "0999-01-01", text: "old", from: "x", uid: "b"},
             {date: "2031-12-31", text: "new year", from: "x", uid: "c"}], "Plan")"""
    )
    assert text.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:20311231\r\nDTEND;VALUE=DATE:20320101\r\n" in text
    assert page.evaluate("[BounceBack.ics.FIRST_YEAR, BounceBack.ics.LAST_YEAR]") == [1900, 2200]
