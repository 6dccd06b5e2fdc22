"""The center's contacts and local services, rendered into pages as Markdown.

`<!-- course: contacts -->` and `<!-- course: services -->` in a page, and the
support box under every module, show what `extra.course` (see `settings.py`)
says, in the page's language. Author text is escaped, so it shows as text.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from .errors import AuthorError
from .text import escape, ui_strings

MARKER = re.compile(r"<!--\s*course:\s*([\w-]+)\s*-->")


def replace(match: re.Match[str], course: dict[str, Any], src_uri: str) -> str:
    """Render one `course:` marker; an unknown name is an author error."""
    name = match.group(1)
    renderers = {
        "contacts": render_contacts,
        "services": render_services,
        "crisis-lines": render_crisis_lines,
    }
    if name not in renderers:
        line = match.string[: match.start()].count("\n") + 1
        raise AuthorError(
            f"docs/{src_uri}", line, f"unknown marker `course: {name}`", f"allowed: {', '.join(renderers)}"
        )
    return renderers[name](course)


# The center's contact details: (key in `extra.course.contacts`, the string naming it), in the
# order paper lists them: how to book first, then how to write, call and find the center.
CONTACT_FIELDS = (
    ("booking_url", "page_book"),
    ("email", "page_email"),
    ("phone", "page_phone"),
    ("hours", "page_hours"),
    ("address", "page_address"),
)


def contact_rows(course: dict[str, Any], strings: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """Return (key, label, value) for each contact the center set, in `CONTACT_FIELDS` order.

    Values and labels are plain text: each caller escapes them for where they go.
    """
    labels = strings or _strings(course)
    contacts = course.get("contacts") or {}
    return [(key, labels[name], str(contacts[key])) for key, name in CONTACT_FIELDS if contacts.get(key)]


def contact_lines(course: dict[str, Any]) -> list[str]:
    """Return the center's contact details as Markdown lines, in the page language.

    On screen, booking is a button and comes last, after the details a learner reads.
    """
    lines, booking = [], []
    for key, label, value in contact_rows(course):
        if key == "booking_url":
            # `bb-contact-link`: print.css writes the address after the link, to type in from paper.
            booking.append(f"[{label}]({escape(value)}){{ .md-button .bb-contact-link }}")
        elif key == "email":
            lines.append(f"{label}: <{escape(value)}>")
        else:
            lines.append(f"{label}: {escape(value)}")
    return lines + booking


def render_contacts(course: dict[str, Any]) -> str:
    """Render the career center's contacts, or neutral text saying where to set them."""
    s = _strings(course)
    rows = contact_lines(course)
    if course.get("organisation"):
        rows.insert(0, f"**{escape(course['organisation'])}**")
    if not rows:
        return (
            '<div class="bb-contacts bb-contacts--unset" markdown>\n\n'
            f"## {s['page_unset_title']}\n\n{s['page_unset_body']}\n\n"
            f"*{s['page_unset_note']}*\n\n</div>"
        )
    body = "\n\n".join(rows)
    return f'<div class="bb-contacts" markdown>\n\n## {s["page_talk_to_us"]}\n\n{body}\n\n</div>'


def render_services(course: dict[str, Any]) -> str:
    """Render the local support services, or general guidance when none are set."""
    s = _strings(course)
    services = course["services"]
    if not services:
        text = s["page_services_none"].replace("{url}", "wellbeing.md")
        return f"## {s['page_services_none_title']}\n\n{text}"
    parts = [f"## {s['page_services_title']}\n"]
    for service in services:
        title = escape(service["name"])
        if service.get("url"):
            title = f"[{title}]({escape(service['url'])}){{ .bb-contact-link }}"
        line = f"- **{title}**"
        if service.get("detail"):
            line += f": {escape(service['detail'])}"
        if service.get("hours"):
            line += f" {s['page_service_hours']}: {escape(service['hours'])}."
        if service.get("phone"):
            line += f" {s['page_phone']}: {escape(service['phone'])}."
        parts.append(line)
    return "\n".join(parts)


def crisis_items(course: dict[str, Any]) -> list[str]:
    """Return each crisis line as escaped Markdown: `**Name** (where): how`, its name linked."""
    items = []
    for line in course.get("crisis_lines") or []:
        name = f"**{escape(line['name'])}**"
        if line.get("url"):
            name = f"[{name}]({escape(line['url'])}){{ .bb-contact-link }}"
        if line.get("where"):
            name += f" ({escape(line['where'])})"
        items.append(f"{name}: {escape(line['how'])}" if line.get("how") else name)
    return items


def emergency_line(course: dict[str, Any]) -> str:
    """Return the sentence on what to do in an emergency, with the course's numbers if it set them."""
    s = _strings(course)
    numbers = course.get("emergency_numbers")
    if not numbers:
        return s["page_crisis_emergency_local"]
    return s["page_crisis_emergency"].replace("{numbers}", escape(numbers))


def render_crisis_lines(course: dict[str, Any]) -> str:
    """Render the crisis lines a learner can call today and the emergency numbers.

    On a site no center has set up yet, a last line tells its host how to put in
    the lines of their own region.
    """
    s = _strings(course)
    parts = [f"## {s['page_crisis_title']}\n"]
    items = crisis_items(course)
    if items:
        parts += [s["page_crisis_intro"], "", *(f"- {item}" for item in items)]
    parts += ["", f"**{emergency_line(course)}**"]
    if not course.get("configured"):
        parts += ["", f"*{s['page_crisis_host']}*"]
    return "\n".join(parts)


def render_support_block(course: dict[str, Any], support_url: str) -> str:
    """Render the short "Need to talk it through?" box shown under each module.

    It ends with the crisis lines in one short paragraph, so a learner in distress
    finds a number under every lesson without opening another page.
    """
    s = _strings(course)
    lines = [
        line.replace("{ .md-button .bb-contact-link }", "{ .bb-contact-link }")
        for line in contact_lines(course)
    ]
    if course.get("organisation"):
        lines.insert(0, s["page_can_help"].replace("{organisation}", f"**{escape(course['organisation'])}**"))
    key = "page_support_more" if lines else "page_support_none"
    lines.append(s[key].replace("{url}", support_url))
    wellbeing = posixpath.join(posixpath.dirname(support_url), "wellbeing.md")
    crisis = " ".join(f"{item}." for item in crisis_items(course))
    lines.append(
        f"**{s['page_crisis_now']}** {crisis} {emergency_line(course)} "
        + s["page_crisis_more"].replace("{url}", wellbeing)
    )
    body = "\n".join(f"    {line}\n" for line in lines)
    return f'!!! tip bb-support "{s["page_support_title"]}"\n\n{body}'


def _strings(course: dict[str, Any]) -> dict[str, str]:
    """Return the course's strings, or English ones for a bare course dict (tests)."""
    return course.get("strings") or ui_strings("en")
