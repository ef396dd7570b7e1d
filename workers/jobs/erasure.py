"""Erasure's worker side: deleting messages already posted, and the daily retention sweep.

`delete_message` gets only where a message is (channel, conversation, message ID), never whom
or what it was about. A message already gone counts as deleted.

The daily sweep (plugin.retention.sweep) is started by the workers themselves: `secondround
worker` runs RQ's Worker with one more periodic maintenance task (RQ runs them at start and every
maintenance interval, 10 minutes by default), which enqueues the day's sweep at the first tick
at or after SWEEP_AT UTC. The job ID is one per day and enqueued as unique, and a finished
sweep's record is kept two days, so however many workers tick, a day is swept once. Nothing
waits in the scheduled registry, and there is no chain of jobs to break.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time

import redis
from rq import Retry
from rq.exceptions import DuplicateJobError

from plugin import queues
from plugin.retention import sweep
from workers.context import current
from workers.jobs.delivery import delivery_job
from workers.messengers.base import PermanentDeliveryError, Receipt

log = logging.getLogger(__name__)

SWEEP_AT = time(3, 0)  # UTC: a quiet hour for most teams
SWEEP_TIMEOUT = 30 * 60
SWEEP_RECORD_TTL = 2 * 24 * 3600  # the day's job ID stays taken past the end of the day
GONE = ("message_not_found", "channel_not_found", "the original message was deleted")


@delivery_job
def delete_message(channel: str, conversation: str, message_id: str) -> str:
    messenger = current().messenger(channel)
    try:
        messenger.delete(Receipt(channel, conversation, message_id))
    except PermanentDeliveryError as error:
        if any(sign in error.reason for sign in GONE):
            return "already gone"
        raise
    return "deleted"


def utc_now() -> datetime:
    return datetime.now(UTC)


def day_of(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%d")


def enqueue_sweep(connection: redis.Redis, day: str) -> bool:
    """Enqueue the sweep of `day` (YYYYMMDD) unless that day's job exists already."""
    spec = queues.daily_sweep(day)
    try:
        queues.queue(spec.queue, connection).enqueue(
            spec.func,
            *spec.args,
            job_id=spec.job_id,
            unique=True,
            retry=Retry(max=queues.CRASH_RETRIES, interval=list(queues.CRASH_RETRY_SECONDS)),
            job_timeout=SWEEP_TIMEOUT,
            result_ttl=SWEEP_RECORD_TTL,
            failure_ttl=queues.FAILURE_TTL,
        )
    except DuplicateJobError:
        return False
    return True


def enqueue_due_sweep(connection: redis.Redis, now: datetime | None = None) -> bool:
    """The day's sweep, once it is SWEEP_AT (UTC) or later and unless it was enqueued already."""
    now = (now or utc_now()).astimezone(UTC)
    if now.time() < SWEEP_AT:
        return False
    return enqueue_sweep(connection, day_of(now))


def with_daily_sweep(worker_class):
    """`worker_class` whose periodic maintenance also enqueues the day's sweep when due."""

    class DailySweepWorker(worker_class):
        def run_maintenance_tasks(self):
            super().run_maintenance_tasks()
            try:
                enqueue_due_sweep(self.connection)
            except redis.RedisError as error:  # the next tick tries again
                log.warning("couldn't enqueue the retention sweep (%s)", type(error).__name__)

    return DailySweepWorker


def daily_sweep(day: str) -> str:
    """Erase what closed more than RETENTION_DAYS ago (`day` names the job; the clock decides)."""
    services = current().services
    report = sweep(
        services.redis, retention_days=services.settings.retention_days, now=services.now()
    )
    log.info("retention sweep of %s: %s", day, report.summary())
    return report.summary()
