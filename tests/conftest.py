"""Shared fixtures: a private Redis, the Slack stand-in, the Flask app and an in-process worker."""

from __future__ import annotations

import os

import pytest
import redis

from plugin.devtools.redis_server import RedisUnavailable, redis_for_tests


@pytest.fixture(scope="session")
def redis_server_url():
    try:
        url, server = redis_for_tests(os.environ.get("REDIS_URL"))
    except RedisUnavailable as error:
        pytest.exit(str(error), returncode=2)
    yield url
    if server is not None:
        server.stop()


@pytest.fixture
def redis_conn(redis_server_url):
    connection = redis.Redis.from_url(redis_server_url)
    connection.flushdb()
    yield connection
    connection.close()
