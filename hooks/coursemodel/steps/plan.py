"""My plan: one generated page that gathers the learner's answers in course order.

The page (`plan.md`) is generated in `on_files` from a template. plan.js fills
it in the browser from saved answers and the course data (`BounceBack.course`);
this hook renders, from that same course data, the plan as it looks before
anything is written, so plan.js moves nothing for a new learner (no layout
shift), plus the toolbar's buttons.
"""

from __future__ import annotations

import re
from typing import Any

from coursemodel import build_of
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

PLAN_URI = "plan.md"
# Slots in the generated page, filled in on_page_content.
SLOT = re.compile(r"<!-- bb-plan-(buttons|skeleton) -->")
# The toolbar's buttons, in the order plan.js (and print.js, for Print) would add them.
BUTTONS = [
    ("download-markdown", "plan_download_md", "md-button bb-button"),
    ("copy-markdown", "plan_copy_md", "md-button bb-button"),
    ("calendar", "plan_calendar", "md-button bb-button"),
    ("export", "plan_backup", "md-button bb-button"),
    ("print", "print", "md-button bb-button bb-button--print"),
]


# Event handlers ---------------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the generated My plan page."""
    renderer = build_of(config).renderer
    files.append(File.generated(config, PLAN_URI, content=renderer.render("plan_page.md")))
    return files


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill My plan's toolbar and its empty-plan skeleton."""
    if page.file.src_uri != PLAN_URI:
        return html_text
    build = build_of(config)
    data = build.course_data
    filled = {
        "buttons": build.renderer.render("plan_buttons.html", buttons=BUTTONS),
        "skeleton": render_skeleton(data, page.url, build.renderer),
    }
    return SLOT.sub(lambda match: filled[match.group(1)], html_text)


# Plain functions --------------------------------------------------------------------------------


def render_skeleton(data: dict[str, Any], page_url: str, renderer: Any) -> str:
    """Render the plan with no answers yet, from the course data plan.js draws from."""
    depth = page_url.count("/")
    prefix = "../" * depth
    worksheets = [
        {
            "id": ws_id,
            "title": ws["title"],
            "where": ws["where"],
            "href": prefix + ws["url"] if ws["url"] else "",
        }
        for ws_id, ws in data["worksheets"].items()
    ]
    moved = moved_skeleton(data, prefix)
    return renderer.render("plan_skeleton.html", worksheets=worksheets, moved=moved).strip("\n")


def moved_skeleton(data: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    """Return what "How things have moved" shows with nothing rated (None: the course compares nothing).

    As moved.js draws it: a link to the worksheet of the first earlier rating (`prefix`
    climbs from My plan to the site root).
    """
    earlier = [
        field["compare"][0]
        for ws in data["worksheets"].values()
        for section in ws["sections"]
        for field in section["fields"]
        if field.get("compare") and field["compare"][0] in data["worksheets"]
    ]
    if not earlier:
        return None
    first = data["worksheets"][earlier[0]]
    return {"title": first["title"], "href": prefix + first["url"] if first["url"] else ""}
