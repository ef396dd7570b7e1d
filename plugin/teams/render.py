"""Teams messages for the worker jobs: the same events as in Slack, as Adaptive Cards.

The jobs route by `handoff.platform` and call these with the reader's time zone. Names come
from the stored Teams references (the worker context's Redis) unless the caller passes `names`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from plugin.domain.candidate_messages import CandidateContent
from plugin.domain.feedback import Feedback
from plugin.domain.handoff import Event, Handoff
from plugin.domain.panel import Kit, PanelPlan
from plugin.teams import text
from plugin.teams.cards import brief, candidate, kits, notices, schedule
from plugin.teams.invoke import refusal_line
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
    found = _names(_people(handoff, *notices.notice_people(handoff, event)), names)
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


def panel_change_message(
    handoff: Handoff, event: Event, reader_tz: str, *, names: Mapping[str, str] | None = None
) -> OutboundMessage:
    """To the hiring manager and interviewers: the interview moved, or is off."""
    found = _names(_people(handoff, event.actor), names)
    return OutboundMessage(
        text=schedule.panel_change_text(handoff, event, reader_tz, found),
        card=schedule.panel_change_card(handoff, event, reader_tz, found),
    )


def answer_passed_message(
    handoff: Handoff, *, names: Mapping[str, str] | None = None
) -> OutboundMessage:
    found = _names([handoff.hiring_manager_id], names)
    manager = found.get(handoff.hiring_manager_id) or text.UNKNOWN_PERSON
    return OutboundMessage(text=text.ANSWER_PASSED.format(manager=manager))


def kit_message(
    handoff: Handoff,
    kit: Kit,
    reader_tz: str,
    plan: PanelPlan,
    competency_names: Mapping[str, str] | None = None,
    *,
    replaces: bool = False,
    names: Mapping[str, str] | None = None,
) -> OutboundMessage:
    """A panellist's interview kit; `replaces` when it follows a kit for an earlier time."""
    found = _names(_people(handoff, *plan.people), names)
    return OutboundMessage(
        text=kits.kit_text(handoff, reader_tz),
        card=kits.kit_card(
            handoff, kit, reader_tz, plan, found, competency_names, replaces=replaces
        ),
    )


def feedback_prompt_message(
    handoff: Handoff, competency_names: Sequence[str], *, names: Mapping[str, str] | None = None
) -> OutboundMessage:
    """When the interview has ended: the Submit feedback button."""
    found = _names(_people(handoff), names)
    return OutboundMessage(
        text=kits.feedback_prompt_text(handoff),
        card=kits.feedback_prompt_card(handoff, competency_names, found),
    )


def feedback_reminder_message(
    handoff: Handoff,
    competency_names: Sequence[str],
    number: int,
    total: int,
    *,
    names: Mapping[str, str] | None = None,
) -> OutboundMessage:
    found = _names(_people(handoff), names)
    return OutboundMessage(
        text=kits.feedback_prompt_text(handoff, reminder=True),
        card=kits.feedback_prompt_card(handoff, competency_names, found, reminder=(number, total)),
    )


def debrief_message(
    handoff: Handoff,
    plan: PanelPlan,
    feedback: Mapping[str, Feedback],
    reader_tz: str,
    competency_names: Mapping[str, str] | None = None,
    *,
    names: Mapping[str, str] | None = None,
) -> OutboundMessage:
    """For the hiring manager and the recruiter, once the whole panel has submitted."""
    found = _names(_people(handoff, *plan.people), names)
    return OutboundMessage(
        text=kits.debrief_text(handoff),
        card=kits.debrief_card(handoff, plan, feedback, reader_tz, found, competency_names),
    )


def candidate_message(
    content: CandidateContent, *, handoff_id: str, offer_opt_out: bool
) -> OutboundMessage:
    """A candidate message for a candidate who is a guest in the organisation."""
    return OutboundMessage(
        text=content.subject,
        card=candidate.candidate_card(content, handoff_id=handoff_id, offer_opt_out=offer_opt_out),
    )
