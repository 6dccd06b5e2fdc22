"""The facilitator kit: session plans that add up, slides made from the shown modules, the evaluation form."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from coursemodel.render import Renderer
from coursemodel.settings import load_course as load_settings
from coursemodel.steps.modules import SLIDES_URI, published_address, render_slides, wants_slides
from coursemodel.text import ui_strings
from coursemodel.worksheets import load_worksheets

from tests.conftest import ROOT
from tests.variants import write_variant

FACILITATORS = ROOT / "docs" / "facilitators"
WORKSHEET_IDS = [path.stem for path in (ROOT / "worksheets").glob("*.yml")]
# A plan's heading states its length: "## Plan (60 minutes)", "## A 30-minute appointment".
LENGTH = re.compile(r"(\d+)[ -]minutes?\b")
CLOCK = re.compile(r"(\d+):(\d\d)[–-](\d+):(\d\d)")


def plan_tables(text: str) -> list[tuple[str, list[list[str]]]]:
    """Return every plan table as the page shows it, with the heading above it.

    A workshop plan's tables are made from its front matter (`workshop:`) where the page
    writes `<!-- workshop: plan N -->`; any other table whose first column is "Minutes"
    (an appointment outline) is read as written.
    """
    from coursemodel.errors import split_front_matter
    from coursemodel.workshop import has_plan, parse_plan, render_table

    front, _body = split_front_matter(text)
    if has_plan(front):
        plan = parse_plan(front, "page.md", "facilitators/page.md", "", set(WORKSHEET_IDS))
        strings = ui_strings("en", ROOT)
        marker = re.compile(r"^<!-- workshop: plan (\d+) -->$", re.M)
        text = marker.sub(lambda m: render_table(plan.sessions[int(m.group(1)) - 1], strings), text)
    tables, heading, rows, inside = [], "", [], False
    for line in [*text.splitlines(), ""]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else None
        if cells and not inside and cells[0] == "Minutes":
            inside, rows = True, []
        elif cells and inside and not set(cells[0]) <= set("-: "):
            rows.append(cells)
        elif not cells and inside:
            tables.append((heading, rows))
            inside = False
        if line.startswith("#"):
            heading = line
    return tables


def minutes(clock: tuple[str, str]) -> int:
    """Return `h:mm` as minutes."""
    return int(clock[0]) * 60 + int(clock[1])


PAGES = sorted(FACILITATORS.glob("*.md"))
TABLES = [(page.name, *table) for page in PAGES for table in plan_tables(page.read_text("utf-8"))]


def test_the_plans_are_found():
    found = {(page, LENGTH.search(heading).group(1)) for page, heading, _rows in TABLES}
    for expected in [("workshop-60.md", "60"), ("workshop-90.md", "90"), ("two-sessions.md", "60")]:
        assert expected in found
    assert sum(page == "two-sessions.md" for page, _h, _r in TABLES) == 2, "two sessions, two tables"


@pytest.mark.parametrize(("page", "heading", "rows"), TABLES, ids=[f"{p}:{h}" for p, h, _r in TABLES])
def test_each_plan_adds_up_to_its_stated_length(page: str, heading: str, rows: list[list[str]]):
    stated = LENGTH.search(heading)
    assert stated, f"{page}: the heading above a plan table names its length: {heading!r}"
    total = sum(int(row[0]) for row in rows)
    assert total == int(stated.group(1)), f"{page}: {heading!r} adds up to {total} minutes"
    clocks = [CLOCK.search(row[1]) for row in rows if len(row) > 1 and CLOCK.search(row[1])]
    if not clocks:
        return  # an appointment outline: minutes only
    assert len(clocks) == len(rows), f"{page}: every row has its clock time"
    start = 0
    for row, clock in zip(rows, clocks, strict=True):
        begin, end = minutes(clock.group(1, 2)), minutes(clock.group(3, 4))
        assert begin == start and end - begin == int(row[0]), f"{page}: {row[1]} after {start} minutes"
        start = end
    assert start == total


@pytest.mark.parametrize("page", ["workshop-60.md", "workshop-90.md", "two-sessions.md"])
def test_each_workshop_states_outcomes_slack_and_the_one_reply(page: str):
    text = (FACILITATORS / page).read_text("utf-8")
    assert "## Session outcomes" in text
    assert any(row[2].startswith("Slack") for _h, rows in plan_tables(text) for row in rows), "a row of slack"
    assert re.search(r"within two days", text) and "thanks" in text.lower()
    assert "send it anyway" in text and "window" not in text, "a late reply is still welcome"
    assert "The basics (company, role, who interviewed you)" in text, "the reply composer needs the names"


WORKSHOPS = [t for t in TABLES if t[0] in {"workshop-60.md", "workshop-90.md", "two-sessions.md"}]


@pytest.mark.parametrize(("page", "heading", "rows"), WORKSHOPS, ids=[f"{p}:{h}" for p, h, _r in WORKSHOPS])
def test_each_workshop_plan_has_room_to_close_and_about_five_minutes_of_slack_an_hour(
    page: str, heading: str, rows: list[list[str]]
):
    length = int(LENGTH.search(heading).group(1))
    slack = [int(row[0]) for row in rows if row[2].startswith("Slack")]
    close = [int(row[0]) for row in rows if row[2].startswith("Close")]
    assert slack and slack[0] >= length * 5 // 60, f"{page}: {heading!r} has {slack} minutes of slack"
    assert close and close[0] >= 5, f"{page}: {heading!r}: a one-word round and the form need 5 minutes"


# Slides ---------------------------------------------------------------------------------------


def course_with(tmp_path: Path, **course: object):
    """Load the real course's config and model with `extra.course` settings merged in."""
    from coursemodel.load import load_course
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(write_variant(tmp_path, {"extra": {"course": course}})))
    config.extra["course"] = load_settings(config)
    return config, load_course(config, get_files(config))


def test_slides_show_the_shown_modules_only_and_the_center_in_its_own_words(tmp_path: Path):
    config, course = course_with(
        tmp_path,
        modules={"hide": ["07-grow-and-go"]},
        organisation="Example <b>Careers</b>",
        contacts={"email": "careers@example.edu", "booking_url": "https://example.edu/book_now"},
    )
    text = render_slides(course, Renderer(ui_strings("en", ROOT), config=config), config)
    assert "Grow and get back out there" not in text and "Skills-gap plan" not in text
    modules = re.findall(r'<section class="bb-slide bb-slide--module" data-module="([^"]+)"', text)
    assert modules == [m.src_uri for m in course.modules] and len(modules) == 7
    assert "Module 7 of 7" in text and "Your plan" in text
    slides = text.count('<section class="bb-slide')
    assert slides == 7 + 5 and f"{slides} slides" in text, "the note counts the slides it introduces"
    reply = text[text.index("## Your one reply") : text.index("{ #slide-next }")]
    assert "{ #slide-reply }" in reply and "One question about your own performance" in reply
    assert "within two days" in reply and "Send it anyway" in reply
    assert re.findall(r"\{ #slide-([\w-]+) \}", text)[-2:] == ["reply", "next"], "the reply, then next steps"
    assert "Send your one reply, if you have not sent it yet." in text[text.index("{ #slide-next }") :]
    assert "Example &lt;b&gt;Careers&lt;/b&gt;" in text and "<b>Careers" not in text
    # The center's words are character references in the Markdown (never links): read them as shown.
    shown = html.unescape(text)
    assert "Book an appointment: https://example.edu/book_now" in shown, "addresses written out, for paper"
    assert "Ask us today" not in text, "with contacts set, the slide shows them"


def test_slides_show_the_address_only_once_it_is_a_real_one():
    assert published_address("http://127.0.0.1:8000/") == ""
    assert published_address("http://localhost/course/") == ""
    assert published_address(None) == ""
    for preview in (
        "http://127.0.1.1/",
        "http://[::1]:8000/",
        "http://0.0.0.0:8000/",
        "https://app.localhost/",
    ):
        assert published_address(preview) == "", "the handouts' rule: every preview address"
    assert published_address("https://example.com/course/") == "https://example.com/course/"
    assert (
        published_address("https://careers.example.edu/bounce-back/")
        == "https://careers.example.edu/bounce-back/"
    )


def test_slides_are_a_staff_page():
    include = {"staff_pages": {"include": True, "paths": ["facilitators/"]}}
    learner = {"staff_pages": {"include": False, "paths": ["facilitators/", "hosting/"]}}
    elsewhere = {"staff_pages": {"include": False, "paths": ["hosting/"]}}
    assert wants_slides(include) and not wants_slides(learner) and wants_slides(elsewhere)
    assert SLIDES_URI.startswith("facilitators/")


# Evaluation ------------------------------------------------------------------------------------


def test_the_evaluation_form_is_private_short_and_on_a_learner_page():
    ws = load_worksheets(ROOT / "worksheets")["workshop-evaluation"]
    assert ws.private, "nothing on it is meant to leave the device"
    types = [f.type for f in ws.fields.values()]
    assert types.count("scale") >= 2 and {"choice", "multichoice"} <= set(types)
    assert types.count("textarea") == 1, "one free-text field"
    assert "message" not in types, "nothing composed to send anywhere"
    page = (ROOT / "docs" / "after-a-workshop.md").read_text("utf-8")
    assert "<!-- worksheet: workshop-evaluation -->" in page
    # Where its answers go is said in the build's words (web: nothing is sent; SCORM: the LMS record).
    assert "<!-- course: storage-shared -->" in page
    assert "Nothing is sent" in ui_strings("en")["page_storage_shared"]
    assert "facilitators/" not in page, "a learner page links no staff page"
    nav = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert "after-a-workshop.md" in nav and f"Workshop slides: {SLIDES_URI}" in nav


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_paper_evaluation_form_is_one_page(paper: str):
    import io

    from coursemodel.handouts import Sheet, render_handout, render_pdf
    from coursemodel.render import render_worksheet
    from pypdf import PdfReader

    ws = load_worksheets(ROOT / "worksheets")["workshop-evaluation"]
    sheet = Sheet(ws.id, ws.title, render_worksheet(ws))
    markup = render_handout([sheet], course="Bounce Back", mode="blank", paper=paper)
    assert len(PdfReader(io.BytesIO(render_pdf(markup, fillable=False))).pages) == 1
