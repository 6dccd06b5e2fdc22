"""A SCORM package says truthfully where answers go (issue 26, case E), in English and Spanish.

In an LMS every answer is also saved to the learner's LMS record
(`cmi.suspend_data`), readable with the package's own codec, so the web
version's "only in this browser, nothing is sent to a server" would be false.
The package's privacy page and the footer of every page say where answers go
and who can see them there; the web build keeps its own words.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from bundle import build_offline
from coursemodel.text import STRINGS_DIR

from tests.variants import write_variant

pytestmark = pytest.mark.slow

FALSE_IN_AN_LMS = [
    "Nothing is sent to a server",
    "nobody else can read your answers",
    "never leave this device",
    "Nada se envía a un servidor",
]


def text_of(path: Path) -> str:
    """The visible text of a built page (tags dropped, entities decoded, spaces collapsed)."""
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_scorm_package_says_answers_go_to_the_lms_record_and_who_sees_them(tmp_path, language):
    strings = json.loads((STRINGS_DIR / f"{language}.json").read_text(encoding="utf-8"))
    config = write_variant(tmp_path / "cfg", {"theme": {"language": language}})
    site = tmp_path / "site"
    build_offline(config, site, scorm=True)
    privacy = text_of(site / "privacy.html")
    assert "cmi.suspend_data" in privacy
    assert ("administrators" if language == "en" else "administradores") in privacy
    assert ("course's staff" if language == "en" else "personal del curso") in privacy
    for words in FALSE_IN_AN_LMS:
        assert words.lower() not in privacy.lower()
    # The Export / Import / Clear everything buttons are still on the page.
    assert "data-bb-data-controls" in (site / "privacy.html").read_text(encoding="utf-8")
    # Every page's footer says it too.
    footer = strings["page_footer_lms"]
    pages = [p for p in site.rglob("*.html") if "assets" not in p.parts]
    assert len(pages) > 10
    for page in pages:
        if "md-footer" in page.read_text(encoding="utf-8"):
            assert footer in text_of(page), page
    # No learner page says answers stay on the device (the staff's own pages are not the learner's).
    for page in pages:
        if "facilitators" in page.parts:
            continue
        words = text_of(page)
        for sentence in (strings["page_storage"], strings["page_storage_shared"], strings["ws_all_intro"]):
            assert unescape(re.sub(r"\*\*", "", sentence)) not in words, page
        for words_false in FALSE_IN_AN_LMS + ["only in this browser, on this device"]:
            assert words_false.lower() not in words.lower(), (page, words_false)
    home = text_of(site / "index.html")
    assert re.sub(r"\*\*", "", strings["page_storage_lms"]) in home
    assert strings["ws_all_intro_lms"] in text_of(site / "worksheets" / "index.html")
    assert strings["ws_all_intro"] not in text_of(site / "worksheets" / "index.html")


def test_the_web_build_keeps_its_own_words(site):
    privacy = text_of(site / "privacy" / "index.html")
    assert "Nothing is sent to a server" in privacy
    assert "saved only in this browser, on this device" in text_of(site / "index.html")
    assert "Nothing is sent to your facilitator" in text_of(site / "after-a-workshop" / "index.html")
    strings = json.loads((STRINGS_DIR / "en.json").read_text(encoding="utf-8"))
    assert strings["page_footer_lms"] not in text_of(site / "index.html")
