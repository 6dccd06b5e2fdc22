"""Worksheet files: load `worksheets/<id>.yml` and validate them into the model.

Every message is `path:line: what is wrong; what is allowed` (an `AuthorError`); keys,
types and limits come from `formats.py`, which also makes the JSON Schema.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import compare, messages, notes, paths
from .errors import (
    AuthorError,
    LineDict,
    check_keys,
    kind_of,
    line_of,
    load_yaml,
    names,
    optional_int,
    optional_text,
    quote_hint,
    read_text,
    require_list,
    require_text,
)
from .fieldtypes import units
from .formats import (
    CHOICE_KEYS,
    COLUMN_KEYS,
    COLUMN_TYPES,
    COMMON_KEYS,
    DEFAULTS,
    ID_RE,
    ID_RULE,
    LIMITS,
    LIST_LIMITS,
    RESERVED_IDS,
    SECTION_KEYS,
    TOP_KEYS,
    TYPE_KEYS,
    TYPES,
    field_keys,
)
from .model import Choice, Column, Field, Section, Worksheet
from .scenarios import parse_scenario
from .text import slugify

WORKSHEETS_DIR = "worksheets"
# Element ids the form gives a field's parts: `<ws>--<field>-help` and so on (see render.py).
PART_SUFFIXES = {"-help": "help text", "-legend": "group heading", "-label": "message label"}
PART_SUFFIXES["-situation"] = "scenario situation"


def load_worksheets(root_or_dir: str | Path) -> dict[str, Worksheet]:
    """Load and validate every worksheet under a project root or a worksheets folder.

    Files are `*.yml` and `*.yaml`; the file name is the id. Message placeholders
    are checked across all worksheets, so load them together.
    """
    path = Path(root_or_dir)
    folder = path / WORKSHEETS_DIR if (path / WORKSHEETS_DIR).is_dir() else path
    if not folder.is_dir():
        return {}
    shown_root = folder.parent
    worksheets: dict[str, Worksheet] = {}
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
    for file in files:
        shown = file.relative_to(shown_root).as_posix()
        ws_id = file.stem
        check_worksheet_id(ws_id, shown)
        if ws_id in worksheets:
            raise AuthorError(
                shown,
                1,
                f"duplicate worksheet id `{ws_id}`: {worksheets[ws_id].path} has the same name",
                "the file name is the id, so keep one file per id (`.yml` or `.yaml`, not both)",
            )
        worksheets[ws_id] = parse_worksheet(read_text(file, shown), shown, ws_id)
    check_placeholders(worksheets)
    return dict(sorted(worksheets.items()))


def check_worksheet_id(ws_id: str, shown: str) -> None:
    """Check that a worksheet's file name makes a usable id."""
    if not ID_RE.match(ws_id):
        raise AuthorError(
            shown,
            1,
            f"the file name `{ws_id}` is not a valid worksheet id (the file name is the id)",
            f"rename it to {ID_RULE}, plus `.yml`",
        )
    if ws_id in RESERVED_IDS:
        raise AuthorError(
            shown,
            1,
            f"the worksheet id `{ws_id}` is taken by the All worksheets page",
            "choose another file name",
        )


def parse_worksheet(text: str, shown: str, ws_id: str) -> Worksheet:
    """Validate one worksheet file's text and return it as a `Worksheet`."""
    if not text.strip():
        raise AuthorError(
            shown, 1, "the worksheet file is empty", "write at least `title:` and `sections:` (see schema)"
        )
    data = load_yaml(text, shown)
    if not isinstance(data, LineDict):
        raise AuthorError(
            shown,
            line_of(data, 1),
            f"the top level must be a mapping of keys, not {kind_of(data)}",
            f"keys {names(TOP_KEYS)}",
        )
    check_keys(data, TOP_KEYS, shown, "at the top of a worksheet")
    title = require_text(data, "title", shown, "every worksheet needs a `title`")
    if "private" in data and not isinstance(data["private"], bool):
        problem = "`private` must be true or false"
        raise AuthorError(shown, data.line_of("private"), problem, "`private: true`")
    intro = optional_text(data, "intro", shown)
    minutes = optional_int(data, "minutes", shown, LIMITS[("", "minutes")])
    sections_data = require_list(data, "sections", shown, "a worksheet needs a list of `sections`")
    lines = text.splitlines()
    sections: list[Section] = []
    seen: dict[str, Field] = {}
    for index, item in enumerate(sections_data):
        line = sections_data.line_of(index)
        if not isinstance(item, LineDict):
            raise AuthorError(
                shown,
                line,
                f"a section must be a mapping, not {kind_of(item)}",
                f"keys {names(SECTION_KEYS)}",
            )
        check_keys(item, SECTION_KEYS, shown, "in a section")
        section_title = require_text(item, "title", shown, "every section needs a `title`")
        section_intro = optional_text(item, "intro", shown)
        fields_data = require_list(item, "fields", shown, "a section needs a list of `fields`")
        fields = []
        for field_index, raw in enumerate(fields_data):
            one = parse_field(raw, fields_data.line_of(field_index), shown, lines)
            if one.id in seen:
                raise AuthorError(
                    shown,
                    one.lines["id"],
                    f"duplicate field id `{one.id}` (first at line {seen[one.id].lines['id']})",
                    "each field id once per worksheet; answers are stored by it",
                )
            seen[one.id] = one
            fields.append(one)
        sections.append(Section(section_title, section_intro, fields, line))
    for one in seen.values():
        for suffix in PART_SUFFIXES:
            base = one.id.removesuffix(suffix)
            if one.id.endswith(suffix) and base in seen:
                raise AuthorError(
                    shown,
                    one.lines["id"],
                    f"field id `{one.id}` clashes with the {PART_SUFFIXES[suffix]} of field `{base}`",
                    f"choose an id that does not end in {', '.join(f'`{s}`' for s in PART_SUFFIXES)}",
                )
    return Worksheet(ws_id, shown, title, intro, minutes, sections, private=bool(data.get("private", False)))


def parse_field(data: Any, line: int, shown: str, lines: list[str]) -> Field:
    """Validate one field mapping and return it as a `Field`."""
    if not isinstance(data, LineDict):
        raise AuthorError(
            shown, line, f"a field must be a mapping, not {kind_of(data)}", "keys id, type, label, …"
        )
    kind = data.get("type")
    if "type" not in data:
        raise AuthorError(shown, data.line, "the field has no `type`", f"one of: {', '.join(TYPES)}")
    if not isinstance(kind, str) or kind not in TYPE_KEYS:
        raise AuthorError(
            shown, data.line_of("type"), f"unknown field type `{kind}`", f"allowed types: {', '.join(TYPES)}"
        )
    allowed = field_keys(kind)
    for key in data:
        if key in allowed:
            continue
        if key in COMMON_KEYS or any(key in keys for keys in TYPE_KEYS.values()):
            problem = f"`{key}` does not apply to a {kind} field"
        else:
            problem = f"unknown key `{key}` in a field"
        raise AuthorError(shown, data.line_of(key), problem, f"a {kind} field takes: {', '.join(allowed)}")
    if "id" not in data:
        raise AuthorError(shown, data.line, "the field has no `id`", f"add `id:` with {ID_RULE}")
    field_id = data["id"]
    if not isinstance(field_id, str) or not ID_RE.match(field_id):
        raise AuthorError(shown, data.line_of("id"), f"field id `{field_id}` is not valid", f"use {ID_RULE}")
    label = require_text(data, "label", shown, f"every field needs a `label` (field `{field_id}`)")
    one = Field(id=field_id, type=kind, label=label, line=data.line, lines=dict(data.key_lines))
    one.help = optional_text(data, "help", shown)
    one.example = optional_text(data, "example", shown)
    one.placeholder = optional_text(data, "placeholder", shown)
    one.min_label = optional_text(data, "min_label", shown)
    one.max_label = optional_text(data, "max_label", shown)
    parse_plan(one, data, shown, lines)
    if kind in DEFAULTS["rows"]:
        one.rows = optional_int(data, "rows", shown, LIMITS[(kind, "rows")]) or DEFAULTS["rows"][kind]
    if kind == "list":
        one.count = optional_int(data, "count", shown, LIMITS[("list", "count")]) or DEFAULTS["count"]
    if kind == "scale":
        compare.check_scale(one, data, shown)
        one.compare = compare.parse(data, shown)
    if kind in ("choice", "multichoice"):
        one.options = parse_choices(data, "options", shown)
    if kind == "checklist":
        one.items = parse_choices(data, "items", shown)
    unit = units().get(kind)
    if unit is not None:
        unit.parse(one, data, shown)
    if "role" in data:
        one.role = paths.parse_role(one, data, shown)
    if kind == "scenario":
        parse_scenario(one, data, shown)
    if kind == "table":
        one.columns = parse_columns(data, shown)
        check_plan_date(one, data, shown)
    if kind == "message":
        one.template = require_text(data, "template", shown, "a message needs a `template`").rstrip()
        find = messages.line_finder(one.template, data.line_of("template"), lines)
        one.message = messages.parse(one.template, shown, find)
    notes.parse_note_and_to(one, data, shown)
    return one


def parse_plan(one: Field, data: LineDict, shown: str, lines: list[str]) -> None:
    """Read `plan` (true, or an action line that is a template) and `private`."""
    for key in ("private",):
        if key in data and not isinstance(data[key], bool):
            raise AuthorError(shown, data.line_of(key), f"`{key}` must be true or false", f"`{key}: true`")
    one.private = bool(data.get("private", False))
    if "plan" not in data:
        return
    value = data["plan"]
    if isinstance(value, bool):
        one.plan = value
        return
    if not isinstance(value, str) or not value.strip():
        raise AuthorError(
            shown,
            data.line_of("plan"),
            f"`plan` must be true, false or an action line, not {kind_of(value)}",
            '`plan: true` or `plan: "Send the note to {interviewer}"`',
        )
    one.plan = True
    source = " ".join(value.split())
    find = messages.line_finder(source, data.line_of("plan"), lines)
    one.plan_line = messages.parse(source, shown, find, kind="plan line")


def check_plan_date(one: Field, data: LineDict, shown: str) -> None:
    """Check which date column dates a table's plan items: `plan_date`, or its only date column."""
    dates = [c.slug for c in one.columns if c.type == "date"]
    if "plan_date" in data:
        if data["plan_date"] not in dates:
            raise AuthorError(
                shown,
                data.line_of("plan_date"),
                f"`plan_date: {data['plan_date']}` names no date column of this table",
                f"its date columns: {', '.join(dates) or '(none)'}",
            )
        one.plan_date = data["plan_date"]
    elif one.plan_line is not None and len(dates) > 1:
        raise AuthorError(
            shown,
            data.line_of("plan"),
            f"this table has {len(dates)} date columns ({', '.join(dates)}), so its plan items need to know "
            "which one dates them",
            f"add `plan_date: {dates[-1]}`",
        )
    elif dates:
        one.plan_date = dates[0]


def parse_choices(data: LineDict, key: str, shown: str) -> list[Choice]:
    """Read `options` or `items`: non-empty texts whose slugs are unique and not empty."""
    values = require_list(data, key, shown, f"a {data['type']} field needs `{key}`")
    low, high = LIST_LIMITS[key]
    if len(values) > high:
        raise AuthorError(shown, data.line_of(key), f"`{key}` has {len(values)} entries", f"at most {high}")
    choices: list[Choice] = []
    for index, value in enumerate(values):
        line = values.line_of(index)
        if isinstance(value, LineDict):
            choices.append(parse_named_choice(value, key, shown))
            continue
        if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
            raise AuthorError(
                shown, line, f"each of `{key}` must be text, not {kind_of(value)}", quote_hint(value, "- ")
            )
        text = " ".join(str(value).split())
        choices.append(Choice(text, slugify(text), line))
    check_slugs(choices, key, shown)
    return choices


def parse_named_choice(value: LineDict, key: str, shown: str) -> Choice:
    """Read an entry that names its stored value (`{id: internal, text: "…"}`).

    Its answers are stored under the `id`, so the words can change without losing them,
    and other parts of the course (path blocks, message conditions) can name it.
    """
    check_keys(value, CHOICE_KEYS, shown, f"in an entry of `{key}`")
    choice_id = value.get("id")
    if not isinstance(choice_id, str) or not ID_RE.match(choice_id):
        problem = f"the `id` of an entry of `{key}` is not valid"
        raise AuthorError(shown, value.line_of("id"), problem, ID_RULE)
    text = " ".join(require_text(value, "text", shown, "an entry with an `id` needs its `text`").split())
    return Choice(text, choice_id, value.line_of("id"))


def check_slugs(entries: Iterable[Choice | Column], key: str, shown: str) -> None:
    """Check that entries make non-empty, distinct slugs (answers are stored by them)."""
    seen: dict[str, Choice | Column] = {}
    for entry in entries:
        text = entry.text if isinstance(entry, Choice) else entry.label
        if not entry.slug:
            raise AuthorError(
                shown,
                entry.line,
                f"`{text}` in `{key}` has no letters or digits to name its answer by",
                "include at least one letter or digit",
            )
        if entry.slug in seen:
            first = seen[entry.slug]
            other = first.text if isinstance(first, Choice) else first.label
            raise AuthorError(
                shown,
                entry.line,
                f"`{text}` in `{key}` is the same as `{other}` (line {first.line}) once made into an id "
                f"(`{entry.slug}`)",
                "make each entry differ by a letter or digit",
            )
        seen[entry.slug] = entry


def parse_columns(data: LineDict, shown: str) -> list[Column]:
    """Read a table's `columns`: texts or `{label, type}` mappings."""
    values = require_list(data, "columns", shown, "a table needs `columns`")
    _low, high = LIST_LIMITS["columns"]
    if len(values) > high:
        raise AuthorError(
            shown, data.line_of("columns"), f"a table has {len(values)} columns", f"at most {high}"
        )
    columns: list[Column] = []
    for index, value in enumerate(values):
        line = values.line_of(index)
        if isinstance(value, LineDict):
            check_keys(value, COLUMN_KEYS, shown, "in a table column")
            label = require_text(value, "label", shown, "a column mapping needs a `label`")
            col_type = value.get("type", "text")
            if col_type not in COLUMN_TYPES:
                raise AuthorError(
                    shown,
                    value.line_of("type"),
                    f"unknown column type `{col_type}`",
                    f"allowed: {', '.join(COLUMN_TYPES)}",
                )
        elif isinstance(value, str) and value.strip():
            label, col_type = value, "text"
        else:
            raise AuthorError(
                shown,
                line,
                f"a column must be text or a mapping, not {kind_of(value)}",
                "write `- Who` or `- {label: When, type: date}`",
            )
        label = " ".join(label.split())
        columns.append(Column(label, slugify(label), col_type, line))
    check_slugs(columns, "columns", shown)
    return columns


def check_placeholders(worksheets: dict[str, Worksheet]) -> None:
    """Check every message's and plan line's marks, and every `compare`, against the course."""
    messages.check_course(worksheets)
    compare.check_course(worksheets)
