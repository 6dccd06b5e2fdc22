"""`extra.course`: validation, contacts and services rendering, UI strings per language."""

from __future__ import annotations

import json
import re

import pytest
from coursemodel.settings import render_contacts, render_services
from coursemodel.text import STRINGS_DIR, ui_strings

from tests.conftest import BuildFailed, build_site
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
    assert "A &lt;b&gt;" in text and "1 &amp; 2" in text


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
    assert "[Advising](https://x.example)" in text and "Hours: Mon 9-5." in text


@pytest.mark.expect_warnings
def test_unknown_course_key_names_it(tmp_path):
    config = write_variant(tmp_path / "cfg", {"extra": {"course": {"contact": {"email": "a@b.c"}}}})
    with pytest.raises(BuildFailed, match=r"extra\.course\.contact"):
        build_site(config, tmp_path / "site")


@pytest.mark.expect_warnings
def test_bad_course_id_is_refused(tmp_path):
    config = write_variant(tmp_path / "cfg", {"extra": {"course": {"id": "My Course"}}})
    with pytest.raises(BuildFailed, match="is not a slug"):
        build_site(config, tmp_path / "site")


def test_spanish_build_puts_spanish_strings_in_every_page(tmp_path):
    config = write_variant(tmp_path / "cfg", {"theme": {"language": "es"}})
    assert build_site(config, tmp_path / "site") == []
    es = json.loads((STRINGS_DIR / "es.json").read_text(encoding="utf-8"))
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


@pytest.mark.expect_warnings
def test_typo_inside_contacts_names_it(tmp_path):
    config = write_variant(tmp_path / "cfg", {"extra": {"course": {"contacts": {"emial": "a@b.c"}}}})
    with pytest.raises(BuildFailed, match=r"extra\.course\.contacts: .*emial"):
        build_site(config, tmp_path / "site")
