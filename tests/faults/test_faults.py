"""Delivery under faults: every expected Slack message arrives exactly once, whatever breaks.

Two real `secondround worker` processes (jobs in the worker's process, with the scheduler) work
against a
private, append-only redis-server and the Slack stand-in, which enforces Slack's one message a
second per conversation. A burst of hand-offs is stored the way the submit listener stores them
(the hand-off and its job in one transaction), some of them submitted twice and some jobs
enqueued twice. While they are delivered, a chaos thread, on a seeded plan:

- SIGKILLs busy workers (worker and scheduler: the machine went away) mid-job, at random
  moments, and both at once exactly while a post is in flight (the stand-in holds the post,
  records it, and the worker never hears back), and starts them again;
- restarts Redis (append-only file kept; a worker that lost Redis mid-job exits and is restarted);
- makes the stand-in answer 429 with Retry-After, 500, and once hold a post past the client's
  timeout.

Then it waits for quiet (every expected message in, nothing queued, running or scheduled) and
checks: each message (a brief per hand-off, a confirmation to its recruiter, and for hand-offs to
a hiring manager who left, a failure notice instead of the brief) arrived exactly once, matched
by the idempotency key in its Slack message metadata; the only failed jobs are those permanent
failures, with their reason.

What brings each message back: a dead worker's job is noticed when its heartbeat lapses (the
job's timeout, 60 s, + the job monitoring interval) and retried by RQ (Retry(max=3)); the retry
takes over the send lock its dead run left and looks the message up by its idempotency key
before posting (workers/ledger.py). A dead worker's scheduler lock lapses (61 s) and another
takes over; a job the worker had popped but not started is put back by the workers' lost-job
sweep (workers/recovery.py). Those run in the registry cleanup, every maintenance interval: the
workers run with `--maintenance-interval 2 --job-monitoring-interval 2` so that all happens
within the test (about 90 s; the seeded plan is the same each run, the timing of the kills is
not). Linux only.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
import redis
from rq.registry import FailedJobRegistry, ScheduledJobRegistry, StartedJobRegistry

from conftest import BOT_TOKEN, ENCRYPTION_KEY, SIGNING_SECRET
from plugin import lifecycle, queues
from plugin.devtools.redis_server import PrivateRedis
from plugin.devtools.service_env import service_env
from plugin.devtools.slack_standin import TEAM_ID, SlackStandIn
from plugin.devtools.worker_processes import WorkerProcess
from plugin.domain.handoff import Handoff, ScreeningNotes, new_event, new_id, utc_now_iso
from plugin.store import HandoffStore
from workers.messengers.slack import METADATA_EVENT

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None or not os.path.isdir("/proc"),
    reason="needs redis-server, and /proc to find the workers' processes",
)

SEED = 20240606
HANDOFFS = 30
MANAGERS = tuple(f"UHM{n}" for n in range(1, 9))  # 8 hiring managers, several briefs each
RECRUITERS = ("UREC1", "UREC2", "UREC3")
GONE = "UHMGONE"  # left the company: unknown to Slack, so every post to them is refused
GONE_HANDOFFS = 2
RESUBMITTED = 3  # hand-offs whose form was submitted twice
DUPLICATED_JOBS = 4  # hand-offs whose brief job was enqueued a second time
WORKER_ARGS = ("--maintenance-interval", "2", "--job-monitoring-interval", "2")
CHAOS_SECONDS = 8.5
QUIET_WITHIN = 150
POST_HELD_SECONDS = 3
TIMEOUT_HOLD_SECONDS = 11.5  # the workers' WebClient gives up after 10 s


def make_handoff(number: int, manager: str) -> Handoff:
    start = (datetime.now(UTC) + timedelta(days=7)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    recruiter = RECRUITERS[number % len(RECRUITERS)]
    handoff = Handoff(
        id=new_id(),
        team_id=TEAM_ID,
        recruiter_id=recruiter,
        hiring_manager_id=manager,
        candidate_name=f"Jane Doe {number}",
        role_title="Software Engineer",
        role_id="software_engineer",
        notes=ScreeningNotes(
            recommendation="yes",
            strengths="Explained a hard migration clearly.",
            concerns="Little experience owning on-call.",
            shared_feedback="Go deeper on system design trade-offs.",
        ),
        created_at=utc_now_iso(),
        interviewer_ids=("UINT1",),
        candidate_email=f"jane{number}@example.com",
        interview_start=start.isoformat(),
    )
    return handoff.with_event(new_event("created", recruiter))


def submit(connection: redis.Redis, handoff: Handoff, submission_id: str) -> None:
    """What the submit listener does: the hand-off and its job in one transaction."""
    created = handoff.events[-1]
    HandoffStore(connection).create(
        handoff, submission_id=submission_id, follow=lifecycle.follow(created)
    )


class Cluster:
    """The private Redis, the stand-in and the worker processes, with what the chaos did."""

    def __init__(self):
        self.server = PrivateRedis(appendonly=True)
        self.standin = SlackStandIn(post_message_rate_per_channel=1.0)
        self.workers: list[WorkerProcess] = []
        self.log: list[str] = []
        self.lock = threading.Lock()
        self.began = time.monotonic()

    def start(self, count: int) -> None:
        self.server.start()
        self.connection = redis.Redis.from_url(self.server.url)
        self.standin.start()
        for user in (*MANAGERS, *RECRUITERS, "UINT1"):
            self.standin.add_user(user, name=user.lower(), tz="Europe/Berlin")
        env = service_env(
            self.server.url,
            self.standin.api_url,
            bot_token=BOT_TOKEN,
            signing_secret=SIGNING_SECRET,
            encryption_keys=ENCRYPTION_KEY,
        )
        self.workers = [WorkerProcess(env, WORKER_ARGS, f"fault-{n}") for n in range(count)]
        for worker in self.workers:
            worker.start()

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.standin.stop()
        self.server.stop()
        for worker in self.workers:
            worker.remove_log()

    def note(self, what: str) -> None:
        with self.lock:
            self.log.append(f"{time.monotonic() - self.began:6.2f}s {what}")

    def restart_exited_workers(self) -> None:
        """The supervisor's part (systemd, Compose's restart policy): a worker that exited runs again."""
        for worker in self.workers:
            if not worker.running():
                self.note(f"{worker.name} exited ({worker.process.returncode}); started again")
                worker.stop()
                worker.start()

    def busy_worker(self, rng: random.Random, within: float = 2.0) -> WorkerProcess | None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            with contextlib.suppress(redis.ConnectionError):
                busy = [w for w in self.workers if w.running() and w.busy(self.connection)]
                if busy:
                    return rng.choice(busy)
            time.sleep(0.01)
        return None

    def kill_and_restart(self, worker: WorkerProcess, what: str) -> None:
        worker.kill()
        self.note(f"SIGKILL {worker.name} {what}: worker and scheduler")
        time.sleep(0.3)
        worker.start()
        self.note(f"{worker.name} started again")


def chaos_plan(rng: random.Random) -> list[tuple[float, str]]:
    plan = [
        (rng.uniform(0.3, 1.5), "kill worker"),
        (rng.uniform(0.5, 2.5), "slack 429"),
        (rng.uniform(1.0, 3.0), "kill mid-send"),
        (rng.uniform(1.0, 4.0), "slack 500"),
        (CHAOS_SECONDS + 0.1, "slack timeout"),  # after the kills, so the held post is not killed
        (rng.uniform(3.0, 6.0), "restart redis"),
        *((rng.uniform(0.5, CHAOS_SECONDS - 1), "kill busy worker") for _ in range(4)),
    ]
    return sorted(plan)


def run_chaos(cluster: Cluster, rng: random.Random, stop: threading.Event) -> None:
    began = time.monotonic()
    for at, action in chaos_plan(rng):
        while time.monotonic() - began < at and not stop.is_set():
            cluster.restart_exited_workers()
            time.sleep(0.02)
        if stop.is_set():
            break
        standin = cluster.standin
        if action == "kill busy worker":
            worker = cluster.busy_worker(rng)
            if worker is not None:
                time.sleep(rng.uniform(0, 0.05))  # somewhere inside the job, not at its start
                cluster.kill_and_restart(worker, "mid-job")
        elif action == "kill worker":
            worker = cluster.busy_worker(rng) or rng.choice(cluster.workers)
            cluster.kill_and_restart(worker, "at a random moment")
        elif action == "kill mid-send":
            posts = len(standin.calls_to("chat.postMessage"))
            standin.delay_next("chat.postMessage", POST_HELD_SECONDS)
            deadline = time.monotonic() + 5
            while len(standin.calls_to("chat.postMessage")) == posts:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.005)
            else:
                cluster.note("a post in flight:")
                for worker in cluster.workers:
                    cluster.kill_and_restart(worker, "while its post is held")
        elif action == "slack 429":
            standin.fail_next("chat.postMessage", status=429, retry_after=2, count=3)
            cluster.note("Slack answers the next 3 posts 429, Retry-After 2")
        elif action == "slack 500":
            standin.fail_next("chat.postMessage", status=500, count=2)
            standin.fail_next("conversations.history", status=503, count=1)
            cluster.note("Slack answers the next 2 posts 500 and a history 503")
        elif action == "slack timeout":
            posts = len(standin.calls_to("chat.postMessage"))
            standin.delay_next("chat.postMessage", TIMEOUT_HOLD_SECONDS)
            while len(standin.calls_to("chat.postMessage")) == posts and not stop.is_set():
                cluster.restart_exited_workers()
                time.sleep(0.02)
            cluster.note(f"Slack holds a post {TIMEOUT_HOLD_SECONDS} s (past the client's timeout)")
        elif action == "restart redis":
            cluster.server.restart()
            cluster.note("Redis restarted")
    while not stop.is_set():
        cluster.restart_exited_workers()
        time.sleep(0.1)


def sent_keys(standin: SlackStandIn) -> Counter:
    """How many messages the stand-in holds under each idempotency key."""
    counts: Counter = Counter()
    for records in standin.state()["messages"].values():
        for record in records:
            metadata = record.get("metadata") or {}
            if metadata.get("event_type") == METADATA_EVENT:
                counts[metadata["event_payload"]["key"]] += 1
            else:
                counts["(no key)"] += 1
    return counts


def expected_keys(connection: redis.Redis, ok: list[str], gone: list[str]) -> set[str] | None:
    """Every message that must arrive; None while a failure notice's event is not written yet."""
    store = HandoffStore(connection)
    keys = set()
    for handoff_id in (*ok, *gone):
        handoff = store.get(handoff_id)
        created = [e for e in handoff.events if e.kind == "created"]
        keys.add(f"{handoff_id}:notice:{created[0].id}")
        if handoff_id in ok:
            keys.add(f"{handoff_id}:brief")
            continue
        failures = [e for e in handoff.events if e.kind == "delivery_failed"]
        if len(failures) != 1:
            return None
        keys.add(f"{handoff_id}:notice:{failures[0].id}")
    return keys


def pending_jobs(connection: redis.Redis) -> list[str]:
    """Jobs queued, running or scheduled (the daily retention sweep aside)."""
    left = []
    for name in queues.ALL_QUEUES:
        queue = queues.queue(name, connection)
        left += queue.get_job_ids()
        left += StartedJobRegistry(queue=queue).get_job_ids()
        left += ScheduledJobRegistry(queue=queue).get_job_ids()
    return [job_id for job_id in left if not job_id.startswith("daily_sweep")]


def failed_jobs(connection: redis.Redis) -> dict[str, str]:
    found = {}
    for name in queues.ALL_QUEUES:
        queue = queues.queue(name, connection)
        for job_id in FailedJobRegistry(queue=queue).get_job_ids():
            job = queue.fetch_job(job_id)
            found[job_id] = (job.latest_result().exc_string or "") if job else ""
    return found


def describe(connection: redis.Redis, job_ids: list[str]) -> str:
    """Where each job stands, for a failure message."""
    lines = []
    for job_id in job_ids:
        for name in queues.ALL_QUEUES:
            job = queues.queue(name, connection).fetch_job(job_id)
            if job is not None:
                result = job.latest_result()
                lines.append(
                    f"{job_id}: {job.get_status()}, crash retries left {job.retries_left}, "
                    f"returned retries {job.number_of_retries}, last result "
                    f"{result.type.name if result else None}: "
                    f"{(result.exc_string or '')[-300:] if result else ''}"
                )
                break
    return "\n".join(lines)


def wait_for_quiet(cluster: Cluster, connection, ok, gone) -> tuple[set[str] | None, list[str]]:
    deadline = time.monotonic() + QUIET_WITHIN
    expected, left = None, ["(not looked)"]
    while time.monotonic() < deadline:
        try:
            expected = expected_keys(connection, ok, gone)
            left = pending_jobs(connection)
        except redis.ConnectionError:
            time.sleep(0.2)
            continue
        if expected is not None and not left and expected <= set(sent_keys(cluster.standin)):
            return expected, left
        time.sleep(0.25)
    return expected, left


def test_every_message_arrives_exactly_once_through_crashes_restarts_and_slack_faults():
    rng = random.Random(SEED)
    cluster = Cluster()
    stop = threading.Event()
    chaos = None
    try:
        cluster.start(count=2)
        connection = redis.Redis.from_url(cluster.server.url)
        handoffs = [make_handoff(n, MANAGERS[n % len(MANAGERS)]) for n in range(HANDOFFS)]
        gone_handoffs = [make_handoff(HANDOFFS + n, GONE) for n in range(GONE_HANDOFFS)]
        ok = [h.id for h in handoffs]
        gone = [h.id for h in gone_handoffs]
        for handoff in [*handoffs, *gone_handoffs]:
            submit(connection, handoff, f"view-{handoff.id}")
        for handoff in handoffs[:RESUBMITTED]:  # the same form submitted again: a new ID, same view
            again = make_handoff(99, handoff.hiring_manager_id)
            submit(connection, again, f"view-{handoff.id}")
        for handoff in handoffs[-DUPLICATED_JOBS:]:
            queues.enqueue(connection, queues.deliver_brief(handoff.id))
        cluster.began = time.monotonic()
        chaos = threading.Thread(target=run_chaos, args=(cluster, rng, stop), daemon=True)
        chaos.start()

        expected, left = wait_for_quiet(cluster, connection, ok, gone)
        stop.set()
        chaos.join(timeout=10)
        took = time.monotonic() - cluster.began
        story = "\n".join(cluster.log) + f"\nquiet after {took:.1f} s"
        sent = sent_keys(cluster.standin)
        failed = failed_jobs(connection)

        assert expected is not None, f"a failure notice event is missing\n{story}"
        missing = sorted(expected - set(sent))
        twice = {key: n for key, n in sent.items() if n > 1}
        strays = sorted(set(sent) - expected)
        assert not left, f"jobs never finished:\n{describe(connection, left)}\n{story}"
        assert not missing, f"{len(missing)} messages never arrived: {missing}\n{story}"
        assert not twice, f"messages sent more than once: {twice}\n{story}"
        assert not strays, f"unexpected messages: {strays}\n{story}"
        assert len(sent) == 2 * HANDOFFS + 2 * GONE_HANDOFFS
        # A paced job runs again under a new ID; a worker killed between the deferral and the
        # end of the job leaves the first to be retried too: both fail for the same refusal.
        failed_briefs = {job_id.split("-paced")[0] for job_id in failed}
        assert failed_briefs == {f"deliver_brief-{g}" for g in gone}, f"{failed}\n{story}"
        for reason in failed.values():  # the post refused, or the look-up after a failed attempt
            assert "PermanentDeliveryError" in reason, reason
            assert "(channel_not_found)" in reason or "(user_not_found)" in reason, reason
        # The plan really happened: the workers met each fault (their own log lines say so).
        assert any("mid-job: worker and scheduler" in line for line in cluster.log), story
        assert any("Redis restarted" in line for line in cluster.log), story
        logs = "".join(w.log_path.read_text(errors="replace") for w in cluster.workers)
        for sign in (
            "will retry in 2s: rate limited by Slack",
            "Slack answered HTTP 500",
            "Slack unreachable",
        ):
            assert sign in logs, f"no worker met the fault behind {sign!r}\n{story}"
        print(story)
    finally:
        stop.set()
        if chaos is not None:
            chaos.join(timeout=10)
        if os.environ.get("FAULTS_KEEP_LOGS"):  # a directory to copy the workers' logs to
            for worker in cluster.workers:
                shutil.copy(worker.log_path, os.environ["FAULTS_KEEP_LOGS"])
        cluster.stop()
