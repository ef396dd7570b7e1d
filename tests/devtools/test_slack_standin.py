"""The Slack stand-in, driven through the real slack_sdk WebClient as the app drives it."""

from __future__ import annotations

import json
import urllib.request
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from plugin.devtools.slack_requests import new_trigger_id
from plugin.devtools.slack_standin import SlackStandIn, StandInClient, _from_args

MODAL = {
    "type": "modal",
    "callback_id": "handoff",
    "title": {"type": "plain_text", "text": "Hand off"},
    "submit": {"type": "plain_text", "text": "Send"},
    "blocks": [
        {
            "type": "input",
            "block_id": "candidate",
            "label": {"type": "plain_text", "text": "Candidate"},
            "element": {"type": "plain_text_input", "action_id": "name"},
        },
        {
            "type": "input",
            "label": {"type": "plain_text", "text": "Notes"},
            "element": {"type": "plain_text_input"},
        },
    ],
}


class Clock:
    """A settable clock, so limits and expiries are tested without waiting."""

    def __init__(self, now: float = 1_700_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def standin(clock: Clock):
    with SlackStandIn(clock=clock) as server:
        server.add_user("U0ANA", name="ana", real_name="Ana Diaz", email="ana@example.com")
        server.add_user("U0KAI", name="kai", tz="Europe/Berlin", title="Engineering Manager")
        yield server


@pytest.fixture
def client(standin: SlackStandIn) -> WebClient:
    return WebClient(base_url=standin.api_url, token="xoxb-standin")


def error_of(call) -> SlackApiError:
    with pytest.raises(SlackApiError) as raised:
        call()
    return raised.value


def test_auth_test_names_the_bot(client: WebClient):
    answer = client.auth_test()
    assert answer["team_id"] == "T0STANDIN"
    assert answer["user_id"] == "UBOT"
    assert answer["bot_id"] == "BBOT"
    assert answer["url"].startswith("https://")


def test_tokens_are_checked(standin: SlackStandIn):
    missing = error_of(WebClient(base_url=standin.api_url).auth_test)
    assert missing.response["error"] == "not_authed"
    wrong = error_of(WebClient(base_url=standin.api_url, token="xoxb-other").auth_test)
    assert wrong.response["error"] == "invalid_auth"
    assert wrong.response.status_code == 200


def test_unknown_method(client: WebClient):
    assert error_of(lambda: client.api_call("chat.meMessage")).response["error"] == "unknown_method"


def test_post_to_a_user_lands_in_the_dm_and_update_replaces_it(
    client: WebClient, standin: SlackStandIn
):
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Brief*"}}]
    posted = client.chat_postMessage(channel="U0ANA", text="Brief", blocks=blocks)
    assert posted["channel"] == "DU0ANA"
    assert posted["message"]["blocks"][0]["block_id"]  # Slack fills in missing block_ids
    second = client.chat_postMessage(channel="U0ANA", text="Another")
    assert float(second["ts"]) > float(posted["ts"])

    updated = client.chat_update(channel=posted["channel"], ts=posted["ts"], text="Accepted")
    assert updated["ts"] == posted["ts"]
    assert updated["message"]["edited"]["user"] == "UBOT"

    first, _ = standin.messages("U0ANA")
    assert standin.messages("DU0ANA")[0] == first
    assert first["text"] == "Accepted"
    assert first["blocks"][0]["text"]["text"] == "*Brief*"  # kept: the update sent no blocks
    assert first["updates"] == 1
    assert [call[0] for call in standin.calls] == [
        "chat.postMessage",
        "chat.postMessage",
        "chat.update",
    ]
    assert standin.calls_to("chat.update")[0]["text"] == "Accepted"


def test_update_needs_the_conversation_id_and_an_existing_message(
    client: WebClient, standin: SlackStandIn
):
    posted = client.chat_postMessage(channel="U0ANA", text="Brief")
    by_user = error_of(lambda: client.chat_update(channel="U0ANA", ts=posted["ts"], text="x"))
    assert by_user.response["error"] == "channel_not_found"
    missing = error_of(lambda: client.chat_update(channel="DU0ANA", ts="1.000001", text="x"))
    assert missing.response["error"] == "message_not_found"


def test_unknown_recipients_are_not_found(client: WebClient):
    for channel in ("U0NOBODY", "C0NOWHERE", "DU0NOBODY"):
        failure = error_of(lambda c=channel: client.chat_postMessage(channel=c, text="hi"))
        assert failure.response["error"] == "channel_not_found"


def test_form_encoded_blocks_and_metadata_are_decoded(client: WebClient, standin: SlackStandIn):
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "hello"}}]
    metadata = {"event_type": "handoff_brief", "event_payload": {"handoff_id": "h1"}}
    client.api_call(
        "chat.postMessage",
        params={
            "channel": "C0GENERAL",
            "text": "hello",
            "blocks": json.dumps(blocks),
            "metadata": json.dumps(metadata),
        },
    )
    (message,) = standin.messages("C0GENERAL")
    assert message["blocks"][0]["text"]["text"] == "hello"
    assert message["metadata"] == metadata


def test_block_kit_limits_are_enforced(client: WebClient):
    too_many = [{"type": "divider"}] * 51
    failure = error_of(lambda: client.chat_postMessage(channel="U0ANA", text="x", blocks=too_many))
    assert failure.response["error"] == "invalid_blocks"
    assert "no more than 50" in failure.response["response_metadata"]["messages"][0]
    long_header = [{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}]
    failure = error_of(
        lambda: client.chat_postMessage(channel="U0ANA", text="x", blocks=long_header)
    )
    assert failure.response["error"] == "invalid_blocks"
    no_text = error_of(lambda: client.api_call("chat.postMessage", json={"channel": "U0ANA"}))
    assert no_text.response["error"] == "no_text"


def test_users_info_is_a_realistic_user(client: WebClient, standin: SlackStandIn):
    user = client.users_info(user="U0KAI")["user"]
    offset = datetime.now(ZoneInfo("Europe/Berlin")).utcoffset()
    assert user["tz"] == "Europe/Berlin"
    assert user["tz_offset"] == int(offset.total_seconds())
    assert user["tz_label"] in ("Central European Time", "Central European Summer Time")
    assert user["profile"]["title"] == "Engineering Manager"
    assert user["real_name"] == "kai"
    assert "email" not in user["profile"]
    assert not user["is_bot"] and not user["deleted"]
    assert client.users_info(user="UBOT")["user"]["is_bot"] is True
    ana = client.users_lookupByEmail(email="ANA@example.com")["user"]
    assert ana["id"] == "U0ANA" and ana["profile"]["email"] == "ana@example.com"


def test_unknown_users(client: WebClient):
    assert error_of(lambda: client.users_info(user="U0NOBODY")).response["error"] == (
        "user_not_found"
    )
    lookup = error_of(lambda: client.users_lookupByEmail(email="nobody@example.com"))
    assert lookup.response["error"] == "users_not_found"


def test_injected_rate_limit_surfaces_as_429_with_retry_after(
    client: WebClient, standin: SlackStandIn
):
    standin.fail_next("chat.postMessage", retry_after=7, count=2)
    for _ in range(2):
        failure = error_of(lambda: client.chat_postMessage(channel="U0ANA", text="hi"))
        assert failure.response.status_code == 429
        assert failure.response.headers["Retry-After"] == "7"
        assert failure.response["error"] == "ratelimited"
    assert client.chat_postMessage(channel="U0ANA", text="hi")["ok"]
    assert len(standin.messages("U0ANA")) == 1


def test_injected_server_error_and_api_error(client: WebClient, standin: SlackStandIn):
    standin.fail_next("users.info", status=500)
    standin.fail_next("chat.postMessage", status=200, error="user_not_found")
    assert error_of(lambda: client.users_info(user="U0ANA")).response.status_code == 500
    failure = error_of(lambda: client.chat_postMessage(channel="U0ANA", text="hi"))
    assert (failure.response.status_code, failure.response["error"]) == (200, "user_not_found")
    assert standin.messages("U0ANA") == []


def test_delayed_answer_times_out_the_client(standin: SlackStandIn):
    standin.delay_next("auth.test", 0.5)
    impatient = WebClient(
        base_url=standin.api_url, token="xoxb-standin", timeout=0.1, retry_handlers=[]
    )
    with pytest.raises((TimeoutError, OSError)):
        impatient.auth_test()


def test_per_channel_post_message_rate(clock: Clock):
    with SlackStandIn(post_message_rate_per_channel=0.25, clock=clock) as standin:
        standin.add_user("U0ANA", name="ana")
        client = WebClient(base_url=standin.api_url, token="xoxb-standin")
        client.chat_postMessage(channel="U0ANA", text="one")
        clock.now += 1.5
        failure = error_of(lambda: client.chat_postMessage(channel="U0ANA", text="two"))
        assert failure.response.status_code == 429
        assert failure.response.headers["Retry-After"] == "3"  # ceil(4 - 1.5)
        client.chat_postMessage(channel="C0GENERAL", text="elsewhere")  # other channels are free
        clock.now += 2.5
        client.chat_postMessage(channel="U0ANA", text="three")
        assert [m["text"] for m in standin.messages("U0ANA")] == ["one", "three"]


def test_rate_limit_retry_after_is_at_least_one_second(clock: Clock):
    with SlackStandIn(post_message_rate_per_channel=1.0, clock=clock) as standin:
        client = WebClient(base_url=standin.api_url, token="xoxb-standin")
        client.chat_postMessage(channel="C0GENERAL", text="one")
        clock.now += 0.9
        failure = error_of(lambda: client.chat_postMessage(channel="C0GENERAL", text="two"))
        assert failure.response.headers["Retry-After"] == "1"


def test_history_newest_first_and_replies_in_thread_order(client: WebClient, standin: SlackStandIn):
    metadata = {"event_type": "handoff_brief", "event_payload": {"handoff_id": "h1"}}
    parent = client.chat_postMessage(channel="U0ANA", text="parent", metadata=metadata)
    client.chat_postMessage(channel="U0ANA", text="reply", thread_ts=parent["ts"])
    client.chat_postMessage(channel="U0ANA", text="later")

    history = client.conversations_history(channel="DU0ANA")["messages"]
    assert [m["text"] for m in history] == ["later", "parent"]
    assert "metadata" not in history[1]
    assert history[1]["reply_count"] == 1
    with_metadata = client.conversations_history(channel="DU0ANA", include_all_metadata=True)
    assert with_metadata["messages"][1]["metadata"] == metadata

    replies = client.conversations_replies(channel="DU0ANA", ts=parent["ts"])["messages"]
    assert [m["text"] for m in replies] == ["parent", "reply"]
    assert replies[1]["thread_ts"] == parent["ts"]


def test_conversations_open_and_ephemeral(client: WebClient, standin: SlackStandIn):
    assert client.conversations_open(users="U0KAI")["channel"]["id"] == "DU0KAI"
    unknown = error_of(lambda: client.conversations_open(users="U0NOBODY"))
    assert unknown.response["error"] == "user_not_found"
    answer = client.chat_postEphemeral(channel="C0GENERAL", user="U0ANA", text="only you")
    (ephemeral,) = standin.ephemerals("U0ANA")
    assert ephemeral["ts"] == answer["message_ts"]
    assert ephemeral["channel"] == "C0GENERAL" and ephemeral["text"] == "only you"
    assert standin.messages("C0GENERAL") == []


def test_views_open_update_push_and_publish(client: WebClient, standin: SlackStandIn):
    opened = client.views_open(trigger_id=new_trigger_id("U0ANA"), view=MODAL)["view"]
    assert opened["id"].startswith("V") and opened["hash"]
    assert opened["state"] == {"values": {}}
    assert opened["blocks"][1]["block_id"] and opened["blocks"][1]["element"]["action_id"]
    assert standin.last_view("U0ANA") == opened
    assert standin.last_view("U0KAI") is None

    changed = {**MODAL, "title": {"type": "plain_text", "text": "Hand off (2)"}}
    updated = client.views_update(view_id=opened["id"], hash=opened["hash"], view=changed)["view"]
    assert updated["id"] == opened["id"] and updated["hash"] != opened["hash"]
    stale = error_of(
        lambda: client.views_update(view_id=opened["id"], hash=opened["hash"], view=changed)
    )
    assert stale.response["error"] == "hash_conflict"

    pushed = client.views_push(trigger_id=new_trigger_id("U0ANA"), view=MODAL)["view"]
    assert pushed["previous_view_id"] == opened["id"]
    assert pushed["root_view_id"] == opened["id"]
    assert standin.last_view()["id"] == pushed["id"]

    home = {
        "type": "home",
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}],
    }
    client.views_publish(user_id="U0KAI", view=home)
    assert standin.home("U0KAI")["blocks"][0]["text"]["text"] == "hi"
    assert set(standin.views) == {opened["id"], pushed["id"], standin.home("U0KAI")["id"]}


def test_views_by_external_id(client: WebClient):
    view = {**MODAL, "external_id": "handoff-h1"}
    client.views_open(trigger_id=new_trigger_id("U0ANA"), view=view)
    updated = client.views_update(external_id="handoff-h1", view=MODAL)["view"]
    assert updated["external_id"] == "handoff-h1"
    missing = error_of(lambda: client.views_update(external_id="nope", view=MODAL))
    assert missing.response["error"] == "not_found"


def test_views_open_errors(client: WebClient, clock: Clock):
    no_view = error_of(lambda: client.api_call("views.open", json={"trigger_id": "1.2.3"}))
    assert no_view.response["error"] == "invalid_arguments"
    no_submit = {key: value for key, value in MODAL.items() if key != "submit"}
    failure = error_of(lambda: client.views_open(trigger_id="t-1", view=no_submit))
    assert failure.response["error"] == "invalid_arguments"

    trigger = new_trigger_id("U0ANA", now=clock.now)
    client.views_open(trigger_id=trigger, view=MODAL)
    again = error_of(lambda: client.views_open(trigger_id=trigger, view=MODAL))
    assert again.response["error"] == "exchanged_trigger_id"
    old = new_trigger_id("U0ANA", now=clock.now - 3.5)
    assert error_of(lambda: client.views_open(trigger_id=old, view=MODAL)).response["error"] == (
        "expired_trigger_id"
    )


def test_state_over_http_and_seeding_by_url(client: WebClient, standin: SlackStandIn):
    remote = StandInClient(standin.api_url)
    remote.add_user("U0LEE", name="lee", email="lee@example.com", tz="Asia/Tokyo")
    assert client.users_info(user="U0LEE")["user"]["tz_offset"] == 9 * 3600
    client.chat_postMessage(channel="U0LEE", text="hello")

    with urllib.request.urlopen(f"{standin.url}_standin/state", timeout=5) as response:  # noqa: S310
        state = json.loads(response.read())
    assert state["messages"]["DU0LEE"][0]["text"] == "hello"
    assert state["users"]["U0LEE"]["profile"]["email"] == "lee@example.com"
    assert state["calls"][-1][0] == "chat.postMessage"
    assert remote.messages("U0LEE")[0]["text"] == "hello"

    remote.fail_next("chat.postMessage", status=429, retry_after=2)
    failure = error_of(lambda: client.chat_postMessage(channel="U0LEE", text="again"))
    assert failure.response.headers["Retry-After"] == "2"
    remote.reset()
    assert remote.state()["messages"] == {}
    assert client.users_info(user="U0LEE")["ok"]  # users survive a reset


def test_response_url_collects_what_the_app_sends(standin: SlackStandIn):
    url = standin.response_url()
    for n in range(5):
        assert WebhookClient(url).send(text=f"answer {n}").status_code == 200
    assert WebhookClient(url).send(text="one too many").status_code == 404
    assert [body["text"] for body in standin.responses(url)] == [f"answer {n}" for n in range(5)]


def test_command_line_loads_a_directory(tmp_path):
    directory = tmp_path / "users.json"
    directory.write_text(
        json.dumps(
            {
                "users": [{"id": "U0ANA", "name": "ana", "email": "ana@example.com"}],
                "channels": [{"id": "C0HIRING", "name": "hiring"}],
            }
        )
    )
    standin = _from_args(["--port", "0", "--users", str(directory), "--token", "xoxb-dev"])
    with standin:
        client = WebClient(base_url=standin.api_url, token="xoxb-dev")
        assert client.users_info(user="U0ANA")["user"]["name"] == "ana"
        assert client.chat_postMessage(channel="C0HIRING", text="hi")["channel"] == "C0HIRING"
