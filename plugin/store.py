"""The Redis store of hand-offs: atomic creation and state changes, per-recruiter index, dedupe keys."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

import redis

from plugin.domain.handoff import Event, Handoff, Person, State

PREFIX = "sr"
SUBMISSION_TTL = 24 * 3600
EVENT_TTL = 3600
PERSON_TTL = 600
THREAD_TTL = 180 * 24 * 3600

Follow = Callable[[redis.client.Pipeline, Handoff], None]


def handoff_key(handoff_id: str) -> str:
    return f"{PREFIX}:handoff:{handoff_id}"


def recruiter_key(team_id: str, user_id: str) -> str:
    return f"{PREFIX}:recruiter:{team_id}:{user_id}"


class HandoffNotFound(LookupError):
    """No hand-off with that ID (never existed, or deleted)."""


class HandoffStore:
    """Hand-offs as JSON records. Writes that must go with a job take a `follow` callback
    that adds the enqueue to the same Redis transaction, so a stored change never lacks its job."""

    def __init__(self, connection: redis.Redis):
        self.redis = connection

    def get(self, handoff_id: str) -> Handoff:
        raw = self.redis.get(handoff_key(handoff_id))
        if raw is None:
            raise HandoffNotFound(handoff_id)
        return Handoff.from_record(json.loads(raw))

    def find(self, handoff_id: str) -> Handoff | None:
        try:
            return self.get(handoff_id)
        except HandoffNotFound:
            return None

    def create(
        self, handoff: Handoff, *, submission_id: str = "", follow: Follow | None = None
    ) -> tuple[Handoff, bool]:
        """Store a new hand-off once per submission; a repeated submission returns the first."""
        if submission_id:
            claim = f"{PREFIX}:submission:{submission_id}"
            if not self.redis.set(claim, handoff.id, nx=True, ex=SUBMISSION_TTL):
                existing = self.redis.get(claim)
                return self.get(existing.decode()), False
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.multi()
            self._write(pipe, handoff)
            created = _epoch(handoff.created_at)
            pipe.zadd(recruiter_key(handoff.team_id, handoff.recruiter_id), {handoff.id: created})
            if follow:
                follow(pipe, handoff)
            pipe.execute()
        return handoff, True

    def change(
        self,
        handoff_id: str,
        mutate: Callable[[Handoff], Handoff | None],
        *,
        follow: Follow | None = None,
    ) -> Handoff | None:
        """Apply `mutate` atomically (optimistic lock). It returns None to leave the record as is;
        then nothing is written, `follow` is not called, and None is returned."""
        key = handoff_key(handoff_id)
        with self.redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    if raw is None:
                        raise HandoffNotFound(handoff_id)
                    changed = mutate(Handoff.from_record(json.loads(raw)))
                    if changed is None:
                        pipe.unwatch()
                        return None
                    pipe.multi()
                    self._write(pipe, changed)
                    if follow:
                        follow(pipe, changed)
                    pipe.execute()
                    return changed
                except redis.WatchError:
                    continue

    def transition(
        self,
        handoff_id: str,
        *,
        expect: State,
        to: State,
        event: Event,
        follow: Follow | None = None,
    ) -> Handoff | None:
        """Move from `expect` to `to`, recording who acted; None when the state was not `expect`."""

        def mutate(handoff: Handoff) -> Handoff | None:
            if handoff.state != expect:
                return None
            return replace(
                handoff.with_event(event), state=to, acted_by=event.actor, acted_at=event.at
            )

        return self.change(handoff_id, mutate, follow=follow)

    def add_event(self, handoff_id: str, event: Event, *, follow: Follow | None = None) -> Handoff:
        changed = self.change(handoff_id, lambda h: h.with_event(event), follow=follow)
        assert changed is not None
        return changed

    def for_recruiter(self, team_id: str, user_id: str, limit: int = 20) -> list[Handoff]:
        """The recruiter's hand-offs, newest first."""
        ids = self.redis.zrevrange(recruiter_key(team_id, user_id), 0, limit - 1)
        found = [self.find(i.decode()) for i in ids]
        return [h for h in found if h is not None]

    def _write(self, pipe: redis.client.Pipeline, handoff: Handoff) -> None:
        pipe.set(handoff_key(handoff.id), json.dumps(handoff.to_record(), separators=(",", ":")))

    def link_thread(self, channel: str, ts: str, handoff_id: str, event_id: str) -> None:
        """Remember that replies under this message answer that event of that hand-off."""
        link = json.dumps({"handoff_id": handoff_id, "event_id": event_id})
        self.redis.set(f"{PREFIX}:thread:{channel}:{ts}", link, ex=THREAD_TTL)

    def thread_link(self, channel: str, ts: str) -> dict | None:
        raw = self.redis.get(f"{PREFIX}:thread:{channel}:{ts}")
        return json.loads(raw) if raw else None

    def first_time(self, kind: str, key: str, ttl: int = EVENT_TTL) -> bool:
        """True the first time (kind, key) is seen within `ttl`: dedupes retried events and clicks."""
        return bool(self.redis.set(f"{PREFIX}:seen:{kind}:{key}", 1, nx=True, ex=ttl))


class PersonCache:
    """Short-lived cache of people as the platform describes them, so a form submit stays fast."""

    def __init__(self, connection: redis.Redis, ttl: int = PERSON_TTL):
        self.redis = connection
        self.ttl = ttl

    def _key(self, team_id: str, user_id: str) -> str:
        return f"{PREFIX}:person:{team_id}:{user_id}"

    def get_many(self, team_id: str, user_ids: list[str]) -> dict[str, Person]:
        if not user_ids:
            return {}
        raws = self.redis.mget([self._key(team_id, u) for u in user_ids])
        return {
            user_id: Person(**json.loads(raw))
            for user_id, raw in zip(user_ids, raws, strict=True)
            if raw is not None
        }

    def put(self, team_id: str, person: Person) -> None:
        self.redis.set(self._key(team_id, person.id), json.dumps(person.__dict__), ex=self.ttl)


def _epoch(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()
