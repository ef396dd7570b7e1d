"""Brief delivery jobs: once only, retried after Retry-After, permanent failures reported."""

from datetime import UTC, datetime

from rq.registry import FailedJobRegistry, ScheduledJobRegistry
from test_store import make_handoff

from conftest import MANAGER, RECRUITER
from plugin import queues
from plugin.store import HandoffStore
from workers.ledger import DeliveryLedger


def stored_with_brief_job(redis_conn, handoff_id="b1"):
    handoff = make_handoff(handoff_id)
    handoff = handoff.__class__(
        **{**handoff.__dict__, "team_id": "T0STANDIN", "recruiter_id": RECRUITER}
    )
    HandoffStore(redis_conn).create(
        handoff, follow=queues.follow_with(queues.deliver_brief(handoff_id))
    )
    return handoff


def test_a_duplicated_job_delivers_one_brief(redis_conn, slack, run_jobs):
    stored_with_brief_job(redis_conn)
    run_jobs()
    queues.enqueue(redis_conn, queues.deliver_brief("b1"))
    run_jobs()
    assert len(slack.messages(MANAGER)) == 1
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_a_rate_limited_brief_is_rescheduled_after_retry_after(redis_conn, slack, run_jobs):
    stored_with_brief_job(redis_conn)
    slack.fail_next("chat.postMessage", status=429, retry_after=7)
    run_jobs()
    assert slack.messages(MANAGER) == []
    deliveries = queues.queue(queues.DELIVERIES, redis_conn)
    scheduled = ScheduledJobRegistry(queue=deliveries)
    assert scheduled.get_job_ids() == ["deliver_brief-b1"]
    wait = scheduled.get_scheduled_time("deliver_brief-b1") - datetime.now(UTC)
    assert 5 <= wait.total_seconds() <= 8


def test_a_server_error_is_retried_with_backoff(redis_conn, slack, run_jobs):
    stored_with_brief_job(redis_conn)
    slack.fail_next("chat.postMessage", status=500)
    run_jobs()
    registry = ScheduledJobRegistry(queue=queues.queue(queues.DELIVERIES, redis_conn))
    assert registry.get_job_ids() == ["deliver_brief-b1"]
    assert DeliveryLedger(redis_conn).receipt("b1", "brief") is None


def test_a_permanent_error_fails_the_job_and_tells_the_recruiter(redis_conn, slack, run_jobs):
    stored_with_brief_job(redis_conn)
    slack.fail_next("chat.postMessage", status=200, error="account_inactive")
    run_jobs()
    failed = FailedJobRegistry(queue=queues.queue(queues.DELIVERIES, redis_conn))
    assert failed.get_job_ids() == ["deliver_brief-b1"]
    job = queues.queue(queues.DELIVERIES, redis_conn).fetch_job("deliver_brief-b1")
    assert "account is deactivated" in job.latest_result().exc_string
    [notice] = slack.messages(RECRUITER)
    assert "couldn't deliver the brief for *Jane Doe*" in notice["text"]
    assert "deactivated (account_inactive)" in notice["text"]
    assert "Sharp" not in notice["text"] and "Sharp" not in job.latest_result().exc_string
