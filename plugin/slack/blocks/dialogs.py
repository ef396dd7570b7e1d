"""The hiring manager's small modals: decline with a reason, ask the recruiter, set the time."""

from __future__ import annotations

from plugin.domain.handoff import LIMITS, Handoff
from plugin.slack import text
from plugin.slack.blocks.kit import escape, input_block, modal, section, text_input

DECLINE_CALLBACK = "decline"
ASK_CALLBACK = "ask"
SET_TIME_CALLBACK = "set_time"


def _about(template: str, handoff: Handoff) -> dict:
    return section(
        template.format(
            candidate=escape(handoff.candidate_name),
            role=escape(handoff.role_title),
            recruiter=handoff.recruiter_id,
        )
    )


def decline_modal(handoff: Handoff) -> dict:
    blocks = [
        _about(text.DECLINE_PROMPT, handoff),
        text_input("reason", text.DECLINE_REASON, multiline=True, max_length=LIMITS["reason"]),
    ]
    return modal(
        DECLINE_CALLBACK,
        text.DECLINE_TITLE,
        text.DECLINE_SUBMIT,
        blocks,
        private_metadata=handoff.id,
    )


def ask_modal(handoff: Handoff) -> dict:
    blocks = [
        _about(text.ASK_PROMPT, handoff),
        text_input("question", text.ASK_QUESTION, multiline=True, max_length=LIMITS["question"]),
    ]
    return modal(ASK_CALLBACK, text.ASK_TITLE, text.ASK_SUBMIT, blocks, private_metadata=handoff.id)


def set_time_modal(handoff: Handoff) -> dict:
    blocks = [
        _about(text.SET_TIME_PROMPT, handoff),
        input_block(
            "interview_start",
            text.SET_TIME_LABEL,
            {"type": "datetimepicker", "action_id": "interview_start"},
        ),
    ]
    return modal(
        SET_TIME_CALLBACK,
        text.SET_TIME_TITLE,
        text.SET_TIME_SUBMIT,
        blocks,
        private_metadata=handoff.id,
    )
