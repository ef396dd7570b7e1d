"""Who sees what, audited over everything the app posted in a whole hand-off.

- Screening notes (strengths, concerns, recruiter's notes) reach only the recruiter, the hiring
  manager and the panel of that hand-off; the recommendation never reaches interviewers.
- Each interviewer's kit holds only their own competencies' questions.
- The candidate (by email, or as a Slack guest) gets the shared feedback and none of the notes.
- Guests get nothing: no /handoff (form, list, forget), no /questions, no feedback form, no debrief.
"""

from __future__ import annotations

import json

import pytest
from kit_support import (
    CONCERNS,
    END,
    START,
    Timeline,
    burst_runner,
    release_due,
    scheduled_jobs,
)

from conftest import CANDIDATE, GUEST, INTERVIEWERS, MANAGER, RECRUITER
from plugin.domain import feedback as domain
from plugin.domain.handoff import RECOMMENDATION_LABELS, Recommendation
from plugin.domain.question_bank import load_bank
from plugin.feedback_store import PanelPlanStore
from plugin.slack import kit_text, text
from plugin.slack.blocks.questions import GUESTS_CANNOT_SEE_QUESTIONS
from plugin.store import HandoffStore

STRENGTHS = "NOTE-STRENGTH: rebuilt the billing pipeline alone."
RECRUITER_NOTES = "NOTE-PRIVATE: prefers a hybrid role, salary expectations high."
SHARED = "SHARED-FEEDBACK: go deeper on system design trade-offs."
RECOMMENDATION = RECOMMENDATION_LABELS[Recommendation.STRONG_YES]
CONCERN_SENTENCES = [c.strip() + "." for c in CONCERNS.split(".") if c.strip()]
NOTES = (STRENGTHS, RECRUITER_NOTES, *CONCERN_SENTENCES)
PANEL = (MANAGER, *INTERVIEWERS)
ALLOWED = {RECRUITER, *PANEL}


@pytest.fixture
def run_jobs(run_jobs, settings):
    return burst_runner(settings)


@pytest.fixture
def timeline(monkeypatch, redis_conn, run_jobs):
    return Timeline(monkeypatch, redis_conn, run_jobs)


def give_feedback(slack, slack_user, plan, person):
    prompt = next(
        m for m in slack.messages(person) if "kit_feedback" in json.dumps(m.get("blocks"))
    )
    slack_user.click("kit_feedback", user_id=person, message=prompt)
    answers = {"recommendation": "hire"}
    for competency_id in plan.assignments[person]:
        answers[domain.rating_field(competency_id)] = "3"
        answers[domain.evidence_field(competency_id)] = evidence_of(person)
    response = slack_user.submit_view(slack.last_view(person), user_id=person, answers=answers)
    assert response.status_code == 200 and b"errors" not in response.data, response.data


def evidence_of(person: str) -> str:
    return f"Evidence from {person}: owned the outage review end to end."


def whole_handoff(handoff, slack, slack_user, timeline, run_jobs, redis_conn, **contact):
    """Created, a question asked and answered, accepted, kits, the interview, feedback, debrief."""
    handoff.create(
        interview_start=int(START.timestamp()),
        strengths=STRENGTHS,
        concerns=CONCERNS,
        recruiter_notes=RECRUITER_NOTES,
        shared_feedback=SHARED,
        recommendation="strong_yes",
        **contact,
    )
    handoff.click("brief_ask")
    slack_user.submit_view(
        slack.last_view(MANAGER), user_id=MANAGER, answers={"question": "Notice period?"}
    )
    handoff.click("brief_accept")
    run_jobs()
    run_everything_until(timeline, redis_conn, run_jobs, END)
    [found] = HandoffStore(redis_conn).for_recruiter("T0STANDIN", RECRUITER)
    plan = PanelPlanStore(redis_conn).get(found.id)
    for person in plan.people:
        give_feedback(slack, slack_user, plan, person)
    run_jobs()
    return found, plan


def run_everything_until(timeline, redis_conn, run_jobs, moment):
    """Every scheduled job (kits, prompts, the candidate's reminders) at its own moment."""
    while True:
        due = sorted(t for t in scheduled_jobs(redis_conn, ("",)).values() if t <= moment)
        if not due:
            break
        timeline.set(due[0])
        release_due(redis_conn, due[0], ("",))
        run_jobs()
    timeline.set(moment)


def everything_shown(slack) -> list[tuple[str, str]]:
    """(reader, what they saw) for every message, ephemeral and modal the app showed."""
    state = slack.state()
    shown = []
    for channel, messages in state["messages"].items():
        reader = channel[1:] if channel.startswith("D") else f"channel {channel}"
        shown += [(reader, json.dumps(m, ensure_ascii=False)) for m in messages]
    for user, messages in state["ephemerals"].items():
        shown += [(user, json.dumps(m, ensure_ascii=False)) for m in messages]
    for view_id, view in state["views"].items():
        shown.append(
            (state["view_users"].get(view_id) or "?", json.dumps(view, ensure_ascii=False))
        )
    return shown


def emails_to_candidate(smtp) -> list[str]:
    bodies = []
    for received in smtp.messages:
        for part in received.message.walk():
            if part.get_content_maintype() == "text":
                bodies.append(part.get_content())
    return bodies


@pytest.mark.parametrize("contact", ["email", "slack guest"])
def test_notes_reach_only_the_recruiter_the_manager_and_the_panel(
    contact, handoff, slack, slack_user, smtp, timeline, run_jobs, redis_conn
):
    changes = (
        {"candidate_email": None, "candidate_user_id": CANDIDATE} if contact != "email" else {}
    )
    whole_handoff(handoff, slack, slack_user, timeline, run_jobs, redis_conn, **changes)
    shown = everything_shown(slack)
    assert {reader for reader, _ in shown} >= ALLOWED

    for reader, content in shown:
        leaked = [note for note in (*NOTES, RECOMMENDATION) if note in content]
        if leaked:
            assert reader in ALLOWED, (reader, leaked)
        if reader in INTERVIEWERS:
            assert RECOMMENDATION not in content, reader
    assert any(STRENGTHS in content for reader, content in shown if reader == MANAGER)

    to_candidate = [c for reader, c in shown if reader == CANDIDATE] + emails_to_candidate(smtp)
    to_candidate = [" ".join(c.split()) for c in to_candidate]  # as read, across line wraps
    assert to_candidate, "the candidate heard from us"
    assert any(SHARED in c for c in to_candidate)  # what the recruiter chose to share
    for content in to_candidate:
        for secret in (*NOTES, RECOMMENDATION, "Recruiter's notes", "Concerns to probe"):
            assert secret not in content, secret
    assert not [reader for reader, _ in shown if reader == GUEST]


def test_each_interviewer_sees_only_their_own_kit(
    handoff, slack, slack_user, smtp, timeline, run_jobs, redis_conn
):
    _, plan = whole_handoff(handoff, slack, slack_user, timeline, run_jobs, redis_conn)
    bank = load_bank(None)
    for person in INTERVIEWERS:
        received = json.dumps(slack.messages(person), ensure_ascii=False)
        others = set(plan.competencies) - set(plan.assignments[person])
        for competency_id in others:
            for question in bank.competencies[competency_id].questions:
                assert question.text not in received, (person, competency_id)
        for other in set(INTERVIEWERS) - {person}:
            assert evidence_of(other) not in received  # nor their feedback
        assert "Who covers what" not in received  # the plan is the hiring manager's


def ephemeral(response) -> str:
    assert response.status_code == 200
    return json.loads(response.data)["text"]


def test_guests_get_nothing(handoff, slack, slack_user, smtp, timeline, run_jobs, redis_conn):
    found, _ = whole_handoff(handoff, slack, slack_user, timeline, run_jobs, redis_conn)
    for typed in ("", "Jane Doe", "list", "forget jane@example.com", "help me"):
        answer = ephemeral(slack_user.command("/handoff", typed, user_id=GUEST))
        assert answer == text.GUEST_CANNOT_HAND_OFF, typed
    assert ephemeral(slack_user.command("/questions", "ownership", user_id=GUEST)) == (
        GUESTS_CANNOT_SEE_QUESTIONS
    )

    prompt = next(
        m for m in slack.messages(INTERVIEWERS[0]) if "kit_feedback" in json.dumps(m["blocks"])
    )
    slack_user.click("kit_feedback", user_id=GUEST, message=prompt)
    [debrief] = [m for m in slack.messages(MANAGER) if m["text"].startswith("Debrief")]
    slack_user.click("debrief_view_feedback", user_id=GUEST, message=debrief, value=INTERVIEWERS[0])
    slack_user.click("brief_ask", user_id=GUEST, message=slack.messages(MANAGER)[0])
    run_jobs()
    assert [r["text"] for r in slack.ephemerals(GUEST)] == [
        kit_text.REFUSALS["not_on_panel"],
        kit_text.REFUSALS["debrief_only"],
        text.NOT_YOURS.format(manager=MANAGER),
    ]
    assert slack.last_view(GUEST) is None
    assert slack.messages(GUEST) == []
    assert HandoffStore(redis_conn).find(found.id) is not None
