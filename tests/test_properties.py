"""Property-based tests (hypothesis): worksheets never crash the build, answers never change or run.

1. Random worksheet definitions, structured and raw, either load, validate and
   render, or fail with `AuthorError` naming the file and a line: no other
   exception type, ever.
2. Random answer text (any Unicode, HTML, very long) survives save → reload →
   export → clear → import → print unchanged, and never executes. This one drives
   Chromium, so it runs few examples on one reused page.
"""

from __future__ import annotations

import json
import re
import string

import pytest
import yaml
from coursemodel.errors import AuthorError
from coursemodel.formats import TYPES
from coursemodel.render import Renderer
from coursemodel.steps.worksheets import render_worksheet_page
from coursemodel.text import make_markdown, ui_strings
from coursemodel.worksheets import check_placeholders, parse_worksheet
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

SHOWN = "worksheets/prop.yml"
MD = make_markdown(None)
RENDERER = Renderer(ui_strings("en"), MD)
FIELD_KEYS = [
    "id",
    "type",
    "label",
    "help",
    "example",
    "plan",
    "placeholder",
    "rows",
    "min",
    "max",
    "min_label",
    "max_label",
    "options",
    "items",
    "count",
    "columns",
    "template",
    "situation",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["<script>alert(1)</script>", "{company}", "{a.b}", "{", "}", "**bold**", "[x](y)"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
field_ids = st.one_of(st.sampled_from(["a", "b", "company", "went-well", "a-b"]), st.text(max_size=10))
options = st.lists(
    st.one_of(st.text(max_size=15), st.sampled_from(["Yes", "No", "yes!", "Café"])), max_size=5
)


@st.composite
def fields(draw) -> dict:
    """A field that is often nearly valid, sometimes nonsense."""
    kind = draw(st.one_of(st.sampled_from(TYPES), st.text(max_size=8)))
    field = {"id": draw(field_ids), "type": kind, "label": draw(st.text(max_size=20))}
    for key in draw(st.lists(st.sampled_from(FIELD_KEYS), max_size=4, unique=True)):
        if key in ("options", "items", "columns"):
            field[key] = draw(st.one_of(options, values))
        elif key in ("rows", "min", "max", "count"):
            field[key] = draw(st.one_of(st.integers(-5, 60), values))
        elif key == "template":
            field[key] = draw(st.one_of(st.sampled_from(["Hi {a}", "Hi {b}, {prop.a}", "{"]), st.text()))
        else:
            field[key] = draw(values)
    if draw(st.booleans()):
        field.pop(draw(st.sampled_from(sorted(field))))
    if draw(st.integers(0, 9)) == 0:
        field[draw(st.text(min_size=1, max_size=8))] = draw(values)
    return field


@st.composite
def worksheets(draw) -> dict:
    """A worksheet mapping with sections of fields, with random omissions and extras."""
    sections = draw(
        st.lists(
            st.fixed_dictionaries(
                {"title": st.one_of(st.text(max_size=20), values), "fields": st.lists(fields(), max_size=5)},
                optional={"intro": st.text(max_size=40)},
            ),
            max_size=3,
        )
    )
    data = {"title": draw(st.one_of(st.text(max_size=30), values)), "sections": sections}
    if draw(st.booleans()):
        data["minutes"] = draw(st.one_of(st.integers(-5, 300), values))
    if draw(st.booleans()):
        data["intro"] = draw(st.text(max_size=60))
    if draw(st.integers(0, 5)) == 0:
        data.pop(draw(st.sampled_from(sorted(data))))
    if draw(st.integers(0, 9)) == 0:
        data[draw(st.text(min_size=1, max_size=8))] = draw(values)
    return data


def load_render(text: str) -> None:
    """Load, validate and render one worksheet the way the hook does; AuthorError is the only way out."""
    try:
        ws = parse_worksheet(text, SHOWN, "prop")
        check_placeholders({"prop": ws})
        for show_title in (True, False):
            assert '<form class="bb-worksheet"' in RENDERER.worksheet_form(ws, show_title=show_title)
        render_worksheet_page(ws, [], RENDERER)
    except AuthorError as err:
        assert re.match(r"^worksheets/[\w./-]+:\d+: \S", str(err)), str(err)
        assert err.line >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worksheets())
def test_random_worksheet_definitions_render_or_fail_cleanly(data):
    load_render(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(string.printable + "\t\u00e9\u2028\ufeff-:[]{}&*!|>'\"%@`#"), max_size=200
    )
)
@example("title: x\nsections:\n  - title: s\n    fields:\n      - {id: a, type: text, label: A}\n")
@example("title: [\n")
@example("- 1\n- 2\n")
def test_random_worksheet_text_renders_or_fails_cleanly(text):
    load_render(text)


def test_a_valid_worksheet_really_renders():
    """The properties above would pass vacuously if nothing ever rendered; this one must."""
    data = {"title": "T", "sections": [{"title": "S", "fields": [{"id": "a", "type": "text", "label": "A"}]}]}
    ws = parse_worksheet(yaml.safe_dump(data), SHOWN, "prop")
    assert 'name="a"' in RENDERER.worksheet_form(ws)


# Answers in the browser --------------------------------------------------------------------------

DEBRIEF_PAGE = "worksheets/interview-debrief/"
PRIVACY_PAGE = "privacy/"
FIELD = "answer-to-change"
HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '"><svg onload=window.__pwned=1>',
    "</textarea><script>window.__pwned=1</script>",
    "{company} {{interviewer}} ${alert(1)} `${1}`",
    "javascript:window.__pwned=1",
]
# Textareas turn \r and \r\n into \n, and JavaScript strings cannot hold lone surrogates.
answer_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00")
answers = st.one_of(
    st.text(alphabet=answer_chars, min_size=1, max_size=400),
    st.sampled_from(HOSTILE),
    st.tuples(st.text(alphabet=answer_chars, min_size=1, max_size=8), st.integers(2000, 20000)).map(
        lambda pair: pair[0] * pair[1]
    ),
)


@pytest.fixture(scope="module")
def one_page(browser, base_url):
    """One page reused across examples; it fails the module on foreign requests or JS errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.dialogs, page.requests, page.errors = [], [], []

    def on_dialog(dialog) -> None:
        page.dialogs.append((dialog.type, dialog.message))
        dialog.accept()

    page.on("dialog", on_dialog)
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()
    foreign = [
        u for u in page.requests if not u.startswith(base_url) and not u.startswith(("data:", "blob:"))
    ]
    assert not foreign and not page.errors, (foreign, page.errors)


# Playwright's `fill` types line by line: tens of thousands of lines take minutes in Chromium
# (with or without our scripts), so a long answer arrives as a paste would, in one input event.
LONG_ANSWER = 2000


def enter(box, answer: str) -> None:
    """Put `answer` into the textarea as the learner would: typed, or pasted when it is long."""
    if len(answer) <= LONG_ANSWER:
        box.fill(answer)
        return
    box.evaluate(
        "(el, value) => { el.focus(); el.value = value;"
        " el.dispatchEvent(new Event('input', {bubbles: true})); }",
        answer,
    )


def _status_after(page, button: str, action) -> str:
    """Clear the data block's status, act, and return the message it then shows."""
    status = page.locator("[data-bb-data-controls] .bb-status")
    status.evaluate("(el) => { el.textContent = ''; }")
    action()
    page.wait_for_function("(el) => el.textContent.trim() !== ''", arg=status.element_handle())
    return status.inner_text()


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(answers)
@example("<script>window.__pwned = 1</script>\n  two lines  \n")
def test_any_answer_round_trips_unchanged_and_never_runs(one_page, base_url, tmp_path_factory, answer):
    page = one_page
    assume(answer.strip())
    page.goto(base_url + DEBRIEF_PAGE)
    page.evaluate("localStorage.clear()")
    page.reload()
    box = page.locator(f'form[data-worksheet="interview-debrief"] [name="{FIELD}"]')
    enter(box, answer)
    page.locator('form[data-worksheet="interview-debrief"] .bb-status[data-state="saved"]').wait_for()

    page.reload()
    assert box.input_value() == answer, "changed by save and reload"

    page.emulate_media(media="print")
    twin = box.locator("xpath=following-sibling::*[contains(@class, 'bb-print-value')][1]")
    assert twin.is_visible(), "the answer is not shown in print"
    assert twin.evaluate("el => el.textContent") == answer, "changed in print"
    page.emulate_media(media="screen")

    page.goto(base_url + PRIVACY_PAGE)
    with page.expect_download() as info:
        page.locator("[data-bb-data-controls]").get_by_role("button", name="Export").click()
    exported = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert exported["data"]["ws:interview-debrief"]["answers"][FIELD] == answer, "changed in export"
    path = tmp_path_factory.mktemp("answers") / "answers.json"
    path.write_text(json.dumps(exported), encoding="utf-8")

    controls = page.locator("[data-bb-data-controls]")
    _status_after(
        page, "Clear everything", lambda: controls.get_by_role("button", name="Clear everything").click()
    )
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('bb:')).length") == 0

    def choose() -> None:
        with page.expect_file_chooser() as chooser:
            controls.get_by_role("button", name="Import").click()
        chooser.value.set_files(str(path))

    assert _status_after(page, "Import", choose) == "Your answers were imported."
    page.goto(base_url + DEBRIEF_PAGE)
    assert box.input_value() == answer, "changed by export and import"
    assert page.evaluate("typeof window.__pwned") == "undefined", "the answer ran as code"
    assert all(kind == "confirm" for kind, _ in page.dialogs), page.dialogs
