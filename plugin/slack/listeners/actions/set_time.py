"""Set interview time: a modal with a date and time picker."""

from __future__ import annotations

from plugin.domain.handoff import State
from plugin.slack.blocks.dialogs import set_time_modal
from plugin.slack.listeners.actions.guard import guarded_handoff


def open_set_time_modal(ack, body, client, context):
    ack()
    handoff = guarded_handoff(context["services"], body, allowed=(State.OPEN, State.ACCEPTED))
    if handoff is not None:
        client.views_open(trigger_id=body["trigger_id"], view=set_time_modal(handoff))
