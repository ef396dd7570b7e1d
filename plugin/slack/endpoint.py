"""POST /slack/events: slash commands, interactivity and events, through Bolt's Flask adapter."""

from __future__ import annotations

from flask import Flask, request
from slack_bolt.adapter.flask import SlackRequestHandler

from plugin.slack.app import create_bolt_app


def init_app(app: Flask, services, *, client=None) -> None:
    handler = SlackRequestHandler(create_bolt_app(services, client=client))

    @app.post("/slack/events")
    def slack_events():
        return handler.handle(request)
