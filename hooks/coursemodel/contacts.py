"""The center's contacts and local services, rendered into pages as Markdown.

`<!-- course: contacts -->` and `<!-- course: services -->` in a page, and the
support box under every module, show what `extra.course` (see `settings.py`)
says, in the page's language. A center's words are plain text: `literal`
writes every punctuation mark as a character reference, so Markdown sees no
link, image, emphasis or HTML in them and the browser shows exactly what was
typed. Links come only from the URL fields (`booking_url`, a service's `url`,
checked in `settings.py`: http(s), `mailto:`, `tel:`) and the email address,
written as HTML with the address escaped once.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import Any

from .errors import AuthorError
from .text import ui_strings

MARKER = re.compile(r"<!--\s*course:\s*([\w-]+)\s*-->")


def replace(match: re.Match[str], course: dict[str, Any], src_uri: str) -> str:
    """Render one `course:` marker; an unknown name is an author error."""
    name = match.group(1)
    renderers = {
        "contacts": render_contacts,
        "services": render_services,
        "crisis-lines": render_crisis_lines,
        "local-services": render_local_services,
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


# An address a `mailto:` link may carry: one @, no spaces, quotes or angle brackets.
EMAIL = re.compile(r"[^@\s<>\"'`]+@[^@\s<>\"'`]+")


def literal(text: Any) -> str:
    """Return author text for a line of Markdown that Markdown leaves as it is, folded onto one line.

    Every ASCII punctuation mark becomes a numeric character reference (`[` →
    `&#91;`): no link, image, emphasis, autolink, smart symbol or tag can start,
    and the page shows the text exactly as typed (an `&` once, not `&amp;amp;`).
    """
    folded = " ".join(str(text).split())
    return "".join(f"&#{ord(c)};" if c.isascii() and not c.isalnum() and c != " " else c for c in folded)


def link(url: str, text: str, css: str = "") -> str:
    """Return an HTML link whose address is escaped once and whose text is `literal`."""
    attribute = f' class="{css}"' if css else ""
    return f'<a{attribute} href="{html.escape(url.strip(), quote=True)}">{literal(text)}</a>'


def contact_lines(course: dict[str, Any], *, button: bool = True) -> list[str]:
    """Return the center's contact details as Markdown lines, in the page language.

    On screen, booking is a button (`button`) and comes last, after the details a learner reads.
    """
    lines, booking = [], []
    for key, label, value in contact_rows(course):
        if key == "booking_url":
            # `bb-contact-link`: print.css writes the address after the link, to type in from paper.
            css = "md-button bb-contact-link" if button else "bb-contact-link"
            booking.append(link(value, label, css))
        elif key == "email" and EMAIL.fullmatch(value.strip()):
            lines.append(f"{literal(label)}: {link('mailto:' + value.strip(), value.strip())}")
        else:
            lines.append(f"{literal(label)}: {literal(value)}")
    return lines + booking


def render_contacts(course: dict[str, Any]) -> str:
    """Render the career center's contacts, or neutral text saying where to set them."""
    s = _strings(course)
    rows = contact_lines(course)
    if course.get("organisation"):
        rows.insert(0, f"**{literal(course['organisation'])}**")
    if not rows:
        return (
            '<div class="bb-contacts bb-contacts--unset" markdown>\n\n'
            f"## {s['page_unset_title']}\n\n{s['page_unset_body']}\n\n"
            f"*{s['page_unset_note']}*\n\n</div>"
        )
    body = "\n\n".join(rows)
    return f'<div class="bb-contacts" markdown>\n\n## {s["page_talk_to_us"]}\n\n{body}\n\n</div>'


def service_item(service: dict[str, Any], s: dict[str, str]) -> str:
    """Return one service as Markdown (`**Name**: detail Hours: …. Phone: ….`), its name linked by its url."""
    title = literal(service["name"])
    if service.get("url"):
        title = link(service["url"], service["name"], "bb-contact-link")
    line = f"**{title}**"
    if service.get("detail"):
        line += f": {literal(service['detail'])}"
    if service.get("hours"):
        line += f" {literal(s['page_service_hours'])}: {literal(service['hours'])}."
    if service.get("phone"):
        line += f" {literal(s['page_phone'])}: {literal(service['phone'])}."
    return line


def render_services(course: dict[str, Any]) -> str:
    """Render the local support services, or general guidance when none are set."""
    s = _strings(course)
    if not course["services"]:
        text = s["page_services_none"].replace("{url}", "wellbeing.md")
        return f"## {s['page_services_none_title']}\n\n{text}"
    return render_local_services(course)


def render_local_services(course: dict[str, Any]) -> str:
    """Render the center's services for the wellbeing page, or nothing when it set none.

    The page's own general advice ("Where to turn") stays either way: this adds the
    center's counselling or wellbeing service by name, hours and phone.
    """
    s = _strings(course)
    services = course.get("services") or []
    if not services:
        return ""
    return "\n".join([f"## {s['page_services_title']}\n", *(f"- {service_item(x, s)}" for x in services)])


def crisis_items(course: dict[str, Any]) -> list[str]:
    """Return each crisis line as escaped Markdown: `**Name** (where): how`, its name linked."""
    items = []
    for line in course.get("crisis_lines") or []:
        # Plain words (a center's own lines are inert), the name linked only from its url.
        name = f"<strong>{literal(line['name'])}</strong>"
        if line.get("url"):
            name = link(line["url"], "", "bb-contact-link").replace("></a>", f">{name}</a>")
        if line.get("where"):
            name += f" ({literal(line['where'])})"
        items.append(f"{name}: {literal(line['how'])}" if line.get("how") else name)
    return items


def emergency_line(course: dict[str, Any]) -> str:
    """Return the sentence on what to do in an emergency, with the course's numbers if it set them."""
    s = _strings(course)
    numbers = course.get("emergency_numbers")
    if not numbers:
        return s["page_crisis_emergency_local"]
    return s["page_crisis_emergency"].replace("{numbers}", literal(numbers))


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


def render_support_block(course: dict[str, Any], support_url: str, wellbeing_url: str | None = "") -> str:
    """Render the short "Need to talk it through?" box shown under each module.

    It ends with the crisis lines in one short paragraph, so a learner in distress
    finds a number under every lesson without opening another page. `wellbeing_url` is the
    wellbeing page ("": beside the support page; None: the course has none, so no link).
    """
    s = _strings(course)
    lines = contact_lines(course, button=False)
    if course.get("organisation"):
        name = f"**{literal(course['organisation'])}**"
        lines.insert(0, s["page_can_help"].replace("{organisation}", name))
    # The center's own services (counselling, advising) by name and phone, under every lesson.
    lines += [service_item(service, s) for service in course.get("services") or []]
    key = "page_support_more" if lines else "page_support_none"
    lines.append(s[key].replace("{url}", support_url))
    if wellbeing_url == "":
        wellbeing_url = posixpath.join(posixpath.dirname(support_url), "wellbeing.md")
    crisis = " ".join(f"{item}." for item in crisis_items(course))
    more = s["page_crisis_more"].replace("{url}", wellbeing_url) if wellbeing_url else ""
    lines.append(f"**{s['page_crisis_now']}** {crisis} {emergency_line(course)} {more}".rstrip())
    body = "\n".join(f"    {line}\n" for line in lines)
    return f'!!! tip bb-support "{s["page_support_title"]}"\n\n{body}'


def _strings(course: dict[str, Any]) -> dict[str, str]:
    """Return the course's strings, or English ones for a bare course dict (tests)."""
    return course.get("strings") or ui_strings("en")
