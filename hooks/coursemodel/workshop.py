"""Workshop plans: a facilitator guide's `workshop:` front matter, as plain data and as a table.

A page (a facilitator guide) declares its plan in its front matter, one entry
per session, each a list of steps in the order they happen:

    workshop:
      - title: First session             # optional; a plan of one session needs none
        steps:
          - minutes: 5
            what: "Arrive and set up: open the course or take a paper pack"
            links: "[Module 1](../modules/01-example.md)"
            format: Alone
            hand_out: [evaluation]           # optional: handed out here, not linked

`<!-- workshop: plan 1 -->` in the page shows session 1 as a table (minutes,
times worked out from them, what happens, links, format), and
`<!-- workshop: pack -->` links the plan's workshop pack and its slides. The
handouts of a step are the worksheets its `links` point at, then its
`hand_out`: the pack prints them in session order (`pack_worksheets`). Nothing
here names a course's worksheet, page or sentence: the plan is the course's.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from .errors import AuthorError, LineDict, LineList, load_yaml

# `<!-- workshop: plan 2 -->` (session 2's table) and `<!-- workshop: pack -->` (the pack's links).
MARKER = re.compile(
    r"^[ \t]*<!--[ \t]*workshop:[ \t]*(?P<what>plan[ \t]+(?P<n>\d+)|pack)[ \t]*-->[ \t]*$", re.M
)
# A Markdown link's target: `](../worksheets/example.md)` or with an anchor.
LINK = re.compile(r"\]\(\s*<?([^)\s>#]+)")
STEP_KEYS = ("minutes", "what", "links", "format", "hand_out")
MAX_MINUTES = 600


@dataclass
class Step:
    """One part of a session: how long, what happens, where in the course, who with."""

    minutes: int
    what: str
    links: str = ""
    format: str = ""
    # Worksheet ids handed out at this step: those `links` point at, then `hand_out`.
    handouts: list[str] = field(default_factory=list)
    # Site paths of the modules `links` point at (for their takeaways on the slides).
    modules: list[str] = field(default_factory=list)
    line: int = 1


@dataclass
class Session:
    """One session of a plan: its optional title and its steps."""

    title: str
    steps: list[Step]
    line: int = 1

    @property
    def minutes(self) -> int:
        """Return the session's length: its steps' minutes added up."""
        return sum(step.minutes for step in self.steps)


@dataclass
class Plan:
    """A facilitator guide's workshop plan: its page and its sessions."""

    src_uri: str
    path: str
    title: str
    sessions: list[Session]

    @property
    def slug(self) -> str:
        """Return the name the plan's pack and slides are published under (the page's file name)."""
        return posixpath.splitext(posixpath.basename(self.src_uri))[0]


def has_plan(front: str | None) -> bool:
    """Return True when front matter text declares a `workshop:` plan (cheap, before parsing)."""
    return bool(front) and re.search(r"^workshop[ \t]*:", front, re.M) is not None


def parse_plan(front: str, shown: str, src_uri: str, title: str, worksheet_ids: set[str]) -> Plan:
    """Return the plan a page's front matter declares, or stop at the line of what is wrong.

    `worksheet_ids` are every worksheet file of the course (hidden ones too: a
    center's hiding leaves the plan valid, and the pack drops their handouts).
    """
    data = load_yaml(front, shown, first_line=2)
    raw = data.get("workshop") if isinstance(data, dict) else None
    line = data.line_of("workshop") if isinstance(data, LineDict) else 2
    if not isinstance(raw, list) or not raw:
        raise AuthorError(
            shown, line, "`workshop` must be a list of sessions", "`workshop:` then `- steps:` with its steps"
        )
    sessions = [
        parse_session(item, shown, src_uri, worksheet_ids, _item_line(raw, index, line))
        for index, item in enumerate(raw)
    ]
    return Plan(src_uri=src_uri, path=shown, title=title, sessions=sessions)


def _item_line(items: Any, index: int, default: int) -> int:
    """Return the line of list item `index` (its mapping's own line when it has one)."""
    item = items[index]
    if isinstance(item, LineDict):
        return item.line
    if isinstance(items, LineList) and index < len(items.item_lines):
        return items.item_lines[index]
    return default


def parse_session(item: Any, shown: str, src_uri: str, worksheet_ids: set[str], line: int) -> Session:
    """Return one session (`title`, `steps`), checked."""
    if not isinstance(item, LineDict) or not isinstance(item.get("steps"), list) or not item["steps"]:
        raise AuthorError(
            shown, line, "each session needs `steps:`, a list", "`- steps:` then `- minutes: 5`"
        )
    unknown = sorted(set(item) - {"title", "steps"})
    if unknown:
        raise AuthorError(
            shown, item.line_of(unknown[0]), f"unknown session key `{unknown[0]}`", "title, steps"
        )
    title = item.get("title") or ""
    if not isinstance(title, str):
        raise AuthorError(shown, item.line_of("title"), "`title` must be text", '`title: "Session 1"`')
    steps = [
        parse_step(
            step, shown, src_uri, worksheet_ids, _item_line(item["steps"], index, item.line_of("steps"))
        )
        for index, step in enumerate(item["steps"])
    ]
    return Session(title=title.strip(), steps=steps, line=item.line)


def parse_step(item: Any, shown: str, src_uri: str, worksheet_ids: set[str], line: int) -> Step:
    """Return one step, checked: whole minutes, the words, the worksheets it hands out."""
    if not isinstance(item, LineDict):
        raise AuthorError(shown, line, "each step must be a mapping", "`- minutes: 5` and `what: …`")
    unknown = sorted(set(item) - set(STEP_KEYS))
    if unknown:
        raise AuthorError(
            shown, item.line_of(unknown[0]), f"unknown step key `{unknown[0]}`", ", ".join(STEP_KEYS)
        )
    minutes = item.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 < minutes <= MAX_MINUTES:
        raise AuthorError(
            shown, item.line_of("minutes"), f"`minutes` must be a whole number, not {minutes!r}", "1 to 600"
        )
    for key in ("what", "links", "format"):
        if key in item and not isinstance(item[key], str):
            raise AuthorError(shown, item.line_of(key), f"`{key}` must be text", f'`{key}: "…"`')
    if not str(item.get("what") or "").strip():
        raise AuthorError(
            shown, item.line_of("what"), "a step needs `what`: what happens", '`what: "Welcome"`'
        )
    links = str(item.get("links") or "").strip()
    handouts, modules = linked_pages(links, src_uri)
    extra = item.get("hand_out") or []
    if not isinstance(extra, list) or not all(isinstance(x, str) for x in extra):
        raise AuthorError(
            shown, item.line_of("hand_out"), "`hand_out` must be a list of worksheet ids", "[id, …]"
        )
    for ws_id in [*handouts, *extra]:
        if ws_id not in worksheet_ids:
            raise AuthorError(
                shown,
                item.line_of("hand_out" if ws_id in extra else "links"),
                f"the step hands out worksheet `{ws_id}`, which does not exist",
                f"worksheets (files in worksheets/): {', '.join(sorted(worksheet_ids)) or '(none)'}",
            )
    return Step(
        minutes=minutes,
        what=str(item["what"]).strip(),
        links=links,
        format=str(item.get("format") or "").strip(),
        handouts=list(dict.fromkeys([*handouts, *extra])),
        modules=modules,
        line=item.line,
    )


def linked_pages(links: str, src_uri: str) -> tuple[list[str], list[str]]:
    """Return (worksheet ids, module paths) that a step's Markdown links point at, in order."""
    worksheets, modules = [], []
    for target in LINK.findall(links):
        if "://" in target or target.startswith(("mailto:", "/")):
            continue
        uri = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))
        found = re.fullmatch(r"worksheets/([a-z0-9-]+)\.md", uri)
        if found and found.group(1) != "index":
            worksheets.append(found.group(1))
        elif uri.startswith("modules/") and uri.endswith(".md"):
            modules.append(uri)
    return worksheets, modules


def pack_worksheets(plan: Plan, shown_ids: set[str] | Any) -> list[str]:
    """Return the worksheets the plan hands out, in session order, each once; hidden ones drop out."""
    seen: list[str] = []
    for session in plan.sessions:
        for step in session.steps:
            seen.extend(ws_id for ws_id in step.handouts if ws_id in shown_ids and ws_id not in seen)
    return seen


def clock(minutes: int) -> str:
    """Return minutes from the start as a clock offset: 65 → "1:05"."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def timed_steps(session: Session) -> list[tuple[Step, str, str]]:
    """Return each step with its start and end as clock offsets from the session's start."""
    out, start = [], 0
    for step in session.steps:
        out.append((step, clock(start), clock(start + step.minutes)))
        start += step.minutes
    return out


def cell(text: str) -> str:
    """Return author Markdown for one table cell (a `|` would end the cell; a line break the row)."""
    return " ".join(text.replace("|", "\\|").split())


def render_table(session: Session, strings: dict[str, str]) -> str:
    """Return a session's plan as a Markdown table, its times worked out from the minutes."""
    heads = [strings[f"page_workshop_{name}"] for name in ("minutes", "time", "what", "links", "format")]
    rows = ["| " + " | ".join(heads) + " |", "|---|---|---|---|---|"]
    for step, start, end in timed_steps(session):
        cells = [str(step.minutes), f"{start}–{end}", cell(step.what), cell(step.links), cell(step.format)]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)
