"""The Flask app factory, health and configuration errors."""

import re

import pytest

from plugin.config import ConfigError, Settings
from plugin.devtools.redis_server import free_port
from plugin.web import create_app


def test_health_is_200_with_redis(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "redis": "ok"}


def test_health_is_503_without_redis(settings):
    down = Settings(**{**settings.__dict__, "redis_url": f"redis://127.0.0.1:{free_port()}/0"})
    response = create_app(down).test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["redis"] == "unreachable"


def test_unknown_paths_answer_json_404(client):
    response = client.get("/nope")
    assert response.status_code == 404 and response.get_json()["error"] == "Not Found"


def test_a_submit_while_redis_is_down_keeps_the_form_open(handoff, settings, slack):
    from conftest import RECRUITER, SIGNING_SECRET
    from plugin.devtools.slack_requests import SignedSlackClient, post_to_flask

    view = handoff.open_form()
    down = Settings(**{**settings.__dict__, "redis_url": f"redis://127.0.0.1:{free_port()}/0"})
    user = SignedSlackClient(post_to_flask(create_app(down).test_client()), SIGNING_SECRET)
    response = user.submit_view(view, user_id=RECRUITER, answers=handoff.answers())
    assert response.status_code == 200
    body = response.get_json()
    assert body["response_action"] == "errors"
    assert "your entries are still here" in body["errors"]["candidate_name"]
    assert "Explained a hard migration" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"REDIS_URL": "http://x"}, "REDIS_URL must start with redis://"),
        ({"SLACK_API_URL": "slack.com/api"}, "SLACK_API_URL must be an http(s) URL"),
        ({"SLACK_BOT_TOKEN": "xoxp-user"}, "SLACK_BOT_TOKEN must be a bot token"),
        ({"SMTP_URL": "mail.example.com"}, "SMTP_URL must look like"),
    ],
)
def test_malformed_settings_fail_clearly(env, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        Settings.from_env(env)


def test_the_web_app_refuses_to_start_without_slack_secrets(redis_server_url):
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET"):
        create_app(Settings(redis_url=redis_server_url))


def test_an_opt_out_token_with_our_signature_around_no_payload_is_a_400(client):
    from itsdangerous import URLSafeSerializer

    from conftest import SECRET_KEY
    from plugin.optout import OPT_OUT_PATH, SALT

    signer = URLSafeSerializer(SECRET_KEY, salt=SALT).make_signer()
    for payload in (b"", b"not base64 json!", b"e30"):  # e30 is {} without a hand-off
        token = signer.sign(payload).decode()
        for method in ("GET", "POST"):
            response = client.open(f"{OPT_OUT_PATH}?token={token}", method=method)
            assert response.status_code == 400, (payload, method, response.status_code)
