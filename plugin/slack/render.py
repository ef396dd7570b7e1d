"""Slack forms of the messages the jobs send (Block Kit and mrkdwn text)."""

from __future__ import annotations

from plugin.domain.handoff import Event, Handoff
from plugin.slack import text
from plugin.slack.blocks.brief import brief_blocks, brief_text
from plugin.slack.blocks.notices import answer_text, event_notice_text
from workers.messengers.base import OutboundMessage


def brief_message(handoff: Handoff, reader_tz: str) -> OutboundMessage:
    return OutboundMessage(text=brief_text(handoff), blocks=brief_blocks(handoff, reader_tz))


def notice_message(handoff: Handoff, event: Event, reader_tz: str) -> OutboundMessage:
    return OutboundMessage(text=event_notice_text(handoff, event, reader_tz))


def answer_message(event: Event) -> OutboundMessage:
    return OutboundMessage(text=answer_text(event))


def answer_passed_message(handoff: Handoff) -> OutboundMessage:
    return OutboundMessage(text=text.ANSWER_ACK.format(manager=handoff.hiring_manager_id))


def refusal_text(reason: str, handoff: Handoff | None) -> str:
    if handoff is None or reason == "gone":
        return text.HANDOFF_GONE
    if reason == "not_yours":
        return text.NOT_YOURS.format(manager=handoff.hiring_manager_id)
    return text.ALREADY_ACTED.format(state=handoff.state, actor=handoff.acted_by)
