"""Crisis lines by default: the wellbeing page and every module's support box name lines a
learner can call today (the course's region, the UK and Ireland; the US; a directory for
everyone else), from course data a center can replace, and never from engine code."""

from __future__ import annotations

import re

import pytest
from coursemodel.contacts import render_crisis_lines, render_support_block

from tests.conftest import ROOT, BuildFailed, build_site
from tests.variants import write_variant

LINES = [
    {
        "name": "Samaritans",
        "where": "UK and Ireland",
        "how": "call 116 123",
        "url": "https://www.samaritans.org",
    },
    {"name": "Find A Helpline", "where": "anywhere else", "how": "", "url": None},
]
BARE = {"organisation": None, "contacts": {}, "services": [], "configured": False}


def test_the_lines_are_course_data_not_engine_code():
    """The numbers live in mkdocs.yml, where a center replaces them; no engine file knows them."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = config[config.index("crisis_lines:") : config.index("emergency_numbers:")]
    for expected in ("Samaritans", "116 123", "UK and Ireland", "Shout", "85258", "988", "findahelpline.com"):
        assert expected in block, f"mkdocs.yml's crisis_lines name {expected}"
    assert re.search(r"emergency_numbers: .*999.*112.*911", config)
    engine = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "hooks").rglob("*.py"))
    assert "116 123" not in engine and "85258" not in engine and "findahelpline" not in engine


def test_the_lines_render_as_a_list_with_the_emergency_numbers_and_a_hint_for_hosts():
    text = render_crisis_lines({**BARE, "crisis_lines": LINES, "emergency_numbers": "999 or 112"})
    # A center's words stay plain text; the one link is made from the url, escaped once.
    link = '<a class="bb-contact-link" href="https://www.samaritans.org"><strong>Samaritans</strong></a>'
    assert f"- {link} (UK and Ireland): call 116 123" in text
    assert "- <strong>Find A Helpline</strong> (anywhere else)" in text
    assert "In an emergency, call 999 or 112" in text
    assert "extra.course.crisis_lines" in text, "a site nobody set up says how its host adds lines"
    configured = render_crisis_lines({**BARE, "configured": True, "crisis_lines": LINES})
    assert "extra.course.crisis_lines" not in configured
    assert "your local emergency number" in configured, "no numbers set: the general advice"


def test_without_lines_the_page_still_says_what_to_do_in_an_emergency():
    text = render_crisis_lines(BARE)
    assert "your local emergency number" in text and "- " not in text


def test_center_text_in_a_line_is_inert():
    evil = [{"name": "<img src=x onerror=alert(1)>", "where": "", "how": "<b>x</b>", "url": None}]
    text = render_crisis_lines({**BARE, "crisis_lines": evil})
    assert "<img" not in text and "<b>" not in text


def test_every_module_box_names_a_line_and_links_the_wellbeing_note():
    box = render_support_block({**BARE, "crisis_lines": LINES, "emergency_numbers": "999"}, "../support.md")
    assert "Samaritans" in box and "call 116 123" in box and "In an emergency, call 999" in box
    assert "(../wellbeing.md)" in box
    assert all(line.startswith("    ") or not line.strip() for line in box.splitlines()[1:]), "inside the box"


def test_the_wellbeing_page_places_the_lines_first():
    page = (ROOT / "docs" / "wellbeing.md").read_text(encoding="utf-8")
    heading = page.index("# If it weighs heavily")
    assert page.index("<!-- course: crisis-lines -->") < page.index("## Signs", heading)


@pytest.mark.expect_warnings
def test_a_crisis_line_address_must_be_a_web_address(tmp_path):
    bad = [{"name": "X", "url": "javascript:alert(1)"}]
    config = write_variant(tmp_path / "cfg", {"extra": {"course": {"crisis_lines": bad}}})
    with pytest.raises(BuildFailed, match=r"extra\.course\.crisis_lines: 'X' has the address"):
        build_site(config, tmp_path / "site")


def test_the_built_wellbeing_page_and_a_module_name_the_lines(tmp_path):
    """Built from the real course: the default lines reach both pages."""
    build_site(ROOT / "mkdocs.yml", tmp_path / "site")
    wellbeing = (tmp_path / "site" / "wellbeing" / "index.html").read_text(encoding="utf-8")
    module = (tmp_path / "site" / "modules" / "01-feel-it-first" / "index.html").read_text(encoding="utf-8")
    for page in (wellbeing, module):
        assert "116 123" in page and "text SHOUT to 85258" in page and "call or text 988" in page
        assert "https://findahelpline.com" in page and "999 or 112" in page and "911" in page


def test_a_course_without_a_wellbeing_page_links_to_none():
    """The module box names the lines but links no wellbeing page the course does not have."""
    course = {**BARE, "crisis_lines": LINES, "emergency_numbers": "999"}
    without = render_support_block(course, "../support.md", None)
    assert "116 123" in without and "wellbeing" not in without
    assert "../wellbeing.md" in render_support_block(course, "../support.md")
