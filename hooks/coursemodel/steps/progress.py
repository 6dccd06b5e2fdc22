"""Course progress: the empty slots on module pages that progress.js fills.

Progress is computed in the learner's browser from saved answers; nothing is
sent. What each module counts (its worksheets' fields and its checklist
items) comes from the course data the course hook ships (`BounceBack.course`,
see `coursemodel.browser`). This hook only adds, to each module page, a
progress bar under the module header and a "Mark this module complete"
toggle before the key takeaways.
"""

from __future__ import annotations

import html
import re

from coursemodel import course_of
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_META = re.compile(r'(<p class="bb-module-meta"[^>]*>.*?</p>)', re.S)
_TAKEAWAYS = re.compile(r'<div class="admonition success bb-takeaways"')


# Event handlers ---------------------------------------------------------------------------------


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add the progress slots to a module page."""
    if course_of(config).module(page.file.src_uri) is None:
        return html_text
    return add_progress_hooks(html_text, page.file.src_uri)


# Plain functions --------------------------------------------------------------------------------


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
