"""Honest minutes: each module's stated time is within 30% of the time counted the way
"How this course was built" says (docs/about/how-this-course-was-built.md, "How we count
the minutes"): the words of the longest version one learner sees at 180 a minute, plus a
minute for each answer of the worksheets the lesson places (0.4 for a quick rating on a scale)
and each checklist item.

A worksheet made only of scenarios is practice: an optional stop with its own time (its
`minutes`, shown above it). The module must say it is optional, and does not count it; its own
time counts its words (intro, labels, situations, choices and comments) at 180 a minute plus a
minute for each choice.
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
TOLERANCE = 0.3
# Picking a number on a scale takes under half a minute (the self-check's five ratings: two).
RATING = 0.4
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


def answers(ws_id: str) -> float:
    """The minutes of a worksheet's answers: every field but a message (which stores nothing)."""
    fields = [field for field in WORKSHEETS[ws_id].fields.values() if field.type != "message"]
    return sum(RATING if field.type == "scale" else 1 for field in fields)


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
    placed = [ws_id for ws_id in MARKER.findall(body) if not is_practice(ws_id)]
    doing = sum(answers(ws_id) for ws_id in placed) + len(TASK_ITEM.findall(body))
    return (longest + header) / WORDS_A_MINUTE + doing, module.minutes


def test_counting_sees_path_blocks_and_worksheets():
    """The count is not blind: the longest learner's path and a placed worksheet both add time."""
    body = "One two three.\n\n<!-- path: internal -->\nFour five six seven.\n<!-- end path -->\n"
    assert words(seen_by(body, "internal", False, "x.md")) == 7
    assert words(seen_by(body, "application", False, "x.md")) == 3
    assert answers("interview-debrief") > 5
    # A practice worksheet's reading counts too: a thousand words and more of situations and comments.
    assert practice_minutes("practice") > answers("practice") + 5


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_stated_minutes_are_within_30_percent_of_the_counted_time(path: Path):
    counted, stated = counted_minutes(path)
    assert abs(stated - counted) <= TOLERANCE * counted, (
        f"{path.name} says {stated} minutes; counted {counted:.1f} "
        f"(reading at {WORDS_A_MINUTE} words a minute, a minute per answer and checklist item)"
    )


PLACED_PRACTICE = [
    (path, ws_id)
    for path in MODULES
    for ws_id in MARKER.findall(path.read_text(encoding="utf-8"))
    if is_practice(ws_id)
]


def test_the_course_places_practice():
    """The practice check below is not empty: Module 5 places the practice worksheet."""
    assert ("05-keep-the-door-open", "practice") in [(path.stem, ws_id) for path, ws_id in PLACED_PRACTICE]


@pytest.mark.parametrize("path, ws_id", PLACED_PRACTICE, ids=lambda v: getattr(v, "stem", v))
def test_practice_is_an_optional_stop_with_its_own_honest_minutes(path: Path, ws_id: str):
    """Left out of the module's time, practice says it is optional and states its own time."""
    body = split_front_matter(path.read_text(encoding="utf-8"))[1]
    before = body[: body.index(f"<!-- worksheet: {ws_id} -->")]
    # The text a learner reads just before it: from the last heading or worksheet down.
    lead_in = re.split(r"^#+ .*$|<!--\s*worksheet:[^>]*-->", before, flags=re.M)[-1]
    assert "optional" in lead_in.lower(), f"{path.name}: say that the {ws_id} worksheet is optional"
    stated, counted = WORKSHEETS[ws_id].minutes, practice_minutes(ws_id)
    assert stated is not None, f"worksheets/{ws_id}.yml: state its `minutes`"
    assert abs(stated - counted) <= TOLERANCE * counted, (
        f"worksheets/{ws_id}.yml says {stated} minutes; counted {counted:.1f}"
    )
