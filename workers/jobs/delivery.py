"""How every delivery job treats failure: retry later when it may pass, report when it won't."""

from __future__ import annotations

import functools
import logging
import math
import random
import time
from datetime import UTC, datetime

from rq import Retry, get_current_job
from rq.registry import ScheduledJobRegistry

from plugin.queues import CRASH_RETRIES, CRASH_RETRY_SECONDS, FAILURE_TTL, RESULT_TTL, queue
from workers.messengers.base import PermanentDeliveryError, TransientDeliveryError
from workers.pacing import Deferred, held_reservation

log = logging.getLogger(__name__)

MAX_RETRIES = 8
BACKOFF_SECONDS = (5, 15, 60, 300, 900, 1800, 3600, 3600)


def backoff(attempt: int) -> int:
    """Exponential-ish backoff with up to 20% jitter, so retries don't arrive in step."""
    base = BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)]
    return base + random.randint(0, max(1, base // 5))


def retry_in(seconds: float) -> Retry:
    return Retry(max=MAX_RETRIES, interval=max(1, math.ceil(seconds)))


def delivery_job(func):
    """Turn transient delivery errors into an RQ Retry after Retry-After or a backoff."""

    @functools.wraps(func)
    def run(*args, paced_at: float | None = None):
        token = held_reservation.set(paced_at if first_run(get_current_job()) else None)
        try:
            return func(*args)
        except Deferred as deferred:
            return defer(deferred.slot)
        except TransientDeliveryError as error:
            job = get_current_job()
            attempt = (job.number_of_retries or 0) if job else 0
            delay = error.retry_after if error.retry_after is not None else backoff(attempt)
            log.warning("%s will retry in %ss: %s", func.__name__, math.ceil(delay), error.reason)
            return retry_in(delay)
        except PermanentDeliveryError as error:
            log.warning("%s failed for good: %s", func.__name__, error.reason)
            job = get_current_job()
            if job is not None:
                job.retries_left = 0  # crash retries are for crashes, not for a refusal
            raise
        finally:
            held_reservation.reset(token)

    return run


def first_run(job) -> bool:
    """True unless RQ is running this job again (after a returned Retry or a crash). A paced
    job holds its reserved moment only on its first run: a rerun comes at another moment, and
    sending at once on the old reservation would collide with the messages paced after it (a
    storm of 429s after a stall, each retry colliding again), so it reserves anew."""
    if job is None:
        return True
    crashed = job.retries_left is not None and job.retries_left < CRASH_RETRIES
    return not job.number_of_retries and not crashed


def defer(slot: float) -> str:
    """Run this job again at its reserved moment, holding the reservation. RQ scores scheduled
    jobs to the whole second; the score is set to the exact moment in the same transaction, which
    the worker's BeatScheduler honours (RQ's own scheduler reads it at the next whole second)."""
    job = get_current_job()
    if job is None:
        raise TransientDeliveryError("paced", slot - time.time())
    target = queue(job.origin, job.connection)
    job_id = f"{job.id.split('-paced')[0]}-paced{int(slot * 1000)}"
    with job.connection.pipeline() as pipe:
        target.enqueue_at(
            datetime.fromtimestamp(math.ceil(slot), UTC),
            job.func_name,
            *job.args,
            paced_at=slot,
            job_id=job_id,
            retry=Retry(max=CRASH_RETRIES, interval=list(CRASH_RETRY_SECONDS)),  # as queues.enqueue
            job_timeout=job.timeout,
            result_ttl=RESULT_TTL,
            failure_ttl=FAILURE_TTL,
            pipeline=pipe,
        )
        pipe.zadd(ScheduledJobRegistry(queue=target).key, {job_id: slot}, xx=True)
        pipe.execute()
    return "deferred"
