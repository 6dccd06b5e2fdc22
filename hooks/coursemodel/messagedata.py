"""What the build makes of parsed templates: JSON for messages.js, paper, the unused-answer check.

`messages.py` parses and checks templates; this module turns them into what the
browser renders (`node_data`), what paper and browsers without scripts show
(`paper_html`) and the build warning for an answer nothing uses (`unused_fields`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .compare import pairs
from .messages import If, Node, Template, Value

if TYPE_CHECKING:
    from .model import Field, Worksheet

PAPER_LINE = "________________"


def used_fields(worksheets: dict[str, Worksheet]) -> set[tuple[str, str]]:
    """Return every (worksheet, field) a message or plan line names, or My plan compares."""
    used: set[tuple[str, str]] = set(pairs(worksheets))
    for ws in worksheets.values():
        for one in ws.fields.values():
            for template in (one.message, one.plan_line):
                if template is not None:
                    used.update((ref.ws, ref.field) for ref in template.refs if ref.field)
    return used


def unused_fields(worksheets: dict[str, Worksheet], elsewhere: Iterable[tuple[str, str]] = ()) -> list[str]:
    """Return a warning for each answer the course collects and never uses.

    An answer is used when a message or plan line names it, or when it is on My
    plan (`plan`, or either end of a `compare`). One kept for the learner alone says so with `private: true`
    (on the field, or at the top of the worksheet for all of its fields). `elsewhere`
    lists (worksheet, field) pairs other parts of the course read (personal paths).
    """
    used = used_fields(worksheets) | set(elsewhere)
    warnings = []
    for ws in worksheets.values():
        for one in ws.fields.values():
            if not one.stores or one.plan or one.private or ws.private or (ws.id, one.id) in used:
                continue
            warnings.append(
                f"{ws.path}:{one.line}: field `{one.id}` is collected but no message or plan line uses it; "
                "name it in a template, give it a `plan:` line, or mark it `private: true` "
                "(kept for the learner only)"
            )
    return warnings


def node_data(
    nodes: list[Node], plain: Callable[[str], str], names: Callable[[Field], list[str]], short: bool = False
) -> list[Any]:
    """Return nodes as JSON for messages.js, every name resolved to storage names.

    Text is a string; `{"v": [ws, name], "t": type, "l": label, "or"?: fallback, "stop"?: 1,
    "pos"?: 1, "short"?: 1}` is an answer (`"col": slug` instead of `"v"` for a table row's cell);
    `{"if": [ws, [names]] or {"col": slug}, "is"?: [answers], "then": [...], "else": [...]}`.
    `short` (plan lines): an answer stands as a phrase, so a long one is cut to its first sentence.
    """
    out: list[Any] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, Value):
            ref = node.ref
            entry: dict[str, Any] = {"t": ref.type, "l": plain(ref.label)}
            if ref.column:
                entry["col"] = ref.column
            else:
                entry["v"] = [ref.ws, names(ref.target)[0]]
            if node.fallback is not None:
                entry["or"] = node.fallback
            if node.stop:
                entry["stop"] = node.stop
            if node.possessive:
                entry["pos"] = 1
            if short and ref.type in ("text", "textarea", ""):
                entry["short"] = 1
            out.append(entry)
        else:
            out.append(condition_data(node, plain, names, short))
    return out


def condition_data(
    node: If, plain: Callable[[str], str], names: Callable[[Field], list[str]], short: bool = False
) -> dict[str, Any]:
    """Return one `[[if …]]` block as JSON, with the storage names it tests."""
    ref = node.ref
    entry: dict[str, Any] = {}
    if ref.column:
        entry["if"] = {"col": ref.column}
    else:
        stored = names(ref.target)
        if ref.type == "checklist" and node.slugs:
            # A checklist stores one tick per item: test the named items' ticks.
            slugs = [c.slug for c in ref.target.items]
            stored = [stored[slugs.index(s)] for s in node.slugs]
        elif node.slugs:
            entry["is"] = list(node.slugs)
        entry["if"] = [ref.ws, stored]
    entry["then"] = node_data(node.then, plain, names, short)
    entry["else"] = node_data(node.other, plain, names, short)
    return entry


def paper_html(template: Template, plain: Callable[[str], str]) -> str:
    """Return a template as HTML for paper and for browsers without scripts.

    Each answer is a labelled writing line. A block that asks whether a field is
    filled in shows its first branch (the learner writes the answer on the line);
    one that asks for a given answer shows its `[[else]]` branch, if any.
    """

    def render(nodes: list[Node]) -> str:
        """Render a list of nodes."""
        parts = []
        for node in nodes:
            if isinstance(node, str):
                parts.append(html.escape(node, quote=False))
            elif isinstance(node, Value):
                label = html.escape(plain(node.ref.label), quote=False)
                parts.append(
                    f'<span class="bb-blank"><span class="bb-blank__line">{PAPER_LINE}</span>'
                    f' <span class="bb-blank__label">({label})</span></span>'
                    + ("'s" if node.possessive else "")
                    + node.stop
                )
            else:
                parts.append(render(node.then if not node.slugs else node.other))
        return "".join(parts)

    text = render(template.nodes)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
