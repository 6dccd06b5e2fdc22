"""Hostile course files: every malformed worksheet or module fails the build cleanly, or is escaped.

Each case drops one file (from tests/fixtures/hostile/ or generated here) into a
small temporary course that uses the real mkdocs.yml, hooks and templates, and
builds it with the `mkdocs build` CLI in a subprocess, exactly as an author
would. A failure must print `path:line: problem; allowed` as its first error and
no traceback; a file that builds must show dangerous text escaped, never live.
Builds run a few at a time so the whole file stays quick on two cores.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
ERROR_LINE = re.compile(r"^(worksheets|docs)/[\w./-]+:\d+: ")


# URLs a browser would run: javascript:, vbscript:, data: other than images (control characters
# and spaces inside the scheme are ignored by browsers, so they are ignored here too).
SCRIPT_URL = re.compile(
    r"^[\x00-\x20]*(j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|vbscript|data(?!:image/))\s*:", re.I
)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "data", "poster"}


# A built page must never contain a live script or event handler from author text.
class _LiveMarkup(HTMLParser):
    """Collect what a browser would run: event-handler attributes and scripts that call alert."""

    def __init__(self) -> None:
        """Start with nothing found."""
        super().__init__()
        self.found: list[str] = []
        self._in_script = False
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note on* attributes, script-capable URLs (as the parser sees them) and script starts."""
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and SCRIPT_URL.match(value or ""):
                self.found.append(f"<{tag} {name}={value!r}>")
        self._in_script = tag == "script"
        # A JSON data block is inert as long as it is whole JSON: author text that closed the
        # element early would leave a body that no longer parses.
        self._json = self._in_script and dict(attrs).get("type") == "application/json"

    def handle_endtag(self, tag: str) -> None:
        """Leave a script."""
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        """Note script bodies that carry the hostile files' alert()."""
        if self._in_script and self._json:
            try:
                json.loads(data)
            except ValueError:
                self.found.append(f"<script type=application/json>{data[:60]}")
        elif self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:60]}")


def live_markup(html: str) -> list[str]:
    """Return live markup a browser would run from the hostile files' author text."""
    parser = _LiveMarkup()
    parser.feed(html)
    return sorted(set(parser.found))


# Generous: a clean failure takes a second or two; a hang is what we are guarding against.
BUILD_TIMEOUT = 120


@dataclass
class Case:
    """One hostile file and what the build must do with it."""

    name: str
    dest: str  # path inside the temporary course
    line: int | None = None  # expected line of the error; None: the file must build
    says: str = ""  # words the error must contain
    escaped_in: str = ""  # built page (site-relative) that must show the text escaped


def ws(name: str, line: int | None, says: str = "", escaped_in: str = "") -> Case:
    """A hostile worksheet from the fixtures folder."""
    return Case(name, f"worksheets/{name}.yml", line, says, escaped_in)


def mod(name: str, line: int | None, says: str = "", escaped_in: str = "") -> Case:
    """A hostile module from the fixtures folder."""
    return Case(name, f"docs/modules/{name}.md", line, says, escaped_in)


CASES = [
    # PyYAML reports an unclosed quote where the file ends, one past the last line.
    ws("broken-quote", 1, "YAML"),  # where the unclosed quote opens
    ws("tab-indent", 3, "tab"),
    ws("empty", 1, "empty"),
    ws("only-comment", 1, ""),
    ws("top-level-list", 1, ""),
    ws("unknown-key", 2, "colour"),
    ws("unknown-field-key", 8, "required"),
    ws("missing-title", 1, "title"),
    ws("wrong-type-minutes", 2, "minutes"),
    ws("sections-not-list", 2, "sections"),
    ws("duplicate-field-id", 8, "same"),
    ws("duplicate-yaml-key", 2, "title"),
    ws("unknown-field-type", 6, "slider"),
    ws("bad-field-id", 5, "Company Name"),
    ws("choice-without-options", 5, "options"),
    ws("label-is-a-list", 7, "label"),
    ws("rows-out-of-range", 8, "rows"),
    ws("message-unknown-placeholder", 11, "nobody"),
    ws("alias-bomb", 2, "alias"),
    ws("python-tag", 1, ""),
    ws("script-in-labels", None, escaped_in="worksheets/script-in-labels/index.html"),
    ws("handlers-and-script-urls", None, escaped_in="worksheets/handlers-and-script-urls/index.html"),
    ws("id-collision", 9, "clashes"),
    Case("deep-nesting", "worksheets/deep-nesting.yml", 2, "nested"),
    Case("not-utf8", "worksheets/not-utf8.yml", 1, "UTF-8"),
    Case("huge-5mb", "worksheets/huge-5mb.yml", 1, "KB"),
    Case("huge-10k-fields", "worksheets/huge-10k-fields.yml", 1, "KB"),
    Case("nul-byte", "worksheets/nul-byte.yml", 1, ""),
    mod("09-no-front-matter", 1, "front matter"),
    mod("09-broken-yaml", 3, "YAML"),  # where the unclosed quote opens
    mod("09-tabs", 4, "tab"),
    mod("09-unknown-key", 5, "duration"),
    mod("09-wrong-type", 2, "number"),
    mod("09-objectives-not-list", 5, "objectives"),
    mod("09-unknown-source", 7, "made-up-source"),
    mod("09-duplicate-number", 2, "number 1"),
    mod("09-empty", 1, "front matter"),
    mod("09-unknown-worksheet", 12, "no-such-worksheet"),
    mod("09-script-in-front-matter", None, escaped_in="modules/09-script-in-front-matter/index.html"),
    mod("09-handlers-in-front-matter", None, escaped_in="modules/09-handlers-in-front-matter/index.html"),
    mod("09-marker-not-alone", 11, "alone on its line"),
    mod("09-marker-upper-case", 13, "lower case"),
    mod("09-huge-number", 2, "number"),
    mod("09-hide-typo", 5, "hide"),
    mod("09-icon-typo", 5, "material/stra"),
    mod("09-icon-path", 5, "icon"),
    Case("handwritten-plan", "docs/plan.md", 1, "generates"),
    Case("09-crlf-unknown-worksheet", "docs/modules/09-crlf-unknown-worksheet.md", 12, "no-such-worksheet"),
    Case("09-not-utf8", "docs/modules/09-not-utf8.md", 3, "UTF-8"),
    Case("09-huge", "docs/modules/09-huge.md", 1, "KB"),
]

GOOD_MODULE = """\
---
number: 1
title: A plain module
minutes: 5
description: A module that builds, so the hostile file is the only problem.
objectives: [Read one page]
takeaways: [Small courses build quickly]
sources: [nexgoal]
---

Plain text.
"""


def generated(case: Case) -> bytes | None:
    """Return the bytes of a case made here rather than stored (huge and binary ones)."""
    field = "      - id: f{0}\n        type: text\n        label: Field {0}\n"
    if case.name == "not-utf8":
        return "title: Caf\xe9 in Latin-1\nlabel: r\xe9sum\xe9\n".encode("latin-1")
    if case.name == "huge-5mb":
        body = "".join(field.format(i) for i in range(5 * 1024 * 1024 // len(field.format(99999)) + 1))
        return ("title: Huge\nsections:\n  - title: S\n    fields:\n" + body).encode()
    if case.name == "huge-10k-fields":
        body = "".join(field.format(i) for i in range(10_000))
        return ("title: Ten thousand fields\nsections:\n  - title: S\n    fields:\n" + body).encode()
    if case.name == "deep-nesting":
        # 2 KB that would exhaust Python's recursion: 1,000 nested lists.
        return b"title: Deep\nsections: " + b"[" * 1000 + b"]" * 1000 + b"\n"
    if case.name == "handwritten-plan":
        return b"# My own plan page\n"
    if case.name == "09-crlf-unknown-worksheet":
        # Saved on Windows: line ends must not hide the marker (line 12, as with LF).
        text = (FIXTURES / "modules" / "09-unknown-worksheet.md").read_text(encoding="utf-8")
        return text.replace("\n", "\r\n").encode()
    if case.name == "nul-byte":
        return b"title: Nul \x00 byte\nsections: []\n"
    if case.name == "09-not-utf8":
        return GOOD_MODULE.replace("number: 1", "number: 9").replace("A plain", "Caf\xe9").encode("latin-1")
    if case.name == "09-huge":
        return (
            GOOD_MODULE.replace("number: 1", "number: 9") + "Lorem ipsum dolor sit amet. " * 40_000
        ).encode()
    return None


def course_config() -> str:
    """Return the real mkdocs.yml with a nav that lists only what the small course has."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = "nav:\n  - Start here: index.md\n  - Modules:\n      - modules/*.md\n\n"
    text, found = re.subn(r"^nav:\n(?:[ \t]+.*\n|\n)*", nav, text, flags=re.M)
    assert found == 1, "mkdocs.yml has no top-level nav block to replace"
    return text


def make_course(folder: Path) -> Path:
    """Create the small course: real config, hooks, templates and assets; one good module."""
    folder.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(course_config(), encoding="utf-8")
    (folder / "hooks").symlink_to(ROOT / "hooks", target_is_directory=True)
    docs = folder / "docs"
    (docs / "modules").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "sources.yml", docs / "sources.yml")
    (docs / "index.md").write_text(
        "---\ndescription: A tiny course for hostile-input tests.\n---\n\n# Start\n\nHello.\n",
        encoding="utf-8",
    )
    (docs / "modules" / "01-plain.md").write_text(GOOD_MODULE, encoding="utf-8")
    (folder / "worksheets").mkdir()
    return folder


def build_cli(folder: Path) -> tuple[int, str, float]:
    """Run `mkdocs build --strict` in `folder`; return (exit code, output, seconds)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COURSE_PDF": "false", "PYTHONDONTWRITEBYTECODE": "1"}
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    return done.returncode, done.stdout + done.stderr, time.monotonic() - start


def first_error(output: str) -> str:
    """Return MkDocs' first ERROR message without its `ERROR    -  ` prefix."""
    for line in output.splitlines():
        match = re.match(r"^ERROR\s+-\s+(.*)$", line)
        if match:
            return match.group(1)
    return ""


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, tuple[Path, int, str, float]]:
    """Build every case (two at a time) and keep (course folder, exit code, output, seconds)."""
    base = tmp_path_factory.mktemp("hostile")

    def run(case: Case):
        folder = make_course(base / case.name)
        if case.name == "clean":
            return case.name, (folder, *build_cli(folder))
        data = generated(case)
        target = folder / case.dest
        target.parent.mkdir(parents=True, exist_ok=True)
        if data is None:
            kind = "worksheets" if case.dest.startswith("worksheets/") else "modules"
            data = (FIXTURES / kind / target.name).read_bytes()
        target.write_bytes(data)
        return case.name, (folder, *build_cli(folder))

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(run, [Case("clean", "docs/index.md"), *CASES]))


def test_the_small_course_builds_cleanly(results):
    """Without a hostile file the temporary course builds, so every failure below is the file's."""
    folder, code, output, _ = results["clean"]
    assert code == 0, output
    assert (folder / "site" / "modules" / "01-plain" / "index.html").is_file()


def test_there_are_at_least_twenty_hostile_files():
    stored = list((FIXTURES / "worksheets").glob("*.yml")) + list((FIXTURES / "modules").glob("*.md"))
    assert len(CASES) >= 20 and len(stored) >= 20
    named = {Path(c.dest).name for c in CASES}
    assert {p.name for p in stored} <= named, "a fixture file has no CASES entry"


@pytest.mark.parametrize("case", [c for c in CASES if c.line is not None], ids=lambda c: c.name)
def test_malformed_file_fails_with_file_and_line(results, case):
    _folder, code, output, seconds = results[case.name]
    assert code != 0, f"{case.name} built, but it should have failed:\n{output}"
    assert "Traceback" not in output, output
    error = first_error(output)
    assert ERROR_LINE.match(error), f"first error is not `path:line: …`:\n{output}"
    assert error.startswith(f"{case.dest}:{case.line}: "), error
    assert case.says.lower() in error.lower(), error
    assert seconds < 60, f"{case.name} took {seconds:.0f} s to fail"


ESCAPED = [c for c in CASES if c.line is None]


@pytest.mark.parametrize("case", ESCAPED, ids=lambda c: c.name)
def test_html_and_script_in_author_text_is_escaped_in_the_content(results, case):
    folder, code, output, _ = results[case.name]
    assert code == 0, output
    html = (folder / "site" / case.escaped_in).read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    assert "&lt;script" in article
    live = live_markup(article)
    assert not live, f"live markup from author text in {case.escaped_in}: {live}"


@pytest.mark.parametrize("case", ESCAPED, ids=lambda c: c.name)
def test_html_and_script_in_author_text_is_escaped_in_titles_and_meta(results, case):
    folder, code, output, _ = results[case.name]
    html = (folder / "site" / case.escaped_in).read_text(encoding="utf-8")
    live = live_markup(html)
    assert not live, f"live markup from author text in {case.escaped_in}: {live}"
