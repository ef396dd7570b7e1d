"""Rescheduling and cancelling in Teams: the two actions (on the brief once accepted, and on the
recruiter's "sent" notice), the notices about a change, and what the panel is told.

The actions' inputs have IDs of their own, so they never collide with the brief's other inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from plugin.domain.handoff import LIMITS, Event, Handoff, State
from plugin.domain.timefmt import format_when, zone
from plugin.teams import text
from plugin.teams.cards.kit import (
    card,
    date_input,
    error,
    execute,
    note,
    rich,
    section,
    show_card,
    text_input,
    time_input,
)

RESCHEDULE = "schedule.reschedule"
CANCEL = "schedule.cancel"
VERBS = (RESCHEDULE, CANCEL)
DATE, TIME, LOCATION, REASON = (
    "reschedule_date",
    "reschedule_time",
    "reschedule_location",
    "cancel_reason",
)
START = "interview_start"
CHANGEABLE = (State.OPEN, State.ACCEPTED)


def _name(names: Mapping[str, str], user_id: str) -> str:
    return names.get(user_id) or text.UNKNOWN_PERSON


def _about(handoff: Handoff) -> dict[str, str]:
    return {"candidate": handoff.candidate_name, "role": handoff.role_title}


def reschedule_action(
    handoff: Handoff,
    reader_tz: str,
    data: Mapping[str, str],
    *,
    title: str = text.BUTTON_RESCHEDULE,
    errors: Mapping[str, str] | None = None,
    values: Mapping[str, str] | None = None,
) -> dict:
    """New date, time and place, read in the reader's zone; the current ones filled in."""
    errors, values = dict(errors or {}), dict(values or {})
    local = handoff.interview_at.astimezone(zone(reader_tz)) if handoff.interview_at else None
    body = [
        note(text.RESCHEDULE_PROMPT, subtle=True),
        date_input(
            DATE,
            text.RESCHEDULE_DATE.format(tz=reader_tz),
            value=values.get(DATE, local.date().isoformat() if local else ""),
            required=True,
            message=text.RESCHEDULE_REQUIRED,
        ),
        time_input(
            TIME,
            text.RESCHEDULE_TIME.format(tz=reader_tz),
            value=values.get(TIME, f"{local:%H:%M}" if local else ""),
            required=True,
            message=text.RESCHEDULE_REQUIRED,
        ),
        text_input(
            LOCATION,
            text.RESCHEDULE_LOCATION,
            value=values.get(LOCATION, handoff.location),
            max_length=LIMITS["location"],
        ),
    ]
    if START in errors:
        body.append(error(errors[START], TIME))
    if LOCATION in errors:
        body.append(error(errors[LOCATION], LOCATION))
    return show_card(title, body, [execute(text.BUTTON_SEND, RESCHEDULE, dict(data))])


def cancel_action(
    handoff: Handoff,
    data: Mapping[str, str],
    *,
    errors: Mapping[str, str] | None = None,
    values: Mapping[str, str] | None = None,
) -> dict:
    errors, values = dict(errors or {}), dict(values or {})
    body = [
        note(text.CANCEL_PROMPT, subtle=True),
        text_input(
            REASON,
            text.CANCEL_REASON,
            value=values.get(REASON, ""),
            required=True,
            message=text.CANCEL_REASON_REQUIRED,
            multiline=True,
            max_length=LIMITS["reason"],
        ),
    ]
    if REASON in errors:
        body.append(error(errors[REASON], REASON))
    return show_card(
        text.BUTTON_CANCEL_INTERVIEW,
        body,
        [execute(text.BUTTON_CANCEL_INTERVIEW, CANCEL, dict(data), style="destructive")],
    )


def schedule_actions(
    handoff: Handoff,
    reader_tz: str,
    data: Mapping[str, str],
    *,
    reschedule_title: str = text.BUTTON_RESCHEDULE,
    errors: Mapping[str, str] | None = None,
    values: Mapping[str, str] | None = None,
) -> list[dict]:
    """Reschedule and cancel, while the interview can still change."""
    if handoff.state not in CHANGEABLE:
        return []
    return [
        reschedule_action(
            handoff, reader_tz, data, title=reschedule_title, errors=errors, values=values
        ),
        cancel_action(handoff, data, errors=errors, values=values),
    ]


def brief_schedule_actions(
    handoff: Handoff,
    reader_tz: str,
    *,
    errors: Mapping[str, str] | None = None,
    values: Mapping[str, str] | None = None,
) -> list[dict]:
    """On the hiring manager's brief once they accepted: reschedule (when a time is set) and
    cancel. Before that their choices are accept, decline or ask, as in Slack."""
    if handoff.state != State.ACCEPTED:
        return []
    data = {"handoff_id": handoff.id, "tz": reader_tz, "source": "brief"}
    actions = schedule_actions(handoff, reader_tz, data, errors=errors, values=values)
    return actions if handoff.interview_start else actions[1:]


def notice_schedule_actions(
    handoff: Handoff,
    event: Event,
    reader_tz: str,
    *,
    errors: Mapping[str, str] | None = None,
    values: Mapping[str, str] | None = None,
) -> list[dict]:
    """On the recruiter's "sent" notice, from the start: change the time, or call it off."""
    data = {"handoff_id": handoff.id, "tz": reader_tz, "source": "notice", "event_id": event.id}
    return schedule_actions(
        handoff,
        reader_tz,
        data,
        reschedule_title=text.BUTTON_CHANGE_TIME,
        errors=errors,
        values=values,
    )


def schedule_notice_text(
    handoff: Handoff, event: Event, reader_tz: str, names: Mapping[str, str]
) -> str | None:
    """The recruiter's notice about a schedule change, an opt-out or a failed message; None for
    other kinds of event."""
    about = _about(handoff)
    actor = _name(names, event.actor)
    if event.kind == "rescheduled":
        when = format_when(datetime.fromisoformat(event.text), handoff.interview_minutes, reader_tz)
        return text.NOTICE_RESCHEDULED.format(actor=actor, when=when, **about)
    if event.kind == "cancelled":
        return text.NOTICE_CANCELLED.format(actor=actor, **about)
    if event.kind == "opted_out":
        return text.NOTICE_OPTED_OUT.format(**about)
    if event.kind == "message_failed":
        what, _, reason = event.text.partition("\n")
        if what in text.FAILED_WHAT:
            return text.NOTICE_FAILED_CANDIDATE.format(
                what=text.FAILED_WHAT[what], reason=reason, **about
            )
        if what == "candidate:reminders":
            return text.NOTICE_REMINDERS_OFF.format(reason=reason, **about)
        kind, _, user = what.partition(":")
        if kind == "panel":
            return text.NOTICE_FAILED_PANEL.format(user=_name(names, user), reason=reason, **about)
        if kind == "panellist":
            return text.NOTICE_FAILED_PANELLIST.format(
                user=_name(names, user), reason=reason, **about
            )
        return text.NOTICE_FAILED_OTHER.format(reason=reason, **about)
    return None


def people_named(event: Event) -> list[str]:
    """Whom a failure notice names (a panellist), so their name can be looked up."""
    if event.kind != "message_failed":
        return []
    kind, _, user = event.text.partition("\n")[0].partition(":")
    return [user] if kind in ("panel", "panellist") and user else []


def panel_change_text(
    handoff: Handoff, event: Event, reader_tz: str, names: Mapping[str, str]
) -> str:
    """What the hiring manager and interviewers are told when the interview moves or is off."""
    about = _about(handoff)
    actor = _name(names, event.actor)
    start = handoff.interview_at
    if event.kind == "cancelled":
        when = format_when(start, handoff.interview_minutes, reader_tz) if start else "—"
        return text.PANEL_CANCELLED.format(actor=actor, when=when, **about)
    moved = datetime.fromisoformat(event.text)
    when = format_when(moved, handoff.interview_minutes, reader_tz)
    return text.PANEL_RESCHEDULED.format(actor=actor, when=when, **about)


def panel_change_card(
    handoff: Handoff, event: Event, reader_tz: str, names: Mapping[str, str]
) -> dict:
    line = panel_change_text(handoff, event, reader_tz, names)
    body = [rich(line)]
    if event.kind == "cancelled":
        body += section(text.NOTICE_REASON, event.text)
    elif handoff.location:
        body += section(text.KIT_WHERE, handoff.location)
    return card(body, fallback=line)
