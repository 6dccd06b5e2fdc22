"""Field types as units: a type is one folder in `coursemodel/fields/`, found by this registry.

A unit folder holds everything its type needs:

- `__init__.py`: `TYPE = FieldType(...)`, its keys (for the validator and the JSON Schema),
  how it is parsed and checked (file:line errors), its storage names and its course data;
- `field.html`: its markup, for the screen and for paper (the handouts render the same form);
- `field.css`: its screen and print styles (bundled into the site's stylesheet and the handouts);
- `field.js`: its behaviour, and `BounceBack.types.<name>.value(field, stored)`, which My plan,
  its Markdown copy and the print view use to read an answer back as words.

The validator, schema, storage names, course data, templates, bundles and handouts ask this
registry; nothing else needs to change to add a type (see "Add a field type" in ARCHITECTURE.md).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TYPES_DIR = Path(__file__).resolve().parent / "fields"


@dataclass(frozen=True)
class FieldType:
    """One field type: its name, keys and the few functions the engine calls for it."""

    name: str
    # Keys a field of this type takes besides the common ones: key -> value kind (see formats).
    keys: dict[str, str]
    required: tuple[str, ...] = ()
    # Common keys that do not apply (e.g. "plan").
    not_for: frozenset[str] = frozenset()
    descriptions: dict[str, str] = field(default_factory=dict)
    # One example field for the module scaffold's starter worksheet (YAML, indented for `fields:`).
    scaffold: str = ""
    # Its words, by language: {"en": {"rank_up": "Move {item} up"}, "es": {…}} (under the course's).
    strings: dict[str, dict[str, str]] = field(default_factory=dict)
    # (field, data, shown) -> None: read and check the type's keys into the field; AuthorError on a mistake.
    parse: Callable[[Any, Any, str], None] = lambda one, data, shown: None
    # field -> its storage names, in order (default: the field id).
    names: Callable[[Any], list[str]] | None = None
    # (field, plain) -> what the scripts need beyond id, type, label and names.
    data: Callable[[Any, Callable[[str], str]], dict[str, Any]] = lambda one, plain: {}

    @property
    def folder(self) -> Path:
        """Return the unit's folder (its template, styles and script)."""
        return TYPES_DIR / self.name

    def storage_names(self, one: Any) -> list[str]:
        """Return the field's storage names."""
        return self.names(one) if self.names else [one.id]


@functools.cache
def units() -> dict[str, FieldType]:
    """Return every unit type by name, from the folders of `coursemodel/fields/` (sorted by name)."""
    found: dict[str, FieldType] = {}
    for folder in sorted(TYPES_DIR.iterdir()) if TYPES_DIR.is_dir() else []:
        if not (folder / "__init__.py").is_file():
            continue
        unit = importlib.import_module(f"{__package__}.fields.{folder.name}").TYPE
        if unit.name != folder.name:
            raise RuntimeError(f"{folder}: TYPE.name is {unit.name!r}; it must be the folder's name")
        found[unit.name] = unit
    return found


def unit_strings(language: str) -> dict[str, str]:
    """Return every unit's words in `language` (none where a unit has no such language)."""
    out: dict[str, str] = {}
    for unit in units().values():
        out.update(unit.strings.get(language, {}))
    return out


def unit_files(suffix: str) -> list[tuple[str, Path]]:
    """Return (bundle name, path) of every unit's `field<suffix>` (".css", ".js") that exists."""
    return [
        (f"{name}/field{suffix}", unit.folder / f"field{suffix}")
        for name, unit in units().items()
        if (unit.folder / f"field{suffix}").is_file()
    ]
