"""The screening brief the hiring manager receives in Teams, with its state and actions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from plugin.domain.handoff import LIMITS, RECOMMENDATION_LABELS, Handoff, Recommendation, State
from plugin.domain.timefmt import format_moment, format_when
from plugin.teams import text
from plugin.teams.cards.kit import (
    card,
    date_input,
    error,
    execute,
    heading,
    label,
    rich,
    run,
    section,
    show_card,
    text_input,
    time_input,
)
from plugin.teams.cards.schedule import brief_schedule_actions

ACCEPT = "brief.accept"
DECLINE = "brief.decline"
ASK = "brief.ask"
SET_TIME = "brief.set_time"
VERBS = (ACCEPT, DECLINE, ASK, SET_TIME)
STATE_COLORS = {State.ACCEPTED: "Good", State.DECLINED: "Attention", State.CANCELLED: "Warning"}


def _name(names: Mapping[str, str], user_id: str) -> str:
    return names.get(user_id) or text.UNKNOWN_PERSON


def brief_text(handoff: Handoff, names: Mapping[str, str]) -> str:
    return text.BRIEF_FALLBACK.format(
        candidate=handoff.candidate_name,
        role=handoff.role_title,
        recruiter=_name(names, handoff.recruiter_id),
    )


def state_line(handoff: Handoff, reader_tz: str, names: Mapping[str, str]) -> str:
    when = (
        format_moment(datetime.fromisoformat(handoff.acted_at), reader_tz)
        if handoff.acted_at
        else ""
    )
    line = text.BRIEF_STATE[str(handoff.state)].format(
        actor=_name(names, handoff.acted_by), when=when
    )
    asked = [e for e in handoff.events if e.kind == "question"]
    if asked:
        moment = format_moment(datetime.fromisoformat(asked[-1].at), reader_tz)
        line += "\n" + text.BRIEF_QUESTION_ASKED.format(
            actor=_name(names, asked[-1].actor), when=moment
        )
    return line


def brief_card(
    handoff: Handoff,
    reader_tz: str,
    names: Mapping[str, str],
    *,
    errors: Mapping[str, str] | None = None,
    values: Mapping[str, str] | None = None,
) -> dict:
    """Header, short sections and actions; `errors`/`values` redraw a refused decline, question
    or time with the message under its input and what was typed still there."""
    errors, values = dict(errors or {}), dict(values or {})
    notes = handoff.notes
    recommendation = RECOMMENDATION_LABELS.get(
        Recommendation(notes.recommendation), notes.recommendation
    )
    start = handoff.interview_at
    intro = [
        part.format(
            recruiter=_name(names, handoff.recruiter_id),
            candidate=handoff.candidate_name,
            role=handoff.role_title,
        )
        for part in text.BRIEF_INTRO
    ]
    body = [
        heading(text.BRIEF_HEADER.format(candidate=handoff.candidate_name)),
        rich(intro[0], run(intro[1], bold=True), intro[2], run(intro[3], bold=True), intro[4]),
        rich(
            run(
                state_line(handoff, reader_tz, names),
                color=STATE_COLORS.get(handoff.state, ""),
            ),
            block_id="state",
        ),
    ]
    body += [error(text.BRIEF_NOT_SENT.format(error=m), "brief") for m in list(errors.values())[:1]]
    body += section(text.BRIEF_RECOMMENDATION, recommendation)
    body += section(text.BRIEF_STRENGTHS, notes.strengths, empty=text.BRIEF_NONE)
    body += section(text.BRIEF_CONCERNS, notes.concerns, empty=text.BRIEF_NONE)
    body += section(text.BRIEF_SHARED, notes.shared_feedback, empty=text.BRIEF_NONE)
    if notes.recruiter_notes.strip():
        body += section(text.BRIEF_NOTES, notes.recruiter_notes)
    when = format_when(start, handoff.interview_minutes, reader_tz) if start else ""
    body += section(text.BRIEF_WHEN, when, empty=text.BRIEF_WHEN_UNSET)
    if handoff.location:
        body += section(text.BRIEF_WHERE, handoff.location)
    body.append(label(text.BRIEF_PANEL))
    panel = [text.BRIEF_PANEL_HM.format(name=_name(names, handoff.hiring_manager_id))]
    panel += [_name(names, user_id) for user_id in handoff.interviewer_ids]
    body += [rich(line, spacing="None") for line in panel]
    return card(
        body,
        brief_actions(handoff, reader_tz, names, errors, values),
        fallback=brief_text(handoff, names),
    )


def brief_actions(
    handoff: Handoff,
    reader_tz: str,
    names: Mapping[str, str],
    errors: Mapping[str, str],
    values: Mapping[str, str],
) -> list[dict]:
    data = {"handoff_id": handoff.id, "tz": reader_tz}
    actions = []
    if handoff.state == State.OPEN:
        actions.append(execute(text.BUTTON_ACCEPT, ACCEPT, data, style="positive"))
        reason = [
            text_input(
                "reason",
                text.DECLINE_REASON,
                value=values.get("reason", ""),
                required=True,
                message=text.DECLINE_REASON_REQUIRED,
                multiline=True,
                max_length=LIMITS["reason"],
            )
        ]
        reason += [error(errors["reason"], "reason")] if "reason" in errors else []
        actions.append(
            show_card(
                text.BUTTON_DECLINE,
                reason,
                [execute(text.BUTTON_DECLINE, DECLINE, data, style="destructive")],
            )
        )
    if handoff.state in (State.OPEN, State.ACCEPTED):
        question = [
            text_input(
                "question",
                text.ASK_QUESTION.format(recruiter=_name(names, handoff.recruiter_id)),
                value=values.get("question", ""),
                required=True,
                message=text.ASK_QUESTION_REQUIRED,
                multiline=True,
                max_length=LIMITS["question"],
            )
        ]
        question += [error(errors["question"], "question")] if "question" in errors else []
        actions.append(show_card(text.BUTTON_ASK, question, [execute(text.BUTTON_SEND, ASK, data)]))
        if not handoff.interview_start:
            moment = [
                date_input(
                    "interview_date",
                    text.SET_TIME_DATE.format(tz=reader_tz),
                    value=values.get("interview_date", ""),
                    required=True,
                    message=text.SET_TIME_REQUIRED,
                ),
                time_input(
                    "interview_time",
                    text.SET_TIME_TIME.format(tz=reader_tz),
                    value=values.get("interview_time", ""),
                    required=True,
                    message=text.SET_TIME_REQUIRED,
                ),
            ]
            if "interview_start" in errors:
                moment.append(error(errors["interview_start"], "interview_time"))
            actions.append(
                show_card(
                    text.BUTTON_SET_TIME,
                    moment,
                    [execute(text.BUTTON_SEND, SET_TIME, data)],
                )
            )
    actions += brief_schedule_actions(handoff, reader_tz, errors=errors, values=values)
    return actions
