"""Workshop plans from a facilitator guide's front matter: tables, handouts in order, slides, the slip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from coursemodel.errors import AuthorError, split_front_matter
from coursemodel.pack import Slip, qr_svg, render_slip, slip_of
from coursemodel.render import Renderer
from coursemodel.settings import load_course as load_settings
from coursemodel.steps.modules import render_slides
from coursemodel.text import ui_strings
from coursemodel.workshop import pack_worksheets, parse_plan, render_table

from tests.conftest import ROOT
from tests.variants import write_variant

IDS = {"one", "two", "three", "evaluation"}
SITE_URL = "https://careers.example.edu/bounce-back/"


def plan_of(front: str, ids: set[str] = IDS):
    """Parse `front` (the YAML between the `---` lines) as the plan of facilitators/x.md."""
    return parse_plan(front, "docs/facilitators/x.md", "facilitators/x.md", "X", ids)


PLAN = """workshop:
  - steps:
      - minutes: 5
        what: "Arrive"
        links: "[Module 1](../modules/01-a.md), [One](../worksheets/one.md)"
        format: Alone
      - minutes: 10
        what: "Pairs | talk"
        links: "[Two](../worksheets/two.md#part), [One again](../worksheets/one.md)"
        hand_out: [evaluation]
  - title: Second
    steps:
      - minutes: 55
        what: "Plan"
        links: "[Three](../worksheets/three.md), [Two](../worksheets/two.md)"
"""


def test_a_plan_lists_its_handouts_in_session_order_each_once_and_hidden_ones_drop_out():
    plan = plan_of(PLAN)
    assert [s.minutes for s in plan.sessions] == [15, 55] and plan.sessions[1].title == "Second"
    assert plan.sessions[0].steps[0].modules == ["modules/01-a.md"]
    assert pack_worksheets(plan, IDS) == ["one", "two", "evaluation", "three"]
    # A worksheet only a hidden module places is not in the course's worksheets: not in the pack.
    assert pack_worksheets(plan, IDS - {"two"}) == ["one", "evaluation", "three"]


def test_the_table_works_out_the_clock_times_and_keeps_each_row_one_row():
    strings = ui_strings("en", ROOT)
    table = render_table(plan_of(PLAN).sessions[1], strings).splitlines()
    assert table[0] == "| Minutes | Time | What happens | Course link | Format |"
    assert table[2].startswith("| 55 | 0:00–0:55 | Plan |")
    first = render_table(plan_of(PLAN).sessions[0], strings).splitlines()
    assert first[3].startswith("| 10 | 0:05–0:15 | Pairs \\| talk |"), "a pipe in the words stays in its cell"
    assert "1:05" in render_table(plan_of(PLAN.replace("minutes: 10", "minutes: 60")).sessions[0], strings)


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (("minutes: 10", "minutes: ten"), 8, "`minutes` must be a whole number"),
        (
            ("hand_out: [evaluation]", "hand_out: [evalution]"),
            11,
            "worksheet `evalution`, which does not exist",
        ),
        (("worksheets/three.md", "worksheets/thre.md"), 16, "worksheet `thre`"),
        (("format: Alone", "formt: Alone"), 7, "unknown step key `formt`"),
        (("  - title: Second", "  - titel: Second"), 12, "unknown session key `titel`"),
        (('what: "Plan"', 'what: ""'), 15, "a step needs `what`"),
    ],
)
def test_a_mistake_in_the_plan_stops_at_its_line(change, line, words):
    with pytest.raises(AuthorError) as caught:
        plan_of(PLAN.replace(*change))
    message = str(caught.value)
    assert message.startswith(f"docs/facilitators/x.md:{line}: ") and words in message, message


def test_the_flagship_plans_hand_out_what_their_materials_list_says():
    from coursemodel.workshop import has_plan

    ids = {path.stem for path in (ROOT / "worksheets").glob("*.yml")}
    packs = {}
    for name in ("workshop-60", "workshop-90", "two-sessions"):
        front, _body = split_front_matter((ROOT / "docs" / "facilitators" / f"{name}.md").read_text("utf-8"))
        assert has_plan(front)
        packs[name] = pack_worksheets(parse_plan(front, name, f"facilitators/{name}.md", name, ids), ids)
    core = ["feelings-check-in", "control-sort", "interview-debrief", "feedback-request"]
    assert packs["workshop-60"] == [*core, "thirty-day-plan", "workshop-evaluation"]
    assert packs["workshop-90"][0] == "self-check-start" and packs["workshop-90"][1:5] == core
    assert packs["workshop-90"][-1] == "workshop-evaluation" and "self-check-end" in packs["workshop-90"]
    assert packs["two-sessions"][:5] == ["self-check-start", *core]
    for extra in ("feedback-log", "contacts-tracker", "support-map", "skills-plan", "practice"):
        assert extra in packs["two-sessions"][5:]
    # The materials list no longer asks for a slip nobody provides: the packs carry it.
    materials = (ROOT / "docs" / "facilitators" / "materials.md").read_text("utf-8")
    assert "contacts slip, at the end of every pack" in materials
    for name in packs:
        page = (ROOT / "docs" / "facilitators" / f"{name}.md").read_text("utf-8")
        assert re.search(r"^<!-- workshop: pack -->$", page, re.M), f"{name} links its pack"
        assert "the support contacts" not in page


def course_with(tmp_path: Path, **settings: object):
    """Load the real course's config and model with `extra.course` and `site_url` set."""
    from coursemodel.load import load_course
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(write_variant(tmp_path, {"site_url": SITE_URL, "extra": {"course": settings}})))
    config.extra["course"] = load_settings(config)
    return config, load_course(config, get_files(config))


def test_a_plans_slides_open_and_close_with_the_address_and_qr_code_and_show_each_step(tmp_path: Path):
    config, course = course_with(tmp_path, organisation="Example Careers")
    plan = course.pages["facilitators/two-sessions.md"].plan
    renderer = Renderer(ui_strings("en", ROOT), config=config)
    text = render_slides(
        course, renderer, config, plan=plan, uri="facilitators/two-sessions-slides.md", qr="q.svg"
    )
    slides = re.findall(r'<section class="bb-slide[^"]*".*?</section>', text, re.S)
    steps = sum(len(session.steps) for session in plan.sessions)
    assert len(slides) == 2 + 2 + steps + 2 and f"{len(slides)} slides" in text
    for slide in (slides[0], slides[-1]):
        assert SITE_URL in slide and "](q.svg)" in slide, "the address as text and as a QR code"
    assert all("](q.svg)" not in slide for slide in slides[1:-1])
    first_step = plan.sessions[0].steps[0]
    assert f"{first_step.minutes} minutes · 0:00–0:0{first_step.minutes}" in text and first_step.what in text
    assert "Session 2" in text and plan.sessions[1].title in text


def test_the_course_slides_show_the_address_and_qr_code_first_and_last(tmp_path: Path):
    config, course = course_with(tmp_path)
    renderer = Renderer(ui_strings("en", ROOT), config=config)
    text = render_slides(course, renderer, config, qr="course-address-qr.svg")
    slides = re.findall(r'<section class="bb-slide[^"]*".*?</section>', text, re.S)
    assert SITE_URL in slides[0] and SITE_URL in slides[-1]
    assert "](course-address-qr.svg)" in slides[0] and "](course-address-qr.svg)" in slides[-1]


def test_the_slides_show_the_centers_logo_on_the_first_slide(tmp_path: Path):
    (tmp_path / "logo.svg").write_bytes((ROOT / "examples" / "career-center" / "logo.svg").read_bytes())
    config, course = course_with(tmp_path, logo="logo.svg")
    renderer = Renderer(ui_strings("en", ROOT), config=config)
    text = render_slides(course, renderer, config)
    slides = re.findall(r'<section class="bb-slide[^"]*".*?</section>', text, re.S)
    assert re.search(r"!\[\]\(\.\./assets/brand/logo\.svg\)\{ \.bb-slide__logo \}", slides[0]), slides[0][
        :400
    ]


def test_the_slip_carries_the_centers_details_in_plain_text(tmp_path: Path):
    config, _course = course_with(
        tmp_path,
        organisation="Careers <b>& Co</b>",
        contacts={"phone": "+1 555 0100", "email": "careers@example.edu"},
        services=[{"name": "Counselling", "phone": "+1 555 0123", "hours": "Tuesdays"}],
        crisis_lines=[{"name": "Lifeline", "where": "US", "how": "call 988"}],
        emergency_numbers="911",
    )
    settings = config.extra["course"]
    slip = slip_of(settings, "Bounce Back", SITE_URL)
    html = render_slip(slip, settings["strings"])
    assert "Careers &lt;b&gt;&amp; Co&lt;/b&gt;" in html, "the center's words are text, never markup"
    for text in (
        "+1 555 0100",
        "careers@example.edu",
        "Counselling",
        "+1 555 0123",
        "Lifeline",
        "call 988",
        "911",
    ):
        assert text in html
    assert SITE_URL in html and 'src="data:image/svg+xml;base64,' in html
    # No address: no QR code, and the slip says to ask for it.
    empty = render_slip(Slip(course="Bounce Back"), settings["strings"])
    assert "<img" not in empty and "Ask us today for the course" in empty


def test_the_qr_code_is_segnos_code_of_the_address():
    import segno

    svg = qr_svg(SITE_URL)
    assert svg == segno.make(SITE_URL, error="m", micro=False).svg_inline(
        scale=4, dark="#000", light="#fff", svgclass="bb-qr", omitsize=True
    )
    assert "viewBox" in svg, "scales to any size on a slide"


@pytest.mark.parametrize(
    ("markdown", "line"),
    [
        ("# Plan\n\n<!-- workshop: plan -->\n", 3),
        ("Intro\n<!-- Workshop: pack -->\n", 2),
        ("Text <!-- workshop: pack --> in a sentence\n", 1),
    ],
)
def test_a_workshop_marker_that_would_be_ignored_stops_at_its_line(markdown, line):
    from coursemodel.steps.workshop import check_markers

    with pytest.raises(AuthorError) as caught:
        check_markers(markdown, "facilitators/x.md")
    assert str(caught.value).startswith(f"docs/facilitators/x.md:{line}: the marker")


def test_workshop_markers_in_code_and_valid_ones_pass():
    from coursemodel.steps.workshop import check_markers

    check_markers("<!-- workshop: plan 2 -->\n\n<!-- workshop: pack -->\n", "x.md")
    check_markers("Write `<!-- workshop: plan -->` alone.\n\n```\n<!-- workshop: typo -->\n```\n", "x.md")


def test_a_plans_slides_join_the_menu_right_after_the_plan():
    from coursemodel.steps.workshop import nav_after

    nav = [{"Staff": ["facilitators/index.md", {"60 minutes": "facilitators/workshop-60.md"}, "other.md"]}]
    entry = {"60 minutes: slides": "facilitators/workshop-60-slides.md"}
    staff = nav_after(nav, "facilitators/workshop-60.md", entry)[0]["Staff"]
    assert staff == [
        "facilitators/index.md",
        {"60 minutes": "facilitators/workshop-60.md"},
        entry,
        "other.md",
    ]
    assert nav_after(nav, "facilitators/absent.md", entry) == nav and nav_after(None, "x.md", entry) is None


def test_a_plan_pages_marker_error_counts_the_front_matter_lines():
    """MkDocs hands the hook the page without its front matter; the error names the file's own line."""
    from coursemodel.steps.workshop import body_offset, check_markers

    source = "---\ntitle: Plan\nworkshop:\n  - steps: []\n---\n\n# Plan\n\n<!-- workshop: plan -->\n"
    body = source.split("---\n", 2)[2].lstrip("\n")
    skipped = body_offset(source, body)
    with pytest.raises(AuthorError) as caught:
        check_markers(body, "facilitators/x.md", skipped)
    assert str(caught.value).startswith("docs/facilitators/x.md:9: the marker")
    assert body_offset("# No front matter\n", "# No front matter\n") == 0
