"""Decline: ask the hiring manager for a reason in a modal."""

from __future__ import annotations

from plugin.domain.handoff import State
from plugin.slack.blocks.dialogs import decline_modal
from plugin.slack.listeners.actions.guard import guarded_handoff


def open_decline_modal(ack, body, client, context):
    ack()
    handoff = guarded_handoff(context["services"], body, allowed=(State.OPEN,))
    if handoff is not None:
        client.views_open(trigger_id=body["trigger_id"], view=decline_modal(handoff))
