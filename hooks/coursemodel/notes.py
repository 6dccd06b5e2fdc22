"""A plan step's `note` (the messages its calendar event carries) and a message's `to` (its person).

`note: friend-message, mentor-message` on a field with a plan line names messages of
the same worksheet; My plan's calendar event carries the one meant for that step
(with several, the one whose person the step names). `to: friend-name` on a message
names the field holding the person's name: until it is filled in, My plan neither
shows the message nor puts it on the calendar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import messages
from .errors import AuthorError
from .formats import ID_RE, PLACEHOLDER_NAME

if TYPE_CHECKING:
    from .errors import LineDict
    from .model import Field, Worksheet


def parse_note_and_to(one: Field, data: LineDict, shown: str) -> None:
    """Read a plan field's `note` (message ids) and a message's `to` (a field); checked once all load."""
    if "note" in data:
        value = data["note"]
        ids = [part.strip() for part in value.split(",")] if isinstance(value, str) else []
        if not ids or not all(ID_RE.match(part) for part in ids):
            raise AuthorError(
                shown,
                data.line_of("note"),
                f"`note: {value}` is not a list of message ids",
                "`note: reply-message`",
            )
        if not one.plan:
            raise AuthorError(
                shown, data.line_of("note"), "`note` on a field that is not on My plan", "add `plan:` first"
            )
        one.note = ids
    if "to" in data:
        value = data["to"]
        if not isinstance(value, str) or not PLACEHOLDER_NAME.match(value):
            raise AuthorError(
                shown, data.line_of("to"), f"`to: {value}` does not name a field", "`to: contact-name`"
            )
        one.to = value


def check_notes(worksheets: dict[str, Worksheet]) -> None:
    """Check every `note` names a message of its worksheet and every `to` a text field."""
    for ws in worksheets.values():
        for one in ws.fields.values():
            for note in one.note:
                target = ws.fields.get(note)
                if target is None or target.type != "message":
                    known = [f.id for f in ws.fields.values() if f.type == "message"]
                    raise AuthorError(
                        ws.path,
                        one.lines.get("note", one.line),
                        f"`note: {note}` names no message of this worksheet",
                        f"its messages: {', '.join(known) or '(none)'}",
                    )
            if one.to:
                ref = messages.Ref(one.to, one.lines.get("to", one.line), f"to: {one.to}")
                messages.resolve(ref, ws, worksheets, None)
                if ref.type not in ("text", "textarea"):
                    raise AuthorError(
                        ws.path, ref.line, f"`to: {one.to}` names a {ref.type} field", "name a text field"
                    )
                one.to = f"{ref.ws}.{ref.field}"
