"""Short messages to the recruiter and answers shown only to the person who asked."""

from __future__ import annotations

from datetime import datetime

from plugin.domain.handoff import STATE_LABELS, Event, Handoff
from plugin.domain.timefmt import format_moment, format_when
from plugin.slack import text
from plugin.slack.blocks.kit import escape, quote
from plugin.slack.blocks.schedule import schedule_notice_text


def _names(handoff: Handoff) -> dict[str, str]:
    return {
        "candidate": escape(handoff.candidate_name),
        "role": escape(handoff.role_title),
        "manager": handoff.hiring_manager_id,
        "recruiter": handoff.recruiter_id,
    }


def confirmation_text(handoff: Handoff) -> str:
    return text.CONFIRM_SENT.format(**_names(handoff))


def event_notice_text(handoff: Handoff, event: Event, reader_tz: str) -> str:
    """What the recruiter is told about something the hiring manager did."""
    names = _names(handoff)
    if event.kind == "created":
        return confirmation_text(handoff)
    if event.kind == "accepted":
        return text.NOTICE_ACCEPTED.format(actor=event.actor, **names)
    if event.kind == "declined":
        return text.NOTICE_DECLINED.format(actor=event.actor, text=escape(event.text), **names)
    if event.kind == "question":
        return text.NOTICE_QUESTION.format(
            actor=event.actor, text=quote(event.text).lstrip(">"), **names
        )
    if event.kind == "time_set":
        when = format_when(datetime.fromisoformat(event.text), handoff.interview_minutes, reader_tz)
        return text.NOTICE_TIME_SET.format(actor=event.actor, when=when, **names)
    if event.kind == "delivery_failed":
        return text.NOTICE_DELIVERY_FAILED.format(reason=escape(event.text), **names)
    schedule_notice = schedule_notice_text(handoff, event, reader_tz)
    if schedule_notice is not None:
        return schedule_notice
    raise ValueError(f"no notice for event kind {event.kind!r}")


def answer_text(event: Event) -> str:
    return text.ANSWER_RELAYED.format(actor=event.actor, text=quote(event.text).lstrip(">"))


def handoff_list_text(handoffs: list[Handoff], reader_tz: str) -> str:
    if not handoffs:
        return text.LIST_EMPTY
    lines = [text.LIST_HEADER]
    for handoff in handoffs:
        when = ""
        if handoff.interview_at:
            when = " · interview " + format_when(
                handoff.interview_at, handoff.interview_minutes, reader_tz
            )
        state = STATE_LABELS[handoff.state]
        if handoff.acted_at:
            state += f" ({format_moment(datetime.fromisoformat(handoff.acted_at), reader_tz)})"
        lines.append(
            text.LIST_LINE.format(
                candidate=escape(handoff.candidate_name),
                role=escape(handoff.role_title),
                manager=handoff.hiring_manager_id,
                state=state,
                when=when,
            )
        )
    return "\n".join(lines)
