"""POST /slack/events: slash commands, interactivity and events, through Bolt's Flask adapter.

The signature is checked here first, over the raw bytes, and again by Bolt: Bolt parses the body
before it checks the signature, and raises on a body or header it cannot read, which would answer
an unsigned request with a 500 (or, through the listeners' error handler, a 200) instead of a 401.
A signed request Bolt still cannot read is answered 400.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time

from flask import Flask, jsonify, request
from slack_bolt.adapter.flask import SlackRequestHandler

from plugin.slack.app import create_bolt_app

log = logging.getLogger(__name__)

MAX_SKEW_SECONDS = 5 * 60
TIMESTAMP = re.compile(r"[0-9]{1,12}")
SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


def signed_by_slack(secret: str, body: bytes, timestamp: str, signature: str) -> bool:
    """Slack's v0 signature: HMAC-SHA256 of `v0:{timestamp}:{body}`, at most 5 minutes old."""
    if not TIMESTAMP.fullmatch(timestamp) or not SIGNATURE.fullmatch(signature):
        return False
    if abs(time.time() - int(timestamp)) > MAX_SKEW_SECONDS:
        return False
    expected = hmac.new(
        secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(f"v0={expected}", signature)


def init_app(app: Flask, services, *, client=None) -> None:
    handler = SlackRequestHandler(create_bolt_app(services, client=client))
    secret = services.settings.slack_signing_secret

    @app.post("/slack/events")
    def slack_events():
        body = request.get_data(cache=True)
        if not signed_by_slack(
            secret,
            body,
            request.headers.get("X-Slack-Request-Timestamp", ""),
            request.headers.get("X-Slack-Signature", ""),
        ):
            return jsonify(error="invalid request"), 401
        try:
            body.decode("utf-8")
            return handler.handle(request)
        except (ValueError, TypeError, LookupError, AttributeError) as error:
            log.warning("could not read a signed Slack request: %s", type(error).__name__)
            return jsonify(error="Bad Request", detail="The request could not be read."), 400
