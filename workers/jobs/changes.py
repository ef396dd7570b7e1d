"""Fan out a change into the jobs it calls for (plugin.lifecycle.jobs_after), exactly once."""

from __future__ import annotations

from plugin import queues
from plugin.lifecycle import jobs_after
from plugin.store import PREFIX
from workers.context import current

FAN_OUT_MEMORY_SECONDS = 30 * 24 * 3600


def after_change(handoff_id: str, event_id: str) -> str:
    """Enqueue the change's jobs and mark it done in one transaction; a change that never got
    written (a lost race, a repeated submission) has no event and calls for nothing."""
    ctx = current()
    connection = ctx.services.redis
    handoff = ctx.services.store.find(handoff_id)
    event = handoff.event(event_id) if handoff else None
    if handoff is None or event is None:
        return "skipped"
    done = f"{PREFIX}:fanned-out:{event_id}"
    if connection.exists(done):
        return "already done"
    with connection.pipeline(transaction=True) as pipe:
        pipe.multi()
        queues.enqueue(connection, *jobs_after(handoff, event), pipeline=pipe)
        pipe.set(done, 1, ex=FAN_OUT_MEMORY_SECONDS)
        pipe.execute()
    return "fanned out"
