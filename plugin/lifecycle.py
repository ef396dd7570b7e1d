"""What follows each change to a hand-off: the jobs enqueued in the same write as the change."""

from __future__ import annotations

import redis

from plugin import queues
from plugin.domain.handoff import Event, Handoff, State
from plugin.store import Follow

BRIEF_CHANGES = ("accepted", "declined", "question", "time_set")
SCHEDULE_CHANGES = ("accepted", "time_set")


def jobs_after(handoff: Handoff, event: Event) -> list[queues.JobSpec]:
    """The jobs a change calls for, given the hand-off as the change left it."""
    jobs: list[queues.JobSpec] = []
    if event.kind == "created":
        jobs.append(queues.deliver_brief(handoff.id))
    if event.kind in BRIEF_CHANGES:
        jobs.append(queues.refresh_brief(handoff.id))
    jobs.append(queues.notify_recruiter(handoff.id, event.id))
    if event.kind in SCHEDULE_CHANGES and ready_for_followups(handoff):
        jobs.append(queues.plan_followups(handoff.id, handoff.schedule_version))
    return jobs


def ready_for_followups(handoff: Handoff) -> bool:
    """Kits and candidate messages start once the hiring manager accepted and a time is set."""
    return handoff.state == State.ACCEPTED and bool(handoff.interview_start)


def follow(connection: redis.Redis, event: Event) -> Follow:
    """A store `follow` that enqueues what `event` calls for, in the store's transaction."""

    def enqueue_jobs(pipe, handoff: Handoff) -> None:
        queues.enqueue(connection, *jobs_after(handoff, event), pipeline=pipe)

    return enqueue_jobs
