"""Module front matter: one test per mistake an author can make, plus rendering."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from coursemodel import Course
from coursemodel.contacts import render_support_block
from coursemodel.errors import AuthorError
from coursemodel.model import Source
from coursemodel.modules import drop_from_nav, load_sources, parse_module
from coursemodel.render import Renderer
from coursemodel.steps.modules import expand_nav, render_credits, render_overview
from coursemodel.text import ui_strings

from tests.conftest import ROOT, BuildFailed, build_site

SOURCES = {"nexgoal": Source(id="nexgoal", title="Dealing with Failure", by="NexGoal")}
PATH = "docs/modules/09-test.md"

GOOD = """\
---
number: 9
title: A test module
minutes: 12
description: One line.
objectives:
  - Learn a thing
takeaways:
  - You learned it
sources: [nexgoal]
---

Body text.
"""


def parse(text: str):
    """Parse module text with the test registry."""
    return parse_module(textwrap.dedent(text), PATH, "modules/09-test.md", SOURCES)


def course_of(*modules) -> Course:
    """Return a course of these modules (shown, numbered 1, 2, … as the loader does)."""
    for position, module in enumerate(modules, start=1):
        module.position = position
    return Course("t", str(ROOT), {}, SOURCES, list(modules), [], {}, {})


RENDERER = Renderer(ui_strings("en"))


def error_of(text: str) -> AuthorError:
    """Return the AuthorError that parsing `text` raises."""
    with pytest.raises(AuthorError) as info:
        parse(text)
    return info.value


def test_good_module_parses():
    module = parse(GOOD)
    assert (module.number, module.title, module.minutes) == (9, "A test module", 12)
    assert module.objectives == ["Learn a thing"] and module.sources == ["nexgoal"]


def test_unknown_key_names_line():
    err = error_of(GOOD.replace("minutes: 12\n", "minutes: 12\nduration: 5\n"))
    assert str(err).startswith(f"{PATH}:5: unknown key `duration`; allowed: ")
    assert "objectives" in str(err)


def test_wrong_type_minutes():
    err = error_of(GOOD.replace("minutes: 12", "minutes: ten"))
    assert str(err).startswith(f"{PATH}:4: `minutes` must be a whole number, not 'ten'")


def test_missing_objectives():
    text = GOOD.replace("objectives:\n  - Learn a thing\n", "")
    err = error_of(text)
    assert err.path == PATH and err.line == 2
    assert "missing `objectives`" in str(err)


def test_empty_objectives():
    err = error_of(GOOD.replace("objectives:\n  - Learn a thing\n", "objectives: []\n"))
    assert str(err).startswith(f"{PATH}:6: `objectives` must be a non-empty list")


def test_unknown_source_id():
    err = error_of(GOOD.replace("[nexgoal]", "[nexgoal, nobody]"))
    assert str(err).startswith(f"{PATH}:10: unknown source id `nobody`; ids in docs/sources.yml: nexgoal")


def test_no_front_matter():
    err = error_of("Just a body.\n")
    assert str(err).startswith(f"{PATH}:1: a module must start with YAML front matter")


def test_yaml_syntax_error_line():
    err = error_of(GOOD.replace("title: A test module", "title: [unclosed"))
    assert err.line in (3, 4) and "YAML syntax error" in str(err)


def test_tab_indentation():
    err = error_of(GOOD.replace("  - Learn a thing", "\t- Learn a thing"))
    assert err.line == 7 and "tab" in str(err)


def test_duplicate_key():
    err = error_of(GOOD.replace("minutes: 12\n", "minutes: 12\nminutes: 13\n"))
    assert str(err).startswith(f"{PATH}:5: duplicate key `minutes`")


def test_boolean_is_not_a_number():
    err = error_of(GOOD.replace("number: 9", "number: true"))
    assert err.line == 2 and "whole number" in str(err)


def test_non_text_objective():
    err = error_of(GOOD.replace("  - Learn a thing", "  - {a: b}"))
    assert err.line == 7 and "each item of `objectives` must be text" in str(err)


def test_front_matter_not_mapping():
    err = error_of("---\n- a\n- b\n---\n")
    assert err.line == 2 and "must be a mapping" in str(err)


def test_sources_registry_errors(tmp_path: Path):
    registry = tmp_path / "sources.yml"
    registry.write_text("- id: a\n  title: T\n  by: B\n- id: a\n  title: T\n  by: B\n", encoding="utf-8")
    with pytest.raises(AuthorError, match=r"^docs/sources.yml:4: duplicate source id `a`"):
        load_sources(registry, "docs/sources.yml")
    registry.write_text("- id: a\n  title: T\n  by: B\n  colour: red\n", encoding="utf-8")
    with pytest.raises(AuthorError, match=r"^docs/sources.yml:4: unknown key `colour`"):
        load_sources(registry, "docs/sources.yml")


def test_non_utf8_module(tmp_path: Path):
    from coursemodel.errors import read_text

    bad = tmp_path / "x.md"
    bad.write_bytes(b"---\nnumber: 1\ntitle: caf\xe9\n---\n")
    with pytest.raises(AuthorError, match=r"^docs/modules/x.md:3: the file is not UTF-8"):
        read_text(bad, "docs/modules/x.md")


def test_header_and_footer_escape_html():
    module = parse(GOOD.replace("Learn a thing", "Learn <script>alert(1)</script>"))
    module.position = 3
    header = RENDERER.render("module_header.md", module=module, total=8)
    # The number shown is the module's place in the course, not its file number.
    assert "Module 3 of 8 · about 12 minutes" in header
    assert "&lt;script&gt;" in header and "<script>" not in header
    footer = RENDERER.render(
        "module_footer.md",
        module=module,
        sources=[SOURCES[s] for s in module.sources],
        support_block=render_support_block({"contacts": {}}, "../support.md"),
    )
    assert "Key takeaways" in footer and "*Dealing with Failure*, NexGoal" in footer


def test_nav_marker_expands_in_order():
    module = parse(GOOD)
    other = parse_module(
        GOOD.replace("number: 9", "number: 12").replace("A test module", "Another <one>"),
        "docs/modules/12-other.md",
        "modules/12-other.md",
        SOURCES,
    )
    course_of(module, other)
    nav = [{"Home": "index.md"}, {"Modules": ["modules/*.md"]}]
    assert expand_nav(nav, [module, other]) == [
        {"Home": "index.md"},
        {
            "Modules": [
                {"1. A test module": "modules/09-test.md"},
                {"2. Another &lt;one&gt;": "modules/12-other.md"},
            ]
        },
    ]
    # A hidden module named in the nav by hand is left out too.
    nav = [{"Home": "index.md"}, {"Extra": "modules/12-other.md"}, {"Modules": ["modules/*.md"]}]
    assert drop_from_nav(expand_nav(nav, [module]), ("modules/12-other.md",)) == [
        {"Home": "index.md"},
        {"Modules": [{"1. A test module": "modules/09-test.md"}]},
    ]


def make_project(tmp_path: Path, module_text: str) -> Path:
    """Copy the course config into a tiny project with one module; return mkdocs.yml."""
    docs = tmp_path / "docs"
    (docs / "modules").mkdir(parents=True)
    (docs / "sources.yml").write_text((ROOT / "docs/sources.yml").read_text(), encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "modules" / "01-one.md").write_text(module_text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: T\ntheme: {name: material}\n"
        "plugins: [{bounce-back: {pdf: false}}]\n"
        "nav: [index.md, overview.md, {Modules: [modules/*.md]}, credits.md]\n",
        encoding="utf-8",
    )
    return config


@pytest.mark.expect_warnings
def test_bad_front_matter_fails_a_real_build(tmp_path: Path):
    config = make_project(
        tmp_path, GOOD.replace("minutes: 12", "minutes: ten").replace("nexgoal", "final-round")
    )
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site")
    assert str(info.value).startswith("docs/modules/01-one.md:4: `minutes` must be a whole number")


def test_good_project_builds_overview_and_credits(tmp_path: Path):
    config = make_project(tmp_path, GOOD.replace("nexgoal", "final-round"))
    assert build_site(config, tmp_path / "site") == []
    overview = (tmp_path / "site/overview/index.html").read_text()
    assert "A test module" in overview and "about 12 minutes in all" in overview
    credits = (tmp_path / "site/credits/index.html").read_text()
    assert "How to Bounce Back from a Job Rejection" in credits


def test_generated_pages_have_valid_front_matter():
    """The overview and credits pages carry a description (their YAML must parse)."""
    import yaml
    from coursemodel.errors import split_front_matter

    course = course_of(parse(GOOD))
    for text in (render_overview(course, RENDERER), render_credits(course, RENDERER)):
        front, body = split_front_matter(text)
        assert isinstance(yaml.safe_load(front)["description"], str)
        assert not body.lstrip().startswith("description")


def test_unclosed_quote_names_the_line_where_it_opens():
    from coursemodel.errors import load_yaml

    with pytest.raises(AuthorError) as info:
        load_yaml('title: ok\nlabel: "never closed\nother: 1\nmore: 2\n', "worksheets/x.yml")
    assert info.value.line == 2


def test_our_loader_leaves_other_yaml_loaders_alone():
    """Keeping dates as strings is our loaders' choice, not a change to PyYAML for everyone."""
    import datetime

    import yaml
    from coursemodel.errors import load_yaml

    assert load_yaml("when: 2026-11-21\n", "x.yml")["when"] == "2026-11-21"
    assert yaml.safe_load("when: 2026-11-21\n")["when"] == datetime.date(2026, 11, 21)
