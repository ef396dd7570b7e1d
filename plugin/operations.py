"""`secondround status` and `secondround retry`: what the queues hold and re-running failures."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import redis
from rq import Worker
from rq.job import Job, NoSuchJobError
from rq.registry import FailedJobRegistry, ScheduledJobRegistry, StartedJobRegistry
from rq.serializers import JSONSerializer

from plugin.queues import ALL_QUEUES, queue
from plugin.store import COMPARE_AND_SET, PREFIX

MODULE_PATH = re.compile(r"^(?:[a-z_]+\.)+(?=[A-Z]\w*: )")
SHOWN_SCHEDULED = 10
SHOWN_FAILED = 20


def failure_reason(job: Job) -> str:
    """The last line of the failure: our delivery errors carry a reason safe to show."""
    result = job.latest_result()
    text = (result.exc_string if result else "") or ""
    last = text.strip().splitlines()[-1] if text.strip() else "no reason recorded"
    return MODULE_PATH.sub("", last)


def describe(job: Job) -> str:
    return f"{job.func_name.rsplit('.', 1)[-1]}({', '.join(map(str, job.args))})"


def status_report(connection: redis.Redis, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    lines = [
        "Queues",
        f"  {'queue':<12} {'waiting':>8} {'running':>8} {'scheduled':>10} {'failed':>7}",
    ]
    scheduled: list[tuple[datetime, Job]] = []
    failed: list[Job] = []
    for name in ALL_QUEUES:
        target = queue(name, connection)
        scheduled_registry = ScheduledJobRegistry(queue=target)
        failed_registry = FailedJobRegistry(queue=target)
        lines.append(
            f"  {name:<12} {target.count:>8} {StartedJobRegistry(queue=target).count:>8} "
            f"{scheduled_registry.count:>10} {failed_registry.count:>7}"
        )
        for job_id in scheduled_registry.get_job_ids(0, SHOWN_SCHEDULED - 1):
            job = target.fetch_job(job_id)
            if job is not None:
                scheduled.append((scheduled_registry.get_scheduled_time(job_id), job))
        failed += [j for j in map(target.fetch_job, failed_registry.get_job_ids()) if j]

    lines.append("\nNext scheduled")
    for when, job in sorted(scheduled, key=lambda pair: pair[0])[:SHOWN_SCHEDULED]:
        minutes = (when - now).total_seconds() / 60
        lines.append(f"  {when:%Y-%m-%d %H:%M:%S} UTC (in {minutes:,.0f} min)  {describe(job)}")
    if not scheduled:
        lines.append("  none")

    lines.append("\nWorkers")
    workers = Worker.all(connection=connection)
    for worker in workers:
        current = worker.get_current_job_id() or "idle"
        beat = worker.last_heartbeat.strftime("%H:%M:%S") if worker.last_heartbeat else "?"
        lines.append(f"  {worker.name}  {worker.get_state()}  {current}  (heartbeat {beat} UTC)")
    if not workers:
        lines.append("  none running: start one with `secondround worker`")

    lines.append("\nFailed jobs")
    for job in failed[:SHOWN_FAILED]:
        ended = job.ended_at.strftime("%Y-%m-%d %H:%M") if job.ended_at else "?"
        lines.append(f"  {job.id}  {ended}  {failure_reason(job)}")
    if len(failed) > SHOWN_FAILED:
        lines.append(f"  … and {len(failed) - SHOWN_FAILED} more")
    if not failed:
        lines.append("  none")
    return "\n".join(lines)


class RetryError(LookupError):
    """The job to retry is not a failed job."""


def retry_failed(connection: redis.Redis, job_id: str | None) -> list[str]:
    """Requeue one failed job, or every failed job when `job_id` is None; the IDs requeued."""
    requeued = []
    for name in ALL_QUEUES:
        registry = FailedJobRegistry(queue=queue(name, connection))
        for failed_id in registry.get_job_ids():
            if job_id is None or failed_id == job_id:
                registry.requeue(failed_id)
                requeued.append(failed_id)
    if job_id is not None and not requeued:
        try:
            job = Job.fetch(job_id, connection=connection, serializer=JSONSerializer)
            state = job.get_status()
        except NoSuchJobError:
            raise RetryError(f"no job {job_id!r} (it may have expired)") from None
        raise RetryError(f"job {job_id!r} has not failed (it is {state})")
    return requeued


def rotate_keys(connection: redis.Redis) -> dict[str, int]:
    """Reseal every hand-off's notes and every feedback with the first of ENCRYPTION_KEYS."""
    from plugin.crypto import sealer

    resealed = {"hand-offs": 0, "feedback": 0}
    for key in connection.scan_iter(f"{PREFIX}:handoff:*", count=500):
        raw = connection.get(key)
        if raw is None:
            continue
        record = json.loads(raw)
        record["sealed"] = sealer().reseal(record["sealed"])
        updated = json.dumps(record, separators=(",", ":"))
        if compare_and_set(connection, key, raw, updated):
            resealed["hand-offs"] += 1
    for key in connection.scan_iter(f"{PREFIX}:feedback:*", count=500):
        raw = connection.get(key)
        if raw is not None and compare_and_set(connection, key, raw, sealer().reseal(raw.decode())):
            resealed["feedback"] += 1
    return resealed


def compare_and_set(connection: redis.Redis, key: bytes, old: bytes, new: str) -> bool:
    return bool(connection.register_script(COMPARE_AND_SET)(keys=[key], args=[old, new]))
