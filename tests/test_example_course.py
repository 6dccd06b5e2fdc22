"""The second course in `examples/first-weeks/` builds with the same engine, and is its own.

It is wired the way any course is (`plugins: [search, bounce-back]`, its own `docs/`,
`worksheets/` and situations), so a strict build of it shows that the engine is a
generator, not the flagship. What a learner can read in its site (pages, search index,
course data, sitemap) must not carry the flagship's name, topic or worksheets. The
engine's own scripts and styles may carry the engine's name (`bounce-back`) in their
file names and comments: that is code, not course text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import ROOT, build_site

EXAMPLE = ROOT / "examples" / "first-weeks"
MARKER = re.compile(r"^<!--\s*worksheet:\s*([a-z0-9-]+)\s*-->$", re.M)
PATH_MARKER = re.compile(r"^<!--\s*path:\s*([^>]*?)\s*-->$", re.M)
# Files in the site whose text a learner reads or a search engine indexes.
READABLE = (".html", ".json", ".xml", ".txt", ".md")
FLAGSHIP_NAME = re.compile(r"bounce\s+back", re.I)
FLAGSHIP_TOPIC = re.compile(r"reject", re.I)


def example_worksheets() -> dict[str, dict]:
    """The example's worksheets, as plain YAML, by id."""
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((EXAMPLE / "worksheets").glob("*.yml"))
    }


def example_modules() -> list[Path]:
    """The example's lesson files, in order."""
    return sorted((EXAMPLE / "docs" / "modules").glob("[0-9][0-9]-*.md"))


def fields_of(sheet: dict) -> list[dict]:
    """Every field of a worksheet, section by section."""
    return [field for section in sheet["sections"] for field in section["fields"]]


def page_of(site: Path, module: Path) -> str:
    """The built HTML of a module page."""
    return (site / "modules" / module.stem / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the example course strictly, once; fail on any warning."""
    site = tmp_path_factory.mktemp("example-site")
    warnings = build_site(EXAMPLE / "mkdocs.yml", site)
    assert not warnings, "the example course logged warnings:\n" + "\n".join(warnings)
    return site


def test_the_example_is_a_course_of_its_own():
    """The example is what the tests below assume: 2-3 modules, 2 worksheets, its own situations."""
    config = (EXAMPLE / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^plugins:\n(?:  - .*\n)*  - bounce-back$", config, re.M)
    # Wired by the plugin, not by paths into the flagship's folders.
    assert "hooks:" not in config and "../" not in config
    assert 2 <= len(example_modules()) <= 3
    sheets = example_worksheets()
    assert len(sheets) == 2
    flagship = {path.stem for path in (ROOT / "worksheets").glob("*.yml")}
    assert not flagship & set(sheets), "the example's worksheets must have ids of their own"
    roles = {field.get("role") for sheet in sheets.values() for field in fields_of(sheet)}
    assert {"situation", "flag", "name"} <= roles


def test_its_worksheets_match_the_schema_editors_use():
    """The `# yaml-language-server: $schema=…` line of each worksheet points at a schema that accepts it."""
    for path in sorted((EXAMPLE / "worksheets").glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        validator = jsonschema.Draft202012Validator(json.loads(schema.read_text(encoding="utf-8")))
        errors = [
            f"{list(e.absolute_path)}: {e.message[:160]}"
            for e in validator.iter_errors(yaml.safe_load(path.read_text("utf-8")))
        ]
        assert not errors, f"{path.name}: " + "; ".join(errors)


def test_lessons_only_name_the_situations_the_course_declares():
    """Every path block names an option of the `role: situation` field or the `role: flag` field."""
    declared = set()
    for sheet in example_worksheets().values():
        for field in fields_of(sheet):
            if field.get("role") == "situation":
                declared |= {option["id"] for option in field["options"]}
            elif field.get("role") == "flag":
                declared.add(field["id"])
    used = [
        name
        for module in example_modules()
        for names in PATH_MARKER.findall(module.read_text(encoding="utf-8"))
        for name in re.split(r"[\s,]+", names)
        if name
    ]
    assert len(used) >= 2
    assert set(used) <= declared, f"path names the course does not declare: {set(used) - declared}"


def test_the_example_builds_strictly(example_site: Path):
    for page in ("index.html", "overview/index.html", "plan/index.html", "worksheets/index.html"):
        assert (example_site / page).is_file(), page
    for module in example_modules():
        html = page_of(example_site, module)
        assert "Module " in html and " of 3" in html
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert "<title>Settle In</title>" in home


def test_its_pages_carry_its_worksheets_forms(example_site: Path):
    """Each worksheet is a form on the module that places it and on its own page, every field in it."""
    placed = {
        ws_id: module for module in example_modules() for ws_id in MARKER.findall(module.read_text("utf-8"))
    }
    sheets = example_worksheets()
    assert set(placed) == set(sheets)
    for ws_id, sheet in sheets.items():
        own = (example_site / "worksheets" / ws_id / "index.html").read_text(encoding="utf-8")
        for html in (page_of(example_site, placed[ws_id]), own):
            form = re.search(
                rf'<form class="bb-worksheet"[^>]*data-worksheet="{ws_id}".*?</form>', html, re.S
            )
            assert form, f"no form for {ws_id}"
            for field in fields_of(sheet):
                if field["type"] != "message":
                    assert f'data-field="{field["id"]}"' in form.group(0), (ws_id, field["id"])


def test_its_message_and_plan_are_built(example_site: Path):
    """The check-in message is on its page, and My plan lists both worksheets."""
    module = next(m for m in example_modules() if "check-in-plan" in m.read_text("utf-8"))
    assert "Could we find 20 minutes" in page_of(example_site, module)
    plan = (example_site / "plan" / "index.html").read_text(encoding="utf-8")
    for sheet in example_worksheets().values():
        assert sheet["title"] in plan


def test_its_path_blocks_are_rendered_for_its_own_situations(example_site: Path):
    for module in example_modules():
        html = page_of(example_site, module)
        for names in PATH_MARKER.findall(module.read_text(encoding="utf-8")):
            wanted = " ".join(name for name in re.split(r"[\s,]+", names) if name)
            assert f'class="bb-path" data-path="{wanted}"' in html, (module.name, wanted)


def test_no_link_to_a_support_page_it_does_not_have(example_site: Path):
    for module in example_modules():
        assert not re.search(r'href="[^"]*support/', page_of(example_site, module)), module.name


def readable_files(site: Path) -> list[Path]:
    """The site's files a learner or a search engine reads (not the engine's scripts and styles)."""
    return [path for path in sorted(site.rglob("*")) if path.is_file() and path.suffix in READABLE]


def test_nothing_of_the_flagship_shows(example_site: Path):
    """No flagship name, topic or worksheet id in any page, search entry or course data."""
    flagship_ids = sorted(path.stem for path in (ROOT / "worksheets").glob("*.yml"))
    assert "about-you" in flagship_ids  # the check below looks for real ids
    # An id where ids go: a form, a link, an element id, a quoted value in data.
    ids = "|".join(map(re.escape, flagship_ids))
    as_id = re.compile(rf"(?:data-worksheet=\"|worksheets/|worksheet-|[\"'])({ids})(?:[\"'/.]|--)")
    files = readable_files(example_site)
    assert len(files) > 10
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        shown = path.relative_to(example_site).as_posix()
        for pattern in (FLAGSHIP_NAME, FLAGSHIP_TOPIC, as_id):
            for match in pattern.finditer(text):
                found.append(f"{shown}: …{text[max(0, match.start() - 60) : match.end() + 40]}…")
    assert not found, "the flagship shows in the example's site:\n" + "\n".join(found[:30])
