"""A burst of 100 hand-offs to one hiring manager: paced to Slack's limit, not a storm of 429s.

The Slack stand-in enforces one chat.postMessage a second per conversation (answering 429 with
Retry-After and recording nothing, as Slack does). Two workers (RQ SimpleWorkers in threads) take
the jobs, with the product's pacing, as two worker processes would. They, the stand-in and RQ's
scheduled jobs share one fake clock, so a hundred seconds of pacing take a few real ones: time
moves on only when both workers are asleep (a pacing wait) or idle, to the next wake-up or to the
moment the worker's scheduler would move the next deferred job onto its queue (workers.runner's
BeatScheduler, which looks every 0.1 s and by the fraction of a second: here 0.01 s and 0.09 s
after the job's moment).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from kit_support import release_due
from rq import Queue, SimpleWorker
from rq.registry import ScheduledJobRegistry
from rq.serializers import JSONSerializer
from rq.timeouts import TimerDeathPenalty
from test_store import make_handoff

from conftest import BOT_TOKEN, ENCRYPTION_KEY, MANAGER, RECRUITER, SIGNING_SECRET
from plugin import queues
from plugin.config import Settings
from plugin.devtools.slack_standin import TEAM_ID, SlackStandIn
from plugin.services import Services
from plugin.store import HandoffStore
from workers import context
from workers.messengers.slack import SlackMessenger
from workers.pacing import Pacer
from workers.runner import build_worker

BURST = 100
WORKERS = 2
REAL_SECONDS = 30
START = 1_800_000_000.375  # fake time: reservations fall 0.375 s past whole seconds (binary-exact)


class SharedClock:
    """Fake time for the workers, the pacer and the stand-in. A worker blocks in `sleep` (the
    pacer's wait) or `idle` (nothing queued); `advance` waits until every worker is blocked and
    moves time to the earliest wake-up or `due`, whichever comes first."""

    def __init__(self, now: float, workers: int):
        self.now = now
        self.workers = workers
        self.cond = threading.Condition()
        self.blocked: dict[int, tuple] = {}  # thread → (wake-up or None when idle, done?)
        self.ticks = 0
        self.stopped = False

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self.cond:
            wake = self.now + max(0.0, seconds)
            self._block(wake, lambda: self.now >= wake)

    def idle(self) -> None:
        with self.cond:
            ticks = self.ticks
            self._block(None, lambda: self.ticks != ticks)

    def _block(self, wake: float | None, done) -> None:
        me = threading.get_ident()
        self.blocked[me] = (wake, done)
        self.cond.notify_all()
        while not done() and not self.stopped:
            self.cond.wait(timeout=1)
        del self.blocked[me]
        self.cond.notify_all()

    def all_blocked(self) -> bool:
        """Every worker waits, and none has yet to notice that its wait is over."""
        waits = list(self.blocked.values())
        return len(waits) == self.workers and not any(done() for _, done in waits)

    def advance(self, next_due, release, phase: float) -> bool:
        """Move time on once every worker is blocked, to the earliest wake-up or the scheduler's
        next poll that finds a job due; False when nothing is left to wait for."""
        with self.cond:
            deadline = time.monotonic() + 10
            while not self.all_blocked() and time.monotonic() < deadline:
                self.cond.wait(timeout=0.5)
            due = next_due()
            wakes = [wake for wake, _ in self.blocked.values() if wake is not None]
            moments = wakes + ([due + phase] if due is not None else [])
            if not moments:
                return False
            self.now = max(self.now, min(moments))
            release(self.now)
            self.ticks += 1
            self.cond.notify_all()
            return True

    def stop(self) -> None:
        with self.cond:
            self.stopped = True
            self.cond.notify_all()


class ThreadWorker(SimpleWorker):
    """RQ's SimpleWorker, run in a thread: a timer, not SIGALRM, for job timeouts; no pubsub."""

    death_penalty_class = TimerDeathPenalty

    def subscribe(self) -> None:
        pass


def work(settings: Settings, clock: SharedClock) -> None:
    worker = build_worker(settings, ThreadWorker)
    while not clock.stopped:
        found = Queue.dequeue_any(
            worker.queues, None, connection=worker.connection, serializer=JSONSerializer
        )
        if found is None:
            clock.idle()
            continue
        job, queue = found
        worker.execute_job(job, queue)


def next_due(connection) -> float | None:
    """The earliest moment at which a scheduled job becomes due (its registry score)."""
    scores = []
    for name in queues.ALL_QUEUES:
        registry = ScheduledJobRegistry(queue=queues.queue(name, connection))
        scores += [s for _, s in connection.zrange(registry.key, 0, 0, withscores=True)]
    return min(scores) if scores else None


@pytest.fixture
def paced_world(redis_conn, redis_server_url):
    """A stand-in enforcing 1 post/s per conversation and paced workers, on one fake clock."""
    clock = SharedClock(START, WORKERS)
    with SlackStandIn(post_message_rate_per_channel=1.0, clock=clock) as standin:
        standin.add_user(MANAGER, name="hank", tz="Europe/Berlin")
        standin.add_user(RECRUITER, name="rita", tz="America/New_York")
        settings = Settings(
            redis_url=redis_server_url,
            slack_bot_token=BOT_TOKEN,
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=standin.api_url,
            encryption_keys=(ENCRYPTION_KEY,),
        )
        ctx = context.WorkerContext(Services(settings, redis_conn))
        ctx.messengers["slack"] = SlackMessenger(ctx.slack, Pacer(redis_conn, clock, clock.sleep))
        context.use(ctx)
        try:
            yield clock, standin, settings
        finally:
            clock.stop()
            context.use(None)


@pytest.mark.parametrize("scheduler_phase", [0.01, 0.09])
def test_a_burst_to_one_hiring_manager_goes_at_slacks_pace_without_a_storm_of_429s(
    redis_conn, paced_world, scheduler_phase
):
    clock, standin, settings = paced_world
    store = HandoffStore(redis_conn)
    ids = [f"burst{n:03d}" for n in range(BURST)]
    for handoff_id in ids:
        handoff = replace(make_handoff(handoff_id), team_id=TEAM_ID, recruiter_id=RECRUITER)
        store.create(handoff, follow=queues.follow_with(queues.deliver_brief(handoff_id)))
    began = clock.now

    def release(now: float) -> None:
        release_due(redis_conn, datetime.fromtimestamp(now, UTC), ("deliver_brief-",))

    threads = [
        threading.Thread(target=work, args=(settings, clock), daemon=True) for _ in range(WORKERS)
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + REAL_SECONDS
    while len(standin.messages(MANAGER)) < BURST and time.monotonic() < deadline:
        if not clock.advance(lambda: next_due(redis_conn), release, scheduler_phase):
            break
    clock.stop()
    for thread in threads:
        thread.join(timeout=10)

    briefs = standin.messages(MANAGER)
    keys = Counter(m["metadata"]["event_payload"]["key"] for m in briefs)
    assert keys == Counter({f"{handoff_id}:brief": 1 for handoff_id in ids})
    refused = len(standin.calls_to("chat.postMessage")) - len(briefs)
    assert refused <= 2, f"{refused} posts answered 429"
    took = float(briefs[-1]["ts"]) - began
    share = (BURST - 1) / took  # of the allowed 1/s: the target is 90%
    print(f"{BURST} briefs in {took:.1f} s: {share:.2f} of the allowed rate, {refused} refused")
    assert share >= 0.9, f"{BURST} posts took {took:.1f} s at 1/s"
    deferrals = len(redis_conn.keys("rq:job:deliver_brief-*-paced*"))
    assert deferrals < 1.1 * BURST, f"{deferrals} deferrals for {BURST} briefs"
