"""The scaffold refuses, before writing anything, a title it cannot turn into a module that builds.

Control characters, a title whose name would be empty or `index` (the
course's own page), a name that clashes with an existing module or worksheet
page when case is ignored: one line on stderr, exit code 1, no file written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_scaffold import course, new  # noqa: F401 (the fixture is used by name)


def listing(root: Path) -> set[str]:
    """Every file under the course's docs/ and worksheets/ folders."""
    found = [path for folder in ("docs", "worksheets") for path in (root / folder).rglob("*")]
    return {path.relative_to(root).as_posix() for path in found}


@pytest.mark.parametrize(
    "title",
    [
        "Offer\x07now",
        "Escape \x1b[31m red",
        "Delete\x7f me",
        "Next\x85line",
        "Line\u2028separator",
        "Two\nlines",
        "Tab\there",
        "index",
        "Index!",
        "  INDEX  ",
        "...",
        "Long " * 100,
    ],
    ids=lambda title: repr(title[:12]),
)
def test_a_title_that_cannot_make_a_buildable_module_writes_nothing(course, title):  # noqa: F811
    before = listing(course)
    result = new(course, title)
    assert result.returncode == 1, result.stdout
    message = result.stderr.strip()
    assert message.startswith("hooks.new: ") and "\n" not in message, result.stderr
    assert "Traceback" not in result.stderr
    assert listing(course) == before, "nothing may be written"


def test_a_name_that_clashes_with_an_existing_module_when_case_is_ignored_is_refused(course):  # noqa: F811
    (course / "docs" / "modules" / "42-Negotiating-An-Offer.md").write_text("# Draft\n", encoding="utf-8")
    before = listing(course)
    result = new(course, "Negotiating an offer")
    assert result.returncode == 1 and "42-Negotiating-An-Offer.md already exists" in result.stderr
    assert listing(course) == before


def test_a_worksheet_page_that_clashes_when_case_is_ignored_is_refused(course):  # noqa: F811
    (course / "docs" / "worksheets").mkdir(exist_ok=True)
    (course / "docs" / "worksheets" / "Negotiating-An-Offer.md").write_text("# Mine\n", encoding="utf-8")
    before = listing(course)
    result = new(course, "Negotiating an offer")
    assert result.returncode == 1 and "Negotiating-An-Offer.md already exists" in result.stderr
    assert listing(course) == before
