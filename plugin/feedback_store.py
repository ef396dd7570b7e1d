"""Panel plans and interviewers' feedback in Redis, each behind one small class.

Feedback is personal data about a candidate: one key per (hand-off, person), written once, and
read and written only through `FeedbackStore`, so encryption at rest can be added in one place.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import redis

from plugin.crypto import sealer
from plugin.domain.feedback import Feedback
from plugin.domain.panel import PanelPlan
from plugin.queues import ENQUEUE_JOBS, JobSpec, job_writes
from plugin.store import PREFIX

# KEYS: the feedback's key, then the jobs' (queues.ENQUEUE_JOBS); ARGV: the sealed feedback, then
# the jobs'. Written, with its jobs, only when this person has not submitted yet.
SUBMIT = (
    ENQUEUE_JOBS
    + """
if not redis.call('SET', KEYS[1], ARGV[1], 'NX') then return 0 end
enqueue_jobs(2, 2)
return 1
"""
)


def plan_key(handoff_id: str) -> str:
    return f"{PREFIX}:plan:{handoff_id}"


def feedback_key(handoff_id: str, person: str) -> str:
    return f"{PREFIX}:feedback:{handoff_id}:{person}"


class PanelPlanStore:
    """One panel plan per hand-off, fixed when first stored: a reschedule keeps who covers what."""

    def __init__(self, connection: redis.Redis):
        self.redis = connection

    def get(self, handoff_id: str) -> PanelPlan | None:
        raw = self.redis.get(plan_key(handoff_id))
        return PanelPlan.from_dict(json.loads(raw)) if raw else None

    def keep_first(self, handoff_id: str, plan: PanelPlan) -> PanelPlan:
        """Store `plan` unless one is stored already; answer the stored one."""
        data = json.dumps(plan.to_dict(), separators=(",", ":"))
        if self.redis.set(plan_key(handoff_id), data, nx=True):
            return plan
        stored = self.get(handoff_id)
        return stored if stored is not None else plan


class FeedbackStore:
    """Submitted feedback, once per (hand-off, person)."""

    def __init__(self, connection: redis.Redis):
        self.redis = connection
        self._submit = connection.register_script(SUBMIT)

    def get(self, handoff_id: str, person: str) -> Feedback | None:
        return self._load(self.redis.get(feedback_key(handoff_id, person)))

    def has_submitted(self, handoff_id: str, person: str) -> bool:
        return bool(self.redis.exists(feedback_key(handoff_id, person)))

    def for_people(self, handoff_id: str, people: Iterable[str]) -> dict[str, Feedback]:
        """The feedback in so far, by person, for these people."""
        people = list(people)
        if not people:
            return {}
        raws = self.redis.mget([feedback_key(handoff_id, p) for p in people])
        found = {p: self._load(raw) for p, raw in zip(people, raws, strict=True)}
        return {p: f for p, f in found.items() if f is not None}

    def submit(self, feedback: Feedback, *, jobs: Sequence[JobSpec] = ()) -> bool:
        """Store feedback unless this person already submitted; False then, and nothing changes.
        `jobs` (those that follow a submission) are enqueued by the same write, one EVALSHA."""
        job_keys, job_args = job_writes(self.redis, jobs)
        keys = [feedback_key(feedback.handoff_id, feedback.person), *job_keys]
        return self._submit(keys=keys, args=[self._dump(feedback), *job_args]) == 1

    @staticmethod
    def _dump(feedback: Feedback) -> str:
        """Sealed: feedback is personal data about a candidate, encrypted at rest."""
        return sealer().seal(feedback.to_record())

    @staticmethod
    def _load(raw: bytes | None) -> Feedback | None:
        return Feedback.from_record(sealer().open(raw.decode())) if raw else None
