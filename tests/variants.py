"""Variant builds of the real course: a small config that INHERITs mkdocs.yml.

A career center changes the course with its own small `mkdocs.yml`; tests do
the same in a temp folder. Paths in an inherited config are read relative to
the child file, so the variant restates them as absolute paths. The engine
comes with the `bounce-back` plugin that the course's config names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import get_yaml_loader

from tests.conftest import ROOT


def course_config() -> dict[str, Any]:
    """Return the course's mkdocs.yml as MkDocs reads it (with !ENV resolved)."""
    with open(ROOT / "mkdocs.yml", "rb") as handle:
        return yaml.load(handle, Loader=get_yaml_loader())


def write_variant(
    folder: Path, settings: dict[str, Any], root: Path = ROOT, *, course_id: str | None = "keep"
) -> Path:
    """Write `folder/mkdocs.yml` inheriting the course at `root` with `settings` merged on top.

    Like a center's file, it writes `extra.course.id` (a copy that inherits the course's id is
    warned: two copies on one web address would share answers). `course_id="keep"` writes the
    course's own id, so the variant's storage is named as the course's; None writes none.
    """
    base = course_config() if root == ROOT else yaml.load((root / "mkdocs.yml").open("rb"), get_yaml_loader())
    data: dict[str, Any] = {
        "INHERIT": str(root / "mkdocs.yml"),
        "docs_dir": str(root / "docs"),
        "watch": [str(root / path) for path in base.get("watch", [])],
    }
    for key, value in settings.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    if course_id is not None:
        kept = ((base.get("extra") or {}).get("course") or {}).get("id")
        written = kept if course_id == "keep" else course_id
        course = dict(((data.get("extra") or {}).get("course")) or {})
        if written and "id" not in course:
            data["extra"] = {**(data.get("extra") or {}), "course": {"id": written, **course}}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
