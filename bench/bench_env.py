"""What the benches' processes share: the Slack stand-in's credentials, one encryption key per
run (this process's and the ones it starts), and those processes' environment."""

from __future__ import annotations

import os
from pathlib import Path

from plugin.crypto import new_key, use_keys
from plugin.devtools.service_env import service_env

BENCH = Path(__file__).resolve().parent
SIGNING_SECRET = "bench-signing-secret"
BOT_TOKEN = "xoxb-standin"
ENCRYPTION_KEY = new_key()
use_keys([ENCRYPTION_KEY])


def environment(redis_url: str, api_url: str) -> dict[str, str]:
    """For a `secondround` process or gunicorn: this Redis and stand-in, bench/ importable."""
    return service_env(
        redis_url,
        api_url,
        bot_token=BOT_TOKEN,
        signing_secret=SIGNING_SECRET,
        encryption_keys=ENCRYPTION_KEY,
        PYTHONPATH=os.pathsep.join(filter(None, [str(BENCH), os.environ.get("PYTHONPATH")])),
        PYTHONUNBUFFERED="1",
    )
