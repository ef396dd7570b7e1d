"""The candidate's "I don't need reminders" button (Slack guests and Slack Connect users)."""

from __future__ import annotations

from plugin.optout import opt_out
from plugin.slack.listeners.actions.guard import answer_refusal, clicked


def stop_reminders(ack, body, context):
    ack()
    services = context["services"]
    handoff_id, user_id, _, _ = clicked(body)
    handoff = services.store.find(handoff_id) if handoff_id else None
    if handoff is None:
        answer_refusal(services, "gone", handoff_id, body)
        return
    if not handoff.candidate_user_id or user_id != handoff.candidate_user_id:
        answer_refusal(services, "not_candidate", handoff.id, body)
        return
    opt_out(services, handoff.id, actor=user_id)
    answer_refusal(services, "reminders_stopped", handoff.id, body)
