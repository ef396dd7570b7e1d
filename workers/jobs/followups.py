"""Once the hiring manager accepted and the time is set: schedule kits and candidate messages."""

from __future__ import annotations

from plugin.lifecycle import ready_for_followups
from workers.context import current
from workers.jobs import kits, nudges


def plan_followups(handoff_id: str, schedule_version: str) -> str:
    """Schedule everything for this version of the interview time; stale versions do nothing."""
    ctx = current()
    handoff = ctx.services.store.find(handoff_id)
    if handoff is None or str(handoff.schedule_version) != schedule_version:
        return "stale"
    if not ready_for_followups(handoff):
        return "not ready"
    kits.schedule_kits(ctx, handoff)
    nudges.schedule_nudges(ctx, handoff)
    return "scheduled"
