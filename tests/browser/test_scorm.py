"""The SCORM 1.2 package inside a real SCORM runtime (scorm-again from npm) in Chromium.

Learners, relaunches, SCORM 2004 and the 4,096-character limit: test_scorm_learners.py.

A small harness page plays the LMS: it creates `window.API = new Scorm12API()`
and frames the package's launch page as an LMS would. The learner marks
every module complete; the course must initialise, report `completed`,
commit and, when the learner leaves, finish, with no SCORM error.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile

import pytest
from bundle import package

from tests.conftest import ROOT, read_modules_whole, serve

RUNTIME = ROOT / "node_modules/scorm-again/dist/scorm12.js"
NS = {
    "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
}

HARNESS = """<!doctype html>
<html><head><meta charset="utf-8"><title>Test LMS</title>
<script src="scorm12.js"></script>
<script>
  window.calls = [];
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  ["LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish"].forEach(function (name) {
    var real = API[name].bind(API);
    API[name] = function (a, b) {
      var result = real(a, b);
      calls.push([name, a === undefined ? null : String(a), b === undefined ? null : String(b),
                  String(result), String(API.LMSGetLastError())]);
      return result;
    };
  });
</script></head>
<body><iframe id="sco" style="width:1200px;height:800px" src="pkg/LAUNCH"></iframe></body></html>
"""


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    """Build the SCORM zip, unpack it under /pkg/ beside the harness, serve on 127.0.0.1."""
    if not RUNTIME.is_file():
        pytest.fail("scorm-again is missing: run `npm install --no-audit --no-fund` (bin/test does)")
    zip_path = package(ROOT / "mkdocs.yml", "scorm", tmp_path_factory.mktemp("dist"))
    root = tmp_path_factory.mktemp("lms")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(root / "pkg")
    manifest = ET.parse(root / "pkg/imsmanifest.xml").getroot()
    resource = manifest.find("cp:resources/cp:resource", NS)
    launch = resource.get("href")
    shutil.copy(RUNTIME, root / "scorm12.js")
    (root / "harness.html").write_text(HARNESS.replace("LAUNCH", launch), encoding="utf-8")
    server, url = serve(root)
    yield {"url": url, "root": root, "manifest": manifest, "resource": resource}
    server.shutdown()


def test_manifest_is_scorm_12_and_lists_its_files(lms):
    manifest, resource = lms["manifest"], lms["resource"]
    assert manifest.find("cp:metadata/cp:schemaversion", NS).text == "1.2"
    assert resource.get(f"{{{NS['adlcp']}}}scormtype") == "sco"
    listed = {f.get("href") for f in resource.findall("cp:file", NS)}
    on_disk = {
        p.relative_to(lms["root"] / "pkg").as_posix() for p in (lms["root"] / "pkg").rglob("*") if p.is_file()
    }
    assert listed == on_disk - {"imsmanifest.xml"}
    assert resource.get("href") in listed and "index.html" in listed


def test_the_package_shows_each_module_whole(lms):
    """In the LMS player a module is one page, as the steps issue asks; the site itself steps."""
    pages = sorted((lms["root"] / "pkg" / "modules").glob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'class="bb-step-bar' not in html and '<meta name="bb-steps"' not in html, page


def test_course_reports_completion_to_a_real_scorm_runtime(lms, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    read_modules_whole(context)
    page = context.new_page()
    errors, foreign = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith((lms["url"], "data:", "about:", "blob:")) else foreign.append(r.url)
        ),
    )
    page.goto(lms["url"] + "harness.html")
    page.wait_for_function("() => API.isInitialized()")
    assert page.evaluate("API.cmi.core.lesson_status") == "incomplete"

    course = page.frame_locator("#sco").frame_locator("#bb-scorm-frame")
    course.locator("article").first.wait_for()
    modules = json.loads(
        (lms["root"] / "pkg/assets/bounce-back/course-data.json").read_text(encoding="utf-8")
    )["modules"]
    assert len(modules) >= 2
    for index, module in enumerate(modules):
        # Nested frames confuse Playwright's hit test, so the nav link is clicked from script.
        course.locator(f'a.md-nav__link[href$="{module["url"].split("/")[-1]}"]').first.evaluate(
            "a => a.click()"
        )
        course.locator(f'[data-module-complete="{module["src"]}"] button').wait_for()
        course.get_by_role("button", name="Mark this module complete").click()
        if index < len(modules) - 1:
            assert page.evaluate("API.cmi.core.lesson_status") == "incomplete"
    page.wait_for_function("() => API.cmi.core.lesson_status === 'completed'", timeout=10000)
    # The learner's records, compressed (test_scorm_learners.py reads them back).
    assert re.fullmatch(r"bb2:[A-Za-z0-9_-]+", page.evaluate("API.cmi.suspend_data"))
    assert page.evaluate("API.cmi.core.score.raw") == "100"

    # The learner leaves: the package frame unloads and must finish the session.
    page.evaluate("document.getElementById('sco').remove()")
    page.wait_for_function("() => API.isTerminated()")
    calls = page.evaluate("calls")
    names = [c[0] for c in calls]
    assert names[0] == "LMSInitialize" and names[-1] == "LMSFinish" and names.count("LMSInitialize") == 1
    assert ["LMSSetValue", "cmi.core.lesson_status", "completed", "true", "0"] in calls
    assert ["LMSSetValue", "cmi.core.exit", "suspend", "true", "0"] in calls
    assert "LMSCommit" in names[names.index("LMSSetValue") :]
    failed = [c for c in calls if c[3] != "true" or c[4] != "0"]
    assert not failed, failed
    assert not errors and not foreign, (errors, foreign)
    context.close()


def test_package_works_as_a_plain_course_without_an_lms(lms, browser):
    context = browser.new_context()
    read_modules_whole(context)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(lms["url"] + "pkg/" + lms["resource"].get("href"))
    frame = page.frame_locator("#bb-scorm-frame")
    frame.get_by_role("link", name="Start module 1").click()
    frame.locator("form.bb-worksheet").first.wait_for()
    assert page.evaluate("window.BounceBack.scorm.api") is None
    assert not errors
    context.close()
