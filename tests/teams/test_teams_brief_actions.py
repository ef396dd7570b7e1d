"""The hiring manager's actions on a Teams brief: accept, decline, ask, set time; and answers.

The brief is delivered here the way the brief job will once it routes Teams hand-offs: rendered
by plugin.teams.render and sent by the Teams messenger through the delivery ledger.
"""

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from conftest import PEOPLE, TENANT
from plugin import lifecycle, queues
from plugin.domain.handoff import Handoff, ScreeningNotes, State, new_event
from plugin.services import Services
from plugin.store import HandoffStore
from plugin.teams import render, text
from workers.ledger import DeliveryLedger
from workers.messengers.base import Recipient
from workers.messengers.teams import TeamsMessenger

REC, HM, IVY = (PEOPLE[k] for k in ("recruiter", "manager", "ivy"))
MESSAGE = "application/vnd.microsoft.activity.message"
CARD = "application/vnd.microsoft.card.adaptive"


def queued(redis_conn) -> set[str]:
    return {
        job_id
        for name in queues.ALL_QUEUES
        for job_id in queues.queue(name, redis_conn).get_job_ids()
    }


@pytest.fixture
def brief(teams, settings, redis_conn, bot_framework, run_jobs):
    """A Teams hand-off whose brief is in the hiring manager's chat; returns (hand-off, card)."""
    for user in ("recruiter", "manager", "ivy"):
        teams.install(user)
    run_jobs()
    handoff = Handoff(
        id="t1",
        team_id=TENANT,
        recruiter_id=REC.aad,
        hiring_manager_id=HM.aad,
        interviewer_ids=(IVY.aad,),
        candidate_name="Jane Doe",
        role_title="Software Engineer",
        notes=ScreeningNotes(recommendation="yes", strengths="Sharp"),
        created_at=datetime.now(UTC).isoformat(),
        platform="teams",
    )
    HandoffStore(redis_conn).create(handoff)
    messenger = TeamsMessenger.for_services(Services(settings, redis_conn))
    DeliveryLedger(redis_conn).deliver_once(
        handoff.id,
        "brief",
        messenger,
        Recipient("teams", HM.aad),
        render.brief_message(handoff, HM.tz),
    )
    return handoff, bot_framework.cards(HM.personal)[-1]


def act(teams, verb, user="manager", **data):
    response = teams.invoke(verb, {"handoff_id": "t1", "tz": HM.tz, **data}, user=user)
    assert response.status_code == 200
    return response.get_json()


def current(redis_conn) -> Handoff:
    return HandoffStore(redis_conn).get("t1")


def test_the_brief_arrives_as_a_card_with_names(brief):
    _, card = brief
    content = json.dumps(card, ensure_ascii=False)
    assert "Rita Recruiter" in content and "Hank Manager (hiring manager)" in content
    assert "Ivy Interviewer" in content


def test_accept_shows_the_new_state_in_place_and_queues_the_updates(teams, brief, redis_conn):
    answer = act(teams, "brief.accept")
    assert answer["type"] == CARD
    content = json.dumps(answer["value"], ensure_ascii=False)
    assert "✅ Accepted by Hank Manager" in content
    assert "brief.accept" not in content and "brief.ask" in content
    handoff = current(redis_conn)
    assert handoff.state == State.ACCEPTED and handoff.acted_by == HM.aad
    event = handoff.events[-1]
    # The change enqueues one job in its own write; it fans out into what the lifecycle names.
    assert f"after_change-t1-{event.id}" in queued(redis_conn)
    assert [job.func for job in lifecycle.jobs_after(handoff, event)] == [
        "workers.jobs.briefs.refresh_brief",
        "workers.jobs.notices.notify_recruiter",
    ]


def test_a_second_accept_changes_nothing_and_says_so(teams, brief, redis_conn):
    act(teams, "brief.accept")
    answer = act(teams, "brief.accept")
    assert answer == {
        "statusCode": 200,
        "type": MESSAGE,
        "value": text.ALREADY_ACTED.format(state="accepted", actor="Hank Manager"),
    }
    assert [e.kind for e in current(redis_conn).events] == ["accepted"]


def test_only_the_hiring_manager_can_act(teams, brief, redis_conn):
    answer = act(teams, "brief.accept", user="ivy")
    assert answer["value"] == text.NOT_YOURS.format(manager="Hank Manager")
    assert current(redis_conn).state == State.OPEN


def test_a_vanished_handoff_is_answered_politely(teams, brief, redis_conn):
    answer = teams.invoke("brief.accept", {"handoff_id": "nope"}, user="manager").get_json()
    assert answer["value"] == text.HANDOFF_GONE


def test_decline_needs_a_reason_shown_on_the_card(teams, brief, redis_conn):
    answer = act(teams, "brief.decline", reason="   ")
    assert answer["type"] == CARD
    content = json.dumps(answer["value"])
    assert text.DECLINE_REASON_REQUIRED in content
    assert current(redis_conn).state == State.OPEN
    answer = act(teams, "brief.decline", reason="Not senior enough")
    assert "🚫 Declined by Hank Manager" in json.dumps(answer["value"], ensure_ascii=False)
    handoff = current(redis_conn)
    assert handoff.state == State.DECLINED and handoff.events[-1].text == "Not senior enough"


def test_a_question_is_recorded_once_and_shown(teams, brief, redis_conn):
    first = act(teams, "brief.ask", question="What salary band?")
    act(teams, "brief.ask", question="What salary band?")
    assert "💬 Hank Manager asked the recruiter a question" in json.dumps(
        first["value"], ensure_ascii=False
    )
    questions = [e for e in current(redis_conn).events if e.kind == "question"]
    assert len(questions) == 1
    assert f"after_change-t1-{questions[0].id}" in queued(redis_conn)


def test_setting_the_time_reads_it_in_the_readers_zone(teams, brief, redis_conn):
    day = (datetime.now(ZoneInfo(HM.tz)) + timedelta(days=3)).date().isoformat()
    answer = act(teams, "brief.set_time", interview_date=day, interview_time="10:30")
    assert answer["type"] == CARD
    handoff = current(redis_conn)
    expected = datetime.fromisoformat(f"{day}T10:30").replace(tzinfo=ZoneInfo(HM.tz))
    assert handoff.interview_at == expected
    assert "brief.set_time" not in json.dumps(answer["value"])


def test_a_time_in_the_past_is_refused_on_the_card(teams, brief, redis_conn):
    day = (datetime.now(ZoneInfo(HM.tz)) - timedelta(days=1)).date().isoformat()
    answer = act(teams, "brief.set_time", interview_date=day, interview_time="10:30")
    content = json.dumps(answer["value"])
    assert "That time has already passed" in content
    assert current(redis_conn).interview_start == ""


def test_the_recruiter_answers_a_question_from_the_notice(teams, brief, redis_conn, run_jobs):
    act(teams, "brief.ask", question="What salary band?")
    question = current(redis_conn).events[-1]
    notice = render.notice_message(current(redis_conn), question, REC.tz)
    [action] = notice.card["actions"]
    data = action["card"]["actions"][0]["data"]
    refused = teams.invoke("question.answer", {**data, "answer": "Band 3"}, user="manager")
    assert refused.get_json()["value"] == text.NOT_YOUR_QUESTION.format(recruiter="Rita Recruiter")
    answer = teams.invoke("question.answer", {**data, "answer": "Band 3"}).get_json()
    assert "You answered: Band 3" in json.dumps(answer["value"])
    teams.invoke("question.answer", {**data, "answer": "Band 3"})
    answers = [e for e in current(redis_conn).events if e.kind == "answer"]
    assert len(answers) == 1 and answers[0].reply_to == question.id
    assert f"relay_answer-t1-{answers[0].id}" in queued(redis_conn)
    relayed = render.answer_message(answers[0])
    assert relayed.text == "Rita Recruiter answered: Band 3"


def test_an_answer_reaches_the_hiring_manager_and_the_recruiter_sees_it_passed(
    teams, brief, redis_conn, run_jobs, bot_framework
):
    act(teams, "brief.ask", question="What salary band?")
    run_jobs()
    question = current(redis_conn).events[-1]
    data = {"handoff_id": "t1", "event_id": question.id, "tz": REC.tz}
    teams.invoke("question.answer", {**data, "answer": "Band 3"})
    run_jobs()
    assert "Rita Recruiter answered: Band 3" in bot_framework.texts(HM.personal)
    assert bot_framework.texts(REC.personal)[-1] == text.ANSWER_PASSED.format(
        manager="Hank Manager"
    )


def test_render_gives_each_event_a_message_and_refusals_in_teams_words(brief, redis_conn):
    handoff = replace(current(redis_conn), state=State.ACCEPTED, acted_by=HM.aad)
    event = new_event("accepted", HM.aad)
    message = render.notice_message(handoff, event, REC.tz)
    assert message.text.startswith("✅ Hank Manager accepted Jane Doe (Software Engineer)")
    assert render.refusal_text("not_yours", handoff) == text.NOT_YOURS.format(
        manager="Hank Manager"
    )
    assert render.refusal_text("gone", None) == text.HANDOFF_GONE
    assert render.refusal_text("already_acted", handoff) == text.ALREADY_ACTED.format(
        state="accepted", actor="Hank Manager"
    )
    failed = new_event("delivery_failed", "system", text.NOT_INSTALLED.format(name="Nina New"))
    line = render.notice_message(handoff, failed, REC.tz).text
    assert "isn't installed for Nina New yet" in line and "add it" in line
