"""Teams delivery through the Bot Connector: a card (or text) in the person's 1:1 chat with the bot.

A recipient's address is their AAD object ID. The bot reaches them through the reference stored
when they installed or messaged the app, or when it saw them on a roster; with no reference the
recruiter is told what to do (install the app for them), and nothing is lost silently.
"""

from __future__ import annotations

from urllib.parse import quote

from plugin.teams import text
from plugin.teams.cards.kit import attachment
from plugin.teams.connector import Connector, ConnectorRefused
from plugin.teams.references import References
from workers.messengers.base import (
    OutboundMessage,
    PermanentDeliveryError,
    Receipt,
    Recipient,
)

CHANNEL = "teams"
CONVERSATION_UNKNOWN = "the Teams conversation of the original message is unknown"
MESSAGE_GONE = "the original message was deleted"


def activity(message: OutboundMessage) -> dict:
    """The message activity: the card as an attachment, the text as its notification summary."""
    body: dict = {"type": "message"}
    if message.card is not None:
        body["attachments"] = [attachment(message.card)]
        body["summary"] = message.text
    else:
        body["text"] = message.text
        body["textFormat"] = "plain"
    return body


class TeamsMessenger:
    channel = CHANNEL

    def __init__(self, connector: Connector, references: References):
        self.connector = connector
        self.references = references

    @classmethod
    def for_services(cls, services) -> TeamsMessenger:
        return cls(Connector(services.settings, services.redis), References(services.redis))

    def send(self, recipient: Recipient, message: OutboundMessage) -> Receipt:
        if recipient.channel != CHANNEL:
            raise ValueError(f"TeamsMessenger cannot send to a {recipient.channel} recipient")
        if message.thread is not None:
            return self.post(
                message.thread.conversation, message, reply_to=message.thread.message_id
            )
        reference = self.references.user(recipient.address)
        name = recipient.name or (reference.name if reference else "") or text.UNKNOWN_PERSON
        if reference is None or not reference.id or not reference.service_url:
            raise PermanentDeliveryError(text.NOT_INSTALLED.format(name=name))
        conversation_id = reference.personal_conversation_id
        if not conversation_id:
            try:
                conversation_id = self.connector.create_conversation(
                    reference.service_url, reference.tenant_id, reference.id
                )
            except ConnectorRefused as error:
                if error.status in (403, 404):
                    raise PermanentDeliveryError(text.NOT_INSTALLED.format(name=name)) from None
                raise
            self.references.set_personal(
                reference.aad_object_id, conversation_id, reference.service_url
            )
        try:
            activity_id = self.connector.send(
                reference.service_url, conversation_id, activity(message)
            )
        except ConnectorRefused as error:
            if error.status == 403:
                self.references.forget_personal(reference.aad_object_id)
                raise PermanentDeliveryError(text.APP_REMOVED.format(name=name)) from None
            raise
        return Receipt(CHANNEL, conversation_id, activity_id)

    def post(
        self, conversation_id: str, message: OutboundMessage, *, reply_to: str = ""
    ) -> Receipt:
        """Post into a conversation the bot has been in (a channel, a group or 1:1 chat)."""
        conversation = self.references.conversation(conversation_id)
        if conversation is None or not conversation.service_url:
            raise PermanentDeliveryError(CONVERSATION_UNKNOWN)
        activity_id = self.connector.send(
            conversation.service_url, conversation_id, activity(message), reply_to=reply_to
        )
        return Receipt(CHANNEL, conversation_id, activity_id)

    def update(self, receipt: Receipt, message: OutboundMessage) -> None:
        """Replace the message in place (Teams shows the new card to everyone in the chat)."""
        conversation = self.references.conversation(receipt.conversation)
        if conversation is None or not conversation.service_url:
            raise PermanentDeliveryError(CONVERSATION_UNKNOWN)
        self.connector.update(
            conversation.service_url, receipt.conversation, receipt.message_id, activity(message)
        )

    def delete(self, receipt: Receipt) -> None:
        """Delete a message the bot posted (an erasure on request): DELETE on the activity."""
        conversation = self.references.conversation(receipt.conversation)
        if conversation is None or not conversation.service_url:
            raise PermanentDeliveryError(CONVERSATION_UNKNOWN)
        path = (
            f"/v3/conversations/{quote(receipt.conversation, safe='')}"
            f"/activities/{quote(receipt.message_id, safe='')}"
        )
        try:
            self.connector._call("DELETE", conversation.service_url, path)
        except ConnectorRefused as error:
            if error.status == 404:
                raise PermanentDeliveryError(MESSAGE_GONE) from None
            raise

    def in_conversations(self) -> ConversationPoster:
        """This messenger addressing conversations instead of people, for the delivery ledger."""
        return ConversationPoster(self)


class ConversationPoster:
    """A Messenger whose recipients are conversation IDs."""

    channel = CHANNEL

    def __init__(self, messenger: TeamsMessenger):
        self.messenger = messenger

    def send(self, recipient: Recipient, message: OutboundMessage) -> Receipt:
        return self.messenger.post(recipient.address, message)

    def update(self, receipt: Receipt, message: OutboundMessage) -> None:
        self.messenger.update(receipt, message)
