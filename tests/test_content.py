"""The course content: every module is complete, plain, original and credited."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from coursemodel.errors import split_front_matter
from coursemodel.modules import load_sources, parse_module

from tests.conftest import ROOT

MODULES = sorted((ROOT / "docs" / "modules").glob("[0-9][0-9]-*.md"))
SOURCES = load_sources(ROOT / "docs" / "sources.yml", "docs/sources.yml")
ORIGINALITY = ROOT.parent / "shared" / "tools" / "originality.py"
WORKSHEET_MARKER = re.compile(r"^<!--\s*worksheet:\s*[a-z0-9-]+\s*-->$", re.M)
TASK_ITEM = re.compile(r"^\s*[-*] \[[ xX]\] ", re.M)


def test_eight_modules_in_order():
    numbers = [parse_module(p.read_text("utf-8"), p.name, p.name, SOURCES).number for p in MODULES]
    assert numbers == list(range(1, 9))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_module_is_complete(path: Path):
    text = path.read_text(encoding="utf-8")
    module = parse_module(text, path.name, f"modules/{path.name}", SOURCES)
    assert 10 <= module.minutes <= 25, "one sitting: trim a longer module or make a part an optional stop"
    assert module.objectives and module.takeaways and module.sources and module.description
    _front, body = split_front_matter(text)
    assert WORKSHEET_MARKER.search(body) or TASK_ITEM.search(body), "no worksheet or checklist"
    assert not re.search(r"^# ", body, re.M), "the hook writes the H1; use ## headings"


def _syllables(word: str) -> int:
    """Estimate syllables in an English word (vowel groups, silent final e)."""
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def _prose(body: str) -> str:
    """Module text a learner reads: no markers, HTML, admonition syntax or link targets."""
    body = re.sub(r"<!--.*?-->", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    body = re.sub(r"\]\([^)]*\)", "]", body)
    body = re.sub(r"^\s*(!!!|\?\?\?)\+?\s.*$", " ", body, flags=re.M)
    body = re.sub(r"\{[^}]*\}", " ", body)
    return body


def flesch_kincaid_grade(text: str) -> float:
    """Return the Flesch–Kincaid grade level of `text`."""
    sentences = [s for s in re.split(r"[.!?:;]+\s|\n\s*\n|\n\s*[-*\d]+[.)]?\s", text) if re.search(r"\w", s)]
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    syllables = sum(_syllables(w) for w in words)
    return 0.39 * len(words) / max(len(sentences), 1) + 11.8 * syllables / max(len(words), 1) - 15.59


def test_reading_level_measure_is_sane():
    assert flesch_kincaid_grade("The cat sat on the mat. It was fun.") < 2
    dense = (
        "Organisational recruitment methodologies systematically institutionalise "
        "considerable administrative complexity, notwithstanding comprehensive "
        "documentation requirements and interdepartmental communication."
    )
    assert flesch_kincaid_grade(dense) > 14


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_module_reads_at_grade_8_or_lower(path: Path):
    _front, body = split_front_matter(path.read_text(encoding="utf-8"))
    assert flesch_kincaid_grade(_prose(body)) <= 8


def test_every_source_is_used_and_credited():
    used = {s for p in MODULES for s in parse_module(p.read_text("utf-8"), p.name, p.name, SOURCES).sources}
    assert used == set(SOURCES)


def test_lessons_are_in_our_own_words():
    """originality.py (in shared/, beside the checkout) finds no passage copied from a source."""
    if not ORIGINALITY.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{ORIGINALITY} is missing; CI must run the originality check")
        pytest.skip("shared/tools/originality.py is not beside this checkout")
    result = subprocess.run(
        [sys.executable, str(ORIGINALITY), str(ROOT)], capture_output=True, text=True, timeout=120
    )
    last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    assert result.returncode == 0 and last.startswith("0 passages"), result.stdout[-3000:]
