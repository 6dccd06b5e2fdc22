"""The LMS copy of a learner's answers is never overwritten blind (issue 26, cases A, B and G).

A launch whose `cmi.suspend_data` cannot be read (the LMS reports an error,
the copy is cut short, it is another course's, it is not ours at all, or it
would decompress past the fixed cap) writes nothing to `suspend_data`: the
copy is set aside in this browser, the learner is told, and only their
choice ("Start fresh here" or "Keep the LMS copy untouched") decides. Every
save reads the LMS copy again and merges it record by record, answer by
answer, so two sessions at once keep each other's answers.
"""

from __future__ import annotations

import json
import time

import pytest

from tests.browser.test_scorm_learners import (
    COMPANY,
    DEBRIEF_PAGE,
    WS_KEY,
    codec_page,
    course_frame,
    decode,
    launch,
    leave,
    lms,  # noqa: F401  (the fixture: both packages unpacked beside a harness)
    open_page,
)
from tests.conftest import read_modules_whole

ROLE = 'form.bb-worksheet[data-worksheet="interview-debrief"] [name="role"]'
NOTICE = "#bb-notice-lms-unreadable"

# Make the LMS fail to read suspend_data: GetValue answers "" and GetLastError `code` (or it throws).
FAIL_READ = """([code, modern]) => {
  if (window !== window.top) return;  // the harness only, not the package's frames
  const api = modern ? window.API_1484_11 : window.API;
  const get = modern ? "GetValue" : "LMSGetValue";
  const err = modern ? "GetLastError" : "LMSGetLastError";
  const realGet = api[get].bind(api);
  const realErr = api[err].bind(api);
  let forced = null;
  api[get] = function (element) {
    forced = null;
    if (element === "cmi.suspend_data") {
      if (code === "throw") throw new Error("LMS unreachable");
      forced = code;
      return "";
    }
    return realGet(element);
  };
  api[err] = function () { return forced !== null ? forced : realErr(); };
  const others = modern ? ["SetValue", "Commit", "Terminate"] : ["LMSSetValue", "LMSCommit", "LMSFinish"];
  for (const name of others) {
    const real = api[name];
    api[name] = function (a, b) { forced = null; return real.call(api, a, b); };
  }
}"""


def encoded(codec, records: dict, course: str | None = None) -> str:
    """The LMS text of `records`, made by the package's own codec (as course `course`, if given)."""
    return codec.evaluate(
        """([records, course]) => {
          const text = BounceBack.scormCodec.encode(records, 64000).text;
          if (!course) return text;
          const snap = JSON.parse(BounceBack.scormCodec.decompress(text.slice(4)));
          snap.c = course;
          return 'bb2:' + BounceBack.scormCodec.compress(JSON.stringify(snap));
        }""",
        [records, course],
    )


def launch_failing(context, lms, version: str, learner: str, kept: str, code: str):  # noqa: F811
    """Launch with `kept` in the LMS but a GetValue of it that fails with `code`."""
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    setup = {"version": version, "pkg": "p2004" if version == "2004" else "p12"}
    setup["cmi"] = (
        {"learner_id": learner, "suspend_data": kept}
        if version == "2004"
        else {"core": {"student_id": learner}, "suspend_data": kept}
    )
    page.add_init_script(f"window.LMS_SETUP = {json.dumps(setup)};")
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => ("
        + FAIL_READ
        + f")({json.dumps([code, version == '2004'])}));"
    )
    page.goto(lms["url"] + "harness.html")
    page.wait_for_function("() => LMS.isInitialized()")
    course_frame(page).wait_for_selector("article")
    return page


def suspend_writes(page) -> list:
    """Every SetValue of suspend_data the package made."""
    calls = page.evaluate("calls")
    return [c for c in calls if c[0] in ("SetValue", "LMSSetValue") and c[1] == "cmi.suspend_data"]


def type_answer(page, lms, text: str):  # noqa: F811
    """The learner types an answer on the debrief and it reaches this browser's storage."""
    frame = open_page(page, lms, DEBRIEF_PAGE)
    frame.locator(COMPANY).fill(text)
    frame.locator(COMPANY).blur()
    frame.wait_for_function(
        "(t) => Object.keys(localStorage).some(k => k.endsWith(':ws:interview-debrief') &&"
        " localStorage.getItem(k).includes(t))",
        arg=text,
    )
    return frame


def lms_records(codec, lms_text: str) -> dict:
    """The records in an LMS text (decoded by the package)."""
    snap = decode(codec, lms_text)
    assert snap, "the LMS copy should be readable"
    return snap["d"]


@pytest.fixture
def ctx(browser):
    """A fresh browser profile for one test."""
    context = browser.new_context(accept_downloads=True)
    read_modules_whole(context)
    yield context
    context.close()


def theirs(codec) -> str:
    """A real LMS copy: the learner's answers from another computer."""
    return encoded(
        codec,
        {WS_KEY: {"v": 1, "answers": {"company": "Kept in the LMS"}, "updated": "2026-01-01T00:00:00.000Z"}},
    )


def assert_untouched(page, lms, kept_text: str, version: str = "2004"):  # noqa: F811
    """The learner works, then leaves: the LMS copy is what it was, and nothing was written over it."""
    frame = course_frame(page)
    notice = frame.locator(NOTICE)
    notice.wait_for()
    assert notice.is_visible()
    type_answer(page, lms, "Typed after the failed read")
    page.wait_for_timeout(1500)  # longer than the launcher's debounce: a save would have run by now
    assert suspend_writes(page) == []
    kept = leave(page)
    assert kept["suspend_data"] == kept_text
    assert "cmi.suspend_data" not in kept["set"]
    return kept


@pytest.mark.parametrize("version", ["2004", "1.2"])
def test_a_read_error_never_overwrites_the_lms_copy(lms, ctx, version):  # noqa: F811
    codec = codec_page(ctx, lms)
    text = theirs(codec)
    page = launch_failing(ctx, lms, version, "ana", text, "101")
    assert_untouched(page, lms, text, version)


def test_a_read_that_throws_never_overwrites_the_lms_copy(lms, ctx):  # noqa: F811
    codec = codec_page(ctx, lms)
    text = theirs(codec)
    page = launch_failing(ctx, lms, "2004", "ana", text, "throw")
    assert_untouched(page, lms, text)


@pytest.mark.parametrize("damage", ["cut", "foreign", "garbage", "bomb"])
def test_an_unreadable_lms_copy_is_set_aside_kept_and_the_learner_told(lms, ctx, damage):  # noqa: F811
    codec = codec_page(ctx, lms)
    text = theirs(codec)
    if damage == "cut":
        text = text[:-1]
    elif damage == "foreign":
        text = encoded(
            codec, {WS_KEY: {"v": 1, "answers": {"company": "Other course"}}}, course="another-course"
        )
    elif damage == "garbage":
        text = "Hello from an older tool"
    else:
        text = bomb()
    started = time.monotonic()
    page = launch(ctx, lms, "2004", "ana", text)
    assert time.monotonic() - started < 8
    frame = course_frame(page)
    frame.locator(NOTICE).wait_for()
    words = frame.locator(NOTICE).inner_text()
    assert "LMS" in words
    # The unreadable copy is kept in this browser, through the store's set-aside keys.
    aside = frame.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('bb:bounce-back@lms-ana:corrupt:'))"
        ".map(k => localStorage.getItem(k))"
    )
    assert aside == [text]
    assert_untouched(page, lms, text)


def test_start_fresh_writes_and_keep_keeps(lms, ctx):  # noqa: F811
    codec = codec_page(ctx, lms)
    text = theirs(codec)[:-1]
    # Keep the LMS copy untouched: answers stay here, the LMS copy as it was, completion still reported.
    page = launch(ctx, lms, "2004", "ana", text)
    frame = course_frame(page)
    frame.locator(NOTICE).get_by_role("button", name="Keep the LMS copy untouched").click()
    frame.locator(NOTICE).get_by_role("button", name="Export my answers").wait_for()
    type_answer(page, lms, "Only here")
    page.wait_for_function("() => LMS.cmi.completion_status === 'incomplete'")
    kept = leave(page)
    assert kept["suspend_data"] == text
    # Next launch: asked again; this time Start fresh here: the LMS gets this browser's answers.
    page = launch(ctx, lms, "2004", "ana", text)
    frame = course_frame(page)
    assert suspend_writes(page) == []
    frame.locator(NOTICE).get_by_role("button", name="Start fresh here").click()
    page.wait_for_function(
        "() => (LMS.cmi.suspend_data || '').startsWith('bb2:') && LMS.cmi.suspend_data !== "
        + json.dumps(text)
    )
    frame.locator(NOTICE).wait_for(state="detached")
    # The replaced copy is still in this browser (set aside once, not once per launch) and in the export.
    exported = frame.evaluate(
        "() => Object.entries(BounceBack.data.collect().data).filter(([k]) => k.startsWith('corrupt:lms:'))"
    )
    assert [value for _key, value in exported] == [text]
    kept = leave(page)
    assert lms_records(codec, kept["suspend_data"])[WS_KEY]["answers"]["company"] == "Only here"


def bomb() -> str:
    """A 64,000-character LMS text whose LZW codes each repeat the last entry plus one character.

    Code k stands for k+1 'a's, so 20,000 codes hold about 200 million characters.
    """
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    bits: list[str] = []
    total = 0
    codes = [97] + [256 + i for i in range(40000)]
    for k, code in enumerate(codes):
        width = max(1, min(255 + k, 65535).bit_length())
        if total + width > 63990 * 6:
            break
        bits.append(format(code, f"0{width}b"))
        total += width
    stream = "".join(bits)
    stream += "0" * (-len(stream) % 6)
    return "bb2:" + "".join(digits[int(stream[i : i + 6], 2)] for i in range(0, len(stream), 6))


def test_decompression_stops_at_the_cap(lms, ctx):  # noqa: F811
    codec = codec_page(ctx, lms)
    text = bomb()
    assert len(text) <= 64000
    started = time.monotonic()
    assert codec.evaluate("(t) => BounceBack.scormCodec.decode(t)", text) is None
    assert time.monotonic() - started < 3
    # A real snapshot of a long answer still reads.
    long_answer = {WS_KEY: {"v": 1, "answers": {"company": "abc " * 20000}, "updated": None}}
    assert lms_records(codec, encoded(codec, long_answer))[WS_KEY]["answers"]["company"] == "abc " * 20000


def test_each_save_merges_what_another_session_wrote(lms, ctx):  # noqa: F811
    codec = codec_page(ctx, lms)
    page = launch(ctx, lms, "2004", "ana", "")
    type_answer(page, lms, "Northwind")
    page.wait_for_function("() => (LMS.cmi.suspend_data || '').length > 0")
    # Another device of the same learner closes, leaving its own answers in the LMS.
    other = encoded(
        codec,
        {
            WS_KEY: {"v": 1, "answers": {"role": "Analyst"}, "updated": "2999-01-01T00:00:00.000Z"},
            "ws:values-compass": {
                "v": 1,
                "answers": {"x": "from the phone"},
                "updated": "2999-01-01T00:00:00.000Z",
            },
            "progress": {
                "v": 1,
                "complete": {"modules/01-feel-it-first.md": "2999-01-01T00:00:00.000Z"},
                "last": None,
            },
        },
    )
    page.evaluate("(t) => { LMS.cmi.suspend_data = t; }", other)
    frame = course_frame(page)
    frame.locator(COMPANY).fill("Northwind Studios")
    frame.locator(COMPANY).blur()
    page.wait_for_function("(t) => LMS.cmi.suspend_data !== t", arg=other)
    # This page shows the other device's answer too.
    frame.wait_for_function("(sel) => document.querySelector(sel).value === 'Analyst'", arg=ROLE)
    # Then this learner empties an answer: no merge brings it back from the LMS's older copy.
    frame.locator(ROLE).fill("")
    frame.locator(ROLE).blur()
    page.wait_for_timeout(1500)
    kept = leave(page)
    records = lms_records(codec, kept["suspend_data"])
    assert records[WS_KEY]["answers"] == {"company": "Northwind Studios"}
    assert records["ws:values-compass"]["answers"] == {"x": "from the phone"}
    assert "modules/01-feel-it-first.md" in records["progress"]["complete"]


def test_three_way_merge_rules(lms, ctx):  # noqa: F811
    codec = codec_page(ctx, lms)

    def merged(base, local, remote, key=WS_KEY):
        """store.reconcile on three copies of one record (None: no record)."""
        return codec.evaluate(
            "([k, b, l, r]) => JSON.parse(JSON.stringify(BounceBack.store.reconcile(k, b, l, r)))",
            [key, base, local, remote],
        )

    def rec(answers, updated):
        """An answers record."""
        return {"v": 1, "answers": answers, "updated": updated}

    base = rec({"a": "1", "b": "1"}, "2026-01-01")
    # Only the other side changed: its copy; only this side: ours.
    assert merged(base, base, rec({"a": "2", "b": "1"}, "2026-01-02"))["answers"] == {"a": "2", "b": "1"}
    assert merged(base, rec({"b": "1"}, "2026-01-02"), base)["answers"] == {"b": "1"}
    # Both changed different names: both kept, and a name removed here stays removed.
    both = merged(base, rec({"b": "1", "c": "here"}, "2026-01-02"), rec({"a": "1", "b": "2"}, "2026-01-03"))
    assert both["answers"] == {"b": "2", "c": "here"}
    assert both["updated"] == "2026-01-03"
    # Both changed one name: the newer record wins; removed on one side, changed on the other: kept.
    assert (
        merged(base, rec({"a": "L", "b": "1"}, "2026-01-05"), rec({"a": "R", "b": "1"}, "2026-01-04"))[
            "answers"
        ]["a"]
        == "L"
    )
    assert merged(base, rec({"a": "L"}, "2026-01-02"), rec({"a": "1"}, "2026-01-03"))["answers"] == {"a": "L"}
    # A record cleared here while the other side changed it is kept; unchanged there, it stays cleared.
    assert merged(base, None, rec({"a": "9", "b": "1"}, "2026-01-03"))["answers"]["a"] == "9"
    assert merged(base, None, base) is None
