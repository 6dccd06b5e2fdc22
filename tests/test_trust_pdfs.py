"""The handouts' renderer reads only the course's own files: no network, no other file of the machine.

WeasyPrint is given a URL fetcher (`coursemodel.trust.local_fetcher`): a
worksheet image, or an SVG logo's inner `<image>`, that points at the network
or outside docs/ and worksheets/ stops the build at the worksheet's file and
line, and nothing is fetched.
"""

from __future__ import annotations

import base64
import http.server
import io
import threading
from pathlib import Path

import pytest
from coursemodel import handouts
from pypdf import PdfReader

from tests.conftest import PDF_PLUGIN, ROOT, BuildFailed, build_site

# A 1×1 PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


class Counting(http.server.BaseHTTPRequestHandler):
    """A server that counts every request it gets and answers with the pixel."""

    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        """Count the request and answer with an image."""
        Counting.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PIXEL)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        """Say nothing."""


@pytest.fixture
def server():
    """A counting server on 127.0.0.1; yields its address."""
    Counting.hits = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def page(body: str) -> str:
    """A minimal handout page around `body`."""
    return f"<!doctype html><html><body><p>Sheet</p>{body}</body></html>"


def reading(tmp_path: Path) -> handouts.Reading:
    """Reading rules for a course in `tmp_path`: docs/ and worksheets/ only."""
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True, exist_ok=True)
    (tmp_path / "worksheets").mkdir(exist_ok=True)
    return handouts.Reading(
        roots=(str(docs), str(tmp_path / "worksheets")),
        base_url=(docs / "worksheets" / "page").as_uri() + "/",
        root=str(tmp_path),
    )


def test_an_image_from_the_network_is_refused_and_never_requested(tmp_path, server):
    with pytest.raises(handouts.RefusedRead, match="on the network"):
        handouts.render_pdf(
            page(f'<img src="{server}/pixel.png">'), fillable=False, reading=reading(tmp_path)
        )
    assert Counting.hits == []


@pytest.mark.parametrize(
    "src", ["file:///etc/hostname", "../../../secret.png", "../../../../../../../../etc/hostname"]
)
def test_a_file_outside_the_course_is_refused(tmp_path, src):
    (tmp_path / "secret.png").write_bytes(PIXEL)
    with pytest.raises(handouts.RefusedRead, match="outside the course"):
        handouts.render_pdf(page(f'<img src="{src}">'), fillable=False, reading=reading(tmp_path))


@pytest.mark.expect_warnings  # WeasyPrint logs the SVG it could not draw
def test_an_svg_logo_cannot_reach_a_file_or_server_through_its_inner_image(tmp_path, server):
    for target in ("file:///etc/hostname", f"{server}/inner.png"):
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
            f'<image href="{target}" width="20" height="20"/></svg>'
        )
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
        with pytest.raises(handouts.RefusedRead):
            handouts.render_pdf(page(f'<img src="{uri}">'), fillable=False, reading=reading(tmp_path))
    assert Counting.hits == []


def test_an_image_inside_docs_is_printed(tmp_path):
    rules = reading(tmp_path)
    (tmp_path / "docs" / "assets" / "dot.png").write_bytes(PIXEL)
    data = handouts.render_pdf(page('<img src="../../assets/dot.png">'), fillable=False, reading=rules)
    reader = PdfReader(io.BytesIO(data))
    assert reader.pages[0].images, "the course's own image is in the PDF"


def test_the_default_reads_nothing_but_data(tmp_path):
    with pytest.raises(handouts.RefusedRead):
        handouts.render_pdf(page(f'<img src="{(ROOT / "README.md").as_uri()}">'), fillable=False)


def course_with_image(tmp: Path, image: str) -> Path:
    """A one-worksheet course whose field label shows `image` (Markdown), built with PDFs."""
    (tmp / "docs" / "assets").mkdir(parents=True)
    (tmp / "worksheets").mkdir()
    (tmp / "docs" / "sources.yml").write_bytes((ROOT / "docs" / "sources.yml").read_bytes())
    (tmp / "docs" / "assets" / "dot.png").write_bytes(PIXEL)
    (tmp / "worksheets" / "tiny.yml").write_text(
        "title: Tiny\nprivate: true\nsections:\n  - title: One\n    fields:\n"
        "      - id: note\n        type: text\n"
        f'        label: "A note ![picture]({image})"\n',
        encoding="utf-8",
    )
    (tmp / "docs" / "index.md").write_text("# Start\n\n<!-- worksheet: tiny -->\n", encoding="utf-8")
    (tmp / "mkdocs.yml").write_text(
        "site_name: Tiny\nsite_url: https://careers.test-college.edu/\n"
        f"theme:\n  name: material\n{PDF_PLUGIN}"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - pymdownx.details\n",
        encoding="utf-8",
    )
    return tmp / "mkdocs.yml"


@pytest.mark.parametrize("image", ["../../../../../../../../etc/hostname", "NETWORK/tracker.png"])
@pytest.mark.expect_warnings
def test_a_worksheet_image_outside_the_course_stops_the_build_at_its_line(
    tmp_path, monkeypatch, server, image
):
    image = image.replace("NETWORK", server)
    monkeypatch.setenv("COURSE_PDF", "true")
    monkeypatch.setenv("COURSE_PDF_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    config = course_with_image(tmp_path / "course", image)
    with pytest.raises(BuildFailed) as stopped:
        build_site(config, tmp_path / "site")
    assert str(stopped.value).startswith("worksheets/tiny.yml:8: worksheet image "), stopped.value
    assert "docs/ or worksheets/" in str(stopped.value)
    assert Counting.hits == []
    assert not list((tmp_path / "cache").glob("*.pdf")), "nothing was rendered"
