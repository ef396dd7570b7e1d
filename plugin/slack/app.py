"""The Bolt app: Slack's signature check, our listeners, and a friendly answer when one fails."""

from __future__ import annotations

import json
import logging

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient

from plugin.logs import keep_personal_data_out_of_logs
from plugin.services import Services
from plugin.slack import listeners
from plugin.slack.people import SlackDirectory

log = logging.getLogger(__name__)

SOMETHING_WENT_WRONG = (
    "Something went wrong on our side and nothing was changed. Please try again in a moment."
)
FORM_NOT_SAVED = "Couldn't save this just now; your entries are still here. Try again in a moment."


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
        logger=logging.getLogger("secondround.bolt"),
    )
    directory = SlackDirectory(client, services.person_cache)

    @app.middleware
    def attach_services(context, next):
        context["services"] = services
        context["directory"] = directory
        next()

    @app.error
    def answer_politely(error, body, response: BoltResponse):
        log.error("listener failed: %s (%s)", type(error).__name__, describe(body), exc_info=False)
        response.status = 200
        response.headers["content-type"] = ["application/json;charset=utf-8"]
        if body.get("type") == "view_submission":
            block_id = first_input_block(body.get("view") or {})
            if block_id:
                response.body = json.dumps(
                    {"response_action": "errors", "errors": {block_id: FORM_NOT_SAVED}}
                )
                return
        if body.get("command"):
            response.body = json.dumps({"response_type": "ephemeral", "text": SOMETHING_WENT_WRONG})
            return
        response.body = ""

    listeners.register(app)
    return app


def describe(body: dict) -> str:
    """Which request failed, without any of its content."""
    kind = body.get("type") or ("command" if body.get("command") else "unknown")
    detail = body.get("command") or (body.get("view") or {}).get("callback_id") or ""
    actions = body.get("actions") or []
    if actions and isinstance(actions[0], dict):
        detail = actions[0].get("action_id", "")
    return f"{kind} {detail}".strip()


def first_input_block(view: dict) -> str:
    for block in view.get("blocks") or []:
        if isinstance(block, dict) and block.get("type") == "input" and block.get("block_id"):
            return block["block_id"]
    return ""
