"""The template language of messages and plan lines: every author mistake at its line.

Each test writes a small worksheet whose template sits in a YAML `|` block (or a
quoted plan line) and checks the first line an author reads: path, line, problem
and what is allowed. Then the nodes the browser gets, paper, and the unused-answer check.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from coursemodel.messagedata import node_data, paper_html, unused_fields
from coursemodel.model import Field
from coursemodel.worksheets import load_worksheets

from tests.test_worksheets import check, error_of, write

# Fields of every kind a template may name; the message's template starts on line FIRST.
HEAD = """\
title: Test
sections:
  - title: One
    fields:
      - id: name
        type: text
        label: Name
      - id: when
        type: date
        label: When
      - id: stage
        type: choice
        label: Stage
        options: [First interview, Final round]
      - id: likes
        type: multichoice
        label: Likes
        options: [Pay, People]
      - {id: ticks, type: checklist, label: Ticks, items: [Sent it]}
      - {id: rows, type: table, label: Rows, columns: [Who, {label: By, type: date}]}
      - id: m
        type: message
        label: M
        template: |
"""
FIRST = 25


def message(body: str) -> str:
    """A worksheet whose message template is `body` (a `|` block from line FIRST)."""
    return HEAD + textwrap.indent(body, " " * 10)


def load(tmp_path: Path, text: str):
    """Load one worksheet file and return it."""
    write(tmp_path, text)
    return load_worksheets(tmp_path)["x"]


@pytest.mark.parametrize(
    ("body", "line", "parts"),
    [
        ("Hi {nobody},\n", 0, ["`{nobody}` names no field of worksheet `x`", "its fields: name, when"]),
        ("Hi\n\n{ name }\n", 2, ["`{ name }` has spaces inside the braces", "write `{name}`"]),
        ("Hi {Name}\n", 0, ["`{Name}` in the message is not a placeholder", "`{field|words if empty}`"]),
        ("Hi\n{name\n", 1, ["a `{` with no `}` in the message"]),
        ("Hi name}\n", 0, ["a `}` with no `{`"]),
        ("Hi\n[[if name]]\nthere\n", 1, ["`[[if name…]]` is never closed", "end it with `[[end]]`"]),
        ("Hi\nthere\n[[end]]\n", 2, ["`[[end]]` closes no `[[if …]]`"]),
        ("[[if name]]a[[else]]b[[else]]c[[end]]\n", 0, ["a second `[[else]]`"]),
        ("Hi [[when name]]x[[end]]\n", 0, ["`[[when name]]` is not a block mark", "`[[if field = option]]`"]),
        (
            "Hi\n[[if stage = finals]]x[[end]]\n",
            1,
            ["`finals` is not an answer of `stage`", "first-interview, final-round"],
        ),
        (
            "[[if name = final-round]]x[[end]]\n",
            0,
            ["asks a text for an option", "`[[if name]]` for filled in"],
        ),
        ("Hi {stage}\n", 0, ["`{stage}` names a choice field", "`[[if stage = option]]`"]),
        ("Hi {rows}\n", 0, ["`{rows}` names a table field"]),
        ("\n\n\nHi {other.name}\n", 3, ["`{other.name}` names worksheet `other`, which does not exist"]),
        ("Hi {m}\n", 0, ["`{m}` names no field of worksheet `x` (a message cannot name another message)"]),
        ("Hi [[if ticks = gone]]x[[end]]\n", 0, ["`gone` is not an answer of `ticks`", "sent-it"]),
    ],
)
def test_a_template_mistake_is_an_error_at_its_line(tmp_path: Path, body: str, line: int, parts: list[str]):
    check(error_of(tmp_path, message(body)), FIRST + line, *parts)


def test_a_plan_line_mistake_is_an_error_at_the_plan_line(tmp_path: Path):
    text = HEAD.replace(
        "      - id: m\n",
        '      - {id: due, type: date, label: Due, plan: "Send it to {nmae}"}\n      - id: m\n',
    )
    err = error_of(tmp_path, text + "          Hi\n")
    check(err, 21, "`{nmae}` names no field of worksheet `x`")


def test_a_tables_plan_line_names_its_columns_and_needs_its_date_column(tmp_path: Path):
    two = "      - {id: log, type: table, label: Log, columns: [Who, {label: A, type: date}, "
    two += "{label: B, type: date}],"
    err = error_of(tmp_path, HEAD + "          Hi\n" + two + ' plan: "Call {who}"}\n')
    check(err, 26, "this table has 2 date columns (a, b)", "add `plan_date: b`")
    err = error_of(tmp_path, HEAD + "          Hi\n" + two + ' plan: "Call {who}", plan_date: c}\n')
    check(err, 26, "`plan_date: c` names no date column of this table", "its date columns: a, b")
    ws = load(
        tmp_path, HEAD + "          Hi\n" + two + ' plan: "Call {who|someone} about {name}", plan_date: b}\n'
    )
    log = ws.fields["log"]
    assert log.plan_date == "b"
    assert node_data(log.plan_line.nodes, str, Field.names) == [
        "Call ",
        {"t": "text", "l": "Who", "col": "who", "or": "someone"},
        " about ",
        {"t": "text", "l": "Name", "v": ["x", "name"]},
    ]


def test_the_nodes_name_storage_names_and_blocks_take_their_lines(tmp_path: Path):
    body = "Dear {name|team},\n\n[[if stage = final-round, first-interview]]\nSo close{when.}\n"
    body += "[[else]]\nThanks{name?}\n[[end]]\n"
    body += "[[if likes = people]]People![[end]][[if ticks = sent-it]]Sent.[[end]]\n"
    ws = load(tmp_path, message(body))
    nodes = node_data(ws.fields["m"].message.nodes, str, Field.names)
    assert nodes == [
        "Dear ",
        {"t": "text", "l": "Name", "v": ["x", "name"], "or": "team"},
        ",\n\n",
        {
            "if": ["x", ["stage"]],
            "is": ["final-round", "first-interview"],
            # A block mark alone on its line takes its line with it.
            "then": ["So close", {"t": "date", "l": "When", "v": ["x", "when"], "stop": "."}, "\n"],
            "else": ["Thanks", {"t": "text", "l": "Name", "v": ["x", "name"], "stop": "?"}, "\n"],
        },
        {"if": ["x", ["likes"]], "is": ["people"], "then": ["People!"], "else": []},
        # A checklist stores a tick per item: the block tests the named item's tick.
        {"if": ["x", ["ticks.sent-it"]], "then": ["Sent."], "else": []},
    ]


def test_conditions_work_on_another_worksheets_choice(tmp_path: Path):
    about = "title: About\nprivate: true\nsections:\n  - title: A\n    fields:\n"
    about += "      - {id: situation, type: choice, label: S,"
    about += " options: [{id: internal, text: Passed over}, Other]}\n"
    write(tmp_path, about, "about-you.yml")
    ws = load(tmp_path, message("[[if about-you.situation = internal]]Inside.[[end]]\n"))
    assert node_data(ws.fields["m"].message.nodes, str, Field.names) == [
        {"if": ["about-you", ["situation"]], "is": ["internal"], "then": ["Inside."], "else": []}
    ]
    err = error_of(tmp_path, message("[[if about-you.situation = outside]]x[[end]]\n"))
    check(err, FIRST, "`outside` is not an answer of `about-you.situation`", "internal, other")


def test_paper_shows_a_labelled_line_for_each_answer_and_no_marks(tmp_path: Path):
    body = "Dear {name|team},\n[[if name]]Hi {name.}[[end]]\n"
    body += "[[if stage = final-round]]Close.[[else]]Thanks.[[end]]\n"
    ws = load(tmp_path, message(body))
    paper = paper_html(ws.fields["m"].message, str)
    assert "{" not in paper and "[[" not in paper and "team" not in paper
    line = '<span class="bb-blank"><span class="bb-blank__line">________________</span>'
    assert paper == (
        f'Dear {line} <span class="bb-blank__label">(Name)</span></span>,\n'
        f'Hi {line} <span class="bb-blank__label">(Name)</span></span>.\nThanks.'
    )


def test_an_answer_used_nowhere_is_a_warning_unless_private(tmp_path: Path):
    text = message("Hi {name}, [[if stage = final-round]]close[[end]].\n")
    worksheets = {"x": load(tmp_path, text)}
    warnings = unused_fields(worksheets)
    assert [w.split(":")[1] for w in warnings] == ["8", "15", "19", "20"]
    assert warnings[0] == (
        "worksheets/x.yml:8: field `when` is collected but no message or plan line uses it; name it in a "
        "template, give it a `plan:` line, or mark it `private: true` (kept for the learner only)"
    )
    marked = text.replace("        label: When\n", "        label: When\n        private: true\n")
    assert len(unused_fields({"x": load(tmp_path, marked)})) == 3
    assert unused_fields({"x": load(tmp_path, "private: true\n" + text)}) == []
    assert len(unused_fields(worksheets, {("x", "likes")})) == 3


def test_the_real_course_uses_every_answer_it_collects():
    from tests.conftest import ROOT

    elsewhere = {("about-you", f) for f in ("name", "situation", "many-nos")}
    assert unused_fields(load_worksheets(ROOT), elsewhere) == []
