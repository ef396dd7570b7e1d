"""Feedback in Slack: the prompt's button, the modal and its checks, once per person, only for
the panel; the debrief once everyone is in, with a button to each person's full feedback."""

import json
import logging
from datetime import timedelta

import pytest
from kit_support import END, Timeline, accepted, burst_runner, plan_of, stored

from conftest import INTERVIEWERS, MANAGER, RECRUITER
from plugin.domain import feedback as domain
from plugin.feedback_store import FeedbackStore
from plugin.slack import kit_text

PANEL = (MANAGER, *INTERVIEWERS)
EVIDENCE = "Walked through the outage they caused, told the team within the hour."


@pytest.fixture
def run_jobs(run_jobs, settings):
    """The shared fixture's in-process worker (it sets up the context), without pubsub."""
    return burst_runner(settings)


@pytest.fixture
def timeline(monkeypatch, redis_conn, run_jobs):
    return Timeline(monkeypatch, redis_conn, run_jobs)


@pytest.fixture
def ended(handoff, timeline, run_jobs, redis_conn):
    """A hand-off whose interview has just ended: everyone on the panel has their prompt."""
    accepted(handoff, run_jobs)
    timeline.run_until(END)
    return plan_of(redis_conn)


def prompt(slack, person):
    found = [m for m in slack.messages(person) if "kit_feedback" in json.dumps(m.get("blocks"))]
    assert found, f"no feedback prompt for {person}"
    return found[0]


def open_form(slack, slack_user, person, *, clicker=None):
    response = slack_user.click(
        "kit_feedback", user_id=clicker or person, message=prompt(slack, person)
    )
    assert response.status_code == 200
    return slack.last_view(clicker or person)


def answers(plan, person, *, score="3", evidence=EVIDENCE, recommendation="hire", **extra):
    filled = {"recommendation": recommendation, **extra}
    for competency_id in plan.assignments[person]:
        filled[domain.rating_field(competency_id)] = score
        filled[domain.evidence_field(competency_id)] = evidence
    return filled


def submit(slack, slack_user, plan, person, **changes):
    view = open_form(slack, slack_user, person)
    return slack_user.submit_view(view, user_id=person, answers=answers(plan, person, **changes))


def debriefs(slack, person):
    return [m for m in slack.messages(person) if m["text"].startswith("Debrief")]


def test_the_button_opens_a_form_for_the_persons_own_competencies(
    ended, slack, slack_user, redis_conn
):
    plan = ended
    for person in PANEL:
        view = open_form(slack, slack_user, person)
        assert view["callback_id"] == "feedback"
        inputs = [b["block_id"] for b in view["blocks"] if b["type"] == "input"]
        owned = plan.assignments[person]
        assert inputs == [
            *(f for c in owned for f in (domain.rating_field(c), domain.evidence_field(c))),
            "recommendation",
            "summary",
        ]
        rating = next(b for b in view["blocks"] if b.get("block_id") == inputs[0])
        options = rating["element"]["options"]
        assert [o["value"] for o in options] == ["1", "2", "3", "4"]
        assert all(o["description"]["text"] for o in options)  # every point has its anchor
        assert view["private_metadata"] == stored(redis_conn).id


def test_the_form_needs_a_rating_and_evidence_for_every_competency(
    ended, slack, slack_user, redis_conn
):
    plan = ended
    person = INTERVIEWERS[0]
    owned = plan.assignments[person]
    view = open_form(slack, slack_user, person)
    empty = slack_user.submit_view(view, user_id=person, answers={})
    errors = json.loads(empty.data)["errors"]
    assert errors == {
        **{domain.rating_field(c): domain.RATING_REQUIRED for c in owned},
        **{domain.evidence_field(c): domain.EVIDENCE_REQUIRED for c in owned},
        "recommendation": domain.VERDICT_REQUIRED,
    }
    thin = slack_user.submit_view(
        view, user_id=person, answers=answers(plan, person, evidence="good")
    )
    assert set(json.loads(thin.data)["errors"]) == {domain.evidence_field(c) for c in owned}
    assert (
        "at least 20 characters" in json.loads(thin.data)["errors"][domain.evidence_field(owned[0])]
    )
    assert FeedbackStore(redis_conn).get(stored(redis_conn).id, person) is None


def test_feedback_is_stored_once_and_a_second_submit_is_refused_politely(
    ended, slack, slack_user, redis_conn
):
    plan = ended
    person = INTERVIEWERS[1]
    view = open_form(slack, slack_user, person)
    first = slack_user.submit_view(view, user_id=person, answers=answers(plan, person))
    body = json.loads(first.data)
    assert body["response_action"] == "update"
    assert "your feedback on *Jane Doe* is in" in json.dumps(body["view"])
    saved = FeedbackStore(redis_conn).get(stored(redis_conn).id, person)
    assert saved.recommendation == "hire"
    assert [(r.competency_id, r.score, r.evidence) for r in saved.ratings] == [
        (c, 3, EVIDENCE) for c in plan.assignments[person]
    ]

    again = slack_user.submit_view(
        view, user_id=person, answers=answers(plan, person, score="1", recommendation="no_hire")
    )
    [message] = json.loads(again.data)["errors"].values()
    assert message == kit_text.FEEDBACK_ALREADY.format(manager=MANAGER)
    assert FeedbackStore(redis_conn).get(stored(redis_conn).id, person) == saved

    reopened = open_form(slack, slack_user, person)  # the button now shows what they sent
    assert reopened.get("submit") is None and EVIDENCE in json.dumps(reopened["blocks"])


def test_only_the_panel_can_give_feedback(ended, slack, slack_user, run_jobs):
    plan = ended
    slack_user.click("kit_feedback", user_id=RECRUITER, message=prompt(slack, INTERVIEWERS[0]))
    run_jobs()
    [reply] = slack.ephemerals(RECRUITER)
    assert reply["text"] == kit_text.REFUSALS["not_on_panel"]

    view = open_form(slack, slack_user, INTERVIEWERS[0])
    forged = slack_user.submit_view(view, user_id=RECRUITER, answers=answers(plan, INTERVIEWERS[0]))
    assert list(json.loads(forged.data)["errors"].values()) == [kit_text.REFUSALS["not_on_panel"]]


def test_feedback_opens_only_once_the_interview_has_ended(
    ended, slack, slack_user, timeline, run_jobs
):
    timeline.set(END - timedelta(minutes=5))
    slack_user.click("kit_feedback", user_id=MANAGER, message=prompt(slack, MANAGER))
    run_jobs()
    assert [r["text"] for r in slack.ephemerals(MANAGER)] == [kit_text.REFUSALS["not_yet"]]
    opened = [c["view"]["callback_id"] for c in slack.calls_to("views.open")]
    assert "feedback" not in opened


def test_reminders_stop_once_submitted_in_slack(ended, slack, slack_user, timeline):
    plan = ended
    submit(slack, slack_user, plan, INTERVIEWERS[0])
    timeline.run_until(END + timedelta(hours=1))
    assert (
        len(
            [
                m
                for m in slack.messages(INTERVIEWERS[0])
                if "kit_feedback" in json.dumps(m.get("blocks"))
            ]
        )
        == 1
    )
    assert (
        len([m for m in slack.messages(MANAGER) if "kit_feedback" in json.dumps(m.get("blocks"))])
        == 2
    )


def test_the_debrief_goes_once_to_the_manager_and_recruiter_when_everyone_is_in(
    ended, slack, slack_user, run_jobs, redis_conn
):
    plan = ended
    verdicts = {MANAGER: "strong_hire", INTERVIEWERS[0]: "hire", INTERVIEWERS[1]: "no_hire"}
    scores = {MANAGER: "4", INTERVIEWERS[0]: "3", INTERVIEWERS[1]: "2"}
    for person in PANEL[:2]:
        submit(
            slack, slack_user, plan, person, score=scores[person], recommendation=verdicts[person]
        )
    run_jobs()
    assert debriefs(slack, MANAGER) == [] and debriefs(slack, RECRUITER) == []

    last = PANEL[2]
    submit(slack, slack_user, plan, last, score=scores[last], recommendation=verdicts[last])
    run_jobs()
    from plugin import queues

    queues.enqueue(redis_conn, queues.send_debrief(stored(redis_conn).id))  # a duplicate
    run_jobs()
    for reader in (MANAGER, RECRUITER):
        [debrief] = debriefs(slack, reader)
        text = json.dumps(debrief["blocks"], ensure_ascii=False)
        for person in PANEL:
            score = int(scores[person])
            bar = "●" * score + "○" * (4 - score)
            assert text.count(f"{bar} *{score}*") >= len(plan.assignments[person])
            assert f"<@{person}>" in text
            assert domain.VERDICT_LABELS[verdicts[person]] in text
        for competency_id in plan.competencies:
            name = competency_id.replace("_", " ")
            assert name.split()[0].capitalize() in text
        assert EVIDENCE not in text  # the full feedback is one click away
        buttons = [
            b["accessory"]["value"]
            for b in debrief["blocks"]
            if b.get("accessory", {}).get("action_id") == "debrief_view_feedback"
        ]
        assert buttons == list(plan.people)
    for person in INTERVIEWERS:
        assert debriefs(slack, person) == []


def test_full_feedback_opens_for_the_manager_and_recruiter_only(ended, slack, slack_user, run_jobs):
    plan = ended
    for person in PANEL:
        submit(slack, slack_user, plan, person, summary=f"Summary from {person}")
    run_jobs()
    for reader in (MANAGER, RECRUITER):
        [debrief] = debriefs(slack, reader)
        slack_user.click(
            "debrief_view_feedback", user_id=reader, message=debrief, value=INTERVIEWERS[1]
        )
        view = slack.last_view(reader)
        shown = json.dumps(view["blocks"])
        assert f"<@{INTERVIEWERS[1]}>'s feedback" in shown
        assert EVIDENCE in shown and f"Summary from {INTERVIEWERS[1]}" in shown
        assert view.get("submit") is None

    [debrief] = debriefs(slack, MANAGER)
    slack_user.click(
        "debrief_view_feedback", user_id=INTERVIEWERS[0], message=debrief, value=INTERVIEWERS[1]
    )
    run_jobs()
    assert [r["text"] for r in slack.ephemerals(INTERVIEWERS[0])] == [
        kit_text.REFUSALS["debrief_only"]
    ]


def test_feedback_never_reaches_the_logs(ended, slack, slack_user, run_jobs, caplog):
    caplog.set_level(logging.DEBUG)
    plan = ended
    for person in PANEL:
        submit(slack, slack_user, plan, person, evidence="SECRET-EVIDENCE " * 3)
    run_jobs()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert caplog.records and "SECRET" not in logged
