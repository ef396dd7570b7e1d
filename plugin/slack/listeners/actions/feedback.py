"""Submit feedback (a panellist's button) and Full feedback (the debrief's buttons)."""

from __future__ import annotations

from plugin.domain.feedback import competency_names, feedback_refusal, may_read_feedback
from plugin.feedback_store import FeedbackStore, PanelPlanStore
from plugin.slack.blocks.kits import (
    feedback_modal,
    feedback_view_modal,
    handoff_of_debrief_block,
)
from plugin.slack.listeners.actions.guard import answer_refusal, clicked, clicked_action


def open_feedback_modal(ack, body, client, context):
    """The feedback form for the clicking panellist; their own feedback when already submitted."""
    ack()
    services = context["services"]
    handoff_id, user_id, _, _ = clicked(body)
    handoff = services.store.find(handoff_id) if handoff_id else None
    plan = PanelPlanStore(services.redis).get(handoff.id) if handoff else None
    names = competency_names(services.question_bank, plan.competencies) if plan else {}
    submitted = (
        FeedbackStore(services.redis).get(handoff.id, user_id)
        if handoff and plan and user_id in plan.assignments
        else None
    )
    if submitted is not None:
        view = feedback_view_modal(handoff, submitted, names)
    else:
        reason = feedback_refusal(handoff, plan, user_id, services.now())
        if reason:
            answer_refusal(services, reason, handoff_id, body)
            return
        owned = plan.assignments[user_id]
        view = feedback_modal(handoff, [(c, names[c]) for c in owned])
    client.views_open(trigger_id=body["trigger_id"], view=view)


def open_panel_feedback(ack, body, client, context):
    """One panellist's full feedback, for the hiring manager and the recruiter only."""
    ack()
    services = context["services"]
    action = clicked_action(body)
    person = str(action.get("value") or "")
    handoff_id = handoff_of_debrief_block(str(action.get("block_id") or ""))
    _, user_id, _, _ = clicked(body)
    handoff = services.store.find(handoff_id) if handoff_id else None
    if handoff is None:
        answer_refusal(services, "gone", handoff_id, body)
        return
    if not may_read_feedback(handoff, user_id):
        answer_refusal(services, "debrief_only", handoff.id, body)
        return
    feedback = FeedbackStore(services.redis).get(handoff.id, person) if person else None
    plan = PanelPlanStore(services.redis).get(handoff.id)
    if feedback is None or plan is None:
        answer_refusal(services, "no_feedback", handoff.id, body)
        return
    names = competency_names(services.question_bank, plan.competencies)
    client.views_open(
        trigger_id=body["trigger_id"], view=feedback_view_modal(handoff, feedback, names)
    )
