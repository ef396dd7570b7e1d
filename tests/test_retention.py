"""Retention and erasure: every trace of an erased hand-off goes (keys, values, jobs), the sweep
follows RETENTION_DAYS on an injected clock, `secondround forget` and `/handoff forget`."""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
import zlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from kit_support import CONCERNS, END, NOW, START, Timeline, burst_runner
from rq.registry import ScheduledJobRegistry

from conftest import CANDIDATE, INTERVIEWERS, MANAGER, RECRUITER
from plugin import queues, retention
from plugin.cli import main
from plugin.domain import feedback as domain
from plugin.domain.handoff import Handoff, ScreeningNotes, State, new_id, utc_now_iso
from plugin.feedback_store import PanelPlanStore
from plugin.slack import text
from plugin.store import HandoffStore, candidate_key, recruiter_key

TEAM = "T0STANDIN"
OTHER_RECRUITER = INTERVIEWERS[1]  # a full member who also hands candidates off
OTHER_MANAGER = INTERVIEWERS[0]
EVIDENCE = "Walked through the outage they caused, told the team within the hour."


@pytest.fixture
def run_jobs(run_jobs, settings):
    return burst_runner(settings)


@pytest.fixture
def timeline(monkeypatch, redis_conn, run_jobs):
    return Timeline(monkeypatch, redis_conn, run_jobs)


# -- helpers --------------------------------------------------------------------------------------


def values_of(redis_conn, key) -> list[bytes]:
    kind = redis_conn.type(key).decode()
    if kind == "string":
        return [redis_conn.get(key) or b""]
    if kind == "hash":
        return [part for pair in redis_conn.hgetall(key).items() for part in pair]
    if kind == "set":
        return list(redis_conn.smembers(key))
    if kind == "zset":
        return redis_conn.zrange(key, 0, -1)
    if kind == "list":
        return redis_conn.lrange(key, 0, -1)
    if kind == "stream":
        return [
            part for _, fields in redis_conn.xrange(key) for pair in fields.items() for part in pair
        ]
    return []


def readable(value: bytes) -> str:
    """The value as text, opened when it is zlib-compressed (RQ compresses job data)."""
    with contextlib.suppress(zlib.error):
        value = zlib.decompress(value)
    return value.decode(errors="replace")


def traces(redis_conn, *needles: str) -> list[str]:
    """Every key whose name or value holds one of the needles, by scanning all of Redis."""
    found = []
    for key in redis_conn.scan_iter(count=1000):
        blob = "\n".join([key.decode(), *(readable(v) for v in values_of(redis_conn, key))])
        if any(needle in blob for needle in needles):
            found.append(key.decode())
    return sorted(found)


def digest(identity: str) -> str:
    return hashlib.sha256(identity.encode()).hexdigest()


def ids_of(redis_conn, recruiter=RECRUITER) -> list[str]:
    return [h.id for h in HandoffStore(redis_conn).for_recruiter(TEAM, recruiter)]


def other_recruiters_handoff(handoff, run_jobs, redis_conn, **changes):
    """A hand-off another recruiter started (to another hiring manager), no interview time."""
    answers = dict(
        user_id=OTHER_RECRUITER,
        hiring_manager=OTHER_MANAGER,
        interviewers=[],
        interview_start=None,
        candidate_name="Olive Other",
        candidate_email="olive@example.com",
    )
    answers.update(changes)
    before = set(ids_of(redis_conn, answers["user_id"]))
    response = handoff.submit(**answers)
    assert response.status_code == 200 and not response.data, response.data
    run_jobs()
    [found] = set(ids_of(redis_conn, answers["user_id"])) - before
    return found


def feedback_prompt(slack, person):
    return next(m for m in slack.messages(person) if "kit_feedback" in json.dumps(m.get("blocks")))


def give_feedback(slack, slack_user, plan, person):
    slack_user.click("kit_feedback", user_id=person, message=feedback_prompt(slack, person))
    answers = {"recommendation": "hire"}
    for competency_id in plan.assignments[person]:
        answers[domain.rating_field(competency_id)] = "3"
        answers[domain.evidence_field(competency_id)] = EVIDENCE
    response = slack_user.submit_view(slack.last_view(person), user_id=person, answers=answers)
    assert response.status_code == 200


def ask_question(handoff, slack, slack_user, run_jobs, question="Salary range?"):
    handoff.click("brief_ask")
    slack_user.submit_view(
        slack.last_view(MANAGER), user_id=MANAGER, answers={"question": question}
    )
    run_jobs()


def stored_handoff(redis_conn, *, state=State.OPEN, at=NOW, interview=None, **fields):
    """A hand-off written straight to the store (the sweep needs no Slack)."""
    handoff = Handoff(
        id=new_id(),
        team_id=TEAM,
        recruiter_id=RECRUITER,
        hiring_manager_id=MANAGER,
        candidate_name=fields.pop("candidate_name", "Sam Stored"),
        role_title="Software engineer",
        notes=ScreeningNotes("yes", strengths="Calm under pressure."),
        created_at=utc_now_iso(at),
        candidate_email=fields.pop("candidate_email", "sam@example.com"),
        interview_start=interview.isoformat() if interview else "",
        state=state,
        acted_by=MANAGER if state != State.OPEN else "",
        acted_at=utc_now_iso(at) if state != State.OPEN else "",
        **fields,
    )
    HandoffStore(redis_conn).create(handoff)
    return handoff


# -- erasing everything ---------------------------------------------------------------------------


def test_erasing_a_handoff_leaves_no_trace_of_it_and_no_job(
    handoff, slack, slack_user, smtp, timeline, run_jobs, redis_conn
):
    other = other_recruiters_handoff(handoff, run_jobs, redis_conn)
    handoff.create(
        candidate_name="Zelda Quux",
        candidate_email="Zelda.Quux@Example.com",
        interview_start=int(START.timestamp()),
        concerns=CONCERNS,
    )
    ask_question(handoff, slack, slack_user, run_jobs)  # a thread link back to the hand-off
    handoff.click("brief_accept")
    run_jobs()
    timeline.run_until(END)  # kits, the candidate's confirmation and reminders, prompts
    [zelda] = ids_of(redis_conn)
    plan = PanelPlanStore(redis_conn).get(zelda)
    for person in plan.people[:2]:  # one still owes feedback: reminders stay scheduled
        give_feedback(slack, slack_user, plan, person)
    run_jobs()
    assert smtp.messages, "the candidate got email"

    email = "zelda.quux@example.com"
    needles = (zelda, email, "Zelda.Quux@Example.com", digest(email), "Zelda Quux")
    before = traces(redis_conn, *needles)
    for expected in (
        f"sr:handoff:{zelda}",
        f"sr:receipts:{zelda}",
        f"sr:plan:{zelda}",
        f"sr:handoff-links:{zelda}",
        f"sr:candidate:{digest(email)}",
        "rq:scheduled:scheduled",
    ):
        assert expected in before, expected
    assert any(k.startswith(f"sr:feedback:{zelda}:") for k in before)
    assert any(k.startswith("sr:thread:") for k in before)
    assert any(k.startswith("rq:job:") for k in before)
    other_before = traces(redis_conn, other)

    erased = retention.erase_handoff(redis_conn, zelda, delete_messages=True)

    assert traces(redis_conn, *needles) == []
    assert erased.count == 1 and erased.handoffs[0].candidate_name == "Zelda Quux"
    counts = erased.counts
    assert counts["handoffs"] == 1 and counts["plans"] == 1 and counts["feedback"] == 2
    assert counts["thread_links"] == 2  # the submission claim and the question's thread
    assert counts["index_entries"] >= 2 and counts["jobs"] > 0 and counts["receipts"] > 0
    assert counts["emails_unrecallable"] >= 1 and counts["messages_deleting"] > 0
    assert traces(redis_conn, other) == other_before  # the other hand-off is untouched
    assert HandoffStore(redis_conn).get(other).candidate_name == "Olive Other"

    run_jobs()  # the worker deletes the messages already posted
    for person in (RECRUITER, MANAGER, *INTERVIEWERS):
        for message in slack.messages(person):
            assert "Zelda" not in json.dumps(message), person
    assert slack.messages(OTHER_MANAGER), "the other hand-off's brief stays"
    assert traces(redis_conn, *needles) == [], "deletion jobs name no hand-off and no one"


def test_erasing_drops_jobs_from_every_registry_and_leaves_running_ones(redis_conn, settings):
    kept = stored_handoff(redis_conn)
    gone = stored_handoff(redis_conn, candidate_email="gone@example.com")
    at = NOW + timedelta(days=30)
    queues.enqueue(
        redis_conn,
        queues.deliver_brief(gone.id),
        queues.deliver_brief(kept.id),
        queues.send_kit(gone.id, MANAGER, "0", at),
        queues.send_candidate_message(gone.id, "3d", 0, at=at),
    )
    deliveries = queues.queue(queues.DELIVERIES, redis_conn)
    job = deliveries.fetch_job(queues.deliver_brief(gone.id).job_id)
    from rq.registry import FailedJobRegistry, StartedJobRegistry

    deliveries.remove(job)
    FailedJobRegistry(queue=deliveries).add(job, ttl=3600)  # as if it had failed
    running = queues.notify_recruiter(gone.id, "e1")
    queues.enqueue(redis_conn, running)
    interactive = queues.queue(queues.INTERACTIVE, redis_conn)
    running_job = interactive.fetch_job(running.job_id)
    interactive.remove(running_job)
    started = StartedJobRegistry(queue=interactive).key  # as a worker marks a running job
    redis_conn.zadd(started, {f"{running.job_id}:execution1": time.time() + 60})

    erased = retention.erase_handoff(redis_conn, gone.id)

    assert erased.counts["jobs"] == 3 and erased.counts["jobs_running"] == 1
    left = [k for k in traces(redis_conn, gone.id) if not k.startswith("rq:")]
    assert left == []
    assert [j for j in traces(redis_conn, gone.id) if running.job_id not in j] == [
        "rq:wip:interactive"
    ]
    assert deliveries.fetch_job(queues.deliver_brief(kept.id).job_id) is not None


def test_a_teams_handoff_takes_its_form_and_the_guest_candidates_reference(redis_conn):
    from plugin.teams.form import form_key
    from plugin.teams.references import References, tenant_users_key, user_key

    guest = "0f0f0f0f-1111-4222-8333-444455556666"
    handoff = Handoff(
        id=new_id(),
        team_id="tenant-1",
        recruiter_id="aad-recruiter",
        hiring_manager_id="aad-manager",
        candidate_name="Tess Teams",
        role_title="Designer",
        notes=ScreeningNotes("yes"),
        created_at=utc_now_iso(NOW),
        candidate_user_id=guest,
        platform="teams",
    )
    HandoffStore(redis_conn).create(handoff, submission_id="teams-form-f1")
    redis_conn.set(form_key("f1"), json.dumps({"candidate_name": "Tess Teams"}))
    References(redis_conn).remember_member(
        "tenant-1", "https://smba.example/", {"aadObjectId": guest, "id": "29:g", "name": "Tess"}
    )
    erased = retention.erase_handoff(redis_conn, handoff.id)
    assert erased.counts["people"] == 1
    assert traces(redis_conn, handoff.id, "Tess", digest(f"teams:{guest}")) == []
    assert not redis_conn.exists(form_key("f1"), user_key(guest))
    assert not redis_conn.sismember(tenant_users_key("tenant-1"), guest)


def test_a_job_that_was_sending_while_erased_is_tidied_by_the_sweep(redis_conn):
    gone = stored_handoff(redis_conn)
    retention.erase_handoff(redis_conn, gone.id)
    redis_conn.hset(f"sr:receipts:{gone.id}", "brief", '{"channel":"slack"}')  # written late
    redis_conn.zadd(recruiter_key(TEAM, RECRUITER), {gone.id: 1})
    report = retention.sweep(redis_conn, retention_days=180, now=NOW)
    assert report.orphans == 1 and report.pruned == 1
    assert traces(redis_conn, gone.id) == []


# -- the sweep ------------------------------------------------------------------------------------


def test_closing_follows_the_rules():
    record = {"state": "declined", "acted_at": "2026-03-02T09:00:00+00:00", "events": []}
    assert retention.due_close(record) == NOW
    interviewed = {
        "state": "accepted",
        "interview_start": START.isoformat(),
        "interview_minutes": 60,
        "created_at": NOW.isoformat(),
    }
    assert retention.due_close(interviewed) == END + retention.CLOSE_AFTER_INTERVIEW
    idle = {"state": "open", "created_at": NOW.isoformat(), "events": [{"at": START.isoformat()}]}
    assert retention.due_close(idle) == START + retention.CLOSE_WHEN_IDLE
    assert not retention.reopened(interviewed, END + timedelta(days=1))
    assert retention.reopened(interviewed, END - timedelta(days=1))  # moved after it closed
    assert not retention.reopened(record, NOW - timedelta(days=9))  # a decline stays closed


def test_the_sweep_erases_what_closed_more_than_retention_days_ago(redis_conn):
    declined = stored_handoff(redis_conn, state=State.DECLINED, at=NOW)
    interviewed = stored_handoff(redis_conn, state=State.ACCEPTED, interview=START)
    idle = stored_handoff(redis_conn, state=State.OPEN, at=NOW)
    days = 180

    def sweep(now):
        return retention.sweep(redis_conn, retention_days=days, now=now)

    def alive():
        return {h.id for h in HandoffStore(redis_conn).for_recruiter(TEAM, RECRUITER, limit=10)}

    interview_closes = END + retention.CLOSE_AFTER_INTERVIEW
    idle_closes = NOW + retention.CLOSE_WHEN_IDLE
    hour = timedelta(hours=1)

    first = sweep(NOW + timedelta(days=1))
    assert first.closed == 1 and first.erased.count == 0
    assert redis_conn.zscore(retention.CLOSED_KEY, declined.id) == NOW.timestamp()
    assert sweep(interview_closes + hour).closed == 1
    assert redis_conn.zscore(retention.CLOSED_KEY, interviewed.id) == interview_closes.timestamp()
    assert sweep(idle_closes + hour).closed == 1

    assert sweep(NOW + timedelta(days=days) - hour).erased.count == 0
    assert alive() == {declined.id, interviewed.id, idle.id}
    late = sweep(NOW + timedelta(days=days) + hour)
    assert late.erased.count == 1 and alive() == {interviewed.id, idle.id}
    assert traces(redis_conn, declined.id) == []

    assert sweep(interview_closes + timedelta(days=days) + hour).erased.count == 1
    assert alive() == {idle.id}
    assert sweep(idle_closes + timedelta(days=days) + hour).erased.count == 1
    assert alive() == set() and redis_conn.zcard(retention.CLOSED_KEY) == 0


def test_a_handoff_moved_after_it_closed_is_not_erased(redis_conn):
    moved = stored_handoff(redis_conn, state=State.ACCEPTED, interview=START)
    retention.record_close(redis_conn, moved.id, END)  # its debrief went out
    later = NOW + timedelta(days=400)
    HandoffStore(redis_conn).change(
        moved.id, lambda h: replace(h, interview_start=(later - timedelta(days=1)).isoformat())
    )
    report = retention.sweep(redis_conn, retention_days=180, now=later)
    assert report.erased.count == 0
    assert redis_conn.zscore(retention.CLOSED_KEY, moved.id) is None
    assert HandoffStore(redis_conn).find(moved.id) is not None


def test_the_debrief_starts_the_retention_clock(
    handoff, slack, slack_user, timeline, run_jobs, redis_conn
):
    handoff.create(interview_start=int(START.timestamp()))
    handoff.click("brief_accept")
    run_jobs()
    timeline.run_until(END + timedelta(minutes=5))
    [found] = ids_of(redis_conn)
    plan = PanelPlanStore(redis_conn).get(found)
    for person in plan.people:
        give_feedback(slack, slack_user, plan, person)
    run_jobs()
    assert redis_conn.zscore(retention.CLOSED_KEY, found) == timeline.now.timestamp()


def test_the_daily_sweep_runs_once_a_day_from_three_utc(redis_conn, settings, timeline, run_jobs):
    from workers.jobs.erasure import enqueue_due_sweep

    old = stored_handoff(redis_conn, state=State.CANCELLED, at=NOW - timedelta(days=200))
    assert enqueue_due_sweep(redis_conn, NOW) is True  # 09:00 UTC
    assert enqueue_due_sweep(redis_conn, NOW + timedelta(hours=5)) is False  # another worker
    run_jobs()
    assert HandoffStore(redis_conn).find(old.id) is None
    assert enqueue_due_sweep(redis_conn, NOW + timedelta(hours=8)) is False  # swept today
    next_night = datetime(2026, 3, 3, 2, 59, tzinfo=UTC)
    assert enqueue_due_sweep(redis_conn, next_night) is False  # not before 03:00
    assert enqueue_due_sweep(redis_conn, next_night + timedelta(minutes=1)) is True
    scheduled = ScheduledJobRegistry(queue=queues.queue(queues.SCHEDULED, redis_conn))
    assert scheduled.get_job_ids() == []  # nothing waits in Redis between sweeps


def test_a_long_running_worker_enqueues_the_sweep_from_its_maintenance(
    settings, redis_conn, monkeypatch
):
    from rq import Worker

    from workers.jobs import erasure
    from workers.runner import run_worker

    class OneTick(Worker):
        def work(self, *args, **kwargs):
            self.run_maintenance_tasks()  # as RQ does at start and every maintenance interval
            return True

    monkeypatch.setattr(erasure, "utc_now", lambda: NOW)
    run_worker(settings, worker_class=OneTick, burst=True)
    assert queues.queue(queues.SCHEDULED, redis_conn).job_ids == []  # not for a burst run
    run_worker(settings, worker_class=OneTick)
    assert queues.queue(queues.SCHEDULED, redis_conn).job_ids == ["daily_sweep-20260302"]


def test_retention_days_is_a_setting():
    from plugin.config import ConfigError, Settings

    assert Settings.from_env({}).retention_days == 180
    assert Settings.from_env({"RETENTION_DAYS": "30"}).retention_days == 30
    for bad in ("0", "-1", "ten", "3651"):
        with pytest.raises(ConfigError, match="RETENTION_DAYS"):
            Settings.from_env({"RETENTION_DAYS": bad})


def test_secondround_sweep_uses_retention_days(redis_conn, redis_server_url, monkeypatch, capsys):
    old = stored_handoff(
        redis_conn, state=State.DECLINED, at=datetime.now(UTC) - timedelta(days=40)
    )
    monkeypatch.setenv("REDIS_URL", redis_server_url)
    monkeypatch.setenv("RETENTION_DAYS", "60")
    assert main(["sweep"]) == 0
    assert "erased 0 hand-off(s) closed more than 60 days ago" in capsys.readouterr().out
    monkeypatch.setenv("RETENTION_DAYS", "30")
    assert main(["sweep"]) == 0
    out = capsys.readouterr().out
    assert "erased 1 hand-off(s) closed more than 30 days ago" in out
    assert "1 hand-off record(s)" in out and old.candidate_name not in out


# -- secondround forget ---------------------------------------------------------------------------


@pytest.fixture
def cli_env(monkeypatch, redis_server_url):
    monkeypatch.setenv("REDIS_URL", redis_server_url)


def test_forget_by_email_erases_every_handoff_for_the_address(
    handoff, run_jobs, redis_conn, slack, cli_env, capsys
):
    handoff.create(candidate_email="jane@example.com")
    other = other_recruiters_handoff(
        handoff, run_jobs, redis_conn, candidate_name="Jane Doe", candidate_email="JANE@example.com"
    )
    kept = other_recruiters_handoff(handoff, run_jobs, redis_conn, user_id=RECRUITER)
    [mine] = [i for i in ids_of(redis_conn) if i != kept]

    assert main(["forget", "--email", " Jane@Example.com "]) == 0
    out = capsys.readouterr().out
    assert "erased 2 hand-off(s) for Jane@Example.com" in out
    assert f"{mine}  Jane Doe, Software engineer" in out and f"{other}  Jane Doe" in out
    assert "2 hand-off record(s)" in out and "being deleted by the worker" in out
    assert traces(redis_conn, mine, other, "jane@example.com", digest("jane@example.com")) == []
    assert ids_of(redis_conn) == [kept]

    run_jobs()
    assert slack.messages(MANAGER) == [] and slack.messages(OTHER_MANAGER) != []

    assert main(["forget", "--email", "jane@example.com"]) == 1
    assert "nothing removed: no hand-off names jane@example.com" in capsys.readouterr().out


def test_forget_finds_handoffs_stored_before_the_index(redis_conn, cli_env, capsys):
    legacy = stored_handoff(redis_conn, candidate_email="lee@example.com")
    redis_conn.delete(candidate_key("lee@example.com"))
    assert main(["forget", "--email", "lee@example.com", "--keep-messages"]) == 0
    assert legacy.id in capsys.readouterr().out
    assert HandoffStore(redis_conn).find(legacy.id) is None


def test_forget_a_slack_candidate_by_their_account(handoff, redis_conn, cli_env, capsys):
    handoff.create(candidate_email=None, candidate_user_id=CANDIDATE)
    [found] = ids_of(redis_conn)
    assert main(["forget", "--user", CANDIDATE]) == 0
    assert found in capsys.readouterr().out
    assert traces(redis_conn, found, digest(f"slack:{CANDIDATE}")) == []
    assert redis_conn.keys(f"sr:person:{TEAM}:{CANDIDATE}") == []  # their cached profile


@pytest.mark.parametrize(
    "argv",
    [
        ["forget"],
        ["forget", "--email", "a@b.co", "--user", "U1"],
        ["forget", "--email", "not-an-address"],
        ["forget", "--email", "two@a.co three@b.co"],
    ],
)
def test_forget_refuses_a_malformed_request_with_exit_2(argv, cli_env, capsys):
    assert main(argv) == 2
    assert "secondround forget:" in capsys.readouterr().err


# -- /handoff forget ------------------------------------------------------------------------------


def ephemeral(response) -> dict:
    assert response.status_code == 200
    body = json.loads(response.data)
    assert body.get("response_type") == "ephemeral"
    return body


def as_message(body) -> dict:
    return {"channel": "C0GENERAL", "ts": "1700000000.000100", "blocks": body["blocks"]}


def test_a_recruiter_forgets_their_own_handoffs_after_confirming(
    handoff, slack, slack_user, run_jobs, redis_conn
):
    handoff.create(candidate_email="jane@example.com")
    [mine] = ids_of(redis_conn)
    others = other_recruiters_handoff(
        handoff, run_jobs, redis_conn, candidate_name="Jane Doe", candidate_email="jane@example.com"
    )

    prompt = ephemeral(slack_user.command("/handoff", "forget JANE@example.com", user_id=RECRUITER))
    shown = json.dumps(prompt["blocks"])
    assert "Erase 1 hand-off(s) for this candidate" in shown and "*Jane Doe* for Software" in shown
    assert HandoffStore(redis_conn).find(mine) is not None  # nothing erased on the command

    url = slack.response_url("forget")
    slack_user.click(
        "forget_confirm", user_id=RECRUITER, message=as_message(prompt), response_url=url
    )
    [answer] = slack.responses(url)
    assert answer["replace_original"] is True
    assert answer["text"].startswith("Erased 1 hand-off(s) for this candidate.")
    assert "1 hand-off record(s)" in answer["text"]
    assert "1 email(s) already reached" not in answer["text"]  # no interview yet: no email
    assert "Jane" not in answer["text"]
    assert HandoffStore(redis_conn).find(mine) is None
    assert HandoffStore(redis_conn).find(others) is not None  # another recruiter's stays

    run_jobs()
    assert slack.messages(MANAGER) == []  # the brief, deleted
    assert slack.messages(OTHER_MANAGER) != []

    listed = ephemeral(
        slack_user.command("/handoff", "forget jane@example.com", user_id=OTHER_RECRUITER)
    )
    assert "Erase 1 hand-off(s)" in json.dumps(listed["blocks"])


def test_the_confirmation_erases_only_the_clickers_handoffs(handoff, slack, slack_user, redis_conn):
    handoff.create(candidate_email="jane@example.com")
    [mine] = ids_of(redis_conn)
    prompt = ephemeral(slack_user.command("/handoff", "forget jane@example.com", user_id=RECRUITER))
    url = slack.response_url("forged")
    slack_user.click(
        "forget_confirm", user_id=OTHER_RECRUITER, message=as_message(prompt), response_url=url
    )
    assert [r["text"] for r in slack.responses(url)] == [text.FORGET_NOTHING_LEFT]
    assert HandoffStore(redis_conn).find(mine) is not None


def test_keep_them_erases_nothing(handoff, slack, slack_user, redis_conn):
    handoff.create(candidate_email="jane@example.com")
    prompt = ephemeral(slack_user.command("/handoff", "forget jane@example.com", user_id=RECRUITER))
    url = slack.response_url("kept")
    slack_user.click(
        "forget_cancel", user_id=RECRUITER, message=as_message(prompt), response_url=url
    )
    assert [r["text"] for r in slack.responses(url)] == [text.FORGET_CANCELLED]
    assert len(ids_of(redis_conn)) == 1


def test_forget_answers_usage_a_bad_address_and_no_match(handoff, slack_user, redis_conn):
    handoff.create(candidate_email="jane@example.com")
    assert ephemeral(slack_user.command("/handoff", "forget", user_id=RECRUITER))["text"] == (
        text.FORGET_USAGE
    )
    bad = ephemeral(slack_user.command("/handoff", "forget jane@@x", user_id=RECRUITER))
    assert bad["text"].startswith("`jane@@x` isn't an email address")
    none = ephemeral(slack_user.command("/handoff", "forget joe@example.com", user_id=RECRUITER))
    assert none["text"] == text.FORGET_NONE.format(address="joe@example.com")
    theirs = ephemeral(
        slack_user.command("/handoff", "forget jane@example.com", user_id=OTHER_RECRUITER)
    )
    assert theirs["text"] == text.FORGET_NONE.format(address="jane@example.com")
    assert "/handoff forget" in text.HANDOFF_USAGE
