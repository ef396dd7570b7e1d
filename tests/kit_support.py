"""Helpers for tests of scheduled work: a settable clock, and scheduled jobs run when 'due'.

RQ keeps `enqueue_at` jobs in each queue's ScheduledJobRegistry until its scheduler moves them;
the in-process test worker runs no scheduler, so `Timeline.run_until` moves the jobs due by a
moment onto their queues itself and runs them, with `Services.now` set to that moment.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from rq import SimpleWorker
from rq.registry import ScheduledJobRegistry

from conftest import MANAGER
from plugin import queues
from plugin.domain.handoff import State
from plugin.feedback_store import PanelPlanStore
from plugin.services import Services
from plugin.store import HandoffStore

# A Monday morning; the interview is the next Tuesday afternoon.
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
START = datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
END = START + timedelta(minutes=60)
CONCERNS = (
    "Tends to blame others. Struggled to handle conflict with peers. "
    "Rambled when explaining decisions."
)


# The jobs of interviewer kits and feedback; other scheduled work is left alone.
KIT_JOBS = ("send_kit-", "prompt_feedback-", "remind_feedback-", "send_debrief-")


def scheduled_jobs(redis_conn, prefixes: tuple[str, ...] = KIT_JOBS) -> dict[str, datetime]:
    """Each scheduled kit job's ID and the moment RQ will enqueue it."""
    found = {}
    for name in queues.ALL_QUEUES:
        registry = ScheduledJobRegistry(queue=queues.queue(name, redis_conn))
        for job_id in registry.get_job_ids():
            if job_id.startswith(prefixes):
                found[job_id] = registry.get_scheduled_time(job_id)
    return found


def release_due(redis_conn, until: datetime, prefixes: tuple[str, ...] = KIT_JOBS) -> list[str]:
    """Move the kit jobs due by `until` onto their queues, as the worker's scheduler would (to
    the fraction of a second: workers.runner.ExactScheduledJobRegistry)."""
    released = []
    for name in queues.ALL_QUEUES:
        queue = queues.queue(name, redis_conn)
        registry = ScheduledJobRegistry(queue=queue)
        for job_id in registry.get_jobs_to_schedule(until.timestamp()):
            if not job_id.startswith(prefixes):
                continue
            registry.remove(job_id)
            job = queue.fetch_job(job_id)
            if job is not None:
                queue.enqueue_job(job)
                released.append(job_id)
    return released


class BurstWorker(SimpleWorker):
    """A burst run needs no pubsub channel (it only carries stop commands); without it, a run
    never waits out redis-py's pubsub thread, whose join can take a whole second."""

    def subscribe(self) -> None:
        pass


def burst_runner(settings):
    """Like the `run_jobs` fixture's runner (which sets up the workers' context), faster."""
    from workers.runner import build_worker

    def run() -> None:
        build_worker(settings, BurstWorker).work(burst=True)

    return run


class Timeline:
    """The product's clock (`Services.now`) and the scheduled jobs, moved forward together.

    Create it before the hand-off: the form checks the interview time against this clock.
    """

    def __init__(self, monkeypatch, redis_conn, run_jobs, now: datetime = NOW):
        self.monkeypatch = monkeypatch
        self.redis = redis_conn
        self.run_jobs = run_jobs
        self.set(now)

    def set(self, now: datetime) -> None:
        self.now = now
        self.monkeypatch.setattr(Services, "now", staticmethod(lambda: now))

    def run_until(self, moment: datetime) -> list[str]:
        """Run everything due by `moment`, including jobs those jobs schedule before it."""
        self.set(moment)
        ran: list[str] = []
        if self.queued():
            self.run_jobs()
        while True:
            released = release_due(self.redis, moment)
            if not released:
                return ran
            ran += released
            self.run_jobs()

    def queued(self) -> int:
        return sum(queues.queue(name, self.redis).count for name in queues.ALL_QUEUES)


def accepted(handoff, run_jobs, **changes):
    """A hand-off created with the interview at START, accepted by the hiring manager."""
    changes.setdefault("interview_start", int(START.timestamp()))
    changes.setdefault("concerns", CONCERNS)
    handoff.create(**changes)
    assert handoff.click("brief_accept").status_code == 200
    run_jobs()


def stored(redis_conn):
    [found] = [
        h
        for h in HandoffStore(redis_conn).for_recruiter("T0STANDIN", "UREC")
        if h.state == State.ACCEPTED
    ]
    return found


def plan_of(redis_conn):
    plan = PanelPlanStore(redis_conn).get(stored(redis_conn).id)
    assert plan is not None and plan.hiring_manager == MANAGER
    return plan
