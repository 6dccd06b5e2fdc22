"""Before/after ratings: a `scale` field's `compare: worksheet.field` names an earlier rating.

My plan shows each such pair side by side ("How things have moved"). The key is read
with the field (`parse`), checked against every worksheet file once all are loaded
(`check_course`, which names fields the way messages do, through `messages.resolve`),
and a pair whose earlier rating sits in a worksheet only a hidden module places is
dropped when the course is loaded (`drop_hidden`): the later rating then shows as an
ordinary answer, and a center that hides module 1 gets no warning that would fail a
strict build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import AuthorError, LineDict, kind_of, optional_int
from .formats import DEFAULTS, LIMITS, MAX_SCALE_POINTS, PLACEHOLDER_NAME
from .messages import Ref, resolve

if TYPE_CHECKING:
    from .model import Field, Worksheet

KEY = "compare"
HELP = "`compare: worksheet.field` (or `compare: field` in the same worksheet), naming a scale field"


def parse(data: LineDict, shown: str) -> str:
    """Return a scale's `compare` as written ("" when absent); its shape is checked here."""
    if KEY not in data:
        return ""
    value = data[KEY]
    if not isinstance(value, str) or not PLACEHOLDER_NAME.match(value.strip()):
        shown_value = f"`{value}`" if isinstance(value, str) else kind_of(value)
        raise AuthorError(shown, data.line_of(KEY), f"`compare` must name one field, not {shown_value}", HELP)
    return value.strip()


def check_course(worksheets: dict[str, Worksheet]) -> None:
    """Check every `compare` against every worksheet file; each becomes `worksheet.field` in full.

    The earlier rating must exist, be a scale with the same range, not be the field
    itself, not compare with a rating of its own (no chains), and be compared once.
    """
    taken: dict[str, tuple[Worksheet, Field]] = {}
    for ws in worksheets.values():
        for one in ws.fields.values():
            if one.compare:
                target = check_one(one, ws, worksheets)
                if target in taken:
                    first_ws, first = taken[target]
                    raise AuthorError(
                        ws.path,
                        one.lines[KEY],
                        f"`{target}` is already compared with `{first_ws.id}.{first.id}` ({first_ws.path}:"
                        f"{first.lines[KEY]})",
                        "compare each earlier rating with one later rating",
                    )
                taken[target] = (ws, one)


def check_one(one: Field, ws: Worksheet, worksheets: dict[str, Worksheet]) -> str:
    """Resolve one field's `compare` and check the rating it names; return `worksheet.field`."""
    line = one.lines[KEY]
    ref = Ref(one.compare, line, f"compare: {one.compare}")
    owner = worksheets.get(ref.owner) if ref.owner else ws
    named = owner.fields.get(ref.name) if owner is not None else None
    if named is None or named.stores:
        resolve(ref, ws, worksheets, None)
    target = ref.target or named
    full = f"{owner.id}.{target.id}"
    if target is one:
        raise AuthorError(ws.path, line, f"`compare: {one.compare}` names this field itself", HELP)
    if target.type != "scale":
        problem = f"`compare: {one.compare}` names a {target.type} field"
        raise AuthorError(ws.path, line, problem, f"{HELP} with the same range")
    if (target.min, target.max) != (one.min, one.max):
        raise AuthorError(
            ws.path,
            line,
            f"`compare: {one.compare}` runs from {target.min} to {target.max}, "
            f"but this scale runs from {one.min} to {one.max}",
            "give both scales the same `min` and `max`, so the two numbers mean the same",
        )
    if target.compare:
        first = target.compare if "." in target.compare else f"{owner.id}.{target.compare}"
        raise AuthorError(
            ws.path,
            line,
            f"`compare: {one.compare}` names a field that compares with `{first}` itself",
            f"compare with the first rating: `compare: {first}`",
        )
    one.compare = full
    return full


def drop_hidden(worksheets: dict[str, Worksheet]) -> None:
    """Forget a `compare` whose earlier rating's worksheet is not in the course (a hidden module's)."""
    for ws in worksheets.values():
        for one in ws.fields.values():
            if one.compare and one.compare.partition(".")[0] not in worksheets:
                one.compare = ""


def pairs(worksheets: dict[str, Worksheet]) -> list[tuple[str, str]]:
    """Return every (worksheet, field) a `compare` joins, both ends: My plan shows them."""
    found: list[tuple[str, str]] = []
    for ws in worksheets.values():
        for one in ws.fields.values():
            if one.compare:
                earlier_ws, _dot, earlier = one.compare.partition(".")
                found += [(ws.id, one.id), (earlier_ws, earlier)]
    return found


def check_scale(one: Any, data: Any, shown: str) -> None:
    """Read a scale's range: whole numbers, lowest below highest, not too many points."""
    one.min = optional_int(data, "min", shown, LIMITS[("scale", "min")], default=DEFAULTS["min"])
    one.max = optional_int(data, "max", shown, LIMITS[("scale", "max")], default=DEFAULTS["max"])
    where = data.line_of("max") if "max" in data else data.line_of("min")
    if one.min >= one.max:
        raise AuthorError(
            shown,
            where,
            f"the scale runs from {one.min} to {one.max}: `min` must be below `max`",
            "for example `min: 1` and `max: 5`",
        )
    if one.max - one.min + 1 > MAX_SCALE_POINTS:
        raise AuthorError(
            shown,
            where,
            f"the scale from {one.min} to {one.max} has {one.max - one.min + 1} points",
            f"at most {MAX_SCALE_POINTS} (e.g. 0 to 10)",
        )
