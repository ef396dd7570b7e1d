"""Bench: a burst of hand-offs against Slack's per-conversation limit; reminders firing on time.

Part 1, the burst. Requirements: every message delivered (delivered / expected = 1.0), none
twice (duplicates = 0), and the achieved rate at least 90% of the allowed rate.

- A private redis-server and the Slack stand-in enforcing Slack's limit of one chat.postMessage
  a second per conversation (a 429 with Retry-After, nothing recorded) run here; two
  `secondround worker` processes (as shipped: jobs in the worker's process, the scheduler, paced
  per conversation) do the work.
- 1,000 hand-offs are stored as the submit listener stores them (the hand-off and its job in one
  transaction), all at once. Each calls for two messages: the brief in its hiring manager's DM
  and the confirmation in its recruiter's DM. They are spread over 20 hiring managers and 20
  recruiters, 50 messages to each DM, so at Slack's pace the burst takes about 50 s.
- Allowed rate: each DM may receive one message a second. A DM's achieved rate is its messages
  after the first, divided by the time from its first message to its last (the stand-in's
  timestamps); the share is the sum of those messages over the sum of those times, against
  1/s (so 1.0 means every DM went exactly at Slack's pace once it started). Also printed: the
  burst's makespan against the least possible (the busiest DM's messages at 1/s).
- 429s: chat.postMessage calls the stand-in refused. Messages are matched to hand-offs by the
  idempotency key in their Slack message metadata.
- Gaps: the time between consecutive messages in a DM, p10/p50/p90/max.
- CPU: the workers' CPU time and this process's (the stand-in's) over the run. Each message
  costs its job and, when paced, a second run of it at its moment: on a small machine the
  workers, not Slack's limit, may set the pace, and the achieved share says so.
- `--handoffs`, `--managers`, `--recruiters` change the burst's shape, e.g. a small one that
  the workers can keep up with: `--part burst --handoffs 60 --managers 2 --recruiters 2`.

Part 2, reminders. Requirement: p99 lateness of firing under 2 s; reported: Redis memory per
pending reminder.

- 10,000 candidate reminders are pending on the scheduled queue, enqueued as the product
  enqueues them (`queues.send_candidate_message` job specs, RQ `enqueue_at`, the product's job
  options). Redis memory per pending reminder is used_memory after minus before, divided by
  10,000, measured before any fires (the hand-offs themselves are stored before).
- 300 of them come due during the run (20 a second for 15 s); the other 9,700 stay pending
  (1 to 30 days ahead), weighing on the scheduler's registry as in a real deployment. Two
  `secondround worker` processes with the scheduler fire them. Their hand-offs are stored and
  were rescheduled since (the schedule version moved on), so each reminder runs the product's
  job, which reads the hand-off and stops: what is measured is when reminders fire, not how long
  an email takes (bench_delivery measures sending).
- Lateness of firing = the moment the job started (RQ's started_at) minus its scheduled moment.
  p50, p99 and max over the 300. The product's scheduler looks every 0.1 s; bare RQ's once a
  second, at a point in the second that varies from run to run (its p50 moves by up to a second
  between runs, the p99 much less).
- Baseline: the same with bare RQ: 10,000 no-op jobs (bench/noop_jobs.py) scheduled with
  `Queue.enqueue_at` and default options on one queue, 300 due over 15 s, two plain
  `rq worker --with-scheduler` processes.

Never asserts; prints the figures and exits 0. Everything started here is stopped on exit, on an
exception, on Ctrl-C and on SIGTERM. The machines are shared: read the baseline beside the
product figures.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import random
import signal
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402
from bench_env import environment  # noqa: E402
from rq import Queue  # noqa: E402
from rq.job import Job  # noqa: E402
from rq.registry import (  # noqa: E402
    FailedJobRegistry,
    ScheduledJobRegistry,
    StartedJobRegistry,
)
from rq.serializers import JSONSerializer  # noqa: E402

from plugin import lifecycle, queues  # noqa: E402
from plugin.config import Settings  # noqa: E402
from plugin.devtools.redis_server import PrivateRedis  # noqa: E402
from plugin.devtools.slack_standin import TEAM_ID, SlackStandIn  # noqa: E402
from plugin.devtools.worker_processes import WorkerProcess  # noqa: E402
from plugin.domain.handoff import (  # noqa: E402
    Handoff,
    ScreeningNotes,
    State,
    new_event,
    new_id,
    utc_now_iso,
)
from plugin.services import Services  # noqa: E402
from plugin.store import HandoffStore  # noqa: E402
from workers.messengers.slack import METADATA_EVENT  # noqa: E402

HANDOFFS = 1_000
MANAGERS = 20  # 50 briefs each: at Slack's pace, 50 s
RECRUITERS = 20  # 50 hand-offs each, one after the other
WORKERS = 2
BURST_TIMEOUT = 150
TARGET_SHARE = 0.90
REMINDERS = 10_000
FIRING = 300
WINDOW = 15
LEAD = 5  # seconds from enqueueing to the first reminder due (the workers start meanwhile)
TARGET_P99 = 2.0
NOOP = "noop_jobs.noop"


def make_handoff(number: int, manager: str, recruiter: str, **changes) -> Handoff:
    start = (datetime.now(UTC) + timedelta(days=7)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
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
            strengths="Explained a hard migration clearly, with the trade-offs she made.",
            concerns="Little experience owning on-call.",
            shared_feedback="Go deeper on system design trade-offs.",
        ),
        created_at=utc_now_iso(),
        interviewer_ids=("UINT1",),
        candidate_email=f"jane{number}@example.com",
        interview_start=start.isoformat(),
        **changes,
    )
    return handoff.with_event(new_event("created", recruiter))


def start_workers(stack: contextlib.ExitStack, count: int, command: list[str] | None, env):
    """`secondround worker` processes (or `command`), each stopped with its session on exit."""
    workers = []
    for number in range(count):
        worker = WorkerProcess(env, name=f"bench-{number}", command=command)
        if not os.environ.get("BENCH_KEEP_LOGS"):  # set it to keep the workers' logs
            stack.callback(worker.remove_log)
        stack.callback(worker.stop)
        workers.append(worker.start())
    return workers


def wait_registered(connection: redis.Redis, count: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if len(connection.smembers("rq:workers")) >= count:
            return
        time.sleep(0.05)
    raise RuntimeError("the workers did not start; see their logs")


def pending(connection: redis.Redis, names) -> int:
    left = 0
    for name in names:
        queue = Queue(name, connection=connection, serializer=JSONSerializer)
        left += queue.count
        left += StartedJobRegistry(queue=queue).count
        left += len(
            [j for j in ScheduledJobRegistry(queue=queue).get_job_ids() if "daily_sweep" not in j]
        )
    return left


def failed(connection: redis.Redis, names) -> int:
    return sum(
        FailedJobRegistry(queue=Queue(n, connection=connection, serializer=JSONSerializer)).count
        for n in names
    )


# -- part 1: the burst --------------------------------------------------------------------------


def sent_by_key(standin: SlackStandIn) -> tuple[Counter, dict[str, list[float]]]:
    """Messages per idempotency key, and each conversation's message timestamps."""
    counts: Counter = Counter()
    times: dict[str, list[float]] = defaultdict(list)
    for channel, records in standin.state()["messages"].items():
        for record in records:
            metadata = record.get("metadata") or {}
            if metadata.get("event_type") == METADATA_EVENT:
                counts[metadata["event_payload"]["key"]] += 1
            else:
                counts["(no key)"] += 1
            times[channel].append(float(record["ts"]))
    return counts, times


def run_burst(say: Callable[[str], None], handoffs: int, managers: int, recruiters: int) -> None:
    managers = [f"UHM{n:03d}" for n in range(managers)]
    recruiters = [f"UREC{n:03d}" for n in range(recruiters)]
    with contextlib.ExitStack() as stack:
        server = PrivateRedis()
        stack.callback(server.stop)
        server.start()
        standin = SlackStandIn(post_message_rate_per_channel=1.0)
        stack.callback(standin.stop)
        standin.start()
        for user in (*managers, *recruiters, "UINT1"):
            standin.add_user(user, name=user.lower(), tz="Europe/Berlin")
        env = environment(server.url, standin.api_url)
        connection = redis.Redis.from_url(server.url)
        stack.callback(connection.close)
        settings = Settings.from_env(env)
        warm_directory(Services(settings, connection), [*managers, *recruiters, "UINT1"])
        lookups = len(standin.calls_to("users.info"))
        workers = start_workers(stack, WORKERS, None, env)
        wait_registered(connection, WORKERS)

        store = HandoffStore(connection)
        expected = set()
        cpu_before = os.times().user + os.times().system
        began = time.time()
        for number in range(handoffs):
            manager = managers[number % len(managers)]
            recruiter = recruiters[number * len(recruiters) // handoffs]
            handoff = make_handoff(number, manager, recruiter)
            created = handoff.events[-1]
            store.create(
                handoff,
                submission_id=f"view-{handoff.id}",
                follow=lifecycle.follow(created),
            )
            expected |= {f"{handoff.id}:brief", f"{handoff.id}:notice:{created.id}"}
        stored = time.time() - began
        deadline = time.monotonic() + BURST_TIMEOUT
        time.sleep(1)
        while time.monotonic() < deadline and pending(connection, queues.ALL_QUEUES):
            time.sleep(1)  # Redis only: the stand-in's state is read once, at the end
        took = time.time() - began
        cpu_workers = sum(worker.cpu_seconds() for worker in workers)
        cpu_here = os.times().user + os.times().system - cpu_before
        counts, times = sent_by_key(standin)
        for worker in workers:
            worker.stop()
        report_burst(say, standin, connection, expected, counts, times, began, stored)
        say(
            f"  CPU                           workers and their job processes "
            f"{cpu_workers / took:.2f} CPU-seconds a second, the stand-in (this process) "
            f"{cpu_here / took:.2f}, on {os.cpu_count()} CPUs; load average "
            f"{os.getloadavg()[0]:.1f}"
        )
        extra = len(standin.calls_to("users.info")) - lookups
        if extra:
            say(f"  note: the workers made {extra} users.info calls")


def warm_directory(services: Services, people: list[str]) -> None:
    """What the submit listener leaves behind: everyone looked up and in the PersonCache."""
    from plugin.slack.app import web_client
    from plugin.slack.people import SlackDirectory

    SlackDirectory(web_client(services), services.person_cache).people(TEAM_ID, people)


def report_burst(say, standin, connection, expected, counts, times, began, stored) -> None:
    delivered = len(expected & set(counts))
    duplicates = sum(n - 1 for key, n in counts.items() if key in expected and n > 1)
    strays = sum(n for key, n in counts.items() if key not in expected)
    posts = len(standin.calls_to("chat.postMessage"))
    refused = posts - sum(counts.values())
    after_first = sum(len(ts) - 1 for ts in times.values())
    spans = sum(max(ts) - min(ts) for ts in times.values())
    share = after_first / spans if spans else 0.0
    busiest = max(len(ts) for ts in times.values())
    first = min(min(ts) for ts in times.values())
    last = max(max(ts) for ts in times.values())
    makespan = last - began
    left = pending(connection, queues.ALL_QUEUES)
    failures = failed(connection, queues.ALL_QUEUES)
    say(
        f"burst: {len(expected) // 2:,} hand-offs stored in {stored:.1f} s, {len(expected):,} "
        f"messages expected (brief + confirmation each) in {len(times)} DMs "
        f"(busiest {busiest}); {WORKERS} `secondround worker` processes; Slack stand-in at "
        f"1 chat.postMessage/s per conversation"
    )
    say(f"  delivered / expected          {delivered / len(expected):.3f}   (must be 1.0)")
    say(f"  duplicates                    {duplicates + strays}       (must be 0)")
    say(f"  429s (posts refused)          {refused}       of {posts} chat.postMessage calls")
    verdict = "PASS" if share >= TARGET_SHARE else "MISS"
    say(
        f"  achieved / allowed rate       {share:.3f}   per DM, from its first message to its "
        f"last: {after_first} messages in {spans:,.0f} DM-seconds, at 1/s allowed "
        f"(target >= {TARGET_SHARE:.2f}: {verdict})"
    )
    say(
        f"  makespan                      {makespan:.1f} s from the first store to the last "
        f"message (first message after {first - began:.1f} s); least possible at 1/s: "
        f"{busiest - 1} s ({(busiest - 1) / makespan:.2f})"
    )
    gaps = sorted(b - a for ts in map(sorted, times.values()) for a, b in itertools.pairwise(ts))
    if gaps:
        say(
            f"  gaps within a DM              p10 {percentile(gaps, 0.10):.3f} s, p50 "
            f"{percentile(gaps, 0.50):.3f} s, p90 {percentile(gaps, 0.90):.3f} s, max "
            f"{gaps[-1]:.1f} s; {sum(g >= 1.5 for g in gaps)} of {len(gaps)} over 1.5 s"
        )
    say(f"  jobs left / failed            {left} / {failures}")


# -- part 2: reminders --------------------------------------------------------------------------


def used_memory(connection: redis.Redis) -> int:
    return int(connection.info("memory")["used_memory"])


def reminder_moments(now: float, soon: list[bool], rng: random.Random) -> list[int]:
    """Those marked soon due in the window after the lead, the rest 1 to 30 days ahead. Whole
    seconds, as reminders are (they fall on whole minutes; RQ keeps whole seconds)."""
    start, number = int(now) + LEAD, 0
    moments = []
    for due_soon in soon:
        if due_soon:
            moments.append(start + WINDOW * number // FIRING)
            number += 1
        else:
            moments.append(int(now) + rng.randint(86400, 30 * 86400))
    return moments


def lateness(connection: redis.Redis, planned: dict[str, float], serializer):
    """For each job that ran: started_at minus its moment, and the two parts of that: until the
    scheduler put it on its queue (enqueued_at), then until a worker started it."""
    late, moved, waited = [], [], []
    for job_id, moment in planned.items():
        job = Job.fetch(job_id, connection=connection, serializer=serializer)
        if job.started_at is None or job.enqueued_at is None:
            continue
        started = job.started_at.replace(tzinfo=UTC).timestamp()
        enqueued = job.enqueued_at.replace(tzinfo=UTC).timestamp()
        late.append(started - moment)
        moved.append(enqueued - moment)
        waited.append(started - enqueued)
    return sorted(late), sorted(moved), sorted(waited)


def percentile(values: list[float], share: float) -> float:
    return values[int(share * (len(values) - 1))] if values else float("nan")


def wait_until_fired(connection: redis.Redis, planned: dict[str, float], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    keys = [f"rq:job:{job_id}" for job_id in planned]
    while time.monotonic() < deadline:
        with connection.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.hget(key, "ended_at")
            if all(pipe.execute()):
                return
        time.sleep(0.5)


def run_reminders(say: Callable[[str], None], kind: str) -> dict[str, float]:
    """kind "product" or "baseline"; answers the figures."""
    rng = random.Random(7)
    with contextlib.ExitStack() as stack:
        server = PrivateRedis()
        stack.callback(server.stop)
        server.start()
        env = environment(server.url, "http://127.0.0.1:9/api/")
        connection = redis.Redis.from_url(server.url)
        stack.callback(connection.close)
        for name in queues.ALL_QUEUES:  # RQ registers queues on first use: before measuring
            connection.sadd("rq:queues", queues.queue(name, connection).key)
        ids = [new_id() for _ in range(REMINDERS)]
        soon = [True] * FIRING + [False] * (REMINDERS - FIRING)
        rng.shuffle(soon)
        if kind == "product":  # the hand-offs the firing reminders read
            store = HandoffStore(connection)
            for number, handoff_id in enumerate(ids):
                if soon[number]:
                    handoff = make_handoff(number, "UHM", "UREC", state=State.ACCEPTED)
                    store.create(replace(handoff, id=handoff_id, schedule_version=2))
        now = time.time()
        moments = reminder_moments(now, soon, rng)
        before = used_memory(connection)
        planned = {}
        bare = Queue("bare", connection=connection)
        with connection.pipeline(transaction=False) as pipe:
            for handoff_id, moment in zip(ids, moments, strict=True):
                when = datetime.fromtimestamp(moment, UTC)
                if kind == "product":
                    spec = queues.send_candidate_message(handoff_id, "1d", 1, at=when)
                    queues.enqueue(connection, spec, pipeline=pipe)
                    job_id = spec.job_id
                else:
                    job_id = f"noop-{handoff_id}"
                    bare.enqueue_at(when, NOOP, handoff_id, job_id=job_id, pipeline=pipe)
                if moment < now + 86400:
                    planned[job_id] = moment
            pipe.execute()
        per_reminder = (used_memory(connection) - before) / REMINDERS
        scheduled = sum(
            ScheduledJobRegistry(queue=Queue(n, connection=connection)).count
            for n in (*queues.ALL_QUEUES, "bare")
        )
        if kind == "product":
            workers = start_workers(stack, WORKERS, None, env)
        else:
            rq = str(Path(sys.executable).parent / "rq")
            command = [rq, "worker", "--with-scheduler", "--url", server.url, "bare"]
            workers = start_workers(stack, WORKERS, command, env)
        wait_registered(connection, WORKERS)
        wait_until_fired(connection, planned, LEAD + WINDOW + 30)
        serializer = JSONSerializer if kind == "product" else None
        late, moved, waited = lateness(connection, planned, serializer)
        for worker in workers:
            worker.stop()
    return {
        "pending": scheduled,
        "bytes": per_reminder,
        "fired": len(late),
        "p50": percentile(late, 0.5),
        "p99": percentile(late, 0.99),
        "max": late[-1] if late else float("nan"),
        "moved p99": percentile(moved, 0.99),
        "waited p99": percentile(waited, 0.99),
    }


def report_reminders(say, product: dict[str, float], baseline: dict[str, float]) -> None:
    say(
        f"reminders: {REMINDERS:,} pending, {FIRING} of them due over {WINDOW} s, "
        f"{WORKERS} worker processes with the scheduler"
    )
    say(
        f"  {'':<23} {'pending':>7} {'fired':>5} {'p50':>6} {'p99':>6} {'max':>6}  "
        f"{'p99 to queue':>12} {'p99 in queue':>12} {'B/reminder':>10}"
    )
    for name, f in (("product (secondround)", product), ("baseline (bare RQ)", baseline)):
        say(
            f"  {name:<23} {f['pending']:>7,} {f['fired']:>5} {f['p50']:>5.2f}s {f['p99']:>5.2f}s "
            f"{f['max']:>5.2f}s  {f['moved p99']:>11.2f}s {f['waited p99']:>11.2f}s "
            f"{f['bytes']:>10,.0f}"
        )
    verdict = "PASS" if product["p99"] < TARGET_P99 else "MISS"
    say(
        f"  p99 lateness of firing: {product['p99']:.2f} s (target < {TARGET_P99:.0f} s: "
        f"{verdict}); in queue, product / baseline p99: "
        f"{product['waited p99']:.2f} / {baseline['waited p99']:.2f} s"
    )
    say(
        "  lateness = RQ's started_at minus the reminder's moment = until the scheduler moves it "
        "to its queue (the product's looks every 0.1 s, bare RQ's once a second) + until a "
        "worker starts it"
    )
    say(f"  memory = used_memory delta / {REMINDERS:,}, before any fired")


# -- main ---------------------------------------------------------------------------------------


def sigterm_as_interrupt(*_args) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("burst", "reminders", "both"), default="both")
    parser.add_argument("--handoffs", type=int, default=HANDOFFS)
    parser.add_argument("--managers", type=int, default=MANAGERS)
    parser.add_argument("--recruiters", type=int, default=RECRUITERS)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, sigterm_as_interrupt)
    say = lambda line: print(line, flush=True)  # noqa: E731
    began = time.monotonic()
    try:
        say(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        if args.part in ("burst", "both"):
            run_burst(say, args.handoffs, args.managers, args.recruiters)
        if args.part in ("reminders", "both"):
            baseline = run_reminders(say, "baseline")
            product = run_reminders(say, "product")
            report_reminders(say, product, baseline)
    except KeyboardInterrupt:
        say("interrupted; everything started here was stopped")
        return 130
    say(f"total {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
