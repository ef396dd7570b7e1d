"""The screening brief the hiring manager receives, with its state and buttons."""

from __future__ import annotations

from datetime import datetime

from plugin.domain.handoff import RECOMMENDATION_LABELS, Handoff, Recommendation, State
from plugin.domain.timefmt import format_moment, format_when
from plugin.slack import text
from plugin.slack.blocks.kit import (
    actions,
    button,
    context,
    divider,
    escape,
    fields,
    header,
    section,
)
from plugin.slack.blocks.schedule import brief_schedule_buttons

ACTIONS_BLOCK = "brief_actions"
ACCEPT = "brief_accept"
DECLINE = "brief_decline"
ASK = "brief_ask"
SET_TIME = "brief_set_time"


def brief_text(handoff: Handoff) -> str:
    return text.BRIEF_FALLBACK.format(
        candidate=escape(handoff.candidate_name),
        role=escape(handoff.role_title),
        recruiter=handoff.recruiter_id,
    )


def _or_none(value: str) -> str:
    return escape(value) if value.strip() else text.BRIEF_NONE


def state_line(handoff: Handoff, reader_tz: str) -> str:
    template = text.BRIEF_STATE[str(handoff.state)]
    when = (
        format_moment(datetime.fromisoformat(handoff.acted_at), reader_tz)
        if handoff.acted_at
        else ""
    )
    line = template.format(actor=handoff.acted_by, when=when)
    asked = [e for e in handoff.events if e.kind == "question"]
    if asked:
        last = asked[-1]
        moment = format_moment(datetime.fromisoformat(last.at), reader_tz)
        line += "\n" + text.BRIEF_QUESTION_ASKED.format(actor=last.actor, when=moment)
    return line


def brief_blocks(handoff: Handoff, reader_tz: str) -> list[dict]:
    """Header, short sections and buttons; reads well on a phone."""
    notes = handoff.notes
    label = RECOMMENDATION_LABELS.get(Recommendation(notes.recommendation), notes.recommendation)
    start = handoff.interview_at
    when = (
        text.BRIEF_WHEN.format(when=format_when(start, handoff.interview_minutes, reader_tz))
        if start
        else text.BRIEF_WHEN_UNSET
    )
    panel = [text.BRIEF_PANEL_HM.format(user=handoff.hiring_manager_id)] + [
        f"<@{user}>" for user in handoff.interviewer_ids
    ]
    facts = [when, text.BRIEF_PANEL.format(panel="\n".join(panel))]
    if handoff.location:
        facts.insert(1, text.BRIEF_WHERE.format(where=escape(handoff.location)))
    blocks = [
        header(text.BRIEF_HEADER.format(candidate=handoff.candidate_name)),
        section(
            text.BRIEF_INTRO.format(
                recruiter=handoff.recruiter_id,
                candidate=escape(handoff.candidate_name),
                role=escape(handoff.role_title),
            )
        ),
        context(state_line(handoff, reader_tz)),
        divider(),
        section(text.BRIEF_RECOMMENDATION.format(label=label)),
        section(text.BRIEF_STRENGTHS.format(text=_or_none(notes.strengths))),
        section(text.BRIEF_CONCERNS.format(text=_or_none(notes.concerns))),
        section(text.BRIEF_SHARED.format(text=_or_none(notes.shared_feedback))),
    ]
    if notes.recruiter_notes.strip():
        blocks.append(section(text.BRIEF_NOTES.format(text=escape(notes.recruiter_notes))))
    blocks += [divider(), fields(*facts)]
    buttons = brief_buttons(handoff)
    if buttons:
        blocks.append(actions(ACTIONS_BLOCK, *buttons))
    return blocks


def brief_buttons(handoff: Handoff) -> list[dict]:
    value = handoff.id
    buttons = []
    if handoff.state == State.OPEN:
        buttons += [
            button(text.BUTTON_ACCEPT, ACCEPT, value, style="primary"),
            button(text.BUTTON_DECLINE, DECLINE, value, style="danger"),
        ]
    if handoff.state in (State.OPEN, State.ACCEPTED):
        buttons.append(button(text.BUTTON_ASK, ASK, value))
        if not handoff.interview_start:
            buttons.append(button(text.BUTTON_SET_TIME, SET_TIME, value))
    buttons += brief_schedule_buttons(handoff)
    return buttons
