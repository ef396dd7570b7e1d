"""Who may press a brief's buttons, and the polite answer for everyone else."""

from __future__ import annotations

from plugin import queues
from plugin.domain.handoff import Handoff, State
from plugin.services import Services


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def clicked_action(body: dict) -> dict:
    """The clicked element (`actions[0]`); {} when missing or not the shape Slack sends."""
    actions = body.get("actions")
    return _mapping(actions[0]) if isinstance(actions, list) and actions else {}


def clicked(body: dict) -> tuple[str, str, str, str]:
    """(handoff ID, user, channel, action_ts) of a button click; '' for what is missing."""
    action = clicked_action(body)
    container = _mapping(body.get("container"))
    channel = (_mapping(body.get("channel")) or container).get("id") or container.get("channel_id")
    user = _mapping(body.get("user")).get("id")
    return (
        str(action.get("value") or ""),
        user if isinstance(user, str) else "",
        channel if isinstance(channel, str) else "",
        str(action.get("action_ts") or ""),
    )


def refusal(handoff: Handoff | None, user_id: str, *, allowed: tuple[State, ...]) -> str:
    """Why this user may not act on this hand-off now ('' when they may)."""
    if handoff is None:
        return "gone"
    if user_id != handoff.hiring_manager_id:
        return "not_yours"
    if handoff.state not in allowed:
        return "already_acted"
    return ""


def answer_refusal(services: Services, reason: str, handoff_id: str, body: dict) -> None:
    """Queue the ephemeral answer to a refused click; one per click."""
    _, user_id, channel, action_ts = clicked(body)
    if not channel or not user_id:
        return
    spec = queues.ephemeral_reply(reason, handoff_id or "none", channel, user_id, action_ts)
    queues.enqueue_now(services.redis, spec)


def guarded_handoff(services: Services, body: dict, *, allowed: tuple[State, ...]):
    """The hand-off a click is about, or None after queuing a polite refusal."""
    handoff_id, user_id, _, _ = clicked(body)
    handoff = services.store.find(handoff_id) if handoff_id else None
    reason = refusal(handoff, user_id, allowed=allowed)
    if reason:
        answer_refusal(services, reason, handoff_id, body)
        return None
    return handoff
