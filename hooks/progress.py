"""Course progress: the course map and the progress furniture on module pages.

Progress is computed in the learner's browser from saved answers; nothing is
sent. To show a module's status on pages other than the module itself (the
overview, the navigation, the start page), progress.js needs to know which
worksheet fields and checklist items belong to which module. This hook reads
that from each module page's rendered HTML (the `form.bb-worksheet` /
`.bb-field` contract and the `form.bb-checklist` forms) and publishes it twice,
generated with `File.generated` and filled in `on_env` (after every page is
rendered, before static files are written): `course-map.js`, a script that
progress.js reads without a request (so it works from `file://` in the
offline bundle, where Chromium refuses `fetch`), and `course-map.json` for tools.

Each module page also gets two empty hooks that progress.js fills: a progress
bar under the module header and a "Mark this module complete" toggle before
the key takeaways.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

MAP_URI = "assets/bounce-back/course-map.json"
MAP_SCRIPT_URI = "assets/bounce-back/course-map.js"
MODULES_DIR = "modules/"
# Fields that store nothing the learner wrote do not count towards progress.
UNCOUNTED_TYPES = {"message"}

_STATE: dict[str, Any] = {"file": None, "script": None, "order": [], "pages": {}}


# Event handlers ---------------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the course map asset; its content is filled once every page is rendered."""
    course_map = File.generated(config, MAP_URI, content="{}")
    script = File.generated(config, MAP_SCRIPT_URI, content="")
    files.append(course_map)
    files.append(script)
    _STATE.update(file=course_map, script=script, order=[], pages={})
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Remember the module pages in course order (the navigation's order)."""
    _STATE["order"] = [p.file.src_uri for p in nav.pages if is_module_uri(p.file.src_uri)]
    return nav


@event_priority(-100)
def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Record what a module page asks of the learner and add its progress hooks."""
    src = page.file.src_uri
    if not is_module_uri(src) or "number" not in page.meta:
        return html_text
    _STATE["pages"][src] = module_entry(html_text, src, page.url, page.meta, page.title or "")
    return add_progress_hooks(html_text, src)


def on_env(env: Any, *, config: MkDocsConfig, files: Files) -> Any:
    """Write the course map now that every module page has been rendered."""
    if _STATE["file"] is not None:
        course_map = render_map(_STATE["order"], _STATE["pages"])
        _STATE["file"].content_string = course_map
        _STATE["script"].content_string = render_map_script(course_map)
    return env


# Plain functions: load → validate → render -------------------------------------------------------

_FORM = re.compile(r'<form\b[^>]*\bclass="[^"]*\bbb-(worksheet|checklist)\b[^"]*"[^>]*>')
_ATTR = re.compile(r'\b(data-worksheet|data-checklist|data-field|data-type|name)="([^"]*)"')
_FIELD = re.compile(r'<div class="bb-field"[^>]*>')
_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_META = re.compile(r'(<p class="bb-module-meta"[^>]*>.*?</p>)', re.S)
_TAKEAWAYS = re.compile(r'<div class="admonition success bb-takeaways"')


def is_module_uri(src_uri: str) -> bool:
    """Return True for a module page's source path (`modules/NN-slug.md`)."""
    return src_uri.startswith(MODULES_DIR) and src_uri.endswith(".md") and not src_uri.endswith("index.md")


def module_entry(html_text: str, src: str, url: str, meta: dict[str, Any], title: str) -> dict[str, Any]:
    """Describe one module page: its worksheets' counted fields and its checklist items."""
    worksheets: dict[str, list[str]] = {}
    checklist: dict[str, list[str]] = {}
    forms = list(_FORM.finditer(html_text))
    for index, match in enumerate(forms):
        attrs = dict(_ATTR.findall(match.group(0)))
        end = forms[index + 1].start() if index + 1 < len(forms) else len(html_text)
        close = html_text.find("</form>", match.end(), end)
        body = html_text[match.end() : close if close != -1 else end]
        if match.group(1) == "worksheet" and attrs.get("data-worksheet"):
            fields = worksheets.setdefault(html.unescape(attrs["data-worksheet"]), [])
            for tag in _FIELD.findall(body):
                field_attrs = dict(_ATTR.findall(tag))
                name = html.unescape(field_attrs.get("data-field", ""))
                if field_attrs.get("data-type") not in UNCOUNTED_TYPES and name and name not in fields:
                    fields.append(name)
        elif match.group(1) == "checklist" and attrs.get("data-checklist"):
            items = checklist.setdefault(html.unescape(attrs["data-checklist"]), [])
            for tag in _CHECKBOX.findall(body):
                name = html.unescape(dict(_ATTR.findall(tag)).get("name", ""))
                if name and name not in items:
                    items.append(name)
    return {
        "src": src,
        "url": url,
        "number": meta.get("number"),
        "title": str(meta.get("title") or title),
        "worksheets": worksheets,
        "checklists": checklist,
    }


def render_map(order: list[str], pages: dict[str, dict[str, Any]]) -> str:
    """Render the course map JSON: the modules in course order with what each one counts."""
    modules = [pages[src] for src in order if src in pages]
    return json.dumps({"v": 1, "modules": modules}, ensure_ascii=False, indent=1)


def render_map_script(course_map: str) -> str:
    """Wrap the course map JSON in a script that hands it to progress.js."""
    # JSON is valid JavaScript; escaping "</" keeps it safe even if inlined later.
    data = course_map.replace("</", "<\\/")
    return f"(window.BounceBack = window.BounceBack || {{}}).courseMapData = {data};\n"


def add_progress_hooks(html_text: str, src: str) -> str:
    """Add the empty progress bar and completion toggle that progress.js fills."""
    key = html.escape(src, quote=True)
    # The bar's slot keeps its height from the start (progress.css), so filling it
    # after load does not push the page down (layout shift).
    bar = f'<div class="bb-progress bb-module-progress" data-module-progress="{key}"></div>'
    toggle = f'<div class="bb-module-complete" data-module-complete="{key}" hidden></div>'
    html_text, found = _META.subn(lambda m: m.group(1) + bar, html_text, count=1)
    if not found:
        html_text = bar + html_text
    html_text, found = _TAKEAWAYS.subn(lambda m: toggle + m.group(0), html_text, count=1)
    if not found:
        html_text += toggle
    return html_text
