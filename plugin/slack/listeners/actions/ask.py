"""Ask the recruiter: a modal for the hiring manager's question."""

from __future__ import annotations

from plugin.domain.handoff import State
from plugin.slack.blocks.dialogs import ask_modal
from plugin.slack.listeners.actions.guard import guarded_handoff


def open_ask_modal(ack, body, client, context):
    ack()
    handoff = guarded_handoff(context["services"], body, allowed=(State.OPEN, State.ACCEPTED))
    if handoff is not None:
        client.views_open(trigger_id=body["trigger_id"], view=ask_modal(handoff))
