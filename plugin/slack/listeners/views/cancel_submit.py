"""Cancel submitted: the interview is off. The lifecycle removes pending reminders and kits,
withdraws the candidate's invitation and tells the recruiter and the panel."""

from __future__ import annotations

from plugin.domain.handoff_form import validate_length
from plugin.schedule_changes import cancel, may_change
from plugin.slack import schedule_text
from plugin.slack.form import state_values, text_value
from plugin.slack.listeners.views.schedule_guard import refusal_for


def cancel_submitted(ack, body, view, context):
    services = context["services"]
    reason_text = text_value(state_values(view), "reason").strip()
    error = validate_length("reason", reason_text) or (
        "" if reason_text else schedule_text.CANCEL_REASON_REQUIRED
    )
    if error:
        ack(response_action="errors", errors={"reason": error})
        return
    user_id = (body.get("user") or {}).get("id", "")
    handoff = services.store.find(str(view.get("private_metadata") or ""))
    refused = may_change(handoff, user_id)
    if refused:
        ack(response_action="errors", errors={"reason": refusal_for(refused, handoff)})
        return
    if services.store.first_time("submission", view.get("id", "") or handoff.id + ":cancel"):
        cancel(services, handoff, user_id, reason_text)
    ack()
