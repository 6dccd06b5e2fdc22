"""A course nobody here wrote: two modules, one worksheet, no situations, only `plugins: [bounce-back]`.

It lists no Markdown extensions, no nav and no `extra.course`: the engine adds what its
own markup needs and names nothing of the flagship. Its worksheet keeps an answer over a
reload, and its pages carry none of the flagship's name, topic or worksheets.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import build_site, read_modules_whole, serve

FILES = {
    "mkdocs.yml": """
        site_name: Tiny course
        site_url: https://example.org/tiny/
        theme:
          name: material
        plugins:
          - search
          - bounce-back:
              pdf: false
        """,
    "docs/index.md": "# Tiny course\n\nTwo short modules.\n",
    "docs/modules/01-one.md": """
        ---
        number: 1
        title: Notice one thing
        minutes: 3
        objectives: [Notice one thing]
        takeaways: [One thing noticed]
        ---

        Write what you noticed.

        <!-- worksheet: notes -->
        """,
    "docs/modules/02-two.md": """
        ---
        number: 2
        title: Do one thing
        minutes: 3
        objectives: [Do one thing]
        takeaways: [One thing done]
        ---

        - [ ] I did one thing
        """,
    "worksheets/notes.yml": """
        title: Notes
        private: true
        sections:
          - title: Mine
            fields:
              - id: thought
                type: textarea
                label: A thought
        """,
}


@pytest.fixture(scope="module")
def tiny_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Write, build (strictly) and serve the tiny course."""
    root = tmp_path_factory.mktemp("tiny-course")
    for rel, text in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    site = root / "site"
    assert build_site(root / "mkdocs.yml", site) == []
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for flagship in ("Bounce Back", "rejection", "about-you", "feedback-request", "30 days"):
            assert flagship not in html, f"{page.relative_to(site)} names the flagship: {flagship}"
    server, url = serve(Path(site))
    yield url
    server.shutdown()


def test_the_worksheet_keeps_an_answer_over_a_reload(browser, tiny_url: str):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    read_modules_whole(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(tiny_url + "modules/01-one/")
    box = page.get_by_label("A thought")
    box.fill("The bus was late, and I still made it.")
    box.blur()
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.startsWith('bb:tiny-course:')"
        " && localStorage.getItem(k).includes('the bus was late'.replace('the', 'The')))"
    )
    page.reload()
    assert page.get_by_label("A thought").input_value() == "The bus was late, and I still made it."
    page.goto(tiny_url + "modules/02-two/")
    tick = page.get_by_role("checkbox", name="I did one thing")
    tick.check()
    page.reload()
    assert page.get_by_role("checkbox", name="I did one thing").is_checked()
    assert not errors, errors
    context.close()
