"""Markdown task lists become saved, accessible checklists with stable item ids."""

from __future__ import annotations

import json
import re

import markdown
import pytest
from checklists import checklist_items, render_checklists
from errors import AuthorError

MD_EXTENSIONS = ["toc", "pymdownx.tasklist"]
MD_CONFIG = {"pymdownx.tasklist": {"custom_checkbox": False}}


def tasklist_html(text: str) -> str:
    """Render Markdown the way the course does (tasklist with plain, disabled checkboxes)."""
    return markdown.markdown(text, extensions=MD_EXTENSIONS, extension_configs=MD_CONFIG)


def names(html_text: str) -> list[str]:
    """Return the `name`s of the checklist checkboxes in rendered HTML."""
    return re.findall(
        r'<input type="checkbox" class="bb-checklist__box" id="[^"]+" name="([^"]+)"', html_text
    )


def test_task_list_becomes_a_labelled_named_checklist_form():
    source = "## Before you go\n\n- [ ] Send a thank-you *note*\n- [x] Update my CV\n"
    out = render_checklists(tasklist_html(source), "modules/05-door.md", "docs/modules/05-door.md", source)
    assert 'data-checklist="cl:modules/05-door.md"' in out
    assert 'aria-labelledby="before-you-go"' in out
    assert "disabled" not in out
    # An author's [x] does not tick the learner's box.
    assert "checked" not in out
    assert names(out) == ["send-a-thank-you-note", "update-my-cv"]
    assert '<label for="bb-cl-send-a-thank-you-note">Send a thank-you <em>note</em></label>' in out, (
        "the item text, with its Markdown, becomes the checkbox's label"
    )
    assert out.count("<form") == out.count("</form>") == 1


def test_ids_follow_the_text_so_reordering_and_adding_keep_ticks_and_editing_loses_one():
    before = tasklist_html("- [ ] Call Sam\n- [ ] Write to Priya\n- [ ] Rest\n")
    after = tasklist_html("- [ ] Rest\n- [ ] New thing\n- [ ] Call Sam today\n- [ ] Write to Priya\n")
    old = set(names(render_checklists(before, "p.md", "docs/p.md")))
    new = set(names(render_checklists(after, "p.md", "docs/p.md")))
    assert old - new == {"call-sam"}, "only the edited item loses its id"
    assert new - old == {"new-thing", "call-sam-today"}


def test_duplicate_item_on_a_page_is_an_author_error_with_its_line():
    source = "---\ntitle: x\n---\n\nIntro\n\n- [ ] Call Sam\n- [ ] Rest\n\nMore\n\n- [ ] Call  sam!\n"
    body = source.split("---\n", 2)[2]
    with pytest.raises(AuthorError) as caught:
        render_checklists(tasklist_html(body), "modules/x.md", "docs/modules/x.md", source)
    message = str(caught.value)
    assert message.startswith("docs/modules/x.md:12: the checklist item `Call  sam!` appears twice")
    assert "own wording" in message


def test_item_without_letters_is_an_author_error():
    source = "- [ ] Fine\n- [ ] ???\n"
    with pytest.raises(AuthorError, match=r"^docs/p.md:2: the checklist item `\?\?\?`"):
        render_checklists(tasklist_html(source), "p.md", "docs/p.md", source)


def test_loose_and_nested_lists_become_one_form_each_top_level_list():
    source = "- [ ] Outer one\n\n    - [ ] Inner one\n\n- [ ] Outer two\n\nText\n\n- [ ] Second list\n"
    out = render_checklists(tasklist_html(source), "p.md", "docs/p.md", source)
    assert out.count('<form class="bb-checklist"') == 2
    assert names(out) == ["outer-one", "inner-one", "outer-two", "second-list"]
    assert "disabled" not in out
    assert [slug for slug, _ in checklist_items(tasklist_html(source))] == names(out)


def test_built_module_pages_have_saved_checklists(site):
    page = (site / "modules" / "01-feel-it-first" / "index.html").read_text(encoding="utf-8")
    form = re.search(
        r'<form class="bb-checklist" data-checklist="cl:modules/01-feel-it-first.md"[^>]*>', page
    )
    assert form, "module 1's task list is a checklist form"
    assert "I named how I feel, in my own words</label>" in page
    assert not re.search(r'<input type="checkbox" disabled', page), "no task-list checkbox stays disabled"


def test_course_map_lists_every_checklist_item_and_worksheet_field_per_module(site):
    course_map = json.loads((site / "assets" / "bounce-back" / "course-map.json").read_text(encoding="utf-8"))
    modules = course_map["modules"]
    assert [m["number"] for m in modules] == sorted(m["number"] for m in modules)
    assert len(modules) >= 8
    for module in modules:
        html_text = (site / module["url"] / "index.html").read_text(encoding="utf-8")
        for key, items in module["checklists"].items():
            assert key == f"cl:{module['src']}"
            for name in items:
                assert f'name="{name}"' in html_text
        for ws_id, fields in module["worksheets"].items():
            assert f'data-worksheet="{ws_id}"' in html_text
            shown = re.findall(r'<div class="bb-field" data-field="([^"]+)" data-type="(\w+)"', html_text)
            assert set(fields) <= {f for f, kind in shown}
            assert not {f for f, kind in shown if kind == "message"} & set(fields), "messages store nothing"
    first = modules[0]
    assert first["checklists"][f"cl:{first['src']}"][0] == "i-named-how-i-feel-in-my-own-words"
    assert "feelings-check-in" in first["worksheets"]
