"""What a center puts on paper: paper sizes, its name, logo, contacts and colour, the site address.

`settings.py` validates `extra.course.paper`; the pdfs hook turns the rest of
`extra.course` into a `Brand` for the handout template and asks whether the
site's address may be printed (`site_url_problem`). Plain data in, plain data
out: nothing here reads the course files.
"""

from __future__ import annotations

import base64
import ipaddress
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .contacts import contact_rows
from .errors import AuthorError
from .text import ui_strings

# `extra.course.paper` → the CSS page size WeasyPrint is given.
PAPERS = {"a4": "A4", "letter": "letter"}
DEFAULT_PAPER = "a4"
# The handouts' own teal, used when the center sets no primary colour.
DEFAULT_COLOUR = "#00695c"
# Hosts no learner can reach: this computer (MkDocs' own preview address and its kin). Example
# domains are not refused: a center trying the course at one must still get a strict build.
PLACEHOLDER_HOSTS = {"localhost", "0.0.0.0"}


def check_paper(value: Any, shown: str, line: int) -> str:
    """Return `extra.course.paper` as `a4` or `letter`, or stop at its line with what is allowed."""
    name = str(value).strip().lower() if value is not None else DEFAULT_PAPER
    if name not in PAPERS:
        raise AuthorError(
            shown,
            line,
            f"extra.course.paper: {value!r} is not a paper size",
            "allowed: a4 (210 × 297 mm) or letter (US Letter, 8.5 × 11 in)",
        )
    return name


def other_paper(paper: str) -> str:
    """Return the paper size that is not `paper` (both are always offered)."""
    return "letter" if paper == "a4" else "a4"


def site_url_problem(site_url: str | None) -> str:
    """Say why `site_url` is no address to give learners, or return "" when it is one.

    The one rule for the handouts' footer and the workshop slides: missing,
    empty, localhost (and `*.localhost`), a loopback (127.x, ::1) or the
    unspecified address (0.0.0.0) are the preview's addresses, which a learner
    holding the paper could not open. Any other address, example domains
    included, is taken as the center means it.
    """
    text = (site_url or "").strip()
    if not text:
        return "site_url is not set"
    host = (urlsplit(text if "//" in text else f"//{text}").hostname or "").lower().rstrip(".")
    if not host:
        return f"site_url {text!r} names no host"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None and (address.is_loopback or address.is_unspecified):
        return f"site_url {text!r} is this computer's own address"
    if host in PLACEHOLDER_HOSTS or host.endswith(".localhost"):
        return f"site_url {text!r} is a placeholder"
    return ""


@dataclass
class Brand:
    """The center as the handouts show it; every part empty when no center is configured."""

    organisation: str = ""
    logo: str = ""  # a data: URI, so the PDF cache key changes when the image does
    colour: str = DEFAULT_COLOUR
    # (label, text) pairs in the order a learner needs them; the booking address is printed in full.
    contacts: list[tuple[str, str]] = field(default_factory=list)
    contacts_title: str = ""
    # One line under every page: the name, then how to book, write or call (the first three rows).
    footer: str = ""


def brand_of(course: dict[str, Any], logo: Path | None, strings: dict[str, str]) -> Brand:
    """Make the `Brand` of a validated `extra.course` (`logo` is the center's image file, if any)."""
    strings = strings or ui_strings("en")
    contacts = contact_rows(course, strings)
    organisation = course.get("organisation") or ""
    footer = [organisation] if organisation else []
    footer += [
        f"{label}: {text}" for key, label, text in contacts if key in ("booking_url", "email", "phone")
    ]
    return Brand(
        organisation=organisation,
        logo=data_uri(logo) if logo else "",
        colour=(course.get("colours") or {}).get("primary") or DEFAULT_COLOUR,
        contacts=[(label, text) for _key, label, text in contacts],
        contacts_title=strings["page_talk_to_us"],
        footer=" · ".join(footer),
    )


def data_uri(path: Path) -> str:
    """Return an image file as a `data:` URI (an SVG keeps its text, others are base64)."""
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix.lower() == ".svg":
        kind = "image/svg+xml"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
