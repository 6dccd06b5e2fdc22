"""`extra.course.locale`: the language variant dates are written in (UK English unless a center says)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from coursemodel.errors import AuthorError
from coursemodel.settings import load_course


def config_with(tmp_path, course: dict, language: str = "en") -> SimpleNamespace:
    """A config as MkDocs hands it to the hooks, with `extra.course` as given (its file on disk)."""
    path = tmp_path / "mkdocs.yml"
    lines = ["site_name: X", "extra:", "  course:"] + [f"    {k}: {v}" for k, v in course.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return SimpleNamespace(
        extra={"course": course},
        theme={"language": language},
        config_file_path=str(path),
        docs_dir="docs",
        site_name="X",
    )


def test_the_flagship_writes_dates_in_uk_english(tmp_path):
    course = load_course(config_with(tmp_path, {}))
    assert course["client_strings"]["date_locale"] == "en-GB"


def test_a_center_can_choose_us_english(tmp_path):
    course = load_course(config_with(tmp_path, {"locale": "en-US"}))
    assert course["client_strings"]["date_locale"] == "en-US"
    assert course["strings"]["date_locale"] == "en-US"


def test_a_locale_that_is_not_a_language_tag_is_named_at_its_line(tmp_path):
    with pytest.raises(AuthorError) as info:
        load_course(config_with(tmp_path, {"locale": "US English"}))
    message = str(info.value)
    assert "mkdocs.yml:4: extra.course.locale: 'US English' is not a language tag" in message, message
    assert "en-US" in message
