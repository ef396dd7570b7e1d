"""Requests Slack would rarely send, each found by the fuzz tests (tests/fuzz): a clear answer,
never a 500, never the catch-all "something went wrong", and nothing written."""

import hashlib
import hmac
import json
import time
from urllib.parse import parse_qsl

import pytest

from conftest import MANAGER, RECRUITER, SIGNING_SECRET
from plugin.devtools import slack_requests as sr
from plugin.domain import handoff_form as hf
from plugin.slack import app as slack_app
from plugin.store import HandoffStore


def handoff_keys(redis_conn):
    return set(redis_conn.scan_iter("sr:handoff:*"))


def payload_of(body: str) -> dict:
    return json.loads(dict(parse_qsl(body))["payload"])


def crashed(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "listener failed" in r.getMessage()]


@pytest.fixture
def created(handoff, redis_conn):
    message = handoff.create()
    [stored] = HandoffStore(redis_conn).for_recruiter("T0STANDIN", RECRUITER)
    return stored, message


def test_an_unknown_command_is_answered_not_404(slack_user, redis_conn, caplog):
    response = slack_user.command("/handof", "list", user_id=RECRUITER)
    assert response.status_code == 200
    body = response.get_json()
    assert body["response_type"] == "ephemeral"
    assert "I don't know `/handof`" in body["text"] and "/handoff help" in body["text"]
    assert crashed(caplog) == []


def test_an_unknown_command_is_escaped_in_the_answer(slack_user, redis_conn):
    text = slack_user.command("/<!channel>`", "", user_id=RECRUITER).get_json()["text"]
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text


def test_an_event_without_a_listener_is_acknowledged_so_slack_does_not_retry(
    slack_user, redis_conn
):
    response = slack_user.event({"type": "app_home_opened", "user": RECRUITER})
    assert response.status_code == 200 and response.data == b""


def test_a_click_on_a_button_no_longer_handled_is_acknowledged(slack_user, redis_conn):
    action = {"action_id": "retired_button", "block_id": "b", "value": "x"}
    response = slack_user.send(*sr.block_actions(RECRUITER, [action]))
    assert response.status_code == 200 and response.data == b""


def test_a_form_no_longer_handled_says_so_on_the_form(slack_user, redis_conn):
    view = {
        "type": "modal",
        "callback_id": "retired_form",
        "blocks": [{"type": "input", "block_id": "note", "element": {"type": "plain_text_input"}}],
    }
    response = slack_user.send(*sr.view_submission(view, RECRUITER, {}))
    assert response.status_code == 200
    assert response.get_json() == {
        "response_action": "errors",
        "errors": {"note": slack_app.FORM_UNKNOWN},
    }


@pytest.mark.parametrize(
    "body",
    [
        "payload=not-json",
        "payload=%5B%5D",
        "payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%5D%7D",
        '{"type": "event_callback", "event": {"type": "message", "channel": false}}',
        "[1, 2]",
        "{",
    ],
)
def test_a_signed_body_bolt_cannot_read_is_a_400_not_a_500(slack_user, redis_conn, body):
    content_type = sr.JSON if body[:1] in "{[" else sr.FORM
    response = slack_user.send(body, content_type)
    assert response.status_code == 400
    assert response.get_json()["error"] == "Bad Request"


def test_a_signed_body_that_is_not_utf8_is_a_400(client, redis_conn):
    body = b"payload=\xff\xfe"
    stamp = str(int(time.time()))
    digest = hmac.new(SIGNING_SECRET.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256)
    headers = {
        "Content-Type": sr.FORM,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest.hexdigest()}",
    }
    assert client.post("/slack/events", data=body, headers=headers).status_code == 400


@pytest.mark.parametrize("body", ["payload=not-json", "{", "[]", "\x00"])
def test_an_unsigned_body_bolt_cannot_read_is_a_401_not_a_500(client, redis_conn, body):
    response = client.post("/slack/events", data=body, headers={"Content-Type": sr.JSON})
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("stamp", "signature"),
    [("", "v0="), ("soon", "v0=abc"), ("9" * 5000, "v0=abc"), ("1_700_000_000", "v0=")],
)
def test_a_malformed_timestamp_or_signature_is_a_401_not_a_polite_200(
    client, redis_conn, stamp, signature
):
    body, content_type = sr.slash_command("/handoff", "list", RECRUITER)
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature,
    }
    assert client.post("/slack/events", data=body, headers=headers).status_code == 401


def test_a_non_ascii_signature_is_a_401(client, redis_conn):
    body, content_type = sr.slash_command("/handoff", "list", RECRUITER)
    headers = sr.sign(body, "whatever", content_type=content_type)
    headers["X-Slack-Signature"] = "v0=" + "é" * 64
    assert client.post("/slack/events", data=body, headers=headers).status_code == 401


def test_lone_surrogates_in_a_click_are_refused_politely(slack_user, created, redis_conn, caplog):
    _, message = created
    action = {"action_id": "brief_accept", "block_id": "brief_actions", "value": "\ud800"}
    before = redis_conn.get(f"sr:handoff:{created[0].id}")
    response = slack_user.send(*sr.block_actions(MANAGER, [action], message=message))
    assert response.status_code == 200 and response.data == b""
    assert crashed(caplog) == []
    assert redis_conn.get(f"sr:handoff:{created[0].id}") == before


def test_lone_surrogates_in_form_text_are_saved_as_replacement_characters(
    handoff, slack_user, redis_conn, caplog
):
    response = handoff.submit(strengths="Sharp \udfff thinker")
    assert response.status_code == 200 and response.data == b"", response.data
    [stored] = HandoffStore(redis_conn).for_recruiter("T0STANDIN", RECRUITER)
    assert stored.notes.strengths == "Sharp \ufffd thinker"
    assert crashed(caplog) == []


@pytest.mark.parametrize(
    "broken",
    [
        {"candidate_name": ["not", "a", "block"]},
        {"candidate_name": "text"},
        {"candidate_name": 7},
        {"candidate_name": {"candidate_name": None}},
        {"candidate_name": {"candidate_name": ["x"]}},
        {"hiring_manager": {"hiring_manager": {"selected_user": 5}}},
        {"role_id": {"role_id": {"selected_option": "software_engineer"}}},
    ],
)
def test_state_values_of_the_wrong_shape_read_as_empty(
    handoff, slack_user, redis_conn, caplog, broken
):
    view = handoff.open_form()
    values = sr.state_values_for(view, handoff.answers())
    values.update(broken)
    response = slack_user.submit_view(view, user_id=RECRUITER, values=values)
    body = response.get_json()
    assert response.status_code == 200 and body["response_action"] == "errors"
    assert set(body["errors"]) <= {b["block_id"] for b in view["blocks"] if b["type"] == "input"}
    assert slack_app.FORM_NOT_SAVED not in body["errors"].values()
    assert crashed(caplog) == []
    assert handoff_keys(redis_conn) == set()


def test_a_panel_that_is_not_a_list_reads_as_no_panel(handoff, slack_user, redis_conn, caplog):
    view = handoff.open_form()
    values = sr.state_values_for(view, handoff.answers())
    values["interviewers"]["interviewers"]["selected_users"] = "UINT1"
    response = slack_user.submit_view(view, user_id=RECRUITER, values=values)
    assert response.status_code == 200 and response.data == b""
    [stored] = HandoffStore(redis_conn).for_recruiter("T0STANDIN", RECRUITER)
    assert stored.interviewer_ids == ()
    assert crashed(caplog) == []


@pytest.mark.parametrize("state", [None, [], "x", {"values": ["x"]}, {"values": None}])
def test_a_view_whose_state_is_not_a_mapping_reads_as_empty(
    handoff, slack_user, redis_conn, caplog, state
):
    view = handoff.open_form()
    payload = payload_of(sr.view_submission(view, RECRUITER, {})[0])
    payload["view"]["state"] = state
    response = slack_user.send(*sr._form_payload(payload))
    assert response.status_code == 200
    assert hf.REQUIRED["candidate_name"] in response.get_json()["errors"]["candidate_name"]
    assert crashed(caplog) == []


@pytest.mark.parametrize(
    ("field", "user", "block", "message"),
    [
        ("hiring_manager", "UNOBODY", "hiring_manager", hf.HM_UNKNOWN),
        ("interviewers", ["UINT1", "UNOBODY"], "interviewers", hf.INTERVIEWER_UNKNOWN),
        ("candidate_user_id", "UNOBODY", "candidate_user_id", hf.CANDIDATE_UNKNOWN),
    ],
)
def test_people_slack_does_not_know_are_refused(
    handoff, redis_conn, slack, field, user, block, message
):
    response = handoff.submit(**{field: user})
    assert response.get_json()["errors"][block] == message
    assert handoff_keys(redis_conn) == set()


def test_a_panel_too_big_is_refused_without_looking_everyone_up(
    handoff, slack, slack_user, redis_conn
):
    view = handoff.open_form()
    values = sr.state_values_for(view, handoff.answers())
    values["interviewers"]["interviewers"]["selected_users"] = [f"UBOGUS{n}" for n in range(40)]
    lookups = len(slack.calls_to("users.info"))
    response = slack_user.submit_view(view, user_id=RECRUITER, values=values)
    assert response.get_json()["errors"]["interviewers"] == hf.TOO_MANY_INTERVIEWERS
    # the hiring manager, the candidate's account and at most MAX + 2 of the panel
    assert len(slack.calls_to("users.info")) - lookups <= hf.MAX_INTERVIEWERS + 4
    assert handoff_keys(redis_conn) == set()


def test_a_click_from_a_user_id_that_is_not_text_is_refused_politely(
    slack_user, created, redis_conn, caplog
):
    found, message = created
    action = {"action_id": "brief_accept", "block_id": "brief_actions", "value": found.id}
    payload = payload_of(sr.block_actions(MANAGER, [action], message=message)[0])
    payload["user"]["id"] = 42
    before = redis_conn.get(f"sr:handoff:{found.id}")
    response = slack_user.send(*sr._form_payload(payload))
    assert response.status_code == 200
    assert crashed(caplog) == []
    assert redis_conn.get(f"sr:handoff:{found.id}") == before
