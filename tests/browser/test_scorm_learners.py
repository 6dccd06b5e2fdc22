"""Each learner's work lives in the LMS, for that learner: SCORM 2004 and 1.2 packages in scorm-again.

A harness page plays the LMS (scorm-again's `Scorm2004API` or `Scorm12API`)
for one learner, with whatever the LMS kept for them (`suspend_data`), and
frames the package's launch page. The tests check that two learners on one
browser profile see only their own work, that a learner relaunching in a
fresh browser gets everything back, that a local copy newer than the LMS's is
merged, not lost, that completion, progress and session time are reported
from the learner's own data, and what SCORM 1.2 does when the answers outgrow
its 4,096 characters.
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

RUNTIMES = ["scorm12.js", "scorm2004.js"]
CP2004 = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1", "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3"}
DEBRIEF_PAGE = "modules/03-debrief.html"
COMPANY = 'form.bb-worksheet[data-worksheet="interview-debrief"] [name="company"]'
WS_KEY = "ws:interview-debrief"

HARNESS = """<!doctype html>
<html><head><meta charset="utf-8"><title>Test LMS</title>
<script src="scorm12.js"></script>
<script src="scorm2004.js"></script>
<script>
  // The test sets window.LMS_SETUP = {version, pkg, cmi} before this page runs.
  var setup = window.LMS_SETUP;
  window.calls = [];
  var modern = setup.version === "2004";
  var api = modern ? new Scorm2004API({ autocommit: false, logLevel: 5 })
                   : new Scorm12API({ autocommit: false, logLevel: 5 });
  api.loadFromJSON(setup.cmi);
  if (modern) window.API_1484_11 = api; else window.API = api;
  window.LMS = api;
  var names = modern ? ["Initialize", "SetValue", "Commit", "Terminate"]
                     : ["LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish"];
  names.forEach(function (name) {
    var real = api[name].bind(api);
    api[name] = function (a, b) {
      var result = real(a, b);
      var error = modern ? api.GetLastError() : api.LMSGetLastError();
      calls.push([name, a === undefined ? null : String(a), b === undefined ? null : String(b),
                  String(result), String(error)]);
      return result;
    };
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("sco").src = setup.pkg + "/scorm.html";
  });
</script></head>
<body><iframe id="sco" style="width:1200px;height:800px"></iframe></body></html>
"""


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    """Build the SCORM 2004 and 1.2 zips, unpack them under /p2004/ and /p12/ beside the harness."""
    for name in RUNTIMES:
        if not (ROOT / "node_modules/scorm-again/dist" / name).is_file():
            pytest.fail("scorm-again is missing: run `npm install --no-audit --no-fund` (bin/test does)")
    dist = tmp_path_factory.mktemp("dist")
    root = tmp_path_factory.mktemp("lms")
    for kind, folder in (("scorm2004", "p2004"), ("scorm", "p12")):
        with zipfile.ZipFile(package(ROOT / "mkdocs.yml", kind, dist)) as archive:
            archive.extractall(root / folder)
    for name in RUNTIMES:
        shutil.copy(ROOT / "node_modules/scorm-again/dist" / name, root / name)
    (root / "harness.html").write_text(HARNESS, encoding="utf-8")
    modules = json.loads((root / "p2004/assets/bounce-back/course-data.json").read_text(encoding="utf-8"))
    server, url = serve(root)
    yield {"url": url, "root": root, "modules": [m["src"] for m in modules["modules"]]}
    server.shutdown()


def cmi_for(version: str, learner: str, suspend_data: str = "") -> dict:
    """What the LMS holds for `learner` at launch, in scorm-again's JSON."""
    if version == "2004":
        return {"learner_id": learner, "suspend_data": suspend_data}
    return {"core": {"student_id": learner}, "suspend_data": suspend_data}


def launch(context, lms, version: str, learner: str, suspend_data: str = ""):
    """Open the package for `learner` in a new page of `context`; return the page once the course shows."""
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    setup = {"version": version, "pkg": "p2004" if version == "2004" else "p12"}
    setup["cmi"] = cmi_for(version, learner, suspend_data)
    page.add_init_script(f"window.LMS_SETUP = {json.dumps(setup)};")
    page.goto(lms["url"] + "harness.html")
    page.wait_for_function("() => LMS.isInitialized()")
    course_frame(page).wait_for_selector("article")
    return page


def course_frame(page):
    """The course's frame inside the launcher (a Frame, so the test can navigate it)."""
    page.wait_for_function(
        "() => { const f = document.getElementById('sco').contentDocument;"
        " const c = f && f.getElementById('bb-scorm-frame'); return c && c.getAttribute('src'); }"
    )
    launcher = page.frame_locator("#sco")
    launcher.locator("#bb-scorm-frame").wait_for(state="attached")
    for frame in page.frames:
        if frame.parent_frame and frame.parent_frame.parent_frame == page.main_frame:
            return frame
    raise AssertionError("no course frame")


def open_page(page, lms, path: str):
    """Show one page of the course in its frame, as a link would."""
    frame = course_frame(page)
    pkg = "p2004" if "/p2004/" in frame.url else "p12"
    frame.goto(f"{lms['url']}{pkg}/{path}")
    frame.wait_for_selector("article")
    return frame


def leave(page) -> dict:
    """The learner closes the course: the launcher ends the session; return what the LMS kept."""
    page.evaluate("document.getElementById('sco').remove()")
    page.wait_for_function("() => LMS.isTerminated()")
    kept = page.evaluate(
        """() => ({
        suspend_data: LMS.cmi.suspend_data,
        status: LMS.cmi.completion_status || (LMS.cmi.core && LMS.cmi.core.lesson_status),
        calls: calls })"""
    )
    set_values = {c[1]: c[2] for c in kept["calls"] if c[0] in ("SetValue", "LMSSetValue")}
    kept["set"] = set_values
    failed = [c for c in kept["calls"] if c[3] != "true" or c[4] != "0"]
    assert not failed, failed
    assert not page.errors, page.errors
    return kept


def decode(page, text: str) -> dict:
    """The snapshot in an LMS text, decoded by the package's own code (on any of its pages)."""
    return page.evaluate("(t) => JSON.parse(JSON.stringify(BounceBack.scormCodec.decode(t)))", text)


def codec_page(context, lms, pkg: str = "p2004"):
    """A plain page of the package (no LMS), for its codec."""
    page = context.new_page()
    page.goto(f"{lms['url']}{pkg}/index.html")
    page.wait_for_function("() => window.BounceBack && BounceBack.scormCodec")
    return page


def test_2004_manifest_is_4th_edition(lms):
    manifest = ET.parse(lms["root"] / "p2004/imsmanifest.xml").getroot()
    assert manifest.tag == f"{{{CP2004['cp']}}}manifest"
    assert manifest.find("cp:metadata/cp:schemaversion", CP2004).text == "2004 4th Edition"
    resource = manifest.find("cp:resources/cp:resource", CP2004)
    assert resource.get(f"{{{CP2004['adlcp']}}}scormType") == "sco" and resource.get("href") == "scorm.html"
    listed = {f.get("href") for f in resource.findall("cp:file", CP2004)}
    pkg = lms["root"] / "p2004"
    on_disk = {p.relative_to(pkg).as_posix() for p in pkg.rglob("*") if p.is_file()}
    assert listed == on_disk - {"imsmanifest.xml"}


def test_two_learners_on_one_profile_and_a_relaunch_elsewhere(lms, browser):
    shared = browser.new_context()
    read_modules_whole(shared)
    # Ana answers, completes module 3 and leaves.
    ana = launch(shared, lms, "2004", "ana-17")
    frame = open_page(ana, lms, DEBRIEF_PAGE)
    frame.locator(COMPANY).fill("Ana's company")
    frame.get_by_role("button", name="Mark this module complete").click()
    ana.wait_for_function("() => LMS.cmi.progress_measure === '0.125'")
    ana_kept = leave(ana)
    assert ana_kept["set"]["cmi.completion_status"] == "incomplete"
    assert re.fullmatch(r"PT\d+H\d+M\d+\.\d\dS", ana_kept["set"]["cmi.session_time"])
    assert ana_kept["set"]["cmi.exit"] == "suspend"
    codec = codec_page(shared, lms)
    snap = decode(codec, ana_kept["suspend_data"])
    assert snap["d"][WS_KEY]["answers"]["company"] == "Ana's company"
    assert "modules/03-debrief.md" in snap["d"]["progress"]["complete"]

    # Ben, on the same browser profile, sees none of it and is not reported as progressing.
    ben = launch(shared, lms, "2004", "ben-42")
    frame = open_page(ben, lms, DEBRIEF_PAGE)
    assert frame.locator(COMPANY).input_value() == ""
    assert frame.get_by_role("button", name="Mark this module complete").is_visible()
    frame.locator(COMPANY).fill("Ben's company")
    ben.wait_for_function("() => (LMS.cmi.suspend_data || '').length > 0")
    ben_kept = leave(ben)
    assert ben_kept["set"]["cmi.progress_measure"] == "0"
    assert ben_kept["set"]["cmi.completion_status"] == "incomplete"
    ben_snap = decode(codec, ben_kept["suspend_data"])
    assert ben_snap["d"][WS_KEY]["answers"] == {"company": "Ben's company"}
    assert not ben_snap["d"]["progress"]["complete"]
    shared.close()

    # Ana on another computer: a fresh browser, and the LMS's data brings everything back.
    # This browser also has a newer copy of one answer the LMS never got (a crash before commit).
    elsewhere = browser.new_context()
    read_modules_whole(elsewhere)
    seed = elsewhere.new_page()
    seed.goto(lms["url"] + "harness.html#seed")
    crash = {"v": 1, "answers": {"role": "Analyst"}, "updated": "2999-01-01T00:00:00.000Z"}
    seed.evaluate(
        "(r) => localStorage.setItem('bb:bounce-back@lms-ana-17:' + r.key, JSON.stringify(r.record))",
        {"key": WS_KEY, "record": crash},
    )
    seed.close()
    again = launch(elsewhere, lms, "2004", "ana-17", ana_kept["suspend_data"])
    frame = open_page(again, lms, DEBRIEF_PAGE)
    assert frame.locator(COMPANY).input_value() == "Ana's company"
    assert frame.locator('form.bb-worksheet [name="role"]').input_value() == "Analyst"
    assert frame.locator("[data-module-complete] button").first.is_visible()
    again.wait_for_function("() => LMS.cmi.progress_measure === '0.125'")
    kept = leave(again)
    merged = decode(codec_page(elsewhere, lms), kept["suspend_data"])
    assert merged["d"][WS_KEY]["answers"] == {"company": "Ana's company", "role": "Analyst"}
    elsewhere.close()


def test_completion_comes_from_the_learners_own_data(lms, browser):
    context = browser.new_context()
    read_modules_whole(context)
    codec = codec_page(context, lms)
    done = {src: "2026-01-01T00:00:00.000Z" for src in lms["modules"]}
    records = {"progress": {"v": 1, "complete": done, "last": None}}
    text = codec.evaluate("(r) => BounceBack.scormCodec.encode(r, 64000).text", records)
    finished = launch(context, lms, "2004", "cleo", text)
    finished.wait_for_function("() => LMS.cmi.completion_status === 'completed'")
    assert finished.evaluate("LMS.cmi.progress_measure") == "1"
    leave(finished)
    # Another learner on the same profile right after: not completed.
    fresh = launch(context, lms, "2004", "dev")
    fresh.wait_for_function("() => LMS.cmi.progress_measure === '0'")
    assert fresh.evaluate("LMS.cmi.completion_status") == "incomplete"
    leave(fresh)
    context.close()


def test_scorm12_keeps_progress_and_the_newest_answers_and_says_so(lms, browser):
    context = browser.new_context()
    read_modules_whole(context)
    codec = codec_page(context, lms, "p12")
    # 40 worksheets of varied text: far more than 4,096 characters, even compressed.
    records = codec.evaluate(
        """() => {
          let seed = 7; const rnd = () => (seed = (seed * 16807) % 2147483647);
          const letter = () => 'abcdefghijklmnopqrstuvwxyz'[rnd() % 26];
          const word = () => Array.from({length: 3 + rnd() % 6}, letter).join('');
          const out = {};
          for (let i = 0; i < 40; i++) {
            const answers = {};
            for (let f = 0; f < 6; f++) answers['f' + f] = Array.from({length: 30}, word).join(' ');
            const updated = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
            out['ws:filler-' + i] = {v: 1, answers, updated};
          }
          const complete = {'modules/01-feel-it-first.md': '2026-01-01T00:00:00.000Z'};
          out['progress'] = {v: 1, complete, last: null};
          return out;
        }"""
    )
    codec.evaluate(
        """(records) => { for (const [k, r] of Object.entries(records))
             localStorage.setItem('bb:bounce-back@lms-eve:' + k, JSON.stringify(r)); }""",
        records,
    )
    eve = launch(context, lms, "1.2", "eve")
    eve.wait_for_function("() => (LMS.cmi.suspend_data || '').length > 0")
    frame = course_frame(eve)
    notice = frame.locator("#bb-notice-lms-full")
    notice.wait_for()
    assert "export" in notice.inner_text().lower()
    with eve.expect_download() as download:
        notice.get_by_role("button", name="Export my answers").click()
    assert download.value.suggested_filename.startswith("bounce-back-answers-")
    exported = json.loads(open(download.value.path(), encoding="utf-8").read())["data"]
    assert all(exported[k] == records[k] for k in records)
    kept = leave(eve)
    assert len(kept["suspend_data"]) <= 4096
    snap = decode(codec, kept["suspend_data"])
    assert snap["d"]["progress"]["complete"] == records["progress"]["complete"]
    names = sorted(k for k in snap["d"] if k != "progress")
    # Whole records only, the most recently changed first: the newest is kept; the snapshot names the rest.
    newest = max((k for k in records if k != "progress"), key=lambda k: records[k]["updated"])
    assert newest in names
    assert all(snap["d"][k] == records[k] for k in names)
    assert snap["o"] == 40 - len(names)
    assert sorted(snap["m"]) == sorted(k for k in records if k != "progress" and k not in names)
    assert kept["set"]["cmi.core.score.raw"] == "13"  # 1 of 8 modules
    assert kept["set"]["cmi.core.lesson_status"] == "incomplete"
    assert re.fullmatch(r"\d{4}:\d\d:\d\d\.\d\d", kept["set"]["cmi.core.session_time"])
    assert kept["set"]["cmi.core.exit"] == "suspend"
    # The LMS confirmed what it holds, and the learner has the rest in their file: this browser keeps none.
    left = codec.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('bb:bounce-back@lms-eve:'))"
    )
    assert left == []
    context.close()


def test_codec_round_trips_any_text(lms, browser):
    context = browser.new_context()
    read_modules_whole(context)
    codec = codec_page(context, lms)
    texts = ["", "a", "a" * 23, "Día 1 — ввод 😀 \u0000", json.dumps({"x": "abc" * 5000})]
    round_trip = "(t) => BounceBack.scormCodec.decompress(BounceBack.scormCodec.compress(t))"
    for text in texts:
        assert codec.evaluate(round_trip, text) == text
    packed = codec.evaluate("(t) => BounceBack.scormCodec.compress(t)", "x" * 1000)
    assert re.fullmatch(r"[A-Za-z0-9_-]*", packed)
    # Old markers and damaged text hold no snapshot: nothing is restored from them.
    for text in ["bb1:8/8", "bb2:!!!", "bb2:AAAA", ""]:
        assert codec.evaluate("(t) => BounceBack.scormCodec.decode(t)", text) is None
    context.close()
