"""What the hiring manager's small modals share: which hand-off, who, and the guard."""

from __future__ import annotations

from plugin.domain.handoff import Handoff, State
from plugin.slack import text


def submitted_handoff(services, body: dict, view: dict, allowed: tuple[State, ...]):
    """(hand-off, user) when this user may still act on it, else (None, error text)."""
    user_id = (body.get("user") or {}).get("id", "")
    handoff: Handoff | None = services.store.find(str(view.get("private_metadata") or ""))
    if handoff is None:
        return None, text.HANDOFF_GONE
    if user_id != handoff.hiring_manager_id:
        return None, text.NOT_YOURS.format(manager=handoff.hiring_manager_id)
    if handoff.state not in allowed:
        return None, already_acted(handoff)
    return handoff, user_id


def already_acted(handoff: Handoff) -> str:
    return text.ALREADY_ACTED.format(state=handoff.state, actor=handoff.acted_by)
