"""Personal paths: lesson blocks meant only for some learners, by their About-you answer.

An author wraps Markdown (a paragraph, a list, whole sections) in two comment
markers, each alone on its line at the top level of the page:

    <!-- path: internal, many-nos -->
    Markdown for people passed over for a promotion, or tired of many no's.
    <!-- end path -->

The names are the course's own: the option ids of the worksheet field marked
`role: situation`, plus the id of a one-item checklist marked `role: flag`
(a field marked `role: name` holds the learner's first name). The loader
checks every block (`find_paths`): known names, no block left open, none
inside another, none indented (Python-Markdown cannot open an HTML block inside
an admonition, list or tab), and no worksheet or checklist inside one (progress
counts every checklist item, so a learner on another path could never finish).
`render_paths` turns each block into

    <div class="bb-path" data-path="internal many-nos" markdown="1">
    <p class="bb-path__label">For: internal promotion · many no's lately</p>
    …the author's Markdown…
    </div>

so the text stays Markdown, is in the HTML (search finds it, a page without
scripts shows all of it, labelled), and `paths.js` hides what does not fit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import AuthorError
from .formats import ROLES
from .pages import fenced_lines, line_at
from .text import escape, t

OPEN = re.compile(r"^(?P<indent>[ \t]*)<!--[ \t]*path:[ \t]*(?P<names>[^>]*?)[ \t]*-->[ \t]*$")
END = re.compile(r"^(?P<indent>[ \t]*)<!--[ \t]*end path[ \t]*-->[ \t]*$")
# Every comment that starts like a path marker, in any case and spacing.
LIKE = re.compile(r"<!--\s*(?:end\s*)?paths?\b", re.I)
EXAMPLE = "`<!-- path: name, other-name -->` … `<!-- end path -->`, each alone on its line"


@dataclass
class PathBlock:
    """One block of a page meant for some situations: its names and first and last line."""

    names: list[str]
    line: int
    end: int = 0
    labels: list[str] = field(default_factory=list)


@dataclass
class Roles:
    """Where the learner's situation, flag and first name are kept: one worksheet's field ids."""

    worksheet: str = ""
    situation: str = ""
    flag: str = ""
    name: str = ""

    def fields(self) -> set[tuple[str, str]]:
        """Return (worksheet, field) of every field with a role: the engine reads them."""
        return {(self.worksheet, f) for f in (self.situation, self.flag, self.name) if f}


def parse_role(one: Any, data: Any, shown: str) -> str:
    """Return a field's `role` once checked against its type (a flag has exactly one item)."""
    allowed = ROLES[one.type]
    role = data["role"]
    if role not in allowed:
        raise AuthorError(
            shown,
            data.line_of("role"),
            f"`role: {str(role)[:40]}` does not fit a {one.type} field",
            f"a {one.type} field's role: {', '.join(allowed)}",
        )
    if role == "flag" and len(one.items) != 1:
        raise AuthorError(
            shown,
            data.line_of("role"),
            f"a flag is a checklist of one item; this one has {len(one.items)}",
            "keep one item, or drop `role: flag`",
        )
    return str(role)


def find_roles(worksheets: dict[str, Any]) -> Roles:
    """Return the fields marked with a `role`, checked: each role once, all in one worksheet."""
    roles = Roles()
    for ws in worksheets.values():
        for one in ws.fields.values():
            if not one.role:
                continue
            line = one.lines.get("role", one.line)
            if getattr(roles, one.role):
                raise AuthorError(
                    ws.path, line, f"a second field with `role: {one.role}`", "give each role to one field"
                )
            if roles.worksheet and roles.worksheet != ws.id:
                raise AuthorError(
                    ws.path,
                    line,
                    f"`role: {one.role}` in another worksheet than `{roles.worksheet}`",
                    "keep the fields with a role in one worksheet (an About-you page)",
                )
            roles.worksheet = ws.id
            setattr(roles, one.role, one.id)
    return roles


def path_names(worksheets: dict[str, Any], strings: dict[str, str]) -> dict[str, str]:
    """Return {path name: short label} from the fields with a role, in their order.

    The names are the situation options' ids and the flag's field id; a label comes from
    the course's strings (`page_path_<name>`), else the option's own words. A course
    without such fields has no path names, so any path marker is an error.
    """
    roles = find_roles(worksheets)
    if not roles.worksheet:
        return {}
    fields = worksheets[roles.worksheet].fields
    names: dict[str, str] = {}
    if roles.situation:
        for option in fields[roles.situation].options:
            names[option.slug] = own_label(strings, option.slug, option.text)
    if roles.flag:
        names[roles.flag] = own_label(strings, roles.flag, fields[roles.flag].items[0].text)
    return names


def own_label(strings: dict[str, str], name: str, fallback: str) -> str:
    """Return the course's short label for a path name, or `fallback` when it has none."""
    key = f"page_path_{name}"
    return strings[key] if strings.get(key) else fallback


def split_names(text: str) -> list[str]:
    """Return the names of a marker (`internal, many-nos` or `internal many-nos`)."""
    return [name for name in re.split(r"[\s,]+", text) if name]


def find_paths(text: str, shown: str, known: dict[str, str]) -> list[PathBlock]:
    """Return the page's path blocks, checked; raise `AuthorError` at the line of the first mistake."""
    fenced = fenced_lines(text)
    lines = text.split("\n")
    blocks: list[PathBlock] = []
    current: PathBlock | None = None
    for match in LIKE.finditer(text):
        number = line_at(text, match.start())
        source = lines[number - 1]
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1)
        if number in fenced or source[:column].count("`") % 2:
            continue  # an example in code
        opened, ended = OPEN.match(source), END.match(source)
        if not (opened or ended):
            raise AuthorError(
                shown, number, f"the path marker `{source.strip()[:60]}` is not one the course reads", EXAMPLE
            )
        if (opened or ended).group("indent"):
            raise AuthorError(
                shown,
                number,
                "a path marker is indented, inside an admonition, list or tab, where it cannot hold Markdown",
                "put path markers at the left edge; a path block may hold a whole admonition or list",
            )
        if ended:
            if current is None:
                raise AuthorError(shown, number, "`<!-- end path -->` closes no path block", EXAMPLE)
            current.end = number
            blocks.append(current)
            current = None
            continue
        if current is not None:
            raise AuthorError(
                shown,
                number,
                f"a path block starts inside the one opened at line {current.line}",
                "close the first with `<!-- end path -->` before the next starts; blocks do not nest",
            )
        current = PathBlock(check_names(opened.group("names"), shown, number, known), number)
    if current is not None:
        raise AuthorError(
            shown,
            current.line,
            "the path block opened here is never closed",
            "end it with `<!-- end path -->` on a line of its own",
        )
    for block in blocks:
        block.labels = [known[name] for name in block.names]
    return blocks


def check_names(text: str, shown: str, line: int, known: dict[str, str]) -> list[str]:
    """Return a marker's names, each known and listed once."""
    names = split_names(text)
    allowed = ", ".join(known) or "(none: no worksheet field has `role: situation` or `role: flag`)"
    if not names:
        raise AuthorError(shown, line, "the path marker names no situation", f"path names: {allowed}")
    for name in names:
        if name not in known:
            raise AuthorError(shown, line, f"unknown path name `{name[:40]}`", f"path names: {allowed}")
    return list(dict.fromkeys(names))


def check_contents(
    blocks: list[PathBlock], shown: str, marker_lines: list[int], task_lines: list[int]
) -> None:
    """Refuse a worksheet or a checklist item inside a path block.

    Progress counts every checklist item and worksheet of a module, so one that only
    some learners see would leave the others unable to finish it.
    """
    for block in blocks:
        for kind, found in (("worksheet", marker_lines), ("checklist item", task_lines)):
            inside = [line for line in found if block.line < line < block.end]
            if inside:
                raise AuthorError(
                    shown,
                    inside[0],
                    f"a {kind} inside the path block of line {block.line}",
                    "keep worksheets and checklists outside path blocks: progress counts them for everyone",
                )


def render_paths(markdown: str, known: dict[str, str], strings: dict[str, str]) -> str:
    """Turn each (already checked) path block into a `md_in_html` div with its label."""
    fenced = fenced_lines(markdown)
    out = []
    for number, line in enumerate(markdown.split("\n"), start=1):
        opened = OPEN.match(line) if number not in fenced else None
        if opened:
            names = [n for n in split_names(opened.group("names")) if n in known]
            label = t(strings, "page_path_for", names=" · ".join(known[n] for n in names))
            out.append(
                f'\n<div class="bb-path" data-path="{escape(" ".join(names))}" markdown="1">\n'
                f'<p class="bb-path__label">{escape(label, quote=False)}</p>\n'
            )
        elif number not in fenced and END.match(line):
            out.append("\n</div>\n")
        else:
            out.append(line)
    return "\n".join(out)
