"""The `secondround` command: manifest, usage errors, and the demo end to end."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plugin.cli import main
from plugin.manifest import BOT_SCOPES, PLACEHOLDER_URL, slack_manifest

ROOT = Path(__file__).resolve().parent.parent


def test_manifest_fills_the_url_into_every_request_url(capsys):
    assert main(["manifest", "--url", "https://recruiting.acme.test/"]) == 0
    manifest = json.loads(capsys.readouterr().out)
    url = "https://recruiting.acme.test/slack/events"
    assert [c["url"] for c in manifest["features"]["slash_commands"]] == [url, url]
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == [
        "/handoff",
        "/questions",
    ]
    assert manifest["settings"]["interactivity"]["request_url"] == url
    assert manifest["settings"]["event_subscriptions"]["request_url"] == url
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True
    assert manifest["oauth_config"]["scopes"]["bot"] == BOT_SCOPES


@pytest.mark.parametrize("url", ["http://insecure.test", "recruiting.acme.test", "https://"])
def test_manifest_refuses_an_unusable_url(url, capsys):
    assert main(["manifest", "--url", url]) == 2
    assert "--url must be the app's public https URL" in capsys.readouterr().err


def test_the_committed_manifest_is_the_generated_one():
    committed = json.loads((ROOT / "manifests/slack/manifest.json").read_text())
    assert committed == slack_manifest(PLACEHOLDER_URL)


def test_unknown_commands_exit_2(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["fly"])
    assert exited.value.code == 2


def test_missing_slack_settings_exit_2_with_a_message(capsys, monkeypatch, redis_server_url):
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("REDIS_URL", redis_server_url)
    assert main(["worker", "--burst"]) == 2
    assert (
        "missing Slack settings: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET" in capsys.readouterr().err
    )


def test_the_demo_runs_a_whole_handoff_and_exits_0():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "REDIS_URL"))}
    result = subprocess.run(
        [sys.executable, "-m", "plugin.cli", "demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = result.stdout
    assert "Second interview: Jane Doe" in out
    assert "You can't be the hiring manager of your own hand-off" in out
    assert "Accepted by @Hank Manager" in out
    assert "answered:" in out
    assert "Hank Manager (Engineering Manager): 3 message(s)" in out
    assert "Interview kit: Jane Doe" in out
    assert "METHOD:REQUEST" in out
