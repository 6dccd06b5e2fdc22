"""Config mistakes stop the build early, in plain words; `bin/build` skips pip when nothing changed.

A center's typo should cost seconds, not the minute it takes to render every handout,
and be said in YAML's words (true or false, text, a list), not Python's.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from coursemodel import handouts

from tests.conftest import ROOT, BuildFailed, build_site
from tests.test_course_config import line_of
from tests.variants import write_variant


@pytest.fixture
def no_pdf_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Build with handouts on (an empty cache) and count the PDFs the build asks WeasyPrint for."""
    rendered: list[str] = []

    def render_pdf(markup: str, **_options) -> bytes:
        """Count a render; return a stand-in PDF."""
        rendered.append(markup)
        return b"%PDF-1.4\n"

    monkeypatch.setattr(handouts, "render_pdf", render_pdf)
    monkeypatch.setenv("COURSE_PDF", "true")
    monkeypatch.setenv("COURSE_PDF_CACHE", str(tmp_path / "pdf-cache"))
    return rendered


@pytest.mark.expect_warnings
def test_a_colour_below_contrast_stops_a_strict_build_before_any_pdf_renders(tmp_path, no_pdf_renders):
    center = {"site_url": "https://careers.example.edu/bounce-back/"}
    config = write_variant(
        tmp_path / "cfg", {**center, "extra": {"course": {"colours": {"primary": "#ffff66"}}}}
    )
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site")
    assert str(info.value).startswith(
        "Aborted with 2 warnings in strict mode, before rendering the worksheet PDFs"
    )
    assert no_pdf_renders == []
    # The same config with a readable colour renders its handouts (so the count above can see them).
    readable = {"primary": "#1d4f91", "link_dark": "#9cc3ff"}
    config = write_variant(tmp_path / "cfg", {**center, "extra": {"course": {"colours": readable}}})
    assert build_site(config, tmp_path / "site") == []
    assert no_pdf_renders, "a clean build renders the handouts"


@pytest.mark.expect_warnings
def test_a_colour_that_is_not_a_colour_stops_the_build_before_any_pdf_renders(tmp_path, no_pdf_renders):
    config = write_variant(tmp_path / "cfg", {"extra": {"course": {"colours": {"primary": "navy"}}}})
    with pytest.raises(BuildFailed, match=r"extra\.course\.colours\.primary: 'navy' is not a colour"):
        build_site(config, tmp_path / "site")
    assert no_pdf_renders == []


WRONG_TYPES = [
    (
        {"staff_pages": {"include": "nope"}},
        "include:",
        "staff_pages.include: expected true or false, not 'nope'",
    ),
    (
        {"contacts": {"phone": 5550100}},
        "phone:",
        'contacts.phone: expected text, not 5550100; put it in quotes: "5550100"',
    ),
    (
        {"modules": {"hide": "07-grow-and-go"}},
        "hide:",
        "modules.hide: expected a list, not text: '07-grow-and-go'; write [07-grow-and-go] or one",
    ),
    ({"organisation": ["A", "B"]}, "organisation:", "organisation: expected text, not a list: ['A', 'B']"),
    ({"modules": "all"}, "modules:", "modules: expected keys under it, not text: 'all'"),
]


@pytest.mark.expect_warnings
@pytest.mark.parametrize(("course", "key", "words"), WRONG_TYPES, ids=[w[1] for w in WRONG_TYPES])
def test_a_wrong_type_is_said_in_yamls_words_at_its_line(tmp_path, no_pdf_renders, course, key, words):
    config = write_variant(tmp_path / "cfg", {"extra": {"course": course}})
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site")
    message = str(info.value)
    assert message.startswith(f"{config}:{line_of(config, key)}: extra.course.{words}"), message
    assert "<class" not in message
    assert no_pdf_renders == []


# bin/build and bin/serve install with bin/lib/install.sh -----------------------------------------


def run_install(project: Path) -> None:
    """Run `bb_install` in `project`, with a stand-in venv, system libraries present and no apt-get."""
    stubs = project / "stubs"
    result = subprocess.run(
        ["bash", "-c", f". {ROOT / 'bin' / 'lib' / 'install.sh'} && bb_install test"],
        cwd=project,
        env={**os.environ, "PATH": f"{stubs}:{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def stub(path: Path, body: str) -> None:
    """Write an executable shell script."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def test_the_install_skips_pip_until_pyproject_changes_or_the_engine_stops_importing(tmp_path: Path):
    project = tmp_path / "course"
    (project / "pyproject.toml").parent.mkdir(parents=True)
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    log = project / "pip.log"
    stub(project / ".venv" / "bin" / "pip", f'echo "$@" >> "{log}"')
    stub(project / ".venv" / "bin" / "python", 'test ! -e "$(dirname "$0")/../broken"')
    stub(project / "stubs" / "ldconfig", 'echo "libpangoft2-1.0.so.0 (libc6,x86-64) => /x"')
    stub(project / "stubs" / "apt-get", "exit 1")

    def pip_runs() -> int:
        """Return how many times pip has run so far."""
        return len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0

    run_install(project)
    assert pip_runs() == 1, "a fresh venv installs"
    run_install(project)
    assert pip_runs() == 1, "nothing changed: no pip"
    (project / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "2"\n', encoding="utf-8")
    run_install(project)
    assert pip_runs() == 2, "pyproject.toml changed: pip again"
    (project / ".venv" / "broken").write_text("", encoding="utf-8")
    run_install(project)
    assert pip_runs() == 3, "the engine no longer imports: pip again"
