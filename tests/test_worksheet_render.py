"""Worksheet HTML: labels, names, help links and escaping; placing worksheets in real builds."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from coursemodel.errors import AuthorError
from coursemodel.formats import TYPES
from coursemodel.render import render_worksheet
from coursemodel.text import make_markdown
from coursemodel.worksheets import load_worksheets

from tests.conftest import ROOT, BuildFailed, build_site
from tests.test_worksheets import ALL_TYPES, BASE, write


class Elements(HTMLParser):
    """Collect every start tag as (tag, attributes), and the text inside each label."""

    def __init__(self, text: str) -> None:
        """Parse `text` at once."""
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.label_text: dict[str, str] = {}
        self._label: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record the tag; start collecting label text."""
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag == "label":
            self._label = attributes.get("for", "")
            self.label_text[self._label] = ""

    def handle_endtag(self, tag: str) -> None:
        """Stop collecting label text."""
        if tag == "label":
            self._label = None

    def handle_data(self, data: str) -> None:
        """Add text to the open label."""
        if self._label is not None:
            self.label_text[self._label] += data

    def all(self, tag: str) -> list[dict[str, str]]:
        """Return the attributes of every `tag`."""
        return [a for t, a in self.tags if t == tag]


def render(tmp_path: Path, text: str, **kwargs) -> str:
    """Load one worksheet from text and render it with the plain course Markdown."""
    ws = load_worksheets(write(tmp_path, text))["x"]
    return render_worksheet(ws, make_markdown(), **kwargs)


@pytest.fixture
def all_types(tmp_path: Path) -> tuple[str, Elements]:
    """The worksheet with every field type, rendered and parsed."""
    out = render(tmp_path, ALL_TYPES)
    return out, Elements(out)


def test_form_and_js_hooks(all_types):
    out, doc = all_types
    form = doc.all("form")[0]
    assert form["class"] == "bb-worksheet" and form["data-worksheet"] == "x" and form["id"] == "worksheet-x"
    assert "novalidate" in form and form["aria-labelledby"] == "worksheet-x-title"
    assert '<h2 class="bb-worksheet__title" id="worksheet-x-title">All types</h2>' in out
    assert '<div class="bb-toolbar" data-worksheet-toolbar></div>' in out
    assert '<p class="bb-status" role="status" aria-live="polite"></p>' in out
    assert "<p>Some <em>intro</em>.</p>" in out and "About 5 minutes" in out


def test_every_control_has_a_visible_or_hidden_label(all_types):
    _out, doc = all_types
    controls = [a for t, a in doc.tags if t in ("input", "textarea", "select")]
    assert len(controls) == 1 + 1 + 1 + 11 + 2 + 2 + 2 + 2 + 4 + 2 + 2  # … and the rank's two boxes
    ids = [c["id"] for c in controls]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for control in controls:
        assert control["id"] in doc.label_text, f"no <label for> for {control}"
        assert doc.label_text[control["id"]].strip(), f"empty label for {control}"
    assert doc.label_text["x--lines--1"] == "Lines, line 2"
    assert doc.label_text["x--log--1--when"] == "When, row 2"
    assert doc.label_text["x--mood--0"].split() == ["0", "Low"]
    assert doc.label_text["x--mood--10"].split() == ["10", "High"]


def test_control_names_are_the_storage_keys(all_types):
    _out, doc = all_types
    names = [a["name"] for t, a in doc.tags if t in ("input", "textarea")]
    assert sorted(set(names)) == sorted(
        ["name", "notes", "when", "mood", "pick", "picks", "todo.send-a-note", "todo.call-sam", "fit"]
        + ["lines.0", "lines.1", "log.0.who", "log.0.when", "log.1.who", "log.1.when"]
        + ["matters.pay", "matters.the-team"]
    )
    radios = {a["value"] for a in doc.all("input") if a.get("name") == "pick"}
    assert radios == {"yes-please", "no-thanks"}
    # Text cells and list lines are one-row textareas that wrap and grow; date cells stay date inputs.
    assert {a["type"] for a in doc.all("input") if a["name"].startswith("log.1.")} == {"date"}
    assert [a["name"] for a in doc.all("textarea") if a["name"].startswith(("log.1.", "lines."))] == [
        "lines.0",
        "lines.1",
        "log.1.who",
    ]
    assert all("data-line" in a and a["rows"] == "1" for a in doc.all("textarea") if "." in a["name"])
    assert [a["value"] for a in doc.all("input") if a["name"] == "mood"] == [str(n) for n in range(11)]
    assert all("value" not in a for a in doc.all("input") if a["name"].startswith("todo."))


def test_groups_are_fieldsets_with_legends(all_types):
    out, _doc = all_types
    for field_id in ("mood", "pick", "picks", "todo", "lines", "log"):
        block = re.search(rf'<div class="bb-field" data-field="{field_id}".*?</fieldset>', out, re.S).group(0)
        assert '<fieldset class="bb-group"' in block and f'<legend id="x--{field_id}-legend">' in block
    assert '<fieldset class="bb-section">\n<legend class="bb-section__title">One</legend>' in out
    table = re.search(r'<div class="bb-table-scroll"[^>]*>', out).group(0)
    assert 'role="region"' in table and 'tabindex="0"' in table and 'aria-labelledby="x--log-legend"' in table
    assert '<th scope="col">Who</th><th scope="col">When</th>' in out


def test_help_is_tied_with_aria_describedby(tmp_path: Path):
    text = BASE + "        help: Your *first* name.\n"
    text += "      - {id: c, type: choice, label: C, help: Pick one., options: [A, B]}\n"
    out = render(tmp_path, text)
    doc = Elements(out)
    ids = {a["id"] for _t, a in doc.tags if "id" in a}
    described = [a["aria-describedby"] for _t, a in doc.tags if "aria-describedby" in a]
    assert described == ["x--name-help", "x--c-help"]
    assert all(target in ids for target in described)
    assert '<p class="bb-help" id="x--name-help">Your <em>first</em> name.</p>' in out
    assert '<fieldset class="bb-group" aria-describedby="x--c-help">' in out


def test_plan_and_types_are_marked(all_types):
    out, _doc = all_types
    assert '<div class="bb-field" data-field="when" data-type="date" data-plan>' in out
    assert '<div class="bb-field" data-field="name" data-type="text">' in out


def test_message_preview_and_copy(all_types):
    out, doc = all_types
    box = next(a for a in doc.all("div") if a.get("class") == "bb-message")
    # The page carries no raw template: messages.js fills the message from the course data.
    assert "data-template" not in box and "{" not in out
    assert box["data-field"] == "letter" and box["aria-labelledby"] == "x--letter-label"
    # Before scripts run (and on paper) each answer is a labelled writing line.
    line = '<span class="bb-blank"><span class="bb-blank__line">________________</span>'
    assert (
        f'<pre class="bb-message__preview" data-preview>Hi {line} <span class="bb-blank__label">(Name)</span>'
        f'</span>, see you {line} <span class="bb-blank__label">(When)</span></span>.</pre>'
    ) in out
    assert '<button type="button" class="bb-message__copy md-button" data-copy>Copy</button>' in out


def test_example_is_collapsed(tmp_path: Path):
    out = render(tmp_path, BASE + "        example: Sam **Lee**\n")
    assert '<details class="bb-example"><summary>Example</summary>' in out
    assert "<p>Sam <strong>Lee</strong></p>" in out


XSS = "<img src=x onerror=alert(1)>"


def test_html_in_author_text_is_escaped(tmp_path: Path):
    text = (
        f'title: "T {XSS}"\nintro: "<script>alert(1)</script>"\nsections:\n  - title: "S {XSS}"\n'
        "    fields:\n"
        f'      - {{id: a, type: text, label: "Who {XSS}", help: "<b>bold</b>",'
        ' placeholder: "\\" onfocus=x"}\n'
        f'      - {{id: b, type: choice, label: B, options: ["{XSS}", Fine]}}\n'
        '      - {id: m, type: message, label: M, template: "Hi </pre><script>x</script> {a}"}\n'
        f'      - {{id: t, type: table, label: T, columns: ["{XSS}"]}}\n'
    )
    out = render(tmp_path, text)
    assert "<img" not in out and "<script" not in out and "<b>" not in out and "</pre><" not in out
    assert "Who &lt;img src=x onerror=alert(1)&gt;" in out
    # The quote is escaped (markupsafe writes `&#34;`): the placeholder stays one attribute.
    assert 'placeholder="&#34; onfocus=x"' in out and '"" onfocus' not in out
    doc = Elements(out)
    box = next(a for a in doc.all("input") if a.get("id") == "x--a")
    assert box["placeholder"] == '" onfocus=x' and "onfocus" not in box
    assert doc.label_text["x--a"] == f"Who {XSS}"
    assert 'Hi &lt;/pre&gt;&lt;script&gt;x&lt;/script&gt; <span class="bb-blank">' in out
    assert doc.label_text["x--t--0--img-src-x-onerror-alert-1"] == f"{XSS}, row 1"


def test_label_that_makes_a_list_is_an_error(tmp_path: Path):
    with pytest.raises(AuthorError) as info:
        render(tmp_path, BASE.replace("label: Name", 'label: "- Name"'))
    assert str(info.value).startswith("worksheets/x.yml:7: `- Name` makes more than one line of text; ")


def test_own_page_variant_has_no_title_heading(tmp_path: Path):
    out = render(tmp_path, BASE, show_title=False)
    assert "<h2" not in out and 'aria-label="Test"' in out


def test_strings_translate_the_form(tmp_path: Path):
    strings = {"copy": "Copiar", "ws_line": "{label}, línea {n}", "ws_minutes": "Unos {minutes} minutos"}
    text = BASE + "minutes: 5\n" + "      - {id: l, type: list, label: L, count: 1}\n"
    out = render(tmp_path, text.replace("minutes: 5\n", "") + "minutes: 5\n", strings=strings)
    assert "Unos 5 minutos" in out and ">L, línea 1</label>" in out


# Builds -------------------------------------------------------------------------------------------


def make_project(tmp_path: Path, pages: dict[str, str], worksheets: dict[str, str] | None = None) -> Path:
    """Write a tiny course using only the course and worksheets hooks; return its mkdocs.yml."""
    (tmp_path / "docs").mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / "sources.yml").write_text((ROOT / "docs/sources.yml").read_text(), encoding="utf-8")
    for uri, text in pages.items():
        path = tmp_path / "docs" / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    # `private`: the tiny worksheet's answers feed no message, which the build would otherwise warn about.
    for name, text in (worksheets or {"x": "private: true\n" + BASE}).items():
        write(tmp_path, text, f"{name}.yml")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: T\nsite_url: http://127.0.0.1/\n"
        "plugins: [{bounce-back: {pdf: false}}]\n"
        "markdown_extensions: [admonition, attr_list, md_in_html, {toc: {permalink: true}}]\n",
        encoding="utf-8",
    )
    return config


def built(tmp_path: Path, uri: str) -> str:
    """Return the HTML of a built page."""
    return (tmp_path / "site" / uri).read_text(encoding="utf-8")


def test_build_places_the_form_and_makes_pages(tmp_path: Path):
    lesson = "# Lesson\n\nRead this.\n\n<!-- worksheet: x -->\n\nAfter.\n"
    config = make_project(tmp_path, {"index.md": "# Home\n", "lessons/one.md": lesson})
    assert build_site(config, tmp_path / "site") == []
    page = built(tmp_path, "lessons/one/index.html")
    assert page.count('<form class="bb-worksheet" data-worksheet="x"') == 1
    assert "<p><form" not in page and "worksheet: x" not in page and "bb-worksheet-slot" not in page
    assert page.index("Read this.") < page.index("<form") < page.index("After.")
    own = built(tmp_path, "worksheets/x/index.html")
    assert '<h1 id="test">Test' in own and '<h2 class="bb-worksheet__title"' not in own
    assert 'Used in: <a href="../../lessons/one/">Lesson</a>.' in own
    assert own.count('<form class="bb-worksheet" data-worksheet="x"') == 1
    index = built(tmp_path, "worksheets/index.html")
    assert '<a href="x/">Test</a>' in index and '<a href="../lessons/one/">Lesson</a>' in index


def test_marker_inside_an_admonition_is_not_wrapped_in_a_paragraph(tmp_path: Path):
    lesson = '# L\n\n!!! note "Do this"\n\n    Fill it in.\n\n    <!-- worksheet: x -->\n'
    config = make_project(tmp_path, {"index.md": lesson})
    build_site(config, tmp_path / "site")
    page = built(tmp_path, "index.html")
    assert '<div class="admonition note">' in page and "<form" in page
    assert not re.search(r"<p>\s*<form", page)


def test_marker_in_a_code_block_is_left_alone(tmp_path: Path):
    lesson = "# L\n\n```markdown\n<!-- worksheet: nope -->\n```\n"
    config = make_project(tmp_path, {"index.md": lesson})
    build_site(config, tmp_path / "site")
    page = built(tmp_path, "index.html")
    assert "&lt;!-- worksheet: nope --&gt;" in page and "bb-worksheet" not in page
    assert "not placed in a lesson yet" in built(tmp_path, "worksheets/x/index.html")


@pytest.mark.expect_warnings
def test_page_placing_a_missing_worksheet_fails_with_page_and_line(tmp_path: Path):
    config = make_project(
        tmp_path, {"index.md": "# Home\n", "lessons/x.md": "# M\n\nText.\n\n<!-- worksheet: nope -->\n"}
    )
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site")
    message = str(info.value)
    assert message.startswith(
        "docs/lessons/x.md:5: the page places worksheet `nope`, which does not exist; "
    ), message
    assert "worksheets (files in worksheets/): x" in message and "Traceback" not in message


@pytest.mark.expect_warnings
def test_worksheet_placed_twice_on_a_page_fails(tmp_path: Path):
    lesson = "# M\n\n<!-- worksheet: x -->\n\n<!--worksheet:x-->\n"
    config = make_project(tmp_path, {"index.md": lesson})
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site")
    assert str(info.value).startswith(
        "docs/index.md:5: worksheet `x` is already placed on this page at line 3"
    )


@pytest.mark.expect_warnings
def test_bad_worksheet_fails_the_build_without_traceback(tmp_path: Path):
    config = make_project(tmp_path, {"index.md": "# Home\n"}, {"x": BASE.replace("type: text", "type: txt")})
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site")
    assert str(info.value).startswith("worksheets/x.yml:6: unknown field type `txt`; allowed types: text, ")


@pytest.mark.expect_warnings
def test_docs_page_clashing_with_a_worksheet_page_fails(tmp_path: Path):
    config = make_project(tmp_path, {"index.md": "# Home\n", "worksheets/x.md": "# Mine\n"})
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site")
    assert str(info.value).startswith("docs/worksheets/x.md:1: `docs/worksheets/x.md` clashes with a page")


# The real course ----------------------------------------------------------------------------------


def test_real_course_places_every_marker_and_makes_every_page(site: Path):
    worksheets = load_worksheets(ROOT)
    placed = set()
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for ws_id in re.findall(
            r"^<!-- worksheet: ([a-z0-9-]+) -->$", page.read_text(encoding="utf-8"), re.M
        ):
            placed.add(ws_id)
            rel = page.relative_to(ROOT / "docs").with_suffix("")
            out = (site / rel / "index.html").read_text(encoding="utf-8")
            assert out.count(f'<form class="bb-worksheet" data-worksheet="{ws_id}"') == 1, (rel, ws_id)
            assert "bb-worksheet-slot" not in out
    assert placed == set(worksheets), "every worksheet is placed in a lesson"
    index = (site / "worksheets" / "index.html").read_text(encoding="utf-8")
    for ws in worksheets.values():
        own = (site / "worksheets" / ws.id / "index.html").read_text(encoding="utf-8")
        assert f'data-worksheet="{ws.id}"' in own and "Used in: <a href=" in own
        assert f'<a href="{ws.id}/">{html.escape(ws.title, quote=False)}</a>' in index


def test_lessons_render_every_type(site: Path):
    types = set()
    for page in sorted((site / "modules").glob("*/index.html")):
        out = page.read_text(encoding="utf-8")
        for form in re.findall(r'<form class="bb-worksheet" data-worksheet=.*?</form>', out, re.S):
            types |= set(re.findall(r'data-type="([a-z]+)"', form))
    assert types == set(TYPES)  # every field type the format has, as placed in a lesson
    assert "Module 3: Debrief the process" in (site / "worksheets/interview-debrief/index.html").read_text()
