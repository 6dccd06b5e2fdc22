"""Render the course's markup from Jinja templates: forms, module furniture, generated pages.

Templates live in `coursemodel/templates/`. A career center overrides any one
of them by putting a file of the same name in `<theme custom_dir>/bounce-back/`.
`.html` templates are autoescaped; `.md` templates escape author text with the
`md` filter. Author Markdown is converted with the course's own converter
(raw HTML off) and then sanitised, so no author text becomes script.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import keys
from .errors import AuthorError
from .fieldtypes import TYPES_DIR, units
from .messagedata import paper_html
from .model import Field, Worksheet
from .sanitise import sanitise_html
from .text import convert, make_markdown, md_text, t

TEMPLATES = Path(__file__).resolve().parent / "templates"
OVERRIDE_DIR = "bounce-back"
BLOCK_TAG = re.compile(r"<(p|div|ul|ol|li|h[1-6]|pre|table|blockquote|hr|dl|details)\b")


def environment(config: Any = None) -> jinja2.Environment:
    """Return the Jinja environment: a center's overrides first, then ours."""
    search = []
    if config is not None:
        for folder in getattr(config.theme, "dirs", []) or []:
            search.append(str(Path(folder) / OVERRIDE_DIR))
    search.append(str(TEMPLATES))
    search.append(str(TYPES_DIR))  # each field-type unit's `<name>/field.html`
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=False, default=False),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = md_text
    return env


class Renderer:
    """Renders every fragment the hooks put into pages, with one Markdown and one set of strings."""

    def __init__(self, strings: dict[str, str], md: Any = None, config: Any = None) -> None:
        """Keep the converter, the strings and the template environment for this build."""
        self.md = md or make_markdown(config)
        self.strings = strings
        self.env = environment(config)

    def t(self, name: str, **values: Any) -> str:
        """Return a UI string with its slots filled (plain text; templates escape it)."""
        return t(self.strings, name, **values)

    def render(self, template: str, **context: Any) -> str:
        """Render one template with the strings and storage-name helpers at hand."""
        return self.env.get_template(template).render(
            t=self.t, has=self.has, names=keys, units=units(), **context
        )

    def has(self, name: str) -> bool:
        """Return True when the course's strings give `name` words (a course may leave one out)."""
        return bool(str(self.strings.get(name) or "").strip())

    # Author text ----------------------------------------------------------------------------

    def html(self, text: str) -> str:
        """Return author Markdown as sanitised HTML."""
        return sanitise_html(convert(self.md, text), fragment=True)

    def worksheet_form(self, ws: Worksheet, *, show_title: bool = True) -> str:
        """Render a worksheet as an accessible form (see "Rendered HTML" in ARCHITECTURE.md)."""
        writer = _Writer(self, ws)
        return self.render("worksheet.html", ws=ws, w=writer, show_title=show_title).strip("\n")

    def plain(self, text: str) -> str:
        """Return inline Markdown as plain text (tags dropped, entities decoded)."""
        if not text:
            return ""
        return " ".join(html.unescape(re.sub(r"<[^>]+>", "", self.html(str(text)))).split())


class _Writer:
    """What the worksheet template calls: author text as markup, with errors at the file's line."""

    def __init__(self, renderer: Renderer, ws: Worksheet) -> None:
        """Keep the renderer and the worksheet whose path errors name."""
        self.r, self.ws = renderer, ws

    def block(self, text: str) -> Markup:
        """Render Markdown paragraphs."""
        return Markup(self.r.html(text).strip("\n"))

    def inline(self, text: str, line: int) -> Markup:
        """Render one line of inline Markdown; block content (a list, two paragraphs) is an error."""
        out = self.r.html(text).strip()
        match = re.fullmatch(r"<p>(.*)</p>", out, re.S)
        if match and "<p>" not in match.group(1):
            out = match.group(1)
        if BLOCK_TAG.search(out):
            raise AuthorError(
                self.ws.path,
                line,
                f"`{text.strip()[:40]}` makes more than one line of text",
                "labels, titles, help and options are one line of inline Markdown "
                "(escape a leading `-`, `1.` or `#` with `\\`)",
            )
        return Markup(out)

    def plain(self, text: str, line: int) -> str:
        """Return inline Markdown as plain text, for attributes and hidden labels (escaped by Jinja)."""
        return html.unescape(re.sub(r"<[^>]+>", "", str(self.inline(text, line))))

    def field_id(self, one: Field, *parts: Any) -> str:
        """Return the element id of a field's control (or of one of its parts)."""
        return "--".join([self.ws.id, one.id, *map(str, parts)])

    def paper(self, one: Field) -> Markup:
        """Return a message as it reads before scripts fill it in and on paper: a labelled line per answer."""
        return Markup(paper_html(one.message, self.r.plain))


def render_worksheet(
    ws: Worksheet, md: Any = None, strings: dict[str, str] | None = None, *, show_title: bool = True
) -> str:
    """Render one worksheet's form outside a build (tests, tools), with English strings by default."""
    from .text import ui_strings

    return Renderer({**ui_strings("en"), **(strings or {})}, md).worksheet_form(ws, show_title=show_title)
