"""Storage keys and records: the one place in Python that spells them.

The browser's twin is `docs/assets/bounce-back/store.js`; ARCHITECTURE.md
("Browser storage") is the contract both follow. A record is
`{"v": RECORD_VERSION, "answers": {name: value}, "updated": ISO}`.
"""

from __future__ import annotations

from typing import Any

# Every key of a course is `bb:<course id>:<key>` (an LMS learner's: `bb:<course id>@lms-<id>:<key>`).
NAMESPACE_PREFIX = "bb:"
WORKSHEET_PREFIX = "ws:"
CHECKLIST_PREFIX = "cl:"
PROGRESS_KEY = "progress"
RECORD_VERSION = 1
# A per-tab view setting (sessionStorage, `bb:<course id>:` before it): "1" while every path shows.
SHOW_ALL_PATHS_KEY = "view:paths-all"
# Field types that keep no answer of their own.
UNSTORED_TYPES = frozenset({"message"})


def namespace(course_id: str) -> str:
    """Return the prefix of every storage key of the course `course_id` (`bb:<id>:`)."""
    return f"{NAMESPACE_PREFIX}{course_id}:"


def worksheet_key(ws_id: str) -> str:
    """Return the storage key of a worksheet's record."""
    return WORKSHEET_PREFIX + ws_id


def checklist_key(src_uri: str) -> str:
    """Return the storage key of the Markdown checklists on the page at `src_uri`."""
    return CHECKLIST_PREFIX + src_uri


def field_names(one: Any) -> list[str]:
    """Return the storage names of a field: its controls' `name`s, in order.

    `company`; `went-well.0` (list line); `log.2.who` (table row 2, column who);
    `todo.send-a-note` (checklist item); choices store their option slug under the id.
    """
    if one.type in UNSTORED_TYPES:
        return []
    from .fieldtypes import units  # here, not at the top: the units import the model

    if one.type in units():
        return units()[one.type].storage_names(one)
    if one.type == "checklist":
        return [f"{one.id}.{item.slug}" for item in one.items]
    if one.type == "list":
        return [f"{one.id}.{i}" for i in range(one.count)]
    if one.type == "table":
        return [f"{one.id}.{r}.{c.slug}" for r in range(one.rows) for c in one.columns]
    return [one.id]


def list_name(field_id: str, index: int) -> str:
    """Return the storage name of line `index` of a list field."""
    return f"{field_id}.{index}"


def cell_name(field_id: str, row: int, column: str) -> str:
    """Return the storage name of one table cell."""
    return f"{field_id}.{row}.{column}"


def item_name(field_id: str, slug: str) -> str:
    """Return the storage name of one item of a checklist field."""
    return f"{field_id}.{slug}"
