"""Author-facing errors, YAML loading that remembers line numbers, and checks of YAML values.

Every mistake an author can make in a module or worksheet file ends up as an
`AuthorError`: a `PluginError` (so MkDocs prints it without a traceback) whose
message is `path:line: what is wrong; what is allowed`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError

__all__ = [
    "AuthorError",
    "LineDict",
    "LineList",
    "load_yaml",
    "read_text",
    "split_front_matter",
    "line_of",
    "project_root",
    "kind_of",
    "require_list",
    "check_keys",
    "require_text",
    "optional_text",
    "text_value",
    "optional_int",
    "quote_hint",
    "names",
]


class AuthorError(PluginError):
    """A mistake in a course file, reported as `path:line: problem; allowed`."""

    def __init__(self, path: str, line: int, problem: str, allowed: str = "") -> None:
        """Build the one-line message from its parts and keep them for tests."""
        self.path, self.line, self.problem, self.allowed = path, line, problem, allowed
        message = f"{path}:{line}: {problem}"
        if allowed:
            message += f"; {allowed}"
        super().__init__(message)


class LineDict(dict):
    """A mapping from YAML that knows the line of itself and of each key."""

    line: int = 1
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Return the line of `key`, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence from YAML that knows the line of itself and of each item."""

    line: int = 1
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        """Return the line of item `index`."""
        return self.item_lines[index] if index < len(self.item_lines) else self.line


def project_root(config: Any) -> Path:
    """Return the project root: the folder holding `docs/` and `worksheets/`.

    It is found from `docs_dir`, not from the config file, so a career
    center's own `mkdocs.yml` that INHERITs the course can live anywhere.
    """
    return Path(config.docs_dir).resolve().parent


def line_of(value: Any, default: int) -> int:
    """Return the line a YAML value starts on, or `default` for plain scalars."""
    return getattr(value, "line", default)


# A course file (module, worksheet, registry) is a few KB; anything this big is a
# mistake (a pasted export, a generated dump) and would make the build crawl.
MAX_FILE_BYTES = 256 * 1024


def read_text(path: Path, shown: str) -> str:
    """Read a UTF-8 course file, turning a decoding failure or a huge file into an `AuthorError`."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise AuthorError(
            shown,
            1,
            f"the file is {size / 1024:,.0f} KB, too big for a course file",
            f"keep it under {MAX_FILE_BYTES // 1024} KB: split it into several worksheets or modules",
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise AuthorError(
            shown,
            line,
            f"the file is not UTF-8 text (byte 0x{data[err.start]:02x})",
            "save it with UTF-8 encoding",
        ) from None
    return text.removeprefix("\ufeff")


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Split Markdown into its YAML front matter (or None) and its body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text
    return match.group(1) or "", text[match.end() :]


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps timestamps as strings (dates are typed by the field)."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        """Refuse aliases: nested ones expand exponentially (a 300-byte file hangs the build)."""
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (`*name`) are not supported", self.peek_event().start_mark
            )
        return super().compose_node(parent, index)


# A copy, not an edit: the resolver table is shared by every PyYAML loader in the
# process (MkDocs' own front matter included), which must keep its timestamps.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# libyaml's C parser composes about ten times faster than PyYAML's Python one. It
# cannot refuse aliases while composing, and its error messages are worded a little
# differently, so any file it rejects, or that uses an alias, is parsed again by
# `_Loader`: authors always see the same message and line.
_CLoader: Any = None
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """libyaml's SafeLoader, resolving plain scalars exactly as `_Loader` does."""

    _CLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


# Course files are a few levels deep; 1,000 nested lists in a 2 KB file would exhaust
# Python's recursion (a traceback, not a message), so depth is bounded while converting.
MAX_DEPTH = 40


class _TooDeep(Exception):
    """A mapping or list nested deeper than MAX_DEPTH; carries the line it starts on."""

    def __init__(self, line: int) -> None:
        """Keep the line."""
        super().__init__(line)
        self.line = line


def _too_deep(shown: str, line: int) -> AuthorError:
    """Return the error for a file nested too deeply."""
    return AuthorError(
        shown, line, f"the YAML is nested more than {MAX_DEPTH} levels deep", "course files need a few levels"
    )


def _deep_line(text: str) -> int:
    """Return the line where flow brackets (or indentation) first nest deeper than MAX_DEPTH."""
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if (len(line) - len(line.lstrip(" "))) // 2 > MAX_DEPTH:
            return number
        for char in line:
            depth += (char in "[{") - (char in "]}")
            if depth > MAX_DEPTH:
                return number
    return 1


class _AliasFound(Exception):
    """A composed node was reached twice: the file uses an alias (`*name`)."""


def load_yaml(text: str, shown: str, first_line: int = 1) -> Any:
    """Parse YAML into plain values whose mappings and lists know their lines.

    `first_line` is the file line the text starts on (2 for front matter).
    Syntax errors and duplicate keys become `AuthorError`s naming the line.
    """
    offset = first_line - 1
    if _CLoader is not None:
        try:
            node = yaml.compose(text, Loader=_CLoader)
        except yaml.YAMLError:
            pass  # the Python parser below reports it in our words
        else:
            if node is None:
                return None
            try:
                return _convert(node, shown, offset, _Scalars(), set())
            except _TooDeep as deep:
                raise _too_deep(shown, deep.line) from None
            except (_AliasFound, AuthorError):
                pass  # the Python parser refuses an alias first, wherever it is, at its own line
    try:
        node = yaml.compose(text, Loader=_Loader)
    except RecursionError:
        raise _too_deep(shown, _deep_line(text) + offset) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if err.context_mark and "end of stream" in (err.problem or ""):
            # An unclosed quote or bracket runs to the end of the file; name where it opened.
            mark = err.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        problem = (err.problem or "invalid YAML").strip()
        if "\\t" in problem or "'\\t'" in problem:
            problem = "a tab character is not allowed for indentation in YAML"
        raise AuthorError(
            shown,
            line,
            f"YAML syntax error: {problem}",
            "indent with spaces and quote text that contains ': ' or starts with a symbol",
        ) from None
    except yaml.YAMLError as err:
        raise AuthorError(shown, first_line, f"YAML error: {err}", "write valid YAML") from None
    if node is None:
        return None
    try:
        return _convert(node, shown, offset, _Scalars(), None)
    except _TooDeep as deep:
        raise _too_deep(shown, deep.line) from None


class _Scalars:
    """One SafeConstructor for all the scalars of a file (making a loader per scalar is slow)."""

    def __init__(self) -> None:
        """Make the constructor once."""
        self.loader = _Loader("")

    def construct(self, node: yaml.Node) -> Any:
        """Return the Python value of a scalar node, as `SafeLoader` would."""
        self.loader.constructed_objects.clear()
        return self.loader.construct_object(node, deep=True)


def _convert(
    node: yaml.Node, shown: str, offset: int, scalars: _Scalars, seen: set[int] | None, depth: int = 0
) -> Any:
    """Turn a composed YAML node into LineDict / LineList / scalars.

    `seen` collects the nodes met so far when the composer let aliases through
    (libyaml's): an alias is a node met twice, and is refused before it expands.
    """
    if seen is not None:
        if id(node) in seen:
            raise _AliasFound
        seen.add(id(node))
    line = node.start_mark.line + 1 + offset
    if depth > MAX_DEPTH:
        raise _TooDeep(line)
    if isinstance(node, yaml.MappingNode):
        result = LineDict()
        result.line, result.key_lines = line, {}
        for key_node, value_node in node.value:
            key = _convert(key_node, shown, offset, scalars, seen)
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key, str | int | float | bool) or key is None:
                raise AuthorError(shown, key_line, "a key must be plain text", "write `name: value`")
            key = str(key)
            if key in result:
                raise AuthorError(
                    shown,
                    key_line,
                    f"duplicate key `{key}`",
                    f"each key once per mapping (first at line {result.key_lines[key]})",
                )
            result[key] = _convert(value_node, shown, offset, scalars, seen, depth + 1)
            result.key_lines[key] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LineList(_convert(item, shown, offset, scalars, seen, depth + 1) for item in node.value)
        items.line = line
        items.item_lines = [item.start_mark.line + 1 + offset for item in node.value]
        return items
    try:
        return scalars.construct(node)
    except yaml.YAMLError as err:
        raise AuthorError(shown, line, f"YAML value error: {err}", "write a plain value") from None


def kind_of(value: Any) -> str:
    """Name a YAML value's kind for an error message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, int | float):
        return "a number"
    return "text" if str(value).strip() else "empty text"


def require_list(data: LineDict, key: str, shown: str, why: str) -> LineList:
    """Return `data[key]` as a non-empty list."""
    if key not in data:
        raise AuthorError(shown, data.line, f"missing `{key}`", why)
    value = data[key]
    if not isinstance(value, LineList) or not value:
        raise AuthorError(
            shown,
            data.line_of(key),
            f"`{key}` must be a non-empty list, not {kind_of(value)}",
            f"write one entry per line as `  - …` under `{key}:`",
        )
    return value


def check_keys(data: LineDict, allowed: dict[str, str], shown: str, where: str) -> None:
    """Fail on the first key of `data` that is not in `allowed`."""
    for key in data:
        if key not in allowed:
            raise AuthorError(
                shown, data.line_of(key), f"unknown key `{key}` {where}", f"allowed: {names(allowed)}"
            )


def require_text(data: LineDict, key: str, shown: str, why: str) -> str:
    """Return `data[key]` as non-empty text; numbers are taken as text."""
    if key not in data or data[key] is None:
        raise AuthorError(shown, data.line_of(key), f"missing `{key}`", why)
    return text_value(data, key, shown)


def optional_text(data: LineDict, key: str, shown: str) -> str:
    """Return `data[key]` as text, or "" when it is absent."""
    return text_value(data, key, shown) if key in data else ""


def text_value(data: LineDict, key: str, shown: str) -> str:
    """Check that `data[key]` is non-empty text (numbers allowed) and return it."""
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, str | int | float) or not str(value).strip():
        raise AuthorError(
            shown,
            data.line_of(key),
            f"`{key}` must be text, not {kind_of(value)}",
            quote_hint(value, f"{key}: "),
        )
    return str(value)


def optional_int(
    data: LineDict, key: str, shown: str, limits: tuple[int, int], default: int | None = None
) -> int | None:
    """Return `data[key]` as a whole number within `limits`, or `default` when absent."""
    if key not in data:
        return default
    value = data[key]
    low, high = limits
    if isinstance(value, bool) or not isinstance(value, int):
        raise AuthorError(
            shown,
            data.line_of(key),
            f"`{key}` must be a whole number, not {kind_of(value)} {value!r}",
            f"a number from {low} to {high}",
        )
    if not low <= value <= high:
        raise AuthorError(shown, data.line_of(key), f"`{key}` is {value}", f"a number from {low} to {high}")
    return value


def quote_hint(value: Any, prefix: str) -> str:
    """Say how to write text, with the YAML trap of yes/no/on/off becoming true/false."""
    if isinstance(value, bool):
        return f'put it in quotes, e.g. `{prefix}"Yes"`: YAML reads bare yes, no, on, off as true/false'
    return f"write `{prefix}Some words` (quote text that contains `: `)"


def names(keys: Iterable[str]) -> str:
    """List keys for an error message, in their documented order."""
    return ", ".join(keys)
