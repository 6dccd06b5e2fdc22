"""The course as plain data: what every hook, script and test reads.

`coursemodel.load.load_course` builds one `Course` per build from the course
files (each read once); nothing here touches files, Markdown or HTML. The
storage names of every field and checklist item are worked out here, in
`keys.py`, and nowhere else in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import keys


@dataclass
class Choice:
    """An option of a choice, multichoice or scenario field, or a checklist item."""

    text: str
    slug: str
    line: int = 1
    # A scenario's option carries the coach's comment on choosing it (inline Markdown).
    comment: str = ""


@dataclass
class Column:
    """A table column: its label, the slug in storage names, and its input type."""

    label: str
    slug: str
    type: str = "text"
    line: int = 1


@dataclass
class Field:
    """One validated worksheet field. Keys that do not apply to its type keep their defaults."""

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
    # A scale's earlier rating (`worksheet.field` once checked) that My plan shows beside it.
    compare: str = ""
    options: list[Choice] = field(default_factory=list)
    items: list[Choice] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    template: str = ""
    # A scenario's scene, set before its options (Markdown).
    situation: str = ""
    # What the field tells the engine about the learner (formats.ROLES): "situation", "flag", "name".
    role: str = ""
    line: int = 1
    lines: dict[str, int] = field(default_factory=dict, repr=False)
    # The parsed message template, and the plan line (`plan: "…"`), as `messages.Template`s;
    # their marks are resolved once all files load (`messages.check_course`).
    message: Any = field(default=None, repr=False)
    plan_line: Any = field(default=None, repr=False)
    # A table's plan items take their date from this date column (`plan_date`).
    plan_date: str = ""
    # Kept for the learner alone: no message or plan line needs to use it.
    private: bool = False
    # A plan step's calendar event carries these messages of its worksheet (`note:`).
    note: list[str] = field(default_factory=list)
    # A message's person: the field (`field` or `worksheet.field`) that holds their name (`to:`).
    to: str = ""

    def names(self) -> list[str]:
        """Return the storage names of this field (its controls' `name`s), in order."""
        return keys.field_names(self)

    @property
    def stores(self) -> bool:
        """Return True when the field keeps an answer (a message only previews others)."""
        return self.type not in keys.UNSTORED_TYPES


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
    # Every field is the learner's own unless a template uses it (`private: true` at the top).
    private: bool = False

    @property
    def fields(self) -> dict[str, Field]:
        """Return every field by id, in order."""
        return {f.id: f for section in self.sections for f in section.fields}

    @property
    def key(self) -> str:
        """Return the storage key of this worksheet's record."""
        return keys.worksheet_key(self.id)


@dataclass
class Placement:
    """Where a page places a worksheet."""

    src_uri: str
    path: str
    line: int
    title: str


@dataclass
class ChecklistItem:
    """One item of a Markdown task list: its stored name (slug), text and source line."""

    slug: str
    text: str
    line: int


@dataclass
class Source:
    """One article the course is built from."""

    id: str
    title: str
    by: str
    summary: str = ""
    file: str = ""
    url: str = ""


@dataclass
class Module:
    """A module's validated front matter and where it lives."""

    src_uri: str
    path: str
    number: int
    title: str
    minutes: int
    objectives: list[str]
    takeaways: list[str]
    sources: list[str]
    description: str = ""
    slug: str = ""
    url: str = ""
    lines: dict[str, int] = field(default_factory=dict, repr=False)
    # Filled by the loader: worksheets in marker order, and the page's checklist items.
    worksheets: list[str] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    # The number shown to learners: its place in the course as displayed (1, 2, …).
    position: int = 0

    @property
    def checklist_key(self) -> str:
        """Return the storage key of this page's Markdown checklists."""
        return keys.checklist_key(self.src_uri)


@dataclass
class Page:
    """What the course knows about one Markdown page: its title, markers and task lists."""

    src_uri: str
    path: str
    title: str
    url: str = ""
    placements: list[tuple[str, int]] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    # Path blocks (`coursemodel.paths.PathBlock`): text meant for some About-you answers.
    paths: list[Any] = field(default_factory=list)
    # A facilitator guide's workshop plan (`coursemodel.workshop.Plan`), from its front matter.
    plan: Any = None


@dataclass
class Course:
    """The whole course, loaded and validated once per build."""

    id: str
    root: str
    worksheets: dict[str, Worksheet]
    sources: dict[str, Source]
    modules: list[Module]
    hidden: list[Module]
    pages: dict[str, Page]
    placements: dict[str, list[Placement]]
    settings: dict[str, Any] = field(default_factory=dict)
    strings: dict[str, str] = field(default_factory=dict)
    # Path names a lesson may use (`<!-- path: … -->`) and their short labels, in order.
    paths: dict[str, str] = field(default_factory=dict)
    # Build warnings about the course files (an answer collected and used nowhere), logged by the course hook.
    warnings: list[str] = field(default_factory=list)
    # The worksheets only hidden modules placed: hidden with them (no page, no PDF, no plan entry).
    hidden_worksheets: set[str] = field(default_factory=set)

    @property
    def plans(self) -> list[Any]:
        """Return the workshop plans of the course's pages (`coursemodel.workshop.Plan`), by page."""
        return [self.pages[uri].plan for uri in sorted(self.pages) if self.pages[uri].plan is not None]

    def module(self, src_uri: str) -> Module | None:
        """Return the shown module at `src_uri`, or None."""
        return next((m for m in self.modules if m.src_uri == src_uri), None)

    def worksheet_order(self) -> list[Worksheet]:
        """Return the worksheets in course order: as modules place them, then the rest by id."""
        seen: list[str] = []
        for module in self.modules:
            seen.extend(ws_id for ws_id in module.worksheets if ws_id not in seen)
        for ws_id, found in self.placements.items():
            if ws_id not in seen and found and found[0].src_uri not in self.hidden_uris:
                seen.append(ws_id)
        rest = [ws_id for ws_id in sorted(self.worksheets) if ws_id not in seen]
        return [self.worksheets[ws_id] for ws_id in seen + rest if ws_id in self.worksheets]

    def home_of(self, ws_id: str) -> Module | None:
        """Return the first shown module that places worksheet `ws_id`."""
        return next((m for m in self.modules if ws_id in m.worksheets), None)

    @property
    def hidden_uris(self) -> set[str]:
        """Return the source paths of the modules a center hid."""
        return {m.src_uri for m in self.hidden}

    @property
    def unbuilt_uris(self) -> set[str]:
        """Return the pages hiding leaves unbuilt: hidden modules and the worksheet pages only they placed."""
        return self.hidden_uris | {f"worksheets/{ws_id}.md" for ws_id in self.hidden_worksheets}
