"""Markdown task lists become saved checklists.

A lesson may write a task list (`- [ ] Send a thank-you note`). The course
model already knows each page's items and their ids (`coursemodel.pages`:
the slug of the item's words, checked for duplicates with file and line).
pymdownx.tasklist renders them as disabled checkboxes; this hook turns each
top-level list into an accessible `<form class="bb-checklist"
data-checklist="…">` (the page's storage key, `keys.checklist_key`) whose checkboxes carry the model's ids as
`name`s, which checklists.js saves. A `- [x]` item starts unticked like any
other: ticks belong to the learner, not the author.
"""

from __future__ import annotations

import html
import re

from coursemodel import AuthorError, course_of
from coursemodel.keys import checklist_key
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# One tasklist item as pymdownx.tasklist writes it (tight or loose list).
ITEM = re.compile(
    r'<li class="task-list-item">(?P<p>\s*<p>)?'
    r'<input type="checkbox" disabled(?:="")?(?: checked(?:="")?)?\s*/?>\s*'
    r"(?P<text>.*?)(?=</p>|<ul|<ol|</li>)",
    re.S,
)
TASK_LIST = re.compile(r'<ul class="task-list">')
_LIST_TAG = re.compile(r"<(/?)ul\b[^>]*>")
_HEADING_ID = re.compile(r'<h[2-6][^>]*\bid="([^"]+)"')


# Event handlers ---------------------------------------------------------------------------------


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Make the page's task lists interactive, saved checklists."""
    if TASK_LIST.search(html_text) is None:
        return html_text
    info = course_of(config).pages.get(page.file.src_uri)
    slugs = [item.slug for item in info.checklist] if info else []
    return render_checklists(html_text, page.file.src_uri, slugs, info.path if info else page.file.src_uri)


# Plain functions --------------------------------------------------------------------------------


def render_checklists(html_text: str, src_uri: str, slugs: list[str], shown: str) -> str:
    """Wrap each top-level task list in a checklist form; item `i` gets the model's id `slugs[i]`."""
    found = len(ITEM.findall(html_text))
    if found != len(slugs):
        raise AuthorError(
            shown,
            1,
            f"the page has {found} task-list items but {len(slugs)} were found in its Markdown",
            "write each checklist item as `- [ ] Words` on a line of its own, outside code blocks",
        )
    ids = iter(slugs)
    key = checklist_key(src_uri)
    out: list[str] = []
    pos = 0
    for start in _top_level_lists(html_text):
        end = _list_end(html_text, start)
        heading = _HEADING_ID.findall(html_text, 0, start)
        labelled = f' aria-labelledby="{heading[-1]}"' if heading else ""
        body = ITEM.sub(lambda match: _render_item(match, next(ids)), html_text[start:end])
        out.append(html_text[pos:start])
        out.append(
            f'<form class="bb-checklist" data-checklist="{html.escape(key, quote=True)}"{labelled} '
            f'novalidate>{body}<p class="bb-checklist__status" aria-live="polite"></p></form>'
        )
        pos = end
    out.append(html_text[pos:])
    return "".join(out)


def _render_item(match: re.Match[str], slug: str) -> str:
    """Render one task-list item as a named checkbox with a real label."""
    text = match.group("text").strip()
    control, name = html.escape(f"bb-cl-{slug}", quote=True), html.escape(slug, quote=True)
    return (
        f'<li class="task-list-item bb-checklist__item">{match.group("p") or ""}'
        f'<input type="checkbox" class="bb-checklist__box" id="{control}" name="{name}"> '
        f'<label for="{control}">{text}</label>'
    )


def _top_level_lists(html_text: str) -> list[int]:
    """Return the start offsets of task lists not nested in another task list."""
    starts: list[int] = []
    end = -1
    for match in TASK_LIST.finditer(html_text):
        if match.start() >= end:
            starts.append(match.start())
            end = _list_end(html_text, match.start())
    return starts


def _list_end(html_text: str, start: int) -> int:
    """Return the offset just after the `</ul>` that closes the list opened at `start`."""
    depth = 0
    for match in _LIST_TAG.finditer(html_text, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(html_text)
