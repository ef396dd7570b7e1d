"""The Flask app factory: `gunicorn 'plugin.web:create_app()'`."""

from __future__ import annotations

import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from plugin import candidate_web, health
from plugin.config import Settings
from plugin.logs import keep_personal_data_out_of_logs
from plugin.services import Services, connect
from plugin.slack import endpoint as slack_endpoint
from plugin.teams import endpoint as teams_endpoint

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, *, slack_client=None) -> Flask:
    keep_personal_data_out_of_logs()
    settings = settings or Settings.from_env()
    settings.require_slack()
    settings.require_encryption()
    app = Flask("secondround")
    services = Services(settings, connect(settings))
    app.extensions["secondround"] = services
    health.init_app(app, services)
    slack_endpoint.init_app(app, services, client=slack_client)
    teams_endpoint.init_app(app, services)
    candidate_web.init_app(app, services)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return jsonify(error=error.name, detail=error.description), error.code

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log.error("unhandled %s", type(error).__name__)
        return jsonify(error="Internal error", detail="The error was logged."), 500

    return app
