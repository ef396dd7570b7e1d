"""Candidate message content as data: what it says, what it never says, escaping, the .ics."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from plugin.domain import candidate_text as say
from plugin.domain.candidate_messages import (
    Attendee,
    CandidateFacts,
    build_content,
    candidate_facts,
    email_html,
    email_text,
    invitation,
    invitation_uid,
)
from plugin.domain.handoff import Handoff, Person, ScreeningNotes
from plugin.slack.blocks.candidate import OPT_OUT, candidate_blocks

START = datetime(2026, 12, 8, 14, 0, tzinfo=UTC)  # 15:00 in Berlin
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SECRETS = ("SECRET-STRENGTH", "SECRET-CONCERN", "SECRET-NOTES")


def handoff(**changes) -> Handoff:
    base = Handoff(
        id="h1",
        team_id="T1",
        recruiter_id="UREC",
        hiring_manager_id="UHM",
        candidate_name="Jane Doe",
        role_title="Software engineer",
        notes=ScreeningNotes(
            recommendation="lean_yes",
            strengths="SECRET-STRENGTH",
            concerns="SECRET-CONCERN",
            shared_feedback="Go deeper on trade-offs.",
            recruiter_notes="SECRET-NOTES",
        ),
        created_at=NOW.isoformat(),
        interviewer_ids=("UINT1",),
        candidate_email="jane@example.com",
        interview_start=START.isoformat(),
        location="https://meet.example.com/abc",
        schedule_version=3,
    )
    return replace(base, **changes)


def facts(**changes) -> CandidateFacts:
    made = candidate_facts(
        handoff(),
        tz="Europe/Berlin",
        people=[
            Person("UHM", "Hank Manager", title="Head of Platform"),
            Person("UINT1", "Ivy Interviewer"),
        ],
        recruiter=Person("UREC", "Rita Recruiter", email="rita@example.com"),
        competency_names=["Problem solving", "Ownership"],
    )
    return replace(made, **changes)


def rendered(content) -> str:
    blocks = candidate_blocks(content, handoff_id="h1", offer_opt_out=True)
    return "\n".join(
        [email_text(content, "https://x/o?t=1"), email_html(content), json.dumps(blocks)]
    )


@pytest.mark.parametrize("kind", ["confirmation", "updated", "reminder", "cancelled"])
def test_nothing_from_the_screen_but_the_shared_feedback_gets_through(kind):
    content = build_content(kind, facts(), NOW, prep=True, calendar=True)
    everything = rendered(content)
    for secret in SECRETS:
        assert secret not in everything
    assert "lean" not in everything.lower()
    ics = invitation(
        facts(),
        method="REQUEST",
        organizer_email="hiring@example.com",
        organizer_name="Second Round",
        attendee_email="jane@example.com",
        now=NOW,
    ).decode()
    for secret in SECRETS:
        assert secret not in ics


def test_the_confirmation_says_when_who_and_where_in_the_candidates_zone():
    text = email_text(build_content("confirmation", facts(), NOW, calendar=True))
    assert "Tue 8 Dec 2026, 15:00–16:00 CET (your time), 60 minutes" in text
    assert "Hank Manager, Head of Platform (the hiring manager)" in text
    assert "Ivy Interviewer, interviewer" in text
    assert "HOW TO JOIN\nhttps://meet.example.com/abc" in text
    assert say.CALENDAR_ATTACHED in text
    assert "Let Rita Recruiter know (rita@example.com)" in text
    assert say.PREP_COMING not in text  # only when reminders will follow
    assert say.PREP_COMING in email_text(
        build_content("confirmation", facts(), NOW, reminders_follow=True)
    )


def test_a_place_rather_than_a_link_is_where_and_a_missing_one_is_promised():
    where = email_text(build_content("confirmation", facts(location="Room 4"), NOW))
    assert "WHERE\nRoom 4" in where
    unset = email_text(build_content("confirmation", facts(location=""), NOW))
    assert "Rita Recruiter will send you the joining details" in unset


def test_prep_explains_the_interview_star_the_competencies_and_the_feedback():
    text = email_text(build_content("reminder", facts(), NOW))
    assert text.startswith("Hi Jane,\n")
    assert "is in 7 days: Tue 8 Dec 2026" in text
    assert "with Hank Manager, the hiring manager" in text
    for step in ("Situation:", "Task:", "Action:", "Result:"):
        assert step in text
    assert "- Problem solving\n- Ownership" in text
    assert say.FRESH in text
    assert "> Go deeper on trade-offs." in text and say.FEEDBACK_INVITE in text
    generic = email_text(build_content("reminder", facts(competency_names=()), NOW))
    assert say.EXAMPLES_GENERIC in generic
    none_shared = email_text(build_content("reminder", facts(shared_feedback=""), NOW))
    assert say.FEEDBACK_TITLE.upper() not in none_shared


@pytest.mark.parametrize(
    ("now", "subject_start", "full"),
    [
        (START - timedelta(days=3), "In 3 days:", True),
        (START - timedelta(days=1), "Tomorrow:", True),
        (START - timedelta(hours=2), "In 2 hours:", False),
        (START - timedelta(minutes=50), "In an hour:", False),
    ],
)
def test_reminders_say_how_soon_and_the_last_one_is_short(now, subject_start, full):
    content = build_content("reminder", facts(), now)
    assert content.subject.startswith(subject_start)
    text = email_text(content)
    assert (say.STAR_TITLE.upper() in text) is full
    assert (say.LAST_TITLE.upper() in text) is not full
    assert "Go deeper on trade-offs." in text


def test_a_folded_catch_up_puts_the_prep_in_the_confirmation():
    text = email_text(build_content("confirmation", facts(), NOW, prep=True))
    assert text.index("WHEN") < text.index(say.STAR_TITLE.upper())
    assert say.PREP_COMING not in text


def test_the_cancellation_is_short_and_gives_no_reason():
    content = build_content("cancelled", facts(), NOW, calendar=True)
    assert content.subject == "Cancelled: your second interview for Software engineer on Tue 8 Dec"
    assert content.sections == ()
    assert say.CALENDAR_CANCELLED in email_text(content)


def test_html_escapes_everything_a_person_typed():
    hostile = facts(
        candidate_name="<script>alert(1)</script>",
        shared_feedback='Use <b>bold</b> & "quotes"',
        location='https://meet.example.com/a"onmouseover="alert(1)',
        role_title="<img src=x>",
    )
    page = email_html(build_content("reminder", hostile, NOW), "https://x/o?t=1&u=2")
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot;" in page
    assert 'href="https://meet.example.com/a"' in page  # the link stops before the quote
    assert 'onmouseover="alert' not in page
    assert 'href="https://x/o?t=1&amp;u=2"' in page


def test_slack_blocks_escape_mrkdwn_and_offer_the_opt_out_button():
    content = build_content("reminder", facts(shared_feedback="<!channel> see <https://x|y>"), NOW)
    blocks = candidate_blocks(content, handoff_id="h1", offer_opt_out=True)
    dumped = json.dumps(blocks)
    assert "<!channel>" not in dumped and "&lt;!channel&gt;" in dumped
    assert blocks[-1]["elements"][0]["action_id"] == OPT_OUT
    assert blocks[-1]["elements"][0]["value"] == "h1"
    assert len(blocks) <= 50
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in blocks)
    without = candidate_blocks(content, handoff_id="h1", offer_opt_out=False)
    assert OPT_OUT not in json.dumps(without)


def test_the_invitation_keeps_its_uid_and_carries_the_version_as_sequence():
    def parsed(method, version):
        data = invitation(
            facts(sequence=version),
            method=method,
            organizer_email="hiring@example.com",
            organizer_name="Second Round",
            attendee_email="jane@example.com",
            now=NOW,
        )
        calendar = Calendar.from_ical(data)
        return calendar, next(iter(calendar.walk("VEVENT")))

    first_calendar, first = parsed("REQUEST", 3)
    cancel_calendar, cancel = parsed("CANCEL", 4)
    assert str(first["UID"]) == str(cancel["UID"]) == invitation_uid("h1", "example.com")
    assert (int(first["SEQUENCE"]), int(cancel["SEQUENCE"])) == (3, 4)
    assert str(first_calendar["METHOD"]) == "REQUEST" and str(cancel_calendar["METHOD"]) == "CANCEL"
    assert first.decoded("DTSTART") == START
    assert str(first["LOCATION"]) == "https://meet.example.com/abc"
    assert "Hank Manager, Head of Platform (the hiring manager)" in str(first["DESCRIPTION"])


def test_people_who_left_are_not_listed():
    made = candidate_facts(
        handoff(),
        tz="UTC",
        people=[Person("UHM", "Hank Manager"), Person("UINT1", "Gone", deleted=True)],
        recruiter=None,
    )
    assert made.people == (Attendee("Hank Manager", "", True),)
    assert made.recruiter_name == ""
    text = email_text(build_content("confirmation", made, NOW))
    assert "Let the recruiting team know." in text
    assert "The recruiting team will send you the joining details" in email_text(
        build_content("confirmation", replace(made, location=""), NOW)
    )
