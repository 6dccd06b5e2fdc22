"""The `extra.course` block: a career center's name, contacts and settings.

Everything a center changes to make the course its own lives in this one
block of `mkdocs.yml` (or of a small `mkdocs.yml` that `INHERIT`s the course).
It is validated with MkDocs `Config` classes so a typo names its key.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

STRINGS_DIR = Path(__file__).parent / "strings"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate `extra.course` and store the checked values back in place."""
    course = load_course(config)
    config.extra["course"] = course
    return config


def on_page_markdown(markdown: str, *, page: Any, config: MkDocsConfig, files: Any) -> str:
    """Replace `<!-- course: contacts -->` style markers with the center's details."""
    course = config.extra["course"]
    return MARKER.sub(lambda match: replace(match, course, page.file.src_uri), markdown)


MARKER = re.compile(r"<!--\s*course:\s*([\w-]+)\s*-->")


class _Service(Config):
    """One local support service (counselling, advising hours, …)."""

    name = c.Type(str)
    detail = c.Type(str, default="")
    url = c.Optional(c.Type(str))
    phone = c.Optional(c.Type(str))


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


class CourseConfig(Config):
    """The schema of `extra.course`."""

    id = c.Type(str, default="bounce-back")
    organisation = c.Optional(c.Type(str))
    contacts = c.SubConfig(_Contacts)
    services = c.ListOfItems(c.SubConfig(_Service), default=[])
    footer = c.Optional(c.Type(str))
    modules = c.SubConfig(_Modules)


def load_course(config: MkDocsConfig) -> dict[str, Any]:
    """Return `extra.course` validated, with defaults filled and UI strings added."""
    raw = config.extra.get("course") or {}
    if not isinstance(raw, dict):
        raise PluginError("mkdocs.yml: extra.course must be a mapping; see docs/authoring")
    schema = CourseConfig(config_file_path=config.config_file_path)
    schema.load_dict(dict(raw))
    errors, warnings = schema.validate()
    for key, warning in warnings:
        log.warning("mkdocs.yml: extra.course.%s: %s", key, warning)
    if errors:
        key, err = errors[0]
        raise PluginError(f"mkdocs.yml: extra.course.{key}: {err}; allowed keys: {', '.join(schema)}")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", schema["id"]):
        raise PluginError(
            f"mkdocs.yml: extra.course.id {schema['id']!r} is not a slug; "
            "use lowercase letters, digits and hyphens"
        )
    course = _plain(schema)
    course["configured"] = bool(
        course["organisation"] or any(course["contacts"].values()) or course["services"]
    )
    course["strings"] = ui_strings(config.theme.get("language") or "en")
    return course


def ui_strings(language: str) -> dict[str, str]:
    """Return the widget strings for `language`, falling back to English per string."""
    strings = json.loads((STRINGS_DIR / "en.json").read_text(encoding="utf-8"))
    own = STRINGS_DIR / f"{language}.json"
    if language != "en" and own.is_file():
        strings.update(json.loads(own.read_text(encoding="utf-8")))
    return strings


def _plain(value: Any) -> Any:
    """Turn nested `Config` objects into plain dicts and lists for templates."""
    if isinstance(value, Config):
        return {key: _plain(value[key]) for key in value}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def replace(match: re.Match[str], course: dict[str, Any], src_uri: str) -> str:
    """Render one `course:` marker; an unknown name is an author error."""
    name = match.group(1)
    renderers = {"contacts": render_contacts, "services": render_services}
    if name not in renderers:
        line = match.string[: match.start()].count("\n") + 1
        raise PluginError(
            f"docs/{src_uri}:{line}: unknown marker `course: {name}`; allowed: {', '.join(renderers)}"
        )
    return renderers[name](course)


def render_contacts(course: dict[str, Any]) -> str:
    """Render the career center's contacts, or neutral text saying where to set them."""
    contacts = course["contacts"]
    rows = []
    if course.get("organisation"):
        rows.append(f"**{_e(course['organisation'])}**")
    if contacts.get("email"):
        rows.append(f"Email: <{_e(contacts['email'])}>")
    if contacts.get("phone"):
        rows.append(f"Phone: {_e(contacts['phone'])}")
    if contacts.get("hours"):
        rows.append(f"Opening hours: {_e(contacts['hours'])}")
    if contacts.get("address"):
        rows.append(f"Address: {_e(contacts['address'])}")
    if contacts.get("booking_url"):
        rows.append(f"[Book an appointment]({_e(contacts['booking_url'])}){{ .md-button }}")
    if not rows:
        return (
            '<div class="bb-contacts bb-contacts--unset" markdown>\n\n'
            "## Your career service\n\n"
            "If you are a student or a graduate, your school's career service can read "
            "your CV, practise interviews with you and help you plan. Many public "
            "employment services offer the same for free.\n\n"
            "*This course has not been set up with a career center's contacts yet. "
            "Whoever hosts it can add them under `extra.course.contacts` in `mkdocs.yml`.*\n\n"
            "</div>"
        )
    body = "\n\n".join(rows)
    return f'<div class="bb-contacts" markdown>\n\n## Talk to us\n\n{body}\n\n</div>'


def render_services(course: dict[str, Any]) -> str:
    """Render the local support services, or general guidance when none are set."""
    services = course["services"]
    if not services:
        return (
            "## If it weighs on you\n\n"
            "Feeling low for a few days after a rejection is normal. If it lasts, or "
            "starts to affect your sleep, eating or daily life, talk to someone you trust "
            "and see the [wellbeing note](wellbeing.md)."
        )
    parts = ["## Support services near you\n"]
    for service in services:
        title = _e(service["name"])
        if service.get("url"):
            title = f"[{title}]({_e(service['url'])})"
        line = f"- **{title}**"
        if service.get("detail"):
            line += f": {_e(service['detail'])}"
        if service.get("phone"):
            line += f" Phone: {_e(service['phone'])}."
        parts.append(line)
    return "\n".join(parts)


def _e(text: str) -> str:
    """Escape author text for Markdown output, keeping it on one line."""
    return html.escape(" ".join(str(text).split()), quote=True)
