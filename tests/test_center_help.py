"""A center's own help: its services and crisis lines reach the wellbeing page and every module's
"need to talk" box, not only Get support (issue 25, item 2)."""

from __future__ import annotations

import html

from coursemodel.contacts import render_local_services, render_support_block

from tests.conftest import build_site
from tests.variants import write_variant

SERVICE = {
    "name": "Riverside Counselling",
    "detail": "Free and confidential for students.",
    "hours": "Weekdays 9:00 to 17:00",
    "url": "https://riverside.example/counselling",
    "phone": "+1 555 0123",
}
LINE = {"name": "Riverside Nightline", "where": "Riverside campus", "how": "call 555 0199"}
BARE = {"organisation": None, "contacts": {}, "services": [], "crisis_lines": [], "configured": False}


def test_the_module_box_names_each_service_and_its_phone():
    box = render_support_block({**BARE, "services": [dict(SERVICE)], "configured": True}, "../support.md")
    assert "Riverside Counselling" in box and "&#43;1 555 0123" in box
    assert 'href="https://riverside.example/counselling"' in box
    assert all(line.startswith("    ") or not line.strip() for line in box.splitlines()[1:]), "inside the box"


def test_without_services_the_wellbeing_page_adds_nothing():
    assert render_local_services(BARE) == ""


def test_service_words_stay_inert_in_the_box_and_on_the_wellbeing_page():
    evil = {"name": "<img src=x onerror=alert(1)>", "detail": "[click](javascript:alert(1))", "phone": "*1*"}
    course = {**BARE, "services": [evil], "configured": True}
    for text in (render_support_block(course, "../support.md"), render_local_services(course)):
        assert "<img" not in text and "](javascript" not in text and "*1*" not in text


def test_a_center_s_service_and_line_show_on_the_wellbeing_page_and_under_a_module(tmp_path):
    """Built as a center would: its own service and crisis line, by name and number, on both pages."""
    course = {"organisation": "Riverside Careers", "services": [SERVICE], "crisis_lines": [LINE]}
    config = write_variant(tmp_path / "cfg", {"extra": {"course": course}})
    build_site(config, tmp_path / "site")
    site = tmp_path / "site"
    wellbeing = html.unescape((site / "wellbeing" / "index.html").read_text(encoding="utf-8"))
    module = html.unescape((site / "modules" / "01-feel-it-first" / "index.html").read_text(encoding="utf-8"))
    for page in (wellbeing, module):
        assert "Riverside Counselling" in page and "+1 555 0123" in page
        assert "Riverside Nightline" in page and "call 555 0199" in page
    assert "Samaritans" not in wellbeing, "a center's lines replace the course's defaults"
