"""Rescheduling and cancelling an interview, whichever platform the request came from.

Both raise the hand-off's schedule_version, so every job planned for an older version (candidate
reminders, kits) does nothing when it comes due; plugin.lifecycle enqueues what follows.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from plugin import lifecycle
from plugin.domain.handoff import Event, Handoff, State, new_event

CHANGEABLE = (State.OPEN, State.ACCEPTED)


def may_change(handoff: Handoff | None, user_id: str) -> str:
    """'' when this user may reschedule or cancel now, else why not (gone, not_involved, …)."""
    if handoff is None:
        return "gone"
    if user_id not in (handoff.recruiter_id, handoff.hiring_manager_id):
        return "not_involved"
    if handoff.state not in CHANGEABLE:
        return "already_acted"
    return ""


def reschedule(
    services, handoff: Handoff, actor: str, start: datetime, location: str | None = None
) -> Handoff | None:
    """A new time (and maybe place). "time_set" when there was no time yet, else "rescheduled".
    None when nothing changed or the hand-off moved on meanwhile."""
    new_start = start.astimezone(UTC).isoformat()
    new_location = handoff.location if location is None else location.strip()
    if new_start == handoff.interview_start and new_location == handoff.location:
        return None
    had_time = bool(handoff.interview_start)
    event = new_event("rescheduled" if had_time else "time_set", actor, new_start)

    def mutate(current: Handoff) -> Handoff | None:
        if current.state not in CHANGEABLE or bool(current.interview_start) != had_time:
            return None
        return replace(
            current.with_event(event),
            interview_start=new_start,
            location=new_location,
            schedule_version=current.schedule_version + 1,
        )

    return services.store.change(handoff.id, mutate, follow=lifecycle.follow(event))


def cancel(services, handoff: Handoff, actor: str, reason: str) -> Handoff | None:
    """Call the interview off; the reason stays with the recruiter and the panel."""
    event: Event = new_event("cancelled", actor, reason.strip())

    def mutate(current: Handoff) -> Handoff | None:
        if current.state not in CHANGEABLE:
            return None
        return replace(
            current.with_event(event),
            state=State.CANCELLED,
            acted_by=actor,
            acted_at=event.at,
            schedule_version=current.schedule_version + 1,
        )

    return services.store.change(handoff.id, mutate, follow=lifecycle.follow(event))
