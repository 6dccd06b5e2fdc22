"""One object per build that every hook reads: the course model and what was made from it.

MkDocs loads each hook file once per process (`mkdocs serve` rebuilds with the
same modules), so nothing is kept in module globals. The state hangs on this
build's config object instead: a fresh config, a fresh state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Course

_ATTRIBUTE = "_bounce_back_build"


@dataclass
class Build:
    """Everything the hooks share during one build."""

    course: Course | None = None
    # The course's Markdown converter (raw HTML off), made once per build.
    md: Any = None
    # The one `coursemodel.render.Renderer` of this build (templates, strings, Markdown).
    renderer: Any = None
    # Rendered worksheet forms: (worksheet id, with title?) -> HTML.
    forms: dict[tuple[str, bool], str] = field(default_factory=dict)
    # The course data for the browser, as a JavaScript statement (see coursemodel.browser).
    course_data_js: str = ""
    # Site paths of the shipped asset bundles by name ("main.css", "main.js", "plan.js", …).
    bundles: dict[str, str] = field(default_factory=dict)
    # Published PDFs: site uri -> file path; worksheet id -> title.
    pdfs: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def build_of(config: Any) -> Build:
    """Return this build's shared state, made on first use."""
    state = getattr(config, _ATTRIBUTE, None)
    if state is None:
        state = Build()
        setattr(config, _ATTRIBUTE, state)
    return state


def course_of(config: Any) -> Course:
    """Return this build's course model; it is loaded in the course hook's `on_files`."""
    course = build_of(config).course
    if course is None:
        raise RuntimeError("the course model is not loaded yet: hooks/course.py must come first in `hooks:`")
    return course
