"""Messages and plan lines as a learner reads them: a realistic person, and nobody at all.

Golden outputs of every message for Amara (interviewed by Daniel Reyes at Lumen Health
for a data analyst role, final round) and with every answer empty; the one reply for each
situation in About you; then My plan, its Markdown and its calendar carry the same words.
Nothing a learner sees, copies or downloads holds a raw mark (`{…}`, `[[…]]`), an id-made hint or an ISO date.
"""

from __future__ import annotations

import datetime as dt
import re

import icalendar

from tests.conftest import read_modules_whole

# The page's clock: dates this year are written without their year.
NOW = dt.datetime(2026, 11, 16, 10, 0)

AMARA = {
    "about-you": {"name": "Amara", "situation": "final-round"},
    "interview-debrief": {
        "company": "Lumen Health",
        "role": "data analyst",
        "interviewer": "Daniel Reyes",
        "interview-date": "2026-11-13",
        "references-note": "Ask Dr Okafor first, and send her the job advert",
    },
    "thank-you-note": {
        "their-news": "the launch of your new patient app",
        "my-update": "I've just finished a short course in project budgeting",
        "keep-in-touch": "connect-online",
        "send-on": "2027-02-12",
    },
    "feedback-request": {
        "contact-name": "Daniel",
        "send-by": "2026-11-18",
        "question-1": "Which skill would have made my application stronger?",
        "question-2": "Was there an answer that didn't land well",
        "what-i-enjoyed": "hearing how the team plans its releases",
    },
    "feedback-log": {
        "record-straight": "They said I lacked customer experience. Note to self: mention the help desk!",
        "record-words": "I ran the student union help desk for two years",
        "top-lesson": "Practise explaining my projects in plain words",
    },
    "support-map": {
        "what-i-want": "a team that trains juniors and hybrid working",
        "target-field": "data roles in healthcare",
        "friend-name": "Jo",
        "mentor-name": "Dr Okafor",
        "recruiter-name": "Sam Patel",
        "first-contact": "Jo",
        "contact-by": "2026-11-25",
    },
    "thirty-day-plan": {
        "goal": "I've sent eight tailored applications and had two coffee chats",
        "start-date": "2026-11-23",
        "buddy": "Jo",
        "review-date": "2026-12-21",
        "actions.0.action": "Send two tailored applications",
        "actions.0.who-can-help": "my career adviser",
        "actions.0.when": "2026-11-27",
    },
    "contacts-tracker": {
        "contacts.0.name": "Daniel Reyes",
        "contacts.0.company-and-job": "Lumen Health, analytics lead",
        "contacts.0.last-contact": "2026-11-13",
        "contacts.0.next-check-in": "2027-02-15",
        "next-check-in": "2027-01-08",
    },
    "skills-plan": {
        "gaps.0.skill-or-gap": "SQL",
        "gaps.0.how-i-ll-build-it": "take the free online course, two evenings a week",
        "gaps.0.start-by": "2026-11-30",
        "first-skill-step": "sign up for the SQL course",
        "document-fix": "add results to my CV",
        "mock-date": "2026-12-03",
    },
    "feelings-check-in": {"feel-until": "2026-11-22", "first-small-step": "read module 2"},
}

# What must never reach a learner: a raw mark, a hint made from an id, an ISO date.
RAW = re.compile(r"\{|\}|\[\[|\]\]|\[[a-z0-9]+(?:[ -][a-z0-9]+)*\]|\b\d{4}-\d{2}-\d{2}\b")


def seed(page, base_url: str, answers: dict) -> None:
    """Open the course at a fixed time and store `answers` ({worksheet: {name: value}}) as saved."""
    page.clock.set_fixed_time(NOW)
    page.goto(base_url)
    page.wait_for_function("() => !!(window.BounceBack && window.BounceBack.store)")
    page.evaluate(
        """(all) => { const s = window.BounceBack.store;
             for (const id of Object.keys(all)) s.write(s.keys.worksheet(id), {answers: all[id]}); }""",
        answers,
    )


def previews(page, base_url: str) -> dict[str, str]:
    """Every message preview of every worksheet page, as the learner reads it: {ws--field: text}."""
    out = {}
    ids = page.evaluate("Object.keys(window.BounceBack.course.worksheets)")
    for ws_id in ids:
        page.goto(base_url + f"worksheets/{ws_id}/")
        boxes = page.locator(f'form[data-worksheet="{ws_id}"] .bb-message')
        for i in range(boxes.count()):
            box = boxes.nth(i)
            # Filled by messages.js: the build's version has labelled writing lines instead.
            box.locator(".bb-message__preview .bb-blank").wait_for(state="detached")
            out[f"{ws_id}--{box.get_attribute('data-field')}"] = box.locator(
                ".bb-message__preview"
            ).inner_text()
    return out


# Every message as Amara reads it (checked by eye: warm, plain, nothing invented).
GOLDEN_AMARA = {
    "feedback-request--request-message": "Hi Daniel,\n"
    "\n"
    "Thank you for letting me know about the data analyst role, "
    "and for the time you and the team gave me on Friday 13 November. "
    "I really enjoyed hearing how the team plans its releases.\n"
    "\n"
    "Reaching the final round meant a lot to me, and I'd like to learn "
    "from it, so that I can be a stronger candidate next time.\n"
    "\n"
    "Could I ask two questions?\n"
    "\n"
    "1. Which skill would have made my application stronger?\n"
    "2. Was there an answer that didn't land well?\n"
    "\n"
    "I know you're busy, so even a line or two would help. If the role "
    "opens up again, or a similar one comes up, I'd love to be considered. "
    "I'd be glad to stay in touch with you and the team at Lumen Health.\n"
    "\n"
    "Kind regards,\n"
    "Amara",
    "feedback-log--record-message": "Hi Daniel,\n"
    "\n"
    "Thank you for your feedback. I know it takes time to write, and "
    "it really helps.\n"
    "\n"
    "I'd like to add one thing, as I don't think I showed it well in "
    "the interview. I ran the student union help desk for two years. "
    "I'll make sure to bring this out more clearly next time.\n"
    "\n"
    "If a similar role comes up at Lumen Health, I'd love to be "
    "considered.\n"
    "\n"
    "Best wishes,\n"
    "Amara",
    "thank-you-note--note": "Hi Daniel,\n"
    "\n"
    "I hope you and the team are well. Congratulations on the launch of your "
    "new patient app.\n"
    "\n"
    "We were last in touch about the data analyst role at Lumen Health. A "
    "short update from me: I've just finished a short course in project "
    "budgeting.\n"
    "\n"
    "I'd like to stay in touch. May I connect with you online? I wish you and "
    "the team all the best.\n"
    "\n"
    "Kind regards,\n"
    "Amara",
    "support-map--friend-message": "Hi Jo,\n"
    "\n"
    "Quick update: I didn't get the data analyst job at Lumen Health. "
    "I'm disappointed, but it helped me see what I want next: a team that "
    "trains juniors and hybrid working.\n"
    "\n"
    "Do you know anyone who works in data roles in healthcare? I'd "
    "love a short, informal chat to learn about their work. If you're "
    "happy to introduce us, I'd be really grateful.\n"
    "\n"
    "Thank you for always being on my side.\n"
    "Amara",
    "support-map--mentor-message": "Dear Dr Okafor,\n"
    "\n"
    "I recently reached the final round for the data analyst role at "
    "Lumen Health, but I wasn't chosen. I'd like an honest outside "
    "view to help me improve.\n"
    "\n"
    "Could I ask for 20 minutes of your time in the next few weeks, for one "
    "thing: your honest view of how my CV comes across? I'm aiming for data "
    "roles in healthcare. A short call would mean a lot.\n"
    "\n"
    "Many thanks,\n"
    "Amara",
    "support-map--recruiter-message": "Hi Sam Patel,\n"
    "\n"
    "I'm looking for my next role, aiming for data roles in "
    "healthcare. I recently reached the final round for the data "
    "analyst role at Lumen Health.\n"
    "\n"
    "What matters to me: a team that trains juniors and hybrid "
    "working.\n"
    "\n"
    "Could we have a quick call about roles you're working on, and "
    "anything you'd change in how I present myself?\n"
    "\n"
    "Best regards,\n"
    "Amara",
    "thirty-day-plan--share-plan": "Hi Jo,\n"
    "\n"
    "I've made a plan for the next month after the Lumen Health news. "
    "My goal: I've sent eight tailored applications and had two coffee "
    "chats.\n"
    "\n"
    "Could you check in with me around Monday 21 December to see how "
    "it's going? It would help me stay on track.\n"
    "\n"
    "Thank you!\n"
    "Amara",
}

# Every message with nothing filled in: fallbacks and left-out blocks, never a blank or a hint.
GOLDEN_EMPTY = {
    "feedback-request--request-message": "Hi there,\n"
    "\n"
    "Thank you for letting me know about the role, and for the time you and the team "
    "gave me.\n"
    "\n"
    "I'd like to learn from the process, and to know what would make me a stronger "
    "candidate next time.\n"
    "\n"
    "Could I ask: what could I have done better?\n"
    "\n"
    "I know you're busy, so even a line or two would help. I'd be glad to stay in touch.\n"
    "\n"
    "Kind regards,",
    "feedback-log--record-message": "Hi there,\n"
    "\n"
    "Thank you for your feedback. I know it takes time to write, and it really helps.\n"
    "\n"
    "Best wishes,",
    "thank-you-note--note": "Hi there,\n"
    "\n"
    "I hope you and the team are well.\n"
    "\n"
    "We were last in touch about a role in your team.\n"
    "\n"
    "There's no need to reply. I wish you and the team all the best.\n"
    "\n"
    "Kind regards,",
    "support-map--friend-message": "Hi there,\n"
    "\n"
    "Quick update: I didn't get the job. I'm disappointed, but it helped me see what "
    "I want next.\n"
    "\n"
    "Do you know anyone who works in the kind of job I'm after? I'd love a short, "
    "informal chat to learn about their work. If you're happy to introduce us, I'd be"
    " really grateful.\n"
    "\n"
    "Thank you for always being on my side.",
    "support-map--mentor-message": "Hello,\n"
    "\n"
    "I was recently turned down for a job I wanted. I'd like an honest outside"
    " view to help me improve.\n"
    "\n"
    "Could I ask for 20 minutes of your time in the next few weeks, for one thing: your"
    " honest view of how my CV comes across? A short call would mean a lot.\n"
    "\n"
    "Many thanks,",
    "support-map--recruiter-message": "Hi there,\n"
    "\n"
    "I'm looking for my next role.\n"
    "\n"
    "Could we have a quick call about roles you're working on, and anything you'd "
    "change in how I present myself?\n"
    "\n"
    "Best regards,",
    "thirty-day-plan--share-plan": "Hi there,\n"
    "\n"
    "I've made a plan for the next month.\n"
    "\n"
    "Could you check in with me in a few weeks to see how it's going? It would help "
    "me stay on track.\n"
    "\n"
    "Thank you!",
}

# My plan's next steps for Amara, dated ones first (the page's clock is NOW).
GOLDEN_STEPS = [
    "Wed 18 Nov — Send my one reply (thanks and a feedback question) to Daniel at Lumen Health (from "
    "Feedback request composer)",
    "Sun 22 Nov — Take one small step forward: read module 2. (from Feelings check-in)",
    "Mon 23 Nov — Start my 30-day plan and send Jo the note asking them to check in (from My next 30 days)",
    "Wed 25 Nov — Get in touch with Jo (from Support map)",
    "Fri 27 Nov — Send two tailored applications, with my career adviser's help (from My next 30 days)",
    "Mon 30 Nov — Take the free online course, two evenings a week, to build SQL (from Skills-gap plan)",
    "Thu 3 Dec — Do a practice interview out loud (from Skills-gap plan)",
    "Mon 21 Dec — Look back at my 30-day plan with Jo (from My next 30 days)",
    "Fri 8 Jan 2027 — Look at the jobs page and news of Lumen Health (from Contacts tracker)",
    "Fri 12 Feb 2027 — Send a short check-in to Daniel Reyes at Lumen Health (from Later check-in composer)",
    "Mon 15 Feb 2027 — Check in with Daniel Reyes (Lumen Health, analytics lead) (from Contacts tracker)",
    # A learner's capitalised sentence after a colon is quoted as theirs, never pasted with its capital.
    "Get my references ready: “Ask Dr Okafor first, and send her the job advert.” (from Interview debrief)",
    "Work on my top lesson: “Practise explaining my projects in plain words.” (from Feedback log)",
    "Take my first skill step: sign up for the SQL course. (from Skills-gap plan)",
    "Fix one thing in my CV or letters: add results to my CV. (from Skills-gap plan)",
]


def assert_clean(text: str, where: str) -> None:
    """No raw mark, id-made hint or ISO date in text a learner reads."""
    found = RAW.search(text)
    assert not found, f"{where}: {found.group(0)!r} in {text!r}"


def test_every_message_for_a_realistic_person(page, base_url):
    seed(page, base_url, AMARA)
    shown = previews(page, base_url)
    assert shown == GOLDEN_AMARA
    for key, text in shown.items():
        assert_clean(text, key)
    # The note to self never reaches the employer; the learner's words for them do.
    assert "Note to self" not in shown["feedback-log--record-message"]


def test_every_message_with_nothing_filled_in(page, base_url):
    seed(page, base_url, {})
    shown = previews(page, base_url)
    assert shown == GOLDEN_EMPTY
    for key, text in shown.items():
        assert_clean(text, key)


def message_on(page, base_url: str, ws_id: str, field: str) -> str:
    """The preview of one message on its worksheet's own page, once messages.js has filled it."""
    page.goto(base_url + f"worksheets/{ws_id}/")
    preview = page.locator(f'.bb-message[data-field="{field}"] .bb-message__preview')
    preview.locator(".bb-blank").wait_for(state="detached")
    return preview.inner_text()


def test_the_later_check_in_follows_the_closing_choice_and_never_thanks_again(page, base_url):
    for choice, has, lacks in [
        ("just-leave-a-good-last-word", "There's no need to reply.", ["connect", "still very interested"]),
        ("hear-about-future-openings", "If a role opens up", ["connect with you online"]),
        ("connect-online", "May I connect with you online?", ["no need to reply", "role opens up"]),
    ]:
        seed(
            page, base_url, {**AMARA, "thank-you-note": {**AMARA["thank-you-note"], "keep-in-touch": choice}}
        )
        text = message_on(page, base_url, "thank-you-note", "note")
        assert has in text, (choice, text)
        assert not [word for word in lacks if word in text], (choice, text)
        # The one reply already said thanks and asked for feedback: the check-in does neither.
        assert "thank" not in text.lower() and "feedback" not in text.lower(), text


def test_the_later_check_in_greets_as_the_reply_did_and_fits_the_cv_stage(page, base_url):
    """Same first-name greeting as the one reply; no 'we were last in touch' after a CV-stage no."""
    seed(page, base_url, {**AMARA, "about-you": {"name": "Amara", "situation": "application"}})
    text = message_on(page, base_url, "thank-you-note", "note")
    assert text.startswith("Hi Daniel,"), text
    assert "A while ago I applied for the data analyst role at Lumen Health." in text, text
    assert "last in touch" not in text and "Dear" not in text, text


# What the one reply says, and must not say, for each answer to About you's "Where did it end?".
REPLY_BY_SITUATION = {
    "application": (
        ["for considering my application.", "make my application stand out", "stay in touch"],
        ["the time you and the team gave me", "final round", "half an hour", "consider me", "be considered"],
    ),
    "screening": (
        ["the time you and the team gave me on Friday 13 November.", "a stronger candidate"],
        ["final round", "my application stand out", "half an hour", "consider me", "be considered"],
    ),
    "interview": (
        ["the time you and the team gave me on Friday 13 November.", "a stronger candidate"],
        ["final round", "half an hour", "opens up again"],
    ),
    "final-round": (
        ["Reaching the final round meant a lot", "If the role opens up again, or a similar one comes up"],
        ["made the difference", "half an hour", "please do consider me"],
    ),
    "internal": (
        ["and for considering me.", "a stronger choice next time", "half an hour"],
        ["stay in touch", "the time you and the team gave me", "final round"],
    ),
}


def test_the_one_reply_follows_where_it_ended(page, base_url):
    for situation, (has, lacks) in REPLY_BY_SITUATION.items():
        seed(page, base_url, {**AMARA, "about-you": {"name": "Amara", "situation": situation}})
        text = message_on(page, base_url, "feedback-request", "request-message")
        assert not [words for words in has if words not in text], (situation, text)
        assert not [words for words in lacks if words in text], (situation, text)
        assert_clean(text, situation)


def test_plan_markdown_and_calendar_speak_in_actions(page, base_url, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    seed(page, base_url, AMARA)
    page.goto(base_url + "plan/")
    page.locator(".bb-plan-message").first.wait_for()
    steps = [s.inner_text() for s in page.locator(".bb-plan-step").all()]
    assert steps == GOLDEN_STEPS
    plan_text = page.locator(".bb-plan").inner_text()
    assert_clean(plan_text, "My plan")
    # Every finished message is on My plan, with its own Copy button.
    boxes = page.locator(".bb-plan-message")
    assert boxes.count() == len(GOLDEN_AMARA)
    thanks = page.locator('[data-plan-message="thank-you-note--note"]')
    assert thanks.locator("pre").inner_text() == GOLDEN_AMARA["thank-you-note--note"]
    thanks.get_by_role("button", name="Copy").click()
    thanks.get_by_text("Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == GOLDEN_AMARA["thank-you-note--note"]

    with page.expect_download() as download:
        page.get_by_role("button", name="Download as Markdown").click()
    markdown = open(download.value.path(), encoding="utf-8").read()
    assert "- **Fri 12 Feb 2027** — Send a short check-in to Daniel Reyes at Lumen Health" in markdown
    assert "## My messages" in markdown and "We were last in touch about the data analyst role" in markdown
    assert_clean(markdown.replace(r"\[", "").replace(r"\]", ""), "Markdown")

    with page.expect_download() as download:
        page.get_by_role("button", name="Add dates to my calendar (.ics)").click()
    events = {
        str(e["SUMMARY"]): e
        for e in icalendar.Calendar.from_ical(open(download.value.path(), "rb").read()).walk("VEVENT")
    }
    assert set(events) == {
        step.split(" — ", 1)[1].rsplit(" (from ", 1)[0] for step in GOLDEN_STEPS if " — " in step
    }
    send = events["Send a short check-in to Daniel Reyes at Lumen Health"]
    assert send["DTSTART"].dt == dt.date(2027, 2, 12)
    # The step that sends the check-in carries it, ready to copy.
    assert str(send["DESCRIPTION"]).startswith(
        "Your message, ready to copy and send:\n\n" + GOLDEN_AMARA["thank-you-note--note"]
    )
    for event in events.values():
        assert_clean(str(event["SUMMARY"]) + str(event["DESCRIPTION"]), "calendar")


def test_an_empty_plan_holds_no_raw_marks(page, base_url):
    seed(page, base_url, {"thank-you-note": {"send-on": "2026-11-20"}})
    page.goto(base_url + "plan/")
    page.locator(".bb-plan-step").first.wait_for()
    assert page.locator(".bb-plan-step").first.inner_text() == (
        "Fri 20 Nov — Send a short check-in to my interviewer (from Later check-in composer)"
    )
    assert_clean(page.locator(".bb-plan").inner_text(), "My plan")
    assert (
        page.locator('[data-plan-message="thank-you-note--note"] pre').inner_text()
        == GOLDEN_EMPTY["thank-you-note--note"]
    )


def test_my_plan_with_every_message_fits_a_phone(browser, base_url):
    """Finished messages wrap on My plan: a 390 px phone never scrolls sideways."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    read_modules_whole(context)
    page = context.new_page()
    seed(page, base_url, AMARA)
    page.goto(base_url + "plan/")
    page.locator("[data-plan-message] pre").first.wait_for()
    width = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    context.close()
    assert width[0] <= width[1], f"My plan is {width[0]} px wide on a {width[1]} px phone"


# The support map's and feedback log's messages, per situation: (worksheet, message, has, lacks).
OTHERS_BY_SITUATION = {
    "application": [
        ("support-map", "recruiter-message", ["recently applied for the data analyst role"], ["final round"]),
        ("feedback-log", "record-message", ["showed it well in my application."], ["interview"]),
    ],
    "screening": [
        ("support-map", "mentor-message", ["had a screening call for the data analyst role"], ["applied"]),
        ("feedback-log", "record-message", ["showed it well on our call."], ["interview"]),
    ],
    "internal": [
        ("support-map", "mentor-message", ["passed over for the data analyst role at work"], ["applied for"]),
        ("support-map", "recruiter-message", ["looking for my next role"], ["applied for", "Lumen Health"]),
        ("feedback-log", "record-message", ["what would make me ready"], ["similar role comes up"]),
    ],
}


def test_the_other_messages_follow_where_it_ended_too(page, base_url):
    for situation, expected in OTHERS_BY_SITUATION.items():
        seed(page, base_url, {**AMARA, "about-you": {"name": "Amara", "situation": situation}})
        for ws_id, field, has, lacks in expected:
            text = message_on(page, base_url, ws_id, field)
            assert not [words for words in has if words not in text], (situation, text)
            assert not [words for words in lacks if words in text], (situation, text)
            assert_clean(text, situation)


def test_without_a_role_the_mentor_hears_what_happened_in_plain_words(page, base_url):
    debrief = {k: v for k, v in AMARA["interview-debrief"].items() if k != "role"}
    for situation, sentence in [
        ("internal", "I was recently passed over for a promotion at work."),
        ("interview", "I was recently turned down for a job I wanted."),
    ]:
        seed(page, base_url, {**AMARA, "interview-debrief": debrief, "about-you": {"situation": situation}})
        text = message_on(page, base_url, "support-map", "mentor-message")
        assert sentence in text and " the  role" not in text and "the role" not in text, text
        recruiter = message_on(page, base_url, "support-map", "recruiter-message")
        assert "I recently" not in recruiter, recruiter
