"""SCORM you can trust on any computer (issue 25, item 3), in scorm-again's real runtime.

- A learner whose answers fit leaves a shared computer with nothing of theirs
  readable in its storage, once the LMS has confirmed the commit; when the LMS
  refuses the commit, nothing is removed.
- A SCORM 1.2 learner who typed more than 4,096 characters hold: the LMS keeps
  their path first; what did not fit stays on the first computer until they
  export it (never removed unseen); on another computer they are told which
  worksheets are not there and how to bring them, and Import brings them.
- Both packages carry the schema files their manifests name.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from tests.browser.test_scorm_learners import (
    COMPANY,
    DEBRIEF_PAGE,
    codec_page,
    course_frame,
    decode,
    launch,
    leave,
    lms,  # noqa: F401  (the fixture: both packages unpacked beside a harness)
    open_page,
)
from tests.conftest import read_modules_whole

XSI = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
ABOUT = "ws:about-you"
MODULE_1 = "modules/01-feel-it-first.html"
SITUATION = 'form.bb-worksheet[data-worksheet="about-you"] [name="situation"]'

# Make the LMS refuse every commit (LMSCommit / Commit answer "false").
REFUSE_COMMIT = """(modern) => {
  if (window !== window.top) return;
  const api = modern ? window.API_1484_11 : window.API;
  const name = modern ? "Commit" : "LMSCommit";
  api[name] = function () { return "false"; };
}"""


@pytest.fixture
def ctx(browser):
    """A fresh browser profile (another computer) for one test."""
    context = browser.new_context(accept_downloads=True)
    read_modules_whole(context)
    yield context
    context.close()


def storage_of(context, lms, learner: str) -> dict:  # noqa: F811
    """Everything this profile's storage holds for `learner` on the LMS's origin: {key: text}."""
    page = context.new_page()
    page.goto(lms["url"] + "harness.html#look")
    found = page.evaluate(
        """(who) => {
          const out = {};
          for (const area of [localStorage, sessionStorage])
            for (let i = 0; i < area.length; i++) {
              const k = area.key(i);
              if (k.includes('@lms-' + who + ':')) out[k] = area.getItem(k);
            }
          return out;
        }""",
        learner,
    )
    page.close()
    return found


def type_and_complete(page, lms):  # noqa: F811
    """The learner answers on the debrief and marks the module complete; the LMS has it."""
    frame = open_page(page, lms, DEBRIEF_PAGE)
    frame.locator(COMPANY).fill("Fabrikam Labs")
    frame.get_by_role("button", name="Mark this module complete").click()
    page.wait_for_function("() => (LMS.cmi.suspend_data || '').length > 0")
    return frame


@pytest.mark.parametrize("version", ["2004", "1.2"])
def test_after_a_confirmed_commit_the_browser_keeps_nothing_of_the_learner(lms, ctx, version):  # noqa: F811
    page = launch(ctx, lms, version, "ana")
    type_and_complete(page, lms)
    frame = course_frame(page)
    assert frame.evaluate("() => Object.keys(localStorage).some(k => k.includes('@lms-ana:'))")
    kept = leave(page)
    assert storage_of(ctx, lms, "ana") == {}
    # What the LMS holds is all there was: it comes back at the next launch, here or anywhere.
    again = launch(ctx, lms, version, "ana", kept["suspend_data"])
    frame = open_page(again, lms, DEBRIEF_PAGE)
    assert frame.locator(COMPANY).input_value() == "Fabrikam Labs"
    leave(again)
    assert storage_of(ctx, lms, "ana") == {}


def test_nothing_is_removed_when_the_lms_refuses_the_commit(lms, ctx):  # noqa: F811
    page = ctx.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    setup = {"version": "1.2", "pkg": "p12", "cmi": {"core": {"student_id": "ana"}, "suspend_data": ""}}
    page.add_init_script(f"window.LMS_SETUP = {json.dumps(setup)};")
    page.add_init_script(f"document.addEventListener('DOMContentLoaded', () => ({REFUSE_COMMIT})(false));")
    page.goto(lms["url"] + "harness.html")
    page.wait_for_function("() => LMS.isInitialized()")
    course_frame(page).wait_for_selector("article")
    type_and_complete(page, lms)
    page.evaluate("document.getElementById('sco').remove()")
    page.wait_for_function("() => LMS.isTerminated()")
    left = storage_of(ctx, lms, "ana")
    assert any("Fabrikam Labs" in text for text in left.values())
    assert not page.errors, page.errors


def many_records(codec, ids: list[str]) -> dict:
    """Big answers in real worksheets (far past 4,096 characters), and an About you record, the oldest,
    whose own text is too long to fit: only its path answers can go to the LMS."""
    return codec.evaluate(
        """(ids) => {
          let seed = 11; const rnd = () => (seed = (seed * 16807) % 2147483647);
          const letter = () => 'abcdefghijklmnopqrstuvwxyz'[rnd() % 26];
          const word = () => Array.from({length: 3 + rnd() % 6}, letter).join('');
          const text = (n) => Array.from({length: n}, word).join(' ');
          const out = {};
          ids.forEach((id, i) => {
            const answers = {};
            for (let f = 0; f < 4; f++) answers['f' + f] = text(30);
            out['ws:' + id] = {v: 1, answers, updated: new Date(Date.UTC(2026, 0, 2, 0, i)).toISOString()};
          });
          out['ws:about-you'] = {v: 1, answers: {name: 'Rosa', situation: 'interview', story: text(1200)},
                                 updated: '2026-01-01T00:00:00.000Z'};
          const complete = {'modules/01-feel-it-first.md': '2026-01-01T00:00:00.000Z'};
          out['progress'] = {v: 1, complete, last: null};
          return out;
        }""",
        ids,
    )


def seed(context, lms, learner: str, records: dict):  # noqa: F811
    """This profile already holds `records` for `learner` (typed here in an earlier session)."""
    page = context.new_page()
    page.goto(lms["url"] + "harness.html#seed")
    page.evaluate(
        """([who, records]) => { for (const [k, r] of Object.entries(records))
             localStorage.setItem('bb:bounce-back@lms-' + who + ':' + k, JSON.stringify(r)); }""",
        [learner, records],
    )
    page.close()


def test_a_scorm12_learner_gets_everything_on_another_computer_or_is_told_what_is_missing(lms, browser):  # noqa: F811
    first = browser.new_context(accept_downloads=True)
    read_modules_whole(first)
    codec = codec_page(first, lms, "p12")
    data = json.loads((lms["root"] / "p12/assets/bounce-back/course-data.json").read_text(encoding="utf-8"))
    names = {f"ws:{i}": ws["title"] for i, ws in data["worksheets"].items()}
    ids = [i for i in data["worksheets"] if i != "about-you"][:10]
    records = many_records(codec, ids)
    seed(first, lms, "rosa", records)

    # First computer: the LMS gets the path first; the learner is told, and does not choose.
    page = launch(first, lms, "1.2", "rosa")
    page.wait_for_function("() => (LMS.cmi.suspend_data || '').length > 0")
    course_frame(page).locator("#bb-notice-lms-full").wait_for()
    kept = leave(page)
    assert len(kept["suspend_data"]) <= 4096
    snap = decode(codec, kept["suspend_data"])
    assert snap["d"][ABOUT]["answers"] == {"name": "Rosa", "situation": "interview"}
    whole = [k for k in snap["d"] if k not in ("progress", ABOUT)]
    missing = sorted(k for k in records if k not in whole and k != "progress")
    assert whole and len(missing) > 3 and ABOUT in missing
    assert sorted(snap["m"]) == missing
    # What the LMS confirmed it holds is gone from this browser; what did not fit was never removed unseen.
    here = {k.split(":", 2)[2]: json.loads(v) for k, v in storage_of(first, lms, "rosa").items()}
    assert sorted(here) == missing
    assert all(here[k] == records[k] for k in missing)

    # Another computer: the path is kept, and the learner is told which worksheets are not here.
    second = browser.new_context(accept_downloads=True)
    read_modules_whole(second)
    there = launch(second, lms, "1.2", "rosa", kept["suspend_data"])
    there.on("dialog", lambda dialog: dialog.accept())
    frame = open_page(there, lms, MODULE_1)
    assert frame.locator(f"{SITUATION}:checked").get_attribute("value") == "interview"
    notice = frame.locator("#bb-notice-lms-absent")
    notice.wait_for()
    listed = notice.locator("li").all_inner_texts()
    assert sorted(listed) == sorted(names[k] for k in missing)
    assert "Export my answers" in notice.inner_text() and "Import my answers" in notice.inner_text()

    # Back on the first computer, the learner exports; they take it all with them, the browser keeps none.
    back = launch(first, lms, "1.2", "rosa", kept["suspend_data"])
    full = course_frame(back).locator("#bb-notice-lms-full")
    with back.expect_download() as download:
        full.get_by_role("button", name="Export my answers").click()
    full.get_by_text("When you leave the course they are removed").wait_for()
    leave(back)
    assert storage_of(first, lms, "rosa") == {}

    # On the other computer, Import in the notice brings everything; the notice goes.
    notice.locator('input[type="file"]').set_input_files(download.value.path())
    notice.wait_for(state="detached")
    brought = frame.evaluate(
        """(keys) => Object.fromEntries(keys.map(k => [k, JSON.parse(
             localStorage.getItem('bb:bounce-back@lms-rosa:' + k))]))""",
        sorted(k for k in records if k != "progress"),
    )
    assert all(brought[k]["answers"] == records[k]["answers"] for k in brought)
    leave(there)
    first.close()
    second.close()


def test_2004_keeps_everything_up_to_64000_characters_and_beyond_that_behaves_as_12(lms, ctx):  # noqa: F811
    codec = codec_page(ctx, lms)
    ids = list(codec.evaluate("() => BounceBack.course.worksheets"))
    records = many_records(codec, [i for i in ids if i != "about-you"])
    fits = codec.evaluate("(r) => BounceBack.scormCodec.encode(r, 64000)", records)
    assert fits["left"] == 0 and len(fits["text"]) <= 64000 and "m" not in decode(codec, fits["text"])
    # Past 64,000 characters (here, a limit below this learner's size): partial, path first, the rest named.
    size = len(fits["text"])
    part = codec.evaluate(
        "([r, n]) => BounceBack.scormCodec.encode(r, n, {first: 'ws:about-you', pathNames: ['situation']})",
        [records, size // 3],
    )
    snap = decode(codec, part["text"])
    assert len(part["text"]) <= size // 3 and part["left"] > 0
    assert snap["d"][ABOUT]["answers"] == {"situation": "interview"}
    left_out = [k for k in records if k != "progress" and (k not in snap["d"] or k == ABOUT)]
    assert sorted(snap["m"]) == sorted(left_out)


@pytest.mark.parametrize("pkg", ["p2004", "p12"])
def test_both_packages_carry_the_schema_files_their_manifests_name(lms, pkg):  # noqa: F811
    root = lms["root"] / pkg
    manifest = ET.parse(root / "imsmanifest.xml").getroot()
    named = (manifest.get(XSI) or "").split()[1::2]
    assert len(named) >= 3
    for name in named:
        assert (root / name).is_file(), name


def test_what_did_not_fit_leaves_only_as_exported_and_stays_when_kept(lms, ctx):  # noqa: F811
    codec = codec_page(ctx, lms, "p12")
    # Far past 4,096 characters even compressed: it never fits.
    big = many_records(codec, [])[ABOUT]["answers"]["story"]
    records = {
        "ws:interview-debrief": {"v": 1, "answers": {"notes": big}, "updated": "2026-01-01T00:00:00.000Z"},
        "ws:control-sort": {"v": 1, "answers": {"a": "small"}, "updated": "2026-01-02T00:00:00.000Z"},
    }
    seed(ctx, lms, "sam", records)
    page = launch(ctx, lms, "1.2", "sam")
    full = course_frame(page).locator("#bb-notice-lms-full")
    full.wait_for()
    with page.expect_download():
        full.get_by_role("button", name="Export my answers").click()
    # Changed after the export: the file no longer has it, so it stays here.
    frame = open_page(page, lms, DEBRIEF_PAGE)
    frame.locator(COMPANY).fill("Changed after the export")
    frame.locator(COMPANY).blur()
    frame.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.endsWith(':ws:interview-debrief') &&"
        " localStorage.getItem(k).includes('Changed after the export'))"
    )
    kept = leave(page)
    assert "ws:interview-debrief" in decode(codec, kept["suspend_data"])["m"]
    here = storage_of(ctx, lms, "sam")
    assert [k.rsplit(":", 1)[1] for k in here] == ["interview-debrief"]
    # Next time the learner chooses to keep them here: they stay.
    page = launch(ctx, lms, "1.2", "sam", kept["suspend_data"])
    full = course_frame(page).locator("#bb-notice-lms-full")
    full.get_by_role("button", name="Keep them on this computer").click()
    full.get_by_text("They stay in this browser when you leave").wait_for()
    leave(page)
    here = storage_of(ctx, lms, "sam")
    assert [k.rsplit(":", 1)[1] for k in here] == ["interview-debrief"]
    assert "Changed after the export" in next(iter(here.values()))
