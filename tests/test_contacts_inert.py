"""A center's contacts and services are plain text everywhere; links come only from their URL fields.

Markdown typed into opening hours or a service's detail (a link, a remote
image, an autolink, emphasis) shows as the characters typed on Get support,
in every module's support box and on the workshop slides; the only links are
the booking address, the services' `url`s and the email address, each
escaped once (`jobs&co@…` is `mailto:jobs&amp;co@…` in the HTML, never
`&amp;amp;`). A URL field that is not http(s), mailto: or tel: stops the build
at its line.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import BuildFailed, build_site
from tests.test_hostile import build_cli, make_course
from tests.variants import course_config, write_variant

HOSTILE = """\
    organisation: "Careers [click](https://evil.example/o) ![x](https://evil.example/o.png)"
    contacts:
      email: "jobs&co@example.edu"
      phone: "+1 555 [call](https://evil.example/call)"
      booking_url: "https://example.edu/book?a=1&b=2"
      hours: "Mon [free](https://evil.ex/h) ![t](https://evil.ex/t.png) <https://evil.ex/a> www.evil.ex"
      address: "**bold** `code` (c) <img src=x onerror=alert(1)> & more"
    services:
      - name: "Help [me](https://evil.example/s)"
        detail: "![pixel](https://evil.example/p.png) *shout*"
        hours: "<https://evil.example/auto> [x]: https://evil.example/ref"
        url: "https://example.edu/help"
        phone: "0800 & more"
"""
LINKS = {"https://example.edu/book?a=1&b=2", "mailto:jobs&co@example.edu", "https://example.edu/help"}
SUPPORT = "# Get support\n\n<!-- course: contacts -->\n\n<!-- course: services -->\n"


class Tags(HTMLParser):
    """Collect every link target, image source and the text of a piece of HTML."""

    def __init__(self) -> None:
        """Start empty."""
        super().__init__()
        self.hrefs: list[str] = []
        self.images: list[str] = []
        self.text: list[str] = []
        self.emphasis = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note links, images and emphasis."""
        values = dict(attrs)
        if tag == "a" and values.get("href") and not values["href"].startswith("#"):
            self.hrefs.append(values["href"])
        if tag == "img":
            self.images.append(values.get("src") or "")
        if tag in ("em", "code"):
            self.emphasis += 1

    def handle_data(self, data: str) -> None:
        """Keep the text."""
        self.text.append(data)


CRISIS = {
    line["url"] for line in course_config()["extra"]["course"].get("crisis_lines", []) if line.get("url")
}


def parse(markup: str) -> Tags:
    """Parse `markup` into its links, images and text."""
    tags = Tags()
    tags.feed(markup)
    return tags


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A small course whose center typed Markdown and HTML into every contact and service field."""
    folder = make_course(tmp_path_factory.mktemp("contacts") / "course")
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "    id: bounce-back\n" in text
    config.write_text(
        text.replace("    id: bounce-back\n", "    id: bounce-back\n" + HOSTILE), encoding="utf-8"
    )
    (folder / "docs" / "support.md").write_text(SUPPORT, encoding="utf-8")
    # A course with a facilitators' folder gets the generated slides, which print the contacts too.
    (folder / "docs" / "facilitators").mkdir()
    (folder / "docs" / "facilitators" / "index.md").write_text("# For facilitators\n", encoding="utf-8")
    code, output, _ = build_cli(folder)
    assert code == 0, output
    return folder / "site"


def block(site: Path, page: str, start: str, end: str) -> str:
    """Return the part of a built page from the first `start` to the next `end`."""
    markup = (site / page).read_text(encoding="utf-8")
    begin = markup.index(start)
    return markup[begin : markup.index(end, begin)]


PLACES = [
    ("support/index.html", '<div class="bb-contacts"', "</article>"),
    ("modules/01-plain/index.html", "bb-support", "</div>"),
    ("facilitators/slides/index.html", "bb-slide__contacts", "</section>"),
]


@pytest.mark.parametrize(("page", "start", "end"), PLACES, ids=[p[0].split("/")[0] for p in PLACES])
def test_no_link_or_image_comes_from_a_centers_words(built, page, start, end):
    part = block(built, page, start, end)
    tags = parse(part)
    assert not [url for url in tags.hrefs + tags.images if "evil" in url], (tags.hrefs, tags.images)
    # The course's own link (to Get support) is relative; every address with a scheme is a URL field
    # (the center's, or a crisis line's from the course's own config).
    assert {url for url in tags.hrefs if ":" in url} <= LINKS | CRISIS, tags.hrefs
    assert tags.images == [] and tags.emphasis == 0
    assert "onerror" not in part.replace("onerror=alert(1)&gt;", "")  # only as escaped text
    text = " ".join("".join(tags.text).split())
    assert "[call](https://evil.example/call)" in text  # the phone number, exactly as typed


def test_get_support_shows_the_text_as_typed_and_links_from_the_url_fields(built):
    part = block(built, "support/index.html", '<div class="bb-contacts"', "</article>")
    tags = parse(part)
    assert set(tags.hrefs) == LINKS
    text = " ".join("".join(tags.text).split())
    for typed in (
        "Careers [click](https://evil.example/o) ![x](https://evil.example/o.png)",
        "![t](https://evil.ex/t.png) <https://evil.ex/a> www.evil.ex",
        "**bold** `code` (c) <img src=x onerror=alert(1)> & more",
        "Help [me](https://evil.example/s)",
        "![pixel](https://evil.example/p.png) *shout*",
        "0800 & more",
        "jobs&co@example.edu",
    ):
        assert typed in text, typed


def test_the_email_and_booking_address_are_escaped_once(built):
    for page, start, end in PLACES[:2]:
        part = block(built, page, start, end)
        assert 'href="mailto:jobs&amp;co@example.edu"' in part, page
        assert 'href="https://example.edu/book?a=1&amp;b=2"' in part, page
        assert "&amp;amp;" not in part and "&amp;#" not in part, page


@pytest.mark.parametrize(
    ("settings", "key", "value"),
    [
        ({"contacts": {"booking_url": "javascript:alert(1)"}}, "contacts.booking_url", "javascript:alert(1)"),
        ({"contacts": {"booking_url": "careers/book.md"}}, "contacts.booking_url", "careers/book.md"),
        (
            {
                "services": [
                    {"name": "A", "url": "https://ok.example/"},
                    {"name": "B", "url": "data:text/html,x"},
                ]
            },
            "services.url",
            "data:text/html",
        ),
    ],
)
@pytest.mark.expect_warnings
def test_a_url_field_not_web_mailto_or_tel_stops_the_build_at_its_line(tmp_path, settings, key, value):
    config = write_variant(tmp_path / "cfg", {"extra": {"course": settings}})
    line = next(n for n, text in enumerate(config.read_text("utf-8").splitlines(), 1) if value in text)
    with pytest.raises(BuildFailed) as stopped:
        build_site(config, tmp_path / "site")
    assert str(stopped.value).startswith(f"{config}:{line}: extra.course.{key}: "), stopped.value
    assert "mailto:" in str(stopped.value)


def test_literal_text_is_inert_markdown():
    from coursemodel.contacts import literal
    from coursemodel.text import make_markdown

    md = make_markdown(None)
    typed = "[a](https://x.example) ![b](https://x.example/i.png) *c* <d> & (c) 1/2 --> jobs@x.example"
    out = md.reset().convert(literal(typed))
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == typed
    assert "<a" not in out and "<img" not in out and "<em" not in out


def test_no_page_of_the_site_links_to_or_loads_from_a_centers_words(built):
    live = []
    for page in sorted(built.rglob("*.html")):
        tags = parse(page.read_text(encoding="utf-8"))
        live += [f"{page.relative_to(built)}: {url}" for url in tags.hrefs + tags.images if "evil" in url]
    assert not live, live
