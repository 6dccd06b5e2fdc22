"""A center's `extra.course.modules`: typos and conflicts in `hide` and `order` are errors at their line."""

from __future__ import annotations

import pytest
from coursemodel import AuthorError
from coursemodel.model import Module
from coursemodel.modules import select_modules

from tests.conftest import BuildFailed, build_site
from tests.test_course_config import line_of
from tests.variants import write_variant

SLUGS = ["01-a", "02-b", "03-c"]


def modules() -> list[Module]:
    """Return three modules, numbered in file order."""
    return [
        Module(f"modules/{slug}.md", f"docs/modules/{slug}.md", n, slug, 5, ["o"], ["t"], [], slug=slug)
        for n, slug in enumerate(SLUGS, 1)
    ]


def refused(settings: dict) -> str:
    """Return the error `settings` get, with each name's line shown as `key:slug:nth`."""
    lines = {}

    def line_of_name(key: str, slug: str, nth: int = 1) -> int:
        """Number each asked-for mention, so the message says which one it points at."""
        lines[len(lines) + 1] = f"{key}:{slug}:{nth}"
        return len(lines)

    with pytest.raises(AuthorError) as info:
        select_modules(modules(), settings, "center.yml", line_of_name)
    line = int(str(info.value).split(":")[1])
    return f"{lines[line]} | {str(info.value).split(': ', 1)[1]}"


def test_hide_and_order_apply():
    shown = select_modules(modules(), {"hide": ["02-b"], "order": ["03-c"]})
    assert [m.slug for m in shown] == ["03-c", "01-a"]


def test_a_name_written_twice_is_an_error_at_its_second_mention():
    assert refused({"hide": ["02-b", "02-b"]}).startswith(
        "hide:02-b:2 | extra.course.modules.hide names `02-b` twice"
    )
    assert refused({"order": ["03-c", "01-a", "03-c"]}).startswith("order:03-c:2 | ")


def test_ordering_a_hidden_module_is_an_error_at_its_place_in_order():
    message = refused({"hide": ["02-b"], "order": ["02-b", "01-a"]})
    assert message.startswith(
        "order:02-b:1 | extra.course.modules.order places `02-b`, which hide leaves out; "
    )


def test_hiding_every_module_is_an_error():
    assert "hides every module" in refused({"hide": list(SLUGS)})


@pytest.mark.expect_warnings
def test_a_conflict_names_the_line_in_the_centers_own_file(tmp_path):
    settings = {"modules": {"hide": ["07-grow-and-go"], "order": ["01-feel-it-first", "07-grow-and-go"]}}
    config = write_variant(tmp_path / "cfg", {"extra": {"course": settings}})
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site")
    lines = config.read_text(encoding="utf-8").splitlines()
    order = line_of(config, "order:")
    at = next(n for n, text in enumerate(lines, 1) if n > order and "07-grow-and-go" in text)
    assert str(info.value).startswith(f"{config}:{at}: extra.course.modules.order places `07-grow-and-go`"), (
        str(info.value)
    )
