"""What the recruiter is told about a hand-off, and the answers carried back to the hiring manager."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from plugin.domain.handoff import LIMITS, Event, Handoff, State
from plugin.domain.timefmt import format_moment, format_when
from plugin.teams import text
from plugin.teams.cards.kit import card, error, execute, rich, run, section, show_card, text_input
from plugin.teams.cards.schedule import (
    notice_schedule_actions,
    people_named,
    schedule_notice_text,
)

ANSWER = "question.answer"
VERBS = (ANSWER,)


def _name(names: Mapping[str, str], user_id: str) -> str:
    return names.get(user_id) or text.UNKNOWN_PERSON


def notice_text(handoff: Handoff, event: Event, reader_tz: str, names: Mapping[str, str]) -> str:
    """The notice in one line: the message's text and the card's first line."""
    about = {
        "candidate": handoff.candidate_name,
        "role": handoff.role_title,
        "manager": _name(names, handoff.hiring_manager_id),
        "actor": _name(names, event.actor),
    }
    if event.kind == "created":
        return text.NOTICE_CREATED.format(**about)
    if event.kind == "accepted":
        return text.NOTICE_ACCEPTED.format(**about)
    if event.kind == "declined":
        return text.NOTICE_DECLINED.format(**about)
    if event.kind == "question":
        return text.NOTICE_QUESTION.format(**about)
    if event.kind == "time_set":
        when = format_when(datetime.fromisoformat(event.text), handoff.interview_minutes, reader_tz)
        return text.NOTICE_TIME_SET.format(when=when, **about)
    if event.kind == "delivery_failed":
        return text.NOTICE_DELIVERY_FAILED.format(reason=event.text, **about)
    schedule_notice = schedule_notice_text(handoff, event, reader_tz, names)
    if schedule_notice is not None:
        return schedule_notice
    raise ValueError(f"no notice for event kind {event.kind!r}")


def notice_card(
    handoff: Handoff,
    event: Event,
    reader_tz: str,
    names: Mapping[str, str],
    *,
    answered: str = "",
    problem: str = "",
    value: str = "",
    errors: Mapping[str, str] | None = None,
    values: Mapping[str, str] | None = None,
) -> dict:
    """The notice; a question carries an Answer action until answered; the "sent" notice shows
    the interview as it now stands, with Change interview time and Cancel interview while it
    can change (`errors`/`values` redraw a refused change)."""
    line = notice_text(handoff, event, reader_tz, names)
    body = [rich(line)]
    actions = []
    if event.kind == "created":
        body += created_status(handoff, reader_tz, names)
        body += [
            error(text.CHANGE_NOT_SAVED.format(error=m), "notice")
            for m in list((errors or {}).values())[:1]
        ]
        actions += notice_schedule_actions(handoff, event, reader_tz, errors=errors, values=values)
    if event.kind in ("declined", "cancelled"):
        body += section(text.NOTICE_REASON, event.text)
    if event.kind == "rescheduled" and handoff.location:
        body += section(text.KIT_WHERE, handoff.location)
    if event.kind == "question":
        body.append(rich(run(event.text, italic=True)))
        if answered:
            body.append(rich(text.ANSWERED.format(text=answered)))
        else:
            answer = [
                text_input(
                    "answer",
                    text.ANSWER_LABEL.format(manager=_name(names, handoff.hiring_manager_id)),
                    value=value,
                    required=True,
                    message=text.ANSWER_REQUIRED,
                    multiline=True,
                    max_length=LIMITS["question"],
                )
            ]
            if problem:
                body.append(error(problem, "notice"))
                answer.append(error(problem, "answer"))
            data = {"handoff_id": handoff.id, "event_id": event.id, "tz": reader_tz}
            actions.append(
                show_card(text.BUTTON_ANSWER, answer, [execute(text.BUTTON_SEND, ANSWER, data)])
            )
    return card(body, actions, fallback=line)


def created_status(handoff: Handoff, reader_tz: str, names: Mapping[str, str]) -> list[dict]:
    """The interview as it now stands: its time in the reader's zone, or that it is off."""
    if handoff.state == State.CANCELLED:
        when = format_moment(datetime.fromisoformat(handoff.acted_at), reader_tz)
        line = text.NOTICE_NOW_CANCELLED.format(actor=_name(names, handoff.acted_by), when=when)
        return [rich(run(line, color="Warning"), block_id="state")]
    start = handoff.interview_at
    line = (
        text.NOTICE_INTERVIEW.format(when=format_when(start, handoff.interview_minutes, reader_tz))
        if start
        else text.NOTICE_INTERVIEW_UNSET
    )
    return [rich(run(line, italic=True), block_id="state")]


def notice_people(handoff: Handoff, event: Event) -> list[str]:
    """Everyone a notice may name."""
    return [event.actor, handoff.acted_by, *people_named(event)]


def answer_text(event: Event, names: Mapping[str, str]) -> str:
    return text.ANSWER_RELAYED.format(actor=_name(names, event.actor)) + " " + event.text


def answer_card(event: Event, names: Mapping[str, str]) -> dict:
    heading = text.ANSWER_RELAYED.format(actor=_name(names, event.actor))
    return card([rich(heading), rich(run(event.text, italic=True))], fallback=heading)
