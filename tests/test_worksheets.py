"""Worksheet files: one test per mistake an author can make, the model, and the JSON Schema.

Each error test checks the whole first line an author reads: the file, the
line number, what is wrong and (where it helps) what is allowed.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from coursemodel.errors import AuthorError, load_yaml
from coursemodel.formats import COMMON_KEYS, TYPE_KEYS, TYPES, build_schema, field_keys
from coursemodel.text import slugify
from coursemodel.worksheets import load_worksheets

from tests.conftest import ROOT

BASE = """\
title: Test
sections:
  - title: One
    fields:
      - id: name
        type: text
        label: Name
"""

# A field of every type, valid, used to build variants.
ALL_TYPES = """\
title: All types
intro: Some *intro*.
minutes: 5
sections:
  - title: One
    fields:
      - id: name
        type: text
        label: Name
        placeholder: e.g. Sam
      - id: notes
        type: textarea
        label: Notes
        rows: 2
      - id: when
        type: date
        label: When
        plan: true
      - id: mood
        type: scale
        label: Mood
        min: 0
        max: 10
        min_label: Low
        max_label: High
      - id: pick
        type: choice
        label: Pick one
        options: [Yes please, No thanks]
      - id: picks
        type: multichoice
        label: Pick some
        options: [Red, Blue]
      - id: todo
        type: checklist
        label: To do
        items: [Send a note!, Call Sam]
      - id: lines
        type: list
        label: Lines
        count: 2
      - id: log
        type: table
        label: Log
        columns: [Who, {label: When, type: date}]
        rows: 2
      - id: letter
        type: message
        label: Letter
        template: |
          Hi {name}, see you {when}.
      - id: fit
        type: scenario
        label: Only "culture fit"
        situation: They said you were not the right *fit*.
        options:
          - {text: Ask one question, comment: Calm and *specific*.}
          - {id: argue, text: Argue, comment: It closes the door.}
      - id: matters
        type: rank
        label: In order
        items: [Pay, The team]
"""


def write(tmp_path: Path, text: str | bytes, name: str = "x.yml") -> Path:
    """Write one worksheet file under tmp_path/worksheets/ and return the project root."""
    folder = tmp_path / "worksheets"
    folder.mkdir(exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return tmp_path


def error_of(tmp_path: Path, text: str | bytes, name: str = "x.yml") -> AuthorError:
    """Return the AuthorError that loading a worksheet with `text` raises."""
    write(tmp_path, text, name)
    with pytest.raises(AuthorError) as info:
        load_worksheets(tmp_path)
    return info.value


def check(err: AuthorError, line: int, *parts: str, path: str = "worksheets/x.yml") -> None:
    """Assert an error's location and that its message contains every part, on one line."""
    message = str(err)
    assert message.startswith(f"{path}:{line}: "), message
    assert (err.path, err.line) == (path, line)
    assert "\n" not in message and "Traceback" not in message
    for part in parts:
        assert part in message, f"{part!r} not in {message!r}"


# Good files --------------------------------------------------------------------------------------


def test_every_type_loads_into_the_model(tmp_path: Path):
    ws = load_worksheets(write(tmp_path, ALL_TYPES))["x"]
    assert (ws.id, ws.path, ws.title, ws.minutes) == ("x", "worksheets/x.yml", "All types", 5)
    fields = ws.fields
    assert [f.type for f in fields.values()] == list(TYPES)
    assert [o.slug for o in fields["pick"].options] == ["yes-please", "no-thanks"]
    assert fields["mood"].min == 0 and fields["mood"].max == 10 and fields["mood"].min_label == "Low"
    assert [(c.slug, c.type) for c in fields["log"].columns] == [("who", "text"), ("when", "date")]
    assert fields["when"].plan is True and fields["name"].plan is False
    assert fields["notes"].rows == 2 and fields["lines"].count == 2
    assert fields["letter"].template == "Hi {name}, see you {when}."
    assert fields["todo"].names() == ["todo.send-a-note", "todo.call-sam"]
    assert fields["lines"].names() == ["lines.0", "lines.1"]
    assert fields["log"].names() == ["log.0.who", "log.0.when", "log.1.who", "log.1.when"]
    assert fields["picks"].names() == ["picks"] and fields["letter"].names() == []
    assert fields["fit"].situation == "They said you were not the right *fit*."
    assert [(o.slug, o.text, o.comment) for o in fields["fit"].options] == [
        ("ask-one-question", "Ask one question", "Calm and *specific*."),
        ("argue", "Argue", "It closes the door."),
    ]
    assert fields["fit"].names() == ["fit"] and fields["fit"].private, "practice is the learner's own"
    assert fields["matters"].names() == ["matters.pay", "matters.the-team"]


def test_defaults(tmp_path: Path):
    text = BASE + "      - {id: s, type: scale, label: S}\n      - {id: l, type: list, label: L}\n"
    text += (
        "      - {id: t, type: table, label: T, columns: [A]}\n      - {id: a, type: textarea, label: A2}\n"
    )
    fields = load_worksheets(write(tmp_path, text))["x"].fields
    assert (fields["s"].min, fields["s"].max, fields["l"].count) == (1, 5, 3)
    assert (fields["t"].rows, fields["a"].rows) == (3, 4)


def test_the_real_worksheets_load():
    worksheets = load_worksheets(ROOT)
    assert len(worksheets) >= 10 and "interview-debrief" in worksheets
    used = {f.type for ws in worksheets.values() for f in ws.fields.values()}
    assert used == set(TYPES), "the course's worksheets exercise every type"


def test_load_accepts_the_folder_itself(tmp_path: Path):
    write(tmp_path, BASE)
    assert list(load_worksheets(tmp_path / "worksheets")) == ["x"]
    assert load_worksheets(tmp_path / "nothing-here") == {}


def test_slugify():
    assert slugify("Send a thank-you note!") == "send-a-thank-you-note"
    assert slugify("  Café  au   lait ") == "cafe-au-lait"
    assert slugify("¿Qué pasó?") == "que-paso"
    assert slugify("!!!") == ""


# Errors: the file as a whole ---------------------------------------------------------------------


def test_yaml_syntax_error(tmp_path: Path):
    err = error_of(tmp_path, "title: Test\nintro: a: b\nsections: []\n")
    check(err, 2, "YAML syntax error", "indent with spaces")


def test_tab_indentation(tmp_path: Path):
    err = error_of(tmp_path, "title: Test\nsections:\n\t- title: One\n")
    check(err, 3, "tab character", "indent with spaces")


def test_empty_file(tmp_path: Path):
    check(error_of(tmp_path, "\n  \n"), 1, "the worksheet file is empty", "`title:` and `sections:`")


def test_non_utf8_file(tmp_path: Path):
    err = error_of(tmp_path, "title: Test\nintro: Caf\xe9\n".encode("latin-1"))
    check(err, 2, "not UTF-8", "save it with UTF-8 encoding")


def test_top_level_not_a_mapping(tmp_path: Path):
    check(error_of(tmp_path, "- title: Test\n"), 1, "the top level must be a mapping", "not a list")


def test_comment_only_file_is_not_a_mapping(tmp_path: Path):
    check(error_of(tmp_path, "# nothing yet\n"), 1, "the top level must be a mapping of keys, not nothing")


def test_unknown_top_key(tmp_path: Path):
    err = error_of(tmp_path, BASE + "colour: red\n")
    check(
        err,
        8,
        "unknown key `colour` at the top of a worksheet",
        "allowed: title, intro, minutes, private, sections",
    )


def test_missing_title(tmp_path: Path):
    check(error_of(tmp_path, BASE.replace("title: Test\n", "")), 1, "missing `title`")


def test_missing_sections(tmp_path: Path):
    check(error_of(tmp_path, "title: Test\n"), 1, "missing `sections`")


def test_empty_sections(tmp_path: Path):
    check(error_of(tmp_path, "title: Test\nsections: []\n"), 2, "`sections` must be a non-empty list")


def test_minutes_not_a_number(tmp_path: Path):
    err = error_of(tmp_path, BASE + "minutes: ten\n")
    check(err, 8, "`minutes` must be a whole number, not text 'ten'", "from 1 to 240")


def test_minutes_out_of_range(tmp_path: Path):
    check(error_of(tmp_path, BASE + "minutes: 0\n"), 8, "`minutes` is 0", "from 1 to 240")


# Errors: ids of worksheets -----------------------------------------------------------------------


def test_duplicate_worksheet_id(tmp_path: Path):
    write(tmp_path, BASE, "x.yaml")
    err = error_of(tmp_path, BASE, "x.yml")
    check(err, 1, "duplicate worksheet id `x`: worksheets/x.yaml has the same name", "not both")


def test_file_name_not_a_valid_id(tmp_path: Path):
    err = error_of(tmp_path, BASE, "Interview Debrief.yml")
    check(
        err,
        1,
        "the file name `Interview Debrief` is not a valid worksheet id",
        "lower-case letters",
        path="worksheets/Interview Debrief.yml",
    )


def test_reserved_id_index(tmp_path: Path):
    err = error_of(tmp_path, BASE, "index.yml")
    check(err, 1, "`index` is taken by the All worksheets page", path="worksheets/index.yml")


def test_other_files_are_ignored(tmp_path: Path):
    write(tmp_path, BASE)
    (tmp_path / "worksheets" / "README.md").write_text("notes", encoding="utf-8")
    (tmp_path / "worksheets" / "schema.json").write_text("{}", encoding="utf-8")
    assert list(load_worksheets(tmp_path)) == ["x"]


# Errors: sections and fields ---------------------------------------------------------------------


def test_unknown_section_key(tmp_path: Path):
    err = error_of(tmp_path, BASE.replace("  - title: One\n", "  - title: One\n    colour: red\n"))
    check(err, 4, "unknown key `colour` in a section", "allowed: title, intro, fields")


def test_section_not_a_mapping(tmp_path: Path):
    check(error_of(tmp_path, "title: T\nsections:\n  - One\n"), 3, "a section must be a mapping, not text")


def test_section_without_fields(tmp_path: Path):
    err = error_of(tmp_path, "title: T\nsections:\n  - title: One\n")
    check(err, 3, "missing `fields`", "a section needs a list of `fields`")


def test_unknown_field_key(tmp_path: Path):
    err = error_of(tmp_path, BASE + "        colour: red\n")
    check(
        err, 8, "unknown key `colour` in a field", "a text field takes: id, type, label, help, example, plan"
    )


def test_key_of_another_type(tmp_path: Path):
    err = error_of(tmp_path, BASE + "        options: [A, B]\n")
    check(err, 8, "`options` does not apply to a text field", "placeholder")


def test_example_does_not_apply_to_a_message(tmp_path: Path):
    text = BASE + "      - {id: m, type: message, label: M, template: Hi, example: Hi there}\n"
    check(error_of(tmp_path, text), 8, "`example` does not apply to a message field", "template")


def test_unknown_type_lists_allowed(tmp_path: Path):
    err = error_of(tmp_path, BASE.replace("type: text", "type: textbox"))
    check(err, 6, "unknown field type `textbox`", "allowed types: " + ", ".join(TYPES))


def test_missing_type(tmp_path: Path):
    check(error_of(tmp_path, BASE.replace("        type: text\n", "")), 5, "the field has no `type`")


def test_missing_label(tmp_path: Path):
    err = error_of(tmp_path, BASE.replace("        label: Name\n", ""))
    check(err, 5, "missing `label`", "every field needs a `label` (field `name`)")


def test_empty_label(tmp_path: Path):
    check(
        error_of(tmp_path, BASE.replace("label: Name", 'label: ""')),
        7,
        "`label` must be text, not empty text",
    )


def test_missing_id(tmp_path: Path):
    check(error_of(tmp_path, BASE.replace("      - id: name\n        type", "      - type")), 5, "no `id`")


@pytest.mark.parametrize("bad", ["Name", "went_well", "-name", "two--hyphens", "42 things"])
def test_field_id_not_valid(tmp_path: Path, bad: str):
    err = error_of(tmp_path, BASE.replace("id: name", f"id: {bad}"))
    check(err, 5, f"field id `{bad}` is not valid", "lower-case letters, digits and single hyphens")


def test_duplicate_field_id(tmp_path: Path):
    text = BASE + "  - title: Two\n    fields:\n      - {id: name, type: date, label: Again}\n"
    err = error_of(tmp_path, text)
    check(err, 10, "duplicate field id `name` (first at line 5)", "each field id once per worksheet")


def test_field_id_clashing_with_help_id(tmp_path: Path):
    text = BASE + "      - {id: name-help, type: text, label: Other}\n"
    check(error_of(tmp_path, text), 8, "clashes with the help text of field `name`")


def test_field_not_a_mapping(tmp_path: Path):
    check(error_of(tmp_path, BASE + "      - just text\n"), 8, "a field must be a mapping, not text")


def test_plan_not_a_boolean(tmp_path: Path):
    err = error_of(tmp_path, BASE + "        plan: 3\n")
    check(err, 8, "`plan` must be true, false or an action line, not a number", "`plan: true` or `plan:")


# Errors: type-specific values --------------------------------------------------------------------


def test_rows_not_a_number(tmp_path: Path):
    text = BASE.replace("type: text", "type: textarea") + "        rows: many\n"
    check(error_of(tmp_path, text), 8, "`rows` must be a whole number, not text 'many'", "from 1 to 30")


def test_table_rows_too_many(tmp_path: Path):
    text = BASE + "      - {id: t, type: table, label: T, columns: [A], rows: 500}\n"
    check(error_of(tmp_path, text), 8, "`rows` is 500", "from 1 to 50")


def test_list_count_boolean(tmp_path: Path):
    text = BASE + "      - id: l\n        type: list\n        label: L\n        count: true\n"
    check(error_of(tmp_path, text), 11, "`count` must be a whole number, not true/false")


def scale(lines: str) -> str:
    """Return BASE plus a scale field with extra lines."""
    return BASE + "      - id: s\n        type: scale\n        label: S\n" + textwrap.indent(lines, " " * 8)


def test_scale_min_not_below_max(tmp_path: Path):
    err = error_of(tmp_path, scale("min: 5\nmax: 5\n"))
    check(err, 12, "the scale runs from 5 to 5: `min` must be below `max`", "`min: 1` and `max: 5`")


def test_scale_min_above_default_max(tmp_path: Path):
    check(error_of(tmp_path, scale("min: 7\n")), 11, "from 7 to 5")


def test_scale_non_integer(tmp_path: Path):
    check(
        error_of(tmp_path, scale("min: 1.5\nmax: 5\n")), 11, "`min` must be a whole number, not a number 1.5"
    )


def test_scale_too_many_points(tmp_path: Path):
    err = error_of(tmp_path, scale("min: 0\nmax: 20\n"))
    check(err, 12, "the scale from 0 to 20 has 21 points", "at most 11 (e.g. 0 to 10)")


def test_options_missing(tmp_path: Path):
    check(error_of(tmp_path, BASE.replace("type: text", "type: choice")), 5, "missing `options`")


def test_options_empty(tmp_path: Path):
    text = BASE.replace("type: text", "type: choice") + "        options: []\n"
    check(error_of(tmp_path, text), 8, "`options` must be a non-empty list, not an empty list")


def test_options_not_a_list(tmp_path: Path):
    text = BASE.replace("type: text", "type: multichoice") + "        options: Red, Blue\n"
    check(error_of(tmp_path, text), 8, "`options` must be a non-empty list, not text")


def test_options_duplicate_after_slugging(tmp_path: Path):
    text = (
        BASE.replace("type: text", "type: choice") + '        options:\n          - Yes!\n          - "yes"\n'
    )
    err = error_of(tmp_path, text)
    check(
        err, 10, "`yes` in `options` is the same as `Yes!` (line 9)", "(`yes`)", "differ by a letter or digit"
    )


def test_bare_yes_option_says_to_quote_it(tmp_path: Path):
    text = BASE.replace("type: text", "type: choice") + "        options:\n          - Yes\n          - No\n"
    err = error_of(tmp_path, text)
    check(err, 9, "each of `options` must be text, not true/false", '`- "Yes"`', "YAML reads bare yes")


def test_item_without_letters(tmp_path: Path):
    text = (
        BASE.replace("type: text", "type: checklist")
        + "        items:\n          - Call\n          - '!!!'\n"
    )
    check(error_of(tmp_path, text), 10, "`!!!` in `items` has no letters or digits")


def test_item_not_text(tmp_path: Path):
    text = BASE.replace("type: text", "type: checklist") + "        items:\n          - [a, b]\n"
    check(error_of(tmp_path, text), 9, "each of `items` must be text, not a list")


def test_an_item_mapping_names_its_id_and_text(tmp_path: Path):
    """`{id, text}` stores the answer under the id; any other key is an error at its line."""
    text = BASE.replace("type: text", "type: checklist") + "        items:\n          - {a: b}\n"
    check(error_of(tmp_path, text), 9, "unknown key `a` in an entry of `items`", "allowed: id, text")
    text = BASE.replace("type: text", "type: choice") + "        options:\n          - {id: My Id, text: T}\n"
    check(error_of(tmp_path, text), 9, "the `id` of an entry of `options` is not valid")


def test_unknown_table_column_key(tmp_path: Path):
    text = BASE + "      - id: t\n        type: table\n        label: T\n        columns:\n"
    text += "          - Who\n          - {label: When, kind: date}\n"
    check(error_of(tmp_path, text), 13, "unknown key `kind` in a table column", "allowed: label, type")


def test_unknown_column_type(tmp_path: Path):
    text = BASE + "      - {id: t, type: table, label: T, columns: [{label: N, type: number}]}\n"
    check(error_of(tmp_path, text), 8, "unknown column type `number`", "allowed: text, date")


def test_duplicate_columns(tmp_path: Path):
    text = BASE + "      - id: t\n        type: table\n        label: T\n        columns:\n"
    text += "          - Who\n          - WHO?\n"
    check(error_of(tmp_path, text), 13, "`WHO?` in `columns` is the same as `Who` (line 12)")


# Errors: message placeholders --------------------------------------------------------------------


def message(template_lines: str) -> str:
    """Return BASE plus a message field whose block template has these lines."""
    body = textwrap.indent(template_lines, " " * 10)
    return BASE + f"      - id: m\n        type: message\n        label: M\n        template: |\n{body}"


def test_placeholder_names_no_field(tmp_path: Path):
    err = error_of(tmp_path, message("Dear {name},\n\nThanks from {nmae}.\n"))
    check(err, 14, "`{nmae}` names no field of worksheet `x`", "you can use its fields: name")


def test_placeholder_names_no_field_in_other_worksheet(tmp_path: Path):
    write(tmp_path, BASE, "other.yml")
    err = error_of(tmp_path, message("Hi\n{other.company}\n"))
    check(err, 13, "`{other.company}` names no field of worksheet `other`", "you can use its fields: name")


def test_placeholder_names_no_worksheet(tmp_path: Path):
    err = error_of(tmp_path, message("Hi {debrief.name}\n"))
    check(
        err,
        12,
        "`{debrief.name}` names worksheet `debrief`, which does not exist",
        "worksheets: x",
    )


def test_placeholder_names_a_list_field(tmp_path: Path):
    text = message("Hi {name} {things}\n") + "      - {id: things, type: list, label: Things}\n"
    err = error_of(tmp_path, text)
    check(err, 12, "`{things}` names a list field", "name a text, textarea, date, scale field (name)")


def test_placeholder_malformed(tmp_path: Path):
    err = error_of(tmp_path, message("Hi {name},\nAt {Company Name}\n"))
    check(err, 13, "`{Company Name}` in the message is not a placeholder", "`{worksheet.field}`")


def test_placeholder_on_the_same_line_as_the_key(tmp_path: Path):
    text = BASE + '      - {id: m, type: message, label: M, template: "Hi {nobody}"}\n'
    check(error_of(tmp_path, text), 8, "`{nobody}` names no field")


def test_placeholder_across_worksheets_resolves(tmp_path: Path):
    write(tmp_path, BASE, "other.yml")
    write(tmp_path, message("Hi {other.name} and {name}\n"), "x.yml")
    assert set(load_worksheets(tmp_path)) == {"other", "x"}


# The JSON Schema -------------------------------------------------------------------------------

SCHEMA_PATH = ROOT / "worksheets" / "schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    """A validator for the committed schema, which must itself be a valid 2020-12 schema."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_file_is_generated_from_the_validator_tables():
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == build_schema(), (
        "worksheets/schema.json is stale: run "
        "`.venv/bin/python -m coursemodel.formats > worksheets/schema.json`"
    )


def test_the_documented_command_regenerates_the_schema():
    """ARCHITECTURE.md and formats.py name one command; it prints exactly the committed schema."""
    import subprocess
    import sys

    command = ".venv/bin/python -m coursemodel.formats > worksheets/schema.json"
    assert command in (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert command in (ROOT / "hooks" / "coursemodel" / "formats.py").read_text(encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "coursemodel.formats"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_schema_keys_agree_with_the_validator():
    defs = build_schema()["$defs"]
    for kind in TYPES:
        assert list(defs[f"field-{kind}"]["properties"]) == field_keys(kind)
        assert defs[f"field-{kind}"]["additionalProperties"] is False
        assert defs[f"field-{kind}"]["properties"]["type"] == {
            "description": "Field type: " + ", ".join(TYPES) + ".",
            "const": kind,
        }
    assert set(COMMON_KEYS) <= set(field_keys("text")) and set(TYPE_KEYS["table"]) <= set(field_keys("table"))


@pytest.mark.parametrize("path", sorted((ROOT / "worksheets").glob("*.yml")), ids=lambda p: p.name)
def test_every_real_worksheet_matches_the_schema(validator, path: Path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, errors


def test_schema_accepts_every_type(validator, tmp_path: Path):
    assert not list(validator.iter_errors(yaml.safe_load(ALL_TYPES)))
    load_worksheets(write(tmp_path, ALL_TYPES))


# Mistakes both the schema and the Python validator must reject.
BOTH_REJECT = {
    "unknown top key": BASE + "colour: red\n",
    "unknown section key": BASE.replace("  - title: One\n", "  - title: One\n    colour: red\n"),
    "unknown field key": BASE + "        colour: red\n",
    "key of another type": BASE + "        options: [A]\n",
    "unknown column key": BASE
    + "      - {id: t, type: table, label: T, columns: [{label: A, kind: date}]}\n",
    "unknown type": BASE.replace("type: text", "type: textbox"),
    "missing label": BASE.replace("        label: Name\n", ""),
    "bad field id": BASE.replace("id: name", "id: Name"),
    "rows not a number": BASE.replace("type: text", "type: textarea") + "        rows: many\n",
    "empty options": BASE.replace("type: text", "type: choice") + "        options: []\n",
    "missing template": BASE + "      - {id: m, type: message, label: M}\n",
    "minutes zero": BASE + "minutes: 0\n",
    "no sections": "title: T\nsections: []\n",
    "plan not boolean": BASE + "        plan: 3\n",
    "column type": BASE + "      - {id: t, type: table, label: T, columns: [{label: A, type: number}]}\n",
}


@pytest.mark.parametrize("name", list(BOTH_REJECT))
def test_schema_and_validator_both_reject(validator, tmp_path: Path, name: str):
    text = BOTH_REJECT[name]
    assert list(validator.iter_errors(yaml.safe_load(text))), f"the schema accepts: {name}"
    with pytest.raises(AuthorError):
        load_worksheets(write(tmp_path, text))


def test_schema_rejects_an_unknown_key_with_its_name(validator):
    data = load_yaml(BASE + "colour: red\n", "x.yml")
    messages = [e.message for e in validator.iter_errors(data)]
    assert any("'colour'" in m for m in messages), messages
