"""Personal paths: the About-you worksheet, path blocks in lessons, and their checks.

- About-you's options name their stored values (`{id, text}`), and those ids are the
  path names a lesson may use, with `many-nos` for its one-item checklist.
- `<!-- path: … -->` … `<!-- end path -->` becomes a labelled `md_in_html` div; every
  mistake (unknown name, unclosed, nested, indented, a worksheet or checklist inside)
  is an `AuthorError` at its line, in the loader and in a real build.
"""

from __future__ import annotations

import json
import re

import pytest
from coursemodel import AuthorError
from coursemodel.paths import find_paths, path_names, render_paths
from coursemodel.text import ui_strings
from coursemodel.worksheets import load_worksheets

from tests.conftest import ROOT, build_site
from tests.test_model import load, tiny_course

ABOUT = (ROOT / "worksheets" / "about-you.yml").read_text(encoding="utf-8")
NAMES = ["application", "screening", "interview", "final-round", "internal", "many-nos"]


def lesson(body: str) -> dict[str, str]:
    """Files for a tiny course with the About-you worksheet and a lesson holding `body`."""
    return {"worksheets/about-you.yml": ABOUT, "docs/lesson.md": "# L\n\n" + body}


def test_about_you_stores_situations_by_their_ids_and_names_the_paths():
    about = load_worksheets(ROOT / "worksheets")["about-you"]
    situation = about.fields["situation"]
    assert situation.type == "choice"
    assert [c.slug for c in situation.options] == NAMES[:-1]
    assert about.fields["name"].type == "text"
    assert about.fields["many-nos"].type == "checklist"
    assert about.fields["many-nos"].names() == ["many-nos.yes"]
    labels = path_names({"about-you": about}, ui_strings("en", ROOT))
    assert list(labels) == NAMES
    assert labels["internal"] == "internal promotion"
    assert path_names({"about-you": about}, ui_strings("es", ROOT))["internal"] == "ascenso interno"


def test_an_option_id_must_be_an_id(tmp_path):
    bad = ABOUT.replace("- id: internal", "- id: Internal Promotion")
    with pytest.raises(
        AuthorError, match=r"^worksheets/about-you\.yml:\d+: the `id` of an entry of `options`"
    ):
        load(tiny_course(tmp_path, {"worksheets/about-you.yml": bad}))


def test_blocks_are_found_with_their_names_lines_and_labels(tmp_path):
    body = (
        "General.\n\n<!-- path: internal, many-nos -->\nFor some.\n<!-- end path -->\n\n"
        "```\n<!-- path: nonsense -->\n```\n\nSee `<!-- path: also-an-example -->`.\n"
    )
    page = load(tiny_course(tmp_path, lesson(body))).pages["lesson.md"]
    assert [(b.names, b.line, b.end) for b in page.paths] == [(["internal", "many-nos"], 5, 7)]
    assert page.paths[0].labels == ["internal promotion", "many no's lately"]


MISTAKES = {
    "unknown situation": (
        "Text.\n\n<!-- path: internal, promoted -->\nX\n<!-- end path -->\n",
        5,
        "unknown path name `promoted`",
    ),
    "unclosed block": ("Text.\n\n<!-- path: interview -->\nX\n\nMore.\n", 5, "never closed"),
    "end without start": ("Text.\n\n<!-- end path -->\n", 5, "closes no path block"),
    "nested": ("<!-- path: interview -->\n<!-- path: internal -->\n<!-- end path -->\n", 4, "starts inside"),
    "no names": ("<!-- path: -->\nX\n<!-- end path -->\n", 3, "names no situation"),
    "upper case": ("<!-- Path: internal -->\nX\n<!-- end path -->\n", 3, "not one the course reads"),
    "not alone": ("Read <!-- path: internal --> this.\n", 3, "not one the course reads"),
    "indented": ("!!! note\n\n    <!-- path: internal -->\n    X\n    <!-- end path -->\n", 5, "indented"),
    "worksheet inside": (
        "<!-- path: internal -->\n<!-- worksheet: about-you -->\n<!-- end path -->\n",
        4,
        "a worksheet inside the path block of line 3",
    ),
    "checklist inside": (
        "<!-- path: internal -->\n- [ ] Ask my manager\n<!-- end path -->\n",
        4,
        "a checklist item inside the path block of line 3",
    ),
}


@pytest.mark.parametrize("case", list(MISTAKES))
def test_a_path_mistake_is_an_error_at_its_line(tmp_path, case):
    body, line, says = MISTAKES[case]
    with pytest.raises(AuthorError) as info:
        load(tiny_course(tmp_path, lesson(body)))
    message = str(info.value)
    assert message.startswith(f"docs/lesson.md:{line}: "), message
    assert says in message, message
    assert "\n" not in message


def test_without_about_you_no_path_name_is_known():
    with pytest.raises(AuthorError, match="no worksheet field has `role: situation`"):
        find_paths("<!-- path: internal -->\n<!-- end path -->\n", "docs/x.md", {})


def test_a_block_becomes_a_labelled_markdown_div():
    labels = {"internal": "internal <promotion>", "many-nos": "many no's lately"}
    text = "A.\n<!-- path: internal many-nos -->\n**Bold** and a list:\n\n- one\n<!-- end path -->\nB.\n"
    out = render_paths(text, labels, ui_strings("en", ROOT))
    assert '<div class="bb-path" data-path="internal many-nos" markdown="1">' in out
    assert '<p class="bb-path__label">For: internal &lt;promotion&gt; · many no\'s lately</p>' in out
    assert "\n</div>\n" in out and "**Bold**" in out


@pytest.mark.expect_warnings
@pytest.mark.parametrize(
    ("body", "where"),
    [
        (
            "Text.\n\n<!-- path: promoted -->\nX\n<!-- end path -->\n",
            r"docs/lesson\.md:5: unknown path name `promoted`",
        ),
        (
            "Text.\n\n<!-- path: internal -->\nX\n",
            r"docs/lesson\.md:5: the path block opened here is never closed",
        ),
    ],
)
def test_a_real_build_stops_at_the_line(tmp_path, body, where):
    """What an author reads from `mkdocs build`: the file, the line, what is wrong and what is allowed."""
    from tests.conftest import BuildFailed

    config = tiny_course(tmp_path, lesson(body))
    config.write_text(
        "site_name: T\ntheme: {name: material}\nplugins: [{bounce-back: {pdf: false}}]\n",
        encoding="utf-8",
    )
    with pytest.raises(BuildFailed, match=rf"^{where}"):
        build_site(config, tmp_path / "site")


def test_a_built_block_keeps_its_markdown_and_label(tmp_path):
    body = (
        "General.\n\n<!-- path: application, screening -->\n## Early on\n\nA **CV** tip.\n<!-- end path -->\n"
    )
    config = tiny_course(tmp_path, lesson(body))
    config.write_text(
        "site_name: T\ntheme: {name: material}\nmarkdown_extensions: [md_in_html, toc]\n"
        "plugins: [{bounce-back: {pdf: false}}]\n",
        encoding="utf-8",
    )
    build_site(config, tmp_path / "site")
    html = (tmp_path / "site" / "lesson" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<div class="bb-path" data-path="application screening">(.*?)</div>', html, re.S)
    assert block, html
    assert '<p class="bb-path__label">For: application or CV · screening call</p>' in block.group(1)
    assert '<h2 id="early-on">' in block.group(1) and "<strong>CV</strong>" in block.group(1)
    assert "markdown=" not in html


def test_the_real_course_uses_paths_and_ships_their_names(tmp_path, site):
    data = json.loads((site / "assets" / "bounce-back" / "course-data.json").read_text(encoding="utf-8"))
    assert list(data["paths"]["names"]) == NAMES
    assert data["paths"]["url"] == "modules/01-feel-it-first/#worksheet-about-you"
    assert data["modules"][0]["worksheets"][0] == "about-you"
    for module in ("01-feel-it-first", "03-debrief"):
        html = (site / "modules" / module / "index.html").read_text(encoding="utf-8")
        assert html.count('class="bb-path"') >= 2
