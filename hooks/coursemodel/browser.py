"""The course data file for the browser, made from the model.

Every script reads `BounceBack.course` instead of scraping the page or
rebuilding storage names. It is shipped at the top of the JavaScript bundle,
so it needs no request of its own and works from `file://` too.

Shape (`v` 1), all text plain (scripts show it with `textContent`):

    {"v": 1, "id": course id,
     "modules": [{"src", "url", "number", "title", "minutes",
                  "worksheets": [ids placed, in order], "checklist": [item slugs]}],
     "worksheets": {id: {"title", "module": src or null, "url", "where",
                         "sections": [{"title", "fields": [FIELD, …]}]}},
     "paths": {"worksheet", "situation", "flag", "name", "url", "names": {name: label}}}
    (`paths` only when the course has an About-you worksheet; see `paths_data`)

FIELD is `{"id", "type", "label", "names": [storage names]}` plus `plan` when
set (`true`, or a plan line: see `plan_data`), and by type: `options`/`items` as
`[slug, text]` pairs (a scenario also has `comments`, `[slug, comment]`, for My plan only),
`count`, `rows` and `columns` (`{"slug", "label", "type"}`),
`min`, `max`, `min_label`, `max_label` and `compare` (`[worksheet, field]`: the earlier
rating My plan shows beside this one), and a message's parsed template as
`message` (nodes, see `messages.node_data`). `url`s are relative to the site root.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .fieldtypes import units
from .messagedata import node_data
from .model import Course, Field, Worksheet
from .paths import find_roles

VERSION = 1


def course_data(course: Course, plain: Callable[[str], str]) -> dict[str, Any]:
    """Return the course data for the browser; `plain` turns inline Markdown into plain text."""
    return {
        "v": VERSION,
        "id": course.id,
        "modules": [
            {
                "src": m.src_uri,
                "url": m.url,
                "number": m.position,
                "title": plain(m.title),
                "minutes": m.minutes,
                "worksheets": list(m.worksheets),
                "checklist": [item.slug for item in m.checklist],
            }
            for m in course.modules
        ],
        "worksheets": {ws.id: worksheet_data(course, ws, plain) for ws in course.worksheet_order()},
        **({"paths": paths_data(course)} if course.paths else {}),
    }


def paths_data(course: Course) -> dict[str, Any]:
    """Describe personal paths for paths.js: where the answers live and each name's label.

    `worksheet`, `situation`, `flag` and `name` are the worksheet with the `role` fields and
    those fields' ids ("" where the course has none); `names` maps each path name a lesson
    may use to its short label; `url` is the form.
    """
    roles = find_roles(course.worksheets)
    ws_id = roles.worksheet
    home = course.home_of(ws_id)
    page = course.pages.get(f"worksheets/{ws_id}.md")
    url = f"{home.url}#worksheet-{ws_id}" if home else (page.url if page else f"worksheets/{ws_id}/")
    return {
        "worksheet": ws_id,
        "situation": roles.situation,
        "flag": roles.flag,
        "name": roles.name,
        "url": url,
        "names": dict(course.paths),
    }


def worksheet_data(course: Course, ws: Worksheet, plain: Callable[[str], str]) -> dict[str, Any]:
    """Describe one worksheet: where it is edited and every field."""
    home = course.home_of(ws.id)
    if home is not None:
        url, where = f"{home.url}#worksheet-{ws.id}", f"{home.position}. {plain(home.title)}"
    else:
        page = course.pages.get(f"worksheets/{ws.id}.md")
        url, where = (page.url if page else f"worksheets/{ws.id}/"), ""
    return {
        "title": plain(ws.title),
        "module": home.src_uri if home else None,
        "url": url,
        "where": where,
        "sections": [
            {"title": plain(section.title), "fields": [field_data(f, plain, ws) for f in section.fields]}
            for section in ws.sections
        ],
    }


def field_data(one: Field, plain: Callable[[str], str], ws: Worksheet | None = None) -> dict[str, Any]:
    """Describe one field: its storage names and what turns stored slugs back into words."""
    entry: dict[str, Any] = {"id": one.id, "type": one.type, "label": plain(one.label), "names": one.names()}
    if one.plan:
        entry["plan"] = plan_data(one, ws, plain) if one.plan_line is not None and ws is not None else True
    if one.type in ("choice", "multichoice", "scenario"):
        entry["options"] = [[c.slug, plain(c.text)] for c in one.options]
        if one.type == "scenario":
            # My plan and its Markdown show the coach's comment on the learner's choice.
            entry["comments"] = [[c.slug, plain(c.comment)] for c in one.options]
    elif one.type == "checklist":
        entry["items"] = [[c.slug, plain(c.text)] for c in one.items]
    elif one.type == "list":
        entry["count"] = one.count
    elif one.type == "table":
        entry["rows"] = one.rows
        entry["columns"] = [{"slug": c.slug, "label": plain(c.label), "type": c.type} for c in one.columns]
    elif one.type == "scale":
        entry.update(min=one.min, max=one.max, min_label=plain(one.min_label), max_label=plain(one.max_label))
        if one.compare:
            entry["compare"] = one.compare.split(".")
    elif one.type == "message":
        entry["message"] = node_data(one.message.nodes, plain, Field.names)
        if one.to:
            target_ws, _, target = one.to.partition(".")
            entry["to"] = [target_ws, target]
    elif one.type in units():
        entry.update(units()[one.type].data(one, plain))
    return entry


def plan_data(one: Field, ws: Worksheet, plain: Callable[[str], str]) -> dict[str, Any]:
    """Describe a plan line for plan.js: `{"line": nodes, "when", "date"?, "note"?}`.

    `when` lists the storage names of this worksheet whose answers bring the item
    onto My plan (the field itself and the ones its line names); `date` is the
    storage name of the date that dates it (the field, when it is a date), or for a
    table the slug of the date column; `note` lists the ids of the worksheet's messages
    the field's `note:` names: the calendar event carries the one meant for that step.
    """
    data: dict[str, Any] = {"line": node_data(one.plan_line.nodes, plain, Field.names, short=True)}
    if one.type == "table":
        if one.plan_date:
            data["date"] = one.plan_date
    else:
        when = list(one.names())
        for ref in one.plan_line.refs:
            if ref.ws == ws.id and ref.field and ref.target is not None:
                when.extend(n for n in ref.target.names() if n not in when)
        data["when"] = when
        if one.type == "date":
            data["date"] = one.names()[0]
    # The author says which message a step sends (`note:`); a step never carries another's message.
    if one.note:
        data["note"] = list(one.note)
    return data


def course_data_script(data: dict[str, Any]) -> str:
    """Return the statement that hands the course data to the scripts (safe to inline anywhere)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # JSON is JavaScript; escaping `<` keeps `</script>` in author text from closing an inline copy.
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"(window.BounceBack=window.BounceBack||{{}}).course={text};\n"


# What the scripts on every page need of a field: progress counts answers by storage name.
# The rest (words, options, messages, plan lines) comes with the page that shows the form
# (steps/pageassets.py) or, for My plan, in the full data bundle.
CORE_FIELD_KEYS = ("id", "names")


def core_field(entry: dict[str, Any]) -> dict[str, Any]:
    """Return what every page needs of a field."""
    return {k: entry[k] for k in CORE_FIELD_KEYS if k in entry}


# What a page's scripts need of the fields of the forms it shows: storage names, a message's
# parsed template for its preview. A field-type unit's script may read any of its own data.
PAGE_FIELD_KEYS = ("id", "type", "names", "message")


def page_worksheet(entry: dict[str, Any]) -> dict[str, Any]:
    """Return what a page that shows a worksheet's form needs of it (labels and options are in the form)."""
    return {
        "sections": [
            {
                "fields": [
                    f if f["type"] in units() else {k: f[k] for k in PAGE_FIELD_KEYS if k in f}
                    for f in s["fields"]
                ]
            }
            for s in entry["sections"]
        ]
    }


def core_course_data(data: dict[str, Any]) -> dict[str, Any]:
    """Return the course data every page needs: modules, and each field's storage names for progress.

    A page that shows a form gets that worksheet's full entry beside it; My plan loads the
    full data (`course.<hash>.js`).
    """
    return {
        "v": data["v"],
        "id": data["id"],
        "modules": data["modules"],
        "worksheets": {
            ws_id: {
                "sections": [
                    {"fields": [core_field(f) for f in section["fields"]]} for section in ws["sections"]
                ]
            }
            for ws_id, ws in data["worksheets"].items()
        },
        **({"paths": data["paths"]} if "paths" in data else {}),
    }
