"""The SCORM launch page and the offline README: rendered from a template, in the course's language."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

from coursemodel.text import ui_strings

from hooks.bundle import SCORM, render_launcher, render_readme


class Theme(dict):
    """A theme config: `get` like MkDocs' and no custom_dir."""

    dirs: list[str] = []


def config(language: str = "en", name: str = "Bounce Back") -> SimpleNamespace:
    """Return the parts of a loaded MkDocs config the launcher reads."""
    course = {"id": "bounce-back", "strings": ui_strings(language)}
    return SimpleNamespace(extra={"course": course}, theme=Theme(language=language), site_name=name)


BUNDLES = {"main.css": "assets/bounce-back/main.1.css", "main.js": "assets/bounce-back/main.2.js"}


def settings_of(page: str) -> dict:
    """Return the JSON settings the launcher hands to scorm.js."""
    found = re.search(r'<script type="application/json" id="bb-scorm-course">(.*?)</script>', page, re.S)
    assert found, page
    return json.loads(found.group(1))


def test_the_launcher_speaks_the_course_language_and_keeps_the_counts_as_slots():
    page = render_launcher(config("es"), ["modules/01.md"], BUNDLES, scorm=SCORM["scorm12"])
    assert '<html lang="es">' in page
    data = settings_of(page)
    assert data["scorm"] == "1.2" and data["limit"] == 4096 and data["modules"] == ["modules/01.md"]
    assert data["text"]["export"] == "Exportar mis respuestas"
    assert "{kept}" in data["text"]["full"] and "{left}" in data["text"]["full"]


def test_a_course_name_with_markup_stays_text_in_the_launcher():
    name = "Career & Co </script><script>alert(1)</script>"
    page = render_launcher(config(name=name), [], BUNDLES)
    assert "<script>alert(1)" not in page
    assert "<title>Career &amp; Co &lt;/script&gt;" in page
    # The settings are JSON inside a script element: no `<` may end it early.
    assert settings_of(page)["scorm"] == "2004"


def test_the_offline_readme_is_in_the_course_language():
    assert render_readme(config("es", "Volver a empezar")).startswith(
        "Volver a empezar: copia sin conexión\n"
    )
    assert "Open index.html" in render_readme(config())
