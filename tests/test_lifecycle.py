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


def test_a_change_enqueues_one_job_that_fans_out_once(redis_conn, slack, run_jobs):
    from plugin import lifecycle, queues
    from plugin.store import HandoffStore
    from workers.jobs.changes import after_change

    store = HandoffStore(redis_conn)
    created = new_event("created", "UREC")
    store.create(make_handoff().with_event(created), follow=lifecycle.follow(created))
    interactive = queues.queue(queues.INTERACTIVE, redis_conn)
    assert interactive.job_ids == [f"after_change-h1-{created.id}"]
    assert queues.queue(queues.DELIVERIES, redis_conn).count == 0

    from workers import context

    context.current()  # the run_jobs fixture's context
    assert after_change("h1", created.id) == "fanned out"
    assert after_change("h1", created.id) == "already done"
    assert queues.queue(queues.DELIVERIES, redis_conn).job_ids == ["deliver_brief-h1"]
    assert after_change("h1", "never-written") == "skipped"


def test_a_lost_race_leaves_nothing_to_do(redis_conn, slack, run_jobs):
    """The second click's write is refused: its fan-out finds no event and sends nothing."""
    from plugin.store import HandoffStore

    store = HandoffStore(redis_conn)
    store.create(make_handoff())
    first, second = new_event("accepted", "UHM"), new_event("accepted", "UHM")
    assert store.transition("h1", expect=State.OPEN, to=State.ACCEPTED, event=first)
    assert store.transition("h1", expect=State.OPEN, to=State.ACCEPTED, event=second) is None
    assert [e.id for e in store.get("h1").events] == [first.id]
