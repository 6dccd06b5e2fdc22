"""Honest minutes: each module's stated time is within 30% of the time counted the way
"How this course was built" says (docs/about/how-this-course-was-built.md, "How we count
the minutes"): the words of the longest version one learner sees at 180 a minute, plus a
minute for each answer of the worksheets the lesson places (0.4 for a quick rating on a scale)
and each checklist item.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from coursemodel.errors import split_front_matter
from coursemodel.modules import load_sources, parse_module
from coursemodel.paths import FLAG, find_paths, path_names
from coursemodel.worksheets import load_worksheets

from tests.conftest import ROOT

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
    doing = sum(answers(ws_id) for ws_id in MARKER.findall(body)) + len(TASK_ITEM.findall(body))
    return (longest + header) / WORDS_A_MINUTE + doing, module.minutes


def test_counting_sees_path_blocks_and_worksheets():
    """The count is not blind: the longest learner's path and a placed worksheet both add time."""
    body = "One two three.\n\n<!-- path: internal -->\nFour five six seven.\n<!-- end path -->\n"
    assert words(seen_by(body, "internal", False, "x.md")) == 7
    assert words(seen_by(body, "application", False, "x.md")) == 3
    assert answers("interview-debrief") > 5


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_stated_minutes_are_within_30_percent_of_the_counted_time(path: Path):
    counted, stated = counted_minutes(path)
    assert abs(stated - counted) <= TOLERANCE * counted, (
        f"{path.name} says {stated} minutes; counted {counted:.1f} "
        f"(reading at {WORDS_A_MINUTE} words a minute, a minute per answer and checklist item)"
    )
