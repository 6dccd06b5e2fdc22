"""References between modules by file (`[](03-debrief.md)`, `[#](…)`): filled in, or dropped when hidden.

A center hides or reorders modules in its own config; no lesson, worksheet or staff page
names a module by a number typed by hand, so nothing it shows names a hidden module or a
number past the last one shown.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from coursemodel import AuthorError
from coursemodel.model import Field, Section, Worksheet
from coursemodel.refs import check_refs, resolve, resolve_worksheets

from tests.conftest import ROOT, build_site
from tests.variants import write_variant

STRINGS = {"page_module_link": "Module {number}: {title}", "page_module_number": "Module {number}"}
SHOWN = {
    "modules/01-a.md": SimpleNamespace(position=1, title="First"),
    "modules/03-c.md": SimpleNamespace(position=2, title="Third"),
}
HIDDEN = {"modules/02-b.md"}


def resolved(text: str, page: str = "modules/01-a.md") -> str:
    """Return `text` as the page `page` shows it, with module 2 hidden."""
    return resolve(text, page, SHOWN, HIDDEN, STRINGS)[0]


def test_a_reference_shows_the_modules_current_number_and_title_and_keeps_its_anchor():
    assert resolved("Go on to [](03-c.md#start).") == "Go on to [Module 2: Third](03-c.md#start)."
    assert resolved("As in [#](03-c.md), and") == "As in [Module 2](03-c.md), and"
    # From a staff page the same module is a path away; other links and images are left alone.
    text = "See [#](../modules/01-a.md), [words](../modules/02-b.md) and ![](../modules/02-b.md)."
    assert resolved(text, "facilitators/x.md") == (
        "See [Module 1](../modules/01-a.md), [words](../modules/02-b.md) and ![](../modules/02-b.md)."
    )
    es = {**STRINGS, "page_module_number": "Módulo {number}"}
    assert resolve("[#](03-c.md)", "modules/01-a.md", SHOWN, set(), es)[0] == "[Módulo 2](03-c.md)"


def test_a_reference_to_a_hidden_module_drops_its_sentence_and_nothing_else():
    text = "Rest first. [#](02-b.md) helps with that. Then go on.\n\nNext: [](02-b.md).\n\nThe end."
    assert resolved(text) == "Rest first. Then go on.\n\nThe end."
    # Inside an admonition the paragraph keeps its indent.
    text = "!!! note\n\n    [#](02-b.md) has more. Keep this.\n"
    assert resolved(text) == "!!! note\n\n    Keep this.\n"


def test_a_list_item_a_section_and_a_table_row_go_with_their_reference():
    text = "- keep [#](03-c.md)\n- drop [#](02-b.md)\n  and its second line\n- keep too\n"
    assert resolved(text) == "- keep [Module 2](03-c.md)\n- keep too\n"
    text = "## Intro\n\nA.\n\n## Part ([#](02-b.md))\n\nAbout it.\n\n### Detail\n\nMore.\n\n## Close\n\nZ."
    assert resolved(text) == "## Intro\n\nA.\n\n## Close\n\nZ."
    table = "| a | b |\n|---|---|\n| x | [](01-a.md), [](02-b.md) |\n| y | [#](02-b.md) and [#](02-b.md) |\n"
    assert resolved(table) == "| a | b |\n|---|---|\n| x | [Module 1: First](01-a.md) |\n"


def test_markers_stay_when_the_text_beside_them_drops():
    """A path block's first sentence may be the one that goes: its markers stay balanced."""
    text = "<!-- path: cv -->\n[#](02-b.md) helps. Book the time.\n<!-- end path -->\n"
    assert resolved(text) == "<!-- path: cv -->\nBook the time.\n<!-- end path -->\n"
    # A dropped section that closes a block opened before it keeps the end marker.
    text = "<!-- path: cv -->\nA.\n\n## Part [#](02-b.md)\n\nB.\n<!-- end path -->\n\n## Next\n"
    assert resolved(text) == "<!-- path: cv -->\nA.\n\n<!-- end path -->\n## Next\n"


def test_code_keeps_the_markup_as_written():
    text = "Write `[](02-b.md)` like this.\n\n```\n[](02-b.md)\n```\n"
    assert resolved(text) == text


def test_a_reference_that_names_no_module_is_an_error_at_its_line():
    with pytest.raises(AuthorError) as info:
        check_refs(
            "---\ntitle: x\n---\n\nSee [#](02-bee.md).\n", "modules/01-a.md", "docs/modules/01-a.md", SHOWN
        )
    assert str(info.value).startswith("docs/modules/01-a.md:5: `[#](02-bee.md)` names no module file"), (
        info.value
    )
    assert "01-a.md, 03-c.md" in str(info.value)


def sheet(help_text: str) -> Worksheet:
    """Return a worksheet with one field whose help is `help_text` (at line 7 of its file)."""
    field = Field(id="f", type="text", label="A", help=help_text, line=7)
    return Worksheet("w", "worksheets/w.yml", "W", "", None, [Section("S", "", [field])])


def test_a_worksheet_names_a_module_by_its_file_name_in_plain_words():
    worksheets = {"w": sheet("Unfair? See the box in [#](03-c.md). Or ask [](02-b.md) first.")}
    resolve_worksheets(worksheets, SHOWN, HIDDEN, STRINGS, {*SHOWN, *HIDDEN})
    assert worksheets["w"].sections[0].fields[0].help == "Unfair? See the box in Module 2."
    worksheets = {"w": sheet("See [#](09-none.md).")}
    with pytest.raises(AuthorError, match=r"^worksheets/w\.yml:7: `\[#\]\(09-none\.md\)` names no module"):
        resolve_worksheets(worksheets, SHOWN, HIDDEN, STRINGS, {*SHOWN, *HIDDEN})


# The course's own files --------------------------------------------------------------------------

# "Module 3", "module 3's", "Modules 5 and 6", "Módulo 2": a number a center's hiding would make wrong.
HARD_CODED = re.compile(r"\bm[oó]dul[oe]s? \d", re.I)
# The start page's button: browser tests find it by these words (the first module is never hidden
# by the centers we know; hiding it leaves the words as plain text).
ALLOWED = {"docs/index.md": ["[Start module 1]"]}


def course_texts() -> dict[str, str]:
    """Return every lesson, staff page, worksheet and course-strings file, without its code."""
    paths = [
        *(ROOT / "docs").rglob("*.md"),
        *(ROOT / "worksheets").glob("*.yml"),
        *(ROOT / "strings").glob("*.json"),
    ]
    texts = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        # Code goes, its lines kept (so the line numbers below are the file's own).
        text = re.sub(r"^(```|~~~).*?^\1", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S | re.M)
        text = re.sub(r"(`+)[^`\n]*?\1", "", text)
        for allowed in ALLOWED.get(path.relative_to(ROOT).as_posix(), []):
            text = text.replace(allowed, "")
        texts[path.relative_to(ROOT).as_posix()] = text
    return texts


def test_no_page_or_worksheet_names_a_module_by_a_number_typed_by_hand():
    texts = course_texts()
    assert len(texts) > 20 and any("[#](" in text for text in texts.values())
    found = [
        f"{name}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)!r}"
        for name, text in texts.items()
        for m in HARD_CODED.finditer(text)
    ]
    assert not found, "write [#](NN-name.md) or [](NN-name.md) instead:\n" + "\n".join(found)


# A center's copy that hides the second-to-last module --------------------------------------------


def visible_text(page: str) -> str:
    """Return a built page's text as a reader sees it (scripts, code and markup left out)."""
    page = re.sub(r"<(script|style|code|pre)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_a_center_hiding_the_second_to_last_module_shows_no_trace_of_it(tmp_path: Path, monkeypatch):
    from coursemodel import handouts

    modules = sorted((ROOT / "docs" / "modules").glob("[0-9]*.md"))
    hidden = modules[-2]
    title = re.search(r"^title:\s*(.+)$", hidden.read_text(encoding="utf-8"), re.M).group(1).strip()
    last_shown = len(modules) - 1
    # Handouts are rendered from their HTML: keep it, and make a stand-in PDF (WeasyPrint is slow).
    handout_html: list[str] = []

    def fake_pdf(markup: str, **_options) -> bytes:
        """Keep a handout's HTML; return a stand-in PDF."""
        handout_html.append(markup)
        return b"%PDF-1.4\n%stand-in\n"

    monkeypatch.setattr(handouts, "render_pdf", fake_pdf)
    monkeypatch.setenv("COURSE_PDF", "true")
    monkeypatch.setenv("COURSE_PDF_CACHE", str(tmp_path / "pdf-cache"))
    settings = {
        "site_url": "https://careers.example.edu/bounce-back/",
        "extra": {"course": {"modules": {"hide": [hidden.stem]}}},
    }
    config = write_variant(tmp_path / "center", settings)
    site = tmp_path / "site"
    assert build_site(config, site) == []
    assert handout_html, "the handouts were made"
    # "Module 8" when seven are shown; "Module 7 of 7" is the last module's own header.
    past = re.compile(r"\bModule (\d+)\b(?! of)")

    def problems(where: str, text: str) -> list[str]:
        """Return what in `text` names the hidden module or a number past the last shown."""
        found = [f"{where}: names {title!r}" for _ in [1] if title in text]
        found += [f"{where}: links {hidden.stem}" for _ in [1] if f"{hidden.stem}/" in text]
        found += [f"{where}: {m.group(0)!r}" for m in past.finditer(text) if int(m.group(1)) > last_shown]
        return found

    found: list[str] = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        found += problems(page.relative_to(site).as_posix(), visible_text(raw))
        links = " ".join(re.findall(r'href="([^"]+)"', raw))
        found += [f"{page.relative_to(site)}: links {hidden.stem}" for _ in [1] if hidden.stem in links]
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for entry in index["docs"]:
        found += problems(f"search: {entry['location']}", visible_text(entry["title"] + " " + entry["text"]))
        assert hidden.stem not in entry["location"]
    assert hidden.stem not in (site / "sitemap.xml").read_text(encoding="utf-8")
    for markup in handout_html:
        found += problems("a handout", visible_text(markup))
    assert not found, "\n".join(found)
    # The references themselves were filled in with the new numbers (not just dropped).
    plan = visible_text((site / "modules" / modules[-1].stem / "index.html").read_text(encoding="utf-8"))
    assert f"Module {last_shown} of {last_shown}" in plan and "Module 6" in plan


def test_hiding_a_module_whose_worksheet_a_staff_page_prints_still_builds(tmp_path: Path, monkeypatch):
    """A `worksheet-pdfs` marker for a worksheet only a hidden module placed drops out, with no error."""
    from coursemodel import handouts

    staff = (ROOT / "docs" / "facilitators" / "materials.md").read_text(encoding="utf-8")
    printed = set(re.findall(r"<!--\s*worksheet-pdfs:\s*([a-z0-9-]+)", staff))
    modules = sorted((ROOT / "docs" / "modules").glob("[0-9]*.md"))
    # The module that places one of the printed worksheets and no other module places.
    marker = re.compile(r"<!--\s*worksheet:\s*([a-z0-9-]+)")
    placing = {m: set(marker.findall(m.read_text(encoding="utf-8"))) for m in modules}
    only = {m: ids - set().union(*(o for n, o in placing.items() if n != m)) for m, ids in placing.items()}
    hidden = next(m for m, ids in only.items() if ids & printed)
    gone = sorted(only[hidden] & printed)
    monkeypatch.setattr(handouts, "render_pdf", lambda markup, **_options: b"%PDF-1.4\n%stand-in\n")
    monkeypatch.setenv("COURSE_PDF", "true")
    monkeypatch.setenv("COURSE_PDF_CACHE", str(tmp_path / "pdf-cache"))
    hide = {"modules": {"hide": [hidden.stem]}}
    settings = {"site_url": "https://careers.example.edu/", "extra": {"course": hide}}
    site = tmp_path / "site"
    assert build_site(write_variant(tmp_path / "center", settings), site) == []
    built = (site / "facilitators" / "materials" / "index.html").read_text(encoding="utf-8")
    for ws_id in gone:
        assert f"/{ws_id}" not in built and f"{ws_id}." not in built, ws_id
