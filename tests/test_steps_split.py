"""Where the build cuts a module page into steps (coursemodel.lessonsteps) and the head script's data."""

from __future__ import annotations

import re

from coursemodel import lessonsteps
from coursemodel.keys import PROGRESS_KEY, namespace
from coursemodel.prepaint import SCRIPT, prepaint_script, situation_marks

WORDS = {
    "step_of": "Step {number} of {total}",
    "step_continue": "Continue",
    "step_back": "Back",
    "step_nav": "Steps",
    "step_whole": "Show the whole module",
}
PARA = "<p>" + "A sentence of an ordinary lesson, long enough to wrap on a phone. " * 12 + "</p>"


def section(title: str, paras: int) -> str:
    """Return a `##` section of `paras` long paragraphs."""
    return f'<h2 id="{title}">{title}</h2>' + PARA * paras


def steps_of(html: str) -> dict[int, list[str]]:
    """Return {step: the tags marked with it, in order}."""
    out: dict[int, list[str]] = {}
    for tag, number in re.findall(r'<(\w+)[^>]*? data-step="(\d+)"', html):
        out.setdefault(int(number), []).append(tag)
    return out


def test_a_short_page_is_left_as_it_is():
    html = "<h1>Title</h1><p>Short.</p>" + section("one", 1)
    assert lessonsteps.split_steps(html, WORDS) == (html, 1)


def test_sections_start_steps_and_short_neighbours_share_one():
    html = "<h1>Title</h1>" + PARA * 3 + section("short-a", 1) + section("short-b", 1) + section("long-c", 6)
    out, total = lessonsteps.split_steps(html, WORDS)
    marked = steps_of(out)
    assert total == len(marked) >= 2
    # Every step opens with its bar; two short sections share a step.
    for tags in marked.values():
        assert tags[0] == "div", tags
    assert any(tags.count("h2") == 2 for tags in marked.values()), marked
    assert out.count('class="bb-step-bar"') == total
    # Every step but the last ends in a real link to the next step's bar.
    for number in range(1, total):
        assert f'href="#bb-step-{number + 1}" data-go="{number + 1}"' in out
        assert f'id="bb-step-{number + 1}"' in out
    assert f'data-go="{total + 1}"' not in out


def test_a_long_section_is_cut_and_no_step_ends_on_a_heading():
    html = "<h1>Title</h1>" + section("long", 2) + "<h3>Sub</h3>" + PARA * 8 + "<h3>Other</h3>" + PARA * 8
    out, total = lessonsteps.split_steps(html, WORDS)
    assert total >= 3
    for number, tags in steps_of(out).items():
        content = [t for t in tags if t not in {"div", "nav"}]
        assert content[-1] not in {"h2", "h3"}, (number, tags)


def test_a_long_worksheet_is_cut_between_its_sections_and_shows_where_it_has_parts():
    fields = "".join(
        f'<fieldset class="bb-section"><legend>Part {i}</legend>'
        + '<div class="bb-field" data-type="textarea"><label>Q</label><textarea></textarea></div>' * 8
        + "</fieldset>"
        for i in range(4)
    )
    form = f'<form class="bb-worksheet"><h2 class="bb-worksheet__title">Sheet</h2>{fields}</form>'
    html = "<h1>Title</h1><p>Intro.</p>" + section("sheet", 1) + form
    out, total = lessonsteps.split_steps(html, WORDS)
    assert total >= 3
    spans = re.search(r'<form class="bb-worksheet" data-steps="([\d ]+)"', out)
    assert spans and len(spans.group(1).split()) >= 2, out[:400]
    # A section wholly in one step is marked as a block; the form itself holds no data-step.
    assert not re.search(r'<form[^>]* data-step="', out)


def test_the_module_end_stays_in_the_last_step():
    end = (
        '<div class="bb-module-complete" data-module-complete="m.md" hidden></div>'
        '<div class="admonition success bb-takeaways"><p>Takeaways</p></div>'
        '<div class="bb-sources"><h2>Sources</h2>' + PARA * 6 + "</div>"
    )
    html = "<h1>Title</h1>" + PARA * 3 + section("a", 5) + section("before-you-move-on", 1) + end
    out, total = lessonsteps.split_steps(html, WORDS)
    last = steps_of(out)[total]
    assert "h2" in last and last.count("div") >= 4, last


def test_never_more_steps_than_the_stylesheet_knows():
    html = "<h1>Title</h1>" + "".join(section(f"s{i}", 5) for i in range(40))
    _out, total = lessonsteps.split_steps(html, WORDS)
    assert 2 <= total <= lessonsteps.MAX_STEPS


def test_the_head_script_spells_no_key_and_takes_them_from_keys_py():
    # The keys come in as data made from keys.py; the code names none of them.
    for spelled in ("progress", "ws:", "bb:", "view:"):
        assert spelled not in SCRIPT

    class Course:
        worksheets: dict = {}

    script = prepaint_script(Course(), "my-course")
    assert f'"p":"{namespace("my-course")}"' in script and f'"g":"{PROGRESS_KEY}"' in script
    assert "</" not in script


def test_path_blocks_name_their_situations_by_place():
    known = ["application", "interview", "internal", "many-nos"]
    assert situation_marks(["interview", "many-nos"], known, "many-nos") == ["1", "flag"]
    assert situation_marks(["internal"], known, "many-nos") == ["2"]
