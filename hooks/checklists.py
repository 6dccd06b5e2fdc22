"""Markdown task lists become saved checklists.

A lesson may write a task list (`- [ ] Send a thank-you note`). pymdownx.tasklist
renders it as disabled checkboxes; this hook turns each list into an accessible
`<form class="bb-checklist" data-checklist="cl:<src path>">` whose checkboxes
have a real `<label>`, a `name` and an `id`, and which checklists.js saves
under the store key `cl:<src path>` as `{"v": 1, "answers": {item-slug: true}}`.

Item ids are the slug of the item's text (the same slugify as worksheets), so
reordering or adding items keeps ticks and editing one item's wording loses
only that item's tick. Two items with the same slug on one page would share a
tick, so that is an author error naming the file and line. A `- [x]` item
starts unticked like any other: ticks belong to the learner, not the author.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from errors import AuthorError, project_root
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from worksheets import slugify

log = get_plugin_logger(__name__)

KEY_PREFIX = "cl:"


# Event handlers ---------------------------------------------------------------------------------


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Make the page's task lists interactive, saved checklists."""
    if TASK_LIST.search(html_text) is None:
        return html_text
    shown = _shown(config, page.file.src_uri)
    return render_checklists(html_text, page.file.src_uri, shown, page.file.content_string)


# Plain functions: load → validate → render -------------------------------------------------------

# One tasklist item as pymdownx.tasklist writes it (tight or loose list).
ITEM = re.compile(
    r'<li class="task-list-item">(?P<p>\s*<p>)?'
    r'<input type="checkbox" disabled(?: checked)?\s*/?>\s*'
    r"(?P<text>.*?)(?=</p>|<ul|<ol|</li>)",
    re.S,
)
TASK_LIST = re.compile(r'<ul class="task-list">')
_LIST_TAG = re.compile(r"<(/?)ul\b[^>]*>")
_HEADING_ID = re.compile(r'<h[2-6][^>]*\bid="([^"]+)"')
_SOURCE_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s+(.+?)\s*$")


def checklist_key(src_uri: str) -> str:
    """Return the store key for the Markdown checklists of the page at `src_uri`."""
    return KEY_PREFIX + src_uri


def item_slug(item_html: str) -> str:
    """Return an item's stable id: the slug of its visible text."""
    text = html.unescape(re.sub(r"<[^>]+>", "", item_html))
    return slugify(" ".join(text.split()))


def checklist_items(html_text: str) -> list[tuple[str, str]]:
    """Return `(slug, text html)` for every task-list item, in page order."""
    return [(item_slug(m.group("text")), m.group("text").strip()) for m in ITEM.finditer(html_text)]


def validate_items(items: list[tuple[str, str]], shown: str, source: str) -> None:
    """Refuse empty ids and two items with the same id on one page (they would share a tick)."""
    seen: dict[str, str] = {}
    for slug, text in items:
        plain = html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
        if not slug:
            raise AuthorError(
                shown,
                source_line(source, plain),
                f"the checklist item `{plain}` has no letters or digits to name it by",
                "write each item as words, e.g. `- [ ] Send a thank-you note`",
            )
        if slug in seen:
            lines = [n for n, s in _source_items(source) if s == slug]
            line = lines[1] if len(lines) > 1 else source_line(source, plain)
            raise AuthorError(
                shown,
                line,
                f"the checklist item `{plain}` appears twice on this page (first: `{seen[slug]}`)",
                "ticks are saved by each item's wording, so give every item on a page its own wording",
            )
        seen[slug] = plain


def render_checklists(html_text: str, src_uri: str, shown: str, source: str = "") -> str:
    """Wrap each top-level task list in a checklist form and make its items real checkboxes."""
    validate_items(checklist_items(html_text), shown, source)
    key = checklist_key(src_uri)
    out: list[str] = []
    pos = 0
    for start in _top_level_lists(html_text):
        end = _list_end(html_text, start)
        heading = _HEADING_ID.findall(html_text, 0, start)
        labelled = f' aria-labelledby="{heading[-1]}"' if heading else ""
        body = ITEM.sub(_render_item, html_text[start:end])
        out.append(html_text[pos:start])
        out.append(
            f'<form class="bb-checklist" data-checklist="{html.escape(key, quote=True)}"{labelled} '
            f'novalidate>{body}<p class="bb-checklist__status" aria-live="polite"></p></form>'
        )
        pos = end
    out.append(html_text[pos:])
    return "".join(out)


def source_line(source: str, plain: str) -> int:
    """Return the source line of the task-list item whose id matches `plain`, else 1."""
    slug = slugify(plain)
    for number, item in _source_items(source):
        if item == slug:
            return number
    return 1


# Helpers ---------------------------------------------------------------------------------------


def _render_item(match: re.Match[str]) -> str:
    """Render one task-list item as a named checkbox with a real label."""
    text = match.group("text").strip()
    slug = item_slug(text)
    control = f"bb-cl-{slug}"
    return (
        f'<li class="task-list-item bb-checklist__item">{match.group("p") or ""}'
        f'<input type="checkbox" class="bb-checklist__box" id="{control}" name="{slug}"> '
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


def _source_items(source: str) -> list[tuple[int, str]]:
    """Return `(line, slug)` of the task-list items in Markdown source (links and emphasis dropped)."""
    found = []
    for number, line in enumerate(source.splitlines(), 1):
        match = _SOURCE_ITEM.match(line)
        if match:
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", match.group(1))
            found.append((number, slugify(re.sub(r"[*_`]", "", text))))
    return found


def _shown(config: MkDocsConfig, src_uri: str) -> str:
    """Return a docs file's path relative to the project root, for messages."""
    path = Path(config.docs_dir, src_uri).resolve()
    root = project_root(config)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
