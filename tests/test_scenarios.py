"""Scenario fields (practice with feedback): validation, the schema, the form, the course data.

Errors are checked the way an author reads them: `path:line: what is wrong; what is allowed`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from coursemodel.browser import core_field, field_data, page_worksheet
from coursemodel.errors import AuthorError
from coursemodel.formats import build_schema, field_keys
from coursemodel.messagedata import unused_fields
from coursemodel.render import Renderer, render_worksheet
from coursemodel.text import make_markdown, ui_strings
from coursemodel.worksheets import load_worksheets

from tests.conftest import ROOT
from tests.test_hostile import live_markup
from tests.test_worksheet_render import Elements
from tests.test_worksheets import check, error_of, write

HEAD = """\
title: Practice
sections:
  - title: One
    fields:
      - id: fit
        type: scenario
        label: Only "culture fit"
"""
SITUATION = "        situation: They said you were not the right fit. Nothing more.\n"
OPTIONS = """\
        options:
          - text: Ask one question
            comment: Calm and *specific*.
          - id: argue
            text: Argue
            comment: It closes the door.
"""
GOOD = HEAD + SITUATION + OPTIONS


def options(count: int) -> str:
    """An `options:` block with `count` valid entries."""
    return "        options:\n" + "".join(
        f"          - {{text: Choice {n}, comment: Comment {n}.}}\n" for n in range(count)
    )


# Good files --------------------------------------------------------------------------------------


def test_a_scenario_loads_with_its_situation_options_and_comments(tmp_path: Path):
    one = load_worksheets(write(tmp_path, GOOD))["x"].fields["fit"]
    assert one.type == "scenario" and one.situation == "They said you were not the right fit. Nothing more."
    assert [(o.slug, o.text, o.comment, o.line) for o in one.options] == [
        ("ask-one-question", "Ask one question", "Calm and *specific*.", 10),
        ("argue", "Argue", "It closes the door.", 12),
    ]
    assert one.names() == ["fit"]


def test_a_scenario_is_never_an_unused_answer(tmp_path: Path):
    """Practice is the learner's own: no message needs it and no warning asks for `private`."""
    worksheets = load_worksheets(write(tmp_path, GOOD))
    assert worksheets["x"].fields["fit"].private
    assert unused_fields(worksheets) == []


def test_keys_a_scenario_takes():
    assert field_keys("scenario") == ["id", "type", "label", "situation", "options"]


# Errors ------------------------------------------------------------------------------------------


def test_missing_situation(tmp_path: Path):
    err = error_of(tmp_path, HEAD + OPTIONS)
    check(err, 5, "missing `situation`", "two to four sentences (field `fit`)")


def test_empty_situation(tmp_path: Path):
    err = error_of(tmp_path, HEAD + '        situation: ""\n' + OPTIONS)
    check(err, 8, "`situation` must be text, not empty text")


def test_missing_options(tmp_path: Path):
    check(error_of(tmp_path, HEAD + SITUATION), 5, "missing `options`", "comment:")


def test_option_without_comment(tmp_path: Path):
    text = GOOD.replace("            comment: It closes the door.\n", "")
    check(error_of(tmp_path, text), 12, "missing `comment`", "each option needs a coach's `comment`")


def test_option_without_text(tmp_path: Path):
    text = GOOD.replace("          - text: Ask one question\n            comment:", "          - comment:")
    check(error_of(tmp_path, text), 10, "missing `text`", "each option needs its `text`")


def test_unknown_key_in_an_option(tmp_path: Path):
    text = GOOD.replace(
        "            comment: It closes the door.\n", "            coment: It closes the door.\n"
    )
    check(
        error_of(tmp_path, text),
        14,
        "unknown key `coment` in a scenario option",
        "allowed: id, text, comment",
    )


def test_option_that_is_plain_text(tmp_path: Path):
    text = HEAD + SITUATION + "        options:\n          - Ask one question\n          - Argue\n"
    check(error_of(tmp_path, text), 10, "each scenario option must be a mapping, not text", "{text:")


def test_duplicate_option_ids(tmp_path: Path):
    text = GOOD.replace(
        "          - text: Ask one question\n", "          - id: argue\n            text: Ask\n"
    )
    err = error_of(tmp_path, text)
    check(
        err, 13, "option `Argue` is stored as `argue`, like `Ask` (line 10)", "give each option its own `id`"
    )


def test_duplicate_option_texts(tmp_path: Path):
    text = (
        HEAD
        + SITUATION
        + "        options:\n          - {text: Ask!, comment: A.}\n          - {text: ask, comment: B.}\n"
    )
    check(error_of(tmp_path, text), 11, "option `ask` is stored as `ask`, like `Ask!` (line 10)")


def test_option_id_not_valid(tmp_path: Path):
    text = GOOD.replace("id: argue", "id: Argue Now")
    check(error_of(tmp_path, text), 12, "the option id `Argue Now` is not valid", "lower-case letters")


@pytest.mark.parametrize("count", [1, 7])
def test_too_few_or_too_many_options(tmp_path: Path, count: int):
    err = error_of(tmp_path, HEAD + SITUATION + options(count))
    check(err, 9, f"the scenario has {count} option", "from 2 to 6")


@pytest.mark.parametrize("key", ["help: Think.", "example: Ask.", "plan: true", "private: true"])
def test_keys_that_do_not_apply_to_a_scenario(tmp_path: Path, key: str):
    name = key.split(":")[0]
    err = error_of(tmp_path, GOOD + f"        {key}\n")
    check(
        err, 15, f"`{name}` does not apply to a scenario field", "takes: id, type, label, situation, options"
    )


def test_situation_clashing_with_another_field_id(tmp_path: Path):
    text = GOOD + "      - {id: fit-situation, type: text, label: Other}\n"
    check(error_of(tmp_path, text), 15, "clashes with the scenario situation of field `fit`")


# The JSON Schema agrees ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    """The committed schema's validator."""
    return jsonschema.Draft202012Validator(json.loads((ROOT / "worksheets/schema.json").read_text("utf-8")))


REJECTED = {
    "missing situation": HEAD + OPTIONS,
    "option without comment": GOOD.replace("            comment: It closes the door.\n", ""),
    "unknown key in an option": GOOD.replace("comment: It closes", "coment: It closes"),
    "too few options": HEAD + SITUATION + options(1),
    "too many options": HEAD + SITUATION + options(7),
    "plain-text option": HEAD + SITUATION + "        options: [A, B]\n",
    "help on a scenario": GOOD + "        help: Think.\n",
}


def test_schema_accepts_a_scenario(validator):
    assert not list(validator.iter_errors(yaml.safe_load(GOOD)))
    assert build_schema()["$defs"]["field-scenario"]["required"] == [
        "id",
        "type",
        "label",
        "situation",
        "options",
    ]


@pytest.mark.parametrize("name", list(REJECTED))
def test_schema_and_validator_both_reject(validator, tmp_path: Path, name: str):
    text = REJECTED[name]
    assert list(validator.iter_errors(yaml.safe_load(text))), f"the schema accepts: {name}"
    with pytest.raises(AuthorError):
        load_worksheets(write(tmp_path, text))


# The form ---------------------------------------------------------------------------------------


def render(tmp_path: Path, text: str = GOOD) -> str:
    """Load and render the worksheet in `text`."""
    return render_worksheet(load_worksheets(write(tmp_path, text))["x"], make_markdown())


def test_the_form_is_a_fieldset_with_the_situation_radios_and_every_comment(tmp_path: Path):
    out = render(tmp_path)
    doc = Elements(out)
    group = next(a for a in doc.all("fieldset") if "bb-scenario" in a.get("class", ""))
    assert group["aria-describedby"] == "x--fit-situation"
    assert '<legend id="x--fit-legend">Only "culture fit"</legend>' in out
    assert '<div class="bb-scenario__situation" id="x--fit-situation">\n<p>They said' in out
    assert '<p class="bb-scenario__ask">What would you do?</p>' in out
    radios = [a for a in doc.all("input") if a.get("name") == "fit"]
    assert [(a["type"], a["value"], a["id"]) for a in radios] == [
        ("radio", "ask-one-question", "x--fit--ask-one-question"),
        ("radio", "argue", "x--fit--argue"),
    ]
    assert doc.label_text["x--fit--argue"] == "Argue"
    said = next(a for a in doc.all("div") if "data-scenario-said" in a)
    assert said["role"] == "status" and said["aria-live"] == "polite"
    details = re.search(r'<details class="bb-scenario__comments">(.*?)</details>', out, re.S).group(1)
    assert "<summary>What a coach would say</summary>" in details
    assert '<li data-option="argue">' in details and "It closes the door." in details
    assert '<p class="bb-scenario__comment">Calm and <em>specific</em>.</p>' in details
    assert details.count('<span class="bb-scenario__yours" hidden>') == 2
    # Closed until the learner opens it; without scripts it holds every comment.
    assert '<details class="bb-scenario__comments" open' not in out


def test_the_form_speaks_the_course_language(tmp_path: Path):
    ws = load_worksheets(write(tmp_path, GOOD))["x"]
    out = Renderer(ui_strings("es"), make_markdown()).worksheet_form(ws)
    assert "¿Qué harías?" in out and "<summary>Lo que diría una persona orientadora</summary>" in out


def test_author_text_in_a_scenario_is_inert(tmp_path: Path):
    text = HEAD + (
        "        situation: \"Hi <script>alert('situation')</script> <img src=x onerror=alert(1)>\"\n"
        "        options:\n"
        '          - {text: "<b onmouseover=alert(2)>A</b>", comment: "[c](javascript:alert(3))"}\n'
        "          - {text: B, comment: \"<script>alert('comment')</script>\"}\n"
    )
    out = render(tmp_path, text)
    assert live_markup(out) == [] and "<script" not in out
    assert (
        "&lt;script&gt;alert('comment')&lt;/script&gt;" in out and "&lt;script&gt;alert('situation')" in out
    )


def test_a_comment_that_makes_a_list_is_an_error_at_its_option(tmp_path: Path):
    text = GOOD.replace("comment: It closes the door.", 'comment: "- one\\n- two"')
    check(error_of_render(tmp_path, text), 12, "makes more than one line of text")


def error_of_render(tmp_path: Path, text: str) -> AuthorError:
    """The AuthorError rendering the worksheet raises."""
    with pytest.raises(AuthorError) as info:
        render(tmp_path, text)
    return info.value


# The course data --------------------------------------------------------------------------------


def test_course_data_has_options_and_comments_for_my_plan_only(tmp_path: Path):
    one = load_worksheets(write(tmp_path, GOOD))["x"].fields["fit"]
    entry = field_data(one, lambda s: s.replace("*", ""))
    assert entry["names"] == ["fit"] and entry["type"] == "scenario"
    assert entry["options"] == [["ask-one-question", "Ask one question"], ["argue", "Argue"]]
    assert entry["comments"] == [["ask-one-question", "Calm and specific."], ["argue", "It closes the door."]]
    # Every page counts answers by storage name; the page with the form has the options in its markup.
    assert core_field(entry) == {"id": "fit", "names": ["fit"]}
    page = page_worksheet({"sections": [{"fields": [entry]}]})["sections"][0]["fields"][0]
    assert "comments" not in page and "options" not in page


def test_the_practice_worksheet_has_at_least_four_scenarios_of_three_or_four_choices():
    practice = load_worksheets(ROOT)["practice"]
    scenarios = [f for f in practice.fields.values() if f.type == "scenario"]
    assert len(scenarios) >= 4 and practice.minutes
    for one in scenarios:
        assert 3 <= len(one.options) <= 4, one.id
        assert all(o.comment for o in one.options)
    module = (ROOT / "docs/modules/05-keep-the-door-open.md").read_text(encoding="utf-8")
    assert "<!-- worksheet: practice -->" in module.splitlines()
