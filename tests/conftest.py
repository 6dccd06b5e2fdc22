"""Shared fixtures: one strict build of the real course, a local server, Chromium.

Any test that logs a WARNING it did not ask for fails (the `caplog` check
below), so a warning can never slip into the build unnoticed.
"""

from __future__ import annotations

import functools
import http.server
import json
import logging
import os
import shutil
import socket
import socketserver
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Hooks import their siblings by plain name, as MkDocs loads them; tests do too.
if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("COURSE_PDF", "false")


# The engine wired into a small test course's mkdocs.yml with its handouts on, taking the
# same environment switches as the course's own config (COURSE_PDF, COURSE_PDF_CACHE, …).
PDF_PLUGIN = (
    "plugins:\n  - bounce-back:\n"
    "      pdf: !ENV [COURSE_PDF, true]\n"
    "      pdf_cache: !ENV [COURSE_PDF_CACHE, .cache/pdfs]\n"
    "      pdf_paper: !ENV [COURSE_PDF_PAPER, null]\n"
    "  - offline:\n      enabled: !ENV [OFFLINE, false]\n"
)

# Markers are registered in pyproject.toml. Tests that use one of these fixtures drive Chromium.
BROWSER_FIXTURES = {"browser", "context", "page"}
# The `slow` tier: each of these files takes from ten seconds to minutes on two cores.
SLOW_FILES = {
    "test_properties.py",  # hypothesis: hundreds of generated examples per property
    "test_hostile.py",  # some thirty `mkdocs build` subprocesses
    "test_pdfs.py",  # WeasyPrint renders every handout and the workbook
    "test_pdf_center.py",  # a center's handouts on both paper sizes, a filled form through poppler
    "test_handout_paper.py",  # handouts rendered on both sizes and modes, read back page by page
    "test_workshop_pack.py",  # a center's copy with its handouts and workshop packs, read back by poppler
    "test_html_validity.py",  # the Nu HTML Checker (Java) over every page
    "test_pages_workflow.py",  # the Pages workflow's steps: a fresh install, PDFs and three bundles
    "test_example_course.py",  # the second course, built strictly with its handouts
    "test_hostile_names.py",  # a build per clashing-name case
    "test_course_id.py",  # three builds of a center's copy
    "test_scaffold.py",  # copies the course and builds it, per case
    "test_scaffold_refuses.py",  # the same copy, per refused title
    "test_commands.py",  # the documented commands from a fresh shell, one a whole copy
}
# Single tests that each build a whole course variant (a center's copy, a language, a
# template override): seven to fifteen seconds each on two cores. The quick tier keeps the
# one shared build of the flagship; CI runs these with the rest of the slow tier.
SLOW_TESTS = {
    "test_bundle_cli.py::test_a_centers_own_config_is_bundled_with_f",
    "test_branding.py::test_low_contrast_colour_is_a_build_warning",
    "test_branding.py::test_branded_build_shows_name_logo_favicon_colours_footer",
    "test_branding.py::test_support_page_and_module_footer_show_the_contacts",
    "test_course_config.py::test_spanish_build_puts_spanish_strings_in_every_page",
    "test_model.py::test_each_course_file_is_read_once_per_build",
    "test_model.py::test_a_centers_template_override_changes_the_built_form",
    "test_crisis_lines.py::test_the_built_wellbeing_page_and_a_module_name_the_lines",
    "test_center_help.py::test_a_center_s_service_and_line_show_on_the_wellbeing_page_and_under_a_module",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Put every test in its tier: `browser` (Chromium) and `slow` (property tests).

    `pytest -m "not browser and not slow"` is the quick tier; plain `pytest` runs
    everything, as CI does. Marking here, not by hand, means a new browser test
    cannot land in the quick tier by mistake.
    """
    seen_files = {Path(item.path).name for item in items}
    named = {f"{Path(item.path).name}::{item.originalname}" for item in items}
    # A renamed test would otherwise fall back into the quick tier without a word.
    stale = {name for name in SLOW_TESTS if name.split("::")[0] in seen_files} - named
    if stale:
        raise pytest.UsageError("SLOW_TESTS names tests that do not exist: " + ", ".join(sorted(stale)))
    for item in items:
        path = Path(item.path)
        if path.parent.name == "browser" or BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        if path.name in SLOW_FILES or f"{path.name}::{item.originalname}" in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _fail_on_unexpected_warnings(request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture):
    """Fail a test that logs a WARNING unless it is marked `expect_warnings`."""
    yield
    if request.node.get_closest_marker("expect_warnings"):
        return
    warnings = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING]
    assert not warnings, "unexpected warnings: " + "; ".join(r.getMessage() for r in warnings)


class WarningCollector(logging.Handler):
    """Collect every WARNING or worse that MkDocs logs during a build."""

    def __init__(self) -> None:
        """Start with no records."""
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record."""
        self.records.append(record)


class BuildFailed(Exception):
    """A build stopped; the message is the first error MkDocs printed."""


def build_site(config_file: Path, site_dir: Path, **overrides) -> list[str]:
    """Build `config_file` strictly into `site_dir`; return the warnings logged.

    A build that aborts raises `BuildFailed` carrying MkDocs' first error line,
    which is exactly what an author would read in the terminal.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    collector = WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True, **overrides)
        build(config)
    except Abort as abort:
        errors = [r.getMessage() for r in collector.records if r.levelno >= logging.ERROR]
        raise BuildFailed(errors[0] if errors else str(abort)) from None
    finally:
        logger.removeHandler(collector)
    return [r.getMessage() for r in collector.records]


def _free_port() -> int:
    """Return a port that is free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def site_port() -> int:
    """The port the shared build is served on, chosen before the build."""
    return _free_port()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """Build the real course once, strictly; fail on any warning.

    `site_url` is the address the build is served at, as a host would set it,
    so canonical links and the sitemap match and Material's instant navigation
    really runs in the browser tests.
    """
    site_dir = tmp_path_factory.mktemp("site")
    url = f"http://127.0.0.1:{site_port}/"
    warnings = build_site(ROOT / "mkdocs.yml", site_dir, site_url=url)
    assert not warnings, "the course build logged warnings:\n" + "\n".join(warnings)
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static file handler that keeps the test output clean."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        """Say nothing."""


def serve(directory: Path, port: int = 0) -> tuple[socketserver.TCPServer, str]:
    """Serve `directory` on 127.0.0.1 (a free port by default) in a thread; return (server, URL)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def base_url(site: Path, site_port: int) -> Iterator[str]:
    """Serve the built course on 127.0.0.1 at its `site_url` and yield that URL."""
    server, url = serve(site, site_port)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Launch Debian's Chromium through Playwright; fail (never skip) if it is missing."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); "
            "browser tests never skip"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class RequestLog(list):
    """URLs a page requested, with a check that all stayed on this machine."""

    def foreign(self, origin: str) -> list[str]:
        """Return requests that left `origin` (data: and blob: URLs are local)."""
        return [
            url
            for url in self
            if not url.startswith(origin) and not url.startswith(("data:", "blob:", "about:"))
        ]


# On a module page, read it whole (the learner's "Show the whole module", kept in the progress
# record) unless the record says otherwise: most tests work with a module's content all at once;
# tests/browser/test_steps.py reads modules step by step in contexts of its own.
WHOLE_MODULES = """(() => {
  // A module page: /modules/<name>/ on a site, /modules/<name>.html offline and in a package.
  if (!/\\/modules\\/[^/]+(\\/(index\\.html)?|\\.html)$/.test(location.pathname)) return;
  try {
    const key = %s;
    const record = JSON.parse(localStorage.getItem(key) || "null") || {v: 1, complete: {}, last: null};
    // A record of another version is the store's to set aside, untouched.
    if (record.whole !== undefined || record.v !== 1) return;
    localStorage.setItem(key, JSON.stringify(Object.assign(record, {whole: true})));
  } catch (e) { /* Storage blocked: the page shows steps. */ }
})();"""


def read_modules_whole(context, namespace: str = "bb:bounce-back:") -> None:
    """Make `context` open module pages whole (see WHOLE_MODULES) for the course `namespace`."""
    context.add_init_script(WHOLE_MODULES % json.dumps(namespace + "progress"))


@pytest.fixture
def context(browser):
    """A fresh browser context (empty storage) per test, reading module pages whole."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    read_modules_whole(context)
    yield context
    context.close()


@pytest.fixture
def page(context, base_url: str):
    """A page that records every request and every JavaScript error.

    The test fails if the page requested anything off 127.0.0.1 or threw an
    uncaught error, so every browser test is also a privacy and error check.
    """
    page = context.new_page()
    page.requests = RequestLog()
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    origin = base_url.rstrip("/")
    assert not page.requests.foreign(origin), f"requests left {origin}: {page.requests.foreign(origin)}"
    assert not page.errors, f"JavaScript errors: {page.errors}"
