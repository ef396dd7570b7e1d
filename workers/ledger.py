"""Which messages went out, so a retried or duplicated job never sends one twice."""

from __future__ import annotations

import json
from dataclasses import replace

import redis
from rq import get_current_job

from plugin.store import PREFIX
from workers.messengers.base import (
    Messenger,
    OutboundMessage,
    Receipt,
    Recipient,
    TransientDeliveryError,
    find_sent,
)
from workers.pacing import Deferred

SENDING_LOCK_SECONDS = 120
IN_PROGRESS_RETRY = 5

# Compare-and-set on the send lock: take it from `ARGV[1]` (an earlier, crashed run), or let go
# of it only while still holding it.
TAKE_OVER = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0
"""
RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


def receipts_key(handoff_id: str) -> str:
    return f"{PREFIX}:receipts:{handoff_id}"


def attempts_key(handoff_id: str) -> str:
    return f"{PREFIX}:attempts:{handoff_id}"


def lock_owner() -> str:
    """Who takes a send lock: the RQ job and the crash retries it had left when it started."""
    job = get_current_job()
    if job is None:
        return "-"
    return f"{job.id}/{job.retries_left if job.retries_left is not None else '-'}"


def left_by_a_crash(holder: str, owner: str) -> bool:
    """True when the lock's holder is an earlier run of this same job that RQ has since retried
    as a crash: RQ spends a crash retry only after that run ended (its worker died and its
    heartbeat lapsed), so the holder will never let go of the lock."""
    held_by, _, held_left = holder.rpartition("/")
    job_id, _, left = owner.rpartition("/")
    return (
        job_id != "-"
        and held_by == job_id
        and held_left.isdigit()
        and left.isdigit()
        and int(left) < int(held_left)
    )


class DeliveryLedger:
    """One receipt per (hand-off, message key); a send happens only when no receipt exists."""

    def __init__(self, connection: redis.Redis):
        self.redis = connection

    def receipt(self, handoff_id: str, key: str) -> Receipt | None:
        raw = self.redis.hget(receipts_key(handoff_id), key)
        return Receipt.from_dict(json.loads(raw)) if raw else None

    def deliver_once(
        self,
        handoff_id: str,
        key: str,
        messenger: Messenger,
        recipient: Recipient,
        message: OutboundMessage,
    ) -> Receipt:
        """Send unless already sent. An attempt marker is written before sending and removed with
        the receipt; a marker left by a worker killed mid-send makes the retry look for the
        message (by its idempotency key) before sending again."""
        existing = self.receipt(handoff_id, key)
        if existing is not None:
            return existing
        lock = f"{PREFIX}:sending:{handoff_id}:{key}"
        owner = lock_owner()
        if not self._lock(lock, owner):
            raise TransientDeliveryError("already being delivered", IN_PROGRESS_RETRY)
        try:
            existing = self.receipt(handoff_id, key)
            if existing is not None:
                return existing
            message = replace(message, idempotency_key=f"{handoff_id}:{key}")
            if self.redis.hexists(attempts_key(handoff_id), key):
                found = find_sent(messenger, recipient, message)
                if found is not None:
                    self._record(handoff_id, key, found)
                    return found
            self.redis.hset(attempts_key(handoff_id), key, 1)
            try:
                receipt = messenger.send(recipient, message)
            except Deferred:  # paced before anything went out: no need to look for it later
                self.redis.hdel(attempts_key(handoff_id), key)
                raise
            self._record(handoff_id, key, receipt)
            return receipt
        finally:
            self.redis.eval(RELEASE, 1, lock, owner)

    def _lock(self, lock: str, owner: str) -> bool:
        """Take the send lock; or take it over from this job's own crashed run, which would
        otherwise block the retry until the lock expires (and spend its retries waiting)."""
        if self.redis.set(lock, owner, nx=True, ex=SENDING_LOCK_SECONDS):
            return True
        holder = self.redis.get(lock)
        if holder is None:  # let go of in between
            return bool(self.redis.set(lock, owner, nx=True, ex=SENDING_LOCK_SECONDS))
        if not left_by_a_crash(holder.decode(), owner):
            return False
        return bool(self.redis.eval(TAKE_OVER, 1, lock, holder, owner, SENDING_LOCK_SECONDS))

    def _record(self, handoff_id: str, key: str, receipt: Receipt) -> None:
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(receipts_key(handoff_id), key, json.dumps(receipt.to_dict()))
            pipe.hdel(attempts_key(handoff_id), key)
            pipe.execute()
