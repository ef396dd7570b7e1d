"""Pacing shared by every worker process, so bursts stay under Slack's rate limits.

A message reserves the next free moment on each limit it is subject to (one message a second per
conversation for chat.postMessage and chat.update; a workspace-wide pace for the methods Slack
tiers, chat.update at Tier 3 and chat.postEphemeral at Tier 4) in one Lua call. chat.postMessage
has no workspace tier, only the per-conversation limit. A
wait of up to a second is slept through; a longer one defers the job to its reserved moment, and
the deferred job carries that reservation so it does not queue again.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Callable

import redis

from plugin.store import PREFIX

INLINE_WAIT_SECONDS = 1.0
EARLY_TOLERANCE_SECONDS = 0.05
PER_CONVERSATION_INTERVAL = 1.0
METHOD_INTERVALS = {
    "chat.update": 60 / 50,
    "chat.postEphemeral": 60 / 100,
}

RESERVE = """
local now = tonumber(ARGV[1])
local slot = now
for i, key in ipairs(KEYS) do
  local free = tonumber(redis.call('GET', key) or '0')
  if free > slot then slot = free end
end
for i, key in ipairs(KEYS) do
  local interval = tonumber(ARGV[i + 1])
  local ttl = math.ceil((slot + interval - now) * 1000) + 60000
  redis.call('SET', key, tostring(slot + interval), 'PX', ttl)
end
return tostring(slot)
"""

held_reservation: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "held_reservation", default=None
)


class Deferred(Exception):  # noqa: N818 - a signal, not an error
    """Send this at `slot` (epoch seconds), holding the reservation already made."""

    def __init__(self, slot: float):
        super().__init__(f"deferred to {slot:.3f}")
        self.slot = slot


class Pacer:
    def __init__(
        self,
        connection: redis.Redis,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.redis = connection
        self.clock = clock
        self.sleep = sleep
        self._reserve = connection.register_script(RESERVE)

    def reserve(self, limits: dict[str, float]) -> float:
        """The moment this call may happen, reserved on every limit (key → interval)."""
        keys = [f"{PREFIX}:pace:{name}" for name in limits]
        return float(self._reserve(keys=keys, args=[self.clock(), *limits.values()]))

    def wait_turn(self, limits: dict[str, float]) -> None:
        """Return when it is this call's turn; raise Deferred when that is more than a second off."""
        held = held_reservation.get()
        if held is not None:
            held_reservation.set(None)
            if self.clock() >= held - EARLY_TOLERANCE_SECONDS:
                return
        slot = self.reserve(limits)
        wait = slot - self.clock()
        if wait > INLINE_WAIT_SECONDS:
            raise Deferred(slot)
        if wait > 0:
            self.sleep(wait)


def slack_limits(method: str, conversation: str) -> dict[str, float]:
    limits = {}
    if method in METHOD_INTERVALS:
        limits[f"slack:method:{method}"] = METHOD_INTERVALS[method]
    if method in ("chat.postMessage", "chat.update") and conversation:
        limits[f"slack:conversation:{conversation}"] = PER_CONVERSATION_INTERVAL
    return limits
