"""Nothing a learner saved is lost: every export imports again; imports merge per answer, all or nothing."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.browser.backup_helpers import (
    EXPORT,
    FAIL_ONCE,
    IMPORT,
    QUOTA,
    answers_text,
    parsed,
    put_all,
    snapshot,
)
from tests.browser.test_store import REFUSE_SET_ASIDE
from tests.browser.test_ws_data import controls, import_file
from tests.browser.ws_helpers import PRIVACY_PAGE, accept_dialogs
from tests.conftest import ROOT, read_modules_whole

IMPORTED = "Your answers were imported."
NOTHING_CHANGED = "nothing was changed"

# What the course can write --------------------------------------------------------------------

LOWER = "abcdefghijklmnopqrstuvwxyz0123456789"
# An id as hooks/coursemodel/formats.py allows it (no length limit but the file name's, 255 bytes).
ids = st.lists(st.text(LOWER, min_size=1, max_size=60), min_size=1, max_size=5).map("-".join)
long_ids = st.integers(200, 251).map(lambda n: ("long-id-" * 40)[:n].strip("-"))
# A slug of option or item text: Latin letters lose accents, other scripts keep their letters.
slugs = st.lists(
    st.text(st.characters(categories=["Ll", "Lo", "Nd"]), min_size=1, max_size=12), min_size=1, max_size=4
).map("-".join)
# A page's src path: any character a file name may hold (spaces, accents, other scripts, %).
segment = st.text(
    st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="/"), min_size=1, max_size=24
).filter(lambda s: s not in (".", ".."))
page_paths = st.one_of(
    st.sampled_from(["modules/Día 1 — intro.md", "ввод/урок 2.md", "a b/c%20d.md", "模块/一.md", "x.md"]),
    st.lists(segment, min_size=0, max_size=3).flatmap(
        lambda dirs: segment.map(lambda name: "/".join([*dirs, name + ".md"]))
    ),
)
names = st.one_of(
    ids,
    long_ids,
    st.tuples(ids, st.integers(0, 49)).map(lambda p: f"{p[0]}.{p[1]}"),
    st.tuples(ids, st.integers(0, 49), slugs).map(lambda p: f"{p[0]}.{p[1]}.{p[2]}"),
    st.tuples(ids, slugs).map(lambda p: f"{p[0]}.{p[1]}"),
)
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=120)
values = st.one_of(text, st.just(True), st.lists(slugs, max_size=5))
stamps = st.one_of(st.none(), st.just("2026-03-14T09:30:00.000Z"))
records = st.fixed_dictionaries(
    {"v": st.just(1), "answers": st.dictionaries(names, values, max_size=6), "updated": stamps}
)
progress = st.fixed_dictionaries(
    {
        "v": st.just(1),
        "complete": st.dictionaries(page_paths, st.just("2026-03-14T09:30:00.000Z"), max_size=4),
        "last": st.one_of(st.none(), page_paths),
    }
)
record_keys = st.one_of(
    ids.map(lambda i: "ws:" + i), long_ids.map(lambda i: "ws:" + i), page_paths.map(lambda p: "cl:" + p)
)
set_aside = st.tuples(record_keys, st.integers(1_600_000_000_000, 1_900_000_000_000), text).map(
    lambda p: {f"corrupt:{p[0]}:{p[1]}": p[2]}
)
storages = st.tuples(
    st.dictionaries(record_keys, records, max_size=5),
    st.one_of(st.just({}), progress.map(lambda p: {"progress": p})),
    st.one_of(st.just({}), set_aside),
).map(lambda parts: {**parts[0], **parts[1], **parts[2]})


def round_trip(source, target, data: dict) -> tuple[dict, dict, dict]:
    """Store `data` in the source, export, import into the target; return both storages and the result."""
    source.evaluate("() => localStorage.clear()")
    target.evaluate("() => localStorage.clear()")
    put_all(source, data)
    text = source.evaluate(EXPORT)
    result = target.evaluate(IMPORT, text)
    return snapshot(source), snapshot(target), result


@pytest.fixture
def two_pages(browser, base_url):
    """A learner's browser and a fresh one (separate storage), each on the privacy page."""
    contexts = [browser.new_context(), browser.new_context()]
    for one in contexts:
        read_modules_whole(one)
    pages = [c.new_page() for c in contexts]
    errors: list[str] = []
    for p in pages:
        p.on("pageerror", lambda e: errors.append(str(e)))
        p.goto(base_url + PRIVACY_PAGE)
    yield pages
    for c in contexts:
        c.close()
    assert not errors


def test_whatever_the_course_stores_its_export_imports_again(two_pages):
    source, target = two_pages

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(storages)
    def check(data):
        before, after, result = round_trip(source, target, data)
        assert parsed(before) == parsed(
            {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()}
        )
        assert result["ok"], result
        assert parsed(after) == parsed(before)

    check()


def test_odd_page_paths_long_names_and_empty_records_round_trip(two_pages):
    """The cases the security test found: a space or an accent in a page path, long ids and names."""
    source, target = two_pages
    long_name = "a" * 250 + ".12." + "ä" * 40
    data = {
        "cl:modules/Día 1 — my notes.md": {"v": 1, "answers": {"i-named-it": True}, "updated": None},
        "cl:naïve folder/über page.md": {"v": 1, "answers": {"ввод-данных": True}},
        "ws:" + "w" * 251: {"v": 1, "answers": {long_name: "kept"}, "updated": "2026-01-01T00:00:00Z"},
        "ws:empty": {"v": 1, "answers": {}, "updated": None},
        "progress": {
            "v": 1,
            "complete": {"modules/Día 1 — my notes.md": "2026-01-01"},
            "last": "ввод/урок 2.md",
        },
        "corrupt:cl:modules/Día 1.md:1700000000000": 'not "json" \u0001 {',
    }
    before, after, result = round_trip(source, target, data)
    assert result["ok"], result
    assert (
        parsed(after)
        == parsed(before)
        == parsed({k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()})
    )


def test_a_wrong_shaped_stored_value_is_set_aside_and_the_export_still_imports(two_pages):
    source, target = two_pages
    good = {"v": 1, "answers": {"company": "Northwind"}, "updated": None}
    wrong = {
        "ws:list-not-map": {"v": 1, "answers": ["a", "b"]},
        "ws:nested": {"v": 1, "answers": {"a": {"nested": True}}},
        "ws:future": {"v": 7, "answers": {"a": "b"}},
        "cl:not-json.md": "{half a record",
        "progress": {"v": 1, "complete": ["modules/01-feel-it-first.md"]},
    }
    before, after, result = round_trip(source, target, {"ws:interview-debrief": good, **wrong})
    assert result["ok"], result
    # Each wrong value moved aside (raw, never lost), the good record exported as it was.
    assert set(before) == {"ws:interview-debrief"} | {
        k
        for k in before
        if re.fullmatch(r"corrupt:(ws:list-not-map|ws:nested|ws:future|cl:not-json\.md|progress):\d+", k)
    }
    assert len(before) == 1 + len(wrong)
    assert parsed(after) == parsed(before)
    originals = {
        k.rsplit(":", 1)[0][len("corrupt:") :]: v for k, v in before.items() if k.startswith("corrupt:")
    }
    assert originals["cl:not-json.md"] == "{half a record"
    assert json.loads(originals["ws:nested"]) == wrong["ws:nested"]


def test_a_value_that_cannot_be_set_aside_is_set_aside_in_the_file(browser, base_url, two_pages):
    """Storage refusing the set-aside copy: the record stays put and the file carries it set aside."""
    _source, target = two_pages
    context = browser.new_context()
    read_modules_whole(context)
    context.add_init_script(REFUSE_SET_ASIDE)
    page = context.new_page()
    page.goto(base_url + PRIVACY_PAGE)
    put_all(page, {"ws:odd": {"v": 1, "answers": 5}, "ws:fine": {"v": 1, "answers": {"a": "b"}}})
    text = page.evaluate(EXPORT)
    assert snapshot(page)["ws:odd"] == '{"v":1,"answers":5}'
    context.close()
    data = json.loads(text)["data"]
    (aside,) = [k for k in data if k.startswith("corrupt:")]
    assert re.fullmatch(r"corrupt:ws:odd:\d+", aside) and data[aside] == '{"v":1,"answers":5}'
    target.evaluate("() => localStorage.clear()")
    assert target.evaluate(IMPORT, text)["ok"]
    assert parsed(snapshot(target)) == {"ws:fine": {"v": 1, "answers": {"a": "b"}}, aside: data[aside]}


# Import semantics -------------------------------------------------------------------------------


def test_import_merges_answer_by_answer_as_the_dialog_says(page, base_url, tmp_path):
    page.goto(base_url + PRIVACY_PAGE)
    here = {
        "ws:interview-debrief": {
            "v": 1,
            "answers": {"company": "Here", "role": "Here too"},
            "updated": "2026-05-01T00:00:00.000Z",
        },
        "cl:modules/01-feel-it-first.md": {"v": 1, "answers": {"a": True}},
        "progress": {"v": 1, "complete": {"modules/01-feel-it-first.md": "2026-01-01"}, "last": "m1"},
    }
    put_all(page, here)
    from_file = {
        "ws:interview-debrief": {
            "v": 1,
            "answers": {"role": "From the file", "interviewer": "Priya"},
            "updated": "2026-04-01T00:00:00.000Z",
        },
        "cl:modules/01-feel-it-first.md": {
            "v": 1,
            "answers": {"b": True},
            "updated": "2026-06-01T00:00:00.000Z",
        },
        "progress": {"v": 1, "complete": {"modules/02-not-a-verdict.md": "2026-02-02"}, "last": "m2"},
    }
    path = tmp_path / "answers.json"
    path.write_text(answers_text(from_file), encoding="utf-8")
    seen = accept_dialogs(page)
    assert import_file(page, path) == IMPORTED
    assert "answers that are not in the file are kept" in seen[0]
    after = parsed(snapshot(page))
    assert after["ws:interview-debrief"] == {
        "v": 1,
        "answers": {"company": "Here", "role": "From the file", "interviewer": "Priya"},
        # The later of the two times the record changed.
        "updated": "2026-05-01T00:00:00.000Z",
    }
    assert after["cl:modules/01-feel-it-first.md"]["answers"] == {"a": True, "b": True}
    assert after["cl:modules/01-feel-it-first.md"]["updated"] == "2026-06-01T00:00:00.000Z"
    assert after["progress"] == {
        "v": 1,
        "complete": {
            "modules/01-feel-it-first.md": "2026-01-01",
            "modules/02-not-a-verdict.md": "2026-02-02",
        },
        "last": "m2",
    }


BEFORE_A_FAILED_IMPORT = {
    "ws:interview-debrief": {"v": 1, "answers": {"company": "Here"}, "updated": None},
    "ws:unreadable": "{not json",
    "corrupt:ws:old:1700000000000": "kept as it was",
}
FILE_OF_A_FAILED_IMPORT = {
    "ws:interview-debrief": {"v": 1, "answers": {"company": "From the file", "role": "New"}},
    "ws:unreadable": {"v": 1, "answers": {"a": "x" * 200}},
    "ws:new-one": {"v": 1, "answers": {"b": "y" * 2000}},
    "corrupt:ws:old:1700000000000": "replaced?",
}


@pytest.mark.parametrize("failure", ["quota", "exception"])
def test_an_import_that_storage_refuses_half_way_changes_nothing(page, base_url, tmp_path, failure):
    page.goto(base_url + PRIVACY_PAGE)
    put_all(page, BEFORE_A_FAILED_IMPORT)
    before = snapshot(page)
    if failure == "quota":
        # Room for the first records of the file, not for the 2000 characters of the third.
        page.evaluate(QUOTA, 600)
    else:
        # The set-aside copy and the first two writes go through, the next one throws.
        page.evaluate(FAIL_ONCE, 4)
    path = tmp_path / "answers.json"
    path.write_text(answers_text(FILE_OF_A_FAILED_IMPORT), encoding="utf-8")
    accept_dialogs(page)
    message = import_file(page, path)
    assert NOTHING_CHANGED in message
    assert controls(page).locator(".bb-status").get_attribute("data-result") == "error"
    assert snapshot(page) == before


def test_an_import_that_fits_is_written_whole(page, base_url):
    """The fake quota lets a file through when it fits, so the failures above are the quota's."""
    page.goto(base_url + PRIVACY_PAGE)
    put_all(page, BEFORE_A_FAILED_IMPORT)
    page.evaluate(QUOTA, 100_000)
    result = page.evaluate(IMPORT, answers_text(FILE_OF_A_FAILED_IMPORT))
    assert result["ok"], result
    after = parsed(snapshot(page))
    assert after["ws:interview-debrief"]["answers"] == {"company": "From the file", "role": "New"}
    assert after["ws:new-one"]["answers"] == {"b": "y" * 2000}
    assert after["corrupt:ws:old:1700000000000"] == "replaced?"
    # The unreadable record was set aside before the file's one went in.
    assert [v for k, v in after.items() if k.startswith("corrupt:ws:unreadable:")] == ["{not json"]


# The size limit ---------------------------------------------------------------------------------


def test_the_documented_size_limit_is_the_codes(page, base_url, tmp_path):
    page.goto(base_url + PRIVACY_PAGE)
    limit = page.evaluate("BounceBack.data.MAX_BYTES")
    architecture = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert f"`BounceBack.data.MAX_BYTES` = {limit} bytes" in architecture
    assert limit == 32 * 1024 * 1024
    put_all(page, {"ws:interview-debrief": {"v": 1, "answers": {"company": "Here"}}})
    before = snapshot(page)

    body = answers_text({"ws:interview-debrief": {"v": 1, "answers": {"company": "From the file"}}})
    at_limit = tmp_path / "at-limit.json"
    at_limit.write_bytes(body.encode() + b" " * (limit - len(body.encode())))
    over = tmp_path / "over.json"
    over.write_bytes(body.encode() + b" " * (limit + 1 - len(body.encode())))
    assert at_limit.stat().st_size == limit and over.stat().st_size == limit + 1

    accept_dialogs(page)
    assert "too big" in import_file(page, over)
    assert snapshot(page) == before
    assert import_file(page, at_limit) == IMPORTED
    assert parsed(snapshot(page))["ws:interview-debrief"]["answers"] == {"company": "From the file"}
