"""Accept: the hiring manager will run the second interview."""

from __future__ import annotations

from plugin import lifecycle
from plugin.domain.handoff import Handoff, State, new_event
from plugin.slack.listeners.actions.guard import answer_refusal, clicked, refusal
from plugin.store import HandoffNotFound


def accept_handoff(ack, body, context):
    """One read and one write on the happy path: the who-and-when checks run inside the write."""
    ack()
    services = context["services"]
    handoff_id, user_id, _, _ = clicked(body)
    event = new_event("accepted", user_id)
    seen: list[Handoff] = []
    try:
        changed = services.store.transition(
            handoff_id,
            expect=State.OPEN,
            to=State.ACCEPTED,
            event=event,
            follow=lifecycle.follow(event),
            only_by_hiring_manager=True,
            declined=seen.append,
        )
    except HandoffNotFound:
        changed = None
    if changed is None:
        handoff = seen[-1] if seen else None
        reason = refusal(handoff, user_id, allowed=(State.OPEN,)) or "already_acted"
        answer_refusal(services, reason, handoff_id, body)
