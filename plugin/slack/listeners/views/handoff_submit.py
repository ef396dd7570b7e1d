"""The hand-off form submitted: validate, store, queue the brief, close the modal."""

from __future__ import annotations

from plugin import lifecycle
from plugin.domain.handoff import new_event
from plugin.domain.handoff_form import handoff_from_form, validate_form
from plugin.slack import text
from plugin.slack.form import handoff_form, state_values
from plugin.slack.usergroup import handoff_group


def handoff_submitted(ack, body, view, context):
    services, directory = context["services"], context["directory"]
    team_id = (body.get("team") or {}).get("id") or view.get("team_id", "")
    recruiter_id = (body.get("user") or {}).get("id", "")
    form = handoff_form(state_values(view))
    people = directory.people(team_id, [recruiter_id, *form.people_to_look_up()])
    recruiter = people.get(recruiter_id)
    if recruiter is None or recruiter.is_guest or recruiter.is_bot:
        ack(response_action="errors", errors={"candidate_name": text.GUEST_CANNOT_HAND_OFF})
        return
    gate = handoff_group(context)
    refused = gate.refusal(team_id, recruiter_id) if gate else None
    if refused is not None:
        ack(response_action="errors", errors={"candidate_name": refused.plain})
        return
    now = services.now()
    bank = services.question_bank
    errors = validate_form(
        form,
        recruiter=recruiter,
        people=people,
        role_ids=bank.roles,
        competency_ids=bank.competencies,
        now=now,
    )
    if errors:
        ack(response_action="errors", errors=errors)
        return
    handoff = handoff_from_form(
        form,
        team_id=team_id,
        recruiter_id=recruiter_id,
        role_title=services.role_title(form.role_id, form.role_title),
        now=now,
        default_candidate_tz=candidate_default_tz(form, people),
    )
    created = new_event("created", recruiter_id, now=now)
    handoff = handoff.with_event(created)
    services.store.create(
        handoff,
        submission_id=view.get("id", ""),
        follow=lifecycle.follow(created),
    )
    ack()


def candidate_default_tz(form, people) -> str:
    """The candidate's own Slack zone when they are in Slack, else the hiring manager's."""
    for user_id in (form.candidate_user_id, form.hiring_manager_id):
        if user_id and user_id in people:
            return people[user_id].tz
    return "UTC"
