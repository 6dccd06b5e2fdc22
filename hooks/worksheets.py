"""Worksheets: load, validate and render `worksheets/<id>.yml`, place them in lessons.

A worksheet is one YAML file (format in ARCHITECTURE.md, JSON Schema in
`worksheets/schema.json`). Once per build, in `on_files`, every worksheet is
validated, every `<!-- worksheet: id -->` marker in the pages is checked, and
each worksheet gets its own generated page plus an "All worksheets" index.
A lesson's marker becomes a placeholder comment in `on_page_markdown`, and the
form's HTML replaces it in `on_page_content`, after Markdown, so Markdown can
never re-read the form.

Other hooks use the plain functions: `load_worksheets`, `render_worksheet`,
`make_markdown`, `slugify`. Run this file to print the JSON Schema:
`.venv/bin/python hooks/worksheets.py > worksheets/schema.json`.
"""

from __future__ import annotations

import html
import json
import re
import sys
import unicodedata
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown as markdown_lib
import yaml
from errors import (
    AuthorError,
    LineDict,
    kind_of,
    load_yaml,
    project_root,
    read_text,
    require_list,
    split_front_matter,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

# MkDocs runs this file as the hook module "hooks/worksheets.py", while plan.py, pdfs.py and
# checklists.py import it as `worksheets`: two copies with two `_STATE`s. Registering the hook
# under the plain name too (unless a plain import came first, as in tests) gives them one, so
# `build_worksheets` hands plan.py what this build's on_files already loaded.
if __name__ != "__main__" and __name__ in sys.modules:
    sys.modules.setdefault("worksheets", sys.modules[__name__])

WORKSHEETS_DIR = "worksheets"
PAGES_DIR = "worksheets/"
INDEX_URI = "worksheets/index.md"


# Event handlers ---------------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Validate every worksheet and marker once, render the forms, add the worksheet pages."""
    root = project_root(config)
    worksheets = load_worksheets(root)
    own = {f"{PAGES_DIR}{ws_id}.md" for ws_id in worksheets} | {INDEX_URI}
    for uri in sorted(own):
        taken = files.get_file_from_path(uri)
        if taken is not None:
            raise AuthorError(
                shown_path(root, config, uri),
                1,
                f"`docs/{uri}` clashes with a page this course generates",
                "remove it; worksheet pages are made from worksheets/*.yml",
            )
    placements = find_placements(files, config, worksheets, root)
    md = make_markdown(config)
    strings = {**DEFAULT_STRINGS, **(config.extra.get("course", {}) or {}).get("strings", {})}
    forms = {
        (ws.id, show): form
        for ws in worksheets.values()
        for show, form in render_forms(ws, md, strings).items()
    }
    _STATE.clear()
    placed = {p.src_uri for found in placements.values() for p in found}
    _STATE.update(
        worksheets=worksheets, placements=placements, placed=placed, forms=forms, config=config, md=md
    )
    for ws in worksheets.values():
        content = render_worksheet_page(ws, placements.get(ws.id, []), strings)
        files.append(File.generated(config, f"{PAGES_DIR}{ws.id}.md", content=content))
    files.append(File.generated(config, INDEX_URI, content=render_index(worksheets, placements, strings)))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Turn each worksheet marker into a placeholder comment that survives Markdown."""
    if page.file.src_uri not in _STATE["placed"]:
        return markdown
    return replace_markers(markdown, lambda match: slot(match.group("id"), match.group("indent")))


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put each worksheet's form where its placeholder comment ended up."""
    return SLOT.sub(lambda match: _STATE["forms"][(match.group(1), not match.group(2))], html_text)


_STATE: dict[str, Any] = {"worksheets": {}, "placements": {}, "placed": set(), "forms": {}}


def build_worksheets(config: MkDocsConfig) -> tuple[dict[str, Worksheet], markdown_lib.Markdown]:
    """Return this build's validated worksheets and the course's Markdown.

    Other hooks' on_files (plan.py) run after ours: they get what ours loaded,
    and conversions already done are remembered in the shared converter. Called
    outside a build (or from a separate copy of this module), it loads them afresh.
    """
    if _STATE.get("config") is config:
        return _STATE["worksheets"], _STATE["md"]
    return load_worksheets(project_root(config)), make_markdown(config)


# A lesson's marker, on a line of its own; `replace_markers` skips fenced code.
MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--[ \t]*worksheet:[ \t]*(?P<id>.*?)[ \t]*-->[ \t]*$", re.M)
# Markdown may wrap an indented comment in a paragraph; the form must not end up inside one.
SLOT = re.compile(r"(?:<p>\s*)?<!-- bb-worksheet-slot: ([a-z0-9-]+)( page)? -->(?:\s*</p>)?")


def slot(ws_id: str, indent: str = "", *, page: bool = False) -> str:
    """Return the placeholder comment for a worksheet (the own-page variant has no title)."""
    return f"{indent}<!-- bb-worksheet-slot: {ws_id}{' page' if page else ''} -->"


# The format: keys, types and limits (the JSON Schema is built from these too) ------------------

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
ID_RULE = "lower-case letters, digits and single hyphens, e.g. `went-well`"
RESERVED_IDS = {"index"}

TOP_KEYS = {"title": "text", "intro": "markdown", "minutes": "int", "sections": "sections"}
SECTION_KEYS = {"title": "text", "intro": "markdown", "fields": "fields"}
COLUMN_KEYS = {"label": "text", "type": "column-type"}
COLUMN_TYPES = ("text", "date")
COMMON_KEYS = {
    "id": "id",
    "type": "type",
    "label": "text",
    "help": "text",
    "example": "markdown",
    "plan": "bool",
}
# Extra keys per field type, in the order the docs list them.
TYPE_KEYS: dict[str, dict[str, str]] = {
    "text": {"placeholder": "text"},
    "textarea": {"placeholder": "text", "rows": "int"},
    "date": {},
    "scale": {"min": "int", "max": "int", "min_label": "text", "max_label": "text"},
    "choice": {"options": "textlist"},
    "multichoice": {"options": "textlist"},
    "checklist": {"items": "textlist"},
    "list": {"count": "int"},
    "table": {"columns": "columns", "rows": "int"},
    "message": {"template": "template"},
}
TYPES = tuple(TYPE_KEYS)
REQUIRED_TYPE_KEYS = {"choice": "options", "multichoice": "options", "checklist": "items"}
REQUIRED_TYPE_KEYS |= {"table": "columns", "message": "template"}
# A message stores nothing, so it has nothing to show as an example or put on the plan.
NOT_FOR = {"message": {"example", "plan"}}
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
    "plan": "Show this field as an action on My plan.",
    "placeholder": "Hint text inside the empty box.",
    "rows": "Number of rows (textarea lines, or table rows).",
    "min": "Lowest point of the scale (default 1).",
    "max": "Highest point of the scale (default 5).",
    "min_label": "Words under the lowest point.",
    "max_label": "Words under the highest point.",
    "options": "The choices; answers are stored by the slug of each.",
    "items": "Checklist items; answers are stored by the slug of each.",
    "count": "Number of numbered lines (default 3).",
    "columns": "Column names, or {label, type: text|date}.",
    "template": "Letter with {field} or {worksheet.field} placeholders.",
}

DEFAULT_STRINGS = {
    "copy": "Copy",
    "example": "Example",
    "ws_minutes": "About {minutes} minutes",
    "ws_line": "{label}, line {n}",
    "ws_cell": "{column}, row {n}",
    "ws_used_in": "Used in",
    "ws_not_placed": "not placed in a lesson yet",
    "ws_shared": "Your answers are the same here and in the lesson, so fill it in wherever suits you.",
    "ws_all_title": "All worksheets",
    "ws_all_intro": "Every worksheet in the course. Your answers are kept in this browser only.",
    "ws_col_worksheet": "Worksheet",
    "ws_col_time": "Time",
    "ws_col_minutes": "{minutes} min",
}


# Model ------------------------------------------------------------------------------------------


@dataclass
class Choice:
    """An option of a choice or multichoice field, or a checklist item."""

    text: str
    slug: str
    line: int = 1


@dataclass
class Column:
    """A table column: its label, the slug in storage keys, and its input type."""

    label: str
    slug: str
    type: str = "text"
    line: int = 1


@dataclass
class Field:
    """One validated field. Keys that do not apply to its type keep their defaults."""

    id: str
    type: str
    label: str
    help: str = ""
    example: str = ""
    plan: bool = False
    placeholder: str = ""
    rows: int = 0
    count: int = 3
    min: int = 1
    max: int = 5
    min_label: str = ""
    max_label: str = ""
    options: list[Choice] = field(default_factory=list)
    items: list[Choice] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    template: str = ""
    line: int = 1
    lines: dict[str, int] = field(default_factory=dict, repr=False)
    # (placeholder text, file line) for a message's template, resolved after all files load.
    placeholders: list[tuple[str, int]] = field(default_factory=list, repr=False)

    def names(self) -> list[str]:
        """Return the storage keys of this field: its controls' `name`s, in order."""
        if self.type == "message":
            return []
        if self.type == "checklist":
            return [f"{self.id}.{item.slug}" for item in self.items]
        if self.type == "list":
            return [f"{self.id}.{i}" for i in range(self.count)]
        if self.type == "table":
            return [f"{self.id}.{r}.{c.slug}" for r in range(self.rows) for c in self.columns]
        return [self.id]


@dataclass
class Section:
    """A titled group of fields."""

    title: str
    intro: str
    fields: list[Field]
    line: int = 1


@dataclass
class Worksheet:
    """A validated worksheet; `path` is the file relative to the project root."""

    id: str
    path: str
    title: str
    intro: str
    minutes: int | None
    sections: list[Section]

    @property
    def fields(self) -> dict[str, Field]:
        """Return every field by id, in order."""
        return {f.id: f for section in self.sections for f in section.fields}


@dataclass
class Placement:
    """Where a lesson places a worksheet."""

    src_uri: str
    path: str
    line: int
    title: str


# Load and validate ----------------------------------------------------------------------------


def slugify(text: str) -> str:
    """Return `text` as lower-case ASCII words joined by hyphens ("Café, oui!" -> "cafe-oui")."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


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
            f"rename it to {ID_RULE.replace('went-well', 'interview-debrief')}, plus `.yml`",
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
            line_of_value(data, 1),
            f"the top level must be a mapping of keys, not {kind_of(data)}",
            f"keys {names(TOP_KEYS)}",
        )
    check_keys(data, TOP_KEYS, shown, "at the top of a worksheet")
    title = require_text(data, "title", shown, "every worksheet needs a `title`")
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
        if one.id.endswith("-help") and one.id.removesuffix("-help") in seen:
            raise AuthorError(
                shown,
                one.lines["id"],
                f"field id `{one.id}` clashes with the help text of field `{one.id.removesuffix('-help')}`",
                "choose an id that does not end in `-help`",
            )
    return Worksheet(ws_id, shown, title, intro, minutes, sections)


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
    if "plan" in data and not isinstance(data["plan"], bool):
        raise AuthorError(
            shown, data.line_of("plan"), f"`plan` must be true or false, not {data['plan']!r}", "`plan: true`"
        )
    one.plan = bool(data.get("plan", False))
    if kind in DEFAULTS["rows"]:
        one.rows = optional_int(data, "rows", shown, LIMITS[(kind, "rows")]) or DEFAULTS["rows"][kind]
    if kind == "list":
        one.count = optional_int(data, "count", shown, LIMITS[("list", "count")]) or DEFAULTS["count"]
    if kind == "scale":
        check_scale(one, data, shown)
    if kind in ("choice", "multichoice"):
        one.options = parse_choices(data, "options", shown)
    if kind == "checklist":
        one.items = parse_choices(data, "items", shown)
    if kind == "table":
        one.columns = parse_columns(data, shown)
    if kind == "message":
        one.template = require_text(data, "template", shown, "a message needs a `template`").rstrip()
        one.placeholders = find_placeholders(one.template, data.line_of("template"), shown, lines)
    return one


def field_keys(kind: str) -> list[str]:
    """Return the keys a field of type `kind` takes, in documentation order."""
    return [k for k in [*COMMON_KEYS, *TYPE_KEYS[kind]] if k not in NOT_FOR.get(kind, ())]


def check_scale(one: Field, data: LineDict, shown: str) -> None:
    """Read a scale's range: whole numbers, lowest below highest, not too many points."""
    one.min = optional_int(data, "min", shown, LIMITS[("scale", "min")], default=DEFAULTS["min"])
    one.max = optional_int(data, "max", shown, LIMITS[("scale", "max")], default=DEFAULTS["max"])
    where = data.line_of("max") if "max" in data else data.line_of("min")
    if one.min >= one.max:
        raise AuthorError(
            shown,
            where,
            f"the scale runs from {one.min} to {one.max}: `min` must be below `max`",
            "for example `min: 1` and `max: 5`",
        )
    if one.max - one.min + 1 > MAX_SCALE_POINTS:
        raise AuthorError(
            shown,
            where,
            f"the scale from {one.min} to {one.max} has {one.max - one.min + 1} points",
            f"at most {MAX_SCALE_POINTS} (e.g. 0 to 10)",
        )


def parse_choices(data: LineDict, key: str, shown: str) -> list[Choice]:
    """Read `options` or `items`: non-empty texts whose slugs are unique and not empty."""
    values = require_list(data, key, shown, f"a {data['type']} field needs `{key}`")
    low, high = LIST_LIMITS[key]
    if len(values) > high:
        raise AuthorError(shown, data.line_of(key), f"`{key}` has {len(values)} entries", f"at most {high}")
    choices: list[Choice] = []
    for index, value in enumerate(values):
        line = values.line_of(index)
        if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
            raise AuthorError(
                shown, line, f"each of `{key}` must be text, not {kind_of(value)}", quote_hint(value, "- ")
            )
        text = " ".join(str(value).split())
        choices.append(Choice(text, slugify(text), line))
    check_slugs(choices, key, shown)
    return choices


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


def find_placeholders(template: str, key_line: int, shown: str, lines: list[str]) -> list[tuple[str, int]]:
    """Return each `{placeholder}` of a template with the file line it is written on."""
    found: list[tuple[str, int]] = []
    search_from = key_line
    for match in PLACEHOLDER.finditer(template):
        token = match.group(0)
        line = next(
            (n for n in range(search_from, len(lines) + 1) if token in lines[n - 1]),
            key_line,
        )
        search_from = line
        if not PLACEHOLDER_NAME.match(match.group(1).strip()):
            raise AuthorError(
                shown,
                line,
                f"`{token}` in the template is not a placeholder",
                "write `{field-id}` or `{worksheet-id.field-id}` with lower-case ids",
            )
        found.append((match.group(1).strip(), line))
    return found


def check_placeholders(worksheets: dict[str, Worksheet]) -> None:
    """Check that every message placeholder names a text-like field that exists."""
    for ws in worksheets.values():
        for one in ws.fields.values():
            for name, line in one.placeholders:
                target_ws_id, _, field_id = name.rpartition(".")
                target_ws = worksheets.get(target_ws_id) if target_ws_id else ws
                if target_ws is None:
                    raise AuthorError(
                        ws.path,
                        line,
                        f"placeholder `{{{name}}}` names worksheet `{target_ws_id}`, which does not exist",
                        f"worksheets: {', '.join(sorted(worksheets))}",
                    )
                usable = [f.id for f in target_ws.fields.values() if f.type in PLACEHOLDER_TYPES]
                target = target_ws.fields.get(field_id)
                if target is None:
                    raise AuthorError(
                        ws.path,
                        line,
                        f"placeholder `{{{name}}}` names no field of worksheet `{target_ws.id}`",
                        f"its fields you can use: {', '.join(usable) or '(none)'}",
                    )
                if target.type not in PLACEHOLDER_TYPES:
                    raise AuthorError(
                        ws.path,
                        line,
                        f"placeholder `{{{name}}}` names a {target.type} field, which has no single text",
                        f"name a {', '.join(PLACEHOLDER_TYPES)} field: {', '.join(usable) or '(none)'}",
                    )


def check_keys(data: LineDict, allowed: dict[str, str], shown: str, where: str) -> None:
    """Fail on the first key of `data` that is not in `allowed`."""
    for key in data:
        if key not in allowed:
            raise AuthorError(
                shown, data.line_of(key), f"unknown key `{key}` {where}", f"allowed: {names(allowed)}"
            )


def require_text(data: LineDict, key: str, shown: str, why: str) -> str:
    """Return `data[key]` as non-empty text; numbers are taken as text."""
    if key not in data or data[key] is None:
        raise AuthorError(shown, data.line_of(key), f"missing `{key}`", why)
    return text_value(data, key, shown)


def optional_text(data: LineDict, key: str, shown: str) -> str:
    """Return `data[key]` as text, or "" when it is absent."""
    return text_value(data, key, shown) if key in data else ""


def text_value(data: LineDict, key: str, shown: str) -> str:
    """Check that `data[key]` is non-empty text (numbers allowed) and return it."""
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, str | int | float) or not str(value).strip():
        raise AuthorError(
            shown,
            data.line_of(key),
            f"`{key}` must be text, not {kind_of(value)}",
            quote_hint(value, f"{key}: "),
        )
    return str(value)


def optional_int(
    data: LineDict, key: str, shown: str, limits: tuple[int, int], default: int | None = None
) -> int | None:
    """Return `data[key]` as a whole number within `limits`, or `default` when absent."""
    if key not in data:
        return default
    value = data[key]
    low, high = limits
    if isinstance(value, bool) or not isinstance(value, int):
        raise AuthorError(
            shown,
            data.line_of(key),
            f"`{key}` must be a whole number, not {kind_of(value)} {value!r}",
            f"a number from {low} to {high}",
        )
    if not low <= value <= high:
        raise AuthorError(shown, data.line_of(key), f"`{key}` is {value}", f"a number from {low} to {high}")
    return value


def quote_hint(value: Any, prefix: str) -> str:
    """Say how to write text, with the YAML trap of yes/no/on/off becoming true/false."""
    if isinstance(value, bool):
        return f'put it in quotes, e.g. `{prefix}"Yes"`: YAML reads bare yes, no, on, off as true/false'
    return f"write `{prefix}Some words` (quote text that contains `: `)"


def line_of_value(value: Any, default: int) -> int:
    """Return the line a YAML value starts on, or `default`."""
    return getattr(value, "line", default)


def names(keys: Iterable[str]) -> str:
    """List keys for an error message, in their documented order."""
    return ", ".join(keys)


# Placing worksheets in pages -----------------------------------------------------------------


def fenced_lines(text: str) -> set[int]:
    """Return the (1-based) line numbers inside fenced code blocks, fences included."""
    inside: set[int] = set()
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        if fence is None:
            match = re.match(r"(`{3,}|~{3,})", stripped)
            if match:
                fence = match.group(1)
                inside.add(number)
        else:
            inside.add(number)
            if stripped.startswith(fence) and not stripped[len(fence) :].strip(fence[0]).strip():
                fence = None
    return inside


def replace_markers(text: str, replace: Callable[[re.Match[str]], str]) -> str:
    """Apply `replace` to every worksheet marker outside fenced code."""
    fenced = fenced_lines(text)

    def outside_code(match: re.Match[str]) -> str:
        """Leave markers that are examples in code blocks alone."""
        if text.count("\n", 0, match.start()) + 1 in fenced:
            return match.group(0)
        return replace(match)

    return MARKER.sub(outside_code, text)


def find_markers(text: str) -> list[tuple[str, int]]:
    """Return (worksheet id, line) for each marker in a page, outside fenced code."""
    found: list[tuple[str, int]] = []

    def record(match: re.Match[str]) -> str:
        """Note one marker."""
        found.append((match.group("id"), text.count("\n", 0, match.start()) + 1))
        return match.group(0)

    replace_markers(text, record)
    return found


def find_placements(
    files: Files, config: MkDocsConfig, worksheets: dict[str, Worksheet], root: Path
) -> dict[str, list[Placement]]:
    """Find every marker in the pages; an unknown or repeated worksheet is an author error."""
    placements: dict[str, list[Placement]] = {}
    for file in files.documentation_pages():
        uri = file.src_uri
        shown = shown_path(root, config, uri)
        if file.abs_src_path and Path(file.abs_src_path).is_file():
            text = read_text(Path(file.abs_src_path), shown)
        else:
            text = file.content_string
        if "worksheet:" not in text:
            continue
        on_page: dict[str, int] = {}
        for ws_id, line in find_markers(text):
            if ws_id not in worksheets:
                raise AuthorError(
                    shown,
                    line,
                    f"the page places worksheet `{ws_id}`, which does not exist",
                    f"worksheets (files in worksheets/): {', '.join(worksheets) or '(none)'}",
                )
            if ws_id in on_page:
                raise AuthorError(
                    shown,
                    line,
                    f"worksheet `{ws_id}` is already placed on this page at line {on_page[ws_id]}",
                    "place each worksheet once per page",
                )
            on_page[ws_id] = line
            placements.setdefault(ws_id, []).append(Placement(uri, shown, line, page_title(text, uri)))
    for found in placements.values():
        found.sort(key=lambda p: p.src_uri)
    return placements


def page_title(text: str, uri: str) -> str:
    """Return a page's title for links: "Module N: Title", the front-matter title, or its H1."""
    front, body = split_front_matter(text)
    meta: Any = {}
    if front:
        try:
            meta = yaml.safe_load(front) or {}
        except yaml.YAMLError:
            meta = {}  # the page's own hook reports broken front matter
    if isinstance(meta, dict) and meta.get("title"):
        title = str(meta["title"])
        return f"Module {meta['number']}: {title}" if isinstance(meta.get("number"), int) else title
    heading = re.search(r"^#[ \t]+(.+?)[ \t#]*$", body, re.M)
    return heading.group(1) if heading else Path(uri).stem.replace("-", " ").capitalize()


# Rendering ------------------------------------------------------------------------------------

BASE_EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "pymdownx.smartsymbols"]
BLOCK_TAG = re.compile(r"<(p|div|ul|ol|li|h[1-6]|pre|table|blockquote|hr|dl|details)\b")


def make_markdown(config: MkDocsConfig | None = None) -> markdown_lib.Markdown:
    """Build the course's Markdown (same extensions as the pages) with raw HTML turned off.

    Author text must never become markup of its own, so `<script>` in a label
    shows as text; Markdown syntax (emphasis, links, code) still works.
    """
    if config is not None:
        md = markdown_lib.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {}
        )
    else:
        md = markdown_lib.Markdown(extensions=BASE_EXTENSIONS)
    if "html_block" in md.preprocessors:
        md.preprocessors.deregister("html_block")
    if "html" in md.inlinePatterns:
        md.inlinePatterns.deregister("html")
    return md


# Labels, option texts and titles are converted more than once (a list's label is also
# its lines' hidden labels; My plan needs them as plain text), so each converter
# remembers its results. After `reset()` a conversion depends on the text alone.
_CONVERTED: weakref.WeakKeyDictionary[markdown_lib.Markdown, dict[str, str]] = weakref.WeakKeyDictionary()


def convert(md: markdown_lib.Markdown, text: str) -> str:
    """Return `md`'s HTML for `text`, converting each distinct text once per converter."""
    done = _CONVERTED.setdefault(md, {})
    if text not in done:
        done[text] = md.reset().convert(text)
    return done[text]


class _Writer:
    """Renders one worksheet's pieces, knowing its Markdown, strings and file."""

    def __init__(self, ws: Worksheet, md: markdown_lib.Markdown, strings: dict[str, str]) -> None:
        """Keep what every piece needs."""
        self.ws, self.md, self.strings = ws, md, strings

    def t(self, name: str, **values: Any) -> str:
        """Return a UI string with `{name}` slots filled (values are already HTML)."""
        text = html.escape(self.strings.get(name) or DEFAULT_STRINGS[name], quote=False)
        return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), text)

    def block(self, text: str) -> str:
        """Render Markdown paragraphs."""
        return convert(self.md, text)

    def inline(self, text: str, line: int) -> str:
        """Render one line of inline Markdown; block content (a list, two paragraphs) is an error."""
        out = convert(self.md, text).strip()
        match = re.fullmatch(r"<p>(.*)</p>", out, re.S)
        if match and "<p>" not in match.group(1):
            out = match.group(1)
        if BLOCK_TAG.search(out):
            raise AuthorError(
                self.ws.path,
                line,
                f"`{text.strip()[:40]}` makes more than one line of text",
                "labels, titles, help and options are one line of inline Markdown "
                "(escape a leading `-`, `1.` or `#` with `\\`)",
            )
        return out

    def plain(self, text: str, line: int) -> str:
        """Return inline Markdown as escaped plain text (tags dropped), for attributes and hidden labels."""
        text_only = html.unescape(re.sub(r"<[^>]+>", "", self.inline(text, line)))
        return html.escape(text_only, quote=True)

    def field_id(self, one: Field, *parts: Any) -> str:
        """Return the element id of a field's control (or of one of its parts)."""
        return "--".join([self.ws.id, one.id, *map(str, parts)])


def render_worksheet(
    ws: Worksheet,
    md: markdown_lib.Markdown,
    strings: dict[str, str] | None = None,
    *,
    show_title: bool = True,
) -> str:
    """Render a worksheet as an accessible form (see "Rendered HTML" in ARCHITECTURE.md)."""
    w = _Writer(ws, md, {**DEFAULT_STRINGS, **(strings or {})})
    return _form_head(w, show_title) + _form_body(w)


def render_forms(ws: Worksheet, md: markdown_lib.Markdown, strings: dict[str, str]) -> dict[bool, str]:
    """Render a worksheet with its title (placed in a lesson) and without (its own page).

    Only the opening tag and the title differ, so the fields are rendered once.
    """
    w = _Writer(ws, md, {**DEFAULT_STRINGS, **strings})
    heads = {show: _form_head(w, show) for show in (True, False)}  # a bad title is reported first
    body = _form_body(w)
    return {show: head + body for show, head in heads.items()}


def _form_head(w: _Writer, show_title: bool) -> str:
    """Render the form's opening tag and, when shown, its title."""
    ws = w.ws
    title_id = f"worksheet-{ws.id}-title"
    if show_title:
        name = f'aria-labelledby="{title_id}"'
    else:
        name = f'aria-label="{w.plain(ws.title, 1)}"'
    form = (
        f'<form class="bb-worksheet" data-worksheet="{ws.id}" id="worksheet-{ws.id}" '
        f'novalidate autocomplete="off" {name}>\n'
    )
    if show_title:
        form += f'<h2 class="bb-worksheet__title" id="{title_id}">{w.inline(ws.title, 1)}</h2>\n'
    return form


def _form_body(w: _Writer) -> str:
    """Render everything after the title: minutes, intro, toolbar, status and the sections."""
    ws = w.ws
    head = []
    if ws.minutes:
        head.append(f'<p class="bb-worksheet__meta">{w.t("ws_minutes", minutes=ws.minutes)}</p>')
    if ws.intro:
        head.append(f'<div class="bb-worksheet__intro">\n{w.block(ws.intro)}\n</div>')
    parts = [
        *head,
        '<div class="bb-toolbar" data-worksheet-toolbar></div>',
        '<p class="bb-status" role="status" aria-live="polite"></p>',
    ]
    for section in ws.sections:
        parts.append('<fieldset class="bb-section">')
        parts.append(f'<legend class="bb-section__title">{w.inline(section.title, section.line)}</legend>')
        if section.intro:
            parts.append(f'<div class="bb-section__intro">\n{w.block(section.intro)}\n</div>')
        parts.extend(render_field(w, one) for one in section.fields)
        parts.append("</fieldset>")
    parts.append("</form>")
    return "\n".join(parts)


def render_field(w: _Writer, one: Field) -> str:
    """Render one field: its label, help, control(s) and example."""
    plan = " data-plan" if one.plan else ""
    control_id = w.field_id(one)
    help_id = f"{control_id}-help"
    label = w.inline(one.label, one.lines.get("label", one.line))
    help_html = (
        f'<p class="bb-help" id="{help_id}">{w.inline(one.help, one.lines["help"])}</p>' if one.help else ""
    )
    described = f' aria-describedby="{help_id}"' if one.help else ""
    example = ""
    if one.example:
        example = (
            f'<details class="bb-example"><summary>{w.t("example")}</summary>\n'
            f'<div class="bb-example__body">\n{w.block(one.example)}\n</div>\n</details>'
        )
    if one.type in ("text", "date", "textarea"):
        placeholder = ""
        if one.placeholder:
            placeholder = f' placeholder="{w.plain(one.placeholder, one.lines["placeholder"])}"'
        if one.type == "textarea":
            control = (
                f'<textarea id="{control_id}" name="{one.id}" rows="{one.rows}"{placeholder}{described}>'
                "</textarea>"
            )
        else:
            control = f'<input type="{one.type}" id="{control_id}" name="{one.id}"{placeholder}{described}>'
        body = [f'<label for="{control_id}">{label}</label>', help_html, control]
    elif one.type == "message":
        body = [render_message(w, one, label, help_html, described)]
    else:
        group = GROUPS[one.type](w, one)
        body = [
            f'<fieldset class="bb-group"{described}>',
            f'<legend id="{control_id}-legend">{label}</legend>',
            help_html,
            group,
            "</fieldset>",
        ]
    inner = "\n".join(part for part in [*body, example] if part)
    return f'<div class="bb-field" data-field="{one.id}" data-type="{one.type}"{plan}>\n{inner}\n</div>'


def render_scale(w: _Writer, one: Field) -> str:
    """Render a scale as a row of radio buttons with words under both ends."""
    options = []
    for number in range(one.min, one.max + 1):
        radio_id = w.field_id(one, number)
        end = ""
        if number == one.min and one.min_label:
            end = w.inline(one.min_label, one.lines["min_label"])
        elif number == one.max and one.max_label:
            end = w.inline(one.max_label, one.lines["max_label"])
        end_html = f' <span class="bb-scale__end">{end}</span>' if end else ""
        options.append(
            f'<label for="{radio_id}"><input type="radio" id="{radio_id}" name="{one.id}" '
            f'value="{number}"><span class="bb-scale__number">{number}</span>{end_html}</label>'
        )
    return '<div class="bb-scale">\n' + "\n".join(options) + "\n</div>"


def render_choices(w: _Writer, one: Field) -> str:
    """Render choice (radios), multichoice and checklist (checkboxes) options."""
    entries = one.items if one.type == "checklist" else one.options
    kind = "radio" if one.type == "choice" else "checkbox"
    rows = []
    for entry in entries:
        option_id = w.field_id(one, entry.slug)
        if one.type == "checklist":
            name = f'name="{one.id}.{entry.slug}"'
        else:
            name = f'name="{one.id}" value="{entry.slug}"'
        rows.append(
            f'<label for="{option_id}"><input type="{kind}" id="{option_id}" {name}>'
            f"<span>{w.inline(entry.text, entry.line)}</span></label>"
        )
    extra = " bb-checklist" if one.type == "checklist" else ""
    return f'<div class="bb-options{extra}">\n' + "\n".join(rows) + "\n</div>"


def render_list(w: _Writer, one: Field) -> str:
    """Render numbered lines, each input with its own (visually hidden) label."""
    label = w.plain(one.label, one.lines["label"])
    rows = []
    for index in range(one.count):
        line_id = w.field_id(one, index)
        rows.append(
            f'<li><label class="bb-visually-hidden" for="{line_id}">'
            f"{w.t('ws_line', label=label, n=index + 1)}</label>"
            f'<input type="text" id="{line_id}" name="{one.id}.{index}"></li>'
        )
    return '<ol class="bb-list">\n' + "\n".join(rows) + "\n</ol>"


def render_table(w: _Writer, one: Field) -> str:
    """Render a table of inputs in a labelled region that scrolls sideways on small screens."""
    heads = []
    plain = []
    for column in one.columns:
        heads.append(f'<th scope="col">{w.inline(column.label, column.line)}</th>')
        plain.append(w.plain(column.label, column.line))
    body = []
    for row in range(one.rows):
        cells = []
        for column, text in zip(one.columns, plain, strict=True):
            cell_id = w.field_id(one, row, column.slug)
            cells.append(
                f'<td><label class="bb-visually-hidden" for="{cell_id}">'
                f"{w.t('ws_cell', column=text, n=row + 1)}</label>"
                f'<input type="{column.type}" id="{cell_id}" name="{one.id}.{row}.{column.slug}"></td>'
            )
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<div class="bb-table-scroll" role="region" tabindex="0" '
        f'aria-labelledby="{w.field_id(one)}-legend">\n<table class="bb-table__grid">\n'
        f"<thead><tr>{''.join(heads)}</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody>\n</table>\n</div>"
    )


def render_message(w: _Writer, one: Field, label: str, help_html: str, described: str) -> str:
    """Render a message: its label, a preview the JS fills from answers, and a Copy button."""
    label_id = f"{w.field_id(one)}-label"
    template = html.escape(one.template, quote=True).replace("\n", "&#10;")
    return "\n".join(
        part
        for part in [
            f'<p class="bb-message__label" id="{label_id}">{label}</p>',
            help_html,
            f'<div class="bb-message" data-field="{one.id}" data-template="{template}" role="group" '
            f'aria-labelledby="{label_id}"{described}>',
            f'<pre class="bb-message__preview" data-preview>{html.escape(one.template, quote=False)}</pre>',
            f'<button type="button" class="bb-message__copy md-button" data-copy>{w.t("copy")}</button>',
            "</div>",
        ]
        if part
    )


GROUPS: dict[str, Callable[[_Writer, Field], str]] = {
    "scale": render_scale,
    "choice": render_choices,
    "multichoice": render_choices,
    "checklist": render_choices,
    "list": render_list,
    "table": render_table,
}


def render_worksheet_page(ws: Worksheet, placements: list[Placement], strings: dict[str, str]) -> str:
    """Render the Markdown of a worksheet's own page: title, where it is used, the form."""
    s = {**DEFAULT_STRINGS, **strings}
    used = ", ".join(f"[{md_text(p.title)}](../{p.src_uri})" for p in placements) or s["ws_not_placed"]
    note = f" {md_text(s['ws_shared'])}" if placements else ""
    front = {"title": ws.title, "description": " ".join(ws.intro.split())[:160] or ws.title}
    return (
        f"---\n{yaml_front(front)}---\n\n"
        f"# {md_text(ws.title)}\n\n"
        f"{md_text(s['ws_used_in'])}: {used}.{note}\n\n"
        f"{slot(ws.id, page=True)}\n"
    )


def render_index(
    worksheets: dict[str, Worksheet], placements: dict[str, list[Placement]], strings: dict[str, str]
) -> str:
    """Render the Markdown of the generated "All worksheets" page, in course order."""
    s = {**DEFAULT_STRINGS, **strings}

    def order(ws: Worksheet) -> tuple[int, str, int, str]:
        """Sort by the first page that places a worksheet; unplaced ones last."""
        first = (placements.get(ws.id) or [None])[0]
        return (0, first.src_uri, first.line, ws.id) if first else (1, "", 0, ws.id)

    rows = [
        f"| {md_text(s['ws_col_worksheet'])} | {md_text(s['ws_col_time'])} | {md_text(s['ws_used_in'])} |",
        "|---|---|---|",
    ]
    for ws in sorted(worksheets.values(), key=order):
        used = ", ".join(f"[{md_text(p.title)}](../{p.src_uri})" for p in placements.get(ws.id, []))
        minutes = s["ws_col_minutes"].replace("{minutes}", str(ws.minutes)) if ws.minutes else "–"
        rows.append(
            f"| [{md_text(ws.title)}]({ws.id}.md) | {minutes} | {used or md_text(s['ws_not_placed'])} |"
        )
    front = {"title": s["ws_all_title"], "description": s["ws_all_intro"]}
    return (
        f"---\n{yaml_front(front)}---\n\n# {md_text(s['ws_all_title'])}\n\n"
        f"{md_text(s['ws_all_intro'])}\n\n" + "\n".join(rows) + "\n"
    )


def md_text(text: str) -> str:
    """Escape author text for one line of generated Markdown (HTML and table pipes)."""
    return html.escape(" ".join(str(text).split()), quote=False).replace("|", "\\|")


def yaml_front(values: dict[str, str]) -> str:
    """Return front-matter lines; JSON strings are valid YAML, so any text is safe."""
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items())


# Paths ------------------------------------------------------------------------------------------


def shown_path(root: Path, config: MkDocsConfig, src_uri: str) -> str:
    """Return a docs file's path relative to the project root, for messages."""
    path = Path(config.docs_dir, src_uri).resolve()
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


# JSON Schema ----------------------------------------------------------------------------------


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
        if kind == "int":
            low, high = LIMITS[(type_name, key)]
            return {**desc, "type": "integer", "minimum": low, "maximum": high}
        if kind == "textlist":
            low, high = LIST_LIMITS[key]
            item = {"type": ["string", "number"], "minLength": 1, "pattern": r"\S"}
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
        if kind == "column-type":
            return {"enum": list(COLUMN_TYPES), "default": "text"}
        raise ValueError(kind)

    field_defs = {}
    for type_name in TYPES:
        keys = {**COMMON_KEYS, **TYPE_KEYS[type_name]}
        required = ["id", "type", "label"] + (
            [REQUIRED_TYPE_KEYS[type_name]] if type_name in REQUIRED_TYPE_KEYS else []
        )
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
    sys.stdout.write(json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n")
