"""Inbound tokens: every way one can be wrong is a 401 with nothing stored; keys are cached."""

import base64
import hashlib
import hmac
import json
import time
from dataclasses import replace

import jwt
import pytest

from conftest import (
    APP_ID,
    KID,
    OTHER_TENANT,
    PEOPLE,
    SERVICE_URL,
    public_jwk,
)
from plugin.config import ConfigError, Settings
from plugin.teams.auth import KeySet
from plugin.web import create_app


def assert_refused(response, redis_conn, reason: str):
    assert response.status_code == 401, response.data
    body = response.get_json()
    assert body == {"error": "Unauthorized", "detail": reason}
    assert "eyJ" not in response.get_data(as_text=True)
    assert redis_conn.dbsize() == 0


def test_a_valid_token_is_accepted_and_the_sender_remembered(teams, redis_conn):
    response = teams.message("help")
    assert response.status_code == 200
    assert redis_conn.exists(f"sr:teams:user:{PEOPLE['recruiter'].aad}")


def wrong_tokens(teams, stranger_key):
    now = int(time.time())
    return {
        "bad signature": teams.token(key=stranger_key),
        "unknown signing key": teams.token(key=stranger_key, kid="somebody-elses-key"),
        "wrong issuer": teams.token(iss="https://sts.windows.net/evil/"),
        "wrong audience": teams.token(aud="00000000-1111-2222-3333-444444444444"),
        "token expired": teams.token(iat=now - 4000, nbf=now - 4000, exp=now - 301),
        "token not valid yet": teams.token(nbf=now + 301),
        "missing exp claim": teams.token(exp=None),
        "serviceurl claim does not match the activity": teams.token(
            serviceurl="https://smba.evil.test/amer/"
        ),
        "token names no signing key": teams.token(kid=""),
    }


@pytest.mark.parametrize(
    "reason",
    [
        "bad signature",
        "unknown signing key",
        "wrong issuer",
        "wrong audience",
        "token expired",
        "token not valid yet",
        "missing exp claim",
        "serviceurl claim does not match the activity",
        "token names no signing key",
    ],
)
def test_a_wrong_token_is_refused(teams, stranger_key, redis_conn, reason):
    token = wrong_tokens(teams, stranger_key)[reason]
    response = teams.post(teams.activity("message", text="handoff"), token=token)
    assert_refused(response, redis_conn, reason)


def test_a_token_without_the_serviceurl_claim_is_refused(teams, redis_conn):
    token = teams.token(serviceurl=None)
    response = teams.post(teams.activity("message", text="help"), token=token)
    assert_refused(response, redis_conn, "serviceurl claim does not match the activity")


def test_an_activity_from_another_service_url_is_refused(teams, redis_conn):
    activity = teams.activity("message", text="help", serviceUrl="https://smba.evil.test/amer/")
    assert_refused(teams.post(activity), redis_conn, "serviceurl claim does not match the activity")


def test_a_tenant_not_allowed_is_refused(teams, redis_conn):
    activity = teams.activity("message", text="help", tenant=OTHER_TENANT)
    assert_refused(teams.post(activity), redis_conn, "tenant not allowed")


def test_an_activity_without_a_tenant_is_refused(teams, redis_conn):
    activity = teams.activity("message", text="help")
    del activity["channelData"]["tenant"]
    del activity["conversation"]["tenantId"]
    assert_refused(teams.post(activity), redis_conn, "tenant not allowed")


def test_an_activity_naming_two_tenants_is_refused(teams, redis_conn):
    activity = teams.activity("message", text="help")
    activity["channelData"]["tenant"]["id"] = OTHER_TENANT
    assert_refused(teams.post(activity), redis_conn, "tenant mismatch")


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": ""}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer"}],
)
def test_a_missing_header_is_refused(teams, redis_conn, headers):
    response = teams.post(teams.activity("message", text="help"), token=None, headers=headers)
    assert_refused(response, redis_conn, "missing bearer token")


def test_a_garbled_token_is_refused(teams, redis_conn):
    response = teams.post(teams.activity("message", text="help"), token="not.a.jwt")
    assert_refused(response, redis_conn, "malformed token")


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_a_symmetric_token_made_with_the_public_key_is_refused(teams, signing_key, redis_conn):
    public = json.dumps(public_jwk(signing_key, KID)).encode()
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": KID}).encode())
    claims = {"iss": "https://api.botframework.com", "aud": APP_ID, "exp": int(time.time()) + 60}
    payload = b64(json.dumps({**claims, "serviceurl": SERVICE_URL}).encode())
    signature = hmac.new(public, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    token = f"{header}.{payload}.{b64(signature)}"
    response = teams.post(teams.activity("message", text="help"), token=token)
    assert_refused(response, redis_conn, "signing algorithm not allowed")


def test_an_unsigned_token_is_refused(teams, redis_conn):
    token = jwt.encode(
        {"iss": "https://api.botframework.com", "aud": APP_ID, "serviceurl": SERVICE_URL},
        None,
        algorithm="none",
        headers={"kid": KID},
    )
    response = teams.post(teams.activity("message", text="help"), token=token)
    assert_refused(response, redis_conn, "signing algorithm not allowed")


def test_a_key_not_endorsed_for_teams_is_refused(teams, bot_framework, signing_key, redis_conn):
    bot_framework.jwks = [public_jwk(signing_key, KID, endorsements=["skype", "webchat"])]
    response = teams.message("help")
    assert_refused(response, redis_conn, "signing key not endorsed for this channel")


def test_a_key_without_endorsements_is_accepted(teams, bot_framework, signing_key):
    bot_framework.jwks = [public_jwk(signing_key, KID, endorsements=None)]
    assert teams.message("help").status_code == 200


def test_clock_skew_up_to_five_minutes_is_tolerated(teams):
    now = int(time.time())
    token = teams.token(iat=now - 4000, nbf=now + 120, exp=now - 120)
    assert teams.post(teams.activity("message", text="help"), token=token).status_code == 200


def test_keys_are_fetched_once_and_refetched_once_for_an_unknown_key(
    teams, bot_framework, stranger_key, redis_conn
):
    assert teams.message("help").status_code == 200
    assert teams.message("help").status_code == 200
    assert bot_framework.jwks_fetches == 1
    bot_framework.jwks.append(public_jwk(stranger_key, "rotated-key"))
    token = teams.token(key=stranger_key, kid="rotated-key")
    assert teams.post(teams.activity("message", text="help"), token=token).status_code == 200
    assert bot_framework.jwks_fetches == 2
    unknown = teams.token(key=stranger_key, kid="another-unknown-key")
    response = teams.post(teams.activity("message", text="help"), token=unknown)
    assert response.status_code == 401
    assert bot_framework.jwks_fetches == 2


def test_cached_keys_expire(bot_framework):
    clock = [0.0]
    keys = KeySet(
        "https://login.botframework.test/v1/.well-known/openidconfiguration",
        ttl=60,
        clock=lambda: clock[0],
    )
    keys.key(KID)
    clock[0] = 59
    keys.key(KID)
    assert bot_framework.jwks_fetches == 1
    clock[0] = 61
    keys.key(KID)
    assert bot_framework.jwks_fetches == 2


def test_unavailable_keys_answer_503(teams, bot_framework, redis_conn):
    bot_framework.keys_down = True
    response = teams.message("help")
    assert response.status_code == 503
    assert redis_conn.dbsize() == 0


def test_without_teams_settings_the_endpoint_answers_503(settings, redis_conn, teams):
    app = create_app(replace(settings, microsoft_app_id=""))
    response = app.test_client().post(
        "/api/messages",
        json=teams.activity("message", text="help"),
        headers={"Authorization": f"Bearer {teams.token()}"},
    )
    assert response.status_code == 503
    assert "MICROSOFT_APP_ID" in response.get_json()["detail"]


def test_a_bot_without_password_or_tenant_fails_at_startup(settings, redis_conn):
    with pytest.raises(ConfigError, match="MICROSOFT_APP_PASSWORD"):
        create_app(replace(settings, microsoft_app_password=""))
    with pytest.raises(ConfigError, match="TEAMS_ALLOWED_TENANTS or MICROSOFT_APP_TENANT_ID"):
        create_app(replace(settings, microsoft_app_tenant_id="", teams_allowed_tenants=()))


def test_teams_settings_are_read_and_checked():
    env = {
        "MICROSOFT_APP_ID": APP_ID,
        "MICROSOFT_APP_PASSWORD": "hunter2-pw",
        "TEAMS_ALLOWED_TENANTS": f"{OTHER_TENANT}, {OTHER_TENANT.upper()}",
    }
    settings = Settings.from_env(env)
    assert settings.allowed_tenants == {OTHER_TENANT}
    assert settings.bot_openid_metadata_url.startswith("https://login.botframework.com/")
    assert settings.microsoft_login_url == "https://login.microsoftonline.com"
    assert "hunter2-pw" not in repr(settings)
    for bad, name in (
        ({"MICROSOFT_APP_ID": "not-a-guid"}, "MICROSOFT_APP_ID"),
        ({"TEAMS_ALLOWED_TENANTS": "contoso.com"}, "TEAMS_ALLOWED_TENANTS"),
        ({"MICROSOFT_LOGIN_URL": "http://login.test"}, "MICROSOFT_LOGIN_URL"),
        ({"BOT_OPENID_METADATA_URL": "http://keys.test/x"}, "BOT_OPENID_METADATA_URL"),
    ):
        with pytest.raises(ConfigError, match=name):
            Settings.from_env(bad)
    local = Settings.from_env({"BOT_OPENID_METADATA_URL": "http://127.0.0.1:9/metadata"})
    assert local.bot_openid_metadata_url == "http://127.0.0.1:9/metadata"
