"""Screenshot gallery: every page type at phone and laptop width, light and dark.

Run it from the project root:

    NO_MKDOCS_2_WARNING=1 .venv/bin/python -m tests.gallery [--out gallery] [--only home,module]

It builds the course, serves it on 127.0.0.1, fills a realistic learner's
answers (every worksheet, a few modules marked complete, the last one too, so
the end of the course shows), then writes full-page PNGs named
`<page>-<width>-<scheme>.png` to the output folder (git-ignored). It is not a
test (pytest collects only `test_*.py`); look at the pictures.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, build_site, serve

WIDTHS = {390: 844, 1366: 900}
SCHEMES = ("light", "dark")
# name -> (site path, where to scroll or None): one of each page type.
PAGES = {
    "home": ("", None),
    "overview": ("overview/", None),
    "module-1": ("modules/01-feel-it-first/", None),
    "module-5-table": ("modules/05-keep-the-door-open/", None),
    "module-8-end": ("modules/08-your-plan/", None),
    "worksheet-page": ("worksheets/interview-debrief/", None),
    "worksheets-index": ("worksheets/", None),
    "plan": ("plan/", None),
    "support": ("support/", None),
    "facilitators": ("facilitators/", None),
    "slides": ("facilitators/slides/", None),
}

# What a learner called Sam might write, by field id; anything else gets a plain sentence.
ANSWERS = {
    "name": "Sam",
    "company": "Northwind Studios",
    "role": "Junior data analyst",
    "interviewer": "Priya Shah",
    "contact-name": "Priya",
    "friend-name": "Jo",
    "mentor-name": "Dr Lee",
    "recruiter-name": "Amal",
}
SENTENCES = [
    "I explained the dashboard project clearly and they asked good follow-up questions about it.",
    "I froze on the salary question; next time I will say a range I have checked beforehand.",
    "Ask Dr Lee to be my first reference and send her the job advert a week before.",
    "Practise two short stories about working in a team, out loud, twice this week.",
    "I felt let down and a bit embarrassed, because I had told my family about the final round.",
]


def fill_everything(page, base_url: str) -> None:
    """Answer every worksheet on its own page, as a learner would over a week."""
    page.goto(base_url + "worksheets/")
    links = page.eval_on_selector_all(
        "article a[href]",
        "els => [...new Set(els.map(a => a.href).filter(h => /\\/worksheets\\/[a-z0-9-]+\\/$/.test(h)))]",
    )
    for n, url in enumerate(links):
        page.goto(url)
        form = page.locator("form.bb-worksheet").first
        form.wait_for()
        boxes = form.locator("textarea[name], input[type=text][name]")
        for i in range(boxes.count()):
            box = boxes.nth(i)
            name = box.get_attribute("name") or ""
            base = name.split(".")[0]
            value = ANSWERS.get(base) or SENTENCES[(i + n) % len(SENTENCES)]
            if "." in name and i % 3 == 2:
                continue  # leave a few lines and cells empty, as real people do
            box.fill(value)
        dates = form.locator("input[type=date][name]")
        for i in range(dates.count()):
            dates.nth(i).fill(f"2026-06-{10 + i % 18:02d}")
        radios = form.locator(
            ".bb-field[data-type=scale], .bb-field[data-type=choice], .bb-field[data-type=scenario]"
        )
        for i in range(radios.count()):
            options = radios.nth(i).locator("input[type=radio]")
            options.nth(min(2, options.count() - 1)).check()
        ticks = form.locator("input[type=checkbox]")
        for i in range(0, ticks.count(), 2):
            ticks.nth(i).check()
        form.locator('.bb-status[data-state="saved"]').wait_for()


def complete_modules(page, base_url: str, paths: list[str]) -> None:
    """Mark modules complete with their own button."""
    for path in paths:
        page.goto(base_url + path)
        button = page.locator("button.bb-complete")
        button.wait_for()
        if button.get_attribute("aria-pressed") != "true":
            button.click()


def shoot(browser, base_url: str, state: dict, out: Path, only: set[str]) -> list[Path]:
    """Write one full-page PNG per page, width and scheme."""
    written = []
    for scheme in SCHEMES:
        for width, height in WIDTHS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height},
                color_scheme=scheme,
                storage_state=state,
                device_scale_factor=1,
            )
            page = context.new_page()
            for name, (path, _) in PAGES.items():
                if only and name not in only:
                    continue
                page.goto(base_url + path, wait_until="networkidle")
                page.wait_for_timeout(150)
                target = out / f"{name}-{width}-{scheme}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
            context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    """Build, fill, shoot; print the files written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "gallery"), help="folder for the PNGs (default gallery/)")
    parser.add_argument("--only", default="", help="comma-separated page names: " + ", ".join(PAGES))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    only = {n for n in re.split(r"[,\s]+", args.only) if n}

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        server, base_url = serve(Path(tmp) / "site", 0)
        port = server.server_address[1]
        warnings = build_site(ROOT / "mkdocs.yml", site, site_url=f"http://127.0.0.1:{port}/")
        for warning in warnings:
            print("build warning:", warning, file=sys.stderr)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                page = context.new_page()
                fill_everything(page, base_url)
                complete_modules(
                    page,
                    base_url,
                    ["modules/01-feel-it-first/", "modules/02-not-a-verdict/", "modules/08-your-plan/"],
                )
                # The start page offers to continue with the module visited last.
                page.goto(base_url + "modules/05-keep-the-door-open/")
                page.locator(".bb-module-complete button").wait_for()
                state = context.storage_state()
                context.close()
                written = shoot(browser, base_url, state, out, only)
                browser.close()
        finally:
            server.shutdown()
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
