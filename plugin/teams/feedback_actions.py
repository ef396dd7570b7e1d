"""Feedback in Teams: the prompt's button opens the form on the card, its submit is checked and
stored once; the debrief's buttons show one person's full feedback and lead back.

The same rules as in Slack (plugin.domain.feedback): only the panel gives feedback, once, after
the interview has ended; only the hiring manager and the recruiter read it.
"""

from __future__ import annotations

from collections.abc import Callable

from plugin import lifecycle
from plugin.domain.feedback import (
    RECOMMENDATION_FIELD,
    SUMMARY_FIELD,
    FeedbackForm,
    competency_names,
    everyone_submitted,
    evidence_field,
    feedback_from_form,
    feedback_refusal,
    may_read_feedback,
    rating_field,
    validate_feedback,
)
from plugin.domain.handoff import Handoff, new_event
from plugin.domain.panel import PanelPlan
from plugin.feedback_store import FeedbackStore, PanelPlanStore
from plugin.teams import text
from plugin.teams.cards import kits
from plugin.teams.invoke import (
    Invoke,
    card_response,
    handoff_names,
    message_response,
    refusal_line,
)

MAX_TEXT = 4000


def _refused(invoke: Invoke, reason: str, handoff: Handoff | None) -> dict:
    names = handoff_names(invoke, handoff) if handoff else {}
    return message_response(refusal_line(reason, handoff, names))


def _loaded(invoke: Invoke) -> tuple[Handoff | None, PanelPlan | None]:
    handoff = invoke.services.store.find(invoke.text("handoff_id") or "-")
    plan = PanelPlanStore(invoke.services.redis).get(handoff.id) if handoff else None
    return handoff, plan


def read_feedback(invoke: Invoke, competencies: list[str]) -> FeedbackForm:
    """The form as entered; anything missing or of the wrong shape reads as empty."""

    def raw(name: str) -> str:
        value = invoke.data.get(name)
        return value[:MAX_TEXT] if isinstance(value, str) else ""

    return FeedbackForm(
        ratings={c: raw(rating_field(c)).strip() for c in competencies},
        evidence={c: raw(evidence_field(c)) for c in competencies},
        recommendation=raw(RECOMMENDATION_FIELD).strip(),
        summary=raw(SUMMARY_FIELD),
    )


def _entered(invoke: Invoke, competencies: list[str]) -> dict[str, str]:
    fields = [RECOMMENDATION_FIELD, SUMMARY_FIELD]
    for competency_id in competencies:
        fields += [rating_field(competency_id), evidence_field(competency_id)]
    return {
        name: value[:MAX_TEXT] for name in fields if isinstance(value := invoke.data.get(name), str)
    }


def _own_feedback_card(invoke: Invoke, handoff: Handoff, plan: PanelPlan, feedback) -> dict:
    names = competency_names(invoke.services.question_bank, plan.competencies)
    return card_response(
        kits.feedback_view_card(handoff, feedback, invoke.tz, handoff_names(invoke, handoff), names)
    )


def open_feedback(invoke: Invoke) -> dict:
    """The form for the pressing panellist; their own feedback when already submitted."""
    handoff, plan = _loaded(invoke)
    user_id = invoke.user_id
    if handoff is not None and plan is not None and user_id in plan.assignments:
        submitted = FeedbackStore(invoke.services.redis).get(handoff.id, user_id)
        if submitted is not None:
            return _own_feedback_card(invoke, handoff, plan, submitted)
    reason = feedback_refusal(handoff, plan, user_id, invoke.services.now())
    if reason:
        return _refused(invoke, reason, handoff)
    return card_response(_form(invoke, handoff, plan))


def _form(invoke: Invoke, handoff: Handoff, plan: PanelPlan, **changes) -> dict:
    owned = plan.assignments[invoke.user_id]
    names = competency_names(invoke.services.question_bank, owned)
    return kits.feedback_form_card(handoff, [(c, names[c]) for c in owned], invoke.tz, **changes)


def submit_feedback(invoke: Invoke) -> dict:
    services = invoke.services
    handoff, plan = _loaded(invoke)
    user_id = invoke.user_id
    reason = feedback_refusal(handoff, plan, user_id, services.now())
    if reason:
        return _refused(invoke, reason, handoff)
    owned = list(plan.assignments[user_id])
    form = read_feedback(invoke, owned)
    errors = validate_feedback(form, owned)
    if errors:
        return card_response(
            _form(invoke, handoff, plan, values=_entered(invoke, owned), errors=errors)
        )
    feedback = feedback_from_form(
        form, owned, handoff_id=handoff.id, person=user_id, now=services.now()
    )
    event = new_event("feedback_submitted", user_id, now=services.now())
    if not FeedbackStore(services.redis).submit(
        feedback, jobs=[lifecycle.job_after(handoff, event)]
    ):
        names = handoff_names(invoke, handoff)
        manager = names.get(handoff.hiring_manager_id) or text.UNKNOWN_PERSON
        return message_response(text.FEEDBACK_ALREADY.format(manager=manager))
    return card_response(kits.feedback_thanks_card(handoff, handoff_names(invoke, handoff)))


def _reader_guard(invoke: Invoke) -> tuple[Handoff | None, PanelPlan | None, dict | None]:
    handoff, plan = _loaded(invoke)
    if handoff is None:
        return None, None, _refused(invoke, "gone", None)
    if not may_read_feedback(handoff, invoke.user_id):
        return None, None, _refused(invoke, "debrief_only", handoff)
    if plan is None:
        return None, None, _refused(invoke, "no_feedback", handoff)
    return handoff, plan, None


def show_person_feedback(invoke: Invoke) -> dict:
    """One panellist's full feedback, for the hiring manager and the recruiter only."""
    handoff, plan, refused = _reader_guard(invoke)
    if refused is not None:
        return refused
    person = invoke.text("person")
    feedback = FeedbackStore(invoke.services.redis).get(handoff.id, person) if person else None
    if feedback is None:
        return _refused(invoke, "no_feedback", handoff)
    names = competency_names(invoke.services.question_bank, plan.competencies)
    return card_response(
        kits.feedback_view_card(
            handoff,
            feedback,
            invoke.tz,
            handoff_names(invoke, handoff, person),
            names,
            back=True,
        )
    )


def show_debrief(invoke: Invoke) -> dict:
    """The debrief again, after reading one person's feedback."""
    handoff, plan, refused = _reader_guard(invoke)
    if refused is not None:
        return refused
    feedback = FeedbackStore(invoke.services.redis).for_people(handoff.id, plan.people)
    if not everyone_submitted(plan.people, feedback):
        return _refused(invoke, "no_feedback", handoff)
    names = competency_names(invoke.services.question_bank, plan.competencies)
    return card_response(
        kits.debrief_card(
            handoff,
            plan,
            feedback,
            invoke.tz,
            handoff_names(invoke, handoff, *plan.people),
            names,
        )
    )


HANDLERS: dict[str, Callable[[Invoke], dict]] = {
    kits.FEEDBACK_OPEN: open_feedback,
    kits.FEEDBACK_SUBMIT: submit_feedback,
    kits.DEBRIEF_FEEDBACK: show_person_feedback,
    kits.DEBRIEF_SHOW: show_debrief,
}
