"""/handoff: the form, its prefill, the list, usage, and who may start a hand-off."""

import json

from conftest import GUEST, RECRUITER
from plugin.slack import text


def ephemeral(response) -> str:
    assert response.status_code == 200
    body = json.loads(response.data)
    assert body.get("response_type", "ephemeral") == "ephemeral"
    return body["text"]


def test_no_text_opens_the_empty_form(slack, slack_user, redis_conn):
    response = slack_user.command("/handoff", "", user_id=RECRUITER)
    assert response.status_code == 200 and not response.data
    view = slack.last_view(RECRUITER)
    assert view["callback_id"] == "handoff"
    name = next(b for b in view["blocks"] if b["block_id"] == "candidate_name")
    assert "initial_value" not in name["element"]
    roles = next(b for b in view["blocks"] if b["block_id"] == "role_id")
    titles = [o["text"]["text"] for o in roles["element"]["options"]]
    assert "Software engineer" in titles and len(titles) >= 7


def test_a_name_prefills_the_form(slack, slack_user, redis_conn):
    slack_user.command("/handoff", "  Jane   Doe ", user_id=RECRUITER)
    name = next(
        b for b in slack.last_view(RECRUITER)["blocks"] if b["block_id"] == "candidate_name"
    )
    assert name["element"]["initial_value"] == "Jane Doe"


def test_unusable_text_gets_usage_not_a_form(slack, slack_user, redis_conn):
    for typed in ("<@U123>", "https://example.com", "x" * 200, "!!!"):
        answer = ephemeral(slack_user.command("/handoff", typed, user_id=RECRUITER))
        assert "couldn't use" in answer and "/handoff list" in answer
    assert slack.calls_to("views.open") == []


def test_help_shows_usage(slack_user, redis_conn):
    assert (
        ephemeral(slack_user.command("/handoff", "help", user_id=RECRUITER)) == text.HANDOFF_USAGE
    )


def test_guests_cannot_start_a_handoff(slack, slack_user, redis_conn):
    answer = ephemeral(slack_user.command("/handoff", "Jane Doe", user_id=GUEST))
    assert answer == text.GUEST_CANNOT_HAND_OFF
    assert slack.calls_to("views.open") == []


def test_list_shows_only_my_handoffs_and_their_state(handoff, slack_user, redis_conn):
    assert ephemeral(slack_user.command("/handoff", "list", user_id=RECRUITER)) == text.LIST_EMPTY
    handoff.create(candidate_name="Jane Doe")
    listing = ephemeral(slack_user.command("/handoff", "list", user_id=RECRUITER))
    assert "*Jane Doe* for Software engineer" in listing
    assert "Waiting for the hiring manager" in listing
    other = ephemeral(slack_user.command("/handoff", "list", user_id="UINT1"))
    assert other == text.LIST_EMPTY
