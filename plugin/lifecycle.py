"""What follows each change to a hand-off: the jobs enqueued in the same write as the change."""

from __future__ import annotations

from plugin import queues
from plugin.domain.handoff import Event, Handoff, State
from plugin.store import Follow

BRIEF_CHANGES = ("accepted", "declined", "question", "time_set", "rescheduled", "cancelled")
SCHEDULE_CHANGES = ("accepted", "time_set", "rescheduled")
PANEL_CHANGES = ("rescheduled", "cancelled")


def jobs_after(handoff: Handoff, event: Event) -> list[queues.JobSpec]:
    """The jobs a change calls for, given the hand-off as the change left it."""
    jobs: list[queues.JobSpec] = []
    if event.kind == "feedback_submitted":
        # No notice per submission: the debrief goes out once the whole panel is in.
        return [queues.send_debrief(handoff.id)]
    if event.kind == "created":
        jobs.append(queues.deliver_brief(handoff.id))
    if event.kind in BRIEF_CHANGES:
        jobs.append(queues.refresh_brief(handoff.id))
    jobs.append(queues.notify_recruiter(handoff.id, event.id))
    if event.kind in SCHEDULE_CHANGES and ready_for_followups(handoff):
        jobs.append(queues.plan_followups(handoff.id, handoff.schedule_version))
    if event.kind in PANEL_CHANGES:
        jobs.append(queues.notify_panel(handoff.id, event.id))
        jobs.append(queues.drop_stale_nudges(handoff.id, handoff.schedule_version))
    if event.kind == "cancelled":
        jobs.append(queues.send_candidate_message(handoff.id, "cancel", handoff.schedule_version))
    return jobs


def ready_for_followups(handoff: Handoff) -> bool:
    """Kits and candidate messages start once the hiring manager accepted and a time is set."""
    return handoff.state == State.ACCEPTED and bool(handoff.interview_start)


def job_after(handoff: Handoff, event: Event) -> queues.JobSpec:
    """The one job a request enqueues after `event`: the only job it calls for, or one that
    enqueues them all in the worker (the request pays for one enqueue). The fan-out reads the
    event back from the hand-off, so only recorded events may need it."""
    jobs = jobs_after(handoff, event)
    return jobs[0] if len(jobs) == 1 else queues.after_change(handoff.id, event.id)


def follow(event: Event) -> Follow:
    """A store `follow` naming `job_after`'s job for the hand-off as the write leaves it."""
    return lambda handoff: [job_after(handoff, event)]
