"""People on the hand-off's own platform, for their names and time zones."""

from __future__ import annotations

from plugin.domain.handoff import Handoff, Person
from workers.context import WorkerContext


def person(ctx: WorkerContext, handoff: Handoff, user_id: str) -> Person | None:
    return ctx.directory_for(handoff.platform).person(handoff.team_id, user_id)


def time_zone(ctx: WorkerContext, handoff: Handoff, user_id: str) -> str:
    found = person(ctx, handoff, user_id)
    return found.tz if found else "UTC"
