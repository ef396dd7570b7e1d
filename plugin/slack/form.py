"""Reading Slack modal state into the platform-neutral hand-off form."""

from __future__ import annotations

from datetime import UTC, datetime

from plugin.domain.handoff import DEFAULT_INTERVIEW_MINUTES
from plugin.domain.handoff_form import HandoffForm


def state_values(view) -> dict:
    """A submitted view's `state.values`; {} when missing or not the shape Slack sends."""
    state = view.get("state") if isinstance(view, dict) else None
    values = state.get("values") if isinstance(state, dict) else None
    return values if isinstance(values, dict) else {}


def _element(values: dict, block_id: str) -> dict:
    """The element state of an input block; {} when missing or not the shape Slack sends."""
    block = values.get(block_id) if isinstance(values, dict) else None
    element = block.get(block_id) if isinstance(block, dict) else None
    return element if isinstance(element, dict) else {}


def text_value(values: dict, block_id: str) -> str:
    value = _element(values, block_id).get("value")
    return value if isinstance(value, str) else ""


def selected_value(values: dict, block_id: str) -> str:
    selected = _element(values, block_id).get("selected_option")
    value = selected.get("value") if isinstance(selected, dict) else None
    return value if isinstance(value, str) else ""


def selected_values(values: dict, block_id: str) -> tuple[str, ...]:
    options = _element(values, block_id).get("selected_options")
    if not isinstance(options, list):
        return ()
    return tuple(
        o["value"] for o in options if isinstance(o, dict) and isinstance(o.get("value"), str)
    )


def selected_user(values: dict, block_id: str) -> str:
    value = _element(values, block_id).get("selected_user")
    return value if isinstance(value, str) else ""


def selected_users(values: dict, block_id: str) -> tuple[str, ...]:
    users = _element(values, block_id).get("selected_users")
    return tuple(u for u in users if isinstance(u, str) and u) if isinstance(users, list) else ()


def selected_datetime(values: dict, block_id: str) -> datetime | None:
    value = _element(values, block_id).get("selected_date_time")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def minutes_value(values: dict, block_id: str) -> int:
    raw = selected_value(values, block_id)
    if not raw:
        return DEFAULT_INTERVIEW_MINUTES
    try:
        return int(raw)
    except ValueError:
        return -1


def handoff_form(values: dict) -> HandoffForm:
    """The form as entered; anything missing or of the wrong shape reads as empty."""
    values = values if isinstance(values, dict) else {}
    return HandoffForm(
        candidate_name=text_value(values, "candidate_name"),
        role_id=selected_value(values, "role_id"),
        role_title=text_value(values, "role_title"),
        candidate_email=text_value(values, "candidate_email"),
        candidate_user_id=selected_user(values, "candidate_user_id"),
        hiring_manager_id=selected_user(values, "hiring_manager"),
        interviewer_ids=selected_users(values, "interviewers"),
        interview_start=selected_datetime(values, "interview_start"),
        interview_minutes=minutes_value(values, "interview_minutes"),
        location=text_value(values, "location"),
        recommendation=selected_value(values, "recommendation"),
        strengths=text_value(values, "strengths"),
        concerns=text_value(values, "concerns"),
        shared_feedback=text_value(values, "shared_feedback"),
        recruiter_notes=text_value(values, "recruiter_notes"),
        candidate_tz=selected_value(values, "candidate_tz"),
        competencies=selected_values(values, "competencies"),
    )
