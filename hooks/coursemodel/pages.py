"""What a page's Markdown asks for: worksheet markers and task-list items, with their lines.

Markers are HTML comments on a line of their own: `<!-- worksheet: id -->`
(and `<!-- worksheet-pdfs: … -->`, `<!-- course: … -->`, which other hooks
fill). Anything that looks like one of our markers but is not a valid one
(not alone on its line, upper case, a typo in the word) is an author error,
because Markdown would otherwise hide it silently. Fenced code is an example
and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .errors import AuthorError
from .model import ChecklistItem

# A valid worksheet marker, alone on its line.
MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--[ \t]*worksheet:[ \t]*(?P<id>.*?)[ \t]*-->[ \t]*$", re.M)
# Every comment that starts like one of our markers, in any case and spacing.
MARKER_LIKE = re.compile(r"<!--\s*(?P<word>worksheet-pdfs|worksheet|course)\b\s*:?", re.I)
VALID_LINE = re.compile(
    r"^[ \t]*<!--[ \t]*(?:worksheet|worksheet-pdfs|course):[ \t]*[^\s>][^>]*?[ \t]*-->[ \t]*$"
)
# Markers filled inside a sentence rather than standing for a block.
INLINE_MARKER = re.compile(r"<!--[ \t]*course:[ \t]*(?:time|minutes)[ \t]*-->")
TASK_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s+(?P<text>.+?)\s*$")


def normalise_newlines(text: str) -> str:
    """Return text with Windows (CRLF) and old Mac (CR) line ends as plain LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def fenced_lines(text: str) -> set[int]:
    """Return the (1-based) line numbers inside fenced code blocks, fences included."""
    inside: set[int] = set()
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        if fence is None:
            match = re.match(r"(`{3,}|~{3,})", stripped)
            if match:
                fence = match.group(1)
                inside.add(number)
        else:
            inside.add(number)
            if stripped.startswith(fence) and not stripped[len(fence) :].strip(fence[0]).strip():
                fence = None
    return inside


def line_at(text: str, offset: int) -> int:
    """Return the 1-based line number of `offset` in `text`."""
    return text.count("\n", 0, offset) + 1


def check_marker_like(text: str, shown: str) -> None:
    """Fail on any comment that looks like our marker but would be silently ignored."""
    fenced = fenced_lines(text)
    lines = text.split("\n")
    for match in MARKER_LIKE.finditer(text):
        line = line_at(text, match.start())
        if line in fenced:
            continue
        source = lines[line - 1]
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1)
        if source[:column].count("`") % 2:
            continue  # inside `inline code`: an example in prose
        word = match.group("word")
        if INLINE_MARKER.match(text, match.start()):
            continue  # `<!-- course: time -->` (and `minutes`) is filled in place, inside a sentence
        if word != word.lower():
            problem = f"the marker `{source.strip()[:60]}` is not in lower case"
        elif not VALID_LINE.match(source):
            problem = (
                f"the marker `{source.strip()[:60]}` must be alone on its line, as `<!-- {word}: name -->`"
            )
        elif is_indented_code(lines, line - 1):
            problem = "the marker is indented by four spaces after a blank line, so Markdown shows it as code"
        else:
            continue
        raise AuthorError(
            shown,
            line,
            problem,
            f"write `<!-- {word.lower()}: name -->` on a line of its own (in ``` fences it is an example)",
        )


# A line that opens a block whose content is indented by four spaces: an admonition or
# collapsible (`!!!`, `???`, `???+`), a content tab (`===`), a list item, a footnote.
CONTAINER = re.compile(r"^[ \t]*(?:(?:!!!|\?\?\?\+?|===)[ \t]|[-*+][ \t]|\d+[.)][ \t]|\[\^[^\]]+\]:)")


def indent_of(line: str) -> int:
    """Return a line's indentation in columns (a tab counts as four)."""
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def is_indented_code(lines: list[str], index: int) -> bool:
    """Return True when line `index` is an indented code block, as Python-Markdown reads it.

    That is four columns more than the block it sits in, after a blank line (indented
    code cannot interrupt a paragraph). Inside an admonition, a tab or a list item the
    content itself is indented by four, so a marker there is content, not code.
    """
    indent = indent_of(lines[index])
    if indent < 4 or (index > 0 and lines[index - 1].strip()):
        return False
    for before in reversed(lines[:index]):
        if not before.strip() or indent_of(before) >= indent:
            continue
        base = indent_of(before) + (4 if CONTAINER.match(before) else 0)
        return indent - base >= 4
    return True


def replace_markers(text: str, replace: Callable[[re.Match[str]], str]) -> str:
    """Apply `replace` to every worksheet marker outside fenced code."""
    fenced = fenced_lines(text)

    def outside_code(match: re.Match[str]) -> str:
        """Leave markers that are examples in code blocks alone."""
        if line_at(text, match.start()) in fenced:
            return match.group(0)
        return replace(match)

    return MARKER.sub(outside_code, text)


def find_markers(text: str) -> list[tuple[str, int]]:
    """Return (worksheet id, line) for each worksheet marker in a page, outside fenced code."""
    found: list[tuple[str, int]] = []

    def record(match: re.Match[str]) -> str:
        """Note one marker."""
        found.append((match.group("id"), line_at(text, match.start())))
        return match.group(0)

    replace_markers(text, record)
    return found


def find_task_items(
    text: str, shown: str, plain: Callable[[str], str], slugify: Callable[[str], str]
) -> list[ChecklistItem]:
    """Return the page's task-list items (`- [ ] Text`) with ids made from their words.

    An item's id is the slug of its visible text, so two items with the same
    words on one page would share a tick: that is an author error.
    """
    fenced = fenced_lines(text)
    items: list[ChecklistItem] = []
    seen: dict[str, ChecklistItem] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        match = TASK_ITEM.match(line)
        if match is None or number in fenced:
            continue
        words = plain(match.group("text"))
        slug = slugify(words)
        if not slug:
            raise AuthorError(
                shown,
                number,
                f"the checklist item `{words}` has no letters or digits to name it by",
                "write each item as words, e.g. `- [ ] Send a thank-you note`",
            )
        if slug in seen:
            raise AuthorError(
                shown,
                number,
                f"the checklist item `{words}` appears twice on this page (first at line {seen[slug].line})",
                "ticks are saved by each item's wording, so give every item on a page its own wording",
            )
        seen[slug] = ChecklistItem(slug, words, number)
        items.append(seen[slug])
    return items


def page_heading(body: str) -> str:
    """Return the text of a page's first `# H1`, or ""."""
    heading = re.search(r"^#[ \t]+(.+?)[ \t#]*$", body, re.M)
    return heading.group(1) if heading else ""
