"""Which messages went out, so a retried or duplicated job never sends one twice."""

from __future__ import annotations

import json

import redis

from plugin.store import PREFIX
from workers.messengers.base import (
    Messenger,
    OutboundMessage,
    Receipt,
    Recipient,
    TransientDeliveryError,
)

SENDING_LOCK_SECONDS = 120
IN_PROGRESS_RETRY = 5


def receipts_key(handoff_id: str) -> str:
    return f"{PREFIX}:receipts:{handoff_id}"


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
        existing = self.receipt(handoff_id, key)
        if existing is not None:
            return existing
        lock = f"{PREFIX}:sending:{handoff_id}:{key}"
        if not self.redis.set(lock, 1, nx=True, ex=SENDING_LOCK_SECONDS):
            raise TransientDeliveryError("already being delivered", IN_PROGRESS_RETRY)
        try:
            existing = self.receipt(handoff_id, key)
            if existing is not None:
                return existing
            receipt = messenger.send(recipient, message)
            self.redis.hset(receipts_key(handoff_id), key, json.dumps(receipt.to_dict()))
            return receipt
        finally:
            self.redis.delete(lock)
