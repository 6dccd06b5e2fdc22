"""A plan step's `note:` (the message its calendar event carries) and a message's `to:` (its person)."""

from __future__ import annotations

import pytest
from coursemodel.errors import AuthorError
from coursemodel.worksheets import load_worksheets

BASE = """title: Notes
sections:
  - title: One
    fields:
      - id: friend
        type: text
        label: Friend
      - id: send-on
        type: date
        label: Send on
        plan: "Send {friend|my friend} the note"
{note}
      - id: letter
        type: message
        label: Letter
{to}
        template: "Hi {{friend|there}}"
"""


def load(tmp_path, note: str = "", to: str = ""):
    """Load one worksheet with the given `note:` and `to:` lines."""
    folder = tmp_path / "worksheets"
    folder.mkdir(exist_ok=True)
    text = BASE.replace("{note}", note).replace("{to}", to).replace("{{", "{").replace("}}", "}")
    (folder / "notes.yml").write_text(text, encoding="utf-8")
    return load_worksheets(tmp_path)["notes"]


def test_note_and_to_are_read(tmp_path):
    ws = load(tmp_path, "        note: letter", "        to: friend")
    assert ws.fields["send-on"].note == ["letter"]
    assert ws.fields["letter"].to == "notes.friend"


def test_a_note_naming_no_message_stops_at_its_line(tmp_path):
    with pytest.raises(AuthorError) as info:
        load(tmp_path, "        note: friend")
    assert "notes.yml:12: `note: friend` names no message of this worksheet; its messages: letter" in str(
        info.value
    )


def test_a_to_naming_no_field_stops_at_its_line(tmp_path):
    with pytest.raises(AuthorError) as info:
        load(tmp_path, "", "        to: nobody")
    assert "notes.yml:16: `to: nobody` names no field of worksheet `notes`" in str(info.value)


def test_a_note_on_a_field_not_on_my_plan_is_refused(tmp_path):
    folder = tmp_path / "worksheets"
    folder.mkdir()
    text = BASE.replace('        plan: "Send {friend|my friend} the note"\n', "")
    text = text.replace("{note}", "        note: letter")
    (folder / "notes.yml").write_text(text.replace("{to}", "").replace("{{", "{").replace("}}", "}"), "utf-8")
    with pytest.raises(AuthorError, match="`note` on a field that is not on My plan"):
        load_worksheets(tmp_path)
