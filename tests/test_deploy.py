"""docker-compose.yml is valid Compose, and each service's command really runs here."""

import json
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jsonschema
import pytest
import redis
import yaml
from rq import Worker
from test_store import make_handoff

from conftest import BOT_TOKEN, MANAGER, SIGNING_SECRET
from plugin import queues
from plugin.devtools.redis_server import answers, free_port
from plugin.devtools.service_env import service_env
from plugin.store import HandoffStore

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SCHEMA = json.loads((ROOT / "tests/schemas/compose-spec.schema.json").read_text())


def wait_until(check, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def settings_env(settings) -> dict[str, str]:
    return service_env(
        settings.redis_url,
        settings.slack_api_url,
        bot_token=BOT_TOKEN,
        signing_secret=SIGNING_SECRET,
        encryption_keys=",".join(settings.encryption_keys),
    )


def executable(name: str) -> str:
    """A console script from this environment (the one the tests run in)."""
    return str(Path(sys.executable).parent / name)


def test_compose_file_matches_the_compose_schema():
    jsonschema.Draft7Validator(SCHEMA).validate(COMPOSE)
    assert set(COMPOSE["services"]) == {"redis", "web", "worker"}
    assert "--appendonly" in COMPOSE["services"]["redis"]["command"]
    assert COMPOSE["services"]["redis"]["volumes"] == ["redis-data:/data"]
    for name in ("web", "worker"):
        assert COMPOSE["services"][name]["env_file"] == ".env"


def test_env_example_lists_every_setting():
    source = (ROOT / "plugin/config.py").read_text()
    names = set(re.findall(r'env\.get\("([A-Z_]+)"', source))
    example = (ROOT / ".env.example").read_text()
    assert names and all(f"\n{name}=" in example for name in names), names


def test_the_web_service_command_serves_health(settings, redis_conn):
    command = list(COMPOSE["services"]["web"]["command"])
    port = free_port()
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    command[0] = executable(command[0])
    process = subprocess.Popen(command, env=settings_env(settings), stderr=subprocess.DEVNULL)
    try:

        def healthy():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    return r.status == 200
            except OSError:
                return False

        assert wait_until(healthy), "gunicorn did not serve /healthz"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_the_worker_service_command_delivers_and_stops_cleanly(settings, redis_conn, slack):
    command = list(COMPOSE["services"]["worker"]["command"])
    command[0] = executable(command[0])
    HandoffStore(redis_conn).create(
        make_handoff("w1"), follow=queues.follow_with(queues.deliver_brief("w1"))
    )
    process = subprocess.Popen(command, env=settings_env(settings), stderr=subprocess.DEVNULL)
    try:
        assert wait_until(lambda: len(slack.messages(MANAGER)) == 1)
        assert wait_until(lambda: len(Worker.all(connection=redis_conn)) == 1)
    finally:
        process.terminate()
        assert process.wait(timeout=20) == 0


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")
def test_the_redis_service_command_keeps_data_across_a_restart(tmp_path):
    port = free_port()
    command = [
        *COMPOSE["services"]["redis"]["command"],
        *("--port", str(port), "--bind", "127.0.0.1", "--dir", str(tmp_path), "--save", ""),
    ]
    url = f"redis://127.0.0.1:{port}/0"

    def start():
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        assert wait_until(lambda: answers(url))
        return process

    process = start()
    try:
        connection = redis.Redis.from_url(url)
        HandoffStore(connection).create(
            make_handoff("kept"),
            follow=queues.follow_with(queues.deliver_brief("kept")),
        )
        connection.close()
        process.terminate()
        process.wait(timeout=20)
        process = start()
        connection = redis.Redis.from_url(url)
        assert HandoffStore(connection).get("kept").candidate_name == "Jane Doe"
        assert queues.queue(queues.DELIVERIES, connection).job_ids == ["deliver_brief-kept"]
        connection.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
