"""Bench: scheduling candidate reminders for 10,000 hand-offs, and Redis memory per pending one.

Requirement: Redis memory per pending reminder under 2 KB. Also reported: the scheduling rate
(hand-offs/s and reminders/s) against a bare baseline measured in the same run.

- A private redis-server on a free port (plugin.devtools.redis_server.PrivateRedis) holds N
  accepted hand-offs with a time (1 to 30 days ahead, at office hours in one of eight candidate
  time zones, so some reminders are overdue and folded or collapsed, as in real life).
- **Product.** For each hand-off, what plan_followups does for the candidate: read the hand-off
  from the store, then workers.jobs.nudges.schedule_nudges (the policy in the candidate's zone,
  then the confirmation and every reminder enqueued in one MULTI/EXEC).
- **Baseline.** For each hand-off, the same number of bare RQ jobs (queues.enqueue with the same
  options: the confirmation now, the others with enqueue_at), a no-op taking one ID argument, in
  one MULTI/EXEC per hand-off: RQ's own cost, no reading, no policy.
- **Memory.** INFO memory used_memory before and after scheduling; the confirmation jobs are then
  removed (a worker would have sent them) and used_memory read again, so what is left is the
  pending reminders alone: their job hashes and ScheduledJobRegistry entries. Divided by the
  number of pending reminders; the same for the baseline's scheduled jobs.

The runs alternate (baseline first in odd rounds, product first in even ones), each on a flushed
database with the same hand-offs stored; the figures are medians over the rounds. The machines
are shared: read the ratio. Never asserts; prints and exits 0.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import redis  # noqa: E402
from rq.registry import ScheduledJobRegistry  # noqa: E402

from plugin import queues  # noqa: E402
from plugin.config import Settings  # noqa: E402
from plugin.crypto import new_key, use_keys  # noqa: E402
from plugin.devtools.redis_server import PrivateRedis  # noqa: E402
from plugin.domain.handoff import Handoff, ScreeningNotes, State, new_id, utc_now_iso  # noqa: E402
from plugin.services import Services  # noqa: E402
from plugin.store import HandoffStore  # noqa: E402
from workers import context  # noqa: E402
from workers.context import WorkerContext  # noqa: E402
from workers.jobs.nudges import schedule_nudges  # noqa: E402

HANDOFFS = 10_000
ROUNDS = 3
TARGET_BYTES = 2048
NOOP = "noop_jobs.noop"
ZONES = (
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Europe/London",
    "America/Sao_Paulo",
)


def sample_handoffs(count: int, now: datetime, seed: int = 7) -> list[Handoff]:
    rng = random.Random(seed)
    handoffs = []
    for number in range(count):
        day = now + timedelta(days=rng.randint(1, 30))
        start = day.replace(hour=rng.choice((8, 9, 13, 14, 15)), minute=0, second=0, microsecond=0)
        handoffs.append(
            Handoff(
                id=new_id(),
                team_id="TBENCH",
                recruiter_id="UREC",
                hiring_manager_id=f"UHM{number % 50}",
                candidate_name=f"Jane Doe {number}",
                role_title="Software engineer",
                role_id="software_engineer",
                notes=ScreeningNotes(
                    recommendation="yes",
                    strengths="Explained a hard migration clearly.",
                    concerns="Little experience owning on-call.",
                    shared_feedback="Go deeper on system design trade-offs.",
                ),
                created_at=utc_now_iso(now),
                interviewer_ids=("UINT1", "UINT2"),
                candidate_email=f"jane{number}@example.com",
                candidate_tz=rng.choice(ZONES),
                interview_start=start.isoformat(),
                state=State.ACCEPTED,
                schedule_version=1,
            )
        )
    return handoffs


@dataclass
class Totals:
    handoffs: int = 0
    jobs: int = 0
    reminders: int = 0
    seconds: float = 0.0
    bytes_all: int = 0
    bytes_reminders: int = 0

    def per_second(self, what: str) -> float:
        return getattr(self, what) / max(self.seconds, 1e-9)

    def bytes_per_reminder(self) -> float:
        return self.bytes_reminders / max(self.reminders, 1)


def used_memory(connection: redis.Redis) -> int:
    return int(connection.info("memory")["used_memory"])


def prepare(connection: redis.Redis, handoffs: list[Handoff]) -> None:
    connection.flushdb()
    store = HandoffStore(connection)
    for handoff in handoffs:
        store.create(handoff)
    # RQ registers its queues on first use; do it before measuring, for both runs alike.
    for name in queues.ALL_QUEUES:
        connection.sadd("rq:queues", queues.queue(name, connection).key)


def drop_unscheduled(connection: redis.Redis) -> None:
    """Remove the jobs sent at once (the confirmations): a worker would have run them."""
    for name in (queues.DELIVERIES, queues.INTERACTIVE):
        queue = queues.queue(name, connection)
        job_ids = queue.get_job_ids()
        with connection.pipeline(transaction=False) as pipe:
            for job_id in job_ids:
                pipe.delete(f"rq:job:{job_id}")
            pipe.delete(queue.key)
            pipe.execute()


def pending_reminders(connection: redis.Redis) -> int:
    return ScheduledJobRegistry(queue=queues.queue(queues.SCHEDULED, connection)).count


def run_product(connection: redis.Redis, handoffs: list[Handoff], ctx: WorkerContext) -> Totals:
    prepare(connection, handoffs)
    store = ctx.services.store
    before = used_memory(connection)
    jobs = 0
    began = time.perf_counter()
    for handoff in handoffs:
        jobs += len(schedule_nudges(ctx, store.get(handoff.id)))
    seconds = time.perf_counter() - began
    after = used_memory(connection)
    drop_unscheduled(connection)
    reminders = pending_reminders(connection)
    return Totals(
        len(handoffs), jobs, reminders, seconds, after - before, used_memory(connection) - before
    )


def run_baseline(connection: redis.Redis, handoffs: list[Handoff], plan: dict[str, int]) -> Totals:
    """The same number of jobs per hand-off as the product scheduled, as bare RQ no-ops."""
    prepare(connection, handoffs)
    before = used_memory(connection)
    later = datetime.now(UTC) + timedelta(days=3)
    jobs = 0
    began = time.perf_counter()
    for handoff in handoffs:
        count = plan[handoff.id]
        specs = [queues.JobSpec(NOOP, (handoff.id,), queues.DELIVERIES)]
        specs += [
            queues.JobSpec(NOOP, (handoff.id, str(n)), queues.SCHEDULED, later)
            for n in range(count - 1)
        ]
        with connection.pipeline(transaction=True) as pipe:
            queues.enqueue(connection, *specs, pipeline=pipe)
            pipe.execute()
        jobs += count
    seconds = time.perf_counter() - began
    after = used_memory(connection)
    drop_unscheduled(connection)
    reminders = pending_reminders(connection)
    return Totals(
        len(handoffs), jobs, reminders, seconds, after - before, used_memory(connection) - before
    )


def jobs_per_handoff(handoffs: list[Handoff], ctx: WorkerContext, connection) -> dict[str, int]:
    """How many jobs the product schedules for each hand-off (one throw-away product run)."""
    prepare(connection, handoffs)
    return {h.id: len(schedule_nudges(ctx, h)) for h in handoffs}


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--handoffs", type=int, default=HANDOFFS)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args()
    use_keys([new_key()])  # the hand-offs' notes are sealed, as the product stores them

    now = datetime.now(UTC)
    handoffs = sample_handoffs(args.handoffs, now)
    runs: dict[str, list[Totals]] = {"baseline (bare RQ)": [], "product": []}
    with PrivateRedis() as server:
        connection = redis.Redis.from_url(server.url)
        settings = Settings(
            redis_url=server.url,
            smtp_url="smtp://127.0.0.1:2525",
            mail_from="Second Round <hiring@example.com>",
            public_url="https://secondround.example.com",
            secret_key="bench-secret-key-0123456789",
        )
        services = Services(settings, connection)
        services.now = lambda: now  # type: ignore[method-assign] - the same plan in every round
        ctx = WorkerContext(services)
        context.use(ctx)
        try:
            plan = jobs_per_handoff(handoffs, ctx, connection)
            for number in range(args.rounds):
                order = ("baseline", "product") if number % 2 == 0 else ("product", "baseline")
                for kind in order:
                    if kind == "baseline":
                        runs["baseline (bare RQ)"].append(run_baseline(connection, handoffs, plan))
                    else:
                        runs["product"].append(run_product(connection, handoffs, ctx))
        finally:
            context.use(None)
        version = connection.info("server")["redis_version"]
        listpack = connection.config_get("hash-max-listpack-value")["hash-max-listpack-value"]

    product = runs["product"][-1]
    print(f"candidate reminders for {args.handoffs:,} hand-offs, redis {version}")
    print(
        f"  {args.rounds} rounds each, alternating; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs; hash-max-listpack-value {listpack}"
    )
    print(
        f"  per round: {product.jobs:,} jobs ({product.reminders:,} reminders pending "
        f"on the scheduled queue, {product.jobs - product.reminders:,} confirmations sent at once)"
    )
    print("scheduling rate (median of rounds)")
    rates = {}
    for name, totals in runs.items():
        rates[name] = median([t.per_second("handoffs") for t in totals])
        print(
            f"  {name:<19} {rates[name]:>9,.0f} hand-offs/s "
            f"{median([t.per_second('reminders') for t in totals]):>9,.0f} reminders/s "
            f"{median([t.per_second('jobs') for t in totals]):>9,.0f} jobs/s"
        )
    print(f"  product / baseline  {rates['product'] / max(rates['baseline (bare RQ)'], 1e-9):.2f}")
    print("redis memory (used_memory delta)")
    for name, totals in runs.items():
        per_reminder = median([t.bytes_per_reminder() for t in totals])
        per_handoff = median([t.bytes_all / max(t.handoffs, 1) for t in totals])
        print(
            f"  {name:<19} {per_reminder:>7,.0f} B per pending reminder   "
            f"{per_handoff:>7,.0f} B per hand-off incl. its confirmation job"
        )
    per_reminder = median([t.bytes_per_reminder() for t in runs["product"]])
    verdict = "PASS" if per_reminder < TARGET_BYTES else "MISS"
    print(f"  target < {TARGET_BYTES:,} B per pending reminder: {per_reminder:,.0f} B {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
