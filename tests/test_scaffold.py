"""`python -m hooks.new "Title"` makes a module and worksheet that build cleanly."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from coursemodel.formats import TYPES

from tests.conftest import ROOT, build_site
from tests.variants import write_variant

SKIP = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "dist", "__pycache__", "*.egg-info")


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A copy of the course to scaffold into."""
    copy = tmp_path / "course"
    shutil.copytree(ROOT, copy, ignore=SKIP)
    return copy


def new(course: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the scaffold command in `course` as an author would."""
    return subprocess.run(
        [sys.executable, "-m", "hooks.new", *args],
        cwd=course,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(course), "PATH": "/usr/bin:/bin"},
    )


def test_scaffold_creates_next_module_and_worksheet_that_build_strictly(course, tmp_path):
    numbers = [int(p.name[:2]) for p in (course / "docs/modules").glob("[0-9][0-9]-*.md")]
    result = new(course, "Negotiating an offer")
    assert result.returncode == 0, result.stderr
    expected = max(numbers) + 1
    module = course / f"docs/modules/{expected:02d}-negotiating-an-offer.md"
    sheet = course / "worksheets/negotiating-an-offer.yml"
    assert f"created docs/modules/{module.name}" in result.stdout
    assert module.is_file() and sheet.is_file()
    assert "<!-- worksheet: negotiating-an-offer -->" in module.read_text()
    data = yaml.safe_load(sheet.read_text())
    types = {f["type"] for s in data["sections"] for f in s["fields"]}
    assert types == set(TYPES)  # every field type the format has

    warnings = build_site(course / "mkdocs.yml", tmp_path / "site")
    assert warnings == []
    page = tmp_path / "site/modules" / module.stem / "index.html"
    html = page.read_text(encoding="utf-8")
    assert f"Module {expected} of {expected}" in html
    assert "Negotiating an offer" in html
    assert 'data-worksheet="negotiating-an-offer"' in html
    for kind in sorted(types - {"message"}):
        assert f'data-type="{kind}"' in html, kind


def test_scaffold_refuses_to_overwrite(course):
    assert new(course, "Negotiating an offer").returncode == 0
    module = next((course / "docs/modules").glob("*-negotiating-an-offer.md"))
    module.write_text(module.read_text() + "\nMy own words.\n")
    again = new(course, "Negotiating an offer")
    assert again.returncode == 1
    assert f"docs/modules/{module.name} already exists; nothing was changed" in again.stderr
    assert "My own words." in module.read_text()
    assert len(list((course / "docs/modules").glob("*-negotiating-an-offer.md"))) == 1


def test_scaffold_refuses_when_only_the_worksheet_exists(course):
    (course / "worksheets/salary-talk.yml").write_text("title: Mine\n")
    result = new(course, "Salary talk")
    assert result.returncode == 1
    assert "worksheets/salary-talk.yml already exists" in result.stderr
    assert not list((course / "docs/modules").glob("*-salary-talk.md"))
    assert (course / "worksheets/salary-talk.yml").read_text() == "title: Mine\n"


def test_scaffold_handles_accents_and_colons(course):
    result = new(course, "Négocier: l'offre", "--no-worksheet")
    assert result.returncode == 0, result.stderr
    module = next((course / "docs/modules").glob("*-negocier-l-offre.md"))
    front = yaml.safe_load(module.read_text().split("---")[1])
    assert front["title"] == "Négocier: l'offre"
    assert "worksheet:" not in module.read_text()


def new_in(folder: Path, course: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the scaffold command from `folder` (a center's own), with the course's hooks importable."""
    return subprocess.run(
        [sys.executable, "-m", "hooks.new", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(course), "PATH": "/usr/bin:/bin"},
    )


def test_a_module_for_the_example_center_goes_where_its_config_builds_from(course, tmp_path):
    # examples/career-center/mkdocs.yml builds the course's docs/ (docs_dir: ../../docs) under its own name.
    center = course / "examples" / "career-center" / "mkdocs.yml"
    result = new(course, "Negotiating an offer", "-f", "examples/career-center/mkdocs.yml")
    assert result.returncode == 0, result.stderr
    [module] = (course / "docs/modules").glob("*-negotiating-an-offer.md")
    assert f"created docs/modules/{module.name}" in result.stdout
    assert "created worksheets/negotiating-an-offer.yml" in result.stdout
    assert "mkdocs serve -f examples/career-center/mkdocs.yml" in result.stdout
    assert build_site(center, tmp_path / "site") == []
    html = (tmp_path / "site/modules" / module.stem / "index.html").read_text(encoding="utf-8")
    count = len(list((course / "docs/modules").glob("[0-9][0-9]-*.md")))
    assert f"Module {count} of {count}" in html and "Bounce Back at Riverside" in html


def test_a_center_with_its_own_lessons_folder_gets_the_module_there_and_builds_strictly(course, tmp_path):
    # A center that keeps its own copy of the lessons (to translate or rewrite them) points docs_dir at it.
    center = tmp_path / "riverside"
    shutil.copytree(course / "docs", center / "lessons")
    shutil.copytree(course / "worksheets", center / "worksheets")
    settings = {"site_name": "Riverside Careers", "docs_dir": "lessons", "extra": {"course": {"id": "rv"}}}
    config = write_variant(center, settings, root=course)
    before = sorted(p.name for p in (course / "docs/modules").iterdir())

    result = new_in(center, course, "Negotiating an offer", "-f", "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    [module] = (center / "lessons/modules").glob("*-negotiating-an-offer.md")
    assert f"created lessons/modules/{module.name}" in result.stdout
    assert (center / "worksheets/negotiating-an-offer.yml").is_file()
    # The course's own folders are untouched.
    assert sorted(p.name for p in (course / "docs/modules").iterdir()) == before
    assert not (course / "worksheets/negotiating-an-offer.yml").exists()

    assert build_site(config, tmp_path / "site") == []
    html = (tmp_path / "site/modules" / module.stem / "index.html").read_text(encoding="utf-8")
    assert "Negotiating an offer" in html and "Riverside Careers" in html
    assert 'data-worksheet="negotiating-an-offer"' in html


def test_a_named_config_that_is_missing_is_one_line(course):
    result = new(course, "Negotiating an offer", "-f", "career-center.yml")
    assert result.returncode == 1
    assert result.stderr.strip() == "hooks.new: career-center.yml not found; name your config with -f"
    assert not list((course / "docs/modules").glob("*-negotiating-an-offer.md"))


def test_scaffold_rejects_a_title_without_letters(course):
    result = new(course, "!!!")
    assert result.returncode == 1 and "cannot make a file name" in result.stderr
