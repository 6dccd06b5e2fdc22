"""Start a new course: `bin/new-course FOLDER "Course title"` writes a small course that builds.

The course is two modules, an About-you worksheet (with `role:` fields, so lessons can
have personal paths), a worksheet with a plan line and a message, a start page, a privacy
page with Export, Import and Clear, and a `mkdocs.yml` wired to the `bounce-back` plugin.
Nothing is written unless all of it can be: a title that cannot name a course, or a
folder that already holds files, stops with one line and exit status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

from .formats import build_schema
from .render import TEMPLATES
from .text import slugify

SOURCE = TEMPLATES / "new_course"
# Template file -> where it goes in the new course.
FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "index.md": "docs/index.md",
    "privacy.md": "docs/privacy.md",
    "01-getting-started.md": "docs/modules/01-getting-started.md",
    "02-next-steps.md": "docs/modules/02-next-steps.md",
    "about-you.yml": "worksheets/about-you.yml",
    "next-step.yml": "worksheets/next-step.yml",
    "strings.en.json": "strings/en.json",
}
MAX_TITLE = 80


class Refused(Exception):
    """The course cannot be made as asked; the message says why and what to do."""


def check_title(title: str) -> str:
    """Return the title tidied, or raise `Refused` for one no course can be built with."""
    if any(unicodedata.category(ch).startswith("C") for ch in title):
        raise Refused("the title has a control character (a tab, a line break, …); write it on one line")
    title = " ".join(title.split())
    if not title:
        raise Refused('the title is empty; give the course a name, e.g. "Negotiating an offer"')
    if len(title) > MAX_TITLE:
        raise Refused(f"the title is {len(title)} characters; keep it to {MAX_TITLE}")
    if not slugify(title):
        raise Refused("the title has no letters or digits to name the course's storage by")
    return title


def render_files(title: str, description: str) -> dict[str, str]:
    """Return {path in the course: text} for a new course called `title`."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(SOURCE)), keep_trailing_newline=True, autoescape=False
    )
    env.filters["tojson"] = lambda value: json.dumps(value, ensure_ascii=False)
    slug = slugify(title)
    out = {
        target: env.get_template(name).render(title=title, description=description, slug=slug)
        for name, target in FILES.items()
    }
    out["worksheets/schema.json"] = json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
    return out


def make_course(folder: Path, title: str, description: str = "") -> list[Path]:
    """Write the new course into `folder` (new or empty); return the files written."""
    title = check_title(title)
    description = " ".join((description or f"A short course: {title}.").split())
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise Refused(f"{folder} already holds files; name a new or empty folder")
    files = render_files(title, description)
    written = []
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Make the course and say how to preview it."""
    parser = argparse.ArgumentParser(prog="bin/new-course", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a new or empty folder for the course")
    parser.add_argument("title", help='the course\'s name, e.g. "Negotiating an offer"')
    parser.add_argument("--description", default="", help="one sentence for the start page")
    args = parser.parse_args(argv)
    try:
        written = make_course(args.folder, args.title, args.description)
    except Refused as refused:
        print(f"new-course: {refused}", file=sys.stderr)
        return 1
    print(
        f"Made {len(written)} files in {args.folder}. Preview: mkdocs serve -f {args.folder / 'mkdocs.yml'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
