"""Every message and plan line, for every situation, filled and empty, reads as written words.

Each learner below stores answers through the page's storage (as the worksheets do),
then My plan gathers its steps and messages with the same code that draws them. The
checks are the rules of issue 21: no raw marks or ISO dates, no capital after a colon
mid-sentence, no label pasted before a learner's phrase, grammatical help phrases,
no message to a person the learner never named, the right message on each calendar
step, and no outside-candidate wording about an internal candidate's own employer.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.backup_helpers import put_all

PLAN = "plan/"
SITUATIONS = ["application", "screening", "interview", "final-round", "internal", "many-nos"]
LONG = (
    "A team that trains juniors and gives them real work with customers, not only tickets. "
    "Hybrid working, so I can see my family in the evenings and still feel part of the team. "
    "A manager who gives honest feedback early rather than at the yearly review, and who backs "
    "people when things go wrong. Work that helps patients or students in some visible way, "
    "and a company that publishes its pay bands so nobody has to guess."
)


def filled(situation: str) -> dict:
    """A realistic learner in `situation` ("many-nos": a final-round candidate with many no's lately)."""
    about = {"name": "Charles", "situation": "final-round" if situation == "many-nos" else situation}
    if situation == "many-nos":
        about["many-nos.yes"] = True
    return {
        "about-you": about,
        "interview-debrief": {
            "company": "Acme Logistics",
            "role": "Team Lead",
            "interviewer": "Priya Shah",
            "interview-date": "2026-11-26",
            "references-note": "Ask Dr Lee first next time, and send her the job advert.",
        },
        "feedback-request": {
            "contact-name": "Priya",
            "send-by": "2026-12-08",
            "question-1": "What could I have done differently in the final interview?",
            "question-2": "Was there an answer that didn't land well",
            "what-i-enjoyed": "Hearing how the team plans its releases",
        },
        "feedback-log": {
            "feedback-from": "Sam",
            "record-words": "I ran the student union help desk for two years, so I know customer questions.",
            "top-lesson": "Practise explaining my projects in plain words",
        },
        "support-map": {
            "what-i-want": LONG,
            "target-field": "Data roles in healthcare",
            "friend-name": "Thandi",
            "mentor-name": "Marcus",
            "first-contact": "Marcus",
            "contact-by": "2026-12-10",
        },
        "thirty-day-plan": {
            "goal": LONG,
            "start-date": "2027-01-15",
            "actions.0.action": "Call Dev about my CV",
            "actions.0.who-can-help": "Dev",
            "actions.0.when": "2026-12-12",
            "actions.1.action": "Send my CV to the careers service",
            "actions.1.who-can-help": "Thandi reads it first",
            "actions.1.when": "2026-12-14",
            "actions.2.action": "Apply for two roles",
            "actions.2.who-can-help": "me",
            "actions.2.when": "2026-12-16",
            "actions.3.action": "Ask for a mock interview",
            "actions.3.who-can-help": "James",
            "actions.3.when": "2026-12-18",
            "buddy": "Thandi",
            "review-date": "2027-02-12",
        },
        "skills-plan": {
            "gaps.0.skill-or-gap": "Presenting to executives",
            "gaps.0.how-i-ll-build-it": "Volunteer to present at the monthly team review. Then ask for notes",
            "gaps.0.start-by": "2026-12-20",
            "first-skill-step": "Sign up for the free SQL course",
            "document-fix": "Add numbers to my CV",
        },
        "thank-you-note": {
            "my-update": "I've just finished a short course in project budgeting.",
            "keep-in-touch": "hear-about-future-openings",
            "send-on": "2027-03-01",
        },
        "contacts-tracker": {"next-check-in": "2027-02-01"},
    }


def empty(situation: str) -> dict:
    """A learner who only said where it ended, and opened each worksheet without writing anything useful."""
    started = {"private-note": "x"}  # an answer no template reads: the worksheet counts as started
    data = {ws: dict(started) for ws in filled(situation)}
    data["about-you"] = {"situation": "final-round" if situation == "many-nos" else situation}
    return data


def gather(page, base_url: str, answers: dict) -> dict:
    """Store the answers, open My plan and return its steps and messages as My plan makes them."""
    page.goto(base_url + PLAN)
    put_all(page, {"ws:" + ws: {"v": 1, "answers": a} for ws, a in answers.items()})
    page.goto(base_url + PLAN)
    page.wait_for_function("() => !!(window.BounceBack && BounceBack.plan && BounceBack.plan.structure)")
    return page.evaluate(
        """() => { const data = BounceBack.plan.structure();
                   return {steps: BounceBack.plan.actions(data), messages: BounceBack.plan.messages(data),
                           shown: document.querySelector('.bb-plan[data-plan]').innerText}; }"""
    )


def texts(result: dict) -> list[str]:
    """Every text a person reads: step lines, their calendar notes, messages and the page."""
    out = [s["text"] for s in result["steps"]] + [s["note"] for s in result["steps"] if s["note"]]
    return out + [m["text"] for m in result["messages"]] + [result["shown"]]


def check_written(text: str, full: bool) -> None:
    """The rules every message and plan line keeps."""
    for mark in ("{", "}", "[[", "]]"):
        assert mark not in text, f"a raw mark {mark!r} in: {text}"
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), f"an ISO date in: {text}"
    assert not re.search(r"[a-z]: (?!I\b)[A-Z]", text), f"a capital after a colon mid-sentence in: {text}"
    assert not re.search(r"(building|Take my first skill step:) [A-Z][a-z]+ [a-z]", text), text
    assert "with help from" not in text and "reads it first's" not in text, text
    assert "'s's" not in text and "Logistics's" not in text and "me's" not in text, text
    assert ".," not in text and " ," not in text, f"stray punctuation in: {text}"
    if full:
        assert "____" not in text, f"a blank in a filled learner's text: {text}"


@pytest.mark.parametrize("situation", SITUATIONS)
@pytest.mark.parametrize("full", [True, False], ids=["filled", "empty"])
def test_every_message_and_plan_line_reads_as_written(page, base_url, situation, full):
    result = gather(page, base_url, filled(situation) if full else empty(situation))
    assert result["messages"] and (result["steps"] or not full)
    for text in texts(result):
        check_written(text, full)
    for step in result["steps"]:
        assert len(step["text"]) <= 200, f"a plan line pastes a whole answer: {step['text']}"
    # Nobody was named as a recruiter: no message to one is composed or carried.
    labels = [m["label"] for m in result["messages"]]
    assert not any("recruiter" in label.lower() for label in labels), labels
    if not full:
        assert not any(m["to"] == "" and m["id"].startswith("support-map") for m in result["messages"])
        return
    steps = {s["uid"]: s for s in result["steps"]}
    lines = [s["text"] for s in result["steps"]]
    assert "Call Dev about my CV" in lines, "Dev helps with a step that names Dev: said once"
    assert "Send my CV to the careers service, with Thandi's help" in lines
    assert "Apply for two roles" in lines and "Ask for a mock interview, with James's help" in lines
    assert "Volunteer to present at the monthly team review, to build “Presenting to executives”" in lines
    # Dates in the flagship's UK English: the plan's page and its steps, never ISO.
    assert "15 January" in result["shown"]
    if situation not in ("application", "internal"):
        assert "26 November" in " ".join(m["text"] for m in result["messages"])
    # Each calendar step carries the message it sends, and no other.
    start = steps["thirty-day-plan-start-date"]
    assert start["noteFor"] == "Thandi" and start["note"].startswith("Hi Thandi,"), start
    assert "send Thandi the note" in start["text"]
    assert not steps["thirty-day-plan-review-date"]["note"], "the buddy's note goes with the start"
    contact = steps["support-map-contact-by"]
    assert contact["note"].startswith("Dear Marcus,") and contact["noteFor"] == "Marcus", contact
    assert steps["feedback-request-send-by"]["note"].startswith("Hi Priya,")
    assert not any(s["note"] for s in result["steps"] if s["uid"].startswith("thirty-day-plan-actions"))
    everything = "\n".join(texts(result))
    # A learner's capitalised phrase inside a letter reads as their own words, with a small letter.
    assert "I really enjoyed hearing how the team plans its releases." in everything
    assert "I'm aiming for data roles in healthcare." in everything
    reply = next(m["text"] for m in result["messages"] if m["id"] == "feedback-log--record-message")
    assert reply.startswith("Hi Sam,"), "the calm reply thanks the person who gave the feedback"
    if situation == "internal":
        for outside in (
            "If a similar role comes up",
            "jobs page",
            "applied for",
            "We were last in touch",
            "still very interested in working with",
            "at Acme Logistics",
            "stay in touch with you and the team",
            "Acme Logistics news",
            "I wish you and the team all the best",
        ):
            assert outside not in everything, f"outside-candidate wording for an insider: {outside}"
        assert "internal vacancies" in everything
    else:
        assert "If a similar role comes up at Acme Logistics" in reply
        assert "Look at the jobs page and news of Acme Logistics" in lines


def test_a_us_date_reads_the_us_way(page, base_url):
    """The one formatter writes a center's US English the US way (the flagship is en-GB)."""
    page.goto(base_url + PLAN)
    page.wait_for_function("() => !!(window.BounceBack && BounceBack.messages)")
    got = page.evaluate(
        """() => { const s = BounceBack._strings || {}; const before = s.date_locale;
                   const uk = BounceBack.messages.formatDate('2026-11-26');
                   BounceBack._strings.date_locale = 'en-US';
                   const us = BounceBack.messages.formatDate('2026-11-26');
                   const usShort = BounceBack.messages.formatDate('2027-01-15', true);
                   BounceBack._strings.date_locale = before;
                   return [uk, us, usShort, BounceBack.messages.formatDate('2027-01-15', true)]; }"""
    )
    assert got == ["Thursday 26 November", "Thursday, November 26", "Fri, Jan 15, 2027", "Fri 15 Jan 2027"]
