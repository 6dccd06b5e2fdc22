"""Before/after ratings: a scale's `compare: worksheet.field`, checked at build, shipped to My plan.

Error tests follow tests/test_worksheets.py: the whole first line an author reads
(file, line, what is wrong, what is allowed).
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from coursemodel.browser import course_data, field_data
from coursemodel.messagedata import unused_fields
from coursemodel.render import Renderer
from coursemodel.steps.plan import render_skeleton
from coursemodel.text import ui_strings
from coursemodel.worksheets import load_worksheets

from tests.test_model import GOOD_MODULE, load, tiny_course
from tests.test_worksheets import SCHEMA_PATH, check, error_of, write

# The earlier ratings: two scales of 1 to 5, a 0-to-10 scale and a text field.
BEFORE = """\
title: Before
sections:
  - title: Today
    fields:
      - {id: week, type: scale, label: I know my week, min_label: Not at all, max_label: Completely}
      - {id: people, type: scale, label: I have people}
      - {id: wide, type: scale, label: Wide, min: 0, max: 10}
      - {id: note, type: text, label: Note, private: true}
"""


# `compare` on a field that is not a scale.
ON_TEXT = (
    "title: T\nsections:\n  - title: S\n    fields:\n      - {id: a, type: text, label: A, compare: b}\n"
)


def after(*fields: str) -> str:
    """A later worksheet whose scales carry these extra lines (one field per argument, `id|lines`)."""
    body = ""
    for spec in fields:
        field_id, _bar, lines = spec.partition("|")
        body += f"      - id: {field_id}\n        type: scale\n        label: {field_id.title()}\n"
        body += textwrap.indent(lines, " " * 8)
    return f"title: After\nsections:\n  - title: Now\n    fields:\n{body}"


def errors_for(tmp_path: Path, text: str) -> Exception:
    """The error loading BEFORE and a later worksheet `x.yml` with `text` raises."""
    write(tmp_path, BEFORE, "before.yml")
    return error_of(tmp_path, text)


# Good files --------------------------------------------------------------------------------------


def test_a_compare_names_an_earlier_rating_in_full_and_reaches_the_course_data(tmp_path: Path):
    write(tmp_path, BEFORE, "before.yml")
    write(tmp_path, after("week|compare: before.week\n", "mood|min_label: Low\n"), "x.yml")
    worksheets = load_worksheets(tmp_path)
    week = worksheets["x"].fields["week"]
    assert week.compare == "before.week" and worksheets["x"].fields["mood"].compare == ""
    assert field_data(week, str, worksheets["x"])["compare"] == ["before", "week"]
    assert "compare" not in field_data(worksheets["x"].fields["mood"], str, worksheets["x"])


def test_a_compare_in_the_same_worksheet_is_written_in_full(tmp_path: Path):
    text = after("first|", "second|compare: first\n")
    assert load_worksheets(write(tmp_path, text))["x"].fields["second"].compare == "x.first"


def test_both_ends_of_a_compare_count_as_used(tmp_path: Path):
    write(tmp_path, BEFORE, "before.yml")
    write(tmp_path, after("week|compare: before.week\n", "other|"), "x.yml")
    warned = "\n".join(unused_fields(load_worksheets(tmp_path)))
    assert "x.yml:5: field `week`" not in warned and "before.yml:5: field `week`" not in warned
    # The rest are still reported: the check is not switched off.
    assert "worksheets/x.yml:9: field `other` is collected" in warned
    assert "worksheets/before.yml:6: field `people` is collected" in warned


# Mistakes ----------------------------------------------------------------------------------------


def test_compare_names_no_worksheet(tmp_path: Path):
    err = errors_for(tmp_path, after("week|compare: befor.week\n"))
    problem = "`compare: befor.week` names worksheet `befor`, which does not exist"
    check(err, 8, problem, "worksheets: before, x")


def test_compare_names_no_field(tmp_path: Path):
    err = errors_for(tmp_path, after("week|compare: before.weak\n"))
    check(
        err,
        8,
        "`compare: before.weak` names no field of worksheet `before`",
        "you can use its fields: week, people, wide, note",
    )


def test_compare_names_the_field_itself(tmp_path: Path):
    err = error_of(tmp_path, after("week|compare: x.week\n"))
    check(err, 8, "`compare: x.week` names this field itself", "`compare: worksheet.field`")


def test_compare_names_a_field_that_is_not_a_scale(tmp_path: Path):
    err = errors_for(tmp_path, after("week|compare: before.note\n"))
    check(err, 8, "`compare: before.note` names a text field", "naming a scale field with the same range")


def test_compare_names_a_scale_with_another_range(tmp_path: Path):
    err = errors_for(tmp_path, after("week|compare: before.wide\n"))
    check(
        err,
        8,
        "`compare: before.wide` runs from 0 to 10, but this scale runs from 1 to 5",
        "give both scales the same `min` and `max`",
    )


def test_compare_names_a_rating_that_compares_itself(tmp_path: Path):
    err = error_of(tmp_path, after("first|", "second|compare: first\n", "third|compare: second\n"))
    check(
        err,
        15,
        "`compare: second` names a field that compares with `x.first` itself",
        "compare with the first rating: `compare: x.first`",
    )


def test_an_earlier_rating_is_compared_once(tmp_path: Path):
    err = errors_for(tmp_path, after("week|compare: before.week\n", "again|compare: before.week\n"))
    check(
        err,
        12,
        "`before.week` is already compared with `x.week` (worksheets/x.yml:8)",
        "compare each earlier rating with one later rating",
    )


@pytest.mark.parametrize("value", ["Before Week", "before.week.now", "[before, week]", "true", "before."])
def test_compare_must_name_one_field(tmp_path: Path, value: str):
    err = errors_for(tmp_path, after(f"week|compare: {value}\n"))
    check(err, 8, "`compare` must name one field, not", "`compare: worksheet.field`")


def test_compare_applies_to_scales_only(tmp_path: Path):
    err = error_of(tmp_path, ON_TEXT)
    check(err, 5, "`compare` does not apply to a text field", "a text field takes: id")


# The JSON Schema agrees --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    """A validator for the committed schema."""
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_the_schema_takes_compare_on_a_scale_only(validator):
    assert not list(validator.iter_errors(yaml.safe_load(after("week|compare: before.week\n"))))
    assert list(validator.iter_errors(yaml.safe_load(after("week|compare: Before Week\n"))))
    assert list(validator.iter_errors(yaml.safe_load(ON_TEXT)))


# In a course -------------------------------------------------------------------------------------

SECOND_MODULE = GOOD_MODULE.replace("number: 1", "number: 2") + "\n<!-- worksheet: x -->\n"


def course_with_two_self_checks(tmp_path: Path, hide: str = "") -> object:
    """Module 1 places `before`, module 2 places `x` (whose `week` compares); `hide` a module's slug."""
    config = tiny_course(
        tmp_path,
        {
            "docs/modules/01-plain.md": GOOD_MODULE + "\n<!-- worksheet: before -->\n",
            "docs/modules/02-later.md": SECOND_MODULE,
            "worksheets/before.yml": BEFORE,
            "worksheets/x.yml": after("week|compare: before.week\n"),
        },
    )
    if hide:
        extra = f"extra:\n  course:\n    modules:\n      hide: [{hide}]\n"
        config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return load(config)


def empty_plan(course) -> str:
    """The empty My plan the build writes for this course."""
    return render_skeleton(course_data(course, str), "plan/", Renderer(ui_strings("en")))


def test_the_empty_plan_shows_how_things_have_moved_with_a_link_to_the_first_rating(tmp_path: Path):
    course = course_with_two_self_checks(tmp_path)
    assert course.worksheets["x"].fields["week"].compare == "before.week"
    plan = empty_plan(course)
    assert '<section class="bb-plan-moved" aria-labelledby="bb-plan-moved-title">' in plan
    assert '<a class="bb-plan-go" href="../modules/01-plain/#worksheet-before">Go to Before</a>' in plan
    # Between the messages and every answer, as plan.js draws it.
    assert plan.index("bb-plan-messages") < plan.index("bb-plan-moved") < plan.index("bb-plan-all")


def test_a_hidden_earlier_rating_drops_the_compare_silently(tmp_path: Path):
    course = course_with_two_self_checks(tmp_path, hide="01-plain")
    assert "before" not in course.worksheets, "hidden with its module"
    assert course.worksheets["x"].fields["week"].compare == ""
    assert not [w for w in course.warnings if "`week`" in w], "no warning: a center may hide module 1"
    fields = course_data(course, str)["worksheets"]["x"]["sections"][0]["fields"]
    assert "compare" not in fields[0]
    assert "bb-plan-moved" not in empty_plan(course), "nothing to compare: no section"
