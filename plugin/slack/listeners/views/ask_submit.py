"""Question submitted: record it and send it to the recruiter, who answers in the thread."""

from __future__ import annotations

from plugin import lifecycle
from plugin.domain.handoff import State, new_event
from plugin.domain.handoff_form import validate_length
from plugin.slack import text
from plugin.slack.form import state_values, text_value
from plugin.slack.listeners.views.submission import submitted_handoff


def ask_submitted(ack, body, view, context):
    services = context["services"]
    question = text_value(state_values(view), "question").strip()
    error = validate_length("question", question) or (
        "" if question else text.ASK_QUESTION_REQUIRED
    )
    if error:
        ack(response_action="errors", errors={"question": error})
        return
    handoff, user_or_error = submitted_handoff(services, body, view, (State.OPEN, State.ACCEPTED))
    if handoff is None:
        ack(response_action="errors", errors={"question": user_or_error})
        return
    event = new_event("question", user_or_error, question)
    if services.store.first_time("submission", view.get("id", "") or event.id):
        services.store.add_event(
            handoff.id,
            event,
            follow=lifecycle.follow(event),
        )
    ack()
