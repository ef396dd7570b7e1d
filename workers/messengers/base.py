"""The one small interface every channel (Slack, Teams, email) delivers through."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Recipient:
    """Who a message is for, on which channel: a Slack user ID, a Teams user, an email address."""

    channel: str
    address: str
    name: str = ""


@dataclass(frozen=True)
class EmailAttachment:
    filename: str
    content_type: str
    data: bytes
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class EmailContent:
    subject: str
    text: str
    html: str
    headers: dict[str, str] = field(default_factory=dict)
    attachments: tuple[EmailAttachment, ...] = ()


@dataclass(frozen=True)
class OutboundMessage:
    """One message in the forms each channel needs; a messenger uses its own and ignores the rest.

    `text` is the plain fallback and notification text. `thread` is the receipt of a message
    to reply under, where the channel has threads. `idempotency_key` is set by the ledger; a
    channel that can carry it (Slack message metadata) does, so the message can be found again.
    """

    text: str
    blocks: list[dict] | None = None
    card: dict | None = None
    email: EmailContent | None = None
    thread: Receipt | None = None
    idempotency_key: str = ""


@dataclass(frozen=True)
class Receipt:
    """Where a delivered message lives, so it can be updated or replied to."""

    channel: str
    conversation: str
    message_id: str

    def to_dict(self) -> dict[str, str]:
        return {
            "channel": self.channel,
            "conversation": self.conversation,
            "message_id": self.message_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Receipt:
        return cls(data["channel"], data["conversation"], data["message_id"])


class DeliveryError(Exception):
    """A message could not be delivered. `reason` is safe to show a recruiter (no notes in it)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class PermanentDeliveryError(DeliveryError):
    """Retrying will not help (unknown user, inactive account, rejected address)."""


class TransientDeliveryError(DeliveryError):
    """Try again later; `retry_after` seconds when the other side said how long."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.retry_after = retry_after


class Messenger(Protocol):
    channel: str

    def send(self, recipient: Recipient, message: OutboundMessage) -> Receipt: ...

    def update(self, receipt: Receipt, message: OutboundMessage) -> None: ...

    # Slack and Teams also `delete(receipt)` (erasure); email can't recall what it sent.


def find_sent(
    messenger: Messenger, recipient: Recipient, message: OutboundMessage
) -> Receipt | None:
    """The message already delivered under its idempotency key, where the channel can tell
    (Slack can; SMTP and the Bot Connector cannot, so they answer None)."""
    finder = getattr(messenger, "find_sent", None)
    return finder(recipient, message) if finder else None
