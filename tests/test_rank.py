"""The `rank` field type: a unit in coursemodel/fields/rank/, checked, stored and rendered."""

from __future__ import annotations

import subprocess

import pytest
from coursemodel.errors import AuthorError
from coursemodel.fieldtypes import units
from coursemodel.formats import TYPES, build_schema
from coursemodel.render import render_worksheet

from tests.conftest import ROOT
from tests.test_worksheets import error_of, write


def load_one(tmp_path, text):
    """Load one worksheet file `t.yml` and return it."""
    from coursemodel.worksheets import load_worksheets

    return load_worksheets(write(tmp_path, text, "t.yml"))["t"]


RANK = """title: T
private: true
sections:
  - title: S
    fields:
      - id: matters
        type: rank
        label: Put these in order
        items: [Pay, The team, Learning]
"""


def test_rank_is_a_unit_the_format_and_schema_know():
    assert "rank" in units() and "rank" in TYPES
    schema = build_schema()["$defs"]["field-rank"]
    assert schema["required"] == ["id", "type", "label", "items"]
    assert "plan" not in schema["properties"]


def test_each_item_is_stored_under_its_slug(tmp_path):
    ws = load_one(tmp_path, RANK)
    one = ws.fields["matters"]
    assert one.names() == ["matters.pay", "matters.the-team", "matters.learning"]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("items: [Pay]", r"t\.yml:9: a rank field has 1 items; from 2 to 10"),
        ("items: [A, B, C, D, E, F, G, H, I, J, K]", r"t\.yml:9: a rank field has 11 items; from 2 to 10"),
        ("items: [Pay, pay]", r"t\.yml:9: .*`items`"),
        ("plan: true", r"t\.yml:10: `plan` does not apply to a rank field"),
    ],
)
def test_mistakes_name_file_and_line(tmp_path, change: str, said: str):
    if change == "plan: true":
        change = "items: [Pay, The team, Learning]\n        plan: true"
    err = error_of(tmp_path, RANK.replace("items: [Pay, The team, Learning]", change), "t.yml")
    assert isinstance(err, AuthorError)
    assert __import__("re").search(said, str(err)), str(err)


def test_the_form_numbers_each_item_with_a_labelled_box(tmp_path):
    html = render_worksheet(load_one(tmp_path, RANK))
    assert 'data-type="rank"' in html and '<ol class="bb-rank__list" data-rank>' in html
    for slug, words in (("pay", "Pay"), ("the-team", "The team"), ("learning", "Learning")):
        assert f'name="matters.{slug}" min="1" max="3"' in html
        assert f'for="t--matters--{slug}">{words}</label>' in html
    assert "Number them from 1" in html
    # The arrows exist only on screen: their words sit in a span that print hides.
    assert '<span class="bb-rank__arrows">, or use the arrows to move them</span>.' in html
    css = (ROOT / "hooks/coursemodel/fields/rank/field.css").read_text(encoding="utf-8")
    assert ".bb-rank__arrows" in css.split("@media print", 1)[1]


def test_the_commit_that_added_rank_touched_at_most_five_engine_files():
    """The proof that a type is one unit: its own commit changed its folder (and the schema) only."""
    log = subprocess.run(
        ["git", "log", "--format=%H", "--diff-filter=A", "--", "hooks/coursemodel/fields/rank/__init__.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if log.returncode != 0 or not log.stdout.strip():
        pytest.fail("no commit adds hooks/coursemodel/fields/rank/__init__.py (is this a git checkout?)")
    commit = log.stdout.split()[-1]
    files = subprocess.run(
        ["git", "show", "--name-only", "--format=", commit],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    engine = [f for f in files if f.startswith("hooks/")]
    assert len(engine) <= 5, engine
