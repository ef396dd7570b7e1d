"""Reschedule and Cancel interview: open the modal, for the recruiter or the hiring manager."""

from __future__ import annotations

from plugin.schedule_changes import may_change
from plugin.slack.blocks.schedule import cancel_modal, reschedule_modal
from plugin.slack.listeners.actions.guard import answer_refusal, clicked


def changeable_handoff(services, body: dict):
    """The hand-off a click is about when this user may change its schedule, else None after
    queuing a polite refusal."""
    handoff_id, user_id, _, _ = clicked(body)
    handoff = services.store.find(handoff_id) if handoff_id else None
    reason = may_change(handoff, user_id)
    if reason:
        answer_refusal(services, reason, handoff_id, body)
        return None
    return handoff


def open_reschedule_modal(ack, body, client, context):
    ack()
    handoff = changeable_handoff(context["services"], body)
    if handoff is not None:
        client.views_open(trigger_id=body["trigger_id"], view=reschedule_modal(handoff))


def open_cancel_modal(ack, body, client, context):
    ack()
    handoff = changeable_handoff(context["services"], body)
    if handoff is not None:
        client.views_open(trigger_id=body["trigger_id"], view=cancel_modal(handoff))
