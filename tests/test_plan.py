"""The generated My plan page: worksheet structure in course order, with working edit links."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from plan import json_for_html, module_order, plan_entries

from worksheets import load_worksheets

ROOT = Path(__file__).resolve().parent.parent


def plan_data(site: Path) -> dict:
    """Read the JSON the plan hook embedded in the built My plan page."""
    page = (site / "plan" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<template id="bb-plan-data">(.*?)</template>', page, re.S)
    assert found, "My plan carries its worksheet structure as JSON data"
    return json.loads(found.group(1))


def test_plan_page_lists_every_worksheet_in_course_order_with_edit_links(site):
    data = plan_data(site)
    ids = [ws["id"] for ws in data["worksheets"]]
    assert sorted(ids) == sorted(p.stem for p in (ROOT / "worksheets").glob("*.yml"))
    assert ids[0] == "feelings-check-in" and ids[-1] == "thirty-day-plan"
    numbers = []
    for ws in data["worksheets"]:
        target = urljoin("http://x/plan/", ws["href"])
        path, anchor = urlparse(target).path, urlparse(target).fragment
        html_text = (site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html_text, f"{ws['href']} points at the worksheet on its module page"
        numbers.append(int(re.search(r"modules/(\d+)-", path).group(1)))
    assert numbers == sorted(numbers), "worksheets follow the modules' order"


def test_plan_data_keeps_what_turns_answers_into_words(site):
    data = {ws["id"]: ws for ws in plan_data(site)["worksheets"]}
    fields = {f["id"]: f for s in data["thirty-day-plan"]["sections"] for f in s["fields"]}
    assert fields["actions"]["plan"] is True
    assert {"slug": "when", "label": "When", "type": "date"} in fields["actions"]["columns"]
    assert fields["review-date"] == {
        "id": "review-date",
        "type": "date",
        "label": fields["review-date"]["label"],
        "plan": True,
    }
    assert "share-plan" not in fields, "message fields store nothing and are left out"
    assert ["apply-for-jobs-that-fit-me", "Apply for jobs that fit me"] in fields["each-week"]["items"]


def test_my_plan_follows_the_modules_in_the_navigation(site):
    page = (site / "overview" / "index.html").read_text(encoding="utf-8")
    links = [h for h in re.findall(r'<a href="([^"#][^"]*)" class="md-nav__link', page)]
    assert links.index("../plan/") == links.index("../modules/08-your-plan/") + 1


def test_unplaced_worksheets_come_last_and_order_follows_the_nav():
    nav = [{"Start": "index.md"}, {"Modules": ["modules/02-b.md", "modules/01-a.md"]}, {"Plan": "plan.md"}]
    order = module_order(nav)
    assert order == ["modules/02-b.md", "modules/01-a.md"]
    worksheets = load_worksheets(ROOT)
    pages = {
        "modules/02-b.md": "Text\n\n<!-- worksheet: thirty-day-plan -->\n",
        "modules/01-a.md": "<!-- worksheet: support-map -->\n\n```\n<!-- worksheet: control-sort -->\n```\n",
    }
    entries = plan_entries(worksheets, order, pages, str)
    assert [e["id"] for e in entries[:2]] == ["thirty-day-plan", "support-map"]
    assert entries[0]["module"] == "modules/02-b.md"
    assert {e["module"] for e in entries[2:]} == {None}, "a marker in fenced code places nothing"


def test_json_in_the_page_cannot_close_its_script_element():
    text = json_for_html({"label": "</script><script>alert(1)</script> & <!--"})
    assert "</" not in text and "<!--" not in text
    assert json.loads(text)["label"] == "</script><script>alert(1)</script> & <!--"
