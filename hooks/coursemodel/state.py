"""One object per build that every hook reads: the course model and what was made from it.

MkDocs loads each hook file once per process (`mkdocs serve` rebuilds with the
same modules), so nothing is kept in module globals. The state hangs on this
build's config object instead: a fresh config, a fresh state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Course
from .options import BuildOptions

_ATTRIBUTE = "_bounce_back_build"


@dataclass
class PdfState:
    """What the PDF step decided and made: its settings, the published files, titles and papers."""

    settings: Any = None  # coursemodel.handouts.Settings
    published: dict[str, Any] = field(default_factory=dict)  # site uri -> file path
    titles: dict[str, str] = field(default_factory=dict)  # worksheet id -> title
    papers: tuple[str, str] = ("", "")  # (this build's default paper, the other)


@dataclass
class Build:
    """Everything the steps share during one build, made once per build by the plugin."""

    options: BuildOptions = field(default_factory=BuildOptions)
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
    pdfs: PdfState = field(default_factory=PdfState)
    # The course data the scripts read (coursemodel.browser.course_data).
    course_data: dict[str, Any] = field(default_factory=dict)
    # My plan's bundle opens with this statement: the full course data, words included.
    plan_data_js: str = ""
    # The career center's colours as CSS, last in the main stylesheet ("" without colours).
    brand_css: str = ""
    # Workshop packs made this build (coursemodel.steps.workshop): site uri -> file path.
    packs: dict[str, Any] = field(default_factory=dict)


def attach(config: Any, build: Build) -> Build:
    """Make `build` this config's state (the plugin does, once per build) and return it."""
    setattr(config, _ATTRIBUTE, build)
    return build


def build_of(config: Any) -> Build:
    """Return this build's shared state (made on first use where no plugin made it, as in unit tests)."""
    state = getattr(config, _ATTRIBUTE, None)
    if state is None:
        state = Build()
        setattr(config, _ATTRIBUTE, state)
    return state


def course_of(config: Any) -> Course:
    """Return this build's course model; it is loaded in the course hook's `on_files`."""
    course = build_of(config).course
    if course is None:
        raise RuntimeError(
            "the course model is not loaded yet: the `bounce-back` plugin loads it in `on_files`"
        )
    return course
