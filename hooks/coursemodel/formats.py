"""The worksheet file format: its keys, types and limits, and the JSON Schema made from them.

The validator (`coursemodel.worksheets`) and `worksheets/schema.json` both
come from these tables, so they cannot drift apart. Regenerate the schema
with `.venv/bin/python -m coursemodel.formats > worksheets/schema.json`
(a test fails when it is stale).
"""

from __future__ import annotations

import re
from typing import Any

from .fieldtypes import units

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
ID_RULE = "lower-case letters, digits and single hyphens, e.g. `went-well`"
RESERVED_IDS = {"index"}

TOP_KEYS = {"title": "text", "intro": "markdown", "minutes": "int", "private": "bool", "sections": "sections"}
SECTION_KEYS = {"title": "text", "intro": "markdown", "fields": "fields"}
COLUMN_KEYS = {"label": "text", "type": "column-type"}
# An option or checklist item may name its stored value itself: `{id: internal, text: "…"}`.
CHOICE_KEYS = {"id": "id", "text": "text"}
# A scenario's option: what the learner might do, and the coach's comment on it (an `id` is optional).
SCENARIO_OPTION_KEYS = {"id": "id", "text": "text", "comment": "text"}
COLUMN_TYPES = ("text", "date")
COMMON_KEYS = {
    "id": "id",
    "type": "type",
    "label": "text",
    "help": "text",
    "example": "markdown",
    "plan": "plan",
    "note": "ids",
    "private": "bool",
}
# Extra keys per field type, in the order the docs list them.
TYPE_KEYS: dict[str, dict[str, str]] = {
    "text": {"placeholder": "text", "role": "role"},
    "textarea": {"placeholder": "text", "rows": "int"},
    "date": {},
    "scale": {"min": "int", "max": "int", "min_label": "text", "max_label": "text", "compare": "ref"},
    "choice": {"options": "textlist", "role": "role"},
    "multichoice": {"options": "textlist"},
    "checklist": {"items": "textlist", "role": "role"},
    "list": {"count": "int"},
    "table": {"columns": "columns", "rows": "int", "plan_date": "id"},
    "message": {"template": "template", "to": "ref"},
    "scenario": {"situation": "markdown", "options": "scenario-options"},
}
# What a field may tell the engine about the learner, by type: `situation` (a choice: its
# options are the course's path names), `flag` (a one-item checklist: its id is a path name)
# and `name` (a text field: the learner's first name, shown on lesson pages).
ROLES = {"text": ("name",), "choice": ("situation",), "checklist": ("flag",)}
REQUIRED_TYPE_KEYS = {"choice": "options", "multichoice": "options", "checklist": "items"}
REQUIRED_TYPE_KEYS |= {"table": "columns", "message": "template", "scenario": ("situation", "options")}
# A message stores nothing, so it has nothing to show as an example or put on the plan.
# A scenario is practice: its situation is its help, an example would give the game away,
# and its answer is always the learner's own (never an action, never in a message).
NOT_FOR = {
    "message": {"example", "plan", "note", "private"},
    "scenario": {"help", "example", "plan", "note", "private"},
}
# Types that are units (coursemodel/fields/<name>/) add their own keys and rules here, once.
for _unit in units().values():
    TYPE_KEYS[_unit.name] = dict(_unit.keys)
    if _unit.required:
        REQUIRED_TYPE_KEYS[_unit.name] = _unit.required
    if _unit.not_for:
        NOT_FOR[_unit.name] = set(_unit.not_for)
TYPES = tuple(TYPE_KEYS)
# (type or "", key) -> (lowest, highest) allowed.
LIMITS = {
    ("", "minutes"): (1, 240),
    ("textarea", "rows"): (1, 30),
    ("table", "rows"): (1, 50),
    ("list", "count"): (1, 20),
    ("scale", "min"): (-100, 100),
    ("scale", "max"): (-100, 100),
}
LIST_LIMITS = {"options": (1, 30), "items": (1, 30), "columns": (1, 8)}
# A scenario offers a real choice (two at least) that still reads at a glance (six at most).
SCENARIO_OPTIONS = (2, 6)
DEFAULTS = {"rows": {"textarea": 4, "table": 3}, "count": 3, "min": 1, "max": 5}
MAX_SCALE_POINTS = 11
PLACEHOLDER_TYPES = ("text", "textarea", "date", "scale")
PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")
PLACEHOLDER_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)?$")

DESCRIPTIONS = {
    "title": "Title, shown as the worksheet's heading (inline Markdown).",
    "intro": "Optional Markdown shown under the title.",
    "minutes": "Optional: about how many minutes it takes.",
    "sections": "Ordered sections of fields.",
    "fields": "Ordered fields of this section.",
    "id": "Stable id: answers are stored under it. Lower-case letters, digits, single hyphens.",
    "type": "Field type: " + ", ".join(TYPES) + ".",
    "label": "Visible label (inline Markdown).",
    "help": "Optional help under the label (inline Markdown).",
    "example": "Optional example answer, shown collapsed (Markdown).",
    "plan": "On My plan as an action: true (the answer as it is) or a line such as "
    '"Send the note to {interviewer}" (a template).',
    "note": "The message(s) of this worksheet the plan step's calendar event carries "
    "(ids, comma-separated; with several, the one whose `to` names the step's person).",
    "to": "The field holding the name of the person the message is for: until it is filled in, "
    "My plan and the calendar leave the message out.",
    "private": "The learner's own: no message or plan line needs to use it (at the top: every field).",
    "plan_date": "A table's plan items are dated by this date column (its slug).",
    "placeholder": "Hint text inside the empty box.",
    "rows": "Number of rows (textarea lines, or table rows).",
    "min": "Lowest point of the scale (default 1).",
    "max": "Highest point of the scale (default 5).",
    "min_label": "Words under the lowest point.",
    "max_label": "Words under the highest point.",
    "compare": "An earlier rating (`worksheet.field`, a scale with the same range) that My plan "
    "shows beside this one.",
    "role": "What this field tells the course about the learner: `situation` (a choice whose "
    "options name the lesson paths), `flag` (a one-item checklist that opens a path of its id) or "
    "`name` (a text field holding the learner's first name).",
    "options": "The choices; answers are stored by the slug of each.",
    "items": "Checklist items; answers are stored by the slug of each.",
    "count": "Number of numbered lines (default 3).",
    "columns": "Column names, or {label, type: text|date}.",
    "situation": "The scene, in two to four sentences (Markdown).",
    "template": "Letter with {field}, {worksheet.field}, {field|if empty}, {field.} and "
    "[[if field]]…[[else]]…[[end]] (see the authoring guide).",
}
for _unit in units().values():
    DESCRIPTIONS.update(_unit.descriptions)  # and their keys' words


def required_keys(kind: str) -> list[str]:
    """Return the keys a field of type `kind` must have besides id, type and label."""
    keys = REQUIRED_TYPE_KEYS.get(kind, ())
    return [keys] if isinstance(keys, str) else list(keys)


def field_keys(kind: str) -> list[str]:
    """Return the keys a field of type `kind` takes, in documentation order."""
    return [k for k in [*COMMON_KEYS, *TYPE_KEYS[kind]] if k not in NOT_FOR.get(kind, ())]


def build_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a worksheet file, built from the tables above."""

    def value_schema(kind: str, key: str, type_name: str = "") -> dict[str, Any]:
        """Return the schema of one key's value."""
        desc = {"description": DESCRIPTIONS[key]} if key in DESCRIPTIONS else {}
        if kind == "id":
            return {**desc, "type": "string", "pattern": ID_PATTERN}
        if kind == "type":
            return {**desc, "const": type_name}
        if kind in ("text", "markdown", "template"):
            return {**desc, "type": ["string", "number"], "minLength": 1, "pattern": r"\S"}
        if kind == "bool":
            return {**desc, "type": "boolean"}
        if kind == "plan":
            return {**desc, "type": ["boolean", "string"], "minLength": 1, "pattern": r"\S"}
        if kind == "int":
            low, high = LIMITS[(type_name, key)]
            return {**desc, "type": "integer", "minimum": low, "maximum": high}
        if kind == "textlist":
            low, high = LIST_LIMITS[key]
            text = {"type": ["string", "number"], "minLength": 1, "pattern": r"\S"}
            item = {"oneOf": [text, {"$ref": "#/$defs/choice"}]}
            return {**desc, "type": "array", "minItems": low, "maxItems": high, "items": item}
        if kind == "columns":
            low, high = LIST_LIMITS[key]
            return {
                **desc,
                "type": "array",
                "minItems": low,
                "maxItems": high,
                "items": {"oneOf": [{"type": "string", "minLength": 1}, {"$ref": "#/$defs/column"}]},
            }
        if kind == "scenario-options":
            low, high = SCENARIO_OPTIONS
            return {
                "description": "What the learner might do: {text, comment} (the coach's comment on that "
                "choice), with an optional id; answers are stored by the id or the slug of the text.",
                "type": "array",
                "minItems": low,
                "maxItems": high,
                "items": {"$ref": "#/$defs/scenario-option"},
            }
        if kind == "ids":
            return {**desc, "type": "string", "pattern": rf"^{ID_PATTERN[1:-1]}(\s*,\s*{ID_PATTERN[1:-1]})*$"}
        if kind == "ref":
            return {**desc, "type": "string", "pattern": PLACEHOLDER_NAME.pattern}
        if kind == "role":
            return {**desc, "enum": list(ROLES[type_name])}
        if kind == "column-type":
            return {"enum": list(COLUMN_TYPES), "default": "text"}
        raise ValueError(kind)

    field_defs = {}
    for type_name in TYPES:
        keys = {**COMMON_KEYS, **TYPE_KEYS[type_name]}
        required = ["id", "type", "label", *required_keys(type_name)]
        field_defs[f"field-{type_name}"] = {
            "type": "object",
            "description": f"A {type_name} field.",
            "required": required,
            "additionalProperties": False,
            "properties": {key: value_schema(keys[key], key, type_name) for key in field_keys(type_name)},
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://bounce-back.example/worksheets/schema.json",
        "title": "Bounce Back worksheet",
        "description": "One worksheet: worksheets/<id>.yml (the file name is the id). See ARCHITECTURE.md.",
        "type": "object",
        "required": ["title", "sections"],
        "additionalProperties": False,
        "properties": {
            "title": value_schema("text", "title"),
            "intro": value_schema("markdown", "intro"),
            "minutes": value_schema("int", "minutes"),
            "private": value_schema("bool", "private"),
            "sections": {
                "description": DESCRIPTIONS["sections"],
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/$defs/section"},
            },
        },
        "$defs": {
            "section": {
                "type": "object",
                "required": ["title", "fields"],
                "additionalProperties": False,
                "properties": {
                    "title": value_schema("text", "title"),
                    "intro": value_schema("markdown", "intro"),
                    "fields": {
                        "description": DESCRIPTIONS["fields"],
                        "type": "array",
                        "minItems": 1,
                        "items": {"$ref": "#/$defs/field"},
                    },
                },
            },
            "field": {
                "type": "object",
                "required": ["id", "type", "label"],
                "properties": {"type": {"enum": list(TYPES), "description": DESCRIPTIONS["type"]}},
                "oneOf": [{"$ref": f"#/$defs/field-{type_name}"} for type_name in TYPES],
            },
            "choice": {
                "type": "object",
                "description": "An entry that names its stored value: `{id: internal, text: ...}`.",
                "required": ["id", "text"],
                "additionalProperties": False,
                "properties": {"id": value_schema("id", ""), "text": value_schema("text", "")},
            },
            "scenario-option": {
                "type": "object",
                "description": "One choice of a scenario and the coach's comment on it.",
                "required": ["text", "comment"],
                "additionalProperties": False,
                "properties": {
                    "id": value_schema("id", ""),
                    "text": value_schema("text", ""),
                    "comment": value_schema("text", ""),
                },
            },
            "column": {
                "type": "object",
                "required": ["label"],
                "additionalProperties": False,
                "properties": {
                    "label": value_schema("text", "label"),
                    "type": value_schema("column-type", ""),
                },
            },
            **field_defs,
        },
    }


if __name__ == "__main__":
    import json
    import sys

    sys.stdout.write(json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n")
