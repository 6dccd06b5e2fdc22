"""My plan: one generated page that gathers the learner's answers in course order.

The page (`plan.md`) is generated in `on_files`. Its content is filled in the
browser by plan.js from saved answers, so this hook only ships the structure
plan.js needs, as JSON data in the page (`<template id="bb-plan-data">`,
inert, never executed): every worksheet in course order with
its title, where to edit it (the module section that places it, else its own
page), and each field's id, type, plain-text label, `plan` flag and the
options, items and columns that turn stored slugs back into words.

Course order is the order of the modules in the navigation, then the order of
the worksheet markers on each module page; worksheets no module places come
last, in id order.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from errors import project_root, read_text
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from worksheets import Field, Worksheet, build_worksheets, convert, find_markers

log = get_plugin_logger(__name__)

PLAN_URI = "plan.md"
MODULES_DIR = "modules/"
DATA_MARKER = "<!-- bb-plan-data -->"
# Slots in the generated page, filled in on_page_content: the JSON data, the toolbar's
# buttons and the plan as it looks before anything is written (so plan.js, which redraws
# it from the answers, moves nothing for a new learner: no layout shift).
SLOT = re.compile(r"<!-- bb-plan-(data|buttons|skeleton) -->")

_STATE: dict[str, Any] = {"entries": []}


# Event handlers ---------------------------------------------------------------------------------


@event_priority(-10)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Work out the worksheets in course order and add the generated My plan page."""
    root = project_root(config)
    # The worksheets hook has loaded and validated them in its on_files; reuse them and its
    # converter, which remembers the labels it has already turned into HTML.
    worksheets, md = build_worksheets(config)
    order = module_order(config.nav)
    pages = {
        uri: _page_text(files, config, uri, root)
        for uri in order
        if files.get_file_from_path(uri) is not None
    }
    _STATE["entries"] = plan_entries(worksheets, order, pages, lambda text: plain_text(md, text))
    strings = config.extra.get("course", {}).get("strings", {})
    files.append(File.generated(config, PLAN_URI, content=render_plan_page(strings)))
    return files


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put the worksheet structure, with links relative to My plan, into the plan page."""
    if page.file.src_uri != PLAN_URI:
        return html_text
    data = plan_data(_STATE["entries"], page.file, files, config.site_name)
    strings = config.extra.get("course", {}).get("strings", {})
    # A <template>, not <script type="application/json">: Material's instant navigation
    # re-creates inline scripts in the content without their type, and would run the JSON.
    block = f'<template id="bb-plan-data">{json_for_html(data)}</template>'
    filled = {"data": block, "buttons": render_buttons(strings), "skeleton": render_skeleton(data, strings)}
    if DATA_MARKER not in html_text:
        html_text += block
    return SLOT.sub(lambda match: filled[match.group(1)], html_text)


# Plain functions: load → validate → render -------------------------------------------------------


def module_order(nav: Any) -> list[str]:
    """Return the module pages' source paths in navigation order."""
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, str):
            if item.startswith(MODULES_DIR) and item.endswith(".md") and item not in found:
                found.append(item)
        elif isinstance(item, list):
            for one in item:
                walk(one)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)

    walk(nav or [])
    return found


def plan_entries(
    worksheets: dict[str, Worksheet], order: list[str], pages: dict[str, str], plain: Any
) -> list[dict[str, Any]]:
    """Return one entry per worksheet in course order: structure plus where it is edited."""
    placed: dict[str, str] = {}
    for uri in order:
        for ws_id, _line in find_markers(pages.get(uri, "")):
            if ws_id in worksheets and ws_id not in placed:
                placed[ws_id] = uri
    ids = list(placed) + [ws_id for ws_id in sorted(worksheets) if ws_id not in placed]
    return [worksheet_entry(worksheets[ws_id], placed.get(ws_id), plain) for ws_id in ids]


def worksheet_entry(ws: Worksheet, module_uri: str | None, plain: Any) -> dict[str, Any]:
    """Describe one worksheet for plan.js; labels are plain text (shown with textContent)."""
    return {
        "id": ws.id,
        "title": plain(ws.title),
        "module": module_uri,
        "sections": [
            {
                "title": plain(section.title),
                "fields": [field_entry(f, plain) for f in section.fields if f.type != "message"],
            }
            for section in ws.sections
        ],
    }


def field_entry(one: Field, plain: Any) -> dict[str, Any]:
    """Describe one field: what plan.js needs to show its stored answer in words."""
    entry: dict[str, Any] = {"id": one.id, "type": one.type, "label": plain(one.label)}
    if one.plan:
        entry["plan"] = True
    if one.type in ("choice", "multichoice"):
        entry["options"] = [[c.slug, plain(c.text)] for c in one.options]
    elif one.type == "checklist":
        entry["items"] = [[c.slug, plain(c.text)] for c in one.items]
    elif one.type == "list":
        entry["count"] = one.count
    elif one.type == "table":
        entry["rows"] = one.rows
        entry["columns"] = [{"slug": c.slug, "label": plain(c.label), "type": c.type} for c in one.columns]
    elif one.type == "scale":
        entry.update(min=one.min, max=one.max, min_label=plain(one.min_label), max_label=plain(one.max_label))
    return entry


def plan_data(entries: list[dict[str, Any]], plan_file: File, files: Files, course: str) -> dict[str, Any]:
    """Add to each entry the link, relative to My plan, where the learner edits it."""
    out = []
    for entry in entries:
        target = files.get_file_from_path(entry["module"] or f"worksheets/{entry['id']}.md")
        link = target.url_relative_to(plan_file) if target is not None else ""
        where = target.page.title if target is not None and target.page and target.page.title else ""
        anchor = f"#worksheet-{entry['id']}" if entry["module"] else ""
        out.append({**entry, "href": link + anchor if link else "", "where": where})
    return {"v": 1, "course": course, "worksheets": out}


def render_plan_page(strings: dict[str, str]) -> str:
    """Render the My plan page: title, intro, toolbar and the place plan.js fills."""
    title = strings.get("plan_title", "My plan")
    return (
        "---\n"
        "description: Everything you wrote in the course in one place, with your next steps and dates.\n"
        "search:\n  exclude: true\n"
        "---\n\n"
        f"# {html.escape(title, quote=False)}\n\n"
        '<p class="bb-plan-meta" data-plan-meta></p>\n\n'
        '<div class="bb-toolbar bb-plan-toolbar" data-plan-toolbar role="group" '
        f'aria-label="{html.escape(strings.get("plan_share_label", "Share or keep my plan"), quote=True)}">'
        "<!-- bb-plan-buttons --></div>\n\n"
        '<p class="bb-plan-status" role="status" aria-live="polite"></p>\n\n'
        '<div class="bb-plan" data-plan>\n'
        "<noscript><p>My plan is put together in your browser from the answers saved there; "
        "turn on JavaScript to see it.</p></noscript>\n"
        "<!-- bb-plan-skeleton -->\n"
        "</div>\n\n"
        f"{DATA_MARKER}\n"
    )


# The toolbar's buttons, in the order plan.js (and print.js, for Print) would add them.
BUTTONS = [
    ("download-markdown", "plan_download_md", "md-button bb-button"),
    ("copy-markdown", "plan_copy_md", "md-button bb-button"),
    ("calendar", "plan_calendar", "md-button bb-button"),
    ("export", "plan_backup", "md-button bb-button"),
    ("print", "print", "md-button bb-button bb-button--print"),
]


def t(strings: dict[str, str], name: str, **values: str) -> str:
    """Return a UI string as HTML with `{name}` slots filled, as `BounceBack.t` does in the browser."""
    text = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), strings.get(name) or name)
    return html.escape(text, quote=False)


def render_buttons(strings: dict[str, str]) -> str:
    """Render the toolbar's buttons; plan.js gives them their actions."""
    return "".join(
        f'<button class="{css}" type="button" data-action="{action}">{t(strings, name)}</button>'
        for action, name, css in BUTTONS
    )


def render_skeleton(data: dict[str, Any], strings: dict[str, str]) -> str:
    """Render the plan with no answers yet, exactly as plan.js draws it then."""
    out = [
        '<section class="bb-plan-next" aria-labelledby="bb-plan-next-title">'
        f'<h2 id="bb-plan-next-title">{t(strings, "plan_actions")}</h2>'
        f'<p class="bb-plan-none">{t(strings, "plan_no_actions")}</p></section>',
        '<section class="bb-plan-all" aria-labelledby="bb-plan-all-title">'
        f'<h2 id="bb-plan-all-title">{t(strings, "plan_answers")}</h2>'
        f'<p class="bb-plan-none">{t(strings, "plan_empty")}</p>',
    ]
    for ws in data["worksheets"]:
        title_id = f"bb-plan-{ws['id']}"
        meta = f"<span>{html.escape(ws['where'] + ' · ', quote=False)}</span>" if ws["where"] else ""
        if ws["href"]:
            label = t(strings, "plan_edit_label", title=ws["title"]).replace('"', "&quot;")
            meta += (
                f'<a class="bb-plan-edit" href="{html.escape(ws["href"])}" aria-label="{label}">'
                f"{t(strings, 'plan_edit')}</a>"
            )
        out.append(
            f'<section class="bb-plan-worksheet bb-plan-worksheet--empty" data-plan-worksheet="{ws["id"]}" '
            f'aria-labelledby="{title_id}"><h3 id="{title_id}">{html.escape(ws["title"], quote=False)}</h3>'
            f'<p class="bb-plan-worksheet__meta">{meta}</p>'
            f'<p class="bb-plan-none">{t(strings, "plan_not_started")}</p></section>'
        )
    out.append("</section>")
    return "\n".join(out)


def plain_text(md: Any, text: str) -> str:
    """Return inline Markdown as plain text ("Ask *one* person" -> "Ask one person")."""
    if not text:
        return ""
    rendered = convert(md, str(text))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", rendered)).split())


def json_for_html(data: Any) -> str:
    """Return JSON that is plain text in HTML: no `<`, `>` or `&` for a parser to act on."""
    return (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


# Helpers ---------------------------------------------------------------------------------------


def _page_text(files: Files, config: MkDocsConfig, uri: str, root: Path) -> str:
    """Return a page's Markdown source, from disk or from memory for generated pages."""
    file = files.get_file_from_path(uri)
    if file.abs_src_path and Path(file.abs_src_path).is_file():
        return read_text(Path(file.abs_src_path), Path(file.abs_src_path).relative_to(root).as_posix())
    return file.content_string
