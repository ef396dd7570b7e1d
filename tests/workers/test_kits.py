"""Interviewer kits through the worker: planned once, scheduled by the timing policy in each
panellist's zone, sent once, never for a stale time or a closed hand-off; reminders chained."""

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from kit_support import (
    END,
    NOW,
    START,
    Timeline,
    accepted,
    burst_runner,
    plan_of,
    release_due,
    scheduled_jobs,
    stored,
)

from conftest import INTERVIEWERS, MANAGER, RECRUITER
from plugin.config import ConfigError, Settings
from plugin.domain.feedback import Feedback, Rating
from plugin.domain.handoff import ScreeningNotes, State
from plugin.domain.question_bank import load_bank
from plugin.domain.schedule import feedback_reminder_times, kit_send_time
from plugin.feedback_store import FeedbackStore
from plugin.store import HandoffStore
from workers import context
from workers.jobs.kits import plan_for

ZONES = {MANAGER: "Europe/Berlin", INTERVIEWERS[0]: "Asia/Kolkata", INTERVIEWERS[1]: "UTC"}
PANEL = (MANAGER, *INTERVIEWERS)


@pytest.fixture
def run_jobs(run_jobs, settings):
    """The shared fixture's in-process worker (it sets up the context), without pubsub."""
    return burst_runner(settings)


@pytest.fixture
def timeline(monkeypatch, redis_conn, run_jobs):
    return Timeline(monkeypatch, redis_conn, run_jobs)


def kits_of(slack, person):
    return [m for m in slack.messages(person) if m["text"].startswith("Interview kit")]


def rendered(message):
    return json.dumps(message["blocks"], ensure_ascii=False)


def submit_directly(redis_conn, handoff_id, person):
    plan = plan_of(redis_conn)
    ratings = tuple(
        Rating(c, 3, "Gave a clear, specific example.") for c in plan.assignments[person]
    )
    return FeedbackStore(redis_conn).submit(
        Feedback(handoff_id, person, ratings, "hire", submitted_at=NOW.isoformat())
    )


def test_accepting_schedules_kits_and_prompts_at_the_policy_times(
    handoff, timeline, redis_conn, run_jobs
):
    accepted(handoff, run_jobs)
    record = stored(redis_conn)
    jobs = scheduled_jobs(redis_conn)
    for person in PANEL:
        kit = f"send_kit-{record.id}-{person}-{record.schedule_version}"
        prompt = f"prompt_feedback-{record.id}-{person}-{record.schedule_version}"
        assert jobs[kit] == kit_send_time(NOW, START, ZONES[person])
        assert jobs[prompt] == END
    assert len(jobs) == 2 * len(PANEL)
    # By hand, for the record: a day ahead, inside working hours in their own zone.
    assert jobs[f"send_kit-{record.id}-{INTERVIEWERS[0]}-0"] == datetime(
        2026, 3, 9, 11, 30, tzinfo=UTC
    )  # 17:00 in Kolkata: the interview is 19:30 there


def test_kit_and_reminder_times_follow_each_zone_across_a_dst_change(
    handoff, slack, timeline, redis_conn, run_jobs
):
    # New York moves to summer time on Sunday 8 March 2026; the interview is on Monday 9th.
    slack.add_user(
        INTERVIEWERS[1], name="omar", real_name="Omar Interviewer", tz="America/New_York"
    )
    start = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)
    accepted(handoff, run_jobs, interview_start=int(start.timestamp()))
    record = stored(redis_conn)
    kit_id = f"send_kit-{record.id}-{INTERVIEWERS[1]}-0"
    kit_at = scheduled_jobs(redis_conn)[kit_id]
    assert kit_at == kit_send_time(NOW, start, "America/New_York")
    assert kit_at == datetime(2026, 3, 6, 15, 0, tzinfo=UTC)  # Friday 10:00 EST, not Sunday

    end = start + timedelta(hours=1)
    expected = feedback_reminder_times(end, "America/New_York")
    assert expected[1] == datetime(2026, 3, 10, 14, 0, tzinfo=UTC)  # 10:00 EDT
    timeline.run_until(end)
    seen = []
    for number, moment in enumerate(expected, start=1):
        job_id = f"remind_feedback-{record.id}-{INTERVIEWERS[1]}-0-{number}"
        assert scheduled_jobs(redis_conn)[job_id] == moment
        seen.append(moment)
        timeline.run_until(moment)
    assert seen == expected


def test_each_panellist_gets_their_own_kit_without_the_recommendation(
    handoff, slack, timeline, redis_conn, run_jobs
):
    accepted(handoff, run_jobs)
    timeline.run_until(START - timedelta(hours=1))
    plan = plan_of(redis_conn)
    bank = load_bank(None)
    assert plan.concern_competencies == ("ownership", "conflict_resolution", "communication")
    assert plan.assignments[MANAGER] == ["ownership", "conflict_resolution"]

    for person in PANEL:
        [kit] = kits_of(slack, person)
        blocks, text = kit["blocks"], rendered(kit)
        assert "Jane Doe" in text and "Software engineer" in text
        assert "Recruiter's recommendation" not in text
        assert "worth a closer look" not in text  # the recruiter's "yes"
        assert "Explained a hard migration" not in text  # strengths stay in the brief
        assert len(blocks) <= 50
        for competency_id in plan.assignments[person]:
            competency = bank.competencies[competency_id]
            assert f"*{competency.name}*" in text
            questions = bank.questions_for("software_engineer", competency_id, 3)
            assert len(questions) == 3
            for question in questions:
                [block] = [b for b in blocks if question.text in b.get("text", {}).get("text", "")]
                assert question.probes[0] in block["text"]["text"]
                assert "Strong answer" in block["text"]["text"]
        others = set(plan.competencies) - set(plan.assignments[person])
        for competency_id in others:
            for question in bank.questions_for("software_engineer", competency_id, 3):
                assert question.text not in text

    communicator = plan.owner_of("communication")
    assert communicator in INTERVIEWERS
    assert "Rambled when explaining decisions." in rendered(kits_of(slack, communicator)[0])

    hm_kit = rendered(kits_of(slack, MANAGER)[0])
    assert "Who covers what" in hm_kit
    for person in PANEL:
        assert f"<@{person}>" in hm_kit
    assert "Tends to blame others." in hm_kit and "Struggled to handle conflict" in hm_kit
    interviewer_kit = rendered(kits_of(slack, INTERVIEWERS[0])[0])
    assert "Who covers what" not in interviewer_kit


def test_the_kit_shows_the_time_in_the_readers_zone(handoff, slack, timeline, run_jobs):
    accepted(handoff, run_jobs)
    timeline.run_until(START - timedelta(hours=1))
    assert "Tue 10 Mar 2026, 15:00–16:00 CET" in rendered(kits_of(slack, MANAGER)[0])
    assert "Tue 10 Mar 2026, 19:30–20:30 IST" in rendered(kits_of(slack, INTERVIEWERS[0])[0])


def test_a_kit_job_run_twice_sends_one_kit(handoff, slack, timeline, redis_conn, run_jobs):
    from plugin import queues

    accepted(handoff, run_jobs)
    timeline.run_until(START)
    record = stored(redis_conn)
    queues.enqueue(redis_conn, queues.send_kit(record.id, MANAGER, "0", NOW))
    timeline.run_until(START)
    assert len(kits_of(slack, MANAGER)) == 1


def test_kits_for_a_stale_time_or_a_closed_handoff_are_not_sent(
    handoff, slack, timeline, redis_conn, run_jobs
):
    accepted(handoff, run_jobs)
    record = stored(redis_conn)
    store = HandoffStore(redis_conn)
    store.change(record.id, lambda h: replace(h, schedule_version=h.schedule_version + 1))
    timeline.run_until(END + timedelta(days=10))
    assert all(kits_of(slack, p) == [] for p in PANEL)
    assert all(len(slack.messages(p)) == (1 if p == MANAGER else 0) for p in PANEL)  # the brief

    store.change(record.id, lambda h: replace(h, schedule_version=0, state=State.CANCELLED))
    from plugin import queues

    queues.enqueue(redis_conn, queues.send_kit(record.id, MANAGER, "0", NOW))
    queues.enqueue(redis_conn, queues.prompt_feedback(record.id, MANAGER, "0", NOW))
    timeline.run_until(END + timedelta(days=11))
    assert kits_of(slack, MANAGER) == []
    assert scheduled_jobs(redis_conn) == {}


def test_a_new_interview_time_sends_a_fresh_kit_and_retires_the_old_jobs(
    handoff, slack, timeline, redis_conn, run_jobs
):
    from plugin import queues

    accepted(handoff, run_jobs)
    timeline.run_until(START - timedelta(hours=2))
    record = stored(redis_conn)
    later = START + timedelta(days=2)  # Thursday
    HandoffStore(redis_conn).change(
        record.id,
        lambda h: replace(h, interview_start=later.isoformat(), schedule_version=1),
    )
    plan_before = plan_of(redis_conn)
    queues.enqueue(redis_conn, queues.plan_followups(record.id, 1))
    timeline.run_until(later + timedelta(hours=1))
    timeline.run_until(later + timedelta(hours=2))
    for person in PANEL:
        first, second = kits_of(slack, person)
        assert "replaces the one you had" in rendered(second)
        assert "Thu 12 Mar 2026" in rendered(second) and "Tue 10 Mar" in rendered(first)
        prompts = prompts_of(slack, person)
        assert len(prompts) == 2  # the prompt and one reminder, both for the new time only
    assert plan_of(redis_conn) == plan_before  # who covers what stays put


def prompts_of(slack, person):
    return [m for m in slack.messages(person) if "kit_feedback" in json.dumps(m.get("blocks"))]


def test_reminders_come_at_most_five_times_and_stop_after_submitting(
    handoff, slack, timeline, redis_conn, run_jobs
):
    accepted(handoff, run_jobs)
    record = stored(redis_conn)
    timeline.run_until(END)
    assert all(len(prompts_of(slack, p)) == 1 for p in PANEL)
    submit_directly(redis_conn, record.id, INTERVIEWERS[0])

    timeline.run_until(END + timedelta(hours=1))
    for day in range(1, 8):  # noon UTC each day: that day's reminder is due in every zone
        timeline.run_until(END.replace(hour=12) + timedelta(days=day))
    timeline.run_until(END + timedelta(days=30))
    assert len(prompts_of(slack, INTERVIEWERS[0])) == 1  # the prompt, no reminder
    for person in (MANAGER, INTERVIEWERS[1]):
        texts = [m["text"] for m in prompts_of(slack, person)]
        assert len(texts) == 1 + 5, texts
        assert "Reminder 5 of 5: the last one." in rendered(prompts_of(slack, person)[-1])
    assert scheduled_jobs(redis_conn) == {}


def test_reminders_stop_when_the_handoff_is_closed(handoff, slack, timeline, redis_conn, run_jobs):
    accepted(handoff, run_jobs)
    record = stored(redis_conn)
    timeline.run_until(END)
    timeline.run_until(END + timedelta(hours=1))
    before = {p: len(prompts_of(slack, p)) for p in PANEL}
    assert before == {p: 2 for p in PANEL}  # the prompt and the first reminder
    HandoffStore(redis_conn).change(record.id, lambda h: replace(h, state=State.CANCELLED))
    timeline.run_until(END + timedelta(days=30))
    assert {p: len(prompts_of(slack, p)) for p in PANEL} == before


def test_a_worker_back_after_days_sends_one_reminder_not_a_burst(
    handoff, slack, timeline, redis_conn, run_jobs
):
    accepted(handoff, run_jobs)
    timeline.run_until(END)
    timeline.run_until(END + timedelta(days=3, hours=2))  # Friday noon UTC: three were due
    for person in PANEL:
        assert len(prompts_of(slack, person)) == 2  # the prompt, then one reminder


def test_the_plan_uses_the_general_profile_for_a_typed_role():
    bank = load_bank(None)
    from test_store import make_handoff

    base = replace(
        make_handoff(), interviewer_ids=("UA", "UB"), notes=ScreeningNotes("yes", concerns="")
    )
    typed = plan_for(bank, replace(base, role_id=""))
    assert typed.competencies == bank.roles["general"].competencies
    with_concerns = plan_for(
        bank,
        replace(
            base,
            role_id="designer",
            competencies=("ownership",),
            notes=ScreeningNotes("yes", concerns="Vague about their own part."),
        ),
    )
    assert with_concerns.competencies[: len(bank.roles["designer"].competencies)] == (
        bank.roles["designer"].competencies
    )
    assert set(with_concerns.concern_competencies) == {"communication", "ownership"}
    assert with_concerns.assignments["UHM"][:2] == ["communication", "ownership"]


def test_questions_per_competency_is_a_setting(
    handoff, slack, settings, timeline, redis_conn, run_jobs
):
    from workers import context

    ctx = context.current()
    ctx.services.settings = replace(settings, questions_per_competency=2)
    accepted(handoff, run_jobs)
    timeline.run_until(START)
    kit = kits_of(slack, INTERVIEWERS[1])[0]
    numbered = [b for b in kit["blocks"] if b.get("text", {}).get("text", "").startswith("*2. ")]
    assert numbered and not [
        b for b in kit["blocks"] if b.get("text", {}).get("text", "").startswith("*3. ")
    ]

    assert Settings.from_env({}).questions_per_competency == 3
    assert Settings.from_env({"QUESTIONS_PER_COMPETENCY": "5"}).questions_per_competency == 5
    for bad in ("0", "11", "three", "-1"):
        with pytest.raises(ConfigError, match="QUESTIONS_PER_COMPETENCY"):
            Settings.from_env({"QUESTIONS_PER_COMPETENCY": bad})


def test_the_debrief_waits_for_everyone_and_goes_once(
    handoff, slack, timeline, redis_conn, run_jobs
):
    from plugin import queues

    accepted(handoff, run_jobs)
    record = stored(redis_conn)
    timeline.run_until(END)
    for person in PANEL[:2]:
        submit_directly(redis_conn, record.id, person)
    queues.enqueue(redis_conn, queues.send_debrief(record.id))
    run_jobs()
    debriefs = [m for m in slack.messages(RECRUITER) if m["text"].startswith("Debrief")]
    assert debriefs == []
    submit_directly(redis_conn, record.id, PANEL[2])
    for _ in range(2):
        queues.enqueue(redis_conn, queues.send_debrief(record.id))
        run_jobs()
    for reader in (MANAGER, RECRUITER):
        assert len([m for m in slack.messages(reader) if m["text"].startswith("Debrief")]) == 1
    for person in INTERVIEWERS:
        assert not [m for m in slack.messages(person) if m["text"].startswith("Debrief")]


def test_a_failed_time_zone_lookup_plans_in_utc_and_retries_the_kit(
    handoff, slack, timeline, redis_conn, run_jobs
):
    handoff.create(interview_start=int(START.timestamp()), concerns="")
    redis_conn.delete(*redis_conn.keys("sr:person:*"))
    context.current().services.person_cache.forget_local()
    slack.fail_next("users.info", status=500, count=1000)
    handoff.click("brief_accept")
    run_jobs()
    record = stored(redis_conn)
    jobs = scheduled_jobs(redis_conn)
    assert jobs[f"send_kit-{record.id}-{MANAGER}-0"] == kit_send_time(NOW, START, "UTC")

    timeline.run_until(START - timedelta(hours=3))
    assert kits_of(slack, MANAGER) == []  # still failing: retried later, not lost
    assert f"send_kit-{record.id}-{MANAGER}-0" in scheduled_jobs(redis_conn)
    slack.reset()
    # RQ schedules the retry on the real clock, a few seconds from now.
    retry = datetime.now(UTC) + timedelta(hours=2)
    assert set(release_due(redis_conn, retry, ("send_kit-",))) == {
        f"send_kit-{record.id}-{person}-0" for person in PANEL
    }
    run_jobs()
    assert all(len(kits_of(slack, person)) == 1 for person in PANEL)
