"""Jobs RQ took off a queue for a worker that died before starting them, put back on the queue.

A worker on several queues (ours listen on all three) takes a job with LPOP; RQ's reliable move
to an intermediate list, and its cleanup, serve single-queue workers only. A worker killed, or
cut off by a Redis restart, in the milliseconds between that pop and the job's start leaves the
job in no queue and no registry, its status still "queued": RQ would never run it, and a
hand-off's brief would never go. Each worker's registry cleanup (every maintenance interval)
also runs this sweep: a job that is queued but on no queue list, and still so a moment later,
is enqueued again. Jobs are idempotent, so the rare false alarm (a worker stalled for longer
than that moment between its pop and the start) costs a second run, never a second message.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

import redis
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer
from rq.utils import str_to_date

from plugin.queues import queue
from plugin.store import PREFIX

log = logging.getLogger(__name__)

JOB_KEYS = "rq:job:*"
LOST_AFTER_SECONDS = 10
RECHECK_SECONDS = 1.0
SWEEP_LOCK = f"{PREFIX}:lost-jobs-sweep"


def _queued_off_list(connection: redis.Redis, names: list[str], older_than: float) -> list[str]:
    """IDs of jobs queued on one of `names`, on no queue list, enqueued before `older_than`."""
    listed: set[bytes] = set()
    for name in names:
        key = queue(name, connection).key
        listed.update(connection.lrange(key, 0, -1))
        listed.update(connection.lrange(f"{key}:intermediate", 0, -1))  # RQ's own safety net
    keys = [k for k in connection.scan_iter(match=JOB_KEYS, count=1000) if k.count(b":") == 2]
    with connection.pipeline(transaction=False) as pipe:
        for key in keys:
            pipe.hmget(key, "status", "origin", "enqueued_at")
        fields = pipe.execute()
    origins = {name.encode() for name in names}
    lost = []
    for key, (status, origin, enqueued_at) in zip(keys, fields, strict=True):
        job_id = key[len(b"rq:job:") :]
        if status != JobStatus.QUEUED.value.encode() or origin not in origins:
            continue
        if job_id in listed or not enqueued_at:
            continue
        if str_to_date(enqueued_at).replace(tzinfo=UTC).timestamp() < older_than:
            lost.append(job_id.decode())
    return lost


def requeue_lost_jobs(connection: redis.Redis, names: list[str], lock_seconds: int) -> list[str]:
    """Enqueue again the jobs lost between a pop and a start; one worker at a time does it."""
    if not connection.set(SWEEP_LOCK, 1, nx=True, ex=max(1, lock_seconds)):
        return []
    now = datetime.now(UTC).timestamp()
    suspects = _queued_off_list(connection, names, now - LOST_AFTER_SECONDS)
    if not suspects:
        return []
    time.sleep(RECHECK_SECONDS)  # a worker between its pop and the start has started by now
    still = set(_queued_off_list(connection, names, now - LOST_AFTER_SECONDS))
    requeued = []
    for job_id in suspects:
        if job_id not in still:
            continue
        try:
            job = Job.fetch(job_id, connection=connection, serializer=JSONSerializer)
        except NoSuchJobError:  # expired in the meantime: nothing to put back
            continue
        queue(job.origin, connection).enqueue_job(job)
        requeued.append(job_id)
    if requeued:
        log.warning(
            "put back %d job(s) lost between a pop and a start: %s", len(requeued), requeued
        )
    return requeued
