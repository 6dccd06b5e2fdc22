"""A center's config mistakes in plain words: what was expected, and what was written.

MkDocs' config classes answer a wrong type in Python's words ("Expected type:
<class 'bool'> but received: <class 'str'>"); a career center's web editor reads
YAML, not Python, so `extra.course` problems are reworded here before they are shown.
"""

from __future__ import annotations

import re
from typing import Any

# YAML's words for what Python calls these types.
KINDS = {
    "str": "text",
    "int": "a number",
    "float": "a number",
    "bool": "true or false",
    "list": "a list",
    "dict": "keys under it (a mapping)",
    "NoneType": "nothing",
}
TYPE = re.compile(r"Expected type: <class '(\w+)'> but received: <class '(\w+)'>")
LIST = re.compile(r"Expected a list of items, but a <class '(\w+)'> was given\.")
MAPPING = re.compile(
    r"(?:The configuration is invalid\. )?Expected a key-value mapping \(dict\) but received: <class '(\w+)'>"
)
NOT_SET = object()


def friendly(problem: str, value: Any = NOT_SET) -> str:
    """Return a config problem in YAML's words, naming the value written when it is known."""
    written = "" if value is NOT_SET else f" {shown(value)}"
    match = TYPE.fullmatch(problem.strip())
    if match:
        wanted, got = match.groups()
        if wanted == "bool":
            return f"expected true or false, not{written or ' ' + KINDS.get(got, got)}"
        if wanted == "str" and got in ("int", "float", "bool") and written:
            return f'expected text, not{written}; put it in quotes: "{value}"'
        return f"expected {KINDS.get(wanted, wanted)}, not {KINDS.get(got, got)}{written and ':' + written}"
    match = LIST.fullmatch(problem.strip())
    if match:
        example = value if isinstance(value, str) and value else "first"
        return (
            f"expected a list, not {KINDS.get(match.group(1), match.group(1))}{written and ':' + written}; "
            f"write [{example}] or one `- {example}` line per item"
        )
    match = MAPPING.fullmatch(problem.strip())
    if match:
        return f"expected keys under it, not {KINDS.get(match.group(1), match.group(1))}" + (
            written and ":" + written
        )
    if problem.strip() == "Required configuration not provided.":
        return "is missing, and it is required"
    return problem


def shown(value: Any) -> str:
    """Return a value as the center wrote it in YAML (`nope`, `12`, `true`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def value_at(raw: Any, path: str) -> Any:
    """Return the value at a dotted `path` of the center's `extra.course` (NOT_SET when not one value)."""
    for part in path.split("."):
        if isinstance(raw, list):
            # A list of mappings (services): the first item that sets this key.
            raw = next((item for item in raw if isinstance(item, dict) and part in item), {})
        if not isinstance(raw, dict) or part not in raw:
            return NOT_SET
        raw = raw[part]
    return raw
