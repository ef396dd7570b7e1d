"""The buttons of `/handoff forget`: erase the clicker's own hand-offs for the candidate, or not.

The answer replaces the confirmation through the click's response_url. The erasure is done
before it (Redis only); if Slack can't be reached for the answer, the erasure stands and the
recruiter can run the command again to see that nothing is left.
"""

from __future__ import annotations

import logging
from urllib.error import URLError

from plugin import retention
from plugin.slack import text
from plugin.slack.blocks.forget import forget_done_text

log = logging.getLogger(__name__)


def forget_confirmed(ack, body, respond, context):
    ack()
    services = context["services"]
    action = (body.get("actions") or [{}])[0]
    user_id = (body.get("user") or {}).get("id", "")
    team_id = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id", "")
    ids = retention.ids_for_digest(services.redis, str(action.get("value") or ""))
    mine = retention.owned_by(services.redis, ids, team_id, user_id) if user_id else []
    if not mine:
        answer(respond, text.FORGET_NOTHING_LEFT)
        return
    erased = retention.erase_handoffs(services.redis, mine, delete_messages=True)
    answer(respond, forget_done_text(erased))


def forget_cancelled(ack, respond):
    ack()
    answer(respond, text.FORGET_CANCELLED)


def answer(respond, message: str) -> None:
    try:
        respond(replace_original=True, response_type="ephemeral", text=message)
    except (URLError, OSError, ValueError) as error:  # unreachable, or no response_url
        log.warning("couldn't answer a forget click (%s)", type(error).__name__)
