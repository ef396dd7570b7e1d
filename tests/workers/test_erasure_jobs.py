"""Deleting messages already posted (an erasure): Slack chat.delete, Teams DELETE activity; the
stand-in's chat.delete and user groups, which the product relies on."""

from __future__ import annotations

import pytest
import responses
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from conftest import BOT_TOKEN, MANAGER
from plugin import queues
from plugin.teams.connector import Connector
from plugin.teams.references import References
from workers.messengers.base import OutboundMessage, PermanentDeliveryError, Receipt, Recipient
from workers.messengers.slack import SlackMessenger
from workers.messengers.teams import TeamsMessenger

SERVICE_URL = "https://smba.trafficmanager.net/emea/"
CONVERSATION = "a:1personal-chat"


def test_the_standin_deletes_messages_and_knows_user_groups(slack):
    client = WebClient(token=BOT_TOKEN, base_url=slack.api_url)
    posted = client.chat_postMessage(channel=MANAGER, text="Brief")
    client.chat_postMessage(channel=MANAGER, text="Kit")
    client.chat_delete(channel=posted["channel"], ts=posted["ts"])
    assert [m["text"] for m in slack.messages(MANAGER)] == ["Kit"]
    with pytest.raises(SlackApiError) as gone:
        client.chat_delete(channel=posted["channel"], ts=posted["ts"])
    assert gone.value.response["error"] == "message_not_found"

    slack.add_usergroup("S0RECRUIT", handle="recruiters", users=["UREC", "UHM"])
    [group] = client.usergroups_list()["usergroups"]
    assert group["handle"] == "recruiters" and group["user_count"] == 2 and "users" not in group
    assert client.usergroups_list(include_users=True)["usergroups"][0]["users"] == ["UREC", "UHM"]
    assert client.usergroups_users_list(usergroup="S0RECRUIT")["users"] == ["UREC", "UHM"]
    with pytest.raises(SlackApiError) as unknown:
        client.usergroups_users_list(usergroup="S0NOPE")
    assert unknown.value.response["error"] == "no_such_subteam"


def test_the_delete_job_deletes_and_counts_a_gone_message_as_done(
    slack, settings, redis_conn, run_jobs
):
    client = WebClient(token=BOT_TOKEN, base_url=slack.api_url)
    posted = SlackMessenger(client).send(Recipient("slack", MANAGER), OutboundMessage(text="Brief"))
    spec = queues.delete_message("slack", posted.conversation, posted.message_id)
    assert (
        spec.job_id
        == f"delete_message-slack-{posted.conversation}-" + posted.message_id.replace(".", "_")
    )
    queues.enqueue(redis_conn, spec)
    run_jobs()
    assert slack.messages(MANAGER) == []
    queues.enqueue(redis_conn, spec)  # a retry after it went through
    run_jobs()
    job = queues.queue(queues.DELIVERIES, redis_conn).fetch_job(spec.job_id)
    assert job.return_value() == "already gone"


class Tokens:
    def token(self) -> str:
        return "token"


@responses.activate
def test_teams_messages_are_deleted_through_the_connector(settings, redis_conn):
    references = References(redis_conn)
    references.remember({"serviceUrl": SERVICE_URL, "conversation": {"id": CONVERSATION}}, "tenant")
    messenger = TeamsMessenger(Connector(settings, redis_conn, tokens=Tokens()), references)
    url = f"{SERVICE_URL}v3/conversations/a%3A1personal-chat/activities/1700000000001"
    responses.add(responses.DELETE, url, status=200)
    messenger.delete(Receipt("teams", CONVERSATION, "1700000000001"))
    assert responses.calls[0].request.headers["Authorization"] == "Bearer token"

    responses.replace(responses.DELETE, url, status=404, json={"error": {"code": "NotFound"}})
    with pytest.raises(PermanentDeliveryError, match="the original message was deleted"):
        messenger.delete(Receipt("teams", CONVERSATION, "1700000000001"))
    with pytest.raises(PermanentDeliveryError, match="conversation of the original message"):
        messenger.delete(Receipt("teams", "a:1unknown", "1"))
