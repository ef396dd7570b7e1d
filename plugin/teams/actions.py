"""Action.Execute invokes: the hand-off form's submit and the buttons on briefs and notices.

Each handler stores and enqueues, then answers with the card as it now stands (Teams shows it
in place of the old one) or a short message for the person who pressed the button.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property

from plugin import queues
from plugin.domain.handoff import Handoff, Person, State, new_event
from plugin.domain.handoff_form import (
    handoff_from_form,
    validate_form,
    validate_length,
    validate_time,
)
from plugin.domain.timefmt import zone
from plugin.services import Services
from plugin.teams import tasks, text
from plugin.teams.activity import sender
from plugin.teams.cards import brief, handoff_form, notices
from plugin.teams.cards.kit import CONTENT_TYPE
from plugin.teams.form import FormStore, entered_values, read_form, read_time, teams_wording
from plugin.teams.people import TeamsDirectory
from plugin.teams.references import References, activity_zone, valid_zone

MESSAGE_TYPE = "application/vnd.microsoft.activity.message"


def card_response(content: dict) -> dict:
    return {"statusCode": 200, "type": CONTENT_TYPE, "value": content}


def message_response(message: str) -> dict:
    return {"statusCode": 200, "type": MESSAGE_TYPE, "value": message}


@dataclass
class Invoke:
    """One Action.Execute: who pressed it, on what, with which inputs."""

    services: Services
    activity: Mapping
    tenant_id: str
    verb: str
    data: dict

    @property
    def user_id(self) -> str:
        return sender(self.activity)[0]

    @cached_property
    def references(self) -> References:
        return References(self.services.redis)

    @cached_property
    def directory(self) -> TeamsDirectory:
        return TeamsDirectory(self.references)

    def names(self, *user_ids: str) -> dict[str, str]:
        return self.directory.names(user_ids)

    @cached_property
    def tz(self) -> str:
        """The zone the card was drawn in (carried in its data), else the presser's own."""
        found = valid_zone(self.data.get("tz")) or activity_zone(self.activity)
        if found:
            return found
        reference = self.references.user(self.user_id)
        return (reference.tz if reference else "") or "UTC"

    def text(self, name: str) -> str:
        value = self.data.get(name)
        return value.strip() if isinstance(value, str) else ""


def handoff_names(invoke: Invoke, handoff: Handoff, *extra: str) -> dict[str, str]:
    return invoke.names(
        handoff.recruiter_id,
        handoff.hiring_manager_id,
        *handoff.interviewer_ids,
        handoff.acted_by,
        *extra,
    )


def refusal_line(reason: str, handoff: Handoff | None, names: Mapping[str, str]) -> str:
    """The polite answer to someone who may not act on a hand-off now."""
    if handoff is None or reason == "gone":
        return text.HANDOFF_GONE
    if reason == "not_yours":
        return text.NOT_YOURS.format(
            manager=names.get(handoff.hiring_manager_id) or text.UNKNOWN_PERSON
        )
    return text.ALREADY_ACTED.format(
        state=handoff.state, actor=names.get(handoff.acted_by) or text.UNKNOWN_PERSON
    )


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
    errors = validate_form(
        form,
        recruiter=recruiter,
        people=record.by_id(),
        role_ids=services.question_bank.roles,
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
    )
    created = new_event("created", record.recruiter_id, now=now)
    handoff = handoff.with_event(created)
    stored, _ = services.store.create(
        handoff,
        submission_id=f"teams-form-{record.form_id}",
        follow=queues.follow_with(
            services.redis,
            queues.deliver_brief(handoff.id),
            queues.notify_recruiter(handoff.id, created.id),
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


def _follow(invoke: Invoke, handoff_id: str, event_id: str):
    return queues.follow_with(
        invoke.services.redis,
        queues.refresh_brief(handoff_id),
        queues.notify_recruiter(handoff_id, event_id),
    )


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
        follow=_follow(invoke, handoff.id, event.id),
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
        follow=_follow(invoke, handoff.id, event.id),
    )
    if changed is None:
        return _already_acted(invoke, handoff.id)
    return _brief_card(invoke, changed)


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


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
    if not store.first_time("teams-ask", _fingerprint(handoff.id, invoke.user_id, question)):
        return _brief_card(invoke, store.get(handoff.id))
    event = new_event("question", invoke.user_id, question)
    changed = store.add_event(handoff.id, event, follow=_follow(invoke, handoff.id, event.id))
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
    iso = start.isoformat()
    if not store.first_time("teams-time", _fingerprint(handoff.id, iso)):
        return _brief_card(invoke, store.get(handoff.id))
    event = new_event("time_set", invoke.user_id, iso)

    def set_start(current: Handoff) -> Handoff | None:
        if current.state not in (State.OPEN, State.ACCEPTED):
            return None
        return replace(current.with_event(event), interview_start=iso)

    changed = store.change(handoff.id, set_start, follow=_follow(invoke, handoff.id, event.id))
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
    if store.first_time("teams-answer", _fingerprint(question.id, reply)):
        event = new_event("answer", handoff.recruiter_id, reply, reply_to=question.id)
        store.add_event(
            handoff.id,
            event,
            follow=queues.follow_with(store.redis, queues.relay_answer(handoff.id, event.id)),
        )
    return card_response(notices.notice_card(handoff, question, invoke.tz, names, answered=reply))


HANDLERS: dict[str, Callable[[Invoke], dict]] = {
    handoff_form.SUBMIT: submit_form,
    brief.ACCEPT: accept,
    brief.DECLINE: decline,
    brief.ASK: ask,
    brief.SET_TIME: set_time,
    notices.ANSWER: answer,
}


def handle(invoke: Invoke) -> dict:
    handler = HANDLERS.get(invoke.verb)
    if handler is None:
        return message_response(text.UNKNOWN_ACTION)
    return handler(invoke)
