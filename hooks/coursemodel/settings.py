"""The `extra.course` block: a career center's name, contacts, colours and settings.

Everything a center changes to make the course its own lives in this one
block of `mkdocs.yml` (or of a small `mkdocs.yml` that `INHERIT`s the course).
It is validated with MkDocs `Config` classes so a typo names its key, at its
line. The contacts and services it describes are rendered by `contacts.py`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig

from .colours import check_colours, contrast, normal_hex, render_brand_css  # noqa: F401 (their old home)
from .configwords import friendly, value_at
from .errors import AuthorError
from .printing import check_paper
from .text import config_name, inherit_chain, project_root, shown_file, slugify, ui_strings
from .trust import check_svg, link_problem, remote_problem

BUILD_ONLY = ("page_", "ws_")
# Strings that say where answers are kept, with an `_lms` wording for SCORM packages.
LMS_WORDS = ("ws_all_intro", "page_slides_answers", "page_storage", "page_storage_shared")
BRAND_CSS = "assets/bounce-back/brand.css"
BRAND_DIR = "assets/brand/"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico"}
# A center's texts are a name, an address, a sentence: anything longer is a mistake
# (a pasted file) and would slow every page down.
MAX_TEXT = 2000
HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
LOCALE = re.compile(r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?")


class _Service(Config):
    """One local support service (counselling, advising hours, …)."""

    name = c.Type(str)
    detail = c.Type(str, default="")
    url = c.Optional(c.Type(str))
    phone = c.Optional(c.Type(str))
    hours = c.Optional(c.Type(str))


class _CrisisLine(Config):
    """A line a learner in distress can call or text today, and who it serves."""

    name = c.Type(str)
    where = c.Type(str, default="")
    how = c.Type(str, default="")
    url = c.Optional(c.Type(str))


class _Colours(Config):
    """The center's colours as `#rrggbb`; each one optional."""

    primary = c.Optional(c.Type(str))
    accent = c.Optional(c.Type(str))
    header_text = c.Optional(c.Type(str))
    link_dark = c.Optional(c.Type(str))


class _Contacts(Config):
    """How learners reach the career center."""

    email = c.Optional(c.Type(str))
    phone = c.Optional(c.Type(str))
    booking_url = c.Optional(c.Type(str))
    hours = c.Optional(c.Type(str))
    address = c.Optional(c.Type(str))


class _Modules(Config):
    """Which built-in modules to hide, and an optional explicit order."""

    hide = c.ListOfItems(c.Type(str), default=[])
    order = c.ListOfItems(c.Type(str), default=[])


class _StaffPages(Config):
    """Pages for staff (facilitators, authors, hosts): kept in a staff build, left out of a learner build."""

    include = c.Type(bool, default=True)
    paths = c.ListOfItems(c.Type(str), default=["facilitators/", "authoring/", "hosting/"])


class CourseConfig(Config):
    """The schema of `extra.course`."""

    # Names the learners' browser storage; unset: made from `site_name` (so two courses never share it).
    id = c.Optional(c.Type(str))
    organisation = c.Optional(c.Type(str))
    contacts = c.SubConfig(_Contacts)
    services = c.ListOfItems(c.SubConfig(_Service), default=[])
    # The course's defaults live in its mkdocs.yml, not here, so a center replaces them there.
    crisis_lines = c.ListOfItems(c.SubConfig(_CrisisLine), default=[])
    emergency_numbers = c.Optional(c.Type(str))
    footer = c.Optional(c.Type(str))
    modules = c.SubConfig(_Modules)
    colours = c.SubConfig(_Colours)
    logo = c.Optional(c.Type(str))
    favicon = c.Optional(c.Type(str))
    staff_pages = c.SubConfig(_StaffPages)
    paper = c.Optional(c.Type(str))  # the handouts' default size: a4 or letter (the other is built too)
    # The variant dates are written in ("en-GB": Thursday 26 November; "en-US": Thursday, November 26).
    locale = c.Optional(c.Type(str))


def load_course(
    config: MkDocsConfig, *, staff_pages: bool | None = None, scorm: bool = False
) -> dict[str, Any]:
    """Return `extra.course` validated, with defaults filled and UI strings added."""
    raw = config.extra.get("course") or {}
    if not isinstance(raw, dict):
        raise AuthorError(
            config_name(config),
            course_line(config, ""),
            "extra.course must be a mapping",
            "see docs/authoring",
        )
    check_lengths(raw, config_name(config), config)
    schema = CourseConfig(config_file_path=config.config_file_path)
    schema.load_dict(dict(raw))
    errors, warnings = schema.validate()
    shown = config_name(config)
    # An unknown key is a warning to MkDocs, but almost always a typo ("contact"): stop and name it.
    if errors or warnings:
        raise schema_error(config, *[*errors, *warnings][0])
    if schema["id"] is None:
        schema["id"] = slugify(config.site_name or "") or "course"
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", schema["id"]):
        raise AuthorError(
            shown,
            course_line(config, "id"),
            f"extra.course.id: {schema['id']!r} is not a slug",
            "use lowercase letters, digits and hyphens",
        )
    course = _plain(schema)
    for key, value in course["colours"].items():
        if value is None:
            check_unquoted_colour(config, key, shown)
        if value is not None and not HEX.fullmatch(value.strip()):
            raise AuthorError(
                shown,
                course_line(config, f"colours.{key}"),
                f"extra.course.colours.{key}: {value!r} is not a colour",
                'write it as "#rrggbb" in quotes, for example "#1d4f91"',
            )
        if value is not None:
            course["colours"][key] = normal_hex(value)
    for line in course["crisis_lines"]:
        if line["url"] and not re.match(r"https?://", line["url"]):
            raise AuthorError(
                shown,
                course_line(config, "crisis_lines"),
                f"extra.course.crisis_lines: {line['name']!r} has the address {line['url']!r}",
                "give a web address that starts with https:// (or leave url out)",
            )
    check_links(course, config)
    course["paper"] = check_paper(course["paper"], shown, course_line(config, "paper"))
    # The plugin's `staff_pages` (COURSE_STAFF_PAGES=false in the flagship) makes a learner build
    # of the same config (true: a staff build).
    if staff_pages is not None:
        course["staff_pages"]["include"] = staff_pages
    course["configured"] = bool(
        course["organisation"] or any(course["contacts"].values()) or course["services"]
    )
    # The engine's words, then the course's own (`strings/<language>.json` beside docs/).
    course["strings"] = ui_strings(config.theme.get("language") or "en", project_root(config))
    # A SCORM package (the plugin's `scorm`) also saves answers to the learner's LMS record: every
    # sentence that says where answers are kept takes its `_lms` wording there, so none is false.
    course["lms"] = scorm
    if course["lms"]:
        for key in LMS_WORDS:
            course["strings"][key] = course["strings"][key + "_lms"]
    if course["locale"] is not None:
        if not LOCALE.fullmatch(course["locale"].strip()):
            raise AuthorError(
                shown,
                course_line(config, "locale"),
                f"extra.course.locale: {course['locale']!r} is not a language tag",
                'write a language and region such as "en-GB" or "en-US"',
            )
        course["strings"]["date_locale"] = course["locale"].strip()
    # Only widget strings go to the browser; `page_`/`ws_` strings are rendered at build time.
    course["client_strings"] = {
        key: value for key, value in course["strings"].items() if not key.startswith(BUILD_ONLY)
    }
    return course


def check_links(course: dict[str, Any], config: Any) -> None:
    """Refuse a contact or service URL that is not http(s) with a host, `mailto:` or `tel:`, at its line.

    These are the only links a center's settings make (its other words are plain text).
    """
    fields = [("contacts.booking_url", course["contacts"].get("booking_url"))]
    fields += [("services.url", service.get("url")) for service in course["services"]]
    lines = config_lines(config)
    for key, value in fields:
        problem = link_problem(value) if value is not None else ""
        if problem:
            start = course_line(config, key)
            line = next((n for n, text in enumerate(lines, 1) if n >= start and str(value) in text), start)
            raise AuthorError(
                config_name(config),
                line,
                f"extra.course.{key}: {problem}",
                "give a web address (https://…), a mailto: or a tel: address",
            )


# The sections of `extra.course` that are mappings of their own (a list of them, for services).
SECTIONS: dict[str, type[Config]] = {
    "contacts": _Contacts,
    "services": _Service,
    "crisis_lines": _CrisisLine,
    "colours": _Colours,
    "modules": _Modules,
    "staff_pages": _StaffPages,
}


def schema_error(config: Any, key: str, error: Any) -> AuthorError:
    """Return a schema problem as `path:line: extra.course.key[.sub]: problem; allowed keys`."""
    problem, where, keys = str(error), key, [name for name, _option in CourseConfig._schema]
    sub = re.fullmatch(r"Sub-option '([\w-]+)': (.*)", problem, re.S)
    if sub and key in SECTIONS:
        where, problem = f"{key}.{sub.group(1)}", sub.group(2)
        keys = [name for name, _option in SECTIONS[key]._schema]
    unknown = "Unrecognised configuration name" in problem
    allowed = f"allowed keys here: {', '.join(keys)}" if unknown else ""
    if not unknown:
        problem = friendly(problem, value_at(config.extra.get("course"), where))
    line = course_line(config, where)
    return AuthorError(config_name(config), line, f"extra.course.{where}: {problem}", allowed)


def config_lines(config: Any) -> list[str]:
    """Return the lines of the config file that is being built ([] when it cannot be read)."""
    path = Path(getattr(config, "config_file_path", None) or "mkdocs.yml")
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def config_line(config: Any, key: str) -> int:
    """Return the line of the first `key:` in the config file (1 when it cannot be found)."""
    pattern = re.compile(rf"^\s*-?\s*{re.escape(key)}\s*:")
    return next((n for n, line in enumerate(config_lines(config), 1) if pattern.match(line)), 1)


def config_place(config: Any, key: str) -> tuple[str, int]:
    """Return (file, line) where `key:` is written: the config built, else the file it INHERITs.

    A center's small `mkdocs.yml` that INHERITs the course leaves most keys
    (`site_url`, `theme.language`) to the course's file, so a message about one
    names the line that really sets it (`mkdocs.yml:8`), not line 1 of the
    center's file. A key written nowhere gives the built config, line 1.
    """
    pattern = re.compile(rf"^\s*-?\s*{re.escape(key)}\s*:")
    for path in inherit_chain(config):
        lines = path.read_text(encoding="utf-8").splitlines()
        line = next((n for n, text in enumerate(lines, 1) if pattern.match(text)), 0)
        if line:
            return shown_file(path), line
    return config_name(config), 1


def check_unquoted_colour(config: Any, key: str, shown: str) -> None:
    """Refuse `primary: #5b2a86` written without quotes: YAML reads it as a comment, so it is lost."""
    line = course_line(config, f"colours.{key}")
    lines = config_lines(config)
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if re.match(rf"^\s*{key}\s*:\s*#", text):
        raise AuthorError(
            shown,
            line,
            f"extra.course.colours.{key} is written without quotes, so YAML reads the colour as a comment",
            f'put it in quotes: `{key}: "#{text.split("#", 1)[1].split()[0]}"`',
        )


def course_line(config: Any, key: str) -> int:
    """Return the line of `extra.course.<key>` in the config file (1 when it cannot be found).

    `key` is dotted for nested keys (`colours.primary`; "" for the block itself). The
    path is followed by indentation, so `primary:` under `theme.palette` or a
    commented-out example is never taken for the center's setting; when only part
    of the path is written, the line of its deepest part is returned.
    """
    return key_line(config, ["extra", "course", *filter(None, key.split("."))])


def key_line(config: Any, wanted: list[str]) -> int:
    """Return the line of the nested key `wanted` (`["theme", "logo"]`) in the config file, else 1.

    See `course_line`: the path is followed by indentation from the top level.
    """
    found, depth, indent_of_parent = 1, 0, -1
    for number, line in enumerate(config_lines(config), 1):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if depth and (indent < indent_of_parent or (indent == indent_of_parent and stripped[0] != "-")):
            break  # the block of the last key found has ended (a list may sit at its key's indent)
        match = re.match(r"(?:-\s+)?([\w-]+)\s*:", stripped)
        if match and match.group(1) == wanted[depth] and (depth or indent == 0):
            found, depth, indent_of_parent = number, depth + 1, indent
            if depth == len(wanted):
                break
    return found


def check_lengths(value: Any, shown: str, config: Any, path: str = "extra.course") -> None:
    """Refuse any text in `extra.course` longer than MAX_TEXT characters."""
    if isinstance(value, dict):
        for key, item in value.items():
            check_lengths(item, shown, config, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            check_lengths(item, shown, config, path)
    elif isinstance(value, str) and len(value) > MAX_TEXT:
        raise AuthorError(
            shown,
            course_line(config, path.removeprefix("extra.course").lstrip(".")),
            f"{path} is {len(value):,} characters long",
            f"keep it under {MAX_TEXT:,}",
        )


def brand_files(course: dict[str, Any], config: MkDocsConfig) -> dict[str, tuple[str, Path]]:
    """Return `{"logo"|"favicon": (site uri, file path)}` for the center's own images.

    The paths in `extra.course.logo` and `favicon` are relative to the config
    file that sets them, so a center keeps its images beside its own
    `mkdocs.yml` and never touches `docs/`.
    """
    base = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    found = {}
    for key in ("logo", "favicon"):
        value = course.get(key)
        if not value:
            continue
        remote = remote_problem(value)
        if remote:
            raise AuthorError(
                config_name(config),
                course_line(config, key),
                f"extra.course.{key}: {remote}",
                f"give a path inside {base.name}/ to a {', '.join(sorted(IMAGE_SUFFIXES))} file "
                "kept beside this config file (learners' browsers must not call another server)",
            )
        path = (base / value).resolve()
        if not path.is_relative_to(base) or path.suffix.lower() not in IMAGE_SUFFIXES:
            raise AuthorError(
                config_name(config),
                course_line(config, key),
                f"extra.course.{key}: {value!r} is not an image beside this config file",
                f"give a path inside {base.name}/ to a {', '.join(sorted(IMAGE_SUFFIXES))} file",
            )
        if not path.is_file():
            raise AuthorError(
                config_name(config),
                course_line(config, key),
                f"extra.course.{key}: no file at {value!r} (looked in {path.parent})",
                "give a path relative to this config file",
            )
        check_svg(path, shown_file(path))
        found[key] = (f"{BRAND_DIR}{key}{path.suffix.lower()}", path)
    return found


def _plain(value: Any) -> Any:
    """Turn nested `Config` objects into plain dicts and lists for templates."""
    if isinstance(value, Config):
        return {key: _plain(value[key]) for key in value}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
