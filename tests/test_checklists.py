"""Markdown task lists become saved, accessible checklists with stable item ids."""

from __future__ import annotations

import json
import re

import markdown
import pytest
from coursemodel.errors import AuthorError
from coursemodel.keys import checklist_key
from coursemodel.pages import find_task_items
from coursemodel.steps.checklists import render_checklists
from coursemodel.text import make_markdown, plain_text, slugify

MD_EXTENSIONS = ["toc", "pymdownx.tasklist"]
MD_CONFIG = {"pymdownx.tasklist": {"custom_checkbox": False}}
MD = make_markdown()


def tasklist_html(text: str) -> str:
    """Render Markdown the way the course does (tasklist with plain, disabled checkboxes)."""
    return markdown.markdown(text, extensions=MD_EXTENSIONS, extension_configs=MD_CONFIG)


def slugs_of(source: str, shown: str = "docs/p.md") -> list[str]:
    """Return the ids the course model gives the page's task-list items."""
    return [item.slug for item in find_task_items(source, shown, lambda t: plain_text(MD, t), slugify)]


def checklists(source: str, src_uri: str = "p.md", shown: str = "docs/p.md") -> str:
    """Render a page's Markdown and turn its task lists into checklists, as the hooks do."""
    return render_checklists(tasklist_html(source), src_uri, slugs_of(source, shown), shown)


def names(html_text: str) -> list[str]:
    """Return the `name`s of the checklist checkboxes in rendered HTML."""
    return re.findall(
        r'<input type="checkbox" class="bb-checklist__box" id="[^"]+" name="([^"]+)"', html_text
    )


def test_task_list_becomes_a_labelled_named_checklist_form():
    source = "## Before you go\n\n- [ ] Send a thank-you *note*\n- [x] Update my CV\n"
    out = checklists(source, "modules/05-door.md", "docs/modules/05-door.md")
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
    before = "- [ ] Call Sam\n- [ ] Write to Priya\n- [ ] Rest\n"
    after = "- [ ] Rest\n- [ ] New thing\n- [ ] Call Sam today\n- [ ] Write to Priya\n"
    old = set(names(checklists(before)))
    new = set(names(checklists(after)))
    assert old - new == {"call-sam"}, "only the edited item loses its id"
    assert new - old == {"new-thing", "call-sam-today"}


def test_duplicate_item_on_a_page_is_an_author_error_with_its_line():
    # The model reads the whole file (front matter included), so the line is the file's.
    source = "---\ntitle: x\n---\n\nIntro\n\n- [ ] Call Sam\n- [ ] Rest\n\nMore\n\n- [ ] Call  *sam*!\n"
    with pytest.raises(AuthorError) as caught:
        slugs_of(source, "docs/modules/x.md")
    message = str(caught.value)
    # The item is named by its visible words (Markdown and extra spaces dropped).
    assert message.startswith("docs/modules/x.md:12: the checklist item `Call sam!` appears twice")
    assert "(first at line 7)" in message and "own wording" in message


def test_item_without_letters_is_an_author_error():
    source = "- [ ] Fine\n- [ ] ???\n"
    with pytest.raises(AuthorError, match=r"^docs/p.md:2: the checklist item `\?\?\?`"):
        slugs_of(source)


def test_loose_and_nested_lists_become_one_form_each_top_level_list():
    source = "- [ ] Outer one\n\n    - [ ] Inner one\n\n- [ ] Outer two\n\nText\n\n- [ ] Second list\n"
    out = checklists(source)
    assert out.count('<form class="bb-checklist"') == 2
    assert names(out) == ["outer-one", "inner-one", "outer-two", "second-list"]
    assert "disabled" not in out
    assert slugs_of(source) == names(out)


def test_task_items_in_fenced_code_are_examples_not_checklists():
    source = "- [ ] Real one\n\n```markdown\n- [ ] Example only\n```\n"
    assert slugs_of(source) == ["real-one"]
    assert names(checklists(source)) == ["real-one"]


def test_markdown_and_html_that_disagree_stop_the_build():
    """If the Markdown scan and the rendered page ever count items differently, no tick is misfiled."""
    html_text = tasklist_html("- [ ] One\n- [ ] Two\n")
    with pytest.raises(AuthorError, match=r"^docs/p.md:1: the page has 2 task-list items but 1 were found"):
        render_checklists(html_text, "p.md", ["one"], "docs/p.md")


def test_built_module_pages_have_saved_checklists(site):
    page = (site / "modules" / "01-feel-it-first" / "index.html").read_text(encoding="utf-8")
    form = re.search(
        r'<form class="bb-checklist" data-checklist="cl:modules/01-feel-it-first.md"[^>]*>', page
    )
    assert form, "module 1's task list is a checklist form"
    assert "I named how I feel, in my own words, and told someone I trust</label>" in page
    assert not re.search(r'<input type="checkbox" disabled', page), "no task-list checkbox stays disabled"


def test_course_data_lists_every_checklist_item_and_worksheet_field_per_module(site):
    data = json.loads((site / "assets" / "bounce-back" / "course-data.json").read_text(encoding="utf-8"))
    modules = data["modules"]
    assert [m["number"] for m in modules] == list(range(1, len(modules) + 1)), "numbered as shown"
    assert len(modules) >= 8
    for module in modules:
        html_text = (site / module["url"] / "index.html").read_text(encoding="utf-8")
        if module["checklist"]:
            assert f'data-checklist="{checklist_key(module["src"])}"' in html_text
        for name in module["checklist"]:
            assert f'name="{name}"' in html_text
        shown = re.findall(r'<div class="bb-field" data-field="([^"]+)" data-type="(\w+)"', html_text)
        for ws_id in module["worksheets"]:
            assert f'data-worksheet="{ws_id}"' in html_text
            worksheet = data["worksheets"][ws_id]
            home = next(m["src"] for m in modules if ws_id in m["worksheets"])
            assert worksheet["module"] == home, "a worksheet's home is the first module placing it"
            fields = [f for section in worksheet["sections"] for f in section["fields"]]
            assert {f["id"] for f in fields} <= {f for f, _kind in shown}
            form = re.search(
                rf'<form class="bb-worksheet" data-worksheet="{ws_id}".*?</form>', html_text, re.S
            )
            for one in fields:
                if one["type"] == "message":
                    assert one["names"] == [], "messages store nothing"
                for name in one["names"]:
                    assert f'name="{name}"' in form.group(0), (ws_id, name)
    first = modules[0]
    assert first["checklist"][0] == "i-named-how-i-feel-in-my-own-words-and-told-someone-i-trust"
    assert "feelings-check-in" in first["worksheets"]
