"""Reschedule submitted: validate the new time, store it (new schedule version), and let the
lifecycle move the reminders and kits, update the candidate and tell the panel."""

from __future__ import annotations

from datetime import UTC

from plugin.domain.handoff_form import validate_length, validate_time
from plugin.schedule_changes import may_change, reschedule
from plugin.slack import schedule_text
from plugin.slack.form import selected_datetime, state_values, text_value
from plugin.slack.listeners.views.schedule_guard import refusal_for


def reschedule_submitted(ack, body, view, context):
    services = context["services"]
    values = state_values(view)
    start = selected_datetime(values, "interview_start")
    error = (
        schedule_text.RESCHEDULE_REQUIRED if start is None else validate_time(start, services.now())
    )
    if error:
        ack(response_action="errors", errors={"interview_start": error})
        return
    location = text_value(values, "location").strip()
    if message := validate_length("location", location):
        ack(response_action="errors", errors={"location": message})
        return
    user_id = (body.get("user") or {}).get("id", "")
    handoff = services.store.find(str(view.get("private_metadata") or ""))
    reason = may_change(handoff, user_id)
    if reason:
        ack(response_action="errors", errors={"interview_start": refusal_for(reason, handoff)})
        return
    if start.astimezone(UTC).isoformat() == handoff.interview_start and (
        location == handoff.location
    ):
        ack(
            response_action="errors",
            errors={"interview_start": schedule_text.RESCHEDULE_UNCHANGED},
        )
        return
    if services.store.first_time("submission", view.get("id", "") or start.isoformat()):
        reschedule(services, handoff, user_id, start, location)
    ack()
