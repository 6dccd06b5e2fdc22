"""The workshop pack: one PDF per plan with its handouts, in session order, and a contacts slip.

A plan (`coursemodel.workshop.Plan`) names the worksheets it hands out; the
pack prints their blank handouts in that order (the handout template, as the
single PDFs), then a contacts slip: the center's name, contacts, services and
crisis lines as `extra.course` sets them, and the course's address as text and
as a QR code. QR codes are made here with segno, offline, as SVG. Plain data
in, HTML out: the workshop step renders and publishes it.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from .contacts import contact_rows
from .handouts import Sheet, render_handout
from .printing import Brand

TEMPLATES = Path(__file__).resolve().parent / "templates"
PACK_DIR = "pack/"


@dataclass
class Slip:
    """What the contacts slip prints; every part plain text, empty when the center set none."""

    course: str
    address: str = ""
    qr: str = ""  # the address as a QR code: an SVG `data:` URI
    organisation: str = ""
    contacts: list[tuple[str, str]] = field(default_factory=list)
    services: list[dict[str, str]] = field(default_factory=list)
    crisis: list[dict[str, str]] = field(default_factory=list)
    emergency: str = ""
    logo: str = ""  # the center's logo as a `data:` URI (printing.Brand.logo)


def qr_svg(text: str, *, scale: int = 4, title: str = "") -> str:
    """Return `text` as a QR code in SVG markup (segno, error correction M, the quiet zone kept)."""
    import segno

    code = segno.make(text, error="m", micro=False)
    return code.svg_inline(
        scale=scale, title=title or None, dark="#000", light="#fff", svgclass="bb-qr", omitsize=True
    )


def qr_data_uri(text: str, *, scale: int = 4) -> str:
    """Return `text` as a QR code SVG in a `data:` URI (for an `<img>` on paper)."""
    svg = qr_svg(text, scale=scale)
    if "xmlns=" not in svg:
        svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def slip_of(settings: dict[str, Any], course: str, address: str) -> Slip:
    """Return the slip's content from a validated `extra.course` and the course's public address."""
    strings = settings.get("strings") or {}
    services = [
        {k: str(service.get(k) or "") for k in ("name", "detail", "hours", "phone", "url")}
        for service in settings.get("services") or []
    ]
    crisis = [
        {k: str(line.get(k) or "") for k in ("name", "where", "how")}
        for line in settings.get("crisis_lines") or []
    ]
    return Slip(
        course=course,
        address=address,
        qr=qr_data_uri(address) if address else "",
        organisation=settings.get("organisation") or "",
        contacts=[(label, text) for _key, label, text in contact_rows(settings, strings or None)],
        services=services,
        crisis=crisis,
        emergency=emergency_text(settings, strings),
    )


def emergency_text(settings: dict[str, Any], strings: dict[str, str]) -> str:
    """Return the emergency sentence as plain text (the page's version escapes for Markdown)."""
    numbers = settings.get("emergency_numbers")
    if not strings:
        return ""
    if not numbers:
        return strings["page_crisis_emergency_local"]
    return strings["page_crisis_emergency"].replace("{numbers}", str(numbers))


def render_slip(slip: Slip, strings: dict[str, str]) -> str:
    """Return the contacts slip's HTML (autoescaped: the center's words are plain text)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
    return env.get_template("workshop_slip.html").render(slip=slip, s=strings)


def render_pack(
    sheets: list[Sheet],
    slip: Slip,
    *,
    strings: dict[str, str],
    course: str,
    title: str,
    lang: str,
    paper: str,
    brand: Brand | None,
) -> str:
    """Return the pack's HTML: the blank handouts in order, then the contacts slip on a page of its own."""
    markup = render_handout(
        sheets, course=course, mode="blank", lang=lang, paper=paper, title=title, brand=brand
    )
    # The slip goes where the handouts end: the handout template stays the one template for paper.
    head, tail = markup.rsplit("</body>", 1)
    return head + render_slip(slip, strings) + "\n</body>" + tail


def pack_uri(plan_uri: str, slug: str, paper_dir: str = "") -> str:
    """Return the site path of a plan's pack: beside its page, `pack/<size>/` for the other paper."""
    folder = plan_uri.rsplit("/", 1)[0] + "/" if "/" in plan_uri else ""
    return f"{folder}{PACK_DIR}{paper_dir + '/' if paper_dir else ''}{slug}.pdf"
