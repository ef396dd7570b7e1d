"""Why a reschedule or cancel form can't be saved, in words for the modal."""

from __future__ import annotations

from plugin.domain.handoff import Handoff
from plugin.slack import schedule_text, text


def refusal_for(reason: str, handoff: Handoff | None) -> str:
    if handoff is None or reason == "gone":
        return text.HANDOFF_GONE
    if reason == "not_involved":
        return schedule_text.ONLY_RECRUITER_OR_MANAGER.format(
            recruiter=handoff.recruiter_id, manager=handoff.hiring_manager_id
        )
    return text.ALREADY_ACTED.format(state=handoff.state, actor=handoff.acted_by)
