"""Every command the docs give runs as written, from a fresh shell after the README's set-up.

A reader copies `bin/new "Title"` or `bin/package offline` into a new terminal, with no
virtual environment switched on. A bare `python -m hooks.…` fails there (`No module named
'mkdocs'`), so the docs name the `bin/` wrappers, which find `.venv/` themselves, or
`.venv/bin/…` (issue 25, item 5).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_model import copy_course

FRESH = {"PATH": "/usr/bin:/bin"}
# What the reader reads: the README and every page of the site (the guides for staff included).
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```(?:bash|sh|shell|console)\n(.*?)^```", re.S | re.M)
SPAN = re.compile(r"`([^`\n]+)`")
# A command's first word after any `NAME=value` settings.
FIRST_WORD = re.compile(r"^(?:[A-Z_]+=\S*\s+)*(\S+)")


def run(command: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run a command as a reader would, in a fresh shell: no virtual environment, a plain PATH."""
    return subprocess.run(command, cwd=cwd, env=FRESH, capture_output=True, text=True, timeout=300)


def commands(path: Path) -> list[str]:
    """Return each command a page gives: every line of its shell blocks and every `bin/…` span."""
    text = path.read_text(encoding="utf-8")
    found = [
        line.split("#", 1)[0].strip()
        for block in FENCE.findall(text)
        for line in block.splitlines()
        if line.split("#", 1)[0].strip()
    ]
    return found + [span for span in SPAN.findall(text) if span.startswith("bin/")]


def test_no_page_tells_the_reader_to_run_python_or_mkdocs_from_an_environment_they_have_not_switched_on():
    bare = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        bare += [f"{path.name}: {m.group(0)}" for m in re.finditer(r"(?<![/\w])python3? -m hooks\.\w+", text)]
        for command in commands(path):
            word = FIRST_WORD.match(command)
            if word and word.group(1) in ("python", "python3", "mkdocs"):
                bare.append(f"{path.name}: {command}")
    assert not bare, bare


def test_every_bin_command_the_docs_name_exists():
    named = {
        command.split()[0].rstrip(".,;:")
        for path in DOCS
        for command in commands(path)
        if command.split()[0].startswith("bin/")
    }
    assert {"bin/new", "bin/package", "bin/new-course", "bin/build", "bin/serve"} <= named, named
    for name in sorted(named):
        assert (ROOT / name).is_file() and (ROOT / name).stat().st_mode & 0o111, f"{name} is not a command"


@pytest.mark.parametrize("name", ["bin/new", "bin/package", "bin/new-course"])
def test_each_wrapper_answers_help_from_a_fresh_shell(name):
    done = run([str(ROOT / name), "--help"])
    assert done.returncode == 0, done.stderr
    assert f"usage: {name}" in done.stdout, done.stdout


@pytest.mark.parametrize("name", ["bin/new", "bin/package"])
def test_before_the_set_up_a_wrapper_says_what_to_run_first(tmp_path, name):
    course = copy_course(tmp_path / "course")  # no .venv/ in the copy
    done = run([str(course / name), "--help"], cwd=course)
    assert done.returncode == 1
    assert "run bin/serve" in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_bin_new_as_the_authoring_guide_gives_it(tmp_path):
    course = copy_course(tmp_path / "course")
    (course / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    (course / "career-center.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    done = run(["bin/new", "Negotiating an offer", "-f", "career-center.yml"], cwd=course)
    assert done.returncode == 0, done.stderr
    assert list((course / "docs" / "modules").glob("[0-9][0-9]-negotiating-an-offer.md"))
    assert (course / "worksheets" / "negotiating-an-offer.yml").is_file()
