"""Action.Execute invokes: the hand-off form's submit and the buttons on briefs and notices.

Each handler stores and enqueues (plugin.lifecycle names the jobs a change calls for, as in
Slack), then answers with the card as it now stands (Teams shows it in place of the old one) or a
short message for the person who pressed the button. Feedback, debrief, reschedule, cancel and a
candidate's opt-out live in plugin.teams.feedback_actions and plugin.teams.schedule_actions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC

from plugin import lifecycle, queues
from plugin.domain.handoff import Handoff, Person, State, new_event
from plugin.domain.handoff_form import (
    handoff_from_form,
    validate_form,
    validate_length,
    validate_time,
)
from plugin.domain.timefmt import zone
from plugin.teams import feedback_actions, schedule_actions, tasks, text
from plugin.teams.cards import brief, handoff_form, notices
from plugin.teams.form import (
    FormStore,
    candidate_default_tz,
    entered_values,
    read_form,
    read_time,
    teams_wording,
)
from plugin.teams.invoke import (
    MESSAGE_TYPE,
    Invoke,
    card_response,
    fingerprint,
    handoff_names,
    message_response,
    refusal_line,
)

__all__ = [
    "HANDLERS",
    "MESSAGE_TYPE",
    "Invoke",
    "card_response",
    "handle",
    "message_response",
    "refusal_line",
]


def refusal(handoff: Handoff | None, user_id: str, allowed: tuple[State, ...]) -> str:
    if handoff is None:
        return "gone"
    if user_id != handoff.hiring_manager_id:
        return "not_yours"
    if handoff.state not in allowed:
        return "already_acted"
    return ""


def submit_form(invoke: Invoke) -> dict:
    services = invoke.services
    forms = FormStore(services.redis)
    form_id = invoke.text("form_id")
    record = forms.get(form_id)
    if record is None:
        return message_response(text.FORM_EXPIRED)
    if invoke.user_id != record.recruiter_id:
        recruiter = record.recruiter.name if record.recruiter else text.UNKNOWN_PERSON
        return message_response(text.FORM_NOT_YOURS.format(recruiter=recruiter))
    recruiter = record.recruiter or Person(id=record.recruiter_id)
    if recruiter.is_guest or recruiter.is_bot:
        return message_response(text.GUEST_CANNOT_HAND_OFF)
    form, picked_errors = read_form(invoke.data, record)
    now = services.now()
    bank = services.question_bank
    errors = validate_form(
        form,
        recruiter=recruiter,
        people=record.by_id(),
        role_ids=bank.roles,
        competency_ids=bank.competencies,
        now=now,
    )
    errors = teams_wording({**errors, **picked_errors})

    def redraw(**changes) -> dict:
        return card_response(
            handoff_form.form_card(
                services.role_options(),
                record.choices(),
                form_id=record.form_id,
                tz=record.tz,
                today=now.astimezone(zone(record.tz)).date().isoformat(),
                values=entered_values(invoke.data),
                capped=record.capped,
                competencies=services.competency_options(),
                zones=record.zone_choices(),
                **changes,
            )
        )

    if errors:
        return redraw(errors=errors)
    handoff = handoff_from_form(
        form,
        team_id=record.tenant_id,
        recruiter_id=record.recruiter_id,
        role_title=services.role_title(form.role_id, form.role_title),
        now=now,
        platform="teams",
        default_candidate_tz=candidate_default_tz(form, record, invoke.references),
    )
    created = new_event("created", record.recruiter_id, now=now)
    handoff = handoff.with_event(created)
    stored, _ = services.store.create(
        handoff,
        submission_id=f"teams-form-{record.form_id}",
        follow=queues.follow_with(
            *lifecycle.jobs_after(handoff, created),
            tasks.replace_form(record.form_id, handoff.id),
        ),
    )
    names = {p.id: p.name for p in record.people}
    return card_response(handoff_form.sent_card(stored, names))


def _brief_card(invoke: Invoke, handoff: Handoff, **changes) -> dict:
    return card_response(
        brief.brief_card(handoff, invoke.tz, handoff_names(invoke, handoff), **changes)
    )


def _guarded(invoke: Invoke, allowed: tuple[State, ...]) -> tuple[Handoff | None, dict | None]:
    handoff = invoke.services.store.find(invoke.text("handoff_id") or "-")
    reason = refusal(handoff, invoke.user_id, allowed)
    if reason:
        names = handoff_names(invoke, handoff) if handoff else {}
        return None, message_response(refusal_line(reason, handoff, names))
    return handoff, None


def _follow(invoke: Invoke, event):
    """The jobs the change calls for, enqueued in the change's own transaction."""
    return lifecycle.follow(event)


def _already_acted(invoke: Invoke, handoff_id: str) -> dict:
    current = invoke.services.store.find(handoff_id)
    names = handoff_names(invoke, current) if current else {}
    return message_response(refusal_line("already_acted", current, names))


def accept(invoke: Invoke) -> dict:
    handoff, refused = _guarded(invoke, (State.OPEN,))
    if handoff is None:
        return refused
    event = new_event("accepted", invoke.user_id)
    changed = invoke.services.store.transition(
        handoff.id,
        expect=State.OPEN,
        to=State.ACCEPTED,
        event=event,
        follow=_follow(invoke, event),
    )
    if changed is None:
        return _already_acted(invoke, handoff.id)
    return _brief_card(invoke, changed)


def decline(invoke: Invoke) -> dict:
    handoff, refused = _guarded(invoke, (State.OPEN,))
    if handoff is None:
        return refused
    reason = invoke.text("reason")
    problem = validate_length("reason", reason) or ("" if reason else text.DECLINE_REASON_REQUIRED)
    if problem:
        return _brief_card(invoke, handoff, errors={"reason": problem}, values={"reason": reason})
    event = new_event("declined", invoke.user_id, reason)
    changed = invoke.services.store.transition(
        handoff.id,
        expect=State.OPEN,
        to=State.DECLINED,
        event=event,
        follow=_follow(invoke, event),
    )
    if changed is None:
        return _already_acted(invoke, handoff.id)
    return _brief_card(invoke, changed)


def ask(invoke: Invoke) -> dict:
    handoff, refused = _guarded(invoke, (State.OPEN, State.ACCEPTED))
    if handoff is None:
        return refused
    question = invoke.text("question")
    problem = validate_length("question", question) or (
        "" if question else text.ASK_QUESTION_REQUIRED
    )
    if problem:
        return _brief_card(
            invoke, handoff, errors={"question": problem}, values={"question": question}
        )
    store = invoke.services.store
    if not store.first_time("teams-ask", fingerprint(handoff.id, invoke.user_id, question)):
        return _brief_card(invoke, store.get(handoff.id))
    event = new_event("question", invoke.user_id, question)
    changed = store.add_event(handoff.id, event, follow=_follow(invoke, event))
    return _brief_card(invoke, changed)


def set_time(invoke: Invoke) -> dict:
    handoff, refused = _guarded(invoke, (State.OPEN, State.ACCEPTED))
    if handoff is None:
        return refused
    values = {k: invoke.text(k) for k in ("interview_date", "interview_time")}
    start, problem = read_time(values["interview_date"], values["interview_time"], invoke.tz)
    if not problem:
        problem = (
            text.SET_TIME_REQUIRED if start is None else validate_time(start, invoke.services.now())
        )
    if problem:
        return _brief_card(invoke, handoff, errors={"interview_start": problem}, values=values)
    store = invoke.services.store
    iso = start.astimezone(UTC).isoformat()
    if not store.first_time("teams-time", fingerprint(handoff.id, iso)):
        return _brief_card(invoke, store.get(handoff.id))
    event = new_event("time_set", invoke.user_id, iso)

    def set_start(current: Handoff) -> Handoff | None:
        if current.state not in (State.OPEN, State.ACCEPTED):
            return None
        return replace(
            current.with_event(event),
            interview_start=iso,
            schedule_version=current.schedule_version + 1,
        )

    changed = store.change(handoff.id, set_start, follow=_follow(invoke, event))
    if changed is None:
        return _already_acted(invoke, handoff.id)
    return _brief_card(invoke, changed)


def answer(invoke: Invoke) -> dict:
    store = invoke.services.store
    handoff = store.find(invoke.text("handoff_id") or "-")
    question = handoff.event(invoke.text("event_id")) if handoff else None
    if handoff is None or question is None or question.kind != "question":
        return message_response(text.HANDOFF_GONE)
    names = handoff_names(invoke, handoff, question.actor)
    if invoke.user_id != handoff.recruiter_id:
        recruiter = names.get(handoff.recruiter_id) or text.UNKNOWN_PERSON
        return message_response(text.NOT_YOUR_QUESTION.format(recruiter=recruiter))
    reply = invoke.text("answer")
    problem = validate_length("question", reply) or ("" if reply else text.ANSWER_REQUIRED)
    if problem:
        return card_response(
            notices.notice_card(handoff, question, invoke.tz, names, problem=problem, value=reply)
        )
    if store.first_time("teams-answer", fingerprint(question.id, reply)):
        event = new_event("answer", handoff.recruiter_id, reply, reply_to=question.id)
        store.add_event(
            handoff.id,
            event,
            follow=queues.follow_with(queues.relay_answer(handoff.id, event.id)),
        )
    return card_response(notices.notice_card(handoff, question, invoke.tz, names, answered=reply))


HANDLERS: dict[str, Callable[[Invoke], dict]] = {
    handoff_form.SUBMIT: submit_form,
    brief.ACCEPT: accept,
    brief.DECLINE: decline,
    brief.ASK: ask,
    brief.SET_TIME: set_time,
    notices.ANSWER: answer,
    **feedback_actions.HANDLERS,
    **schedule_actions.HANDLERS,
}


def handle(invoke: Invoke) -> dict:
    handler = HANDLERS.get(invoke.verb)
    if handler is None:
        return message_response(text.UNKNOWN_ACTION)
    return handler(invoke)
