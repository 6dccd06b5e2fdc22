"""References between modules by file: `[](02-example.md)` and `[#](02-example.md)`.

A page names another module by its file, never by a number or title typed by
hand, so a center that hides or reorders modules never has to edit a lesson:

- `[](02-example.md)` shows as a link "Module 2: An example" (the module's
  current number and title, in the course's language);
- `[#](02-example.md)` shows as a link "Module 2" (its current number only);
- `[](../worksheets/example.md)` shows as a link with the worksheet's title.

When a center hides the module, the reference drops out with what carries it:
the sentence in a paragraph, the item in a list, the whole section under a
heading, and in a table the reference alone (the row when a cell is left
without any of its references). In worksheet files, references name the
module's file alone and show as plain text (a form appears on several pages).
Code spans and fenced code keep the markup as written (the authoring guide shows it).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Callable
from typing import Any

from .errors import AuthorError
from .paths import END as PATH_END
from .paths import OPEN as PATH_OPEN
from .text import md_text, t

# `[](file.md)` (number and title) or `[#](file.md)` (number only), with an optional #anchor.
REF = re.compile(r"(?<![!\]\\])\[(?P<form>#?)\]\((?P<target>[^()\s#]+\.md)(?P<anchor>#[\w-]*)?\)")
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s")
LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s")
TABLE_ROW = re.compile(r"^\s*\|")
# A line that is only an HTML comment: a marker (`<!-- path: … -->`, `<!-- worksheet: … -->`), never prose.
COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# A sentence ends with . ! or ? (and any closing marks) before white space.
SENTENCE_END = re.compile(r"(?<=[.!?])([*_)\"'”’]*)(\s+)")
# What joins references in a table cell: "[](a.md), [](b.md)" or "[#](a.md) and [#](b.md)".
JOINER = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to)\s+)"


def resolve_target(src_uri: str, target: str) -> str:
    """Return the page a reference in `src_uri` points at (`modules/02-example.md`)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))


def find_refs(text: str) -> list[tuple[int, str, str]]:
    """Return (line, form, target) for every reference outside code in `text`."""
    found = []
    for number, line in enumerate(_outside_fences(text.split("\n")), 1):
        if line is None:
            continue
        for match in _refs_in(line):
            found.append((number, match.group("form"), match.group("target")))
    return found


def check_refs(text: str, src_uri: str, shown: str, modules: dict[str, Any]) -> None:
    """Refuse a reference that does not point at a module file (or a worksheet page), at its line."""
    for line, form, target in find_refs(text):
        if resolve_target(src_uri, target) not in modules:
            raise AuthorError(
                shown,
                line,
                f"`[{form}]({target})` names no module file or worksheet page",
                "name a module (or worksheets/<id>.md) by its file, relative to this page: "
                + ", ".join(sorted(_relative(src_uri, uri) for uri in modules if uri.startswith("modules/"))),
            )


def resolve(
    markdown: str, src_uri: str, shown: dict[str, Any], hidden: set[str], strings: dict[str, str]
) -> tuple[str, list[str]]:
    """Return the page with every reference filled in or dropped, and the hidden targets dropped.

    `shown` maps a module's source path to its `Module` (with `position` and `title`), and a
    worksheet page's (`worksheets/<id>.md`) to its title; `hidden` holds the source paths of
    the pages hiding leaves unbuilt (hidden modules and the worksheets only they placed).
    """

    def words(match: re.Match[str]) -> str:
        """Return the link a reference to a shown module (or worksheet page) becomes; others are left."""
        found = shown.get(resolve_target(src_uri, match.group("target")))
        if found is None:
            return match.group(0)
        text = found if isinstance(found, str) else label(found, match.group("form"), strings)
        return f"[{md_text(text)}]({match.group('target')}{match.group('anchor') or ''})"

    def is_hidden(match: re.Match[str]) -> bool:
        """Return True when a reference names a hidden module."""
        return resolve_target(src_uri, match.group("target")) in hidden

    lines = markdown.split("\n")
    dropped = [
        resolve_target(src_uri, m.group("target"))
        for line in _outside_fences(lines)
        if line is not None
        for m in _refs_in(line)
        if is_hidden(m)
    ]
    if dropped:
        lines = drop_carriers(lines, is_hidden)
    out = []
    for line, visible in zip(lines, _outside_fences(lines), strict=True):
        out.append(line if visible is None else _sub_refs(line, words))
    return "\n".join(out), dropped


def label(module: Any, form: str, strings: dict[str, str]) -> str:
    """Return "Module 3: Title" (form "") or "Module 3" (form "#") in the course's words."""
    if form == "#":
        return t(strings, "page_module_number", number=module.position)
    return t(strings, "page_module_link", number=module.position, title=module.title)


def drop_carriers(lines: list[str], is_hidden: Callable[[re.Match[str]], bool]) -> list[str]:
    """Return the lines without what carries a reference to a hidden module (see the module doc)."""
    visible = list(_outside_fences(lines))
    out: list[str] = []
    index = 0
    while index < len(lines):
        if out and index and not lines[index].strip() and not out[-1].strip() and visible[index] is not None:
            index += 1  # a drop left two blank lines together: keep one
            continue
        line = visible[index]
        hit = line is not None and any(is_hidden(m) for m in _refs_in(line))
        heading = HEADING.match(line or "")
        if line is None or (not hit and not _paragraph_line(line)):
            out.append(lines[index])
            index += 1
        elif heading:
            # A section about a hidden module goes with it, up to the next heading at its level or above.
            start = index
            index += 1
            while index < len(lines):
                nxt = HEADING.match(visible[index] or "")
                if nxt and len(nxt.group(1)) <= len(heading.group(1)):
                    break
                index += 1
            out.extend(unmatched_path_markers(lines[start:index]))
        elif TABLE_ROW.match(line):
            row = _drop_in_row(lines[index], is_hidden)
            if row is not None:
                out.append(row)
            index += 1
        elif LIST_ITEM.match(line):
            index = _end_of_item(visible, index)
        else:
            end = index
            while end < len(lines) and visible[end] is not None and _paragraph_line(visible[end]):
                end += 1
            kept = _drop_sentences("\n".join(lines[index:end]), is_hidden)
            if kept.strip():
                out.extend(kept.split("\n"))
            index = end
    return out


def resolve_worksheets(
    worksheets: dict[str, Any], shown: dict[str, Any], hidden: set[str], strings: Any, known: set[str]
) -> None:
    """Fill in (as plain text) or drop every reference in the worksheets' texts, in place.

    A worksheet names a module by its file name alone (`[#](02-example.md)`): a
    form shows on its module, its own page and the handouts, so the words carry no link.
    A reference to no module in `known` (every module's source path) is an error at the
    line of the field or option that holds it.
    """
    by_name = {posixpath.basename(uri): module for uri, module in shown.items()}
    hidden_names = {posixpath.basename(uri) for uri in hidden}
    names = {posixpath.basename(uri) for uri in known}

    def gone(match: re.Match[str]) -> bool:
        """Return True when a reference names a hidden module."""
        return posixpath.basename(match.group("target")) in hidden_names

    def words(match: re.Match[str]) -> str:
        """Return the plain words for a reference to a shown module."""
        module = by_name.get(posixpath.basename(match.group("target")))
        return label(module, match.group("form"), strings) if module else match.group(0)

    for worksheet in worksheets.values():

        def fix(text: str, line: int, path: str = worksheet.path) -> str:
            """Return one text with its references filled in or dropped."""
            if "](" not in text or not REF.search(text):
                return text
            for match in REF.finditer(text):
                if posixpath.basename(match.group("target")) not in names:
                    raise AuthorError(
                        path,
                        line,
                        f"`{match.group(0)}` names no module file",
                        "name a module by its file name: " + ", ".join(sorted(names)),
                    )
            if any(gone(m) for m in REF.finditer(text)):
                text = "\n".join(drop_carriers(text.split("\n"), gone))
            return REF.sub(words, text)

        _walk(worksheet, fix, set(), 1)


# Helpers ----------------------------------------------------------------------------------------


def _walk(value: Any, fix: Callable[[str, int], str], seen: set[int], line: int) -> Any:
    """Return `value` with `fix(text, line)` applied to every string inside it (dataclasses in place).

    `line` is the file line of the nearest enclosing object that knows its own (a field, an option).
    """
    if isinstance(value, str):
        return fix(value, line)
    if id(value) in seen:
        return value
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        line = getattr(value, "line", line) if isinstance(getattr(value, "line", None), int) else line
        for item in dataclasses.fields(value):
            old = getattr(value, item.name)
            new = _walk(old, fix, seen, line)
            if new is not old:
                object.__setattr__(value, item.name, new)
        return value
    if isinstance(value, list):
        new_list = [_walk(item, fix, seen, line) for item in value]
        if any(a is not b for a, b in zip(new_list, value, strict=True)):
            value[:] = new_list
        return value
    if isinstance(value, dict):
        for key, item in list(value.items()):
            new = _walk(item, fix, seen, line)
            if new is not item:
                value[key] = new
        return value
    return value


def _outside_fences(lines: list[str]) -> list[str | None]:
    """Return each line with code spans blanked, or None inside fenced code."""
    out: list[str | None] = []
    fence = ""
    for line in lines:
        opener = FENCE.match(line)
        if fence:
            out.append(None)
            if opener and opener.group(1) == fence:
                fence = ""
            continue
        if opener:
            fence = opener.group(1)
            out.append(None)
            continue
        out.append(CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    return out


def _refs_in(line: str) -> list[re.Match[str]]:
    """Return the references in one line (code spans already blanked)."""
    return list(REF.finditer(line))


def _sub_refs(line: str, words: Callable[[re.Match[str]], str]) -> str:
    """Replace the references of one line that lie outside its code spans."""
    blanked = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    out, last = [], 0
    for match in REF.finditer(blanked):
        real = REF.match(line, match.start())
        if real is None:
            continue
        out.append(line[last : match.start()])
        out.append(words(real))
        last = match.end()
    out.append(line[last:])
    return "".join(out)


def _paragraph_line(line: str) -> bool:
    """Return True for a line of running text (not blank, a heading, a list item, a table row or a marker)."""
    return bool(line.strip()) and not (
        HEADING.match(line) or LIST_ITEM.match(line) or TABLE_ROW.match(line) or COMMENT_LINE.match(line)
    )


def unmatched_path_markers(dropped: list[str]) -> list[str]:
    """Return the path-block markers among dropped lines whose partner was not dropped with them.

    A dropped section may hold the end of a block that opened before it (or open one that
    ends after it): those markers stay, so every block still opens and ends.
    """
    kept: list[str] = []
    opened: list[str] = []
    for line in dropped:
        if PATH_OPEN.match(line):
            opened.append(line)
        elif PATH_END.match(line):
            if opened:
                opened.pop()
            else:
                kept.append(line)
    return kept + opened


def _end_of_item(visible: list[str | None], index: int) -> int:
    """Return the index after the list item that starts at `index` (its continuation lines too)."""
    indent = len(LIST_ITEM.match(visible[index] or "").group(1))
    end = index + 1
    while end < len(visible):
        line = visible[end]
        if line is not None and not line.strip():
            # A blank line ends the item unless what follows is indented under it.
            after = next((v for v in visible[end + 1 :] if v is None or v.strip()), "")
            if after is None or len(after) - len(after.lstrip()) <= indent:
                break
        elif line is not None:
            item = LIST_ITEM.match(line)
            if (item and len(item.group(1)) <= indent) or HEADING.match(line) or TABLE_ROW.match(line):
                break
        end += 1
    return end


def _drop_sentences(text: str, is_hidden: Callable[[re.Match[str]], bool]) -> str:
    """Return a paragraph without the sentences that carry a reference to a hidden module."""
    parts = SENTENCE_END.split(text)
    # split gives: sentence, closing marks, space, sentence, …; glue each sentence to its closing marks.
    sentences, spaces = [], []
    for at in range(0, len(parts), 3):
        sentences.append(parts[at] + (parts[at + 1] if at + 1 < len(parts) else ""))
        spaces.append(parts[at + 2] if at + 2 < len(parts) else "")
    kept = []
    for sentence, space in zip(sentences, spaces, strict=True):
        blanked = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), sentence)
        if not any(is_hidden(m) for m in REF.finditer(blanked)):
            kept.append(sentence + space)
    indent = text[: len(text) - len(text.lstrip(" "))]
    joined = "".join(kept).rstrip()
    return joined if joined.startswith(indent) else indent + joined.lstrip()


def _drop_in_row(row: str, is_hidden: Callable[[re.Match[str]], bool]) -> str | None:
    """Return a table row without its references to hidden modules; None when a cell loses them all."""
    cells = re.split(r"(?<!\\)\|", row)
    for number, cell in enumerate(cells):
        refs = list(REF.finditer(cell))
        gone = [m for m in refs if is_hidden(m)]
        if not gone:
            continue
        if len(gone) == len(refs):
            return None
        for match in reversed(gone):
            before, after = cell[: match.start()], cell[match.end() :]
            lead = re.search(JOINER + r"$", before)
            trail = re.match(JOINER, after)
            if lead:
                before = before[: lead.start()]
            elif trail:
                after = after[trail.end() :]
            cell = before + after
        cells[number] = cell
    return "|".join(cells)


def _relative(src_uri: str, uri: str) -> str:
    """Return `uri` written relative to the page `src_uri`."""
    return posixpath.relpath(uri, posixpath.dirname(src_uri) or ".")
