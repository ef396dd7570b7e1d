"""Polite answers shown only to the person who clicked (wrong person, second click)."""

from __future__ import annotations

from plugin.store import PREFIX
from workers.context import current
from workers.jobs.delivery import delivery_job
from workers.render import renderer

REPLY_TTL = 3600


@delivery_job
def reply_ephemeral(reason: str, handoff_id: str, channel: str, user_id: str, click: str) -> str:
    """Slack only: Teams answers refused clicks in the invoke response itself."""
    ctx = current()
    key = f"{PREFIX}:replied:{user_id}:{click}:{reason}"
    if ctx.services.redis.exists(key):
        return "skipped"
    handoff = ctx.services.store.find(handoff_id)
    ctx.messenger("slack").ephemeral(
        channel, user_id, renderer("slack").refusal_text(reason, handoff)
    )
    ctx.services.redis.set(key, 1, ex=REPLY_TTL)
    return "delivered"
