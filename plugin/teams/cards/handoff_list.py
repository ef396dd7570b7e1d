"""`handoff list`: where each of the recruiter's hand-offs stands."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from plugin.domain.handoff import STATE_LABELS, Handoff
from plugin.domain.timefmt import format_moment, format_when
from plugin.teams import text
from plugin.teams.cards.kit import card, heading, note, rich


def handoff_list_card(handoffs: list[Handoff], reader_tz: str, names: Mapping[str, str]) -> dict:
    if not handoffs:
        return card([note(text.LIST_EMPTY)], fallback=text.LIST_EMPTY)
    body = [heading(text.LIST_HEADER, size="Medium")]
    for handoff in handoffs:
        when = ""
        if handoff.interview_at:
            when = text.LIST_WHEN.format(
                when=format_when(handoff.interview_at, handoff.interview_minutes, reader_tz)
            )
        state = STATE_LABELS[handoff.state]
        if handoff.acted_at:
            state += f" ({format_moment(datetime.fromisoformat(handoff.acted_at), reader_tz)})"
        line = text.LIST_LINE.format(
            candidate=handoff.candidate_name,
            role=handoff.role_title,
            manager=names.get(handoff.hiring_manager_id) or text.UNKNOWN_PERSON,
            state=state,
            when=when,
        )
        body.append(rich(f"• {line}", spacing="Small"))
    return card(body, fallback=text.LIST_HEADER)
