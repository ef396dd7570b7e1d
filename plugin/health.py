"""GET /healthz: 200 when Redis answers, 503 when it doesn't, as JSON."""

from __future__ import annotations

import redis
from flask import Flask, jsonify


def init_app(app: Flask, services) -> None:
    @app.get("/healthz")
    def healthz():
        try:
            services.redis.ping()
        except (redis.RedisError, OSError):
            return jsonify(status="unavailable", redis="unreachable"), 503
        return jsonify(status="ok", redis="ok"), 200
