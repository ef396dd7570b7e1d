"""Recovery details that the fault suite (tests/faults) exercises at random, pinned down here."""

from dataclasses import replace
from types import SimpleNamespace

import pytest
from rq.registry import ScheduledJobRegistry
from test_store import make_handoff

from conftest import MANAGER, RECRUITER
from plugin import queues
from plugin.store import HandoffStore
from workers import ledger
from workers.jobs import delivery
from workers.ledger import DeliveryLedger, left_by_a_crash
from workers.messengers.base import OutboundMessage, Recipient, TransientDeliveryError
from workers.messengers.slack import SlackMessenger
from workers.pacing import Pacer, slack_limits


def running_as(monkeypatch, job_id, retries_left, number_of_retries=None):
    job = SimpleNamespace(id=job_id, retries_left=retries_left, number_of_retries=number_of_retries)
    monkeypatch.setattr(ledger, "get_current_job", lambda: job)
    return job


def test_the_crash_retry_of_a_job_takes_over_the_send_lock_its_dead_run_left(
    redis_conn, slack, run_jobs, monkeypatch
):
    from workers import context

    messenger = SlackMessenger(context.current().slack)
    lock = "sr:sending:h1:brief"
    redis_conn.set(lock, "deliver_brief-h1/3", ex=120)  # the run SIGKILLed mid-send
    running_as(monkeypatch, "deliver_brief-h1", retries_left=2)  # RQ's crash retry of it
    DeliveryLedger(redis_conn).deliver_once(
        "h1", "brief", messenger, Recipient("slack", MANAGER), OutboundMessage("x")
    )
    assert len(slack.messages(MANAGER)) == 1
    assert not redis_conn.exists(lock)


@pytest.mark.parametrize(
    "holder",
    [
        "deliver_brief-h1/2",  # the same job enqueued twice, both copies running
        "deliver_brief-h1-paced1700000000000/3",  # another job for the same message
        "-",  # a send outside RQ
    ],
)
def test_a_live_holder_keeps_the_send_lock(redis_conn, slack, run_jobs, monkeypatch, holder):
    from workers import context

    messenger = SlackMessenger(context.current().slack)
    redis_conn.set("sr:sending:h1:brief", holder, ex=120)
    running_as(monkeypatch, "deliver_brief-h1", retries_left=2)
    with pytest.raises(TransientDeliveryError, match="already being delivered"):
        DeliveryLedger(redis_conn).deliver_once(
            "h1", "brief", messenger, Recipient("slack", MANAGER), OutboundMessage("x")
        )
    assert slack.messages(MANAGER) == []
    assert redis_conn.get("sr:sending:h1:brief").decode() == holder


def test_who_left_a_lock_by_crashing():
    assert left_by_a_crash("job-1/3", "job-1/2")
    assert not left_by_a_crash("job-1/2", "job-1/2")
    assert not left_by_a_crash("job-1/2", "job-1/3")
    assert not left_by_a_crash("job-2/3", "job-1/2")
    assert not left_by_a_crash("job-1/-", "job-1/2")
    assert not left_by_a_crash("-", "-")


def test_a_deferred_job_keeps_crash_retries_and_runs_no_earlier_than_its_moment(
    redis_conn, slack, run_jobs
):
    """RQ schedules to the whole second, dropping the fraction: the paced copy is scheduled at
    the next whole second, or it would run early, find its moment not come and queue again."""
    from workers import context

    ctx = context.current()
    pacer = Pacer(redis_conn)
    ctx.messengers["slack"] = SlackMessenger(ctx.slack, pacer)
    for _ in range(3):
        pacer.reserve(slack_limits("chat.postMessage", MANAGER))
    handoff = replace(make_handoff("d1"), team_id="T0STANDIN", recruiter_id=RECRUITER)
    HandoffStore(redis_conn).create(handoff, follow=queues.follow_with(queues.deliver_brief("d1")))
    run_jobs()
    scheduled = ScheduledJobRegistry(queue=queues.queue(queues.DELIVERIES, redis_conn))
    [paced] = scheduled.get_job_ids()
    job = queues.queue(queues.DELIVERIES, redis_conn).fetch_job(paced)
    slot = job.kwargs["paced_at"]
    assert job.retries_left == queues.CRASH_RETRIES
    due = scheduled.get_scheduled_time(paced).timestamp()
    assert slot <= due < slot + 1


@pytest.mark.parametrize(
    ("retries_left", "number_of_retries", "first"),
    [
        (queues.CRASH_RETRIES, None, True),
        (None, None, True),  # enqueued without crash retries
        (queues.CRASH_RETRIES, 1, False),  # back after a returned Retry (a 429, a 500)
        (queues.CRASH_RETRIES - 1, None, False),  # back after a crash
    ],
)
def test_a_paced_job_holds_its_moment_only_on_its_first_run(retries_left, number_of_retries, first):
    job = SimpleNamespace(retries_left=retries_left, number_of_retries=number_of_retries)
    assert delivery.first_run(job) is first
    assert delivery.first_run(None)


def test_a_job_popped_by_a_worker_that_died_before_starting_it_is_put_back(redis_conn, monkeypatch):
    """A multi-queue RQ worker pops with LPOP: dying before the start leaves the job nowhere."""
    from workers import recovery

    monkeypatch.setattr(recovery, "RECHECK_SECONDS", 0)
    monkeypatch.setattr(recovery, "LOST_AFTER_SECONDS", 0)
    for handoff_id in ("lost", "waiting", "running"):
        queues.enqueue(redis_conn, queues.deliver_brief(handoff_id))
    deliveries = queues.queue(queues.DELIVERIES, redis_conn)
    redis_conn.lrem(deliveries.key, 1, "deliver_brief-lost")  # popped; the worker died
    redis_conn.lrem(deliveries.key, 1, "deliver_brief-running")  # popped and started
    redis_conn.hset("rq:job:deliver_brief-running", "status", "started")

    requeued = recovery.requeue_lost_jobs(redis_conn, list(queues.ALL_QUEUES), lock_seconds=5)

    assert requeued == ["deliver_brief-lost"]
    assert sorted(deliveries.get_job_ids()) == ["deliver_brief-lost", "deliver_brief-waiting"]
    assert recovery.requeue_lost_jobs(redis_conn, list(queues.ALL_QUEUES), lock_seconds=5) == []


class Clock:
    def __init__(self, now=1_000_000.0):
        self.now = now
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_sends_in_a_conversation_are_a_little_more_than_the_interval_apart(redis_conn):
    """Paced jobs run on RQ's once-a-second beat: without a margin, a conversation's messages
    would go a second apart give or take a millisecond, and every other one be refused."""
    from workers.pacing import NUDGE_SECONDS, SEND_MARGIN_SECONDS, Deferred

    clock = Clock()
    pacer = Pacer(redis_conn, clock, sleep=clock.sleep)
    pacer.space("conv:D1", 1.0)
    clock.now += 1.0  # the next paced job runs exactly a second later
    pacer.space("conv:D1", 1.0)
    assert clock.slept == [SEND_MARGIN_SECONDS]
    pacer.space("conv:D2", 1.0)  # other conversations are not held up
    assert clock.slept == [SEND_MARGIN_SECONDS]
    clock.now += 0.5  # a message half a second after the last: more than a nudge away
    with pytest.raises(Deferred) as deferred:
        pacer.space("conv:D1", 1.0)
    assert deferred.value.slot == pytest.approx(clock.now + 0.5 + SEND_MARGIN_SECONDS)
    assert NUDGE_SECONDS < 0.5
    assert clock.slept == [SEND_MARGIN_SECONDS]


def test_the_worker_options_set_how_soon_a_dead_workers_work_is_picked_up(settings, redis_conn):
    from rq import Worker

    from plugin.cli import parser
    from workers.runner import SecondRoundWorker, run_worker

    seen = {}

    class Started(SecondRoundWorker):
        def work(self, *args, **kwargs):
            seen.update(
                maintenance=self.maintenance_interval,
                monitoring=self.job_monitoring_interval,
                dequeue=self.dequeue_timeout,
            )
            return True

    args = parser().parse_args(
        ["worker", "--maintenance-interval", "2", "--job-monitoring-interval", "3"]
    )
    run_worker(
        settings,
        burst=True,
        worker_class=Started,
        maintenance_interval=args.maintenance_interval,
        job_monitoring_interval=args.job_monitoring_interval,
    )
    assert seen == {"maintenance": 2, "monitoring": 3, "dequeue": 2}  # an idle worker wakes
    run_worker(settings, burst=True, worker_class=Started)
    defaults = Worker([], connection=redis_conn)
    assert seen["maintenance"] == defaults.maintenance_interval  # RQ's own when not given
    assert seen["dequeue"] == defaults.dequeue_timeout
    with pytest.raises(SystemExit):
        parser().parse_args(["worker", "--maintenance-interval", "0"])
