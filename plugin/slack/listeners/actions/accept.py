"""Accept: the hiring manager will run the second interview."""

from __future__ import annotations

from plugin import lifecycle
from plugin.domain.handoff import State, new_event
from plugin.slack.listeners.actions.guard import answer_refusal, clicked, guarded_handoff


def accept_handoff(ack, body, context):
    ack()
    services = context["services"]
    handoff = guarded_handoff(services, body, allowed=(State.OPEN,))
    if handoff is None:
        return
    _, user_id, _, _ = clicked(body)
    event = new_event("accepted", user_id)
    changed = services.store.transition(
        handoff.id,
        expect=State.OPEN,
        to=State.ACCEPTED,
        event=event,
        follow=lifecycle.follow(services.redis, event),
    )
    if changed is None:
        answer_refusal(services, "already_acted", handoff.id, body)
