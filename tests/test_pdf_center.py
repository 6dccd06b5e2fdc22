"""A career center's handouts, read as a learner's tools read them: poppler's pdftotext, pdfinfo, pdftoppm.

The example center (`examples/career-center/mkdocs.yml`: Riverside, `paper: letter`) is built
once with its PDFs; its name, contacts and site address must be in the PDFs' text, on US Letter
by default and on A4 beside it. A deploy build with a placeholder `site_url` warns, and a radio
choice in a filled-in fillable PDF shows when poppler draws the page.
"""

from __future__ import annotations

import io
import logging
import re
import subprocess
from pathlib import Path

import pytest
from coursemodel import handouts
from coursemodel.plugin import BounceBackPlugin
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from tests.conftest import PDF_PLUGIN, ROOT, BuildFailed, build_site

CENTER = ROOT / "examples" / "career-center" / "mkdocs.yml"
ORGANISATION = "Riverside University Careers"
BOOKING = "https://riverside.example/careers/book"
SITE_URL = "https://careers.riverside.example/bounce-back/"
LETTER, A4 = "612 x 792 pts", "595.276 x 841.89 pts"


def poppler(*args: str) -> str:
    """Run a poppler tool and return what it printed."""
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def text_of(pdf: Path) -> str:
    """The PDF's text as pdftotext reads it, spaces made single."""
    return re.sub(r"\s+", " ", poppler("pdftotext", "-layout", str(pdf), "-"))


@pytest.fixture(scope="module")
def center_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the example center with its handouts, as `bin/build -f examples/career-center/mkdocs.yml`."""
    monkeypatch = pytest.MonkeyPatch()
    tmp = tmp_path_factory.mktemp("center")
    monkeypatch.setenv("COURSE_PDF", "true")
    monkeypatch.setenv("COURSE_PDF_CACHE", str(tmp / "cache"))
    try:
        assert build_site(CENTER, tmp / "site") == []
    finally:
        monkeypatch.undo()
    return tmp / "site"


def test_every_pdf_carries_the_organisation_and_how_to_book(center_site):
    pdfs = sorted((center_site / "worksheets" / "pdf").rglob("*.pdf"))
    assert len(pdfs) > 20
    for pdf in pdfs:
        text = text_of(pdf)
        assert ORGANISATION in text, pdf
        assert f"Book an appointment: {BOOKING}" in text, pdf
    debrief = text_of(center_site / "worksheets" / "pdf" / "interview-debrief.pdf")
    assert f"{SITE_URL}worksheets/interview-debrief/" in debrief, "the footer names the worksheet's address"
    assert "127.0.0.1" not in debrief


def test_the_default_is_the_centers_letter_and_a4_is_offered_beside_it(center_site):
    pdf_dir = center_site / "worksheets" / "pdf"
    for name in ("interview-debrief.pdf", "interview-debrief-fillable.pdf", "workbook.pdf"):
        assert f"Page size: {LETTER} (letter)" in re.sub(r"\s+", " ", poppler("pdfinfo", str(pdf_dir / name)))
        assert f"Page size: {A4} (A4)" in re.sub(r"\s+", " ", poppler("pdfinfo", str(pdf_dir / "a4" / name)))
    page = (center_site / "worksheets" / "interview-debrief" / "index.html").read_text(encoding="utf-8")
    assert 'href="../pdf/interview-debrief.pdf"' in page and 'href="../pdf/a4/interview-debrief.pdf"' in page
    assert "(US Letter)" in page


def test_the_workbook_cover_lists_the_contacts_in_full(center_site):
    cover = text_of_page(center_site / "worksheets" / "pdf" / "workbook.pdf", 1)
    for text in (
        ORGANISATION,
        BOOKING,
        "careers@riverside.example",
        "+1 555 0100",
        "Student Centre, 2nd floor",
    ):
        assert text in cover, text


def text_of_page(pdf: Path, number: int) -> str:
    """One page's text."""
    return re.sub(r"\s+", " ", poppler("pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"))


# Radio buttons through poppler --------------------------------------------------------------------


def first_radio_group(reader: PdfReader) -> tuple[str, int, list]:
    """Return (name, page index, widgets) of the first radio group with at least three buttons."""
    for number, page in enumerate(reader.pages):
        groups: dict[str, list] = {}
        for ref in page.get("/Annots", []):
            widget = ref.get_object()
            parent = widget.get("/Parent")
            if parent is not None and int(parent.get_object().get("/Ff", 0)) & (1 << 15):
                groups.setdefault(str(parent.get_object()["/T"]), []).append(widget)
        for name, widgets in groups.items():
            if len(widgets) >= 3:
                return name, number, widgets
    raise AssertionError("no radio group in this PDF")


def darkness(image: Image.Image, rect: list, page_height: float, scale: float) -> float:
    """How dark (0 white to 255 black) the middle of a widget is drawn, on average."""
    x1, y1, x2, y2 = (float(v) for v in rect)
    cx, cy = (x1 + x2) / 2 * scale, (page_height - (y1 + y2) / 2) * scale
    box = image.crop((int(cx - 2), int(cy - 2), int(cx + 3), int(cy + 3))).convert("L")
    values = box.tobytes()  # one byte per pixel in greyscale
    return 255 - sum(values) / len(values)


def drawn(pdf: bytes, page: int, tmp: Path, tag: str) -> Image.Image:
    """Render one page of a PDF with pdftoppm at 144 dpi."""
    source = tmp / f"{tag}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "144",
            "-f",
            str(page + 1),
            "-l",
            str(page + 1),
            "-singlefile",
            str(source),
            str(tmp / tag),
        ],
        check=True,
    )
    return Image.open(tmp / f"{tag}.png")


def test_a_chosen_radio_button_shows_in_poppler_after_filling(center_site, tmp_path):
    source = (center_site / "worksheets" / "pdf" / "interview-debrief-fillable.pdf").read_bytes()
    name, number, widgets = first_radio_group(PdfReader(io.BytesIO(source)))
    states = [next(key for key in w["/AP"]["/N"] if key != "/Off") for w in widgets]
    for widget in widgets:
        assert {"/Off", *[s for s in states if s in widget["/AP"]["/N"]]} == set(widget["/AP"]["/N"])
    chosen = states[1]

    # Filled by a script (pypdf, appearances not regenerated) and as a PDF reader saves it
    # (the group's value a name, each button's /AS, NeedAppearances as shipped).
    by_script = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    by_script.update_page_form_field_values(by_script.pages[number], {name: chosen}, auto_regenerate=False)
    by_reader = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    for ref in by_reader.pages[number]["/Annots"]:
        widget = ref.get_object()
        parent = widget.get("/Parent")
        if parent is None or str(parent.get_object().get("/T")) != name:
            continue
        parent.get_object()[NameObject("/V")] = NameObject(chosen)
        mine = chosen in widget["/AP"]["/N"]
        widget[NameObject("/AS")] = NameObject(chosen if mine else "/Off")
    assert by_reader.root_object["/AcroForm"].get("/NeedAppearances")

    height = float(PdfReader(io.BytesIO(source)).pages[number].mediabox.height)
    blank = drawn(source, number, tmp_path, "blank")
    for tag, writer in (("script", by_script), ("reader", by_reader)):
        out = io.BytesIO()
        writer.write(out)
        image = drawn(out.getvalue(), number, tmp_path, tag)
        for widget, state in zip(widgets, states, strict=True):
            dark = darkness(image, widget["/Rect"], height, 2)
            if state == chosen:
                assert dark > 100, f"{tag}: the chosen button {state} shows no dot ({dark:.0f})"
            else:
                assert dark < 40, f"{tag}: button {state} looks chosen ({dark:.0f})"
        assert darkness(blank, widgets[1]["/Rect"], height, 2) < 40, "nothing is chosen before filling"


def ink(image: Image.Image, rect: list, page_height: float, scale: float) -> float:
    """How much of the inner part of a widget is drawn dark (0 to 255 on average)."""
    x1, y1, x2, y2 = (float(v) * scale for v in rect)
    top, bottom = (page_height * scale - y for y in (max(y1, y2), min(y1, y2)))
    left, right = min(x1, x2), max(x1, x2)
    inset_x, inset_y = (right - left) * 0.2, (bottom - top) * 0.2
    box = image.crop((int(left + inset_x), int(top + inset_y), int(right - inset_x), int(bottom - inset_y)))
    values = box.convert("L").tobytes()
    return 255 - sum(values) / len(values)


def test_a_ticked_box_shows_in_poppler_when_the_filler_asks_readers_to_redraw(center_site, tmp_path):
    source = (center_site / "worksheets" / "pdf" / "about-you-fillable.pdf").read_bytes()
    reader = PdfReader(io.BytesIO(source))
    number, widget = next(
        (n, ref.get_object())
        for n, page in enumerate(reader.pages)
        for ref in page.get("/Annots", [])
        if ref.get_object().get("/FT") == "/Btn" and ref.get_object().get("/T") == "yes"
    )
    assert set(widget["/AP"]["/N"]) == {"/on", "/Off"}
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    # pypdf's default sets NeedAppearances, so poppler draws the tick itself from /MK and /DA.
    writer.update_page_form_field_values(writer.pages[number], {"many-nos.yes": "/on"})
    assert writer.root_object["/AcroForm"]["/NeedAppearances"]
    out = io.BytesIO()
    writer.write(out)
    height = float(reader.pages[number].mediabox.height)
    before = ink(drawn(source, number, tmp_path, "before"), widget["/Rect"], height, 2)
    after = ink(drawn(out.getvalue(), number, tmp_path, "after"), widget["/Rect"], height, 2)
    assert after > before + 25, f"the tick is too faint to see ({before:.0f} before, {after:.0f} after)"


# The site address ----------------------------------------------------------------------------------


TINY = """\
title: Tiny
private: true
sections:
  - title: One
    fields:
      - id: pick
        type: choice
        label: Pick one
        options: [Yes please, No thanks]
"""


def project(tmp: Path, site_url: str) -> Path:
    """A one-worksheet course with the PDF hook, at `site_url`; return its config file."""
    (tmp / "docs").mkdir(parents=True)
    (tmp / "worksheets").mkdir()
    (tmp / "docs" / "sources.yml").write_bytes((ROOT / "docs" / "sources.yml").read_bytes())
    (tmp / "worksheets" / "tiny.yml").write_text(TINY, encoding="utf-8")
    (tmp / "docs" / "index.md").write_text("# Start\n\n<!-- worksheet: tiny -->\n", encoding="utf-8")
    (tmp / "mkdocs.yml").write_text(
        f"site_name: Tiny\nsite_url: {site_url}\ntheme:\n  name: material\n{PDF_PLUGIN}"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - pymdownx.details\n",
        encoding="utf-8",
    )
    return tmp / "mkdocs.yml"


def stub_pdfs(monkeypatch) -> None:
    """Skip WeasyPrint: the address check does not need real PDFs."""
    monkeypatch.setattr(handouts, "render_pdf", lambda markup, fillable, **_reading: b"%PDF-1.7 stub")


@pytest.mark.expect_warnings
@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "http://localhost:8000/"])
def test_a_deploy_build_with_a_placeholder_site_url_warns_naming_the_config(
    tmp_path, monkeypatch, caplog, url
):
    config = project(tmp_path / "project", url)
    line = next(
        n for n, row in enumerate(config.read_text("utf-8").splitlines(), 1) if row.startswith("site_url:")
    )
    stub_pdfs(monkeypatch)
    monkeypatch.setenv("COURSE_PDF", "true")
    monkeypatch.setenv("COURSE_PDF_CACHE", str(tmp_path / "cache"))
    with caplog.at_level(logging.WARNING), pytest.raises(BuildFailed, match="strict mode"):
        build_site(config, tmp_path / "site")
    said = [r.getMessage() for r in caplog.records if "site_url" in r.getMessage()]
    assert len(said) == 1, said
    assert re.search(rf"{re.escape(str(config))}:{line}: site_url '{re.escape(url)}' is ", said[0]), said[0]
    assert "COURSE_PDF=false" in said[0]


def test_no_warning_without_pdfs_in_a_preview_or_in_an_offline_package(tmp_path, monkeypatch):
    config = project(tmp_path / "project", "http://127.0.0.1:8000/")
    stub_pdfs(monkeypatch)
    monkeypatch.setenv("COURSE_PDF_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("COURSE_PDF", "false")
    assert build_site(config, tmp_path / "off") == []
    monkeypatch.setenv("COURSE_PDF", "true")
    monkeypatch.setattr(BounceBackPlugin, "command", "serve")  # as `mkdocs serve` starts it
    assert build_site(config, tmp_path / "serve") == []
    monkeypatch.setattr(BounceBackPlugin, "command", "build")
    monkeypatch.setenv("OFFLINE", "true")
    assert build_site(config, tmp_path / "offline") == []
