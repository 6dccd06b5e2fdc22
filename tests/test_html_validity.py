"""Every built page passes the Nu HTML Checker (vnu), apart from a few explained Material quirks.

vnu comes from npm (`vnu-jar`, installed by bin/test) and runs on the system
Java. One run checks the whole build plus one deliberately broken page, which
proves the checker really reports errors.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (message pattern, extract pattern, why it is acceptable). Both patterns must match.
ALLOWED = [
    (
        r"^Bad value “” for attribute “tabindex” on element “label”",
        r'class="md-nav__link"',
        'Material\'s nav-item.html writes tabindex="" on section labels when the section is not '
        "collapsible; browsers ignore an empty tabindex, so focus order is unchanged.",
    ),
    (
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r"data-md-toggle=",
        "Material's drawer and search toggles are checkboxes with autocomplete=off so Firefox does "
        "not restore them open after Back; harmless, and the attribute is what makes it work.",
    ),
    (
        r"^Trailing slash on void elements has no effect",
        r"<(hr|br|img)\b[^>]*/>",
        "Python-Markdown writes XHTML-style void elements (<hr />); an info message, not an error.",
    ),
]


def run_vnu(*paths: Path) -> list[dict]:
    """Run the Nu HTML Checker on `paths`; return its messages."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: apt-get install default-jre-headless (bin/test does this)")
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `npm install` (bin/test does this)")
    done = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--skip-non-html", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    return json.loads(done.stderr)["messages"]


def allowed(message: dict) -> bool:
    """Return True when an allow-list entry explains this message."""
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(re.search(m, text) and re.search(e, extract) for m, e, _ in ALLOWED)


def describe(message: dict) -> str:
    """Format one vnu message as `file:line: type: message | extract`."""
    where = message.get("url", "").split("/")[-3:]
    kind = message["type"] + (f"/{message['subType']}" if message.get("subType") else "")
    extract = " ".join(message.get("extract", "").split())[:120]
    return f"{'/'.join(where)}:{message.get('lastLine', '?')}: {kind}: {message['message']} | {extract}"


def test_every_page_is_valid_html(site, tmp_path):
    planted = tmp_path / "planted.html"
    planted.write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head>'
        "<body><p><div>block in p</p><span id=a></span><span id=a></span></body></html>",
        encoding="utf-8",
    )
    messages = run_vnu(site, planted)
    mine = [m for m in messages if m.get("url", "").endswith("planted.html")]
    assert any(m["type"] == "error" for m in mine), "vnu did not report the planted errors"

    pages = [m for m in messages if not m.get("url", "").endswith("planted.html")]
    assert len(list(site.rglob("*.html"))) > 10
    # Every message counts, info included, unless the allow-list above explains it.
    remaining = [describe(m) for m in pages if not allowed(m)]
    assert not remaining, f"{len(remaining)} unexplained vnu messages:\n" + "\n".join(remaining[:60])
