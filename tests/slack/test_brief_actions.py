"""The hiring manager's buttons: accept, decline, ask, set time; double and wrong-user clicks."""

import json
import logging
from datetime import UTC, datetime, timedelta

from conftest import INTERVIEWERS, MANAGER, RECRUITER
from plugin.domain.handoff import State
from plugin.slack import text
from plugin.store import HandoffStore


def stored(redis_conn):
    return HandoffStore(redis_conn).for_recruiter("T0STANDIN", RECRUITER)[0]


def recruiter_texts(slack):
    return [m["text"] for m in slack.messages(RECRUITER)]


def test_accept_updates_the_brief_and_tells_the_recruiter(handoff, slack, redis_conn, run_jobs):
    handoff.create()
    assert handoff.click("brief_accept").status_code == 200
    run_jobs()
    assert stored(redis_conn).state == State.ACCEPTED
    brief = handoff.brief()
    assert brief["updates"] == 1
    rendered = json.dumps(brief["blocks"])
    assert "Accepted by <@UHM>" in rendered
    assert "brief_accept" not in rendered and "brief_decline" not in rendered
    assert "brief_ask" in rendered
    assert any("<@UHM> accepted *Jane Doe*" in t for t in recruiter_texts(slack))


def test_a_second_click_changes_nothing_and_is_answered_politely(
    handoff, slack, redis_conn, run_jobs
):
    first = handoff.create()
    handoff.click("brief_accept", message=first)
    run_jobs()
    handoff.click("brief_accept", message=first)  # the old message, clicked again
    run_jobs()
    record = stored(redis_conn)
    assert [e.kind for e in record.events] == ["created", "accepted"]
    assert len([t for t in recruiter_texts(slack) if "accepted" in t]) == 1
    assert handoff.brief()["updates"] == 1
    [reply] = slack.ephemerals(MANAGER)
    assert reply["text"] == text.ALREADY_ACTED.format(state="accepted", actor=MANAGER)


def test_someone_else_clicking_changes_nothing(handoff, slack, redis_conn, run_jobs):
    handoff.create()
    handoff.click("brief_accept", user_id=INTERVIEWERS[0])
    handoff.click("brief_decline", user_id=INTERVIEWERS[0])
    run_jobs()
    assert stored(redis_conn).state == State.OPEN
    replies = slack.ephemerals(INTERVIEWERS[0])
    assert [r["text"] for r in replies] == [text.NOT_YOURS.format(manager=MANAGER)] * 2
    assert slack.calls_to("views.open")[-1]["view"]["callback_id"] == "handoff"


def test_decline_asks_for_a_reason_that_reaches_the_recruiter(
    handoff, slack, slack_user, redis_conn, run_jobs
):
    handoff.create()
    handoff.click("brief_decline")
    modal = slack.last_view(MANAGER)
    assert modal["callback_id"] == "decline"
    empty = slack_user.submit_view(modal, user_id=MANAGER, answers={"reason": "  "})
    assert json.loads(empty.data)["errors"] == {"reason": text.DECLINE_REASON_REQUIRED}
    assert stored(redis_conn).state == State.OPEN

    done = slack_user.submit_view(modal, user_id=MANAGER, answers={"reason": "Role was filled."})
    assert done.status_code == 200 and not done.data
    run_jobs()
    assert stored(redis_conn).state == State.DECLINED
    assert "Declined by <@UHM>" in json.dumps(handoff.brief()["blocks"])
    assert any("Reason:* Role was filled." in t for t in recruiter_texts(slack))

    again = slack_user.submit_view(modal, user_id=MANAGER, answers={"reason": "Twice"})
    assert "already declined" in json.loads(again.data)["errors"]["reason"]


def test_a_question_goes_to_the_recruiter_and_the_answer_comes_back_once(
    handoff, slack, slack_user, redis_conn, run_jobs
):
    handoff.create()
    handoff.click("brief_ask")
    modal = slack.last_view(MANAGER)
    assert modal["callback_id"] == "ask"
    slack_user.submit_view(modal, user_id=MANAGER, answers={"question": "Salary range?"})
    run_jobs()
    question = next(m for m in slack.messages(RECRUITER) if "Salary range?" in m["text"])
    assert "Reply in this thread" in question["text"]
    assert "asked the recruiter a question" in json.dumps(handoff.brief()["blocks"])

    reply = {
        "type": "message",
        "channel": question["channel"],
        "channel_type": "im",
        "user": RECRUITER,
        "text": "120-140k",
        "ts": "1800000000.000200",
        "thread_ts": question["ts"],
    }
    assert slack_user.event(reply, event_id="Ev1").status_code == 200
    assert slack_user.event(reply, event_id="Ev1", retry_num=1).status_code == 200
    run_jobs()
    answers = [m for m in slack.messages(MANAGER) if m.get("thread_ts")]
    assert len(answers) == 1
    assert answers[0]["thread_ts"] == handoff.brief()["ts"]
    assert "120-140k" in answers[0]["text"]
    passed_on = [m for m in slack.messages(RECRUITER) if m.get("thread_ts") == question["ts"]]
    assert [m["text"] for m in passed_on if m.get("bot_id")] == [
        text.ANSWER_ACK.format(manager=MANAGER)
    ]


def test_only_the_recruiter_can_answer_in_the_thread(handoff, slack, slack_user, run_jobs):
    handoff.create()
    handoff.click("brief_ask")
    slack_user.submit_view(slack.last_view(MANAGER), user_id=MANAGER, answers={"question": "Q?"})
    run_jobs()
    question = next(m for m in slack.messages(RECRUITER) if "Q?" in m["text"])
    stranger = {
        "type": "message",
        "channel": question["channel"],
        "channel_type": "im",
        "user": INTERVIEWERS[0],
        "text": "not mine to answer",
        "ts": "1800000000.000300",
        "thread_ts": question["ts"],
    }
    slack_user.event(stranger, event_id="Ev2")
    run_jobs()
    assert [m for m in slack.messages(MANAGER) if m.get("thread_ts")] == []


def test_set_time_validates_and_shows_the_time(handoff, slack, slack_user, redis_conn, run_jobs):
    handoff.create(interview_start=None)
    handoff.click("brief_set_time")
    modal = slack.last_view(MANAGER)
    past = int((datetime.now(UTC) - timedelta(days=1)).timestamp())
    refused = slack_user.submit_view(modal, user_id=MANAGER, answers={"interview_start": past})
    assert "already passed" in json.loads(refused.data)["errors"]["interview_start"]

    start = (datetime.now(UTC) + timedelta(days=3)).replace(minute=30, second=0, microsecond=0)
    ok = slack_user.submit_view(
        modal, user_id=MANAGER, answers={"interview_start": int(start.timestamp())}
    )
    assert ok.status_code == 200 and not ok.data
    run_jobs()
    assert stored(redis_conn).interview_at == start
    rendered = json.dumps(handoff.brief()["blocks"])
    assert "brief_set_time" not in rendered and ":30" in rendered
    assert any("set the interview" in t for t in recruiter_texts(slack))


def test_screening_notes_never_reach_the_logs(handoff, slack, slack_user, caplog, run_jobs):
    caplog.set_level(logging.DEBUG)
    handoff.create(strengths="SECRET-STRENGTH", concerns="SECRET-CONCERN")
    handoff.click("brief_decline")
    slack_user.submit_view(
        slack.last_view(MANAGER), user_id=MANAGER, answers={"reason": "SECRET-REASON"}
    )
    slack.fail_next("chat.update", status=500)
    run_jobs()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert caplog.records, "expected some logging to check"
    assert "SECRET" not in logged
