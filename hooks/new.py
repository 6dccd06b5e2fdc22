"""Scaffold a new module: `bin/new "Negotiating an offer" [-f your-config.yml]` (this is `hooks.new`).

Creates `docs/modules/NN-slug.md` (the next free number) with valid front
matter and a starter body, and `worksheets/<slug>.yml` with one field of every
common type, placed in the module with a `<!-- worksheet: slug -->` marker.
With `-f`, `docs/` is the folder that config builds from (its `docs_dir`) and
`worksheets/` the one beside it, where that build reads them.
Both build cleanly in strict mode; the author then rewrites the text. Existing
files are never overwritten.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from coursemodel.formats import RESERVED_IDS  # noqa: E402  (hooks/ on the path, as MkDocs loads hooks)
from coursemodel.text import slugify  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NUMBER_LINE = re.compile(r"^number:\s*(\d+)\s*$", re.M)
FILE_NUMBER = re.compile(r"^(\d+)-")
SOURCE_ID = re.compile(r"^-\s*id:\s*['\"]?([\w-]+)", re.M)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, create the files and say what was made (or why not)."""
    parser = argparse.ArgumentParser(prog="bin/new", description=__doc__.splitlines()[0])
    parser.add_argument("title", help='the module title, e.g. "Negotiating an offer"')
    parser.add_argument("--minutes", type=int, default=15, help="reading and doing time (default 15)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the course folder (holds mkdocs.yml)")
    parser.add_argument("--no-worksheet", action="store_true", help="create the module only")
    parser.add_argument(
        "-f",
        "--config-file",
        type=Path,
        help="your own config (default: mkdocs.yml in --root); the files go where it builds from",
    )
    args = parser.parse_args(argv)
    try:
        docs = docs_dir_of(args.config_file or args.root / "mkdocs.yml", given=args.config_file is not None)
        made = scaffold(
            args.root, args.title, minutes=args.minutes, worksheet=not args.no_worksheet, docs_dir=docs
        )
    except ScaffoldError as err:
        print(f"hooks.new: {err}", file=sys.stderr)
        return 1
    for path in made.paths:
        print(f"created {shown(path)}")
    serve = f"mkdocs serve -f {shown(args.config_file)}" if args.config_file else "mkdocs serve"
    print(f"Next: edit the text, then run `{serve}` to see it. See docs/authoring/index.md.")
    return 0


def docs_dir_of(config_file: Path, *, given: bool = True) -> Path | None:
    """Return the docs folder `config_file` builds from, as MkDocs reads it (INHERIT, relative paths).

    A center's own config says where its course lives (`docs_dir`), so a new module goes
    where that build reads modules, and its worksheet into `worksheets/` beside that folder.
    None when no config was named and the course folder has none (then `<root>/docs`).
    """
    if not config_file.is_file():
        if not given:
            return None
        raise ScaffoldError(f"{shown(config_file)} not found; name your config with -f")
    import os

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(config_file))
    except MkDocsException as err:
        raise ScaffoldError(
            f"{shown(config_file)}: cannot read it ({err}); `mkdocs build -f` says why"
        ) from None
    return Path(config.docs_dir)


def shown(path: Path) -> str:
    """Return `path` as the author knows it: relative to the working folder when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


class ScaffoldError(Exception):
    """The scaffold cannot be made (bad title, file exists, not a course folder)."""


@dataclass
class Scaffold:
    """What `scaffold` created."""

    number: int
    slug: str
    module: Path
    worksheet: Path | None

    @property
    def paths(self) -> list[Path]:
        """The created files."""
        return [p for p in (self.module, self.worksheet) if p is not None]


def scaffold(
    root: Path, title: str, *, minutes: int = 15, worksheet: bool = True, docs_dir: Path | None = None
) -> Scaffold:
    """Create the module in `docs_dir` (default `root/docs`) and its worksheet beside it; overwrite nothing.

    The worksheet goes into `worksheets/` next to the docs folder, which is where the build reads them.
    """
    docs = (docs_dir or root / "docs").resolve()
    modules_dir = docs / "modules"
    sources_file = docs / "sources.yml"
    if not modules_dir.is_dir() or not sources_file.is_file():
        raise ScaffoldError(
            f"{shown(docs)} does not look like a course's docs folder (no modules/ or sources.yml in it)"
        )
    check_title(title)
    title = " ".join(title.split())
    slug = file_slug(title)
    if not slug:
        raise ScaffoldError(f"cannot make a file name from the title {title!r}; use letters or digits")
    if slug in RESERVED_IDS:
        raise ScaffoldError(
            f"the title {title!r} makes the name `{slug}`, which the course keeps for its own pages; "
            "nothing was changed. Choose another title"
        )
    if minutes < 1:
        raise ScaffoldError("--minutes must be 1 or more")
    # Case is ignored: on macOS and Windows `12-Offer.md` and `12-offer.md` are one file.
    for existing in sorted(modules_dir.glob("*")):
        rest = existing.name.split("-", 1)[1].lower() if FILE_NUMBER.match(existing.name) else ""
        if rest == f"{slug}.md" or existing.name.lower() == f"{slug}.md":
            raise ScaffoldError(
                f"{shown(existing)} already exists; nothing was changed. "
                "Choose another title, or delete or rename that file first"
            )
    sheets = docs.parent / "worksheets"
    sheet = sheets / f"{slug}.yml" if worksheet else None
    if sheet is not None:
        taken = [
            path
            for folder, names in (
                (sheets, (f"{slug}.yml", f"{slug}.yaml")),
                (docs / "worksheets", (f"{slug}.md",)),
            )
            if folder.is_dir()
            for path in folder.iterdir()
            if path.name.lower() in names
        ]
        if taken:
            raise ScaffoldError(
                f"{shown(taken[0])} already exists; nothing was changed. "
                "Choose another title, or use --no-worksheet"
            )
    number = next_number(modules_dir)
    module = modules_dir / f"{number:02d}-{slug}.md"
    source = first_source(sources_file)
    text = render_module(title, number, minutes, source, slug if sheet else None)
    check_buildable(text, module, sources_file, render_worksheet(title) if sheet else None, slug)
    module.write_text(text, encoding="utf-8")
    if sheet is not None:
        sheet.parent.mkdir(exist_ok=True)
        sheet.write_text(render_worksheet(title), encoding="utf-8")
    return Scaffold(number=number, slug=slug, module=module, worksheet=sheet)


# Longer than this, a title is a pasted paragraph, not a title (the nav and the slides show it whole).
MAX_TITLE = 120


def check_title(title: str) -> None:
    """Refuse a title with control characters (line breaks and tabs included) or one too long to be a title.

    They would end up in the YAML front matter and in every menu; nothing is written.
    """
    bad = next((c for c in title if unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp")), None)
    if bad is not None:
        raise ScaffoldError(
            f"the title holds a control character (U+{ord(bad):04X}); nothing was changed. "
            "Type the title as plain words on one line"
        )
    if len(title.strip()) > MAX_TITLE:
        raise ScaffoldError(
            f"the title is {len(title.strip())} characters long; nothing was changed. "
            f"Keep it under {MAX_TITLE} (put the rest in the module's description)"
        )


def check_buildable(text: str, module: Path, sources_file: Path, sheet: str | None, slug: str) -> None:
    """Validate the new files with the course's own loaders before writing them; say why not in one line."""
    from coursemodel.errors import AuthorError
    from coursemodel.modules import load_sources, parse_module
    from coursemodel.worksheets import check_worksheet_id, parse_worksheet

    try:
        sources = load_sources(sources_file, shown(sources_file))
        parse_module(text, shown(module), f"modules/{module.name}", sources)
        if sheet is not None:
            check_worksheet_id(slug, f"worksheets/{slug}.yml")
            parse_worksheet(sheet, f"worksheets/{slug}.yml", slug)
    except AuthorError as err:
        raise ScaffoldError(f"the new files would not build ({err}); nothing was changed") from None


def file_slug(text: str) -> str:
    """Return the course's slug of `text` in ASCII, for file names and worksheet ids.

    "Négocier l'offre" → "negocier-l-offre"; letters without an ASCII form are dropped.
    """
    ascii_only = re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "", slugify(text)))
    return ascii_only.strip("-")[:60].strip("-")


def next_number(modules_dir: Path) -> int:
    """Return one more than the highest module number used in file names or front matter."""
    used = [0]
    for path in modules_dir.glob("*.md"):
        if match := FILE_NUMBER.match(path.name):
            used.append(int(match.group(1)))
        if match := NUMBER_LINE.search(path.read_text(encoding="utf-8", errors="replace")[:2000]):
            used.append(int(match.group(1)))
    return max(used) + 1


def first_source(sources_file: Path) -> str:
    """Return the first source id in the registry (a module must name at least one)."""
    match = SOURCE_ID.search(sources_file.read_text(encoding="utf-8"))
    if not match:
        raise ScaffoldError("docs/sources.yml has no sources; add one first (see docs/authoring/index.md)")
    return match.group(1)


def _yaml_text(text: str) -> str:
    """Quote text for YAML front matter so colons, quotes and # are safe."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_module(title: str, number: int, minutes: int, source: str, worksheet: str | None) -> str:
    """Return the starter module: valid front matter and a body to rewrite."""
    place = (
        f"## Try it\n\nFill in the worksheet below. Your answers stay in this browser.\n\n"
        f"<!-- worksheet: {worksheet} -->\n\n"
        if worksheet
        else ""
    )
    return (
        "---\n"
        f"number: {number}\n"
        f"title: {_yaml_text(title)}\n"
        f"minutes: {minutes}\n"
        f"description: {_yaml_text(f'A short, practical module: {title.lower()}.')}\n"
        "objectives:\n"
        "  - Say in one sentence what this module is for\n"
        "  - Try one small thing you can do today\n"
        "takeaways:\n"
        "  - Replace these with the two or three points to remember\n"
        f"# Ids from docs/sources.yml: replace with the articles this module draws on.\n"
        f"sources: [{source}]\n"
        "---\n\n"
        "Start with one or two short paragraphs that meet the learner where they are.\n"
        "The title, the objectives and the key takeaways are added for you from the\n"
        "front matter above, so do not repeat the title as a `#` heading.\n\n"
        "## The idea\n\n"
        "Explain the idea in plain words. Keep paragraphs short.\n\n"
        f"{place}"
        "## Before you move on\n\n"
        "- [ ] I read the module\n"
        "- [ ] I did one small thing from it\n"
    )


def render_worksheet(title: str) -> str:
    """Return a starter worksheet using each common field type once (see ARCHITECTURE.md)."""
    return f"""\
# Starter worksheet made by `python -m hooks.new`. Each field shows one type;
# keep the ones you need, delete the rest. Field ids are storage keys: once
# learners use the worksheet, do not rename them.
title: {_yaml_text(title)}
intro: A few questions to turn this module into something you can use.
minutes: 10
# The learner's own answers: no message or plan line has to use them. Take this line
# out once your messages do, and the build names any answer still used nowhere.
private: true
sections:
  - title: Where you are
    fields:
      - id: situation
        type: text
        label: In a few words, where are you now?
        placeholder: e.g. I have an offer and a week to answer
      - id: details
        type: textarea
        label: What matters most to you here?
        help: Write as much or as little as you like.
        rows: 4
      - id: deadline
        type: date
        label: When do you need to decide or act?
      - id: confidence
        type: scale
        label: How confident do you feel about it?
        min: 1
        max: 5
        min_label: Not at all
        max_label: Very
  - title: Your options
    fields:
      - id: first-step
        type: choice
        label: Which first step fits you best?
        options:
          - Talk it over with someone
          - Write down what I want
          - Ask for more information
      - id: priorities
        type: multichoice
        label: What are your priorities?
        options:
          - Pay
          - Flexibility
          - Learning
          - The people
      - id: prepare
        type: checklist
        label: To prepare
        items:
          - Read the module again
          - Note my questions
      - id: ideas
        type: list
        label: Three ideas worth trying
        count: 3
        example: Ask a friend who did this last year.
        plan: true
      - id: contacts
        type: table
        label: People who can help
        columns:
          - Name
          - label: When to ask
            type: date
        rows: 2
  - title: Practise
    fields:
      - id: practice
        type: scenario
        label: A first conversation about it
        situation: |
          Someone you trust asks how it is going. You are not sure where to start.
        options:
          - text: Tell them the one thing that worries you most
            comment: A good start. One clear worry is easier to help with than everything at once.
          - text: Say it is fine and change the subject
            comment: Easy to do, but it keeps them from helping. You can say a little and stop there.
  - title: Say it
    fields:
      - id: note
        type: message
        label: A message you could send
        template: "Hello, I am working on this: {{situation}}. Could we talk before {{deadline}}?"
""" + unit_examples()


def unit_examples() -> str:
    """Return a section with one example field of each field-type unit (their `scaffold` text)."""
    from coursemodel.fieldtypes import units

    examples = [unit.scaffold for unit in units().values() if unit.scaffold]
    if not examples:
        return ""
    return "  - title: More kinds of question\n    fields:\n" + "".join(examples)


if __name__ == "__main__":
    raise SystemExit(main())
