"""Printing keeps its running header when the site is served with its own Content-Security-Policy."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from tests.browser.test_csp import LISTEN, SETTLED, csp_site  # noqa: F401 (the fixture)
from tests.conftest import ROOT, read_modules_whole

SCRIPTS = ROOT / "hooks" / "coursemodel" / "assets"
WORKSHEET = "worksheets/interview-debrief/"

HEADER = """() => {
  const html = document.documentElement;
  const style = getComputedStyle(html);
  return {
    course: style.getPropertyValue("--bb-print-course").trim(),
    title: style.getPropertyValue("--bb-print-title").trim(),
    address: style.getPropertyValue("--bb-print-address").trim(),
    marginBoxes: html.classList.contains("bb-print-margin-boxes"),
    printing: html.classList.contains("bb-printing"),
    styleElements: document.querySelectorAll("style#bb-print-page, head style:not([data-md])").length,
  };
}"""


def test_print_js_injects_no_style_element():
    """The running header's rules are in print.css; print.js only names its words."""
    source = (SCRIPTS / "print.js").read_text(encoding="utf-8")
    assert 'createElement("style")' not in source and "@top-left" not in source
    css = (SCRIPTS / "print.css").read_text(encoding="utf-8")
    for box, name in (("top-left", "course"), ("top-right", "title"), ("bottom-left", "address")):
        assert re.search(rf"@{box} \{{\s*content: var\(--bb-print-{name}, none\);", css)


def test_printing_under_the_policy_keeps_the_running_header(csp_site, browser):  # noqa: F811
    _site, url, headers = csp_site
    assert "style-src 'self'" in headers["Content-Security-Policy"]
    context = browser.new_context()
    read_modules_whole(context)
    context.add_init_script(LISTEN)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url + WORKSHEET)
    page.wait_for_function("() => !!(window.BounceBack && window.BounceBack.print)")
    page.fill("#interview-debrief--company", "Northwind")

    page.emulate_media(media="print")
    page.wait_for_function("() => document.documentElement.classList.contains('bb-printing')")
    header = page.evaluate(HEADER)
    assert header == {
        "course": '"Bounce Back"',
        "title": '"Interview debrief"',
        "address": f'"{url}{WORKSHEET}"',
        "marginBoxes": True,
        "printing": True,
        "styleElements": 0,
    }
    # The margin boxes really carry the words: the PDF's first page has the course, title and address.
    first = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages[0].extract_text()
    lines = [line.strip() for line in first.splitlines()]
    assert "Bounce Back" in " ".join(lines[:3]) and "Interview debrief" in " ".join(lines[:3])
    assert url + WORKSHEET in first
    assert re.search(r"\b1 / \d", first)

    page.emulate_media(media="screen")
    page.wait_for_function("() => !document.documentElement.classList.contains('bb-printing')")
    assert page.evaluate(SETTLED) == [] and not errors
    context.close()
