"""TeamsMessenger: cards to people's 1:1 chats, opened when needed; the unreachable are reported."""

import pytest

from conftest import PEOPLE, SERVICE_URL, TEAM_ID, TENANT
from plugin.teams.connector import Connector
from plugin.teams.references import References
from workers.messengers.base import OutboundMessage, PermanentDeliveryError, Receipt, Recipient
from workers.messengers.teams import TeamsMessenger

CARD = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "Hi"}]}


@pytest.fixture
def messenger(settings, redis_conn, bot_framework):
    references = References(redis_conn)
    references.remember(
        {
            "serviceUrl": SERVICE_URL,
            "conversation": {"id": TEAM_ID, "conversationType": "channel"},
            "channelData": {"team": {"id": TEAM_ID}},
        },
        TENANT,
    )
    return TeamsMessenger(Connector(settings, redis_conn), references)


def seen_on_roster(messenger, person):
    messenger.references.remember_member(TENANT, SERVICE_URL, person.member())


def test_a_card_opens_a_personal_chat_once_and_is_posted_there(messenger, bot_framework):
    hank = PEOPLE["manager"]
    seen_on_roster(messenger, hank)
    first = messenger.send(Recipient("teams", hank.aad), OutboundMessage(text="Brief", card=CARD))
    second = messenger.send(Recipient("teams", hank.aad), OutboundMessage(text="Again"))
    [created] = bot_framework.created
    assert created["bot"]["id"].startswith("28:")
    assert created["members"] == [{"id": hank.id}]
    assert created["tenantId"] == TENANT and created["isGroup"] is False
    assert first.channel == "teams" and first.conversation == hank.personal
    assert second.conversation == hank.personal
    card_message, text_message = bot_framework.messages(hank.personal)
    assert card_message["attachments"] == [
        {"contentType": "application/vnd.microsoft.card.adaptive", "content": CARD}
    ]
    assert card_message["summary"] == "Brief"
    assert text_message["text"] == "Again" and text_message["textFormat"] == "plain"


def test_someone_the_bot_has_never_seen_is_reported_with_what_to_do(messenger, bot_framework):
    with pytest.raises(PermanentDeliveryError) as raised:
        messenger.send(
            Recipient("teams", "99999999-9999-4999-8999-999999999999", "Nina New"),
            OutboundMessage(text="Brief", card=CARD),
        )
    assert raised.value.reason == (
        "the Second Round app isn't installed for Nina New yet: "
        "ask them (or a Teams admin) to add it"
    )
    assert bot_framework.posted == []


def test_teams_refusing_the_chat_reads_the_same(messenger, bot_framework):
    hank = PEOPLE["manager"]
    seen_on_roster(messenger, hank)
    bot_framework.fail_next("create", 403, code="BotNotInConversationRoster")
    with pytest.raises(PermanentDeliveryError, match="isn't installed for Hank Manager yet"):
        messenger.send(Recipient("teams", hank.aad), OutboundMessage(text="Brief"))


def test_a_removed_app_forgets_the_chat_and_says_so(messenger, bot_framework):
    hank = PEOPLE["manager"]
    seen_on_roster(messenger, hank)
    messenger.send(Recipient("teams", hank.aad), OutboundMessage(text="one"))
    bot_framework.fail_next("send", 403, code="ConversationBlockedByUser")
    with pytest.raises(PermanentDeliveryError, match="Hank Manager removed or blocked"):
        messenger.send(Recipient("teams", hank.aad), OutboundMessage(text="two"))
    assert messenger.references.user(hank.aad).personal_conversation_id == ""


def test_update_replaces_the_card_in_place(messenger, bot_framework):
    hank = PEOPLE["manager"]
    seen_on_roster(messenger, hank)
    receipt = messenger.send(Recipient("teams", hank.aad), OutboundMessage(text="v1", card=CARD))
    messenger.update(receipt, OutboundMessage(text="v2", card=CARD))
    [update] = bot_framework.updated
    assert update["id"] == receipt.message_id and update["summary"] == "v2"


def test_a_threaded_message_replies_to_the_original(messenger, bot_framework):
    hank = PEOPLE["manager"]
    seen_on_roster(messenger, hank)
    brief = messenger.send(Recipient("teams", hank.aad), OutboundMessage(text="brief"))
    messenger.send(Recipient("teams", hank.aad), OutboundMessage(text="answer", thread=brief))
    assert bot_framework.messages(hank.personal)[-1]["replyToId"] == brief.message_id


def test_updating_in_an_unknown_conversation_is_permanent(messenger):
    with pytest.raises(PermanentDeliveryError):
        messenger.update(Receipt("teams", "a:unknown", "1"), OutboundMessage(text="x"))


def test_other_channels_are_refused(messenger):
    with pytest.raises(ValueError):
        messenger.send(Recipient("slack", "U1"), OutboundMessage(text="x"))
