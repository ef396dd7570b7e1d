"""How every delivery job treats failure: retry later when it may pass, report when it won't."""

from __future__ import annotations

import functools
import logging
import math
import random
import time
from datetime import UTC, datetime

from rq import Retry, get_current_job

from plugin.queues import FAILURE_TTL, RESULT_TTL, queue
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
        token = held_reservation.set(paced_at)
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
            raise
        finally:
            held_reservation.reset(token)

    return run


def defer(slot: float) -> str:
    """Run this job again at its reserved moment, holding the reservation."""
    job = get_current_job()
    if job is None:
        raise TransientDeliveryError("paced", slot - time.time())
    when = datetime.fromtimestamp(slot, UTC)
    queue(job.origin, job.connection).enqueue_at(
        when,
        job.func_name,
        *job.args,
        paced_at=slot,
        job_id=f"{job.id.split('-paced')[0]}-paced{int(slot * 1000)}",
        job_timeout=job.timeout,
        result_ttl=RESULT_TTL,
        failure_ttl=FAILURE_TTL,
    )
    return "deferred"
