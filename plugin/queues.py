"""The RQ queues and the jobs the web side asks for, named by path so it never imports the workers."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime

import redis
from rq import Queue, Retry
from rq.serializers import JSONSerializer

INTERACTIVE = "interactive"
DELIVERIES = "deliveries"
SCHEDULED = "scheduled"
ALL_QUEUES = (INTERACTIVE, DELIVERIES, SCHEDULED)

JOB_TIMEOUT = 60
CRASH_RETRIES = 3
CRASH_RETRY_SECONDS = (10, 60, 300)
RESULT_TTL = 3600
FAILURE_TTL = 30 * 24 * 3600
JOB_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
CRASH_RETRY = Retry(max=CRASH_RETRIES, interval=list(CRASH_RETRY_SECONDS))


@dataclass(frozen=True)
class JobSpec:
    """One job to enqueue: a function path, its ID arguments, its queue and a deterministic ID."""

    func: str
    args: tuple[str, ...]
    queue: str
    at: datetime | None = None

    @property
    def job_id(self) -> str:
        name = self.func.rsplit(".", 1)[-1]
        return JOB_ID_UNSAFE.sub("_", "-".join((name, *self.args)))


@functools.lru_cache(maxsize=64)
def queue(name: str, connection: redis.Redis) -> Queue:
    """The queue `name` on `connection`, made once (a Queue costs more to build than to use)."""
    return Queue(name, connection=connection, serializer=JSONSerializer)


def enqueue(connection: redis.Redis, *specs: JobSpec, pipeline=None) -> None:
    """Add the jobs to their queues, inside `pipeline` when given (same transaction as the write)."""
    for spec in specs:
        target = queue(spec.queue, connection)
        options = dict(
            job_id=spec.job_id,
            retry=CRASH_RETRY,
            job_timeout=JOB_TIMEOUT,
            result_ttl=RESULT_TTL,
            failure_ttl=FAILURE_TTL,
            pipeline=pipeline,
        )
        if spec.at is None:
            target.enqueue(spec.func, *spec.args, **options)
        else:
            target.enqueue_at(spec.at, spec.func, *spec.args, **options)


def follow_with(*specs: JobSpec):
    """A store `follow`: these jobs, enqueued by the store's write itself."""
    return lambda _handoff: specs


# Writes the jobs a store script was given, as RQ's enqueue writes them: the job's hash, then its
# ID at the end of its queue. KEYS from `first_key`: the job's key and its queue's key, per job;
# ARGV from `first_arg`: the number of jobs (none when absent), then per job its ID, its field
# count and fields.
ENQUEUE_JOBS = """
local function enqueue_jobs(first_key, first_arg)
  local at = first_arg + 1
  for job = 0, tonumber(ARGV[first_arg] or 0) - 1 do
    local fields = tonumber(ARGV[at + 1])
    redis.call('HSET', KEYS[first_key + 2 * job], unpack(ARGV, at + 2, at + 1 + fields))
    redis.call('RPUSH', KEYS[first_key + 2 * job + 1], ARGV[at])
    at = at + 2 + fields
  end
end
"""


def job_writes(connection: redis.Redis, specs) -> tuple[list[str], list]:
    """The KEYS and ARGV with which ENQUEUE_JOBS enqueues `specs`: each job as RQ itself makes
    and saves it (Queue.create_job, Job.to_dict), so a store script writes the jobs in the same
    call as the change they follow, and only when it makes the change."""
    keys: list[str] = []
    args: list = [len(specs)]
    for spec in specs:
        if spec.at is not None:
            raise ValueError(f"{spec.job_id}: a change is followed by jobs to run now")
        target = queue(spec.queue, connection)
        job = target.create_job(
            spec.func,
            args=spec.args,
            job_id=spec.job_id,
            timeout=JOB_TIMEOUT,
            result_ttl=RESULT_TTL,
            failure_ttl=FAILURE_TTL,
            retry=CRASH_RETRY,
        )
        target._prepare_for_queue(job)  # origin, enqueued_at, status: as Queue.enqueue does
        fields = [item for pair in job.to_dict().items() if pair[1] is not None for item in pair]
        keys += [job.key, target.key]
        args += [job.id, len(fields), *fields]
    return keys, args


ENQUEUE = ENQUEUE_JOBS + "enqueue_jobs(1, 1)\nreturn 1"


@functools.lru_cache(maxsize=64)
def _enqueue_script(connection: redis.Redis):
    return connection.register_script(ENQUEUE)


def enqueue_now(connection: redis.Redis, *specs: JobSpec) -> None:
    """Enqueue jobs to run now in one round trip (one EVALSHA), written as RQ writes them: for
    the request path, where RQ's own enqueue costs several commands."""
    keys, args = job_writes(connection, specs)
    _enqueue_script(connection)(keys=keys, args=args)


def after_change(handoff_id: str, event_id: str) -> JobSpec:
    return JobSpec("workers.jobs.changes.after_change", (handoff_id, event_id), INTERACTIVE)


def deliver_brief(handoff_id: str) -> JobSpec:
    return JobSpec("workers.jobs.briefs.deliver_brief", (handoff_id,), DELIVERIES)


def refresh_brief(handoff_id: str) -> JobSpec:
    return JobSpec("workers.jobs.briefs.refresh_brief", (handoff_id,), INTERACTIVE)


def notify_recruiter(handoff_id: str, event_id: str) -> JobSpec:
    return JobSpec("workers.jobs.notices.notify_recruiter", (handoff_id, event_id), INTERACTIVE)


def relay_answer(handoff_id: str, event_id: str) -> JobSpec:
    return JobSpec("workers.jobs.notices.relay_answer", (handoff_id, event_id), INTERACTIVE)


def ephemeral_reply(
    reason: str, handoff_id: str, channel: str, user_id: str, click: str
) -> JobSpec:
    return JobSpec(
        "workers.jobs.replies.reply_ephemeral",
        (reason, handoff_id, channel, user_id, click or "0"),
        INTERACTIVE,
    )


def plan_followups(handoff_id: str, schedule_version: int) -> JobSpec:
    return JobSpec(
        "workers.jobs.followups.plan_followups",
        (handoff_id, str(schedule_version)),
        INTERACTIVE,
    )


def send_kit(handoff_id: str, user_id: str, version: str, at: datetime) -> JobSpec:
    return JobSpec("workers.jobs.kits.send_kit", (handoff_id, user_id, version), SCHEDULED, at)


def prompt_feedback(handoff_id: str, user_id: str, version: str, at: datetime) -> JobSpec:
    return JobSpec(
        "workers.jobs.kits.prompt_feedback", (handoff_id, user_id, version), SCHEDULED, at
    )


def remind_feedback(
    handoff_id: str, user_id: str, version: str, number: int, at: datetime
) -> JobSpec:
    return JobSpec(
        "workers.jobs.kits.remind_feedback",
        (handoff_id, user_id, version, str(number)),
        SCHEDULED,
        at,
    )


def send_debrief(handoff_id: str) -> JobSpec:
    return JobSpec("workers.jobs.kits.send_debrief", (handoff_id,), DELIVERIES)


def send_candidate_message(
    handoff_id: str, kind: str, version: int | str, at: datetime | None = None
) -> JobSpec:
    """A candidate message: now on DELIVERIES, or at `at` on SCHEDULED (a prep reminder)."""
    return JobSpec(
        "workers.jobs.nudges.send_candidate_message",
        (handoff_id, kind, str(version)),
        SCHEDULED if at is not None else DELIVERIES,
        at,
    )


def notify_panel(handoff_id: str, event_id: str) -> JobSpec:
    return JobSpec("workers.jobs.nudges.notify_panel", (handoff_id, event_id), DELIVERIES)


def drop_stale_nudges(handoff_id: str, schedule_version: int | str) -> JobSpec:
    return JobSpec(
        "workers.jobs.nudges.drop_stale_nudges",
        (handoff_id, str(schedule_version)),
        INTERACTIVE,
    )


def delete_message(channel: str, conversation: str, message_id: str) -> JobSpec:
    """Delete one message the app posted (an erasure): only where it is, nothing about whom."""
    return JobSpec(
        "workers.jobs.erasure.delete_message", (channel, conversation, message_id), DELIVERIES
    )


def daily_sweep(day: str) -> JobSpec:
    """The retention sweep of one day (YYYYMMDD): one job ID per day, however many workers."""
    return JobSpec("workers.jobs.erasure.daily_sweep", (day,), SCHEDULED)


def drop_scheduled(connection: redis.Redis, job_ids, queue_name: str = SCHEDULED) -> int:
    """Take jobs that have not come due yet out of the queue's ScheduledJobRegistry and delete
    them; IDs that are not scheduled (already run, running, unknown) are left alone. Returns how
    many were dropped. Tidiness only: a job that slips through must still check its version."""
    from rq.exceptions import NoSuchJobError
    from rq.job import Job
    from rq.registry import ScheduledJobRegistry

    ids = list(dict.fromkeys(job_ids))
    if not ids:
        return 0
    registry = ScheduledJobRegistry(queue=queue(queue_name, connection))
    with connection.pipeline(transaction=False) as pipe:
        for job_id in ids:
            pipe.zrem(registry.key, job_id)
        removed = [job_id for job_id, count in zip(ids, pipe.execute(), strict=True) if count]
    for job_id in removed:
        try:
            job = Job.fetch(job_id, connection=connection, serializer=JSONSerializer)
        except NoSuchJobError:
            continue
        job.delete(remove_from_queue=False)
    return len(removed)
