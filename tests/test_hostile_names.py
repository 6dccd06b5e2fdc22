"""File names that differ only in case stop the build: on macOS and Windows one would overwrite the other.

Each case is the small course of `test_hostile.py` with two files (or one
that clashes with a page the course generates), built with the `mkdocs build`
CLI as an author would: the first error is `path:1: …` with no traceback.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.test_hostile import ERROR_LINE, GOOD_MODULE, build_cli, first_error, make_course


def module(number: int) -> str:
    """A valid module with its own number."""
    return GOOD_MODULE.replace("number: 1", f"number: {number}")


WORKSHEET = "title: A sheet\nsections:\n  - title: S\n    fields:\n      - {id: a, type: text, label: A}\n"

# name: (files to add, the file the error must name, words it must say)
CASES = {
    "modules": (
        {"docs/modules/09-Extra.md": module(9), "docs/modules/09-extra.md": module(10)},
        "docs/modules/09-Extra.md",
        "upper and lower case",
    ),
    "pages": (
        {"docs/about.md": "# About\n", "docs/About.md": "# About again\n"},
        "docs/About.md",
        "upper and lower case",
    ),
    "generated-page": ({"docs/Plan.md": "# My own plan\n"}, "docs/Plan.md", "upper and lower case"),
    "folder": (
        {"docs/Modules/09-extra.md": "# Another\n", "docs/modules/09-extra.md": module(9)},
        "docs/Modules/09-extra.md",
        "upper and lower case",
    ),
    "worksheets": (
        {"worksheets/extra.yml": WORKSHEET, "worksheets/Extra.yml": WORKSHEET},
        "worksheets/Extra.yml",
        "",
    ),
}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Build every case, two at a time; keep (exit code, output)."""
    base = tmp_path_factory.mktemp("names")

    def run(name: str):
        folder = make_course(base / name)
        for path, text in CASES[name][0].items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8")
        code, output, _ = build_cli(folder)
        return name, (code, output)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(run, CASES))


@pytest.mark.parametrize("name", CASES)
def test_names_that_clash_when_case_is_ignored_stop_the_build(results, name):
    code, output = results[name]
    _files, where, says = CASES[name]
    assert code != 0, f"{name} built:\n{output}"
    assert "Traceback" not in output, output
    error = first_error(output)
    assert ERROR_LINE.match(error) and error.startswith(f"{where}:1: "), error
    assert says in error
