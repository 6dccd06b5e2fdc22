"""A center on paper, without rendering a PDF: the paper setting, the site address, the brand, the links."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from coursemodel import handouts
from coursemodel.downloads import pdf_uri, render_downloads, render_index_downloads
from coursemodel.errors import AuthorError
from coursemodel.printing import DEFAULT_COLOUR, brand_of, check_paper, other_paper, site_url_problem
from coursemodel.settings import config_place
from coursemodel.text import ui_strings

from tests.conftest import ROOT, BuildFailed, build_site
from tests.variants import write_variant

CENTER = {
    "organisation": "Riverside University Careers",
    "colours": {"primary": "#1d4f91"},
    "contacts": {
        "email": "careers@riverside.example",
        "phone": "+1 555 0100",
        "booking_url": "https://riverside.example/careers/book",
        "hours": "Monday to Friday",
        "address": "Student Centre",
    },
}
LOGO = ROOT / "examples" / "career-center" / "logo.svg"


# The paper setting ------------------------------------------------------------------------------


def test_paper_is_a4_or_letter_in_any_case_and_a4_when_unset():
    assert check_paper(None, "mkdocs.yml", 1) == "a4"
    assert check_paper("A4", "mkdocs.yml", 1) == "a4"
    assert check_paper(" Letter ", "mkdocs.yml", 1) == "letter"
    assert other_paper("a4") == "letter" and other_paper("letter") == "a4"


@pytest.mark.parametrize("value", ["a5", "legal", "US Letter", ""])
def test_any_other_paper_is_an_error_at_its_line(value):
    with pytest.raises(AuthorError) as info:
        check_paper(value, "center/mkdocs.yml", 14)
    assert str(info.value) == (
        f"center/mkdocs.yml:14: extra.course.paper: {value!r} is not a paper size; "
        "allowed: a4 (210 × 297 mm) or letter (US Letter, 8.5 × 11 in)"
    )


@pytest.mark.expect_warnings
def test_a_wrong_paper_stops_the_build_at_its_line_in_the_centers_own_file(tmp_path):
    config = write_variant(tmp_path / "center", {"extra": {"course": {"paper": "a5"}}})
    line = next(n for n, text in enumerate(config.read_text("utf-8").splitlines(), 1) if "paper: a5" in text)
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site")
    assert str(info.value).startswith(
        f"{config}:{line}: extra.course.paper: 'a5' is not a paper size; allowed:"
    )


# The site address on paper ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "  ",
        "http://127.0.0.1:8000/",
        "http://127.0.1.1/",
        "http://localhost:8000/course/",
        "https://app.localhost/",
        "http://[::1]:8000/",
        "http://0.0.0.0/",
        "HTTP://LOCALHOST.",
    ],
)
def test_placeholder_site_urls_are_named(url):
    assert site_url_problem(url), url


@pytest.mark.parametrize(
    "url",
    [
        "https://careers.riverside.example/bounce-back/",
        "https://jo.github.io/bounce-back/",
        "https://careers.example.edu/",
        "http://10.1.2.3/course/",
        "https://notexample.com/",
        # A center trying the course at an example address gets a strict build.
        "https://example.com/",
        "https://www.example.com/bounce-back/",
        "https://example.org/course/",
        "http://EXAMPLE.NET",
    ],
)
def test_real_site_urls_pass(url):
    assert site_url_problem(url) == ""


# The brand on the handouts ----------------------------------------------------------------------


def test_brand_carries_name_logo_colour_and_the_booking_address_in_full():
    brand = brand_of(CENTER, LOGO, ui_strings("en"))
    assert brand.organisation == "Riverside University Careers"
    assert brand.logo.startswith("data:image/svg+xml;base64,")
    assert brand.colour == "#1d4f91"
    assert brand.contacts[0] == ("Book an appointment", "https://riverside.example/careers/book")
    assert brand.footer == (
        "Riverside University Careers · Book an appointment: https://riverside.example/careers/book · "
        "Email: careers@riverside.example · Phone: +1 555 0100"
    )
    spanish = brand_of(CENTER, None, ui_strings("es"))
    assert spanish.contacts[0][0] == "Pedir una cita" and not spanish.logo


def test_without_a_center_the_brand_is_empty_and_teal():
    brand = brand_of({"organisation": None, "contacts": {}, "colours": {}}, None, ui_strings("en"))
    assert (brand.organisation, brand.logo, brand.contacts, brand.footer) == ("", "", [], "")
    assert brand.colour == DEFAULT_COLOUR


def sheet() -> handouts.Sheet:
    """A one-field worksheet as the handout template gets it."""
    form = '<form><h2 class="bb-worksheet__title">Debrief</h2><input type="text" name="a"></form>'
    return handouts.Sheet("debrief", "Debrief", form, "https://careers.test-college.edu/worksheets/debrief/")


def test_a_centers_handout_names_it_on_every_page_on_its_paper():
    brand = brand_of(CENTER, LOGO, ui_strings("en"))
    markup = handouts.render_handout(
        [sheet()], course="Bounce Back", mode="blank", paper="letter", brand=brand
    )
    assert "size: letter;" in markup
    assert '@top-left { content: "Riverside University Careers · Bounce Back"; }' in markup
    assert re.search(
        r'@bottom-left \{ content: "Riverside University Careers · Book an appointment: '
        r'https://riverside\.example/careers/book[^"]*" "\\A" string\(sheet-address\); \}',
        markup,
    )
    assert "--bb-brand: #1d4f91;" in markup
    assert 'class="bb-masthead__logo" src="data:image/svg+xml;base64,' in markup


def test_the_workbook_cover_lists_every_contact():
    brand = brand_of(CENTER, LOGO, ui_strings("en"))
    markup = handouts.render_handout(
        [sheet()], course="Bounce Back", mode="blank", title="Workbook", cover=True, brand=brand
    )
    cover = markup[markup.index('<section class="bb-cover">') : markup.index("</section>")]
    assert "Talk to us: Riverside University Careers" in cover
    for text in ("https://riverside.example/careers/book", "careers@riverside.example", "Student Centre"):
        assert f"<dd>{text}</dd>" in cover
    body = markup.split("</style>")[1]
    assert "bb-masthead" not in body, "a workbook's pages carry the name in the header only"


def test_without_a_center_a_handout_looks_as_before():
    markup = handouts.render_handout([sheet()], course="Bounce Back", mode="blank")
    assert "size: A4;" in markup and '@top-left { content: "Bounce Back"; }' in markup
    assert "@bottom-left" not in markup.split("</style>")[0].split("@page {\n  size")[1]
    assert f"--bb-brand: {DEFAULT_COLOUR};" in markup
    body = markup.split("</style>")[1]
    assert "bb-masthead" not in body and "bb-contacts" not in body


# The links: the default size named, the other beside it ------------------------------------------


def published(*uris: str) -> dict[str, Path]:
    """A stand-in for the published PDFs."""
    return {uri: Path("x.pdf") for uri in uris}


def test_a_worksheet_page_offers_both_sizes():
    files = published(
        *(pdf_uri("debrief", kind, folder) for kind in ("blank", "fillable") for folder in ("", "a4")),
        pdf_uri("", "workbook"),
        pdf_uri("", "workbook", "a4"),
    )
    text = render_downloads("debrief", files, "worksheets/debrief.md", ui_strings("en"), ("letter", "a4"))
    assert (
        "[Blank handout (PDF), to fill in by hand](pdf/debrief.pdf) (US Letter) · [A4](pdf/a4/debrief.pdf)"
        in text
    )
    assert "(pdf/debrief-fillable.pdf) (US Letter) · [A4](pdf/a4/debrief-fillable.pdf)" in text
    assert "(pdf/workbook.pdf) (US Letter) · [A4](pdf/a4/workbook.pdf)" in text
    index = render_index_downloads(
        {"debrief": "Debrief"}, files, "worksheets/index.md", ui_strings("en"), ("letter", "a4")
    )
    assert "Every handout comes on US Letter paper and on A4 paper." in index
    assert "A4: [Blank PDF](pdf/a4/debrief.pdf) · [Fillable PDF](pdf/a4/debrief-fillable.pdf)" in index


def test_a_worksheet_title_in_the_links_is_escaped_text_on_one_line():
    from coursemodel.sanitise import SanitiseExtension
    from coursemodel.text import make_markdown

    title = 'Debrief <img src=x onerror="alert(1)"> [x](javascript:alert(1))\n\n# Not a heading | pipe'
    files = published(pdf_uri("debrief", "blank"), pdf_uri("debrief", "fillable"))
    index = render_index_downloads({"debrief": title}, files, "worksheets/index.md", ui_strings("en"))
    line = next(row for row in index.splitlines() if row.startswith("- Debrief"))
    assert "[Blank PDF](pdf/debrief.pdf)" in line, "the title stays on its own list line"
    assert "&lt;img" in line and "\\| pipe" in line
    md = make_markdown()
    SanitiseExtension().extendMarkdown(md)
    page = md.convert(index)
    assert "javascript" not in page and "<img" not in page and "<h1" not in page


# A hostile center: its name and contacts cannot leave the handout's stylesheet ------------------

HOSTILE = '</style><a rel="attachment" href="file:///etc/passwd">x</a><style>'


def tiny_course(tmp: Path, organisation: str) -> Path:
    """A one-worksheet course with the PDF hook and a center named `organisation`."""
    (tmp / "docs").mkdir(parents=True)
    (tmp / "worksheets").mkdir()
    (tmp / "docs" / "sources.yml").write_bytes((ROOT / "docs" / "sources.yml").read_bytes())
    (tmp / "worksheets" / "tiny.yml").write_text(
        "title: Tiny\nprivate: true\nsections:\n  - title: One\n    fields:\n"
        "      - id: note\n        type: text\n        label: A note\n",
        encoding="utf-8",
    )
    (tmp / "docs" / "index.md").write_text("# Start\n\n<!-- worksheet: tiny -->\n", encoding="utf-8")
    quoted = json.dumps(organisation)
    (tmp / "mkdocs.yml").write_text(
        "site_name: Tiny\nsite_url: https://careers.test-college.edu/\n"
        "theme:\n  name: material\nplugins:\n  - bounce-back\n"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - pymdownx.details\n"
        f"extra:\n  course:\n    organisation: {quoted}\n    contacts:\n"
        f"      email: {quoted}\n      phone: {quoted}\n      booking_url: https://careers.test-college.edu/book\n",
        encoding="utf-8",
    )
    return tmp / "mkdocs.yml"


@pytest.mark.parametrize(
    "organisation", [HOSTILE, "Careers\n</STYLE >\r\n<a rel=attachment>", 'A "quote" \\ & <']
)
def test_a_centers_name_and_contacts_cannot_end_the_handouts_stylesheet(tmp_path, monkeypatch, organisation):
    rendered: list[str] = []

    def keep(markup: str, *, fillable: bool, **_reading) -> bytes:
        """Stand in for WeasyPrint: keep the handout HTML, return no real PDF."""
        rendered.append(markup)
        return b"%PDF-1.7 stub"

    monkeypatch.setattr(handouts, "render_pdf", keep)
    monkeypatch.setenv("COURSE_PDF", "true")
    monkeypatch.setenv("COURSE_PDF_CACHE", str(tmp_path / "cache"))
    build_site(tiny_course(tmp_path / "course", organisation), tmp_path / "site")
    assert len(rendered) >= 4, "blank, fillable and workbook on two paper sizes"
    for markup in rendered:
        assert markup.lower().count("</style") == 1, "only the template's own end of the stylesheet"
        assert 'rel="attachment"' not in markup
        assert not re.search(r"<a\b[^>]*\brel\s*=", markup, re.I), "no attachment link anywhere"
        page = markup[markup.index(":root { --bb-brand") : markup.lower().index("</style")]
        contents = re.findall(r"@(?:top|bottom)-left \{ content: (.*); \}\n", page)
        assert len(contents) == 2, "both margin boxes are still whole rules inside the stylesheet"
        for content in contents:
            assert not re.search(r"[<>&\r\n]", content) and "\\3c " in content


def test_an_escaped_css_string_reads_back_as_the_text():
    tinycss2 = pytest.importorskip("tinycss2")
    text = 'Riverside · Café "Careers" \\ </style> & \x07 ünïcode 日本 St Mary\'s'
    quoted = handouts._css_string(text)
    assert not re.search(r"[<>&\x00-\x1f]", quoted)
    tokens = [t for t in tinycss2.parse_component_value_list(quoted) if t.type != "whitespace"]
    assert [t.type for t in tokens] == ["string"] and tokens[0].value == text
    assert handouts._css_string("two\r\nlines") == '"two lines"'


# Where the site address is written ---------------------------------------------------------------


def center_without_site_url(folder: Path) -> Path:
    """The example center's config with its `site_url` line left out, so it INHERITs the course's."""
    text = (ROOT / "examples" / "career-center" / "mkdocs.yml").read_text("utf-8")
    text = "".join(row for row in text.splitlines(True) if not row.startswith("site_url:"))
    folder.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(text.replace("../../", f"{ROOT}/"), encoding="utf-8")
    return folder / "mkdocs.yml"


def course_line_of(key: str) -> int:
    """The line of a top-level key in the course's own mkdocs.yml."""
    rows = (ROOT / "mkdocs.yml").read_text("utf-8").splitlines()
    return next(n for n, row in enumerate(rows, 1) if row.startswith(f"{key}:"))


@pytest.mark.expect_warnings
def test_an_inherited_site_url_is_named_where_the_course_writes_it(tmp_path, monkeypatch, caplog):
    from coursemodel.options import BuildOptions
    from coursemodel.state import Build, attach
    from coursemodel.steps import pdfs
    from mkdocs.config import load_config

    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("OFFLINE", raising=False)
    config = load_config(str(center_without_site_url(tmp_path / "center")))
    attach(config, Build(options=BuildOptions(command="build")))
    assert config.site_url == "http://127.0.0.1:8000/"
    with caplog.at_level(logging.WARNING):
        pdfs.check_site_url(config)
    said = [r.getMessage().removeprefix("pdfs: ") for r in caplog.records if "site_url" in r.getMessage()]
    line = course_line_of("site_url")
    assert len(said) == 1 and said[0].startswith(
        f"mkdocs.yml:{line}: site_url 'http://127.0.0.1:8000/' is this computer's own address"
    ), said


def test_a_key_is_placed_in_the_centers_own_file_when_written_there_else_up_the_inherit_chain(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(ROOT)
    center = center_without_site_url(tmp_path / "center")
    config = SimpleNamespace(config_file_path=str(center))
    assert config_place(config, "site_url") == ("mkdocs.yml", course_line_of("site_url"))
    rows = center.read_text("utf-8").splitlines()
    own = next(n for n, row in enumerate(rows, 1) if row.startswith("site_name:"))
    assert config_place(config, "site_name") == (str(center), own)
    # A child of the center: the chain is followed file by file, each INHERIT relative to its file.
    (tmp_path / "center" / "staff.yml").write_text("INHERIT: 'mkdocs.yml'  # the center\n", encoding="utf-8")
    staff = SimpleNamespace(config_file_path=str(tmp_path / "center" / "staff.yml"))
    assert config_place(staff, "site_name") == (str(center), own)
    assert config_place(staff, "site_url") == ("mkdocs.yml", course_line_of("site_url"))
    assert config_place(staff, "no_such_key") == (str(tmp_path / "center" / "staff.yml"), 1)
