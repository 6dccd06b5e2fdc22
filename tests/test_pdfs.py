"""Worksheet PDFs: blank handouts, fillable forms with sound fields, the workbook, the cache, the switch."""

from __future__ import annotations

import html.parser
import io
import logging
import re
import shutil
import sys
from pathlib import Path

import pytest
from coursemodel import handouts
from coursemodel.render import render_worksheet
from coursemodel.text import make_markdown
from coursemodel.worksheets import load_worksheets
from pypdf import PdfReader, PdfWriter

from tests.conftest import PDF_PLUGIN, ROOT, BuildFailed, build_site

# About you signs the messages with the learner's name and says where it ended; the feedback request
# uses both and the debrief's answers.
WORKSHEETS = ["interview-debrief", "feelings-check-in", "about-you", "feedback-request"]


def project(tmp: Path) -> Path:
    """A small course: two real worksheets, one placed, a page with a workbook marker."""
    (tmp / "docs").mkdir(parents=True)
    (tmp / "worksheets").mkdir()
    shutil.copy(ROOT / "docs" / "sources.yml", tmp / "docs" / "sources.yml")
    for ws_id in WORKSHEETS:
        shutil.copy(ROOT / "worksheets" / f"{ws_id}.yml", tmp / "worksheets" / f"{ws_id}.yml")
    (tmp / "docs" / "index.md").write_text(
        "# Start\n\n<!-- worksheet: interview-debrief -->\n\n"
        # Markers stand on a line of their own (coursemodel.pages refuses one inside a sentence).
        "For workshops:\n\n<!-- worksheet-pdfs: workbook -->\n",
        encoding="utf-8",
    )
    (tmp / "mkdocs.yml").write_text(
        # A real-looking address: a preview address (localhost, 127.0.0.1) makes a PDF build warn.
        "site_name: Test Course\nsite_url: https://careers.test-college.edu/course/\n"
        f"theme:\n  name: material\n{PDF_PLUGIN}"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - pymdownx.details\n",
        encoding="utf-8",
    )
    return tmp / "mkdocs.yml"


class InfoLog(logging.Handler):
    """Collect the INFO lines MkDocs hooks log during a build."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def build(config: Path, site: Path, monkeypatch, **env: str) -> list[str]:
    """Build `config` strictly with the given environment; return the INFO lines."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    logger = logging.getLogger("mkdocs")
    handler, level = InfoLog(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        warnings = build_site(config, site)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert not warnings, warnings
    return handler.lines


def renders(lines: list[str]) -> int:
    """How many PDFs the build said it rendered."""
    found = [re.search(r"Worksheet PDFs: (\d+) rendered", line) for line in lines]
    counts = [int(match.group(1)) for match in found if match]
    assert len(counts) == 1, lines
    return counts[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Build the small course twice with PDFs on, sharing one cache."""
    monkeypatch = pytest.MonkeyPatch()
    tmp = tmp_path_factory.mktemp("pdf-course")
    config = project(tmp / "project")
    env = {"COURSE_PDF": "true", "COURSE_PDF_CACHE": str(tmp / "cache")}
    try:
        first = build(config, tmp / "site1", monkeypatch, **env)
        second = build(config, tmp / "site2", monkeypatch, **env)
    finally:
        monkeypatch.undo()
    return {"site": tmp / "site1", "site2": tmp / "site2", "first": first, "second": second, "tmp": tmp}


def test_every_worksheet_gets_blank_fillable_and_the_workbook(built):
    pdf_dir = built["site"] / "worksheets" / "pdf"
    expected = {f"{w}.pdf" for w in WORKSHEETS} | {f"{w}-fillable.pdf" for w in WORKSHEETS} | {"workbook.pdf"}
    # A4 by default, and every PDF again on US Letter in a folder of its own.
    assert {p.name for p in pdf_dir.iterdir()} == expected | {"letter"}
    assert {p.name for p in (pdf_dir / "letter").iterdir()} == expected
    for path in [*pdf_dir.glob("*.pdf"), *pdf_dir.glob("letter/*.pdf")]:
        assert path.read_bytes().startswith(b"%PDF-"), path


def test_blank_pdfs_show_a_labelled_line_for_each_answer_not_template_marks(built):
    pdf_dir = built["site"] / "worksheets" / "pdf"
    for name in [f"{w}.pdf" for w in WORKSHEETS] + ["workbook.pdf"]:
        text = " ".join(page.extract_text() for page in PdfReader(pdf_dir / name).pages)
        assert "{" not in text and "}" not in text and "[[" not in text, name
    reply = " ".join(page.extract_text() for page in PdfReader(pdf_dir / "feedback-request.pdf").pages)
    assert "Hi ________________ (Name of the person you will write to first)," in re.sub(r"\s+", " ", reply)


def test_worksheet_pages_and_all_worksheets_link_the_pdfs(built):
    site = built["site"]
    page = (site / "worksheets" / "interview-debrief" / "index.html").read_text(encoding="utf-8")
    downloads = re.search(r'<div class="bb-downloads"[^>]*>.*?</div>', page, re.S).group(0)
    assert 'href="../pdf/interview-debrief.pdf"' in downloads
    assert 'href="../pdf/interview-debrief-fillable.pdf"' in downloads
    assert 'href="../pdf/workbook.pdf"' in downloads
    index = (site / "worksheets" / "index.html").read_text(encoding="utf-8")
    for ws_id in WORKSHEETS:
        assert f'href="pdf/{ws_id}.pdf"' in index
        assert f'href="pdf/{ws_id}-fillable.pdf"' in index
    assert 'href="pdf/workbook.pdf"' in index
    start = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="worksheets/pdf/workbook.pdf"' in start
    assert "worksheet-pdfs" not in start


def test_a_lesson_links_the_pdfs_of_the_worksheet_it_places_under_the_form(built):
    start = (built["site"] / "index.html").read_text(encoding="utf-8")
    after_form = start.split('data-worksheet="interview-debrief"', 1)[1].split("</form>", 1)[1]
    line = re.search(r'<p class="bb-downloads-line">.*?</p>', after_form, re.S).group(0)
    assert "Print this worksheet (PDF)" in line
    for paper in ("", "letter/"):  # the center's size (A4 by default), then US Letter
        for name in ("interview-debrief.pdf", "interview-debrief-fillable.pdf"):
            assert f'href="worksheets/pdf/{paper}{name}"' in line, (paper, name, line)


def test_second_build_with_nothing_changed_renders_no_pdf(built):
    assert renders(built["first"]) == 2 * (2 * len(WORKSHEETS) + 1)  # on A4 and on US Letter
    assert renders(built["second"]) == 0
    # ...and the second site still publishes every PDF, byte for byte the same.
    for path in (built["site"] / "worksheets" / "pdf").rglob("*.pdf"):
        relative = path.relative_to(built["site"])
        assert (built["site2"] / relative).read_bytes() == path.read_bytes()


def test_changing_a_worksheet_renders_only_its_pdfs_again(built, monkeypatch):
    tmp = built["tmp"]
    config = tmp / "project" / "mkdocs.yml"
    source = tmp / "project" / "worksheets" / "feelings-check-in.yml"
    source.write_text(
        source.read_text(encoding="utf-8").replace("title:", "title: Renamed", 1), encoding="utf-8"
    )
    lines = build(config, tmp / "site3", monkeypatch, COURSE_PDF="true", COURSE_PDF_CACHE=str(tmp / "cache"))
    # Its blank and fillable PDFs, and the workbook that contains it, on both paper sizes.
    assert renders(lines) == 6


def test_course_pdf_false_makes_no_pdfs_and_no_links(tmp_path, monkeypatch):
    config = project(tmp_path / "project")
    lines = build(
        config, tmp_path / "site", monkeypatch, COURSE_PDF="false", COURSE_PDF_CACHE=str(tmp_path / "c")
    )
    assert not (tmp_path / "site" / "worksheets" / "pdf").exists()
    assert not (tmp_path / "c").exists()
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert ".pdf" not in text, page
        assert "worksheet-pdfs" not in text, page
    assert not any("Worksheet PDFs" in line for line in lines)


@pytest.mark.expect_warnings
def test_without_weasyprint_a_deploy_build_stops_and_a_preview_links_nothing(tmp_path, monkeypatch, caplog):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = project(tmp_path / "project")
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` now fails
    monkeypatch.setenv("COURSE_PDF", "true")
    monkeypatch.setenv("COURSE_PDF_CACHE", str(tmp_path / "c"))
    # A deploy build (--strict) never publishes a site whose handouts are silently missing.
    with pytest.raises(BuildFailed, match="warnings in strict mode"):
        build_site(config, tmp_path / "strict")
    said = [r.getMessage() for r in caplog.records if "WeasyPrint" in r.getMessage()]
    assert len(said) == 1 and "left out" in said[0] and "not installed" in said[0], said
    assert "'.[pdf]'" in said[0] and "COURSE_PDF=false" in said[0], said
    # A preview (`mkdocs serve`, no --strict) still builds, with no link to a missing PDF.
    mkdocs_build(load_config(str(config), site_dir=str(tmp_path / "site")))
    assert not (tmp_path / "site" / "worksheets" / "pdf").exists()
    for page in (tmp_path / "site").rglob("*.html"):
        assert ".pdf" not in page.read_text(encoding="utf-8"), page


class Controls(html.parser.HTMLParser):
    """The form controls of a worksheet's HTML: (tag, type, name, value)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("input", "textarea", "select") and values.get("name"):
            self.found.append((tag, values.get("type") or tag, values["name"], values.get("value") or ""))


def expected_fields(ws_id: str) -> dict[str, str]:
    """Map each question's PDF field name to its kind, from the worksheet's own HTML."""
    ws = load_worksheets(ROOT)[ws_id]
    parser = Controls()
    parser.feed(render_worksheet(ws, make_markdown(None)))
    names = [name for tag, kind, name, value in parser.found if kind == "checkbox"]
    fields: dict[str, str] = {}
    for _tag, kind, name, value in parser.found:
        if kind == "checkbox" and names.count(name) > 1:
            fields[f"{name}.{value}"] = "checkbox"
        else:
            fields[name] = {"radio": "radio", "checkbox": "checkbox", "textarea": "textarea"}.get(
                kind, "text"
            )
    return fields


def terminal_fields(reader: PdfReader) -> dict[str, dict]:
    """The PDF's fields that hold a value (not the grouping nodes of dotted names)."""
    return {name: field for name, field in reader.get_fields().items() if field.get("/FT")}


@pytest.mark.parametrize("ws_id", WORKSHEETS)
def test_fillable_pdf_has_one_uniquely_named_field_per_control(built, ws_id):
    reader = PdfReader(built["site"] / "worksheets" / "pdf" / f"{ws_id}-fillable.pdf")
    fields = terminal_fields(reader)
    expected = expected_fields(ws_id)
    assert set(fields) == set(expected)
    # Unique: every widget on every page belongs to exactly one named field.
    names = []
    for page in reader.pages:
        for ref in page.get("/Annots", []):
            widget = ref.get_object()
            if widget.get("/Subtype") != "/Widget":
                continue
            node, parts = widget, []
            while node is not None:
                if "/T" in node:
                    parts.insert(0, str(node["/T"]))
                node = node.get("/Parent")
                node = node.get_object() if node is not None else None
            names.append(".".join(parts))
    radios = {name for name, kind in expected.items() if kind == "radio"}
    singles = [name for name in names if name not in radios]
    assert len(singles) == len(set(singles)), "a text field or checkbox name repeats"
    top = [str(ref.get_object()["/T"]) for ref in reader.trailer["/Root"]["/AcroForm"]["/Fields"]]
    assert len(top) == len(set(top)), top
    for name, kind in expected.items():
        assert fields[name]["/FT"] == ("/Tx" if kind in ("text", "textarea") else "/Btn"), name


def test_radio_groups_are_one_field_with_their_options(built):
    reader = PdfReader(built["site"] / "worksheets" / "pdf" / "interview-debrief-fillable.pdf")
    fields = terminal_fields(reader)
    ws = load_worksheets(ROOT)["interview-debrief"]
    balance = fields["skills-balance"]
    options = [choice.slug for choice in ws.fields["skills-balance"].options]
    assert len(balance["/Kids"]) == len(options)
    assert set(balance["/_States_"]) >= {f"/{slug}" for slug in options}
    for kid in balance["/Kids"]:
        widget = kid.get_object()
        assert "/T" not in widget, "a radio button must not carry the group's name again"
        states = [key for key in widget["/AP"]["/N"] if key != "/Off"]
        assert len(states) == 1 and states[0][1:] in options
    overall = fields["overall"]
    assert {f"/{n}" for n in range(1, 6)} <= set(overall["/_States_"])


def test_a_fillable_pdf_can_be_filled_and_read_back(built):
    path = built["site"] / "worksheets" / "pdf" / "interview-debrief-fillable.pdf"
    writer = PdfWriter(clone_from=PdfReader(path))
    answers = {
        "company": "Northwind Studios",
        "went-well.1": "I stayed calm",
        "my-questions.0.a-question-i-asked": "What does success look like?",
        "answer-to-change": "Tell the group project story in four steps.",
    }
    for page in writer.pages:
        writer.update_page_form_field_values(page, answers, auto_regenerate=False)
    radio = {"skills-balance": "/a-fair-balance"}
    for page in writer.pages:  # the radio group sits on whichever page its section landed on
        writer.update_page_form_field_values(page, radio, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    fields = PdfReader(io.BytesIO(out.getvalue())).get_fields()
    for name, value in answers.items():
        assert fields[name]["/V"] == value, name
    assert fields["skills-balance"]["/V"] == "/a-fair-balance"


def test_workbook_holds_every_worksheet_title(built):
    reader = PdfReader(built["site"] / "worksheets" / "pdf" / "workbook.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    for ws_id in WORKSHEETS:
        assert load_worksheets(ROOT)[ws_id].title in text
    assert "/AcroForm" not in reader.trailer["/Root"], "the workbook is for paper"


def test_the_real_workbook_holds_every_worksheet_title_in_course_order():
    worksheets = load_worksheets(ROOT)
    md = make_markdown(None)
    sheets = [handouts.Sheet(ws.id, ws.title, render_worksheet(ws, md)) for ws in worksheets.values()]
    markup = handouts.render_handout(sheets, course="Bounce Back", mode="blank", title="Workbook", cover=True)
    reader = PdfReader(io.BytesIO(handouts.render_pdf(markup, fillable=False)))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    for ws in worksheets.values():
        assert re.sub(r"\s+", " ", ws.title) in text, ws.title
    # Each worksheet starts on a page of its own, after the cover.
    assert len(reader.pages) > len(worksheets)


def test_blank_handout_has_no_fields_and_ruled_space():
    ws = load_worksheets(ROOT)["interview-debrief"]
    markup = handouts.render_handout(
        [handouts.Sheet(ws.id, ws.title, render_worksheet(ws, make_markdown(None)))],
        course="Bounce Back",
        mode="blank",
    )
    # Ruled lines: one per row of a text area, and two (room for handwriting) per list line and
    # per text cell of a table, which are one-row boxes on screen.
    lines = sum(f.rows for f in ws.fields.values() if f.type == "textarea")
    lines += sum(2 * f.count for f in ws.fields.values() if f.type == "list")
    lines += sum(
        2 * f.rows * sum(c.type == "text" for c in f.columns) for f in ws.fields.values() if f.type == "table"
    )
    assert "<textarea" not in markup and markup.count('class="bb-line"') == lines
    assert "placeholder=" not in markup
    assert "<details" in markup and " open>" in markup
    reader = PdfReader(io.BytesIO(handouts.render_pdf(markup, fillable=False)))
    assert "/AcroForm" not in reader.trailer["/Root"]


def test_radio_group_split_over_two_pages_becomes_one_field():
    markup = (
        "<html><body><form>"
        '<p>Pick</p><input type="radio" name="pick" value="one"> one'
        '<p style="break-before: page">more</p><input type="radio" name="pick" value="two" checked> two'
        '<input type="text" name="notes.0"><input type="text" name="notes.1">'
        "</form></body></html>"
    )
    reader = PdfReader(io.BytesIO(handouts.render_pdf(markup, fillable=True)))
    fields = terminal_fields(reader)
    assert set(fields) == {"pick", "notes.0", "notes.1"}
    assert len(fields["pick"]["/Kids"]) == 2
    assert fields["pick"]["/V"] == "/two"
    top = [str(ref.get_object()["/T"]) for ref in reader.trailer["/Root"]["/AcroForm"]["/Fields"]]
    assert sorted(top) == ["notes", "pick"]


@pytest.mark.expect_warnings
def test_settings_from_the_environment(monkeypatch):
    """The course's mkdocs.yml maps each plugin option to its environment switch with !ENV."""
    from coursemodel.options import BuildOptions
    from mkdocs.config import load_config

    def options():
        return load_config(str(ROOT / "mkdocs.yml")).plugins["bounce-back"].config

    monkeypatch.delenv("COURSE_PDF", raising=False)
    assert options().pdf is True
    for off in ("false", "0", "no", "OFF"):
        monkeypatch.setenv("COURSE_PDF", off)
        assert options().pdf is False, off
    monkeypatch.setenv("COURSE_PDF_PAPER", "letter")
    assert options().pdf_paper == "letter"
    assert handouts.load_settings(BuildOptions(pdf_paper="letter")).paper == "letter"
    monkeypatch.setenv("COURSE_PDF_PAPER", "a5")
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        options()
    with pytest.raises(Exception, match="pdf_paper 'a5' is not a paper size; allowed: a4, letter"):
        handouts.load_settings(BuildOptions(pdf_paper="a5"))
