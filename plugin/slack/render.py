"""Slack forms of the messages the jobs send (Block Kit and mrkdwn text)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from plugin.domain.candidate_messages import CandidateContent
from plugin.domain.feedback import Feedback
from plugin.domain.handoff import Event, Handoff
from plugin.domain.panel import Kit, PanelPlan
from plugin.slack import kit_text, schedule_text, text
from plugin.slack.blocks import kits
from plugin.slack.blocks.brief import brief_blocks, brief_text
from plugin.slack.blocks.candidate import candidate_blocks, candidate_fallback
from plugin.slack.blocks.kit import section
from plugin.slack.blocks.notices import answer_text, event_notice_text
from plugin.slack.blocks.schedule import panel_change_text, recruiter_actions
from workers.messengers.base import OutboundMessage

SCHEDULE_REPLIES = {
    "not_involved": schedule_text.ONLY_RECRUITER_OR_MANAGER,
    "not_candidate": schedule_text.NOT_YOUR_REMINDERS,
    "reminders_stopped": schedule_text.REMINDERS_STOPPED,
}


def brief_message(handoff: Handoff, reader_tz: str) -> OutboundMessage:
    return OutboundMessage(text=brief_text(handoff), blocks=brief_blocks(handoff, reader_tz))


def notice_message(handoff: Handoff, event: Event, reader_tz: str) -> OutboundMessage:
    notice = event_notice_text(handoff, event, reader_tz)
    if event.kind == "created":
        return OutboundMessage(text=notice, blocks=[section(notice), recruiter_actions(handoff)])
    return OutboundMessage(text=notice)


def panel_change_message(handoff: Handoff, event: Event, reader_tz: str) -> OutboundMessage:
    """To the hiring manager and interviewers: the interview moved, or is off."""
    return OutboundMessage(text=panel_change_text(handoff, event, reader_tz))


def answer_message(event: Event) -> OutboundMessage:
    return OutboundMessage(text=answer_text(event))


def answer_passed_message(handoff: Handoff) -> OutboundMessage:
    return OutboundMessage(text=text.ANSWER_ACK.format(manager=handoff.hiring_manager_id))


def refusal_text(reason: str, handoff: Handoff | None) -> str:
    if handoff is None or reason == "gone":
        return text.HANDOFF_GONE
    if reason in kit_text.REFUSALS:
        return kits.feedback_refusal_text(reason, handoff)
    if reason == "not_yours":
        return text.NOT_YOURS.format(manager=handoff.hiring_manager_id)
    if reason in SCHEDULE_REPLIES:
        return SCHEDULE_REPLIES[reason].format(
            recruiter=handoff.recruiter_id, manager=handoff.hiring_manager_id
        )
    return text.ALREADY_ACTED.format(state=handoff.state, actor=handoff.acted_by)


def kit_message(
    handoff: Handoff,
    kit: Kit,
    reader_tz: str,
    plan: PanelPlan,
    competency_names: Mapping[str, str] | None = None,
    *,
    replaces: bool = False,
) -> OutboundMessage:
    """A panellist's interview kit; `replaces` when it follows a kit for an earlier time."""
    return OutboundMessage(
        text=kits.kit_text(handoff, reader_tz),
        blocks=kits.kit_blocks(handoff, kit, reader_tz, plan, competency_names, replaces=replaces),
    )


def feedback_prompt_message(handoff: Handoff, competency_names: Sequence[str]) -> OutboundMessage:
    """When the interview has ended: the Submit feedback button."""
    return OutboundMessage(
        text=kits.feedback_prompt_text(handoff),
        blocks=kits.feedback_prompt_blocks(handoff, competency_names),
    )


def feedback_reminder_message(
    handoff: Handoff, competency_names: Sequence[str], number: int, total: int
) -> OutboundMessage:
    return OutboundMessage(
        text=kits.feedback_prompt_text(handoff, reminder=True),
        blocks=kits.feedback_prompt_blocks(handoff, competency_names, reminder=(number, total)),
    )


def debrief_message(
    handoff: Handoff,
    plan: PanelPlan,
    feedback: Mapping[str, Feedback],
    reader_tz: str,
    competency_names: Mapping[str, str] | None = None,
) -> OutboundMessage:
    """For the hiring manager and the recruiter, once the whole panel has submitted."""
    return OutboundMessage(
        text=kits.debrief_text(handoff),
        blocks=kits.debrief_blocks(handoff, plan, feedback, reader_tz, competency_names),
    )


def candidate_message(
    content: CandidateContent, *, handoff_id: str, offer_opt_out: bool
) -> OutboundMessage:
    """A candidate message for a candidate in Slack (a guest or Slack Connect user)."""
    return OutboundMessage(
        text=candidate_fallback(content),
        blocks=candidate_blocks(content, handoff_id=handoff_id, offer_opt_out=offer_opt_out),
    )
