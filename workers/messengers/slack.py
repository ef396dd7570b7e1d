"""Slack delivery through the Web API, with Slack's errors sorted into retry or give up."""

from __future__ import annotations

from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from plugin.store import PREFIX
from workers.messengers.base import (
    OutboundMessage,
    PermanentDeliveryError,
    Receipt,
    Recipient,
    TransientDeliveryError,
)
from workers.pacing import PER_CONVERSATION_INTERVAL, Pacer, conversation_limit, slack_limits

DM_MEMORY_SECONDS = 30 * 24 * 3600
METADATA_EVENT = "secondround_message"
LOOK_BACK = 50

PERMANENT_ERRORS = {
    "user_not_found": "Slack doesn't know this person",
    "users_not_found": "Slack doesn't know this person",
    "account_inactive": "this Slack account is deactivated",
    "user_disabled": "this Slack account is deactivated",
    "channel_not_found": "the conversation no longer exists",
    "is_archived": "the conversation is archived",
    "cannot_dm_bot": "this is an app, not a person",
    "not_in_channel": "the app isn't in that conversation",
    "invalid_auth": "the app's Slack token is invalid (ask the admin to reinstall it)",
    "not_authed": "the app's Slack token is missing (ask the admin to set SLACK_BOT_TOKEN)",
    "token_revoked": "the app was uninstalled (ask the admin to reinstall it)",
    "missing_scope": "the app lacks a permission (ask the admin to reinstall from the manifest)",
    "message_not_found": "the original message was deleted",
    "cant_update_message": "the original message can't be edited",
}


def classify(error: SlackApiError) -> Exception:
    """A SlackApiError as a permanent or transient delivery error."""
    status = error.response.status_code
    code = error.response.get("error", "") if isinstance(error.response.data, dict) else ""
    if status == 429 or code == "ratelimited":
        retry_after = error.response.headers.get("Retry-After") or error.response.headers.get(
            "retry-after"
        )
        return TransientDeliveryError("rate limited by Slack", float(retry_after or 1))
    if status >= 500:
        return TransientDeliveryError(f"Slack answered HTTP {status}")
    if code in PERMANENT_ERRORS:
        return PermanentDeliveryError(f"{PERMANENT_ERRORS[code]} ({code})")
    if code in ("fatal_error", "internal_error", "service_unavailable", "request_timeout"):
        return TransientDeliveryError(f"Slack error {code}")
    return PermanentDeliveryError(f"Slack refused the message ({code or status})")


class SlackMessenger:
    """Sends through the Web API, paced per conversation and per method when given a Pacer."""

    channel = "slack"

    def __init__(self, client: WebClient, pacer: Pacer | None = None):
        self.client = client
        self.pacer = pacer

    def send(self, recipient: Recipient, message: OutboundMessage) -> Receipt:
        kwargs = {"channel": recipient.address, "text": message.text, "unfurl_links": False}
        if message.blocks is not None:
            kwargs["blocks"] = message.blocks
        if message.thread is not None:
            kwargs["channel"] = message.thread.conversation
            kwargs["thread_ts"] = message.thread.message_id
        if message.idempotency_key:
            kwargs["metadata"] = {
                "event_type": METADATA_EVENT,
                "event_payload": {"key": message.idempotency_key},
            }
        self._pace("chat.postMessage", kwargs["channel"])
        response = self._call(self.client.chat_postMessage, **kwargs)
        self._remember_dm(recipient.address, response["channel"])
        return Receipt("slack", response["channel"], response["ts"])

    def update(self, receipt: Receipt, message: OutboundMessage) -> None:
        kwargs = {"channel": receipt.conversation, "ts": receipt.message_id, "text": message.text}
        if message.blocks is not None:
            kwargs["blocks"] = message.blocks
        self._pace("chat.update", receipt.conversation)
        self._call(self.client.chat_update, **kwargs)

    def find_sent(self, recipient: Recipient, message: OutboundMessage) -> Receipt | None:
        """The message carrying this idempotency key among the conversation's recent ones."""
        if not message.idempotency_key:
            return None
        if message.thread is not None:
            found = self._call(
                self.client.conversations_replies,
                channel=message.thread.conversation,
                ts=message.thread.message_id,
                include_all_metadata=True,
                limit=LOOK_BACK,
            )
            channel = message.thread.conversation
        else:
            channel = recipient.address
            if channel.startswith(("U", "W")):
                opened = self._call(self.client.conversations_open, users=channel)
                channel = opened["channel"]["id"]
            found = self._call(
                self.client.conversations_history,
                channel=channel,
                include_all_metadata=True,
                limit=LOOK_BACK,
            )
        for sent in found.get("messages") or []:
            payload = (sent.get("metadata") or {}).get("event_payload") or {}
            if payload.get("key") == message.idempotency_key:
                return Receipt("slack", channel, sent["ts"])
        return None

    def delete(self, receipt: Receipt) -> None:
        """Delete a message the app posted (an erasure on request)."""
        self._pace("chat.delete", receipt.conversation)
        self._call(self.client.chat_delete, channel=receipt.conversation, ts=receipt.message_id)

    def ephemeral(self, channel: str, user_id: str, text: str) -> None:
        self._pace("chat.postEphemeral", channel)
        self._call(self.client.chat_postEphemeral, channel=channel, user=user_id, text=text)

    def _pace(self, method: str, conversation: str) -> None:
        if self.pacer is not None:
            key = self._pace_key(conversation)
            limits = slack_limits(method, key)
            self.pacer.wait_turn(limits)
            if conversation_limit(key) in limits:
                self.pacer.space(conversation_limit(key), PER_CONVERSATION_INTERVAL)

    def _pace_key(self, conversation: str) -> str:
        """A DM is paced under its user's ID, whether addressed by user or by conversation."""
        if conversation.startswith("D"):
            user = self.pacer.redis.get(f"{PREFIX}:dm-user:{conversation}")
            return user.decode() if user else conversation
        return conversation

    def _remember_dm(self, address: str, conversation: str) -> None:
        if self.pacer is not None and address.startswith(("U", "W")) and address != conversation:
            self.pacer.redis.set(f"{PREFIX}:dm-user:{conversation}", address, ex=DM_MEMORY_SECONDS)

    @staticmethod
    def _call(method, **kwargs):
        try:
            return method(**kwargs)
        except SlackApiError as error:
            raise classify(error) from None
        except (URLError, TimeoutError, ConnectionError) as error:
            raise TransientDeliveryError(f"Slack unreachable ({type(error).__name__})") from None
