"""Scheduling candidate messages at a fixed moment: folding a catch-up into the confirmation,
tidying stale jobs, the lifecycle table and the settings behind it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from rq.registry import ScheduledJobRegistry
from test_store import make_handoff

from conftest import CANDIDATE, INTERVIEWERS, MANAGER, RECRUITER
from plugin import queues
from plugin.config import ConfigError, Settings, nudge_offsets
from plugin.domain.handoff import State, new_event
from plugin.lifecycle import jobs_after
from plugin.services import Services
from plugin.store import HandoffStore
from workers.context import WorkerContext
from workers.jobs import nudges

NOW = datetime(2027, 3, 2, 10, 0, tzinfo=UTC)  # a Tuesday, 11:00 in Berlin


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(Services, "now", staticmethod(lambda: NOW))
    return NOW


def accepted_handoff(redis_conn, start: datetime, **changes):
    fields = dict(
        team_id="T0STANDIN",
        recruiter_id=RECRUITER,
        hiring_manager_id=MANAGER,
        interviewer_ids=INTERVIEWERS,
        role_id="software_engineer",
        candidate_email="jane@example.com",
        candidate_tz="Europe/Berlin",
        interview_start=start.isoformat(),
        state=State.ACCEPTED,
        schedule_version=2,
    )
    handoff = replace(make_handoff("n1"), **{**fields, **changes})
    HandoffStore(redis_conn).create(handoff)
    return handoff


def kinds(specs):
    return [(spec.args[1], spec.at) for spec in specs]


def test_an_overdue_reminder_is_folded_into_the_confirmation(
    clock, settings, redis_conn, slack, smtp, run_jobs
):
    start = NOW + timedelta(hours=26)  # the 3-day reminder is overdue; 1d and 2h are not
    handoff = accepted_handoff(redis_conn, start)
    ctx = WorkerContext(Services(settings, redis_conn))
    specs = nudges.schedule_nudges(ctx, handoff)
    assert kinds(specs) == [
        ("confirmation_prep", None),
        ("1d", start - timedelta(days=1)),
        ("2h", start - timedelta(hours=2)),
    ]
    run_jobs()
    [email] = smtp.messages
    text = email.message.get_body(("plain",)).get_content()
    assert "Good news" in text and "A GOOD ANSWER HAS A SHAPE" in text
    assert "Before the day, we'll send you" not in text


def test_at_night_the_catch_up_waits_for_the_morning(clock, settings, redis_conn, slack):
    night = NOW.replace(hour=22)  # 23:00 in Berlin
    start = night + timedelta(hours=40)
    handoff = accepted_handoff(redis_conn, start)
    ctx = WorkerContext(Services(settings, redis_conn))
    ctx.services.now = lambda: night  # type: ignore[method-assign]
    specs = nudges.schedule_nudges(ctx, handoff)
    assert specs[0].args[1] == "confirmation" and specs[0].at is None
    catch_up = specs[1]
    assert catch_up.args[1] == "3d" and catch_up.at == datetime(2027, 3, 3, 7, 0, tzinfo=UTC)


def test_an_interview_too_close_for_reminders_gets_just_the_confirmation(
    clock, settings, redis_conn, slack
):
    handoff = accepted_handoff(redis_conn, NOW + timedelta(minutes=90))
    ctx = WorkerContext(Services(settings, redis_conn))
    specs = nudges.schedule_nudges(ctx, handoff)
    assert [s.args[1] for s in specs] == ["confirmation_prep"]


def test_reminder_offsets_are_a_setting(clock, settings, redis_conn, slack):
    handoff = accepted_handoff(redis_conn, NOW + timedelta(days=10))
    ctx = WorkerContext(Services(replace(settings, candidate_nudges="5d,30m"), redis_conn))
    assert [s.args[1] for s in nudges.schedule_nudges(ctx, handoff)] == [
        "confirmation",
        "5d",
        "30m",
    ]
    ctx = WorkerContext(Services(replace(settings, candidate_nudges="none"), redis_conn))
    assert [s.args[1] for s in nudges.schedule_nudges(ctx, handoff)] == ["confirmation"]


def test_a_slack_candidate_needs_no_public_url_for_reminders(clock, settings, redis_conn, slack):
    handoff = accepted_handoff(
        redis_conn, NOW + timedelta(days=10), candidate_user_id=CANDIDATE, candidate_email=""
    )
    ctx = WorkerContext(Services(replace(settings, public_url=""), redis_conn))
    assert len(nudges.schedule_nudges(ctx, handoff)) == 4


def test_stale_reminder_jobs_are_dropped_and_others_left_alone(clock, settings, redis_conn, slack):
    handoff = accepted_handoff(redis_conn, NOW + timedelta(days=10))
    ctx = WorkerContext(Services(settings, redis_conn))
    nudges.schedule_nudges(ctx, handoff)
    newer = replace(
        handoff, schedule_version=3, interview_start=(NOW + timedelta(days=12)).isoformat()
    )
    nudges.schedule_nudges(ctx, newer)
    other = queues.JobSpec("noop_jobs.noop", ("n1",), queues.SCHEDULED, NOW + timedelta(days=1))
    queues.enqueue(redis_conn, other)
    registry = ScheduledJobRegistry(queue=queues.queue(queues.SCHEDULED, redis_conn))
    assert len(registry.get_job_ids()) == 7

    dropped = queues.drop_scheduled(redis_conn, nudges.stale_job_ids(ctx, "n1", 3))
    assert dropped == 3
    left = registry.get_job_ids()
    assert sorted(left) == sorted(
        [f"send_candidate_message-n1-{k}-3" for k in ("3d", "1d", "2h")] + [other.job_id]
    )
    assert not redis_conn.exists("rq:job:send_candidate_message-n1-3d-2")
    assert queues.drop_scheduled(redis_conn, nudges.stale_job_ids(ctx, "n1", 3)) == 0


def job_names(handoff, kind):
    return [spec.job_id.split("-")[0] for spec in jobs_after(handoff, new_event(kind, "U"))]


def test_the_lifecycle_of_schedule_changes():
    timed = replace(
        make_handoff(), state=State.ACCEPTED, interview_start=NOW.isoformat(), schedule_version=4
    )
    assert job_names(timed, "rescheduled") == [
        "refresh_brief",
        "notify_recruiter",
        "plan_followups",
        "notify_panel",
        "drop_stale_nudges",
    ]
    assert job_names(replace(timed, state=State.OPEN), "rescheduled") == [
        "refresh_brief",
        "notify_recruiter",
        "notify_panel",
        "drop_stale_nudges",
    ]
    cancelled = replace(timed, state=State.CANCELLED, schedule_version=5)
    specs = jobs_after(cancelled, new_event("cancelled", "U"))
    assert [s.job_id.split("-")[0] for s in specs] == [
        "refresh_brief",
        "notify_recruiter",
        "notify_panel",
        "drop_stale_nudges",
        "send_candidate_message",
    ]
    assert specs[-1].job_id == "send_candidate_message-h1-cancel-5"
    assert job_names(timed, "opted_out") == ["notify_recruiter"]
    assert job_names(timed, "message_failed") == ["notify_recruiter"]


def test_candidate_settings_are_checked():
    assert nudge_offsets("3d,1d,2h") == (timedelta(days=3), timedelta(days=1), timedelta(hours=2))
    assert nudge_offsets("none") == ()
    env = {"PUBLIC_URL": "https://sr.example.com", "SECRET_KEY": "x" * 32}
    assert Settings.from_env(env).public_url == "https://sr.example.com"
    assert Settings.from_env({}).candidate_nudges == "3d,1d,2h"
    for bad, message in (
        ({"PUBLIC_URL": "https://sr.example.com"}, "SECRET_KEY is missing"),
        ({"PUBLIC_URL": "sr.example.com", "SECRET_KEY": "x" * 32}, "PUBLIC_URL must be"),
        ({"SECRET_KEY": "short"}, "at least 16"),
        ({"CANDIDATE_NUDGES": "3 days"}, "CANDIDATE_NUDGES must be"),
        ({"CANDIDATE_NUDGES": "1d,24h"}, "must not repeat"),
        ({"CANDIDATE_NUDGES": "0h"}, "CANDIDATE_NUDGES must be"),
    ):
        with pytest.raises(ConfigError, match=message):
            Settings.from_env(bad)
