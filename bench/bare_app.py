"""The baseline for bench_ack: a bare Bolt app on Flask that only acks, set up like the product's."""

from __future__ import annotations

import logging
import os

from flask import Flask, request
from slack_bolt import App
from slack_bolt.adapter.flask import SlackRequestHandler
from slack_sdk import WebClient


def create_app() -> Flask:
    """`gunicorn 'bare_app:create_app()'`: the product's Bolt settings, listeners that only ack."""
    client = WebClient(
        token=os.environ["SLACK_BOT_TOKEN"],
        base_url=os.environ.get("SLACK_API_URL", "https://slack.com/api/"),
    )
    bolt = App(
        signing_secret=os.environ["SLACK_SIGNING_SECRET"],
        client=client,
        process_before_response=True,
        token_verification_enabled=False,
        logger=logging.getLogger("bare.bolt"),
    )

    @bolt.view("handoff")
    def handoff_submitted(ack):
        ack()

    @bolt.action("brief_accept")
    def accept_clicked(ack):
        ack()

    handler = SlackRequestHandler(bolt)
    app = Flask("bare")

    @app.post("/slack/events")
    def slack_events():
        return handler.handle(request)

    return app
