"""The course model's contracts: read once, one path from YAML to every output, nothing silent.

- Each course file is read once per build (`coursemodel.load`), however many hooks use it.
- A field added to a worksheet's YAML reaches the lesson's form, the course data, the
  worksheet's own page and the fillable PDF, with no other file to touch.
- A career center overrides the form's markup with one template of its own.
- Hook files stay small, and the storage prefixes are spelled in one Python module.
- Issue 16, "nothing silent": what Markdown or Material would quietly drop or misread
  is an `AuthorError` naming `path:line`.
"""

from __future__ import annotations

import collections
import io
import json
import logging
import re
import shutil
from pathlib import Path

import pytest
from coursemodel import AuthorError, load_course
from coursemodel.handouts import weasyprint_version
from coursemodel.modules import unlink_hidden
from coursemodel.render import TEMPLATES, render_worksheet
from coursemodel.text import make_markdown
from coursemodel.worksheets import load_worksheets

from tests.conftest import ROOT, WarningCollector, build_site

HOOKS = ROOT / "hooks"
SKIP = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "site", "dist", "__pycache__", "*.egg-info", ".cache", ".hypothesis",
    ".ruff_cache",
)  # fmt: skip


def copy_course(folder: Path) -> Path:
    """Copy the whole course (without checkouts, environments and builds) to `folder`."""
    shutil.copytree(ROOT, folder, ignore=SKIP)
    return folder


def article(page: Path) -> str:
    """Return the `<article>` of a built page: the content, without the navigation."""
    text = page.read_text(encoding="utf-8")
    return text[text.index("<article") : text.index("</article>")]


def form_of(page_html: str, ws_id: str) -> str:
    """Return one worksheet's form from a built page."""
    found = re.search(rf'<form class="bb-worksheet" data-worksheet="{ws_id}".*?</form>', page_html, re.S)
    assert found, f"no form for {ws_id}"
    return found.group(0)


# Read once ---------------------------------------------------------------------------------------


def test_each_course_file_is_read_once_per_build(tmp_path, monkeypatch):
    import coursemodel.errors
    import coursemodel.load
    import coursemodel.modules
    import coursemodel.worksheets

    reads: collections.Counter[str] = collections.Counter()
    real = coursemodel.errors.read_text

    def counting(path: Path, shown: str) -> str:
        reads[Path(path).resolve().as_posix()] += 1
        return real(path, shown)

    for module in (coursemodel.load, coursemodel.worksheets, coursemodel.modules):
        monkeypatch.setattr(module, "read_text", counting)
    assert build_site(ROOT / "mkdocs.yml", tmp_path / "site") == []
    twice = {path: n for path, n in reads.items() if n > 1}
    assert not twice, f"read more than once in one build: {twice}"
    expected = {
        *(p.resolve().as_posix() for p in (ROOT / "docs").rglob("*.md")),
        *(p.resolve().as_posix() for p in (ROOT / "worksheets").glob("*.yml")),
        (ROOT / "docs" / "sources.yml").resolve().as_posix(),
    }
    assert expected <= set(reads), f"not read through the model: {sorted(expected - set(reads))}"


# One path from YAML to every output --------------------------------------------------------------

NEW_FIELD = (
    "      - id: newcomer-note\n        type: text\n        label: One thing a friend said that helped\n"
)


@pytest.mark.slow
def test_a_new_field_reaches_the_form_course_data_page_and_fillable_pdf(tmp_path, monkeypatch):
    course = copy_course(tmp_path / "course")
    sheet = course / "worksheets" / "feelings-check-in.yml"
    text = sheet.read_text(encoding="utf-8")
    anchor = "    fields:\n"
    assert anchor in text
    sheet.write_text(text.replace(anchor, anchor + NEW_FIELD, 1), encoding="utf-8")
    pdfs = weasyprint_version()[0] is not None
    monkeypatch.setenv("COURSE_PDF", "true" if pdfs else "false")
    monkeypatch.setenv("COURSE_PDF_CACHE", str(tmp_path / "pdf-cache"))
    site = tmp_path / "site"
    # A real-looking address, as a host sets it: the handouts print it (a placeholder warns).
    assert build_site(course / "mkdocs.yml", site, site_url="https://careers.test-college.edu/") == []

    lesson = form_of(
        (site / "modules" / "01-feel-it-first" / "index.html").read_text("utf-8"), "feelings-check-in"
    )
    assert '<div class="bb-field" data-field="newcomer-note" data-type="text">' in lesson
    assert 'name="newcomer-note"' in lesson and "One thing a friend said that helped</label>" in lesson

    data = json.loads((site / "assets" / "bounce-back" / "course-data.json").read_text(encoding="utf-8"))
    fields = [f for s in data["worksheets"]["feelings-check-in"]["sections"] for f in s["fields"]]
    assert fields[0] == {
        "id": "newcomer-note",
        "type": "text",
        "label": "One thing a friend said that helped",
        "names": ["newcomer-note"],
    }

    own = (site / "worksheets" / "feelings-check-in" / "index.html").read_text(encoding="utf-8")
    assert 'name="newcomer-note"' in form_of(own, "feelings-check-in")

    if not pdfs:
        pytest.skip("WeasyPrint cannot load here: the form, data and page are checked, not the PDF")
    from pypdf import PdfReader

    fillable = site / "worksheets" / "pdf" / "feelings-check-in-fillable.pdf"
    reader = PdfReader(io.BytesIO(fillable.read_bytes()))
    assert "newcomer-note" in (reader.get_fields() or {}), "the new field is a field of the fillable PDF"


def test_a_centers_template_override_changes_the_built_form(tmp_path):
    course = copy_course(tmp_path / "course")
    template = (TEMPLATES / "worksheet.html").read_text(encoding="utf-8")
    mark = '<form class="bb-worksheet"'
    assert template.count(mark) == 1
    # A center's own templates go in its theme's custom_dir, under bounce-back/.
    config = course / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n", 1
        ),
        encoding="utf-8",
    )
    own = course / "overrides" / "bounce-back" / "worksheet.html"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(template.replace(mark, '<form data-riverside-form class="bb-worksheet"'), encoding="utf-8")
    site = tmp_path / "site"
    assert build_site(course / "mkdocs.yml", site) == []
    page = (site / "modules" / "03-debrief" / "index.html").read_text(encoding="utf-8")
    assert '<form data-riverside-form class="bb-worksheet" data-worksheet="interview-debrief"' in page
    own_page = (site / "worksheets" / "interview-debrief" / "index.html").read_text(encoding="utf-8")
    assert "<form data-riverside-form " in own_page
    # The course's own template is untouched: only the center's copy adds the mark.
    assert "data-riverside-form" not in (TEMPLATES / "worksheet.html").read_text(encoding="utf-8")


# The shape of the code ---------------------------------------------------------------------------

MAX_LINES = 400


def test_hook_files_are_small():
    files = [*HOOKS.glob("*.py"), *(HOOKS / "coursemodel").rglob("*.py")]
    assert len(files) > 10
    big = {
        p.relative_to(ROOT).as_posix(): n
        for p in files
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert not big, f"split these into smaller modules (at most {MAX_LINES} lines): {big}"


@pytest.mark.parametrize("prefix", ["ws:", "cl:"])
def test_storage_prefixes_are_spelled_in_one_python_module(prefix):
    quoted = re.compile(rf"[\"'`]{re.escape(prefix)}")
    spelled = sorted(
        p.relative_to(ROOT).as_posix() for p in HOOKS.rglob("*.py") if quoted.search(p.read_text("utf-8"))
    )
    assert spelled == ["hooks/coursemodel/keys.py"]


# Nothing silent (issue 16) -----------------------------------------------------------------------

GOOD_MODULE = """\
---
number: 1
title: A plain module
minutes: 5
description: A module that loads, so the case is the only problem.
objectives: [Read one page]
takeaways: [Small courses load quickly]
sources: [nexgoal]
---

Plain text.
"""
GOOD_WORKSHEET = """\
title: X
sections:
  - title: S
    fields:
      - {id: a, type: choice, label: A, options: [One, Two], private: true}
"""


def tiny_course(folder: Path, files: dict[str, str]) -> Path:
    """Write a small course (one module, one worksheet, the real sources and strings) plus `files`."""
    (folder / "docs" / "modules").mkdir(parents=True)
    (folder / "worksheets").mkdir()
    shutil.copy(ROOT / "docs" / "sources.yml", folder / "docs" / "sources.yml")
    shutil.copytree(ROOT / "strings", folder / "strings")
    base = {
        "docs/index.md": "# Start\n\nHello.\n",
        "docs/modules/01-plain.md": GOOD_MODULE,
        "worksheets/x.yml": GOOD_WORKSHEET,
    }
    for rel, text in {**base, **files}.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "mkdocs.yml").write_text("site_name: T\ntheme: {name: material}\n", encoding="utf-8")
    return folder / "mkdocs.yml"


def load(config_file: Path):
    """Load a course's model as the course hook does."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(config_file))
    return load_course(config, get_files(config))


def module(**changes: str) -> str:
    """Return the good module with front-matter lines replaced or added before `---`."""
    text = GOOD_MODULE
    for key, value in changes.items():
        line = f"{key}: {value}\n"
        text, found = re.subn(rf"^{key}: .*\n", line, text, count=1, flags=re.M)
        if not found:
            text = text.replace("sources: [nexgoal]\n", f"sources: [nexgoal]\n{line}", 1)
    return text


SILENT = {
    "marker inside a sentence": (
        {"docs/lesson.md": "# L\n\nFill in <!-- worksheet: x --> now.\n"},
        "docs/lesson.md:3: ",
        "must be alone on its line",
    ),
    "upper-case marker": (
        {"docs/lesson.md": "# L\n\n<!-- WORKSHEET: x -->\n"},
        "docs/lesson.md:3: ",
        "not in lower case",
    ),
    "marker indented as code": (
        {"docs/lesson.md": "# L\n\nText.\n\n    <!-- worksheet: x -->\n"},
        "docs/lesson.md:5: ",
        "indented by four spaces",
    ),
    "hand-written plan": ({"docs/plan.md": "# Mine\n"}, "docs/plan.md:1: ", "clashes with a page"),
    "hand-written overview": (
        {"docs/overview.md": "# Mine\n"},
        "docs/overview.md:1: ",
        "clashes with a page",
    ),
    "hand-written credits": ({"docs/credits.md": "# Mine\n"}, "docs/credits.md:1: ", "clashes with a page"),
    "field id of a legend": (
        {"worksheets/x.yml": GOOD_WORKSHEET + "      - {id: a-legend, type: text, label: B}\n"},
        "worksheets/x.yml:6: ",
        "`a-legend` clashes with the group heading of field `a`",
    ),
    "module number 100000": (
        {"docs/modules/01-plain.md": module(number="100000")},
        "docs/modules/01-plain.md:2: ",
        "`number` is 100000; a number from 1 to 999",
    ),
    "module minutes 100000": (
        {"docs/modules/01-plain.md": module(minutes="100000")},
        "docs/modules/01-plain.md:4: ",
        "`minutes` is 100000; a number from 1 to 240",
    ),
    "hide as a string": (
        {"docs/modules/01-plain.md": module(hide="navigation")},
        "docs/modules/01-plain.md:9: ",
        "`hide` must be a list",
    ),
    "search: yes": (
        {"docs/modules/01-plain.md": module(search="yes")},
        "docs/modules/01-plain.md:9: ",
        "`search` is not understood",
    ),
    "template: 3": (
        {"docs/modules/01-plain.md": module(template="3")},
        "docs/modules/01-plain.md:9: ",
        "`template` must be text",
    ),
}


@pytest.mark.parametrize("case", list(SILENT))
def test_what_markdown_or_material_would_drop_is_an_error_at_its_line(tmp_path, case):
    files, where, says = SILENT[case]
    with pytest.raises(AuthorError) as info:
        load(tiny_course(tmp_path, files))
    message = str(info.value)
    assert message.startswith(where), message
    assert says in message, message
    assert "\n" not in message


@pytest.mark.expect_warnings
def test_a_nothing_silent_case_stops_a_real_build_at_its_line(tmp_path):
    """The same error, end to end: the first thing an author reads from `mkdocs build`."""
    from tests.conftest import BuildFailed

    config = tiny_course(tmp_path, {"docs/lesson.md": "# L\n\n<!-- Worksheet: x -->\n"})
    config.write_text(
        "site_name: T\ntheme: {name: material}\nplugins: [{bounce-back: {pdf: false}}]\n",
        encoding="utf-8",
    )
    with pytest.raises(
        BuildFailed, match=r"^docs/lesson\.md:3: the marker `<!-- Worksheet: x -->` is not in lower case"
    ):
        build_site(config, tmp_path / "site")


def test_markers_in_admonitions_tabs_and_list_items_are_content_not_code(tmp_path):
    lesson = (
        "# L\n\n!!! note\n\n    Do this.\n\n    <!-- worksheet: x -->\n\n"
        '=== "Tab"\n\n    <!-- worksheet-pdfs: workbook -->\n\n'
        "1. Step\n\n    <!-- course: contacts -->\n"
    )
    course = load(tiny_course(tmp_path, {"docs/lesson.md": lesson}))
    assert course.pages["lesson.md"].placements == [("x", 7)]


def test_a_module_file_named_like_an_index_is_a_module(tmp_path):
    salary = module(number="9", title="Salary index")
    course = load(tiny_course(tmp_path, {"docs/modules/09-salary-index.md": salary}))
    assert [(m.slug, m.position) for m in course.modules] == [("01-plain", 1), ("09-salary-index", 2)]
    assert course.pages["modules/09-salary-index.md"].title == "Module 2: Salary index"


def test_options_in_cyrillic_and_chinese_get_distinct_ids(tmp_path):
    text = (
        "title: Вопросы\nsections:\n  - title: Раздел\n    fields:\n"
        "      - {id: ru, type: choice, label: Да или нет?, options: [Да, Нет]}\n"
        "      - {id: zh, type: multichoice, label: 是不是, options: [是, 否]}\n"
        "      - {id: todo, type: checklist, label: Список, items: [Позвонить, 打电话]}\n"
    )
    (tmp_path / "worksheets").mkdir()
    (tmp_path / "worksheets" / "x.yml").write_text(text, encoding="utf-8")
    ws = load_worksheets(tmp_path / "worksheets")["x"]
    fields = ws.fields
    assert [c.slug for c in fields["ru"].options] == ["да", "нет"]
    assert [c.slug for c in fields["zh"].options] == ["是", "否"]
    assert fields["todo"].names() == ["todo.позвонить", "todo.打电话"]
    out = render_worksheet(ws, make_markdown())
    ids = re.findall(r'\bid="([^"]+)"', out)
    assert len(ids) == len(set(ids)), "element ids repeat"
    values = re.findall(r'name="(ru|zh)" value="([^"]+)"', out)
    assert values == [("ru", "да"), ("ru", "нет"), ("zh", "是"), ("zh", "否")]
    assert ">Да</span>" in out and ">否</span>" in out


# Line endings ------------------------------------------------------------------------------------

TEXT_SUFFIXES = {".md", ".yml", ".yaml"}


@pytest.mark.slow
def test_a_course_saved_with_windows_line_endings_builds_the_same_pages(tmp_path):
    course = copy_course(tmp_path / "course")
    lf = tmp_path / "lf"
    assert build_site(course / "mkdocs.yml", lf) == []
    converted = 0
    for path in [course / "mkdocs.yml", *(course / "docs").rglob("*"), *(course / "worksheets").rglob("*")]:
        if path.suffix in TEXT_SUFFIXES and path.is_file():
            data = path.read_bytes()
            path.write_bytes(data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
            converted += 1
    assert converted > 20
    crlf = tmp_path / "crlf"
    assert build_site(course / "mkdocs.yml", crlf) == []
    pages = sorted(p.relative_to(lf) for p in (lf / "modules").rglob("index.html"))
    assert len(pages) >= 8
    for page in [*pages, Path("worksheets/thank-you-note/index.html"), Path("plan/index.html")]:
        assert article(crlf / page) == article(lf / page), f"{page} differs with CRLF line endings"
    data = "assets/bounce-back/course-data.json"
    assert json.loads((crlf / data).read_text("utf-8")) == json.loads((lf / data).read_text("utf-8"))


def test_a_hidden_module_and_its_worksheet_are_in_no_output(tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    course = copy_course(tmp_path / "course")
    center = course / "center.yml"
    center.write_text(
        "INHERIT: mkdocs.yml\nextra:\n  course:\n    id: bounce-back\n"
        "    modules:\n      hide: [07-grow-and-go]\n"
    )
    site = tmp_path / "site"
    collector = WarningCollector()
    logging.getLogger("mkdocs").addHandler(collector)
    try:
        build(load_config(str(center), site_dir=str(site)))
    finally:
        logging.getLogger("mkdocs").removeHandler(collector)
    warnings = [r.getMessage() for r in collector.records]
    # Prose links to the hidden pages (module 8, the facilitator guides) become plain text, so the
    # center's strict build passes without editing the course's own pages.
    assert warnings == []
    assert not (site / "modules" / "07-grow-and-go").exists()
    assert not (site / "worksheets" / "skills-plan").exists(), "its worksheet is hidden with it"
    assert "grow-and-go" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    data = json.loads((site / "assets" / "bounce-back" / "course-data.json").read_text(encoding="utf-8"))
    assert [m["number"] for m in data["modules"]] == list(range(1, 8)), "modules are numbered as shown"
    assert "skills-plan" not in data["worksheets"]
    index = (site / "worksheets" / "index.html").read_text(encoding="utf-8")
    assert "skills-plan" not in index and "Grow and get back out there" not in index
    module_8 = (site / "modules" / "08-your-plan" / "index.html").read_text(encoding="utf-8")
    assert "Module 7 of 7" in module_8
    assert "07-grow-and-go" not in module_8 and "skills-plan" not in module_8
    guide = (site / "facilitators" / "index.html").read_text(encoding="utf-8")
    assert "07-grow-and-go" not in guide and "skills-plan/" not in guide


def test_links_to_hidden_pages_keep_their_text_and_other_links_stay():
    text = (
        "See [Module 7](07-grow-and-go.md#plan), [its sheet](../worksheets/skills-plan.md 'x') and "
        "[Module 6](06-support-team.md), ![a picture](07-grow-and-go.md), [web](https://a.b/07-grow-and-go.md)."
    )
    hidden = {"modules/07-grow-and-go.md", "worksheets/skills-plan.md"}
    out, unlinked = unlink_hidden(text, "modules/08-your-plan.md", hidden)
    assert out == (
        "See Module 7, its sheet and "
        "[Module 6](06-support-team.md), ![a picture](07-grow-and-go.md), [web](https://a.b/07-grow-and-go.md)."
    )
    assert unlinked == ["modules/07-grow-and-go.md", "worksheets/skills-plan.md"]


def test_a_learner_build_leaves_the_staff_pages_out_and_a_staff_build_keeps_them(tmp_path, monkeypatch):
    staff = ("facilitators/", "authoring/", "hosting/")
    monkeypatch.setenv("COURSE_STAFF_PAGES", "false")
    learner = tmp_path / "learner"
    assert not build_site(ROOT / "mkdocs.yml", learner)
    sitemap = (learner / "sitemap.xml").read_text(encoding="utf-8")
    search = (learner / "search" / "search_index.json").read_text(encoding="utf-8")
    menu = (learner / "index.html").read_text(encoding="utf-8")
    for path in staff:
        assert not (learner / path).exists(), f"{path} is published in the learner build"
        assert path not in sitemap and f'"location":"{path}' not in search and f'href="{path}' not in menu
    assert not (learner / "sources.yml").exists(), "the sources registry is read, not published"
    monkeypatch.setenv("COURSE_STAFF_PAGES", "true")
    staff_site = tmp_path / "staff"
    assert not build_site(ROOT / "mkdocs.yml", staff_site)
    assert all((staff_site / path / "index.html").is_file() for path in staff)


def test_the_engine_reads_no_environment_and_orders_no_events_by_priority():
    """Settings come from the plugin's typed options; the order of steps is written in plugin.py."""
    engine = HOOKS / "coursemodel"
    for path in engine.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT).as_posix()
        assert "os.environ" not in text and "getenv(" not in text, f"{rel} reads the environment"
        assert "event_priority" not in text, f"{rel} orders events by priority"
    plugin = (engine / "plugin.py").read_text(encoding="utf-8")
    for step in ("course", "modules", "worksheets", "hosting", "plan", "pdfs", "assets"):
        assert f"{step}.on_files(" in plugin, step
    assert not list(HOOKS.glob("*.py")) or {p.name for p in HOOKS.glob("*.py")} == {
        "__init__.py",
        "bundle.py",
        "new.py",
    }, "hook files are gone: the engine is the bounce-back plugin"
