"""With the build's own Content-Security-Policy, every page loads with zero violations."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
from coursemodel.steps.hosting import parse_headers_file

from tests.conftest import ROOT, _free_port, build_site, read_modules_whole

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
"""

# Resolves after the tasks already queued (violation reports are queued as tasks) have run.
SETTLED = "() => new Promise(done => setTimeout(() => done(window.__csp), 0))"


class HeaderHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the headers from the site's own `_headers` file."""

    headers_to_send: dict[str, str] = {}

    def end_headers(self) -> None:
        """Add the `_headers` rules to every response, as Netlify or Cloudflare Pages would."""
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        """Say nothing."""


@pytest.fixture(scope="module")
def csp_site(tmp_path_factory):
    """Build the course, then serve it with its generated headers."""
    site = tmp_path_factory.mktemp("csp-site")
    port = _free_port()
    # site_url is where it is served, so Material's instant navigation runs as on a real host.
    assert build_site(ROOT / "mkdocs.yml", site, site_url=f"http://127.0.0.1:{port}/") == []
    headers = parse_headers_file((site / "_headers").read_text(encoding="utf-8"))
    handler = type("H", (HeaderHandler,), {"headers_to_send": headers})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/", headers
    server.shutdown()


def test_policy_allows_only_own_files(csp_site):
    site, _url, headers = csp_site
    policy = headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'self'; script-src 'self' 'sha256-")
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "http" not in policy
    nginx = (site / "nginx-headers.conf").read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{policy}" always;' in nginx


def pages(site: Path) -> list[str]:
    """Every HTML page's URL path relative to the site root."""
    out = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        out.append(re.sub(r"(^|/)index\.html$", r"\1", rel))
    return out


def test_every_page_loads_without_a_csp_violation(csp_site, browser):
    site, url, _headers = csp_site
    context = browser.new_context()
    read_modules_whole(context)
    context.add_init_script(LISTEN)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    problems = {}
    for path in pages(site):
        page.goto(url + path)
        page.wait_for_load_state("load")
        # Our deferred bundle ran; then one more task turn, so any violation event is delivered.
        page.wait_for_function("() => !!(window.BounceBack && window.BounceBack.bundles)")
        found = page.evaluate(SETTLED)
        if found:
            problems[path] = found
    assert not problems, problems
    assert not console, console
    context.close()


def test_worksheet_works_under_the_policy(csp_site, browser):
    _site, url, _headers = csp_site
    context = browser.new_context()
    read_modules_whole(context)
    context.add_init_script(LISTEN)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.get_by_role("link", name="Start module 1").click()
    # Instant navigation: the module opens at its first step; the learner shows it whole.
    page.locator("#bb-step-1 [data-bb-whole]").click()
    field = page.locator("form.bb-worksheet textarea, form.bb-worksheet input[type=text]").first
    field.fill("Typed under a strict policy")
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => localStorage[k].includes('Typed under a strict policy'))"
    )
    page.reload()
    restored = page.locator("form.bb-worksheet textarea, form.bb-worksheet input[type=text]").first
    assert restored.input_value() == "Typed under a strict policy"
    assert page.evaluate("window.__csp") == [] and not errors
    # The policy is really enforced (so the zero above means something): an inline script is refused.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = '1'; document.body.append(s); }"
    )
    page.wait_for_function("() => window.__csp.length > 0")
    assert page.evaluate("window.__csp")[0].startswith("script-src")
    context.close()


def test_my_plan_bundle_loads_under_the_policy_after_instant_navigation(csp_site, browser):
    _site, url, _headers = csp_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    read_modules_whole(context)
    context.add_init_script(LISTEN)
    page = context.new_page()
    errors, scripts = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    page.goto(url + "modules/01-feel-it-first/")  # the start page and the overview hide the menu
    page.wait_for_function("() => !!(window.BounceBack && window.BounceBack.bundles)")
    assert not [u for u in scripts if re.search(r"/plan\.[0-9a-f]+\.js$", u)], "plan bundle on a module page"
    page.evaluate("window.__samePage = true")
    page.locator(".md-nav--primary").get_by_role("link", name="My plan").click()
    page.wait_for_url(url + "plan/")
    assert page.evaluate("window.__samePage === true"), "the click was not an instant navigation"
    # Instant navigation swapped the content in; the main bundle's loader fetched the plan bundle.
    page.wait_for_function("() => document.querySelector('script[src*=\"/plan.\"]') !== null")
    page.wait_for_function("() => !!(window.BounceBack.plan || window.BounceBack.ics)")
    assert [u for u in scripts if re.search(r"/assets/bounce-back/plan\.[0-9a-f]{10}\.js$", u)]
    assert page.evaluate(SETTLED) == [] and not errors
    context.close()
