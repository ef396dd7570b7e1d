"""The environment of a `secondround` process (a worker, or gunicorn serving the app) that a test
or a bench starts against its own Redis and Slack stand-in."""

from __future__ import annotations

import os


def service_env(
    redis_url: str,
    slack_api_url: str,
    *,
    bot_token: str,
    signing_secret: str,
    encryption_keys: str,
    **more: str,
) -> dict[str, str]:
    """This process's environment without its own SLACK_ and REDIS_ settings, with these."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "REDIS_"))}
    env.update(
        REDIS_URL=redis_url,
        SLACK_BOT_TOKEN=bot_token,
        SLACK_SIGNING_SECRET=signing_secret,
        SLACK_API_URL=slack_api_url,
        ENCRYPTION_KEYS=encryption_keys,
        **more,
    )
    return env
