"""How every delivery job treats failure: retry later when it may pass, report when it won't."""

from __future__ import annotations

import functools
import logging
import math
import random

from rq import Retry

from workers.messengers.base import PermanentDeliveryError, TransientDeliveryError

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
    def run(*args):
        from rq import get_current_job

        try:
            return func(*args)
        except TransientDeliveryError as error:
            job = get_current_job()
            attempt = (job.number_of_retries or 0) if job else 0
            delay = error.retry_after if error.retry_after is not None else backoff(attempt)
            log.warning("%s will retry in %ss: %s", func.__name__, math.ceil(delay), error.reason)
            return retry_in(delay)
        except PermanentDeliveryError as error:
            log.warning("%s failed for good: %s", func.__name__, error.reason)
            raise

    return run
