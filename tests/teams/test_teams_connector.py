"""The Bot Connector client: one token reused until near expiry, errors sorted, known URLs only."""

import pytest
import requests
import responses

from conftest import PEOPLE, SERVICE_URL, TENANT, TOKEN_URL
from plugin.teams import connector as connector_module
from plugin.teams.connector import BotTokens, Connector
from plugin.teams.references import References
from workers.messengers.base import PermanentDeliveryError, TransientDeliveryError

CONVERSATION = PEOPLE["manager"].personal
MESSAGE = {"type": "message", "text": "hello"}


@pytest.fixture
def connector(settings, redis_conn, bot_framework):
    References(redis_conn).remember(
        {
            "serviceUrl": SERVICE_URL,
            "conversation": {"id": CONVERSATION, "conversationType": "personal"},
        },
        TENANT,
    )
    return Connector(settings, redis_conn)


def test_two_sends_make_one_token_request(connector, bot_framework):
    connector.send(SERVICE_URL, CONVERSATION, MESSAGE)
    connector.send(SERVICE_URL, CONVERSATION, MESSAGE)
    assert bot_framework.token_requests == 1
    assert len(bot_framework.messages(CONVERSATION)) == 2


def test_a_forked_job_reuses_the_token_through_redis(
    settings, redis_conn, connector, bot_framework
):
    connector.send(SERVICE_URL, CONVERSATION, MESSAGE)
    Connector(settings, redis_conn).send(SERVICE_URL, CONVERSATION, MESSAGE)
    assert bot_framework.token_requests == 1


def test_a_token_close_to_expiry_is_replaced(connector, bot_framework):
    bot_framework.token_lifetime = 240
    connector.send(SERVICE_URL, CONVERSATION, MESSAGE)
    connector.send(SERVICE_URL, CONVERSATION, MESSAGE)
    assert bot_framework.token_requests == 2


def test_the_token_request_is_the_bot_frameworks_client_credentials(connector, bot_framework):
    connector.send(SERVICE_URL, CONVERSATION, MESSAGE)
    [call] = [c for c in bot_framework.mock.calls if c.request.url == TOKEN_URL]
    assert "grant_type=client_credentials" in call.request.body
    assert "scope=https%3A%2F%2Fapi.botframework.com%2F.default" in call.request.body


def test_wrong_credentials_are_permanent_and_say_what_to_check(settings, redis_conn, connector):
    from dataclasses import replace

    wrong = Connector(replace(settings, microsoft_app_password="wrong"), redis_conn)
    with pytest.raises(PermanentDeliveryError) as raised:
        wrong.send(SERVICE_URL, CONVERSATION, MESSAGE)
    assert "MICROSOFT_APP_PASSWORD" in raised.value.reason
    assert "wrong" not in raised.value.reason


def test_a_service_url_never_seen_on_a_valid_activity_is_never_called(connector, bot_framework):
    with pytest.raises(PermanentDeliveryError, match="never sent us this service URL"):
        connector.send("https://smba.evil.test/amer/", CONVERSATION, MESSAGE)
    assert bot_framework.token_requests == 0
    assert bot_framework.posted == []


def test_rate_limits_are_retried_after_retry_after(connector, bot_framework):
    bot_framework.fail_next("send", 429, headers={"Retry-After": "7"})
    with pytest.raises(TransientDeliveryError) as raised:
        connector.send(SERVICE_URL, CONVERSATION, MESSAGE)
    assert raised.value.retry_after == 7


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient(connector, bot_framework, status):
    bot_framework.fail_next("send", status)
    with pytest.raises(TransientDeliveryError, match=f"HTTP {status}"):
        connector.send(SERVICE_URL, CONVERSATION, MESSAGE)


def test_timeouts_are_transient(settings, redis_conn, connector, bot_framework):
    bot_framework.mock.replace(
        responses.POST,
        TOKEN_URL,
        body=requests.ConnectTimeout("slow"),
    )
    with pytest.raises(TransientDeliveryError, match="sign-in could not be reached"):
        connector.send(SERVICE_URL, CONVERSATION, MESSAGE)


def test_a_connector_timeout_is_transient(connector, bot_framework, monkeypatch):
    connector.send(SERVICE_URL, CONVERSATION, MESSAGE)

    def slow(*args, **kwargs):
        raise requests.ReadTimeout("slow")

    monkeypatch.setattr(connector.session, "request", slow)
    with pytest.raises(TransientDeliveryError, match="did not answer in time"):
        connector.send(SERVICE_URL, CONVERSATION, MESSAGE)


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (401, connector_module.UNAUTHORIZED),
        (403, connector_module.FORBIDDEN),
        (404, connector_module.NOT_FOUND),
        (400, "Teams rejected the message (HTTP 400 BadArgument)"),
    ],
)
def test_client_errors_are_permanent_with_a_reason_for_the_recruiter(
    connector, bot_framework, status, reason
):
    bot_framework.fail_next("send", status, code="BadArgument")
    with pytest.raises(PermanentDeliveryError) as raised:
        connector.send(SERVICE_URL, CONVERSATION, MESSAGE)
    assert raised.value.reason == reason


def test_update_replaces_the_activity_in_place(connector, bot_framework):
    activity_id = connector.send(SERVICE_URL, CONVERSATION, MESSAGE)
    connector.update(SERVICE_URL, CONVERSATION, activity_id, {"type": "message", "text": "v2"})
    [update] = bot_framework.updated
    assert update == {
        "conversation": CONVERSATION,
        "id": activity_id,
        "type": "message",
        "text": "v2",
    }


def test_conversation_ids_are_escaped_in_paths(connector, bot_framework):
    odd = "19:abc@thread.tacv2;messageid=1"
    References(connector.redis).remember(
        {"serviceUrl": SERVICE_URL, "conversation": {"id": odd, "conversationType": "channel"}},
        TENANT,
    )
    connector.send(SERVICE_URL, odd, MESSAGE, reply_to="1:2")
    [posted] = bot_framework.messages(odd)
    assert posted["reply_to"] == "1:2" and posted["replyToId"] == "1:2"
    assert "%3Bmessageid%3D1" in bot_framework.mock.calls[-1].request.url


def test_members_follow_continuation_tokens(connector, bot_framework):
    from conftest import TEAM_ID

    members = connector.members(SERVICE_URL, TEAM_ID)
    assert {m["id"] for m in members} >= {p.id for p in PEOPLE.values()}


def test_msal_app_is_built_once(settings, redis_conn, bot_framework):
    tokens = BotTokens(settings, redis_conn)
    assert tokens.app() is tokens.app()
    assert tokens.authority == f"{settings.microsoft_login_url}/{TENANT}"
