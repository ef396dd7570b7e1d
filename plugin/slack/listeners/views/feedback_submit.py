"""Feedback submitted: validate, store once, and let the debrief job see whether all are in."""

from __future__ import annotations

from plugin import lifecycle
from plugin.domain.feedback import (
    RECOMMENDATION_FIELD,
    SUMMARY_FIELD,
    FeedbackForm,
    evidence_field,
    feedback_from_form,
    feedback_refusal,
    rating_field,
    validate_feedback,
)
from plugin.domain.handoff import new_event
from plugin.feedback_store import FeedbackStore, PanelPlanStore
from plugin.slack import kit_text
from plugin.slack.blocks.kits import (
    feedback_refusal_text,
    feedback_thanks_modal,
    first_input_block,
)
from plugin.slack.form import selected_value, state_values, text_value
from plugin.slack.text import HANDOFF_GONE


def read_feedback_form(values: dict, competencies: list[str]) -> FeedbackForm:
    """The modal as entered; anything missing or of the wrong shape reads as empty."""
    values = values if isinstance(values, dict) else {}
    return FeedbackForm(
        ratings={c: selected_value(values, rating_field(c)) for c in competencies},
        evidence={c: text_value(values, evidence_field(c)) for c in competencies},
        recommendation=selected_value(values, RECOMMENDATION_FIELD),
        summary=text_value(values, SUMMARY_FIELD),
    )


def feedback_submitted(ack, body, view, context):
    services = context["services"]
    user_id = (body.get("user") or {}).get("id", "")
    handoff = services.store.find(str(view.get("private_metadata") or ""))
    plan = PanelPlanStore(services.redis).get(handoff.id) if handoff else None
    owned = list(plan.assignments.get(user_id, [])) if plan else []
    where = first_input_block(owned) if owned else _first_input(view)
    reason = feedback_refusal(handoff, plan, user_id, services.now())
    if reason:
        message = HANDOFF_GONE if reason == "gone" else feedback_refusal_text(reason, handoff)
        ack(response_action="errors", errors={where: message})
        return
    form = read_feedback_form(state_values(view), owned)
    errors = validate_feedback(form, owned)
    if errors:
        ack(response_action="errors", errors=errors)
        return
    feedback = feedback_from_form(
        form, owned, handoff_id=handoff.id, person=user_id, now=services.now()
    )
    event = new_event("feedback_submitted", user_id, now=services.now())
    if not FeedbackStore(services.redis).submit(
        feedback, jobs=[lifecycle.job_after(handoff, event)]
    ):
        already = kit_text.FEEDBACK_ALREADY.format(manager=handoff.hiring_manager_id)
        ack(response_action="errors", errors={where: already})
        return
    ack(response_action="update", view=feedback_thanks_modal(handoff))


def _first_input(view: dict) -> str:
    for block in view.get("blocks") or []:
        if isinstance(block, dict) and block.get("type") == "input" and block.get("block_id"):
            return block["block_id"]
    return RECOMMENDATION_FIELD
