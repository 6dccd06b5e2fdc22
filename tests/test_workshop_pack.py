"""Workshop packs as a facilitator prints them, read with poppler and a QR decoder.

A center's copy (its name, phone, services and logo, US Letter, Module 7 hidden) is built
once with its PDFs. Each workshop plan gets one pack on Letter and one on A4: the handouts
the plan uses, in session order, then a contacts slip whose QR code reads back as the
course's address. The plan pages link their pack; the plans' slides open and close with the
address and its QR code.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from coursemodel.pack import qr_data_uri, qr_svg

from tests.conftest import ROOT, build_site
from tests.variants import write_variant

SITE_URL = "https://careers.example.edu/bounce-back/"
ORGANISATION = "Example University Careers"
PHONE = "+1 555 0100"
SERVICE = "Counselling service"
HIDDEN = "07-grow-and-go"
PLANS = ("workshop-60", "workshop-90", "two-sessions")
LETTER, A4 = "612 x 792 pts", "595.276 x 841.89 pts"


def poppler(*args: str) -> str:
    """Run a poppler tool and return what it printed."""
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pages_of(pdf: Path) -> list[str]:
    """Return the text of each page of `pdf`, as pdftotext reads it."""
    count = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", str(pdf))).group(1))
    return [poppler("pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-") for n in range(1, count + 1)]


@pytest.fixture(scope="module")
def center(tmp_path_factory: pytest.TempPathFactory):
    """Build a center's copy with its PDFs; return (site folder, the course model)."""
    folder = tmp_path_factory.mktemp("workshop-pack")
    (folder / "logo.svg").write_bytes((ROOT / "examples" / "career-center" / "logo.svg").read_bytes())
    settings = {
        "site_url": SITE_URL,
        "extra": {
            "course": {
                "organisation": ORGANISATION,
                "logo": "logo.svg",
                "paper": "letter",
                "contacts": {"phone": PHONE, "email": "careers@example.edu"},
                "services": [{"name": SERVICE, "phone": "+1 555 0123", "hours": "Tuesdays"}],
                "modules": {"hide": [HIDDEN]},
            }
        },
    }
    config_file = write_variant(folder, settings)
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("COURSE_PDF", "true")
    monkeypatch.setenv("COURSE_PDF_CACHE", str(folder / "cache"))
    try:
        warnings = build_site(config_file, folder / "site")
    finally:
        monkeypatch.undo()
    # The hidden module's own worksheets and links are reported; nothing else may be.
    assert [
        w for w in warnings if HIDDEN not in w and "contacts-tracker" not in w and "practice" not in w
    ] == []
    return folder / "site"


def titles() -> dict[str, str]:
    """Return every worksheet's title by id, from the worksheet files."""
    import yaml

    return {
        path.stem: yaml.safe_load(path.read_text("utf-8"))["title"]
        for path in (ROOT / "worksheets").glob("*.yml")
    }


def expected(plan: str) -> list[str]:
    """Return the worksheets the flagship's plan hands out, in order, without the hidden module's."""
    from coursemodel.errors import split_front_matter
    from coursemodel.workshop import pack_worksheets, parse_plan

    ids = set(titles())
    front, _body = split_front_matter((ROOT / "docs" / "facilitators" / f"{plan}.md").read_text("utf-8"))
    shown = ids - {"skills-plan"}
    return pack_worksheets(parse_plan(front, plan, f"facilitators/{plan}.md", plan, ids), shown)


@pytest.mark.parametrize("plan", PLANS)
def test_each_plan_has_one_pack_per_paper_with_its_handouts_in_session_order(center: Path, plan: str):
    default = center / "facilitators" / "pack" / f"{plan}.pdf"
    other = center / "facilitators" / "pack" / "a4" / f"{plan}.pdf"
    assert LETTER in poppler("pdfinfo", str(default)) and A4 in poppler("pdfinfo", str(other))
    names = titles()
    want = [names[ws_id] for ws_id in expected(plan)]
    assert len(want) >= 6 and names["workshop-evaluation"] in want
    order: list[str] = []
    pages = pages_of(default)
    for text in pages[:-1]:
        lines = [line.strip() for line in text.splitlines()]
        order += [title for title in names.values() if title in lines and title not in order]
    assert order == want, "the handouts, each once, in the order the plan uses them"
    assert names["skills-plan"] not in order, "a hidden module's handout is not in the pack"
    if plan != "workshop-60":
        assert names["practice"] in order


def test_the_slip_names_the_center_and_its_qr_code_opens_the_course(center: Path, tmp_path: Path):
    pack = center / "facilitators" / "pack" / "workshop-60.pdf"
    slip = re.sub(r"\s+", " ", pages_of(pack)[-1])
    for text in (ORGANISATION, PHONE, SERVICE, "+1 555 0123", SITE_URL, "988"):
        assert text in slip, text
    count = len(pages_of(pack))
    poppler(
        "pdftoppm", "-png", "-r", "150", "-f", str(count), "-l", str(count), str(pack), str(tmp_path / "slip")
    )
    image = next(tmp_path.glob("slip*.png"))
    if shutil.which("zbarimg"):
        read = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True)
        assert read.stdout.strip() == SITE_URL, read.stdout + read.stderr
    else:  # No decoder here: the slip's code is segno's code of the address (bin/test installs zbarimg).
        from coursemodel.pack import render_slip, slip_of

        html = render_slip(slip_of({"strings": {}}, "x", SITE_URL), {})
        assert qr_data_uri(SITE_URL) in html


def test_the_plan_pages_link_their_pack_on_both_papers_and_their_slides(center: Path):
    for plan in PLANS:
        page = (center / "facilitators" / plan / "index.html").read_text("utf-8")
        assert f'href="../pack/{plan}.pdf"' in page and f'href="../pack/a4/{plan}.pdf"' in page
        assert f'href="../{plan}-slides/"' in page


@pytest.mark.parametrize("deck", ["slides", "workshop-60-slides"])
def test_the_slides_open_and_close_with_the_address_its_qr_code_and_the_logo(center: Path, deck: str):
    page = (center / "facilitators" / deck / "index.html").read_text("utf-8")
    slides = re.findall(r'<section class="bb-slide[^"]*".*?</section>', page, re.S)
    assert len(slides) > 6
    for slide in (slides[0], slides[-1]):
        assert SITE_URL in slide and 'src="../course-address-qr.svg"' in slide
    assert 'src="../../assets/brand/logo.svg"' in slides[0]
    svg = (center / "facilitators" / "course-address-qr.svg").read_text("utf-8")
    assert svg.replace(' xmlns="http://www.w3.org/2000/svg"', "") == qr_svg(SITE_URL)
