"""The Bolt app: Slack's signature check, our listeners, and a friendly answer when one fails."""

from __future__ import annotations

import json
import logging

from slack_bolt import App, BoltResponse
from slack_bolt.error import BoltUnhandledRequestError
from slack_sdk import WebClient

from plugin.logs import keep_personal_data_out_of_logs
from plugin.payloads import may_hold_surrogates, valid_unicode
from plugin.services import Services
from plugin.slack import listeners
from plugin.slack.blocks.kit import clip, escape
from plugin.slack.people import SlackDirectory
from plugin.slack.usergroup import HandoffGroup

log = logging.getLogger(__name__)

SOMETHING_WENT_WRONG = (
    "Something went wrong on our side and nothing was changed. Please try again in a moment."
)
FORM_NOT_SAVED = "Couldn't save this just now; your entries are still here. Try again in a moment."
FORM_UNKNOWN = "This form is out of date and can't be saved. Close it and start again."
UNKNOWN_COMMAND = (
    "I don't know `{command}`. Try `/handoff help` or `/questions help` to see what I can do."
)


def web_client(services: Services) -> WebClient:
    return WebClient(
        token=services.settings.slack_bot_token, base_url=services.settings.slack_api_base
    )


def create_bolt_app(services: Services, *, client: WebClient | None = None) -> App:
    """process_before_response: the listener runs in the request thread and the answer goes
    back as soon as it returns, without Bolt's 10 ms ack polling; listeners only store and
    enqueue, so this stays fast."""
    keep_personal_data_out_of_logs()
    settings = services.settings
    client = client or web_client(services)
    app = App(
        signing_secret=settings.slack_signing_secret,
        client=client,
        process_before_response=True,
        token_verification_enabled=False,
        raise_error_for_unhandled_request=True,
        logger=logging.getLogger("secondround.bolt"),
    )
    directory = SlackDirectory(client, services.person_cache)
    group = settings.handoff_user_group
    gate = HandoffGroup(client, services.redis, group) if group else None

    @app.middleware
    def attach_services(req, context, next):
        if may_hold_surrogates(req.raw_body):
            req.body = valid_unicode(req.body)
        context["services"] = services
        context["directory"] = directory
        context["handoff_group"] = gate
        next()

    @app.error
    def answer_politely(error, body, response: BoltResponse):
        unhandled = isinstance(error, BoltUnhandledRequestError)
        if unhandled:
            log.info("no listener for %s", describe(body))
        else:
            log.error("listener failed: %s (%s)", type(error).__name__, describe(body))
        response.status = 200
        response.headers["content-type"] = ["application/json;charset=utf-8"]
        if body.get("type") == "view_submission":
            block_id = first_input_block(body.get("view"))
            if block_id:
                message = FORM_UNKNOWN if unhandled else FORM_NOT_SAVED
                response.body = json.dumps(
                    {"response_action": "errors", "errors": {block_id: message}}
                )
                return
        if body.get("command"):
            if unhandled:
                command = clip(escape(str(body["command"])), 40).replace("`", "'")
                message = UNKNOWN_COMMAND.format(command=command)
            else:
                message = SOMETHING_WENT_WRONG
            response.body = json.dumps({"response_type": "ephemeral", "text": message})
            return
        response.body = ""

    listeners.register(app)
    return app


def describe(body: dict) -> str:
    """Which request failed, without any of its content."""
    kind = body.get("type") or ("command" if body.get("command") else "unknown")
    view = body.get("view")
    detail = body.get("command") or (view.get("callback_id") if isinstance(view, dict) else "")
    actions = body.get("actions")
    if isinstance(actions, list) and actions and isinstance(actions[0], dict):
        detail = actions[0].get("action_id", "")
    return clip(f"{kind} {detail or ''}".strip(), 120)


def first_input_block(view) -> str:
    blocks = view.get("blocks") if isinstance(view, dict) else None
    for block in blocks if isinstance(blocks, list) else []:
        if isinstance(block, dict) and block.get("type") == "input" and block.get("block_id"):
            return str(block["block_id"])
    return ""
