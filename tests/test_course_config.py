"""`extra.course`: validation, contacts and services rendering, UI strings per language."""

from __future__ import annotations

import json
import re

import pytest
from coursemodel.contacts import render_contacts, render_services
from coursemodel.fieldtypes import unit_strings
from coursemodel.text import STRINGS_DIR, ui_strings

from tests.conftest import ROOT, BuildFailed, build_site
from tests.variants import write_variant

EMPTY = {"organisation": None, "contacts": {}, "services": []}


def test_en_and_es_strings_have_the_same_keys_and_no_empty_values():
    en = json.loads((STRINGS_DIR / "en.json").read_text(encoding="utf-8"))
    es = json.loads((STRINGS_DIR / "es.json").read_text(encoding="utf-8"))
    assert sorted(en) == sorted(es), f"only in en: {set(en) - set(es)}; only in es: {set(es) - set(en)}"
    assert all(isinstance(v, str) and v.strip() for v in [*en.values(), *es.values()])
    for key in en:
        slots = set(re.findall(r"\{(\w+)\}", en[key]))
        assert slots == set(re.findall(r"\{(\w+)\}", es[key])), f"{key}: placeholders differ"


def test_unknown_language_falls_back_to_english():
    assert ui_strings("xx") == ui_strings("en")
    assert ui_strings("es")["saved"] != ui_strings("en")["saved"]


def test_unset_contacts_say_where_to_set_them():
    text = render_contacts(EMPTY)
    assert "bb-contacts--unset" in text and "`extra.course.contacts`" in text and "`mkdocs.yml`" in text


def test_contacts_escape_author_text():
    course = {**EMPTY, "organisation": "A <b>", "contacts": {"phone": "1 & 2"}}
    text = render_contacts(course)
    # Every punctuation mark is a character reference: shown as typed, never markup.
    assert "A &#60;b&#62;" in text and "1 &#38; 2" in text and "<b>" not in text


def test_services_list_hours_and_links():
    course = {
        **EMPTY,
        "services": [
            {
                "name": "Advising",
                "detail": "One to one.",
                "hours": "Mon 9-5",
                "url": "https://x.example",
                "phone": None,
            }
        ],
    }
    text = render_services(course)
    assert '<a class="bb-contact-link" href="https://x.example">Advising</a>' in text
    assert "Hours: Mon 9&#45;5." in text


@pytest.mark.expect_warnings
def test_unknown_course_key_names_it(tmp_path):
    config = write_variant(tmp_path / "cfg", {"extra": {"course": {"contact": {"email": "a@b.c"}}}})
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site")
    # `path:line: extra.course.X: problem; allowed`, at the line of the key in the config file.
    message = str(info.value)
    assert message.startswith(f"{config}:{line_of(config, 'contact:')}: extra.course.contact: "), message
    assert "allowed keys here: id, organisation, contacts, services" in message


@pytest.mark.expect_warnings
def test_bad_course_id_is_refused(tmp_path):
    config = write_variant(tmp_path / "cfg", {"extra": {"course": {"id": "My Course"}}})
    with pytest.raises(BuildFailed, match=r"mkdocs\.yml:\d+: extra\.course\.id: 'My Course' is not a slug"):
        build_site(config, tmp_path / "site")


def test_spanish_build_puts_spanish_strings_in_every_page(tmp_path):
    config = write_variant(tmp_path / "cfg", {"theme": {"language": "es"}})
    assert build_site(config, tmp_path / "site") == []
    es = json.loads((STRINGS_DIR / "es.json").read_text(encoding="utf-8"))
    # The course's own Spanish words (strings/es.json) win over the engine's generic ones.
    es.update(json.loads((ROOT / "strings" / "es.json").read_text(encoding="utf-8")))
    # Field-type units bring their own words (under the course's).
    es = {**unit_strings("es"), **es}
    for page in ("index.html", "support/index.html"):
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert '<html lang="es"' in html
        match = re.search(r'<script type="application/json" id="bb-strings">(.*?)</script>', html, re.S)
        assert match, f"{page} has no #bb-strings block"
        widget = {k: v for k, v in es.items() if not k.startswith(("page_", "ws_"))}
        assert json.loads(match.group(1)) == widget
        # Build-time strings are rendered into the page itself, in Spanish too.
        if page == "support/index.html":
            assert es["page_unset_title"] in html
    # Links to a module name it in the course's language ("Módulo 3: …"), on every generated page.
    debrief = (tmp_path / "site" / "worksheets" / "interview-debrief" / "index.html").read_text("utf-8")
    assert re.search(r'<a href="\.\./\.\./modules/03-debrief/">Módulo 3: ', debrief), "module link in Spanish"
    assert ">Module 3: " not in debrief


@pytest.mark.expect_warnings
def test_typo_inside_contacts_names_it(tmp_path):
    config = write_variant(tmp_path / "cfg", {"extra": {"course": {"contacts": {"emial": "a@b.c"}}}})
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site")
    message = str(info.value)
    assert message.startswith(f"{config}:{line_of(config, 'emial:')}: extra.course.contacts.emial: "), message
    # What may be written here: the keys of `contacts`, not of `extra.course`.
    assert message.endswith("; allowed keys here: email, phone, booking_url, hours, address"), message


@pytest.mark.expect_warnings
def test_a_typo_in_hide_or_order_is_reported_at_its_line_in_the_centers_own_file(tmp_path):
    modules = {"hide": ["06-support-team", "07-grow-n-go"]}
    config = write_variant(tmp_path / "cfg", {"extra": {"course": {"modules": modules}}})
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site")
    message = str(info.value)
    assert message.startswith(
        f"{config}:{line_of(config, '- 07-grow-n-go')}: extra.course.modules names an unknown module "
        "`07-grow-n-go`; module file names without .md: 01-feel-it-first, "
    ), message
    # In a flow list the name is on the key's own line.
    config = write_variant(tmp_path / "cfg", {"extra": {"course": {"modules": {"order": ["x"]}}}})
    text = re.sub(r"order:\n\s*- x", "order: [01-feel-it-first, 02-not-a-verdit]", config.read_text("utf-8"))
    config.write_text(text, encoding="utf-8")
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site")
    assert str(info.value).startswith(f"{config}:{line_of(config, 'order: [')}: "), str(info.value)
    assert "unknown module `02-not-a-verdit`" in str(info.value)


def line_of(config, text: str) -> int:
    """Return the number of the first line of `config` that contains `text`."""
    lines = config.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


@pytest.mark.expect_warnings
def test_config_errors_name_the_line_of_the_key_under_extra_course(tmp_path):
    """`primary:` under theme.palette comes first in the file; the error names the center's own."""
    settings = {
        "theme": {"palette": {"primary": "teal"}},
        "extra": {"course": {"services": [{"name": "A", "detial": "b"}], "colours": {"primary": "blue"}}},
    }
    config = write_variant(tmp_path / "cfg", settings)
    assert line_of(config, "primary: teal") < line_of(config, "primary: blue")
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site")
    assert str(info.value).startswith(
        f"{config}:{line_of(config, 'detial:')}: extra.course.services.detial: "
    )
    assert "allowed keys here: name, detail, url, phone, hours" in str(info.value)
    del settings["extra"]["course"]["services"]
    config = write_variant(tmp_path / "cfg", settings)
    with pytest.raises(BuildFailed) as info:
        build_site(config, tmp_path / "site")
    assert str(info.value).startswith(
        f"{config}:{line_of(config, 'primary: blue')}: extra.course.colours.primary: 'blue' is not a colour; "
    )
