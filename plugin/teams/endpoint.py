"""POST /api/messages: Bot Framework activities from Teams, token-checked, stored, enqueued.

Every request's token is checked (401 on any failure, with no way to turn the checks off); then
the activity's references are stored and its work enqueued. Only an Action.Execute invoke is
answered in the HTTP response: with the card as it now stands, which Teams shows in place.
"""

from __future__ import annotations

import json
import logging

import redis
from flask import Flask, Response, jsonify, request

from plugin.payloads import valid_unicode
from plugin.teams import actions, commands, text
from plugin.teams.activity import action_of, bot_added, bot_removed, sender
from plugin.teams.auth import AuthError, KeysUnavailable, TokenValidator
from plugin.teams.references import PERSONAL, References, roster_key

log = logging.getLogger(__name__)

MAX_BODY = 256 * 1024
CARD_ACTION = "adaptiveCard/action"
CARD_CONTENT = "application/vnd.microsoft.card.adaptive"
NOT_CONFIGURED = "Teams is not configured: set MICROSOFT_APP_ID and the other Teams settings"
KEYS_UNAVAILABLE = "The Bot Framework signing keys could not be fetched; try again later"
MAX_CARD_BYTES = 28 * 1024  # Teams refuses a card over 28 KB
CARD_TOO_BIG = (
    "This card can't show that much text. Shorten your entries and try again; "
    "anything already saved stays saved."
)


def init_app(app: Flask, services) -> None:
    settings = services.settings
    validator = None
    if settings.teams_enabled:
        settings.require_teams()
        validator = TokenValidator(settings)

    @app.post("/api/messages")
    def teams_messages():
        if validator is None:
            return jsonify(error="Service Unavailable", detail=NOT_CONFIGURED), 503
        if (request.content_length or 0) > MAX_BODY:
            return jsonify(error="Payload Too Large"), 413
        activity = valid_unicode(request.get_json(silent=True))
        try:
            caller = validator.validate(
                request.headers.get("Authorization"), activity if isinstance(activity, dict) else {}
            )
        except AuthError as error:
            log.warning("refused a Teams request: %s", error.reason)
            return jsonify(error="Unauthorized", detail=error.reason), 401
        except KeysUnavailable:
            return jsonify(error="Service Unavailable", detail=KEYS_UNAVAILABLE), 503
        return handle(services, activity, caller.tenant_id)


def handle(services, activity: dict, tenant_id: str):
    references = References(services.redis)
    conversation = references.remember(activity, tenant_id)
    kind = activity.get("type")
    if conversation is None:
        return Response(status=200)
    if kind == "invoke":
        if activity.get("name") != CARD_ACTION:
            return jsonify({}), 200
        verb, data = action_of(activity)
        invoke = actions.Invoke(services, activity, tenant_id, verb, data)
        try:
            answer = actions.handle(invoke)
        except redis.RedisError:
            log.error("a Teams card action failed: Redis unavailable")
            saving = text.FORM_NOT_SAVED if verb == "handoff.submit" else text.NOT_SAVED
            answer = actions.message_response(saving)
        if card_bytes(answer) > MAX_CARD_BYTES:
            log.warning("a Teams card action's answer was too big for a card")
            answer = actions.message_response(CARD_TOO_BIG)  # Teams keeps the card as it is
        return jsonify(answer), 200
    if kind == "message":
        commands.on_message(services, activity, conversation)
    elif kind in ("conversationUpdate", "installationUpdate"):
        if activity.get("membersAdded") or activity.get("membersRemoved"):
            services.redis.delete(roster_key(conversation.roster_id))
        if bot_removed(activity):
            if conversation.kind == PERSONAL:
                references.forget_personal(sender(activity)[0])
            else:
                references.forget_roster_source(tenant_id, conversation.roster_id)
        elif bot_added(activity):
            commands.on_installed(services, activity, conversation)
    return Response(status=200)


def card_bytes(answer: dict) -> int:
    """The size of the card in an invoke answer as sent (compact JSON, as Flask sends it)."""
    if not isinstance(answer, dict) or answer.get("type") != CARD_CONTENT:
        return 0
    return len(json.dumps(answer.get("value"), separators=(",", ":")))
