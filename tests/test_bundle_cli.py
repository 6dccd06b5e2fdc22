"""`bin/package` (`hooks.bundle`): a broken course prints the build's own error and exits non-zero."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

from tests.test_model import copy_course

ROOT = Path(__file__).resolve().parent.parent


def bundle(course: Path, out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """Run the documented offline-bundle command (`bin/package offline`) in `course`, from a fresh shell."""
    if not (course / ".venv").exists():
        (course / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    return subprocess.run(
        ["bin/package", "offline", "-o", str(out), *options],
        cwd=course,
        env={"PATH": "/usr/bin:/bin", "COURSE_PDF": "false"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_broken_worksheet_stops_the_bundle_with_its_line(tmp_path):
    course = copy_course(tmp_path / "course")
    (course / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    sheet = course / "worksheets" / "support-map.yml"
    lines = sheet.read_text(encoding="utf-8").count("\n")
    with sheet.open("a", encoding="utf-8") as out:
        out.write("      - id: broken\n        type: slider\n        label: X\n")
    done = bundle(course, tmp_path / "out")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"worksheets/support-map.yml:{lines + 2}: unknown field type `slider`" in done.stderr, done.stderr
    assert "no package made" in done.stderr
    assert not list((tmp_path / "out").glob("*.zip"))


def test_a_missing_npm_helper_is_one_line_that_says_what_to_run(tmp_path):
    course = copy_course(tmp_path / "course")
    done = bundle(course, tmp_path / "out")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "iframe-worker" in done.stderr and "npm install" in done.stderr, done.stderr


def test_a_centers_own_config_is_bundled_with_f(tmp_path):
    # As the hosting guide says: `bin/package offline -f career-center.yml`.
    course = copy_course(tmp_path / "course")
    (course / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    done = bundle(course, tmp_path / "out", "-f", "examples/career-center/mkdocs.yml")
    assert done.returncode == 0, done.stderr
    target = tmp_path / "out" / "riverside-bounce-back-offline.zip"
    assert done.stdout.strip().endswith(target.name)
    with zipfile.ZipFile(target) as package:
        page = package.read("riverside-bounce-back/index.html").decode("utf-8")
        missing = package.read("riverside-bounce-back/404.html").decode("utf-8")
    assert "Bounce Back at Riverside" in page and "logo.svg" in page
    # Opened from file://, a root-absolute address (`/assets/…`, or `/bounce-back/…` from the
    # center's site_url) points at the disk's root: the 404 page's links and files are relative.
    assert "main." in missing and "logo.svg" in missing, "the 404 page keeps its styles and logo"
    absolute = re.findall(r"""(?:href|src)\s*=\s*["']?/(?!/)[^"'\s>]*""", missing)
    assert not absolute, absolute
    assert 'href="index.html"' in missing or 'href="./index.html"' in missing or 'href="."' in missing
