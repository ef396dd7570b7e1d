"""Pacing shared by every worker process, so bursts stay under Slack's rate limits.

A message reserves the next free moment on each limit it is subject to (one message a second per
conversation for chat.postMessage and chat.update; a workspace-wide pace for the methods Slack
tiers, chat.update at Tier 3 and chat.postEphemeral at Tier 4) in one Lua call. chat.postMessage
has no workspace tier, only the per-conversation limit. A
wait of up to a second is slept through; a longer one defers the job to its reserved moment, and
the deferred job carries that reservation so it does not queue again.

Reservations spread a burst, RESERVATION_MARGIN_SECONDS more than the limit apart; right before
each call, `space` makes sure the conversation's previous call is really at least a second (and
a few milliseconds) behind. Deferred jobs are scheduled at their exact moment and the worker's
scheduler moves them within a tenth of a second of it (workers/runner.py), so a conversation's
paced messages land about RESERVATION_MARGIN_SECONDS more than a second apart. A send waits up
to NUDGE_SECONDS for `space`; when the conversation is busier than that, the message queues
again at the end of the conversation's line.
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
SEND_MARGIN_SECONDS = 0.015
RESERVATION_MARGIN_SECONDS = 0.025
NUDGE_SECONDS = 0.25
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

# The moment of the previous call on a limit, moved on (and returned, as a wait) only when this
# call may go within ARGV[3] seconds; otherwise left alone, and the wait returned negative.
SPACE = """
local now = tonumber(ARGV[1])
local gap = tonumber(ARGV[2])
local nudge = tonumber(ARGV[3])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = math.max(now, last + gap)
if at - now > nudge then
  return tostring(now - at)
end
redis.call('SET', KEYS[1], tostring(at), 'PX', math.ceil((at - now + gap) * 1000) + 60000)
return tostring(at - now)
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
        self._space = connection.register_script(SPACE)

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

    def space(self, name: str, interval: float) -> None:
        """Right before the call: at least `interval` + SEND_MARGIN_SECONDS after the previous call
        on limit `name`, waiting up to NUDGE_SECONDS; raise Deferred (a new reservation, at the
        end of the line) when the previous call is more recent than that."""
        key = f"{PREFIX}:pace:last:{name}"
        gap = interval + SEND_MARGIN_SECONDS
        wait = float(self._space(keys=[key], args=[self.clock(), gap, NUDGE_SECONDS]))
        if wait < 0:
            slot = self.reserve({name: interval})
            raise Deferred(max(slot, self.clock() - wait))
        if wait > 0:
            self.sleep(wait)


def slack_limits(method: str, conversation: str) -> dict[str, float]:
    limits = {}
    if method in METHOD_INTERVALS:
        limits[f"slack:method:{method}"] = METHOD_INTERVALS[method]
    if method in ("chat.postMessage", "chat.update") and conversation:
        limits[conversation_limit(conversation)] = (
            PER_CONVERSATION_INTERVAL + RESERVATION_MARGIN_SECONDS
        )
    return limits


def conversation_limit(conversation: str) -> str:
    return f"slack:conversation:{conversation}"
