"""Polite answers shown only to the person who clicked (wrong person, second click)."""

from __future__ import annotations

from plugin.slack import text
from plugin.store import PREFIX
from workers.context import current
from workers.jobs.delivery import delivery_job

REPLY_TTL = 3600


def reply_text(reason: str, handoff) -> str:
    if handoff is None or reason == "gone":
        return text.HANDOFF_GONE
    if reason == "not_yours":
        return text.NOT_YOURS.format(manager=handoff.hiring_manager_id)
    return text.ALREADY_ACTED.format(state=handoff.state, actor=handoff.acted_by)


@delivery_job
def reply_ephemeral(reason: str, handoff_id: str, channel: str, user_id: str, click: str) -> str:
    ctx = current()
    key = f"{PREFIX}:replied:{user_id}:{click}:{reason}"
    if ctx.services.redis.exists(key):
        return "skipped"
    handoff = ctx.services.store.find(handoff_id)
    ctx.messenger("slack").ephemeral(channel, user_id, reply_text(reason, handoff))
    ctx.services.redis.set(key, 1, ex=REPLY_TTL)
    return "delivered"
