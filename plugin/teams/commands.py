"""Messages to the bot: `handoff`, `handoff list`, `questions …`, `help`; anything else gets help.

The endpoint only records what to answer and enqueues it; the reply is posted by a worker.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from plugin import queues
from plugin.domain.handoff import LIMITS, new_id
from plugin.services import Services
from plugin.teams import tasks
from plugin.teams.activity import command_text, sender
from plugin.teams.references import Conversation, activity_zone

NAME_PATTERN = re.compile(r"[^\W\d_][\w .,'’\-]*", re.UNICODE)
WELCOME_TTL = 30 * 24 * 3600


def usable_name(candidate: str) -> bool:
    return len(candidate) <= LIMITS["candidate_name"] and bool(NAME_PATTERN.fullmatch(candidate))


def parse(typed: str) -> tuple[str, str]:
    """(reply kind, argument) for what the person typed."""
    command, _, rest = typed.partition(" ")
    command, rest = command.lower().lstrip("/"), rest.strip()
    if command == "handoff":
        if rest.lower() == "list":
            return tasks.LIST, ""
        if rest.lower() in ("help", "?"):
            return tasks.HELP, ""
        if rest and not usable_name(rest):
            return tasks.UNUSABLE_NAME, rest[:80]
        return tasks.FORM, rest
    if command == "questions":
        return tasks.QUESTIONS, rest[:100]
    return tasks.HELP, ""


def enqueue_reply(
    services: Services,
    activity: Mapping,
    conversation: Conversation,
    kind: str,
    argument: str = "",
    *,
    once_key: str = "",
    once_ttl: int = 3600,
) -> bool:
    """Record the request and queue its reply, once per activity (Teams redelivers on timeouts)."""
    rid = tasks.request_id(conversation.id, once_key or str(activity.get("id") or new_id()))
    if not services.store.first_time("teams-activity", rid, ttl=once_ttl):
        return False
    user_id, teams_user_id, name = sender(activity)
    request = tasks.ReplyRequest(
        kind=kind,
        conversation_id=conversation.id,
        tenant_id=conversation.tenant_id,
        user_id=user_id,
        teams_user_id=teams_user_id,
        user_name=name,
        argument=argument,
        tz=activity_zone(activity),
        form_id=new_id() if kind == tasks.FORM else "",
    )
    with services.redis.pipeline(transaction=True) as pipe:
        pipe.multi()
        tasks.save_request(pipe, rid, request)
        queues.enqueue(services.redis, tasks.reply(rid), pipeline=pipe)
        pipe.execute()
    return True


def on_message(services: Services, activity: Mapping, conversation: Conversation) -> None:
    typed = command_text(activity)
    if not typed and activity.get("value") is not None:
        return
    if not sender(activity)[0]:
        return
    kind, argument = parse(typed)
    enqueue_reply(services, activity, conversation, kind, argument)


def on_installed(services: Services, activity: Mapping, conversation: Conversation) -> None:
    """Greet once per conversation when the app is added there."""
    enqueue_reply(
        services,
        activity,
        conversation,
        tasks.WELCOME,
        once_key="welcome",
        once_ttl=WELCOME_TTL,
    )
