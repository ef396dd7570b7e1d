"""/handoff: open the hand-off form (prefilled with a name), list hand-offs, erase a candidate's
(`forget`), or show usage. Guests get none of it; with HANDOFF_USER_GROUP set, only its members
open the form."""

from __future__ import annotations

import re

from slack_sdk.errors import SlackApiError

from plugin.domain.handoff import LIMITS
from plugin.slack import text
from plugin.slack.blocks.handoff_modal import handoff_modal
from plugin.slack.blocks.kit import clip, escape
from plugin.slack.blocks.notices import handoff_list_text
from plugin.slack.listeners.commands.forget import forget_answer
from plugin.slack.usergroup import handoff_group

NAME_PATTERN = re.compile(r"[^\W\d_][\w .,'’\-]*", re.UNICODE)


def usable_name(candidate: str) -> bool:
    return len(candidate) <= LIMITS["candidate_name"] and bool(NAME_PATTERN.fullmatch(candidate))


def handoff_command(ack, command, client, context, respond):
    services, directory = context["services"], context["directory"]
    typed = " ".join(str(command.get("text") or "").split())
    team_id, user_id = command.get("team_id", ""), command.get("user_id", "")
    if typed.lower() in ("help", "?"):
        ack(text=text.HANDOFF_USAGE, response_type="ephemeral")
        return
    caller = directory.person(team_id, user_id)
    if caller is None or caller.is_guest or caller.is_bot:
        ack(text=text.GUEST_CANNOT_HAND_OFF, response_type="ephemeral")
        return
    if typed.lower() == "list":
        handoffs = services.store.for_recruiter(team_id, user_id)
        ack(text=handoff_list_text(handoffs, caller.tz), response_type="ephemeral")
        return
    first, _, rest = typed.partition(" ")
    if first.lower() == "forget" and (not rest or "@" in rest):
        ack(**forget_answer(services, team_id, user_id, rest.strip()))
        return
    gate = handoff_group(context)
    refused = gate.refusal(team_id, user_id) if gate else None
    if refused is not None:
        ack(text=refused.message, response_type="ephemeral")
        return
    if typed and not usable_name(typed):
        shown = escape(clip(typed, 80)).replace("`", "'")
        ack(text=text.HANDOFF_TEXT_UNUSABLE.format(text=shown), response_type="ephemeral")
        return
    ack()
    try:
        client.views_open(
            trigger_id=command["trigger_id"],
            view=handoff_modal(
                services.role_options(),
                candidate_name=typed,
                competencies=services.competency_options(),
            ),
        )
    except SlackApiError as error:
        respond(text=text.MODAL_OPEN_FAILED.format(error=error.response.get("error", "error")))
