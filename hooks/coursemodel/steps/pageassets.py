"""Page assets: each built page links the feature bundles its markup uses, and carries its own course data.

Decided per page at build time, from the page as built (`on_post_page`), so the
first load asks for everything at once and nothing the page lacks:

- the print stylesheet (`media="print"`: it never blocks rendering), then
  `<link rel="stylesheet">` for each feature's styles, after our main stylesheet;
- `<script src defer data-bb-bundle>` for each feature's script, after our main
  script (deferred scripts run in document order, so store.js comes first);
- `<meta name="bb-bundles" content="…">`, the features in load order. Material's
  instant navigation swaps `<head>` elements but runs no new script outside the
  content; the loader at the end of main.js reads this on every page view and adds
  what is missing (`BounceBack.need`);
- `<script type="application/json" id="bb-page-data">` in `<head>`: what the page's
  scripts need of the worksheets whose forms it shows (storage names, messages' parsed
  templates, a field-type unit's own data; `browser.page_worksheet`).
  main.js carries only what every page needs (modules, storage names); store.js's
  `courseData()` lays this over it. In `<head>` because Material re-creates a
  script inside the swapped content without its `type` (so JSON would run), while
  a new `<head>` element is only inserted, never run.
"""

from __future__ import annotations

import json
import re
from typing import Any

from coursemodel import build_of
from coursemodel.browser import page_worksheet
from mkdocs.config.defaults import MkDocsConfig

from .assets import features

# A worksheet form as templates/worksheet.html writes it (a center's override keeps the attribute).
FORM = re.compile(r'<form\b[^>]*\sdata-worksheet="([^"]*)"')
HEAD_END = re.compile(r"</head>", re.I)


# Event handlers ---------------------------------------------------------------------------------


def on_post_page(output: str, *, page: Any, config: MkDocsConfig) -> str:
    """Link the page's feature bundles and give it its worksheets' course data."""
    state = build_of(config)
    if "main.css" not in state.bundles:
        return output
    wanted = page_features(output, state.bundles, scorm=state.options.scorm)
    return link_page(output, wanted, state.bundles, page_data(output, state.course_data))


# Plain functions --------------------------------------------------------------------------------


def page_features(html: str, bundles: dict[str, str], *, scorm: bool = False) -> list[str]:
    """Return the names of the features `html` uses, with what they need, in load order."""
    table = {f.name: f for f in features(scorm=scorm)}
    wanted: set[str] = set()

    def want(name: str) -> None:
        """Add a feature and what it needs."""
        if name in wanted or name not in table:
            return
        wanted.add(name)
        for other in table[name].needs:
            want(other)

    for feature in table.values():
        if feature.marker and re.search(feature.marker, html):
            want(feature.name)
    return [name for name in table if name in wanted and shipped(name, bundles)]


def shipped(name: str, bundles: dict[str, str]) -> bool:
    """Return True when this build has a file for feature `name` (a unit may have no script)."""
    return f"{name}.js" in bundles or f"{name}.css" in bundles


def page_data(html: str, data: dict[str, Any]) -> dict[str, Any]:
    """Return the course data of the worksheets whose forms are in `html` (empty when none)."""
    worksheets = data.get("worksheets") or {}
    ids = [i for i in dict.fromkeys(FORM.findall(html)) if i in worksheets]
    return {"worksheets": {i: page_worksheet(worksheets[i]) for i in ids}} if ids else {}


def json_block(data: dict[str, Any]) -> str:
    """Return JSON safe inside a `<script type="application/json">` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def link_page(html: str, wanted: list[str], bundles: dict[str, str], data: dict[str, Any]) -> str:
    """Add the page's feature links and scripts after our main ones, and its meta and data to `<head>`."""
    main_css = re.search(rf'<link\b[^>]*href="([^"]*){re.escape(bundles["main.css"])}"[^>]*>', html)
    main_js = re.search(rf'<script\b[^>]*src="([^"]*){re.escape(bundles["main.js"])}"[^>]*></script>', html)
    if not main_css or not main_js:
        return html  # a page that is not Material's (none today): leave it alone
    up_css, up_js = main_css.group(1), main_js.group(1)
    styles = []
    if "paper.css" in bundles:
        # Right after main.css, whose print rules it holds, so features' own rules come after both.
        styles.append(f'<link rel="stylesheet" href="{up_css}{bundles["paper.css"]}" media="print">')
    styles += [style(up_css + bundles[f"{n}.css"], n) for n in wanted if f"{n}.css" in bundles]
    scripts = [
        f'<script src="{up_js}{bundles[f"{n}.js"]}" defer data-bb-bundle="{n}"></script>'
        for n in wanted
        if f"{n}.js" in bundles
    ]
    head = f'<meta name="bb-bundles" content="{" ".join(wanted)}">'
    if data:
        head += f'<script type="application/json" id="bb-page-data">{json_block(data)}</script>'
    # The script first: inserting at its place leaves the stylesheet's offsets as they were.
    html = html[: main_js.end()] + "".join(scripts) + html[main_js.end() :]
    html = html[: main_css.end()] + "".join(styles) + html[main_css.end() :]
    return HEAD_END.sub(lambda _m: head + "</head>", html, count=1)


def style(href: str, name: str) -> str:
    """Return the link of one feature's stylesheet (the loader finds it by `data-bb-bundle`)."""
    return f'<link rel="stylesheet" href="{href}" data-bb-bundle="{name}">'
