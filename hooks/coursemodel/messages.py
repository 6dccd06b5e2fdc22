"""The template language of messages and plan lines: parsed and checked once per build.

A template is plain text with two kinds of marks (see docs/authoring/index.md):

- `{field}` or `{worksheet.field}`: the learner's answer. `{field|words}` uses the
  words when the answer is empty; a `.` just before the closing brace (`{field.}`,
  `{field|words.}`) ends the sentence with a full stop unless the answer already
  ends with `.`, `!`, `?` or `…` (`{field?}`: with a question mark); `{field's}` is the
  possessive of a name ("Thandi's", "Charles's"). In a table's
  plan line, `{column}` is that row's cell.
- `[[if field]]…[[else]]…[[end]]` keeps a part only when the field is filled in;
  `[[if field = option]]` (or `= one, other`) when a choice, multichoice or
  checklist has one of those answers. A block mark alone on its line takes its
  line with it, so blocks read as paragraphs in a YAML `|` block.

Python parses and checks every template (errors `path:line: problem; allowed` at
the line the mark is written on); `messagedata.py` hands the browser the parsed
nodes and `docs/assets/bounce-back/messages.js` only renders them, so there is one
parser. On paper (`messagedata.paper_html`) each answer is a labelled writing line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import AuthorError
from .formats import ID_RULE

if TYPE_CHECKING:
    from .model import Field, Worksheet

# Every mark, and the stray braces and brackets that would otherwise pass as text.
TOKEN = re.compile(r"\{([^{}\n]*)\}|\[\[([^\[\]\n]*)\]\]|\{|\}|\[\[|\]\]")
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
VALUE = re.compile(rf"^(?P<ref>{_ID}(?:\.{_ID})?)(?:\|(?P<fallback>[^|]*?))?(?P<pos>'s)?(?P<stop>[.?])?$")
IF = re.compile(rf"^if\s+(?P<ref>{_ID}(?:\.{_ID})?)(?:\s*=\s*(?P<slugs>{_ID}(?:\s*,\s*{_ID})*))?$")
# Field types whose answer is one piece of text, so it can stand in a sentence.
VALUE_TYPES = ("text", "textarea", "date", "scale")
# Field types a condition may ask for a given answer.
OPTION_TYPES = ("choice", "multichoice", "checklist")
VALUE_HELP = (
    "write `{field}`, `{worksheet.field}`, `{field|words if empty}`, `{field.}`, `{field?}` or `{field's}`"
)
BLOCK_HELP = "write `[[if field]]`, `[[if field = option]]`, `[[else]]` or `[[end]]`"


@dataclass
class Ref:
    """A field (or, in a table's plan line, a column) named by a mark, and where it is written."""

    text: str
    line: int
    mark: str = ""  # the whole mark as written, for messages: `{interviewer}`, `[[if stage = x]]`
    ws: str = ""
    field: str = ""
    column: str = ""
    # Filled by `check_course`: the named field (None for a column) and the column's label/type.
    target: Any = None
    label: str = ""
    type: str = ""

    @property
    def name(self) -> str:
        """Return the mark's field part (`interviewer` of `interview-debrief.interviewer`)."""
        return self.text.rpartition(".")[2]

    @property
    def owner(self) -> str:
        """Return the worksheet part as written ("" for the same worksheet)."""
        return self.text.rpartition(".")[0]


@dataclass
class Value:
    """`{field}`: the answer as text, `fallback` when empty (None: a blank).

    `stop` is "." or "?" (`{field.}`, `{field?}`): the answer ends with it unless it
    already ends a sentence; "" adds nothing.
    """

    ref: Ref
    fallback: str | None = None
    stop: str = ""
    possessive: bool = False  # `{field's}`: "Thandi's", "Charles's" (the answer's name, never a phrase)


@dataclass
class If:
    """`[[if field]]` / `[[if field = a, b]]` with its two branches."""

    ref: Ref
    slugs: list[str]
    then: list[Node] = field(default_factory=list)
    other: list[Node] = field(default_factory=list)
    line: int = 1


Node = str | Value | If


@dataclass
class Template:
    """A parsed template: its nodes, every mark's reference, and what it was parsed from."""

    source: str
    nodes: list[Node]
    refs: list[Ref]
    kind: str = "message"


def line_finder(source: str, key_line: int, lines: list[str]) -> Callable[[int, str], int]:
    """Return `line(offset, token)`: the file line a template's mark at `offset` is written on.

    A `|` block keeps its lines, so the line is exact. Other styles (quoted, folded,
    flow) join or move lines, so the mark is looked for from the key's line on.
    """
    head = lines[key_line - 1] if 0 < key_line <= len(lines) else ""
    literal = re.search(r":\s*\|[-+0-9]*\s*(#.*)?$", head) is not None
    if literal:
        return lambda offset, _token: key_line + 1 + source.count("\n", 0, offset)
    last = [key_line]

    def search(_offset: int, token: str) -> int:
        """Find the token from the last found line on (marks come in order)."""
        for number in range(last[0], len(lines) + 1):
            if token in lines[number - 1]:
                last[0] = number
                return number
        return key_line

    return search


def parse(source: str, shown: str, line_of: Callable[[int, str], int], kind: str = "message") -> Template:
    """Parse a template into nodes; an unknown or unclosed mark is an `AuthorError` at its line."""
    root: list[Node] = []
    stack: list[tuple[If, bool]] = []  # open blocks, and whether the `[[else]]` was seen
    refs: list[Ref] = []
    pos = 0

    def out() -> list[Node]:
        """Return the node list text goes into now: the innermost open branch."""
        if not stack:
            return root
        block, in_else = stack[-1]
        return block.other if in_else else block.then

    def add_text(text: str) -> None:
        """Append literal text, joined to the text before it."""
        if not text:
            return
        target = out()
        if target and isinstance(target[-1], str):
            target[-1] += text
        else:
            target.append(text)

    for match in TOKEN.finditer(source):
        token = match.group(0)
        line = line_of(match.start(), token)
        start, end = match.start(), match.end()
        if match.group(2) is not None:
            # A block mark alone on its line takes the whole line, so blocks can be paragraphs.
            before = source.rfind("\n", 0, start) + 1
            after = source.find("\n", end)
            after = len(source) if after == -1 else after
            if not source[before:start].strip() and not source[end:after].strip():
                add_text(source[pos:before])
                pos = min(after + 1, len(source))
            else:
                add_text(source[pos:start])
                pos = end
            inner = match.group(2).strip()
            if inner == "end":
                if not stack:
                    raise AuthorError(
                        shown, line, "`[[end]]` closes no `[[if …]]`", "open a block with `[[if field]]`"
                    )
                stack.pop()
            elif inner == "else":
                if not stack or stack[-1][1]:
                    problem = (
                        "`[[else]]` has no `[[if …]]` to belong to" if not stack else "a second `[[else]]`"
                    )
                    raise AuthorError(shown, line, problem, "one `[[else]]` between `[[if …]]` and `[[end]]`")
                stack[-1] = (stack[-1][0], True)
            else:
                found = IF.match(inner)
                if not found:
                    raise AuthorError(shown, line, f"`{token}` is not a block mark", BLOCK_HELP)
                ref = Ref(found.group("ref"), line, token)
                refs.append(ref)
                slugs = [s.strip() for s in (found.group("slugs") or "").split(",") if s.strip()]
                block = If(ref, slugs, line=line)
                out().append(block)
                stack.append((block, False))
            continue
        add_text(source[pos:start])
        pos = end
        if match.group(1) is None:
            what = {"{": "a `{` with no `}`", "}": "a `}` with no `{`", "[[": "a `[[` with no `]]`"}
            problem = what.get(token, "a `]]` with no `[[`")
            raise AuthorError(
                shown,
                line,
                f"{problem} in the {kind}",
                VALUE_HELP if "{" in token or "}" in token else BLOCK_HELP,
            )
        inner = match.group(1)
        found = VALUE.match(inner)
        if not found:
            if inner.strip() != inner and VALUE.match(inner.strip()):
                problem = f"`{token}` has spaces inside the braces"
                raise AuthorError(shown, line, problem, f"write `{{{inner.strip()}}}`")
            raise AuthorError(shown, line, f"`{token}` in the {kind} is not a placeholder", VALUE_HELP)
        ref = Ref(found.group("ref"), line, token)
        refs.append(ref)
        out().append(Value(ref, found.group("fallback"), found.group("stop") or "", bool(found.group("pos"))))
    add_text(source[pos:])
    if stack:
        block = stack[-1][0]
        raise AuthorError(
            shown, block.line, f"`[[if {block.ref.text}…]]` is never closed", "end it with `[[end]]`"
        )
    return Template(source, root, refs, kind)


# Checking against the whole course -------------------------------------------------------------


def check_course(worksheets: dict[str, Worksheet]) -> None:
    """Resolve every mark of every template, `note` and `to` against the course; errors at their line."""
    from . import notes  # notes resolves `to` with this module's `resolve`

    for ws in worksheets.values():
        for one in ws.fields.values():
            if one.message is not None:
                check_template(one.message, ws, worksheets, None)
            if one.plan_line is not None:
                check_template(one.plan_line, ws, worksheets, one if one.type == "table" else None)
    notes.check_notes(worksheets)


def check_template(
    template: Template, ws: Worksheet, worksheets: dict[str, Worksheet], table: Field | None
) -> None:
    """Resolve and check the marks of one template (`table`: the table whose plan line it is)."""
    values = {id(node.ref) for node in walk(template.nodes) if isinstance(node, Value)}
    conditions = {id(node.ref): node for node in walk(template.nodes) if isinstance(node, If)}
    for ref in template.refs:
        resolve(ref, ws, worksheets, table)
        if id(ref) in values:
            if ref.column:
                continue
            if ref.type not in VALUE_TYPES:
                usable = [f.id for f in (worksheets[ref.ws].fields.values()) if f.type in VALUE_TYPES]
                raise AuthorError(
                    ws.path,
                    ref.line,
                    f"`{{{ref.text}}}` names a {ref.type} field, which has no single text to put here",
                    f"name a {', '.join(VALUE_TYPES)} field ({', '.join(usable) or 'none'}), "
                    f"or ask for its answer with `[[if {ref.text} = option]]`",
                )
        else:
            check_condition(conditions[id(ref)], ws)


def resolve(ref: Ref, ws: Worksheet, worksheets: dict[str, Worksheet], table: Field | None) -> None:
    """Find what a reference names: a column of `table`, a field of `ws` or of another worksheet."""
    if table is not None and not ref.owner:
        column = next((c for c in table.columns if c.slug == ref.name), None)
        if column is not None:
            ref.ws, ref.column, ref.label, ref.type = ws.id, column.slug, column.label, column.type
            return
    target_ws = worksheets.get(ref.owner) if ref.owner else ws
    if target_ws is None:
        raise AuthorError(
            ws.path,
            ref.line,
            f"`{ref.mark}` names worksheet `{ref.owner}`, which does not exist",
            f"worksheets: {', '.join(sorted(worksheets))}",
        )
    target = target_ws.fields.get(ref.name)
    if target is None or not target.stores:
        usable = [f.id for f in target_ws.fields.values() if f.stores]
        columns = [c.slug for c in table.columns] if table is not None and not ref.owner else []
        where = f"the columns ({', '.join(columns)}) or " if columns else ""
        raise AuthorError(
            ws.path,
            ref.line,
            f"`{ref.mark}` names no field of worksheet `{target_ws.id}`"
            + (" (a message cannot name another message)" if target is not None else ""),
            f"you can use {where}its fields: {', '.join(usable) or '(none)'}",
        )
    ref.ws, ref.field, ref.target, ref.label, ref.type = (
        target_ws.id,
        target.id,
        target,
        target.label,
        target.type,
    )


def check_condition(block: If, ws: Worksheet) -> None:
    """Check that `[[if field = a, b]]` asks a field with options for options it has."""
    ref = block.ref
    if not block.slugs:
        return
    if ref.column or ref.type not in OPTION_TYPES:
        raise AuthorError(
            ws.path,
            ref.line,
            f"`[[if {ref.text} = …]]` asks a {ref.type or 'column'} for an option, but it has none",
            f"`= option` works on {', '.join(OPTION_TYPES)} fields; write `[[if {ref.text}]]` for filled in",
        )
    choices = ref.target.items if ref.type == "checklist" else ref.target.options
    known = [c.slug for c in choices]
    for slug in block.slugs:
        if slug not in known:
            raise AuthorError(
                ws.path,
                ref.line,
                f"`{slug}` is not an answer of `{ref.text}`",
                f"its answers: {', '.join(known)}",
            )


def walk(nodes: Iterable[Node]) -> Iterable[Node]:
    """Yield every node, blocks' branches included."""
    for node in nodes:
        yield node
        if isinstance(node, If):
            yield from walk(node.then)
            yield from walk(node.other)


__all__ = [
    "ID_RULE",
    "If",
    "Ref",
    "Template",
    "Value",
    "check_course",
    "line_finder",
    "parse",
]
