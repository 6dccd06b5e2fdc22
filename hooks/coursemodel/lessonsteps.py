"""A module page in short steps: where the build cuts a rendered module into steps.

A module file stays as its author wrote it. The build cuts the rendered page
(`split_steps`) so that a phone shows one short step at a time:

- every top-level `##` heading starts a step (the module's header and opening
  paragraphs are step 1);
- a step whose estimated height on a 390 px phone is over `BUDGET` is cut again,
  between its top-level blocks, and inside a worksheet form between its
  sections (or its fields, when one section alone is too long). A heading is
  never left at the foot of a step; the module's end (Mark complete, the key
  takeaways, the support box, the sources) never starts a step of its own.

Every block that belongs to one step gets `data-step="k"`; a block that holds
parts of two steps (a worksheet form cut in two) gets none and its children
are marked instead. Each step opens with a small bar ("Step 2 of 5", a dot per
step, "Show the whole module") and every step but the last ends with a real
link to the next one, so without scripts the page reads as one whole module
with in-page links, and print shows every step (steps.css hides steps on
screen only). The height estimate is rough on purpose: text by its length,
a form control by its usual height; the browser test checks the real result.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .text import escape

# Estimated pixels on a 390 px phone. A step is cut when it would pass BUDGET (about two
# screens of 844 px, leaving room for the estimate's error under the three-screen aim);
# a cut never leaves a step under MINIMUM.
BUDGET = 1900
MINIMUM = 600
# Neighbouring sections share a step while together they stay under this.
MERGE = 1500
# How much of a personal path block's height counts towards a step (see `weight`).
PATH_SHARE = 0.8
# The most steps a module gets (steps.css has a rule per step number up to this).
MAX_STEPS = 24
CHARS_PER_LINE = 50
LINE = 26
MESSAGE = 650
TEXT_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "label", "summary"}
TEXT_BLOCKS |= {"dt", "dd", "td", "th"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CONTROL = {"input": 64, "textarea": 150, "select": 56, "button": 50}
SMALL_INPUTS = {"checkbox", "radio", "hidden", "number"}
# Blocks that end a module page: they stay with the last step and weigh nothing there.
TAIL = re.compile(r"bb-module-complete|bb-takeaways|bb-finish|bb-support|bb-sources")
# Where a step may be cut inside a long block: a worksheet form, then its sections.
SPLITTABLE = re.compile(r"\bbb-worksheet\b|\bbb-section\b")


@dataclass
class Node:
    """One element of the rendered page: where its start tag and its end are, and its children."""

    tag: str
    attrs: dict[str, str]
    start: int
    open_end: int
    end: int = -1
    children: list[Node] = field(default_factory=list)
    text: int = 0
    height: float = 0.0
    parent: Node | None = field(default=None, repr=False)

    @property
    def classes(self) -> str:
        """Return the element's class attribute ("" when it has none)."""
        return self.attrs.get("class") or ""


class _Tree(HTMLParser):
    """Build a tree of `Node`s with offsets into the HTML text (Python-Markdown's output is well formed)."""

    def __init__(self, text: str) -> None:
        """Parse `text` at once."""
        super().__init__(convert_charrefs=True)
        self.source = text
        self.starts = [0]
        for match in re.finditer("\n", text):
            self.starts.append(match.end())
        self.root = Node("root", {}, 0, 0, len(text))
        self.stack = [self.root]
        self.feed(text)
        self.close()

    def here(self) -> int:
        """Return the offset of the parser's position in the text."""
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element (a void one closes at once)."""
        start = self.here()
        text = self.get_starttag_text() or ""
        node = Node(tag, {k: v or "" for k, v in attrs}, start, start + len(text), parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag in VOID or text.endswith("/>"):
            node.end = node.open_end
        else:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        """Close the nearest open element of this tag."""
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                end = self.source.find(">", self.here()) + 1
                for node in self.stack[depth:]:
                    node.end = end
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        """Count the visible characters of text in the innermost open element."""
        self.stack[-1].text += len(" ".join(data.split()))


def estimate(node: Node) -> float:
    """Return (and keep on the node) its estimated height in pixels on a 390 px phone."""
    inner = sum(estimate(child) for child in node.children)
    if node.tag in CONTROL:
        kind = node.attrs.get("type", "text")
        own = 32 if node.tag == "input" and kind in SMALL_INPUTS else CONTROL[node.tag]
        node.height = own + inner
    elif node.tag in TEXT_BLOCKS:
        chars = inline_text(node)
        lines = max(1, math.ceil(chars / CHARS_PER_LINE)) if chars else 0
        blocks = sum(c.height for c in node.children if c.tag in TEXT_BLOCKS or c.tag in CONTROL)
        node.height = lines * LINE + 12 + blocks
    elif "hidden" in node.attrs:
        node.height = 0
    else:
        node.height = inner + (24 if node.tag in {"div", "form", "fieldset", "ul", "ol", "table"} else 0)
    classes = node.classes
    if "bb-field" in classes.split():
        # A message is written by its script from other answers: empty here, about most of a screen there.
        # Other fields' controls sit closer than their parts suggest (measured at 390 px).
        node.height = MESSAGE if node.attrs.get("data-type") == "message" else node.height * 0.45
    elif "bb-checklist" in classes.split():
        node.height *= 0.5
    elif "bb-toolbar" in classes.split():
        node.height = 0
    return node.height


def inline_text(node: Node) -> int:
    """Return the characters of a text block's own words, inline elements included."""
    inline = [c for c in node.children if c.tag not in TEXT_BLOCKS and c.tag not in CONTROL]
    return node.text + sum(inline_text(c) for c in inline)


def units(node: Node, budget: float) -> list[Node]:
    """Return the blocks a step may be cut between: `node`'s children, opening long forms and sections."""
    out: list[Node] = []
    for child in node.children:
        if child.height > budget and SPLITTABLE.search(child.classes) and child.children:
            out.extend(units(child, budget))
        else:
            out.append(child)
    return out


def is_heading(node: Node) -> bool:
    """Return True for a heading or a section title: a block that must not end a step."""
    return node.tag in {"h1", "h2", "h3", "h4", "legend"} or "bb-worksheet__title" in node.classes


def plan_steps(root: Node) -> list[list[Node]]:
    """Return the page's steps, each a list of blocks in order (see the module's docstring)."""
    groups: list[list[Node]] = [[]]
    for child in root.children:
        if child.tag == "h2" and groups[-1]:
            groups.append([])
        groups[-1].append(child)
    steps: list[list[Node]] = []
    for group in groups:
        pieces = cut_group([b for c in group for b in ([c] if c.height <= BUDGET else units_of(c))])
        # Short sections share a step: a step per `##` would make many steps of a few lines.
        if steps and weight(steps[-1]) + weight(pieces[0]) <= MERGE:
            steps[-1].extend(pieces.pop(0))
        steps.extend(pieces)
    while len(steps) > MAX_STEPS:
        # More steps than steps.css knows: the shortest neighbours join.
        i = min(range(len(steps) - 1), key=lambda i: weight(steps[i]) + weight(steps[i + 1]))
        steps[i : i + 2] = [steps[i] + steps[i + 1]]
    return steps


def weight(blocks: list[Node]) -> float:
    """Return the estimated height of a step's blocks.

    The module's end weighs nothing. A personal path block weighs less than it measures: a
    learner who chose a situation sees only some of them, one who has not sees them all, and
    a step should suit both (too short for the one, still under four screens for the other).
    """
    return sum(0 if TAIL.search(b.classes) else b.height * (PATH_SHARE if is_path(b) else 1) for b in blocks)


def is_path(node: Node) -> bool:
    """Return True for a personal path block (`<div class="bb-path">`)."""
    return "bb-path" in node.classes.split()


def cut_group(blocks: list[Node]) -> list[list[Node]]:
    """Return one section's blocks as steps of at most about BUDGET, never ending on a heading."""
    out: list[list[Node]] = []
    current: list[Node] = []
    size = 0.0
    for block in blocks:
        heavy = weight([block])
        if current and size >= MINIMUM and size + heavy > BUDGET and heavy > 0:
            carried: list[Node] = []
            while current and is_heading(current[-1]):
                carried.insert(0, current.pop())
            if current:
                out.append(current)
                current, size = carried, weight(carried)
            else:
                current = carried  # Only headings so far: no cut here.
        current.append(block)
        size += heavy
    if current:
        out.append(current)
    return out


def units_of(node: Node) -> list[Node]:
    """Return a long block's parts when it may be cut, else the block itself."""
    if SPLITTABLE.search(node.classes) and node.children:
        return units(node, BUDGET)
    return [node]


def split_steps(html_text: str, words: dict[str, str]) -> tuple[str, int]:
    """Return the page's HTML cut into steps, and how many steps it has (1: left as it is).

    `words` holds the bar's and the links' words, already in the page's language:
    `step_of` ("Step {number} of {total}"), `step_continue`, `step_back`, `step_whole`,
    `step_nav` (the label of the links' landmark).
    """
    tree = _Tree(html_text)
    for child in tree.root.children:
        estimate(child)
    steps = plan_steps(tree.root)
    if len(steps) < 2:
        return html_text, 1
    total = len(steps)
    # (offset, kind, step, text): at one offset a step's links come before the next step's bar,
    # and bars in step order.
    inserts: list[tuple[int, int, int, str]] = []
    # A block cut in two (a worksheet form) shows on each of its steps and hides on the others.
    spans: dict[int, tuple[Node, list[int]]] = {}
    for number, blocks in enumerate(steps, start=1):
        for block in blocks:
            inserts.append((attribute_at(block, html_text), 1, number, f' data-step="{number}"'))
            holder = block.parent
            while holder is not None and holder is not tree.root:
                numbers = spans.setdefault(id(holder), (holder, []))[1]
                if number not in numbers:
                    numbers.append(number)
                holder = holder.parent
    for holder, numbers in spans.values():
        mark = " ".join(str(n) for n in numbers)
        inserts.append((attribute_at(holder, html_text), 1, 0, f' data-steps="{mark}"'))
    for number, blocks in enumerate(steps, start=1):
        # A step that starts inside a form gets its bar before the form, among the page's own
        # blocks, so that it stays in view (sticky) for the whole step.
        inserts.append((outermost(blocks[0], tree.root).start, 0, number, bar(number, total, words)))
        if number < total:
            inserts.append((blocks[-1].end, -1, number, step_nav(number, total, words)))
    out = html_text
    for offset, _kind, _number, text in sorted(inserts, reverse=True):
        out = out[:offset] + text + out[offset:]
    return out, total


def attribute_at(node: Node, html_text: str) -> int:
    """Return where a new attribute goes in `node`'s start tag: after the ones it has."""
    return node.open_end - (2 if html_text[node.start : node.open_end].endswith("/>") else 1)


def outermost(node: Node, root: Node) -> Node:
    """Return the page-level block that holds `node` (itself when it is one)."""
    while node.parent is not None and node.parent is not root:
        node = node.parent
    return node


def bar(number: int, total: int, words: dict[str, str]) -> str:
    """Return the small bar that opens step `number`: where the learner is, and the whole-module switch."""
    where = words["step_of"].replace("{number}", str(number)).replace("{total}", str(total))
    where = escape(where, quote=False)
    dots = "".join(
        f'<span class="bb-step-bar__dot{" bb-step-bar__dot--done" if i <= number else ""}"></span>'
        for i in range(1, total + 1)
    )
    return (
        f'<div class="bb-step-bar" id="bb-step-{number}" data-step="{number}" tabindex="-1">'
        f'<span class="bb-step-bar__where">{where}</span>'
        f'<span class="bb-step-bar__dots" aria-hidden="true">{dots}</span>'
        f'<button type="button" class="bb-step-bar__whole" data-bb-whole aria-pressed="false">'
        f"{escape(words['step_whole'], quote=False)}</button></div>"
    )


def step_nav(number: int, total: int, words: dict[str, str]) -> str:
    """Return the links at the foot of step `number`: Back (after step 1) and Continue."""
    back = (
        f'<a class="md-button bb-step-back" href="#bb-step-{number - 1}" data-go="{number - 1}">'
        f"{escape(words['step_back'], quote=False)}</a>"
        if number > 1
        else ""
    )
    return (
        f'<nav class="bb-step-nav" data-step="{number}" aria-label="{escape(words["step_nav"])}">'
        '<a class="md-button md-button--primary bb-step-next" '
        f'href="#bb-step-{number + 1}" data-go="{number + 1}">'
        f"{escape(words['step_continue'], quote=False)}</a>{back}</nav>"
    )
