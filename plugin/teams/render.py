"""Teams messages for the worker jobs: the same events as in Slack, as Adaptive Cards.

The jobs route by `handoff.platform` and call these with the reader's time zone. Names come
from the stored Teams references (the worker context's Redis) unless the caller passes `names`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from plugin.domain.handoff import Event, Handoff
from plugin.teams.actions import refusal_line
from plugin.teams.cards import brief, notices
from plugin.teams.people import TeamsDirectory
from plugin.teams.references import References
from workers.messengers.base import OutboundMessage


def _names(user_ids: Iterable[str], names: Mapping[str, str] | None) -> Mapping[str, str]:
    if names is not None:
        return names
    from workers.context import current

    return TeamsDirectory(References(current().services.redis)).names(user_ids)


def _people(handoff: Handoff, *extra: str) -> list[str]:
    return [
        handoff.recruiter_id,
        handoff.hiring_manager_id,
        *handoff.interviewer_ids,
        handoff.acted_by,
        *extra,
    ]


def brief_message(
    handoff: Handoff, reader_tz: str, *, names: Mapping[str, str] | None = None
) -> OutboundMessage:
    found = _names(_people(handoff, *(e.actor for e in handoff.events)), names)
    return OutboundMessage(
        text=brief.brief_text(handoff, found),
        card=brief.brief_card(handoff, reader_tz, found),
    )


def notice_message(
    handoff: Handoff, event: Event, reader_tz: str, *, names: Mapping[str, str] | None = None
) -> OutboundMessage:
    found = _names(_people(handoff, event.actor), names)
    return OutboundMessage(
        text=notices.notice_text(handoff, event, reader_tz, found),
        card=notices.notice_card(handoff, event, reader_tz, found),
    )


def answer_message(event: Event, *, names: Mapping[str, str] | None = None) -> OutboundMessage:
    found = _names([event.actor], names)
    return OutboundMessage(
        text=notices.answer_text(event, found), card=notices.answer_card(event, found)
    )


def refusal_text(
    reason: str, handoff: Handoff | None, *, names: Mapping[str, str] | None = None
) -> str:
    found = _names(_people(handoff) if handoff else [], names)
    return refusal_line(reason, handoff, found)
