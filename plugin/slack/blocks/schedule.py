"""Rescheduling and cancelling: the buttons, the two modals, and the notices about a change."""

from __future__ import annotations

from datetime import datetime

from plugin.domain.handoff import LIMITS, Event, Handoff, State
from plugin.domain.timefmt import format_when
from plugin.slack import schedule_text as say
from plugin.slack.blocks.kit import (
    actions,
    button,
    context,
    escape,
    input_block,
    modal,
    plain,
    quote,
    section,
    text_input,
)

RESCHEDULE = "brief_reschedule"
CANCEL = "brief_cancel"
RESCHEDULE_CALLBACK = "reschedule"
CANCEL_CALLBACK = "cancel_interview"
RECRUITER_ACTIONS_BLOCK = "handoff_actions"


def _names(handoff: Handoff) -> dict[str, str]:
    return {"candidate": escape(handoff.candidate_name), "role": escape(handoff.role_title)}


def reschedule_button(handoff: Handoff, label: str = say.BUTTON_RESCHEDULE) -> dict:
    return button(label, RESCHEDULE, handoff.id)


def cancel_button(handoff: Handoff) -> dict:
    return button(say.BUTTON_CANCEL, CANCEL, handoff.id, style="danger")


def recruiter_actions(handoff: Handoff) -> dict:
    """Under the recruiter's "sent" confirmation: change the time, or call the interview off."""
    return actions(
        RECRUITER_ACTIONS_BLOCK,
        reschedule_button(handoff, say.BUTTON_CHANGE_TIME),
        cancel_button(handoff),
    )


def reschedule_modal(handoff: Handoff) -> dict:
    picker: dict = {"type": "datetimepicker", "action_id": "interview_start"}
    if handoff.interview_at:
        picker["initial_date_time"] = int(handoff.interview_at.timestamp())
    prompt = say.RESCHEDULE_PROMPT if handoff.interview_start else say.RESCHEDULE_PROMPT_UNSET
    blocks = [
        section(prompt.format(**_names(handoff))),
        input_block("interview_start", say.RESCHEDULE_START, picker),
        text_input(
            "location",
            say.RESCHEDULE_LOCATION,
            optional=True,
            max_length=LIMITS["location"],
            initial=handoff.location,
            hint=say.RESCHEDULE_LOCATION_HINT,
        ),
    ]
    return modal(
        RESCHEDULE_CALLBACK,
        say.RESCHEDULE_TITLE,
        say.RESCHEDULE_SUBMIT,
        blocks,
        private_metadata=handoff.id,
    )


def cancel_modal(handoff: Handoff) -> dict:
    blocks = [
        section(say.CANCEL_PROMPT.format(**_names(handoff))),
        context(say.CANCEL_CANDIDATE_NOTE),
        text_input("reason", say.CANCEL_REASON, multiline=True, max_length=LIMITS["reason"]),
    ]
    return modal(
        CANCEL_CALLBACK,
        say.CANCEL_TITLE,
        say.CANCEL_SUBMIT,
        blocks,
        private_metadata=handoff.id,
        close=plain(say.CANCEL_CLOSE, 24),
    )


def brief_schedule_buttons(handoff: Handoff) -> list[dict]:
    """On the hiring manager's brief, once they accepted: reschedule (when a time is set) and
    cancel. Before that their choices are accept, decline or ask; the recruiter's own message
    carries both buttons from the start."""
    if handoff.state != State.ACCEPTED:
        return []
    buttons = [reschedule_button(handoff)] if handoff.interview_start else []
    return [*buttons, cancel_button(handoff)]


def schedule_notice_text(handoff: Handoff, event: Event, reader_tz: str) -> str | None:
    """The recruiter's notice about a schedule change, an opt-out or a failed message; None for
    other kinds of event."""
    names = _names(handoff)
    if event.kind == "rescheduled":
        when = format_when(datetime.fromisoformat(event.text), handoff.interview_minutes, reader_tz)
        line = say.NOTICE_RESCHEDULED.format(actor=event.actor, when=when, **names)
        if handoff.location:
            line += say.NOTICE_RESCHEDULED_WHERE.format(where=escape(handoff.location))
        return line
    if event.kind == "cancelled":
        return say.NOTICE_CANCELLED.format(
            actor=event.actor, reason=quote(event.text).lstrip(">"), **names
        )
    if event.kind == "opted_out":
        return say.NOTICE_OPTED_OUT.format(**names)
    if event.kind == "message_failed":
        about, _, reason = event.text.partition("\n")
        reason = escape(reason)
        if about in say.FAILED_WHAT:
            return say.NOTICE_FAILED_CANDIDATE.format(
                what=say.FAILED_WHAT[about], reason=reason, **names
            )
        if about == "candidate:reminders":
            return say.NOTICE_REMINDERS_OFF.format(reason=reason, **names)
        if about.startswith("panel:"):
            user = about.partition(":")[2]
            return say.NOTICE_FAILED_PANEL.format(user=escape(user), reason=reason, **names)
        if about.startswith("panellist:"):
            user = about.partition(":")[2]
            return say.NOTICE_FAILED_PANELLIST.format(user=escape(user), reason=reason, **names)
        return say.NOTICE_FAILED_OTHER.format(reason=reason, **names)
    return None


def panel_change_text(handoff: Handoff, event: Event, reader_tz: str) -> str:
    """What the hiring manager and interviewers are told when the interview moves or is off."""
    names = _names(handoff)
    start = handoff.interview_at
    when = format_when(start, handoff.interview_minutes, reader_tz) if start else "—"
    if event.kind == "cancelled":
        return say.PANEL_CANCELLED.format(
            actor=event.actor, when=when, reason=quote(event.text).lstrip(">"), **names
        )
    moved = datetime.fromisoformat(event.text)
    when = format_when(moved, handoff.interview_minutes, reader_tz)
    line = say.PANEL_RESCHEDULED.format(actor=event.actor, when=when, **names)
    if handoff.location:
        line += say.NOTICE_RESCHEDULED_WHERE.format(where=escape(handoff.location))
    return line
