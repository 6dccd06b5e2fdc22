"""Author text is inert: every page's HTML leaves Markdown through one sanitiser.

Markdown extensions can turn author text into attributes and links
(`attr_list`'s `{ onmouseover="…" }`, `[a](javascript:…)`), and lessons may
hold raw HTML. So the last step of every Markdown conversion, pages and
worksheet text alike, is nh3 (the Ammonia sanitiser): whatever extensions a
course enables, no event-handler attribute, inline style, `<script>` or
script-capable URL (`javascript:`, `vbscript:`, `data:` other than images)
reaches a page. The course hook adds `SanitiseExtension` to the site's
Markdown in `on_config`; `coursemodel.text.make_markdown` uses the same
configuration, so worksheets go through it too.
"""

from __future__ import annotations

import html

import markdown
import nh3
from markdown.postprocessors import Postprocessor

# Tags Markdown, Material's extensions and the course's own markup write.
TAGS = set(nh3.ALLOWED_TAGS) | {
    "section", "article", "aside", "nav", "main", "header", "footer", "figure", "figcaption",
    "form", "fieldset", "legend", "label", "input", "textarea", "select", "option", "button",
    "details", "summary", "time", "mark", "small", "sub", "sup", "abbr", "dfn", "noscript",
}  # fmt: skip
GENERIC = {
    "class", "id", "title", "lang", "dir", "role", "tabindex", "hidden", "name", "value", "type",
    "for", "checked", "disabled", "open", "novalidate", "autocomplete", "placeholder", "rows",
    "readonly", "datetime", "start", "reversed", "scope", "colspan", "rowspan", "align", "cite",
    "alt", "width", "height", "loading",
}  # fmt: skip
ATTRIBUTES = {"*": GENERIC, "a": {"href", "hreflang", "download"}, "img": {"src", "srcset"}}
SCHEMES = {"http", "https", "mailto", "tel"}


# Worksheet text (labels, help, intros) is one fragment of a form: no forms or controls of
# its own, no comments, no data attributes our scripts could mistake for their own.
FRAGMENT_TAGS = TAGS - {
    "form",
    "fieldset",
    "legend",
    "label",
    "input",
    "textarea",
    "select",
    "option",
    "button",
}
FRAGMENT_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "alt", "scope", "colspan", "rowspan", "align", "start"},
    "a": {"href"},
    "img": {"src"},
}


def sanitise_html(text: str, *, fragment: bool = False) -> str:
    """Return HTML with anything that could run removed.

    A page keeps our marker comments and `data-`/`aria-` attributes; a worksheet
    `fragment` keeps neither, nor any form control.
    """
    return nh3.clean(
        text,
        tags=FRAGMENT_TAGS if fragment else TAGS,
        attributes=FRAGMENT_ATTRIBUTES if fragment else ATTRIBUTES,
        generic_attribute_prefixes=set() if fragment else {"data-", "aria-"},
        url_schemes=SCHEMES,
        link_rel=None,
        strip_comments=fragment,
    )


class _Sanitise(Postprocessor):
    """The last postprocessor: runs after raw HTML is put back, on the whole output."""

    def run(self, text: str) -> str:
        """Sanitise the converted document."""
        return sanitise_html(text)


class SanitiseExtension(markdown.Extension):
    """Register the sanitiser after every other postprocessor."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        """Add the postprocessor at the lowest priority, so it sees the final HTML."""
        md.postprocessors.register(_Sanitise(md), "bb_sanitise", -1000)


def install(config: object) -> None:
    """Add the sanitiser to a MkDocs config's Markdown extensions (once)."""
    extensions = config.markdown_extensions  # type: ignore[attr-defined]
    if not any(isinstance(e, SanitiseExtension) for e in extensions):
        extensions.append(SanitiseExtension())


def escape_meta(meta: dict[str, object]) -> None:
    """Escape a page's front-matter title and description in place.

    Material prints both into the page unescaped (`<title>`, the header, and
    `<meta name="description" content="…">`), so author text such as
    `"><script>` would become live markup; escaped, it shows as text.
    """
    for key in ("title", "description", "subtitle", "status"):
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key], quote=True)
