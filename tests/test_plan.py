"""The generated My plan page: worksheet structure in course order, with working edit links.

plan.js draws My plan from the course data (`BounceBack.course`, also published as
`assets/bounce-back/course-data.json`); the build renders the same plan with no
answers yet (the skeleton), so a new learner sees no layout shift.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from coursemodel import Course, Module, Page
from coursemodel.browser import course_data, course_data_script
from coursemodel.load import find_placements
from coursemodel.modules import select_modules
from coursemodel.pages import find_markers
from coursemodel.render import Renderer
from coursemodel.steps.plan import render_skeleton
from coursemodel.text import ui_strings
from coursemodel.worksheets import load_worksheets

ROOT = Path(__file__).resolve().parent.parent
SKELETON_ENTRY = re.compile(
    r'<section class="bb-plan-worksheet[^"]*" data-plan-worksheet="([a-z0-9-]+)"[^>]*>(.*?)</section>', re.S
)


def course_data_of(site: Path) -> dict:
    """Read the course data the build published for the scripts."""
    return json.loads((site / "assets" / "bounce-back" / "course-data.json").read_text(encoding="utf-8"))


def skeleton(site: Path) -> list[tuple[str, str]]:
    """Return (worksheet id, edit link) for each worksheet of the built My plan, in order."""
    page = (site / "plan" / "index.html").read_text(encoding="utf-8")
    plan = page[page.index('<div class="bb-plan" data-plan') :]
    entries = []
    for ws_id, body in SKELETON_ENTRY.findall(plan):
        link = re.search(r'<a class="bb-plan-edit" href="([^"]+)"', body)
        entries.append((ws_id, link.group(1) if link else ""))
    return entries


def test_plan_page_lists_every_worksheet_in_course_order_with_edit_links(site):
    entries = skeleton(site)
    ids = [ws_id for ws_id, _ in entries]
    assert sorted(ids) == sorted(p.stem for p in (ROOT / "worksheets").glob("*.yml"))
    assert ids == list(course_data_of(site)["worksheets"]), "the skeleton follows the course data"
    assert ids[0] == "about-you" and ids[-2:] == ["self-check-end", "workshop-evaluation"], "modules' first"
    numbers = []
    for ws_id, href in entries:
        assert href, f"{ws_id} has no edit link"
        if ws_id == "workshop-evaluation":  # on a page that is no module (After a workshop): its own page
            assert href.endswith("worksheets/workshop-evaluation/")
            continue
        target = urljoin("http://x/plan/", href)
        path, anchor = urlparse(target).path, urlparse(target).fragment
        html_text = (site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        assert anchor == f"worksheet-{ws_id}" and f'id="{anchor}"' in html_text, (
            f"{href} points at the worksheet on its module page"
        )
        numbers.append(int(re.search(r"modules/(\d+)-", path).group(1)))
    assert numbers == sorted(numbers), "worksheets follow the modules' order"


def test_plan_page_has_no_data_block_and_its_toolbar_buttons(site):
    page = (site / "plan" / "index.html").read_text(encoding="utf-8")
    assert 'id="bb-plan-data"' not in page, "the plan reads BounceBack.course, not a data block"
    assert "bb-plan-skeleton" not in page and "bb-plan-buttons" not in page, "every slot is filled"
    actions = re.findall(r'<button class="[^"]*" type="button" data-action="([a-z-]+)">', page)
    assert actions == ["download-markdown", "copy-markdown", "calendar", "export", "print"]


def test_plan_data_keeps_what_turns_answers_into_words(site):
    data = course_data_of(site)["worksheets"]
    fields = {f["id"]: f for s in data["thirty-day-plan"]["sections"] for f in s["fields"]}
    # A table's plan line: parsed nodes, `{column}` marks for each row's cells, dated by a date column.
    assert fields["actions"]["plan"]["date"] == "when" and "note" not in fields["actions"]["plan"]
    assert {"t": "text", "l": "Action", "col": "action", "or": "A step from my plan", "short": 1} in fields[
        "actions"
    ]["plan"]["line"]
    assert {"slug": "when", "label": "When", "type": "date"} in fields["actions"]["columns"]
    columns, rows = fields["actions"]["columns"], fields["actions"]["rows"]
    assert fields["actions"]["names"] == [f"actions.{r}.{c['slug']}" for r in range(rows) for c in columns]
    assert fields["review-date"] == {
        "id": "review-date",
        "type": "date",
        "label": fields["review-date"]["label"],
        "names": ["review-date"],
        "plan": {
            # Shown when the date or the buddy it names is filled in; the buddy's note goes with the start.
            "line": [
                "Look back at my 30-day plan",
                {
                    "if": ["thirty-day-plan", ["buddy"]],
                    "then": [
                        " with ",
                        {
                            "t": "text",
                            "l": fields["buddy"]["label"],
                            "v": ["thirty-day-plan", "buddy"],
                            "short": 1,
                        },
                    ],
                    "else": [],
                },
            ],
            "when": ["review-date", "buddy"],
            "date": "review-date",
        },
    }
    assert fields["share-plan"]["type"] == "message" and fields["share-plan"]["names"] == [], (
        "message fields store nothing"
    )
    assert "plan" not in fields["share-plan"]
    assert ["apply-for-jobs-that-fit-me", "Apply for jobs that fit me"] in fields["each-week"]["items"]
    assert "apply-for-jobs-that-fit-me" in " ".join(fields["each-week"]["names"])
    every = [f for ws in data.values() for s in ws["sections"] for f in s["fields"]]
    assert all(f.get("plan", True) is True or "line" in f["plan"] for f in every), (
        "`plan` is set only when set"
    )
    assert all(f["names"] for f in every if f.get("plan")), "a plan field stores an answer"


def test_my_plan_follows_the_modules_in_the_navigation(site):
    page = (site / "overview" / "index.html").read_text(encoding="utf-8")
    links = [h for h in re.findall(r'<a href="([^"#][^"]*)" class="md-nav__link', page)]
    assert links.index("../plan/") == links.index("../modules/08-your-plan/") + 1


def small_course(order: list[str]) -> Course:
    """Two modules shown in `order`, placing real worksheets; one marker is in fenced code."""
    worksheets = load_worksheets(ROOT / "worksheets")
    texts = {
        "modules/02-b.md": "Text\n\n<!-- worksheet: thirty-day-plan -->\n",
        "modules/01-a.md": "<!-- worksheet: support-map -->\n\n```\n<!-- worksheet: control-sort -->\n```\n",
    }
    pages, modules = {}, []
    for uri, text in texts.items():
        pages[uri] = Page(uri, f"docs/{uri}", uri, url=uri.removesuffix(".md") + "/")
        pages[uri].placements = find_markers(text)
        number = int(Path(uri).stem[:2])
        modules.append(Module(uri, f"docs/{uri}", number, uri, 5, ["o"], ["t"], [], slug=Path(uri).stem))
    modules.sort(key=lambda m: m.number)
    shown = select_modules(modules, {"order": order})
    for position, module in enumerate(shown, start=1):
        module.position, module.url = position, pages[module.src_uri].url
        module.worksheets = [ws_id for ws_id, _line in pages[module.src_uri].placements]
    placements = find_placements(pages, worksheets, set())
    return Course("t", str(ROOT), worksheets, {}, shown, [], pages, placements)


def test_unplaced_worksheets_come_last_and_order_follows_the_modules():
    course = small_course(order=["02-b", "01-a"])
    data = course_data(course, str)
    ids = list(data["worksheets"])
    assert ids[:2] == ["thirty-day-plan", "support-map"], "a center's module order orders the plan"
    assert sorted(ids[2:]) == ids[2:], "the rest follow by id"
    assert data["worksheets"]["thirty-day-plan"]["module"] == "modules/02-b.md"
    assert data["worksheets"]["thirty-day-plan"]["url"] == "modules/02-b/#worksheet-thirty-day-plan"
    assert {data["worksheets"][ws_id]["module"] for ws_id in ids[2:]} == {None}, (
        "a marker in fenced code places nothing"
    )
    assert [ws.id for ws in small_course(order=[]).worksheet_order()][:2] == [
        "support-map",
        "thirty-day-plan",
    ]


def test_skeleton_lists_every_worksheet_with_links_from_the_plan_page():
    data = course_data(small_course(order=["02-b", "01-a"]), str)
    out = render_skeleton(data, "plan/", Renderer(ui_strings("en")))
    rows = SKELETON_ENTRY.findall(out)
    assert [ws_id for ws_id, _ in rows] == list(data["worksheets"])
    first = rows[0][1]
    assert 'href="../modules/02-b/#worksheet-thirty-day-plan"' in first
    assert "<span>1. modules/02-b.md</span>" in first, "where the worksheet is, as plan.js shows it"
    # The separator goes with the Edit link (hidden on paper), so no stray "·" prints.
    assert '<span class="bb-plan-sep" aria-hidden="true"> · </span><a class="bb-plan-edit"' in first
    # On a site without directory URLs the plan page is plan.html, at the root.
    assert 'href="modules/02-b/#worksheet' in render_skeleton(data, "plan.html", Renderer(ui_strings("en")))


def test_course_data_in_the_bundle_cannot_close_its_script_element():
    text = course_data_script({"label": "</script><script>alert(1)</script> & <!--\u2028"})
    assert "</" not in text and "<!--" not in text and "\u2028" not in text
    prefix = "(window.BounceBack=window.BounceBack||{}).course="
    assert text.startswith(prefix) and text.endswith(";\n")
    assert json.loads(text[len(prefix) : -2])["label"] == "</script><script>alert(1)</script> & <!--\u2028"
