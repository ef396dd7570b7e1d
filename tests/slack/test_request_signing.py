"""Slack's signature check: forged or stale requests are refused and change nothing."""

import time

from conftest import RECRUITER, SIGNING_SECRET
from plugin.devtools.slack_requests import SignedSlackClient, post_to_flask, slash_command


def test_a_forged_signature_is_rejected(client, slack, redis_conn):
    forger = SignedSlackClient(post_to_flask(client), "not-the-secret")
    response = forger.command("/handoff", "list", user_id=RECRUITER)
    assert response.status_code == 401
    assert slack.calls_to("views.open") == []


def test_a_stale_timestamp_is_rejected(client, slack, redis_conn):
    stale = SignedSlackClient(
        post_to_flask(client), SIGNING_SECRET, clock=lambda: time.time() - 6 * 60
    )
    assert stale.command("/handoff", "", user_id=RECRUITER).status_code == 401
    assert slack.calls_to("views.open") == []


def test_an_unsigned_request_is_rejected(client, redis_conn):
    body, content_type = slash_command("/handoff", "", RECRUITER)
    response = client.post("/slack/events", data=body, headers={"Content-Type": content_type})
    assert response.status_code == 401


def test_a_tampered_body_is_rejected(client, redis_conn):
    body, content_type = slash_command("/handoff", "", RECRUITER)
    signer = SignedSlackClient(lambda path, b, h: (b, h), SIGNING_SECRET)
    _, headers = signer.send(body, content_type)
    response = client.post(
        "/slack/events", data=body.replace("handoff", "handofx"), headers=headers
    )
    assert response.status_code == 401
