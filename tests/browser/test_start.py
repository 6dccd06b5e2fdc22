"""A learner's first minute: the start page leads to module 1 and the overview."""

from __future__ import annotations

import re


def test_start_page_leads_to_module_one_and_overview(page, base_url):
    page.goto(base_url)
    assert "Your answers stay with you" in page.inner_text("article")
    page.get_by_role("link", name="Start module 1").click()
    page.wait_for_url(re.compile(r"/modules/01-[^/]+/$"))
    page.locator(".bb-module-meta").first.wait_for()
    assert page.locator("article h1").first.inner_text().strip()
    assert "Module 1 of" in page.inner_text(".bb-module-meta")
    assert page.locator(".bb-objectives li").count() >= 1
    assert page.locator(".bb-takeaways li").count() >= 1
    assert "Sources" in page.inner_text(".bb-sources")

    page.goto(base_url)
    page.get_by_role("link", name="See the whole course").click()
    page.wait_for_url(re.compile(r"/overview/$"))
    sections = page.locator(".bb-overview-module")
    # With instant navigation the URL changes before the new content is swapped in.
    sections.first.wait_for()
    assert sections.count() >= 2
    assert re.search(r"\d+ modules · about \d+ minutes in all", page.inner_text(".bb-course-total"))
    # The `page` fixture fails the test if any request left 127.0.0.1.
    assert all(url.startswith(base_url) or url.startswith("data:") for url in page.requests)


def test_built_pages_reference_no_other_origin(site):
    """No built page links a script, style, font or image from another origin.

    Canonical and alternate links name the page's own address and load nothing.
    """
    pattern = re.compile(r"""(?:src|href)=["'](?:https?:)?//""")
    offenders = []
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for match in re.finditer(r"<(script|link|img|iframe|source)\b[^>]*>", text):
            if re.search(r"""rel=["']?(canonical|alternate)""", match.group(0)):
                continue
            if pattern.search(match.group(0)):
                offenders.append(f"{html.relative_to(site)}: {match.group(0)[:120]}")
    assert not offenders, "\n".join(offenders)
