"""Module pages and the sources registry: front matter and `docs/sources.yml`, validated.

A module is a Markdown page under `docs/modules/` with front matter (format in
ARCHITECTURE.md). Errors are `path:line: problem; allowed` (`AuthorError`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import AuthorError, LineDict, LineList, load_yaml, read_text, require_list, split_front_matter
from .model import Module, Source

MODULES_DIR = "modules/"
SOURCES_FILE = "sources.yml"

REQUIRED_KEYS = {
    "number": int,
    "title": str,
    "minutes": int,
    "objectives": list,
    "takeaways": list,
}
# `sources`: ids from docs/sources.yml, the articles a module retells (a course may have none).
OPTIONAL_KEYS = {"description": str, "sources": list}
SOURCE_KEYS = {"id", "file", "title", "by", "summary", "url"}
LIMITS = {"number": (1, 999), "minutes": (1, 240)}
# Material's own front-matter keys stay usable on module pages; each is checked here
# because Material reads them without checking and a typo would end in a traceback.
HIDE_VALUES = ("navigation", "toc", "footer", "feedback", "tags", "path")
MATERIAL_KEYS = {"hide", "search", "status", "icon", "template", "subtitle"}


def load_sources(path: Path, shown: str) -> dict[str, Source]:
    """Load the sources registry: a YAML list of articles with unique ids (none without the file)."""
    if not path.is_file():
        return {}
    data = load_yaml(read_text(path, shown), shown)
    if not isinstance(data, LineList):
        raise AuthorError(shown, 1, "the sources registry must be a list of articles", "`- id: …`")
    sources: dict[str, Source] = {}
    for index, item in enumerate(data):
        line = data.line_of(index)
        if not isinstance(item, LineDict):
            raise AuthorError(shown, line, "each source must be a mapping", f"keys {_keys(SOURCE_KEYS)}")
        for key in item:
            if key not in SOURCE_KEYS:
                raise AuthorError(
                    shown, item.line_of(key), f"unknown key `{key}`", f"allowed: {_keys(SOURCE_KEYS)}"
                )
        for key in ("id", "title", "by"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise AuthorError(shown, item.line_of(key), f"`{key}` must be non-empty text", "")
        if item["id"] in sources:
            raise AuthorError(shown, item.line_of("id"), f"duplicate source id `{item['id']}`", "")
        sources[item["id"]] = Source(**{k: str(v) for k, v in item.items()})
    return sources


def parse_module(
    text: str, shown: str, src_uri: str, sources: dict[str, Source], icon_dirs: Sequence[Path] = ()
) -> Module:
    """Validate one module file's front matter and return it as a `Module`.

    `icon_dirs` are the theme's folders an `icon:` is looked up in (Material's own when empty).
    """
    front, _body = split_front_matter(text)
    if front is None:
        raise AuthorError(
            shown,
            1,
            "a module must start with YAML front matter between `---` lines",
            f"keys {_keys(REQUIRED_KEYS)}",
        )
    data = load_yaml(front, shown, first_line=2)
    if not isinstance(data, LineDict):
        raise AuthorError(
            shown, 2, "the front matter must be a mapping of keys", f"keys {_keys(REQUIRED_KEYS)}"
        )
    allowed = set(REQUIRED_KEYS) | set(OPTIONAL_KEYS) | MATERIAL_KEYS
    for key in data:
        if key not in allowed:
            raise AuthorError(shown, data.line_of(key), f"unknown key `{key}`", f"allowed: {_keys(allowed)}")
    for key, kind in {**REQUIRED_KEYS, **OPTIONAL_KEYS}.items():
        if key not in data:
            if key in REQUIRED_KEYS:
                raise AuthorError(
                    shown, data.line, f"missing `{key}`", f"every module needs {_keys(REQUIRED_KEYS)}"
                )
            continue
        value = data[key]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise AuthorError(
                shown,
                data.line_of(key),
                f"`{key}` must be a whole number, not {value!r}",
                f"for example `{key}: 15`",
            )
        if kind is str and (not isinstance(value, str) or not value.strip()):
            raise AuthorError(shown, data.line_of(key), f"`{key}` must be non-empty text", "")
        if kind is list and not (key == "sources" and value == []):
            _check_text_list(data, key, shown)
    for key, (low, high) in LIMITS.items():
        if not low <= data[key] <= high:
            raise AuthorError(
                shown, data.line_of(key), f"`{key}` is {data[key]}", f"a number from {low} to {high}"
            )
    check_material_keys(data, shown, icon_dirs)
    for index, source_id in enumerate(data.get("sources") or []):
        if source_id not in sources:
            raise AuthorError(
                shown,
                data["sources"].line_of(index),
                f"unknown source id `{source_id}`",
                f"ids in docs/{SOURCES_FILE}: {', '.join(sources) or '(none)'}",
            )
    module = Module(
        src_uri=src_uri,
        path=shown,
        number=data["number"],
        title=data["title"].strip(),
        minutes=data["minutes"],
        objectives=list(data["objectives"]),
        takeaways=list(data["takeaways"]),
        sources=list(data.get("sources") or []),
        description=data.get("description", "").strip(),
        slug=Path(src_uri).stem,
        lines={k: data.line_of(k) for k in data},
    )
    return module


def module_line(module: Module, key: str) -> int:
    """Return the file line of a front-matter key of a parsed module."""
    return module.lines.get(key, 1)


def check_material_keys(data: LineDict, shown: str, icon_dirs: Sequence[Path] = ()) -> None:
    """Check the Material keys a module may set, so a typo is an error and not a traceback.

    `icon` must name an icon the theme has (`material/star` is `.icons/material/star.svg` in one
    of `icon_dirs`, the theme's folders; Material's own when none are given).
    """
    for key in ("status", "icon", "subtitle", "template"):
        if key in data and (not isinstance(data[key], str) or not data[key].strip()):
            raise AuthorError(shown, data.line_of(key), f"`{key}` must be text", f"for example `{key}: new`")
    if "template" in data and not data["template"].endswith(".html"):
        raise AuthorError(
            shown, data.line_of("template"), "`template` must name an `.html` template", "e.g. `main.html`"
        )
    if "icon" in data:
        check_icon(data["icon"].strip(), shown, data.line_of("icon"), icon_dirs)
    if "hide" in data:
        hide = data["hide"]
        if not isinstance(hide, list) or any(item not in HIDE_VALUES for item in hide):
            raise AuthorError(
                shown,
                data.line_of("hide"),
                f"`hide` must be a list of what to hide, not {hide!r}",
                f"any of: {', '.join(HIDE_VALUES)}",
            )
    if "search" in data:
        search = data["search"]
        ok = isinstance(search, dict) and all(
            (k == "exclude" and isinstance(v, bool))
            or (k == "boost" and isinstance(v, int | float) and not isinstance(v, bool))
            for k, v in search.items()
        )
        if not ok:
            raise AuthorError(
                shown,
                data.line_of("search"),
                "`search` is not understood",
                "`search: {exclude: true}` or `{boost: 2}`",
            )


# An icon's name: folders and a file name of letters, digits, `-` and `_` (no dots, so no `../`).
ICON_NAME = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*")


def check_icon(icon: str, shown: str, line: int, icon_dirs: Sequence[Path] = ()) -> None:
    """Refuse an `icon:` the theme does not have (Material would end the build in a Jinja traceback)."""
    folders = [Path(d) / ".icons" for d in icon_dirs] or [material_icons()]
    if ICON_NAME.fullmatch(icon) and any((folder / f"{icon}.svg").is_file() for folder in folders):
        return
    raise AuthorError(
        shown,
        line,
        f"`icon: {icon}` is not an icon the theme has",
        "name one of Material's icons as set/name, for example `material/star`, `fontawesome/solid/heart` "
        "or `octicons/rocket-16` (see https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/), "
        "or an SVG you put in your theme's custom_dir under .icons/",
    )


def material_icons() -> Path:
    """Return Material's own icon folder."""
    import material

    return Path(material.__file__).resolve().parent / "templates" / ".icons"


def select_modules(
    modules: list[Module], settings: dict[str, Any], shown: str = "mkdocs.yml", line_of: Any = None
) -> list[Module]:
    """Apply a career center's `extra.course.modules` hide and order settings.

    `line_of(key, slug, nth)` is the line of the `nth` mention of a name under `hide` or
    `order` in the file `shown`. A name that is no module, a name written twice, a module
    both hidden and ordered, or hiding every module is an error at its line.
    """
    hide = list(settings.get("hide", []))
    order = list(settings.get("order", []))
    known = {m.slug for m in modules}

    def where(key: str, slug: str, nth: int = 1) -> int:
        """Return the line of a name in the center's file (1 when unknown)."""
        return line_of(key, slug, nth) if line_of else 1

    for key, names in (("hide", hide), ("order", order)):
        for index, slug in enumerate(names):
            if slug not in known:
                raise AuthorError(
                    shown,
                    where(key, slug),
                    f"extra.course.modules names an unknown module `{slug}`",
                    f"module file names without .md: {', '.join(sorted(known))}",
                )
            if slug in names[:index]:
                raise AuthorError(
                    shown,
                    where(key, slug, 2),
                    f"extra.course.modules.{key} names `{slug}` twice",
                    "name each module once",
                )
    for slug in order:
        if slug in hide:
            raise AuthorError(
                shown,
                where("order", slug),
                f"extra.course.modules.order places `{slug}`, which hide leaves out",
                "take it out of order (to hide it) or out of hide (to show it)",
            )
    kept = [m for m in modules if m.slug not in hide]
    if modules and not kept:
        raise AuthorError(
            shown,
            where("hide", hide[0]),
            "extra.course.modules.hide hides every module, so the course would show none",
            "keep at least one module",
        )
    if order:
        rank = {slug: i for i, slug in enumerate(order)}
        kept.sort(key=lambda m: (rank.get(m.slug, len(rank)), m.number))
    return kept


def _check_text_list(data: LineDict, key: str, shown: str) -> None:
    """Check that `data[key]` is a non-empty list of non-empty strings."""
    value = require_list(data, key, shown, f"every module needs `{key}`")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise AuthorError(shown, value.line_of(index), f"each item of `{key}` must be text", "")


def _keys(keys: Any) -> str:
    """List keys for an error message."""
    return ", ".join(sorted(keys))


def render_nav_titles(modules: list[Module]) -> list[dict[str, str]]:
    """Return nav entries `{"N. Title": src}`; titles are escaped, as Material prints them raw."""
    import html

    return [{f"{m.position}. {html.escape(m.title)}": m.src_uri} for m in modules]


def drop_from_nav(nav: Any, prefixes: tuple[str, ...]) -> Any:
    """Return the nav without entries for the pages `prefixes` name, and without sections left empty.

    A prefix is a page (`modules/07-grow-and-go.md`, a hidden module) or a folder
    (`facilitators/`, staff pages); both hidden modules and staff pages go through here,
    so a menu never links to a page that is not built.
    """
    if isinstance(nav, list):
        kept = [drop_from_nav(item, prefixes) for item in nav]
        return [item for item in kept if item not in (None, [], {})]
    if isinstance(nav, dict):
        kept = {key: drop_from_nav(value, prefixes) for key, value in nav.items()}
        return {key: value for key, value in kept.items() if value not in (None, [], {})} or None
    if isinstance(nav, str) and nav.startswith(prefixes):
        return None
    return nav


# An inline Markdown link (not an image): [text](target "optional title").
INLINE_LINK = re.compile(
    r"(?<!!)\[(?P<text>[^\]\n]+)\]\((?P<target>[^)\s]+)"
    r"""(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\)"""
)


def unlink_hidden(markdown: str, src_uri: str, hidden: set[str]) -> tuple[str, list[str]]:
    """Turn links to pages hiding left unbuilt into plain text; return the text and the targets unlinked.

    A center that hides a module should not have to edit the course's own pages
    (and a strict build would stop on every link to a page that is not built),
    so "see [Module 7](07-grow-and-go.md)" reads "see Module 7" instead.
    """
    unlinked: list[str] = []

    def plain(match: re.Match[str]) -> str:
        """Keep a link's text when its target is a hidden module, else the link."""
        target = match.group("target").split("#", 1)[0]
        if not target or "://" in target or target.startswith(("/", "mailto:")):
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))
        if resolved not in hidden:
            return match.group(0)
        unlinked.append(resolved)
        return match.group("text")

    return INLINE_LINK.sub(plain, markdown), unlinked
