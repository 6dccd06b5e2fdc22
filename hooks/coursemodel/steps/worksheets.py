"""Worksheets in pages: forms where lessons place them, a page per worksheet, All worksheets.

The worksheets are loaded and validated with the rest of the course
(`coursemodel`). Here, once per build, each form is rendered (template
`coursemodel/templates/worksheet.html`) and each worksheet gets its own
generated page plus the "All worksheets" index. A lesson's marker becomes a
placeholder comment in `on_page_markdown`, and the form replaces it in
`on_page_content`, after Markdown, so Markdown never re-reads the form.
"""

from __future__ import annotations

import re
from typing import Any

from coursemodel import build_of, course_of
from coursemodel.pages import replace_markers
from coursemodel.text import md_text, yaml_front
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

PAGES_DIR = "worksheets/"
INDEX_URI = "worksheets/index.md"
# Markdown may wrap an indented comment in a paragraph; the form must not end up inside one.
SLOT = re.compile(r"(?:<p>\s*)?<!-- bb-worksheet-slot: ([a-z0-9-]+)( page)? -->(?:\s*</p>)?")


# Event handlers ---------------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Render every form once and add the worksheet pages and the All worksheets index."""
    build = build_of(config)
    course, renderer = build.course, build.renderer
    build.forms = {
        (ws.id, show): renderer.worksheet_form(ws, show_title=show)
        for ws in course.worksheets.values()
        for show in (True, False)
    }
    for ws in course.worksheets.values():
        content = render_worksheet_page(ws, course.placements.get(ws.id, []), renderer)
        files.append(File.generated(config, f"{PAGES_DIR}{ws.id}.md", content=content))
    files.append(File.generated(config, INDEX_URI, content=render_index(course, renderer)))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Turn each worksheet marker into a placeholder comment that survives Markdown."""
    page_info = course_of(config).pages.get(page.file.src_uri)
    if page_info is None or not page_info.placements:
        return markdown
    return replace_markers(markdown, lambda match: slot(match.group("id"), match.group("indent")))


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put each worksheet's form where its placeholder comment ended up."""
    forms = build_of(config).forms
    return SLOT.sub(lambda match: forms[(match.group(1), not match.group(2))], html_text)


# Plain functions --------------------------------------------------------------------------------


def slot(ws_id: str, indent: str = "", *, page: bool = False) -> str:
    """Return the placeholder comment for a worksheet (the own-page variant has no title)."""
    return f"{indent}<!-- bb-worksheet-slot: {ws_id}{' page' if page else ''} -->"


def used_in(placements: list[Any]) -> str:
    """Return Markdown links to the pages that place a worksheet, from its own page's folder."""
    return ", ".join(f"[{md_text(p.title)}](../{p.src_uri})" for p in placements)


def render_worksheet_page(ws: Any, placements: list[Any], renderer: Any) -> str:
    """Render the Markdown of a worksheet's own page: title, where it is used, the form."""
    front = {"title": ws.title, "description": " ".join(ws.intro.split())[:160] or ws.title}
    return renderer.render(
        "worksheet_page.md",
        ws=ws,
        front=yaml_front(front),
        used=used_in(placements) or md_text(renderer.t("ws_not_placed")),
        placements=placements,
        slot=slot(ws.id, page=True),
    )


def render_index(course: Any, renderer: Any) -> str:
    """Render the Markdown of the generated "All worksheets" page, in course order."""
    rows = []
    for ws in course.worksheet_order():
        minutes = renderer.t("ws_col_minutes", minutes=ws.minutes) if ws.minutes else "–"
        found = course.placements.get(ws.id, [])
        rows.append(
            {
                "id": ws.id,
                "title": ws.title,
                "minutes": minutes,
                "used": used_in(found) or md_text(renderer.t("ws_not_placed")),
            }
        )
    front = {"title": renderer.t("ws_all_title"), "description": renderer.t("ws_all_intro")}
    return renderer.render("worksheets_index.md", rows=rows, front=yaml_front(front))
