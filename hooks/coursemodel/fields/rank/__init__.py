"""The `rank` field: put a few items in order of what matters most.

Each item is stored under `<field>.<item slug>` as its place ("1" is first), so an
answer survives an item being added or reworded. The form numbers the items (a
number box each, which works with no script and prints as a box to fill in);
`field.js` adds Move up and Move down buttons, keyboard and touch friendly, and
keeps the list in the order the numbers say.
"""

from __future__ import annotations

from typing import Any

from ...errors import AuthorError
from ...fieldtypes import FieldType

# Enough to choose between; few enough to order on a phone.
ITEMS = (2, 10)


def parse(one: Any, data: Any, shown: str) -> None:
    """Read `items` (2 to 10 texts or `{id, text}`) into the field."""
    from ...worksheets import parse_choices

    one.items = parse_choices(data, "items", shown)
    low, high = ITEMS
    if not low <= len(one.items) <= high:
        raise AuthorError(
            shown,
            data.line_of("items"),
            f"a rank field has {len(one.items)} items",
            f"from {low} to {high}: enough to choose between, few enough to put in order on a phone",
        )


def names(one: Any) -> list[str]:
    """Return each item's storage name: `<field>.<item slug>` holds its place."""
    return [f"{one.id}.{item.slug}" for item in one.items]


def data(one: Any, plain: Any) -> dict[str, Any]:
    """Give the scripts each item's slug and words, in the author's order."""
    return {"items": [[item.slug, plain(item.text)] for item in one.items]}


TYPE = FieldType(
    name="rank",
    keys={"items": "textlist"},
    required=("items",),
    not_for=frozenset({"plan"}),
    descriptions={"items": "Checklist or rank items; answers are stored by the slug of each."},
    parse=parse,
    names=names,
    data=data,
    scaffold=(
        "      - id: what-matters\n"
        "        type: rank\n"
        "        label: Put these in order, most important first\n"
        "        items:\n"
        "          - The pay\n"
        "          - The people\n"
        "          - What I would learn\n"
    ),
    strings={
        "en": {
            "ws_rank_how": "Number them from 1 (matters most) down",
            "ws_rank_arrows": ", or use the arrows to move them",
            "rank_up": "Move {item} up",
            "rank_down": "Move {item} down",
            "rank_moved": "{item}: {place} of {total}",
        },
        "es": {
            "ws_rank_how": "Numéralos desde 1 (lo que más importa)",
            "ws_rank_arrows": ", o usa las flechas para moverlos",
            "rank_up": "Subir {item}",
            "rank_down": "Bajar {item}",
            "rank_moved": "{item}: {place} de {total}",
        },
    },
)
