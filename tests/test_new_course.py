"""`bin/new-course`: a whole new course from one command, that builds strictly with the engine."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site


def new_course(*args: str) -> subprocess.CompletedProcess:
    """Run the documented command as an author would, from a fresh shell."""
    return subprocess.run(
        [str(ROOT / "bin" / "new-course"), *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_a_new_course_builds_strictly_and_is_its_own(tmp_path: Path):
    folder = tmp_path / "pay-rise"
    made = new_course(str(folder), "Asking for a pay rise")
    assert made.returncode == 0, made.stderr
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - bounce-back\n" in text and "hooks:" not in text
    config.write_text(
        text.replace("  - bounce-back\n", "  - bounce-back:\n      pdf: false\n"), encoding="utf-8"
    )
    assert build_site(config, tmp_path / "site") == []
    site = tmp_path / "site"
    first = (site / "modules" / "01-getting-started" / "index.html").read_text(encoding="utf-8")
    assert 'data-worksheet="about-you"' in first
    assert '<div class="bb-path" data-path="new"' in first and "For: new to this" in first
    second = (site / "modules" / "02-next-steps" / "index.html").read_text(encoding="utf-8")
    assert 'data-worksheet="next-step"' in second
    assert (site / "plan" / "index.html").is_file()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "rejection" not in html.lower() and "Bounce Back" not in html, page
    # Its own storage: the id is the title's slug.
    assert '<meta name="bb-namespace" content="asking-for-a-pay-rise">' in first


@pytest.mark.parametrize(
    ("title", "said"),
    [
        ("Pay\x0brise", "control character"),
        ("!!!", "no letters or digits"),
        ("   ", "the title is empty"),
        ("x" * 81, "keep it to 80"),
    ],
)
def test_a_title_no_course_can_have_writes_nothing(tmp_path: Path, title: str, said: str):
    folder = tmp_path / "course"
    made = new_course(str(folder), title)
    assert made.returncode == 1 and said in made.stderr and made.stderr.count("\n") == 1, made.stderr
    assert not folder.exists()


def test_a_folder_with_files_is_left_alone(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    made = new_course(str(tmp_path), "Asking for a pay rise")
    assert made.returncode == 1 and "already holds files" in made.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
