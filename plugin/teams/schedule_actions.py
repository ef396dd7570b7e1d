"""Reschedule and cancel from Teams (the brief once accepted, the recruiter's "sent" notice), and a
candidate's "I don't need reminders".

The same rules as in Slack, through plugin.schedule_changes: only the recruiter and the hiring
manager may change the interview, and only while the hand-off is open or accepted. The answer
is the card the action was pressed on, redrawn as it now stands (or with the problem shown).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC

from plugin.domain.handoff import Handoff
from plugin.domain.handoff_form import validate_length, validate_time
from plugin.optout import opt_out
from plugin.schedule_changes import cancel, may_change, reschedule
from plugin.teams import text
from plugin.teams.cards import brief, notices, schedule
from plugin.teams.cards.candidate import STOP_REMINDERS
from plugin.teams.form import read_time
from plugin.teams.invoke import (
    Invoke,
    card_response,
    fingerprint,
    handoff_names,
    message_response,
    refusal_line,
)

REDELIVERY_SECONDS = 300


def _redraw(invoke: Invoke, handoff: Handoff, **changes) -> dict:
    """The card the action came from, as the hand-off now stands."""
    names = handoff_names(invoke, handoff)
    if invoke.text("source") == "notice":
        created = handoff.event(invoke.text("event_id"))
        if created is not None and created.kind == "created":
            return card_response(notices.notice_card(handoff, created, invoke.tz, names, **changes))
    elif invoke.user_id == handoff.hiring_manager_id:
        return card_response(brief.brief_card(handoff, invoke.tz, names, **changes))
    problem = next(iter(changes.get("errors", {}).values()), "")
    return message_response(problem or text.NOT_SAVED)


def _changeable(invoke: Invoke) -> tuple[Handoff | None, dict | None]:
    handoff = invoke.services.store.find(invoke.text("handoff_id") or "-")
    reason = may_change(handoff, invoke.user_id)
    if reason:
        names = handoff_names(invoke, handoff) if handoff else {}
        return None, message_response(refusal_line(reason, handoff, names))
    return handoff, None


def reschedule_interview(invoke: Invoke) -> dict:
    handoff, refused = _changeable(invoke)
    if handoff is None:
        return refused
    values = {k: invoke.text(k) for k in (schedule.DATE, schedule.TIME, schedule.LOCATION)}
    start, problem = read_time(values[schedule.DATE], values[schedule.TIME], invoke.tz)
    if not problem:
        problem = (
            text.RESCHEDULE_REQUIRED
            if start is None
            else validate_time(start, invoke.services.now()) or ""
        )
    errors = {schedule.START: problem} if problem else {}
    location = values[schedule.LOCATION]
    if too_long := validate_length("location", location):
        errors[schedule.LOCATION] = too_long
    if errors:
        return _redraw(invoke, handoff, errors=errors, values=values)
    iso = start.astimezone(UTC).isoformat()
    if not invoke.services.store.first_time(
        "teams-reschedule", fingerprint(handoff.id, iso, location), ttl=REDELIVERY_SECONDS
    ):
        return _redraw(invoke, invoke.services.store.get(handoff.id))
    if start == handoff.interview_at and location == handoff.location:
        errors = {schedule.START: text.RESCHEDULE_UNCHANGED}
        return _redraw(invoke, handoff, errors=errors, values=values)
    changed = reschedule(invoke.services, handoff, invoke.user_id, start, location)
    return _redraw(invoke, changed or invoke.services.store.get(handoff.id))


def cancel_interview(invoke: Invoke) -> dict:
    handoff, refused = _changeable(invoke)
    if handoff is None:
        return refused
    reason = invoke.text(schedule.REASON)
    problem = validate_length("reason", reason) or ("" if reason else text.CANCEL_REASON_REQUIRED)
    if problem:
        return _redraw(
            invoke, handoff, errors={schedule.REASON: problem}, values={schedule.REASON: reason}
        )
    changed = cancel(invoke.services, handoff, invoke.user_id, reason)
    return _redraw(invoke, changed or invoke.services.store.get(handoff.id))


def stop_reminders(invoke: Invoke) -> dict:
    """The candidate's button on a prep message: no more reminders, the interview stays."""
    handoff = invoke.services.store.find(invoke.text("handoff_id") or "-")
    if handoff is None:
        return message_response(refusal_line("gone", None, {}))
    if not handoff.candidate_user_id or invoke.user_id != handoff.candidate_user_id:
        return message_response(refusal_line("not_candidate", handoff, {}))
    opt_out(invoke.services, handoff.id, actor=invoke.user_id)
    return message_response(text.REMINDERS_STOPPED)


HANDLERS: dict[str, Callable[[Invoke], dict]] = {
    schedule.RESCHEDULE: reschedule_interview,
    schedule.CANCEL: cancel_interview,
    STOP_REMINDERS: stop_reminders,
}
