"""Decline submitted: record the reason, update the brief, tell the recruiter."""

from __future__ import annotations

from plugin import lifecycle
from plugin.domain.handoff import State, new_event
from plugin.domain.handoff_form import validate_length
from plugin.slack import text
from plugin.slack.form import state_values, text_value
from plugin.slack.listeners.views.submission import already_acted, submitted_handoff


def decline_submitted(ack, body, view, context):
    services = context["services"]
    reason = text_value(state_values(view), "reason").strip()
    error = validate_length("reason", reason) or ("" if reason else text.DECLINE_REASON_REQUIRED)
    if error:
        ack(response_action="errors", errors={"reason": error})
        return
    handoff, user_or_error = submitted_handoff(services, body, view, (State.OPEN,))
    if handoff is None:
        ack(response_action="errors", errors={"reason": user_or_error})
        return
    event = new_event("declined", user_or_error, reason)
    changed = services.store.transition(
        handoff.id,
        expect=State.OPEN,
        to=State.DECLINED,
        event=event,
        follow=lifecycle.follow(event),
    )
    if changed is None:
        ack(
            response_action="errors",
            errors={"reason": already_acted(services.store.get(handoff.id))},
        )
        return
    ack()
