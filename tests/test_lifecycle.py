"""Which jobs follow which change: the orchestration in one table."""

from dataclasses import replace

from test_store import make_handoff

from plugin.domain.handoff import State, new_event
from plugin.lifecycle import jobs_after


def job_names(handoff, kind):
    return [spec.job_id.split("-")[0] for spec in jobs_after(handoff, new_event(kind, "U"))]


def test_a_new_handoff_gets_its_brief_and_a_confirmation():
    assert job_names(make_handoff(), "created") == ["deliver_brief", "notify_recruiter"]


def test_brief_changes_redraw_the_brief_and_tell_the_recruiter():
    for kind in ("declined", "question"):
        assert job_names(make_handoff(), kind) == ["refresh_brief", "notify_recruiter"]


def test_followups_start_only_when_accepted_with_a_time():
    accepted = replace(make_handoff(), state=State.ACCEPTED)
    assert "plan_followups" not in job_names(accepted, "accepted")
    timed = replace(accepted, interview_start="2026-12-03T14:00:00+00:00", schedule_version=2)
    specs = jobs_after(timed, new_event("time_set", "U"))
    assert specs[-1].job_id == "plan_followups-h1-2"
    assert "plan_followups" not in job_names(replace(timed, state=State.OPEN), "time_set")
