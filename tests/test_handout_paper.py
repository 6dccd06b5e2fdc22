"""Handouts on paper: a table's column names once per page, writing space, no lone question, no screen marks.

Each handout is rendered as the build renders it (WeasyPrint) and read back page by page
with pypdf, on both paper sizes and in both modes.
"""

from __future__ import annotations

import io
import re

import pytest
from coursemodel import handouts
from coursemodel.render import render_worksheet
from coursemodel.text import make_markdown
from coursemodel.worksheets import load_worksheets
from pypdf import PdfReader

from tests.conftest import ROOT

WORKSHEETS = load_worksheets(ROOT)
# The debrief's fillable Letter copy once left its last question alone on a third page; the
# contacts tracker has five columns with two dates.
CASES = [
    (ws, mode, paper)
    for ws in ("interview-debrief", "contacts-tracker")
    for mode in ("blank", "fillable")
    for paper in ("a4", "letter")
]


def pages_of(ws_id: str, mode: str, paper: str) -> list[str]:
    """Render one worksheet's handout and return each page's text, whitespace squeezed."""
    ws = WORKSHEETS[ws_id]
    sheet = handouts.Sheet(ws.id, ws.title, render_worksheet(ws, make_markdown(None)))
    markup = handouts.render_handout([sheet], course="Bounce Back", mode=mode, paper=paper)
    reader = PdfReader(io.BytesIO(handouts.render_pdf(markup, fillable=mode == "fillable")))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def labels(ws_id: str) -> list[str]:
    """The questions of a worksheet as paper prints them."""
    return [re.sub(r"\s+", " ", f.label).strip() for f in WORKSHEETS[ws_id].fields.values()]


@pytest.mark.parametrize(("ws_id", "mode", "paper"), CASES)
def test_a_handout_prints_each_column_name_once_and_no_lone_question(ws_id, mode, paper):
    pages = pages_of(ws_id, mode, paper)
    columns = [c.label for f in WORKSHEETS[ws_id].fields.values() if f.type == "table" for c in f.columns]
    assert columns, ws_id
    for number, text in enumerate(pages, 1):
        for column in columns:
            assert text.count(column) <= 1, f"page {number} repeats {column!r} {text.count(column)} times"
        # Paper has no My plan page: the screen's "→ My plan" tags and their note do not print.
        assert "My plan" not in text, f"page {number} carries a My plan tag"
    # Every page after the first holds at least two questions: none stands alone.
    questions = labels(ws_id)
    for number, text in enumerate(pages[1:], 2):
        held = [q for q in questions if q in text]
        assert len(held) >= 2, f"page {number} holds only {held}"


def test_a_fillable_tables_rows_have_writing_room_and_dates_level_with_text():
    ws = WORKSHEETS["contacts-tracker"]
    sheet = handouts.Sheet(ws.id, ws.title, render_worksheet(ws, make_markdown(None)))
    markup = handouts.render_handout([sheet], course="Bounce Back", mode="fillable")
    reader = PdfReader(io.BytesIO(handouts.render_pdf(markup, fillable=True)))
    boxes = {}
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            widget, parts = annot.get_object(), []
            node = widget
            while node is not None:  # the full field name: each /T up the /Parent chain
                if "/T" in node:
                    parts.insert(0, str(node["/T"]))
                node = node["/Parent"].get_object() if "/Parent" in node else None
            x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
            boxes[".".join(parts)] = (min(y0, y1), max(y0, y1))  # (bottom, top), in either order
    row = {key.split(".")[-1]: rect for key, rect in boxes.items() if key.startswith("contacts.0.")}
    assert {"name", "last-contact", "next-check-in"} <= set(row), sorted(boxes)
    bottom, top = row["name"]
    assert top - bottom >= 28, "a text cell holds two lines of 10pt writing (1.4 line height)"
    for date in ("last-contact", "next-check-in"):
        # The date box starts at the same top as the text box beside it, not lower.
        assert abs(row[date][1] - top) < 1, (date, row[date], row["name"])
