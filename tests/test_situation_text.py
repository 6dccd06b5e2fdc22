"""Words every learner reads, whatever their situation: counts that match, goals that fit everyone."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from coursemodel.worksheets import load_worksheets

ROOT = Path(__file__).resolve().parent.parent
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def test_a_worksheet_that_counts_its_questions_counts_right():
    for ws in load_worksheets(ROOT).values():
        said = re.search(r"\b(one|two|three|four|five|six) (?:quick |short )?questions\b", ws.intro, re.I)
        if said:
            asked = sum(1 for f in ws.fields.values() if f.stores)
            assert NUMBERS[said.group(1).lower()] == asked, f"{ws.path}: says {said.group(0)!r}, asks {asked}"


def test_module_goals_offer_no_manager_talk_to_outside_candidates():
    """Objectives show to every learner: a talk with a manager fits only an internal candidate."""
    for path in sorted((ROOT / "docs" / "modules").glob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        for goal in front.get("objectives", []):
            assert "manager" not in goal.lower(), f"{path.name}: {goal}"


def test_no_template_writes_a_companys_possessive():
    """`Logistics's jobs page`: a company's name is never made possessive in a message or plan line."""
    for path in sorted((ROOT / "worksheets").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\{[a-z.-]*company[^}]*\}'s", text), path.name
