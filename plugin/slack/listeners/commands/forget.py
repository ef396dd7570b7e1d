"""`/handoff forget ADDRESS`: a recruiter erases a candidate on request, after confirming.

Only hand-offs the recruiter started are offered (admins erase anyone's with
`secondround forget`). The answer, shown only to them, lists those hand-offs with a button;
the click (plugin.slack.listeners.actions.forget) erases them.
"""

from __future__ import annotations

from plugin import retention
from plugin.slack import text
from plugin.slack.blocks.forget import forget_prompt
from plugin.slack.blocks.kit import clip, escape
from plugin.store import email_identity


def forget_answer(services, team_id: str, user_id: str, argument: str) -> dict:
    """What to ack `/handoff forget …` with."""
    if not argument:
        return {"response_type": "ephemeral", "text": text.FORGET_USAGE}
    if len(argument.split()) != 1 or not retention.valid_email(argument):
        shown = escape(clip(argument, 80)).replace("`", "'")
        return {"response_type": "ephemeral", "text": text.FORGET_BAD_ADDRESS.format(address=shown)}
    identity = email_identity(argument)
    connection = services.redis
    ids = retention.ids_for_identities(connection, [identity])
    mine = retention.owned_by(connection, ids, team_id, user_id)
    if not mine:
        shown = escape(argument)
        return {"response_type": "ephemeral", "text": text.FORGET_NONE.format(address=shown)}
    found = retention.records(connection, mine)
    listed = sorted(found.values(), key=lambda r: str(r.get("created_at") or ""), reverse=True)
    return forget_prompt(listed, argument, retention.identity_digest(identity))
