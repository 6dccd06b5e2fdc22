"""The third edition: a coach's corrections and additions (issue 23).

No contradiction or overclaim the coach found comes back; each topic a coach would add is
there, for the learners it is meant for (checked through the path blocks, as each learner
sees the page); the messages and the facilitator kit say what the coach asked.
"""

from __future__ import annotations

import re

import pytest
from coursemodel.errors import split_front_matter
from coursemodel.paths import find_paths

from tests.conftest import ROOT
from tests.test_minutes import NAMES, seen_by

FLAG = "many-nos"  # the flagship's flag (role: flag in worksheets/about-you.yml)

DOCS = ROOT / "docs"
MODULES = {p.name[:2]: p for p in sorted((DOCS / "modules").glob("[0-9][0-9]-*.md"))}
WORKSHEETS = ROOT / "worksheets"
# Every page a learner or a member of staff reads, and the worksheets and strings they show.
PAGES = (
    sorted(DOCS.rglob("*.md"))
    + sorted(WORKSHEETS.glob("*.yml"))
    + [ROOT / "hooks/coursemodel/strings/en.json", ROOT / "strings/en.json"]
)


def text(path) -> str:
    """A file's text."""
    return path.read_text(encoding="utf-8")


def module(number: str) -> str:
    """One module's Markdown body."""
    return split_front_matter(text(MODULES[number]))[1]


def as_seen(number: str, situation: str, many_nos: bool = False) -> str:
    """A module as one learner sees it: their situation's blocks kept, the others' blocks gone."""
    body = module(number)
    return seen_by(body, situation, many_nos, f"docs/modules/{MODULES[number].name}")


def only_for(number: str, phrase: str) -> set[str]:
    """The situations whose view of a module contains `phrase` (many-nos as its own name)."""
    found = {name for name in NAMES if name != FLAG and phrase in as_seen(number, name)}
    if phrase in as_seen(number, "", many_nos=True):
        found.add(FLAG)
    return found


def prose(path) -> str:
    """A page's words outside code: no fenced blocks, no `code` spans."""
    body = re.sub(r"```.*?```", " ", text(path), flags=re.S)
    return re.sub(r"`[^`\n]*`", " ", body)


# --- Contradictions and overclaims ------------------------------------------------------------

GONE = [
    ("04", "Every time."),
    ("04", "every time you get a no"),
    ("04", "even at the CV stage"),
    ("07", "Every no carries a lesson"),
    ("08", "what you take from each no"),
    ("05", "you will be a stronger candidate"),
    ("02", "got closer"),
    ("02", "idiot"),
]


@pytest.mark.parametrize("number, phrase", GONE, ids=lambda v: str(v)[:30])
def test_no_contradiction_or_overclaim_comes_back(number: str, phrase: str):
    page = text(MODULES[number])
    assert phrase.lower() not in page.lower(), f"{MODULES[number].name}: {phrase!r}"


def test_the_thought_trap_and_the_worksheet_use_the_same_word():
    assert '"They thought I was a fool."' in module("02")
    assert "They thought I was a fool" in text(WORKSHEETS / "control-sort.yml")


def test_only_the_debrief_asks_for_what_went_well():
    """Module 2 collects evidence of what you do well; Module 3 lists what went well."""
    assert "what went well" not in module("02").lower()
    assert "In [#](02-not-a-verdict.md) you wrote what getting this far says about you" in module("03")


def test_the_many_nos_advice_does_not_contradict_itself():
    seen = as_seen("04", "", many_nos=True)
    assert "you do not need to chase every one" in seen
    assert "An automatic email that nobody signed is different" in seen
    assert not re.search(r"every (time|no)\b", seen, re.I)


def test_the_time_limit_and_the_one_reply_agree():
    """A few days to feel low, and a reply within two days: the lessons say how both fit."""
    assert "The time limit is for the hurt, not for the one reply." in module("01")
    assert "you can send it while you still feel low" in module("01")
    # The composer needs Module 3's names: Module 1 and Module 4 say to type them in first.
    assert "type the company, the role and their name into the top of the [debrief]" in module("01")
    assert "fill in those three details in the debrief first" in module("04")


# --- Internal candidates ------------------------------------------------------------------------


def test_internal_candidates_are_not_pushed_outside():
    seen = as_seen("05", "internal")
    assert "keep other applications going" not in seen.lower()
    assert "you don't need to rush outside" in seen
    assert "keep other applications going" in as_seen("05", "interview").lower()
    checklist = "\n".join(re.findall(r"^- \[ \] .*$", module("05"), re.M))
    assert "other application" not in checklist, "a checklist item is seen on every path"


def test_internal_candidates_are_sent_to_hr_a_grievance_process_or_a_union():
    seen = as_seen("02", "internal")
    for route in ("HR", "grievance", "union"):
        assert route in seen
    assert only_for("02", "grievance policy") == {"internal"}


@pytest.mark.parametrize(
    "number, phrase",
    [
        ("03", "Find out who really decides"),
        ("03", "A sponsor helps here"),
        ("03", "Every workplace has its politics"),
        ("03", "Work beside the person who got it"),
        ("07", "Stay, grow or go?"),
        ("06", "A sponsor is a senior person"),
    ],
)
def test_internal_topics_are_on_the_internal_path_only(number: str, phrase: str):
    assert only_for(number, phrase) == {"internal"}, f"{MODULES[number].name}: {phrase!r}"


# --- Per-situation fit and the missing topics -------------------------------------------------


@pytest.mark.parametrize(
    "number, phrase, situations",
    [
        ("01", "your first real action is not a reply", {"application"}),
        ("03", "looks for the words and skills in the advert", {"application"}),
        ("03", "**Your notice period.**", {"screening"}),
        ("03", "**Pay.** Look up what similar roles pay", {"screening"}),
        ("03", "Count three numbers", {FLAG}),
        ("07", "**Count the stages.**", {FLAG}),
        ("04", "This is often called being ghosted", {"screening", "interview", "final-round"}),
        ("05", "## Thank your referees", {"screening", "interview", "final-round", "internal"}),
        ("05", "## If they offer you a different role", {"screening", "interview", "final-round"}),
    ],
)
def test_each_situation_gets_its_own_advice(number: str, phrase: str, situations: set[str]):
    assert only_for(number, phrase) == situations, f"{MODULES[number].name}: {phrase!r}"


@pytest.mark.parametrize(
    "number, phrases",
    [
        ("04", ["subject access request", "data protection", "differ from country to country"]),
        ("07", ["software", "the skills and words in the advert"]),
        ("04", ["automatic email that nobody signed"]),
    ],
)
def test_topics_every_learner_sees(number: str, phrases: list[str]):
    for situation in [name for name in NAMES if name != FLAG]:
        seen = as_seen(number, situation)
        for phrase in phrases:
            assert phrase in seen, f"{MODULES[number].name} ({situation}): {phrase!r}"


def test_path_blocks_are_used_not_duplicated_pages():
    """The new advice lives in path blocks of the existing modules: still eight files."""
    assert len(MODULES) == 8
    assert sum(len(find_paths(module(n), f"docs/modules/{p.name}", NAMES)) for n, p in MODULES.items()) >= 30


# --- Messages ---------------------------------------------------------------------------------


def test_the_final_round_reply_asks_about_the_learner_and_to_be_considered_again():
    source = text(WORKSHEETS / "feedback-request.yml")
    assert "made the difference" not in source
    assert "If the role opens up again, or a similar one comes up, I'd love to be considered." in source
    interview = "[[if about-you.situation = interview]] If a similar role comes up, please do consider me."
    assert interview in source


def test_the_check_in_greets_like_the_reply_and_fits_the_cv_stage():
    source = text(WORKSHEETS / "thank-you-note.yml")
    reply = text(WORKSHEETS / "feedback-request.yml")
    assert "Dear" not in source
    fallback = "[[else]]{interview-debrief.interviewer|there}[[end]],"
    assert "Hi [[if contact-name]]{contact-name}" + fallback in reply
    assert "Hi [[if feedback-request.contact-name]]{feedback-request.contact-name}" + fallback in source
    cv_stage = "[[if about-you.situation = application]]A while ago I applied for [[else]]We were last"
    assert cv_stage in source


def test_the_mentor_message_asks_for_something_small():
    source = text(WORKSHEETS / "support-map.yml")
    assert "practice interview" not in source and "Half an hour" not in source
    assert "20 minutes of your time" in source and "for one thing" in source


# --- Facilitator kit --------------------------------------------------------------------------


def test_the_facilitator_kit_has_a_sample_reply_and_crisis_steps():
    script = text(DOCS / "facilitators" / "script.md")
    sample = script[script.index("### A sample reply to show the group") :]
    assert "> Hi Priya," in sample and "Could I ask" in sample and "stay in touch" in sample
    feelings = text(DOCS / "facilitators" / "strong-feelings.md")
    steps = feelings[feelings.index("## If someone may be at risk") :]
    assert len(re.findall(r"^\d\. \*\*", steps, re.M)) >= 6, "numbered steps"
    for must in ("Ask directly", "emergency number", "116 123", "988", "safeguarding lead"):
        assert must in steps
    assert "strong-feelings.md#if-someone-may-be-at-risk" in script


def test_the_90_minute_plan_gives_practice_and_actions_real_time():
    plan = text(DOCS / "facilitators" / "workshop-90.md")
    assert "two weeks" not in plan and "after a week" in plan
    assert "- 5 minutes in pairs: one of the [practice situations]" in plan
    assert re.search(r"- 10 minutes alone: .*choose five actions", plan)
    assert "sample reply" in plan


# --- One spelling, one term -------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_one_spelling_and_one_term(path):
    words = prose(path)
    assert not re.search(r"(?<![-/\w])career centers?\b", words, re.I), "career centre, in UK spelling"
    assert not re.search(r"\bcareer adviser", words, re.I), "the term is 'careers adviser'"
