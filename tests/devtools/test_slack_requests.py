"""Signed Slack requests: accepted by slack_sdk's verifier and by a real Bolt app on Flask."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime
from datetime import time as time_of_day
from urllib.parse import parse_qsl

import pytest
from flask import Flask, request
from hypothesis import given, settings
from hypothesis import strategies as st
from slack_bolt import App
from slack_bolt.adapter.flask import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from plugin.devtools.slack_requests import (
    SignedSlackClient,
    action_from,
    block_actions,
    event_callback,
    post_to_flask,
    sign,
    slash_command,
    state_values_for,
    view_submission,
)
from plugin.devtools.slack_standin import SlackStandIn

SECRET = "s3cr3t-signing"


def option(value: str, text: str | None = None) -> dict:
    return {"text": {"type": "plain_text", "text": text or value.title()}, "value": value}


def input_block(block_id: str, element: dict) -> dict:
    return {
        "type": "input",
        "block_id": block_id,
        "label": {"type": "plain_text", "text": block_id},
        "element": element,
    }


FORM_VIEW = {
    "type": "modal",
    "callback_id": "handoff",
    "title": {"type": "plain_text", "text": "Hand off"},
    "submit": {"type": "plain_text", "text": "Send"},
    "blocks": [
        {"type": "section", "text": {"type": "mrkdwn", "text": "Fill in"}},
        input_block("name", {"type": "plain_text_input", "action_id": "name"}),
        input_block("mail", {"type": "email_text_input", "action_id": "email"}),
        input_block(
            "role",
            {
                "type": "static_select",
                "action_id": "role",
                "option_groups": [
                    {"label": {"type": "plain_text", "text": "Eng"}, "options": [option("be")]},
                    {"label": {"type": "plain_text", "text": "Ops"}, "options": [option("sre")]},
                ],
            },
        ),
        input_block(
            "skills",
            {
                "type": "multi_static_select",
                "action_id": "skills",
                "options": [option("python"), option("sql"), option("go")],
            },
        ),
        input_block("hm", {"type": "users_select", "action_id": "hiring_manager"}),
        input_block("panel", {"type": "multi_users_select", "action_id": "panel"}),
        input_block("when", {"type": "datetimepicker", "action_id": "when"}),
        input_block("day", {"type": "datepicker", "action_id": "day"}),
        input_block("at", {"type": "timepicker", "action_id": "at", "timezone": "Europe/Paris"}),
        input_block(
            "rec",
            {
                "type": "radio_buttons",
                "action_id": "recommendation",
                "options": [option("yes"), option("no")],
            },
        ),
        input_block(
            "share",
            {"type": "checkboxes", "action_id": "share", "options": [option("a"), option("b")]},
        ),
        input_block(
            "years",
            {"type": "number_input", "action_id": "years", "is_decimal_allowed": False},
        ),
        input_block(
            "note",
            {"type": "plain_text_input", "action_id": "note", "initial_value": "as discussed"},
        ),
    ],
}


def test_sign_is_accepted_by_slack_sdk_and_only_with_the_right_secret():
    body, content_type = slash_command("/handoff", "ana diaz", "U0ANA")
    headers = sign(body, SECRET, content_type=content_type)
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert headers["X-Slack-Signature"].startswith("v0=")
    assert SignatureVerifier(SECRET).is_valid_request(body, headers)
    assert SignatureVerifier(SECRET).is_valid_request(body.encode(), headers)
    assert not SignatureVerifier("another-secret").is_valid_request(body, headers)
    assert not SignatureVerifier(SECRET).is_valid_request(body + "&x=1", headers)


def test_old_signatures_are_rejected():
    stale = sign("{}", SECRET, timestamp=int(time.time()) - 301)
    assert not SignatureVerifier(SECRET).is_valid_request("{}", stale)


@settings(max_examples=30, deadline=None)
@given(st.text())
def test_any_body_signs_verifiably(body):
    assert SignatureVerifier(SECRET).is_valid_request(body, sign(body, SECRET))


def test_slash_command_has_slacks_fields_in_slacks_order():
    body, content_type = slash_command("/handoff", "ana & co", "U0ANA", trigger_id="t-1")
    fields = parse_qsl(body, keep_blank_values=True)
    assert [name for name, _ in fields] == [
        "token",
        "team_id",
        "team_domain",
        "channel_id",
        "channel_name",
        "user_id",
        "user_name",
        "command",
        "text",
        "api_app_id",
        "is_enterprise_install",
        "response_url",
        "trigger_id",
    ]
    values = dict(fields)
    assert values["command"] == "/handoff" and values["text"] == "ana & co"
    assert values["team_id"] == "T0STANDIN" and values["trigger_id"] == "t-1"
    assert "%2Fhandoff" in body


def payload_of(body: str) -> dict:
    (name, value), *rest = parse_qsl(body)
    assert name == "payload" and not rest
    return json.loads(value)


def test_view_submission_carries_the_state_values():
    values = state_values_for(FORM_VIEW, {"name": "Ana"})
    body, content_type = view_submission(FORM_VIEW, "U0REC", values)
    payload = payload_of(body)
    assert content_type == "application/x-www-form-urlencoded"
    assert payload["type"] == "view_submission"
    assert payload["user"]["id"] == "U0REC"
    assert payload["view"]["callback_id"] == "handoff"
    assert payload["view"]["state"]["values"]["name"]["name"] == {
        "type": "plain_text_input",
        "value": "Ana",
    }


def test_state_values_for_every_element_type():
    when = datetime(2025, 3, 4, 15, 30, tzinfo=UTC)
    values = state_values_for(
        FORM_VIEW,
        {
            "name": "Ana Diaz",
            "email": "ana@example.com",
            "role": "sre",
            "skills": ["python", "go"],
            "hiring_manager": "U0KAI",
            "panel": ["U0LEE", "U0MO"],
            "when": when,
            "day": date(2025, 3, 4),
            "at": time_of_day(9, 5),
            "recommendation": "yes",
            "share": ["b"],
            "years": 7,
        },
    )
    assert "section" not in json.dumps(list(values))
    assert values["name"]["name"]["value"] == "Ana Diaz"
    assert values["mail"]["email"] == {"type": "email_text_input", "value": "ana@example.com"}
    assert values["role"]["role"]["selected_option"] == option("sre")
    assert values["skills"]["skills"]["selected_options"] == [option("python"), option("go")]
    assert values["hm"]["hiring_manager"] == {"type": "users_select", "selected_user": "U0KAI"}
    assert values["panel"]["panel"]["selected_users"] == ["U0LEE", "U0MO"]
    assert values["when"]["when"] == {
        "type": "datetimepicker",
        "selected_date_time": int(when.timestamp()),
    }
    assert values["day"]["day"]["selected_date"] == "2025-03-04"
    assert values["at"]["at"] == {
        "type": "timepicker",
        "timezone": "Europe/Paris",
        "selected_time": "09:05",
    }
    assert values["rec"]["recommendation"]["selected_option"] == option("yes")
    assert values["share"]["share"]["selected_options"] == [option("b")]
    assert values["years"]["years"] == {"type": "number_input", "value": "7"}


def test_state_values_for_unanswered_inputs_is_what_slack_sends():
    values = state_values_for(FORM_VIEW, {})
    assert values["name"]["name"] == {"type": "plain_text_input", "value": None}
    assert values["role"]["role"] == {"type": "static_select", "selected_option": None}
    assert values["skills"]["skills"]["selected_options"] == []
    assert values["hm"]["hiring_manager"]["selected_user"] is None
    assert values["panel"]["panel"]["selected_users"] == []
    assert values["when"]["when"]["selected_date_time"] is None
    assert values["share"]["share"]["selected_options"] == []
    assert values["note"]["note"]["value"] == "as discussed"  # the initial value stays


def test_state_values_for_rejects_typos():
    with pytest.raises(KeyError):
        state_values_for(FORM_VIEW, {"nmae": "Ana"})
    with pytest.raises(ValueError, match="not an option"):
        state_values_for(FORM_VIEW, {"role": "cto"})


def test_block_actions_from_a_posted_message():
    message = {
        "channel": "DU0KAI",
        "ts": "1700000000.000100",
        "text": "Brief",
        "thread_ts": None,
        "updates": 0,
        "blocks": [
            {
                "type": "actions",
                "block_id": "decide",
                "elements": [
                    {
                        "type": "button",
                        "action_id": "accept",
                        "text": {"type": "plain_text", "text": "Accept"},
                        "value": "h1",
                        "style": "primary",
                    }
                ],
            }
        ],
    }
    action = action_from(message, "accept")
    assert action == {
        "action_id": "accept",
        "block_id": "decide",
        "type": "button",
        "text": {"type": "plain_text", "text": "Accept"},
        "value": "h1",
        "style": "primary",
    }
    payload = payload_of(block_actions("U0KAI", [action], message=message)[0])
    assert payload["type"] == "block_actions"
    assert payload["container"]["message_ts"] == message["ts"]
    assert payload["container"]["channel_id"] == payload["channel"]["id"] == "DU0KAI"
    assert payload["message"]["ts"] == message["ts"]
    assert "updates" not in payload["message"] and "thread_ts" not in payload["message"]
    assert payload["actions"][0]["action_ts"]
    with pytest.raises(KeyError):
        action_from(message, "decline")


def test_event_callback_is_json_with_an_event_id():
    body, content_type = event_callback({"type": "app_home_opened", "user": "U0ANA"}, "Ev1")
    assert content_type == "application/json"
    payload = json.loads(body)
    assert payload["type"] == "event_callback" and payload["event_id"] == "Ev1"
    assert payload["event"]["user"] == "U0ANA"
    assert payload["authorizations"][0]["user_id"] == "UBOT"


def test_signed_client_signs_every_request():
    sent = []
    client = SignedSlackClient(
        lambda path, body, headers: sent.append((path, body, headers)), SECRET
    )
    client.command("/questions", "python", user_id="U0ANA")
    client.event({"type": "app_home_opened", "user": "U0ANA"}, retry_num=1)
    assert [path for path, _, _ in sent] == ["/slack/events", "/slack/events"]
    for _, body, headers in sent:
        assert SignatureVerifier(SECRET).is_valid_request(body, headers)
    assert sent[1][2]["X-Slack-Retry-Num"] == "1"
    assert sent[1][2]["Content-Type"] == "application/json"


@pytest.fixture
def bolt_on_flask():
    """A real Bolt app on Flask, its Web API client pointed at the stand-in."""
    with SlackStandIn() as standin:
        standin.add_user("U0ANA", name="ana")
        standin.add_user("U0KAI", name="kai")
        bolt = App(
            signing_secret=SECRET,
            client=WebClient(base_url=standin.api_url, token="xoxb-standin"),
            process_before_response=True,
        )
        flask_app = Flask(__name__)
        handler = SlackRequestHandler(bolt)
        flask_app.add_url_rule(
            "/slack/events", view_func=lambda: handler.handle(request), methods=["POST"]
        )
        seen: dict[str, object] = {}
        slack = SignedSlackClient(post_to_flask(flask_app.test_client()), SECRET)
        yield bolt, standin, slack, seen


def test_bolt_accepts_the_whole_round_trip(bolt_on_flask):
    bolt, standin, slack, seen = bolt_on_flask

    @bolt.command("/handoff")
    def open_modal(ack, body, client):
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=FORM_VIEW)

    @bolt.view("handoff")
    def submitted(ack, view, body, client):
        ack()
        seen["values"] = view["state"]["values"]
        client.chat_postMessage(
            channel="U0KAI",
            text="Brief",
            blocks=[
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "action_id": "accept",
                            "text": {"type": "plain_text", "text": "Accept"},
                            "value": "h1",
                        }
                    ],
                }
            ],
        )

    @bolt.action("accept")
    def accepted(ack, body, action):
        ack()
        seen["accepted"] = (body["user"]["id"], action["value"], body["container"]["message_ts"])

    @bolt.event("app_home_opened")
    def home_opened(event):
        seen["home"] = event["user"]

    assert slack.command("/handoff", user_id="U0ANA").status_code == 200
    modal = standin.last_view("U0ANA")
    assert modal["callback_id"] == "handoff"

    answer = slack.submit_view(modal, user_id="U0ANA", answers={"name": "Ana", "role": "be"})
    assert answer.status_code == 200
    assert seen["values"]["name"]["name"]["value"] == "Ana"

    (brief,) = standin.messages("U0KAI")
    assert slack.click("accept", user_id="U0KAI", message=brief).status_code == 200
    assert seen["accepted"] == ("U0KAI", "h1", brief["ts"])

    assert slack.event({"type": "app_home_opened", "user": "U0KAI"}).status_code == 200
    assert seen["home"] == "U0KAI"


def test_bolt_refuses_a_request_signed_with_another_secret(bolt_on_flask):
    bolt, standin, slack, seen = bolt_on_flask
    forger = SignedSlackClient(slack.post, "not-the-secret")
    assert forger.command("/handoff", user_id="U0ANA").status_code == 401
