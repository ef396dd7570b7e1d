"""The recruiter's hand-off form as a Slack modal."""

from __future__ import annotations

from collections.abc import Iterable

from plugin.domain.handoff import (
    DEFAULT_INTERVIEW_MINUTES,
    INTERVIEW_LENGTHS,
    LIMITS,
    RECOMMENDATION_LABELS,
)
from plugin.slack import text
from plugin.slack.blocks.kit import input_block, modal, option, plain, text_input

CALLBACK_ID = "handoff"
MAX_INTERVIEWERS_PICKED = 8


def handoff_modal(
    roles: Iterable[tuple[str, str]],
    *,
    candidate_name: str = "",
    competencies: Iterable[tuple[str, str]] = (),
) -> dict:
    """The form; `roles` and `competencies` are (id, name) pairs from the question bank."""
    labels, hints = text.LABELS, text.HINTS
    role_options = [option(title, role_id) for role_id, title in roles][:100]
    minutes = [option(text.MINUTES_LABEL.format(minutes=m), str(m)) for m in INTERVIEW_LENGTHS]
    default_minutes = next(o for o in minutes if o["value"] == str(DEFAULT_INTERVIEW_MINUTES))
    recommendations = [option(label, value) for value, label in RECOMMENDATION_LABELS.items()]
    blocks = [
        text_input(
            "candidate_name",
            labels["candidate_name"],
            max_length=LIMITS["candidate_name"],
            initial=candidate_name,
            placeholder=text.PLACEHOLDERS["candidate_name"],
        ),
        input_block(
            "role_id",
            labels["role_id"],
            {"type": "static_select", "action_id": "role_id", "options": role_options},
            optional=True,
            hint=hints["role_id"],
        ),
        text_input(
            "role_title",
            labels["role_title"],
            optional=True,
            max_length=LIMITS["role_title"],
            placeholder=text.PLACEHOLDERS["role_title"],
        ),
        input_block(
            "candidate_email",
            labels["candidate_email"],
            {
                "type": "email_text_input",
                "action_id": "candidate_email",
                "placeholder": plain(text.PLACEHOLDERS["candidate_email"]),
            },
            optional=True,
            hint=hints["candidate_email"],
        ),
        input_block(
            "candidate_user_id",
            labels["candidate_user_id"],
            {"type": "users_select", "action_id": "candidate_user_id"},
            optional=True,
        ),
        input_block(
            "candidate_tz",
            labels["candidate_tz"],
            {
                "type": "external_select",
                "action_id": "candidate_tz",
                "min_query_length": 2,
                "placeholder": plain(text.PLACEHOLDERS["candidate_tz"]),
            },
            optional=True,
            hint=hints["candidate_tz"],
        ),
        input_block(
            "hiring_manager",
            labels["hiring_manager"],
            {"type": "users_select", "action_id": "hiring_manager"},
        ),
        input_block(
            "interviewers",
            labels["interviewers"],
            {
                "type": "multi_users_select",
                "action_id": "interviewers",
                "max_selected_items": MAX_INTERVIEWERS_PICKED,
            },
            optional=True,
            hint=hints["interviewers"],
        ),
        input_block(
            "interview_start",
            labels["interview_start"],
            {"type": "datetimepicker", "action_id": "interview_start"},
            optional=True,
        ),
        input_block(
            "interview_minutes",
            labels["interview_minutes"],
            {
                "type": "static_select",
                "action_id": "interview_minutes",
                "options": minutes,
                "initial_option": default_minutes,
            },
        ),
        text_input(
            "location",
            labels["location"],
            optional=True,
            max_length=LIMITS["location"],
            placeholder=text.PLACEHOLDERS["location"],
        ),
        input_block(
            "recommendation",
            labels["recommendation"],
            {"type": "radio_buttons", "action_id": "recommendation", "options": recommendations},
        ),
        text_input(
            "strengths", labels["strengths"], multiline=True, max_length=LIMITS["strengths"]
        ),
        text_input(
            "concerns",
            labels["concerns"],
            multiline=True,
            optional=True,
            max_length=LIMITS["concerns"],
            hint=hints["concerns"],
        ),
        text_input(
            "shared_feedback",
            labels["shared_feedback"],
            multiline=True,
            optional=True,
            max_length=LIMITS["shared_feedback"],
            hint=hints["shared_feedback"],
        ),
        input_block(
            "competencies",
            labels["competencies"],
            {
                "type": "multi_static_select",
                "action_id": "competencies",
                "options": [option(name, cid) for cid, name in competencies][:100],
            },
            optional=True,
            hint=hints["competencies"],
        ),
        text_input(
            "recruiter_notes",
            labels["recruiter_notes"],
            multiline=True,
            optional=True,
            max_length=LIMITS["recruiter_notes"],
            hint=hints["recruiter_notes"],
        ),
    ]
    return modal(CALLBACK_ID, text.MODAL_TITLE, text.MODAL_SUBMIT, blocks)
