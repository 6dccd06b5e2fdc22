"""Honest minutes: each module's stated time is its count, rounded, the way "How this course
was built" says (docs/about/how-this-course-was-built.md, "How we count the minutes"): the
words of the longest version one learner sees at 180 a minute, plus realistic writing time
for the worksheets the lesson places: two minutes for a free-text answer, one for a name or a
fact, a table row or a list item, five for a composed message, and a few seconds for each
pick (a choice, a tick, a rating, a date) and each item of the lesson's own checklist.

A worksheet the lesson introduces as optional (practice, made only of scenarios, always is)
is an optional stop with its own time (its `minutes`, shown above it). The module does not
count it; its own time counts its words at 180 a minute plus its answers (practice: a minute
for each considered choice). A section of a worksheet titled "(optional …)" or "(later …)"
is left out of the module's time too, and its intro states its own minutes.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from coursemodel.errors import split_front_matter
from coursemodel.modules import load_sources, parse_module
from coursemodel.paths import find_paths, path_names
from coursemodel.worksheets import load_worksheets

from tests.conftest import ROOT

FLAG = "many-nos"  # the flagship's flag (role: flag in worksheets/about-you.yml)

MODULES = sorted((ROOT / "docs" / "modules").glob("[0-9][0-9]-*.md"))
SOURCES = load_sources(ROOT / "docs" / "sources.yml", "docs/sources.yml")
WORKSHEETS = load_worksheets(ROOT)
NAMES = path_names(WORKSHEETS, {})
WORDS_A_MINUTE = 180
# Practice is timed on its own, as before: its stated time within 30% of its count.
TOLERANCE = 0.3
# A module states its count to the nearest minute; this much room lets a small edit land first.
SLACK = 1.5
# Writing time, in minutes. A pick (choice, tick, rating, date) takes a few seconds.
PICK = 0.1
FREE_TEXT = 2
SHORT_LINE = 1
ROW = 1
MESSAGE = 5
# Short lines that are a name or a fact, typed in seconds; any other line is a free-text answer.
DETAILS = {
    ("about-you", "name"),
    ("interview-debrief", "company"),
    ("interview-debrief", "role"),
    ("interview-debrief", "interviewer"),
    ("feedback-request", "contact-name"),
    ("support-map", "friend-name"),
    ("support-map", "mentor-name"),
    ("support-map", "recruiter-name"),
    ("support-map", "first-contact"),
    ("thirty-day-plan", "buddy"),
}
# A log is filled in over weeks: the lesson asks for its first entry only.
FIRST_ROW_ONLY = {"feedback-log"}
# A module longer than this is more than one sitting: trim it or make a part an optional stop.
ONE_SITTING = 25
MARKER = re.compile(r"^<!--\s*worksheet:\s*([a-z0-9-]+)\s*-->$", re.M)
TASK_ITEM = re.compile(r"^\s*[-*] \[[ xX]\] ", re.M)
WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")


def words(text: str) -> int:
    """Words a learner reads in Markdown: no comments, tags or link targets."""
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return len(WORD.findall(text))


def seen_by(body: str, situation: str, many_nos: bool, shown: str) -> str:
    """The body as a learner in `situation` (and with many no's, or not) sees it."""
    lines = body.split("\n")
    for block in find_paths(body, shown, NAMES):
        if situation in block.names or (many_nos and FLAG in block.names):
            continue
        for number in range(block.line, block.end + 1):
            lines[number - 1] = ""
    return "\n".join(lines)


def field_minutes(ws_id: str, field) -> float:
    """The realistic minutes one learner takes to answer one field."""
    kind = field.type
    if kind == "textarea":
        return FREE_TEXT
    if kind == "message":
        return MESSAGE  # reading the draft, making it sound like you, copying it out
    if kind == "text":
        return SHORT_LINE if (ws_id, field.id) in DETAILS else FREE_TEXT
    if kind == "table":
        return ROW * (1 if ws_id in FIRST_ROW_ONLY else field.rows)
    if kind == "list":
        return ROW * field.count
    if kind == "checklist":
        return PICK * len(field.items)
    if kind == "scenario":
        return 1  # a considered choice after reading a situation; its words are counted apart
    return PICK  # choice, multichoice, scale, date


LATER = re.compile(r"\((?:optional|later)\b", re.I)
ABOUT = re.compile(r"about (\d+) minutes", re.I)
# How a lesson says a worksheet is an optional stop, in so many words.
OPTIONAL_STOP = re.compile(r"optional, so it is not part of this module[’']s time")


def answers(ws_id: str, now_only: bool = False) -> float:
    """The minutes of a worksheet's answers, field by field (`now_only`: not its later sections)."""
    sections = WORKSHEETS[ws_id].sections
    if now_only:
        sections = [section for section in sections if not LATER.search(section.title)]
    return sum(field_minutes(ws_id, field) for section in sections for field in section.fields)


def later_sections() -> list[tuple[str, object]]:
    """Every worksheet section titled as optional or for later: (worksheet id, section)."""
    found = []
    for ws_id, ws in WORKSHEETS.items():
        found += [(ws_id, section) for section in ws.sections if LATER.search(section.title)]
    return found


def lead_in(body: str, ws_id: str) -> str:
    """The text a learner reads just before a worksheet: from the last heading or worksheet down."""
    before = body[: body.index(f"<!-- worksheet: {ws_id} -->")]
    return re.split(r"^#+ .*$|<!--\s*worksheet:[^>]*-->", before, flags=re.M)[-1]


def is_optional_stop(body: str, ws_id: str) -> bool:
    """Whether the lesson places this worksheet as an optional stop (practice always is)."""
    return is_practice(ws_id) or bool(OPTIONAL_STOP.search(lead_in(body, ws_id)))


def stop_minutes(ws_id: str, now_only: bool = False) -> float:
    """The counted minutes of a worksheet on its own: its words at 180 a minute and its answers.

    `now_only` leaves out its sections for later, as the time shown above it does.
    """
    if is_practice(ws_id):
        return practice_minutes(ws_id)
    ws = WORKSHEETS[ws_id]
    sections = [s for s in ws.sections if not (now_only and LATER.search(s.title))]
    texts = [ws.intro or ""] + [f"{f.label} {f.help or ''}" for s in sections for f in s.fields]
    return words(" ".join(texts)) / WORDS_A_MINUTE + answers(ws_id, now_only)


def is_practice(ws_id: str) -> bool:
    """Whether a worksheet is practice (only scenarios): an optional stop, timed on its own."""
    fields = WORKSHEETS[ws_id].fields.values()
    return bool(fields) and all(field.type == "scenario" for field in fields)


def practice_minutes(ws_id: str) -> float:
    """The counted minutes of a practice worksheet: all the words a learner reads, and each choice."""
    ws = WORKSHEETS[ws_id]
    texts = [ws.intro or ""]
    for field in ws.fields.values():
        texts += [field.label, field.situation]
        texts += [part for option in field.options for part in (option.text, option.comment)]
    return words(" ".join(texts)) / WORDS_A_MINUTE + answers(ws_id)


def counted_minutes(path: Path) -> tuple[float, int]:
    """Return (the counted minutes, the stated minutes) of one module file."""
    text = path.read_text(encoding="utf-8")
    shown = f"docs/modules/{path.name}"
    module = parse_module(text, path.name, shown, SOURCES)
    _front, body = split_front_matter(text)
    situations = [name for name in NAMES if name != FLAG] or [""]
    longest = max(
        words(seen_by(body, situation, many, shown))
        for situation, many in itertools.product(situations, (False, True))
    )
    header = words(" ".join(module.objectives + module.takeaways))
    placed = [ws_id for ws_id in MARKER.findall(body) if not is_optional_stop(body, ws_id)]
    doing = sum(answers(ws_id, now_only=True) for ws_id in placed) + PICK * len(TASK_ITEM.findall(body))
    return (longest + header) / WORDS_A_MINUTE + doing, module.minutes


def test_counting_sees_path_blocks_and_worksheets():
    """The count is not blind: the longest learner's path and a placed worksheet both add time."""
    body = "One two three.\n\n<!-- path: internal -->\nFour five six seven.\n<!-- end path -->\n"
    assert words(seen_by(body, "internal", False, "x.md")) == 7
    assert words(seen_by(body, "application", False, "x.md")) == 3
    assert answers("interview-debrief") > 5
    # Writing is counted as writing: an eight-row table is eight minutes, a message five.
    assert answers("thirty-day-plan") >= 8 + 5 + FREE_TEXT
    assert field_minutes("feedback-request", WORKSHEETS["feedback-request"].fields["request-message"]) == 5
    # A practice worksheet's reading counts too: a thousand words and more of situations and comments.
    assert practice_minutes("practice") > answers("practice") + 5


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_stated_minutes_are_the_counted_time(path: Path):
    counted, stated = counted_minutes(path)
    assert abs(stated - counted) <= SLACK, (
        f"{path.name} says {stated} minutes; counted {counted:.1f} (reading at {WORDS_A_MINUTE} words "
        "a minute; writing: 2 a free-text answer, 1 a line, row or list item, 5 a message, 0.1 a pick)"
    )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_one_sitting_finishes_a_module(path: Path):
    counted, _stated = counted_minutes(path)
    assert counted <= ONE_SITTING + 0.5, f"{path.name} counts {counted:.1f} minutes: trim or move a part out"


def test_the_about_page_states_each_module_and_the_total_from_the_count():
    """The about page's table of minutes is this count, module by module and in all."""
    about = (ROOT / "docs" / "about" / "how-this-course-was-built.md").read_text(encoding="utf-8")
    total = 0
    for path in MODULES:
        _counted, stated = counted_minutes(path)
        total += stated
        # The module by its file: the build writes its current number and title (a center may hide one).
        row = rf"^\| \[\]\(\.\./modules/{re.escape(path.name)}\) \| {stated} \|"
        assert re.search(row, about, re.M), f"about page: {path.name}"
    # The total is the build's own sum of the modules shown (`<!-- course: minutes -->`).
    assert "| **In all** | **<!-- course: minutes --> minutes** |" in about, "about page: the total"
    assert total == sum(counted_minutes(path)[1] for path in MODULES)


PLACED_PRACTICE = [
    (path, ws_id)
    for path in MODULES
    for ws_id in MARKER.findall(path.read_text(encoding="utf-8"))
    if is_optional_stop(split_front_matter(path.read_text(encoding="utf-8"))[1], ws_id)
]


def test_the_course_places_practice():
    """The practice check below is not empty: Module 5 places the practice worksheet."""
    assert ("05-keep-the-door-open", "practice") in [(path.stem, ws_id) for path, ws_id in PLACED_PRACTICE]


@pytest.mark.parametrize("path, ws_id", PLACED_PRACTICE, ids=lambda v: getattr(v, "stem", v))
def test_practice_is_an_optional_stop_with_its_own_honest_minutes(path: Path, ws_id: str):
    """Left out of the module's time, an optional stop says it is optional and states its own time."""
    body = split_front_matter(path.read_text(encoding="utf-8"))[1]
    said = OPTIONAL_STOP.search(lead_in(body, ws_id))
    assert said, f"{path.name}: say the {ws_id} worksheet is optional, so not part of this module's time"
    stated, counted = WORKSHEETS[ws_id].minutes, stop_minutes(ws_id)
    assert stated is not None, f"worksheets/{ws_id}.yml: state its `minutes`"
    assert abs(stated - counted) <= TOLERANCE * counted, (
        f"worksheets/{ws_id}.yml says {stated} minutes; counted {counted:.1f}"
    )


@pytest.mark.parametrize("ws_id, section", later_sections(), ids=lambda v: getattr(v, "title", v))
def test_a_later_section_states_its_own_minutes(ws_id: str, section):
    """A section left out of the module's time tells the learner how long it takes."""
    stated = ABOUT.search(section.intro or "")
    assert stated, f"worksheets/{ws_id}.yml: the intro of {section.title!r} says 'about N minutes'"
    counted = sum(field_minutes(ws_id, field) for field in section.fields)
    assert abs(int(stated.group(1)) - counted) <= max(1, TOLERANCE * counted), (
        f"worksheets/{ws_id}.yml: {section.title!r} says {stated.group(1)} minutes; counted {counted:.1f}"
    )


@pytest.mark.parametrize("ws_id", sorted(WORKSHEETS))
def test_each_worksheet_shows_its_own_honest_minutes(ws_id: str):
    """The time above a worksheet is its count for what it asks now (its later sections say theirs)."""
    stated, counted = WORKSHEETS[ws_id].minutes, stop_minutes(ws_id, now_only=True)
    assert stated is not None, f"worksheets/{ws_id}.yml: state its `minutes`"
    assert abs(stated - counted) <= max(1, TOLERANCE * counted), (
        f"worksheets/{ws_id}.yml says {stated} minutes; counted {counted:.1f}"
    )
