"""Interview time set by the hiring manager: store it, update the brief, tell the recruiter."""

from __future__ import annotations

from dataclasses import replace

from plugin import lifecycle
from plugin.domain.handoff import State, new_event
from plugin.domain.handoff_form import validate_time
from plugin.slack import text
from plugin.slack.form import selected_datetime, state_values
from plugin.slack.listeners.views.submission import submitted_handoff


def set_time_submitted(ack, body, view, context):
    services = context["services"]
    start = selected_datetime(state_values(view), "interview_start")
    error = text.SET_TIME_REQUIRED if start is None else validate_time(start, services.now())
    if error:
        ack(response_action="errors", errors={"interview_start": error})
        return
    handoff, user_or_error = submitted_handoff(services, body, view, (State.OPEN, State.ACCEPTED))
    if handoff is None:
        ack(response_action="errors", errors={"interview_start": user_or_error})
        return
    if not services.store.first_time("submission", view.get("id", "") or start.isoformat()):
        ack()
        return
    event = new_event("time_set", user_or_error, start.isoformat())

    def set_time(current):
        if current.state not in (State.OPEN, State.ACCEPTED):
            return None
        return replace(
            current.with_event(event),
            interview_start=start.isoformat(),
            schedule_version=current.schedule_version + 1,
        )

    services.store.change(
        handoff.id,
        set_time,
        follow=lifecycle.follow(event),
    )
    ack()
