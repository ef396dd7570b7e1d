"""The Redis store of hand-offs: atomic creation and state changes, per-recruiter index, dedupe keys."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

import redis

from plugin.crypto import sealer
from plugin.domain.handoff import Event, Handoff, Person, State
from plugin.queues import ENQUEUE_JOBS, JobSpec, job_writes

PREFIX = "sr"
SUBMISSION_TTL = 24 * 3600
EVENT_TTL = 3600
PERSON_TTL = 600
LOCAL_PERSON_TTL = 60.0
LOCAL_PERSON_LIMIT = 10_000
THREAD_TTL = 180 * 24 * 3600

Follow = Callable[[Handoff], Sequence[JobSpec]]


def handoff_key(handoff_id: str) -> str:
    return f"{PREFIX}:handoff:{handoff_id}"


def recruiter_key(team_id: str, user_id: str) -> str:
    return f"{PREFIX}:recruiter:{team_id}:{user_id}"


def links_key(handoff_id: str) -> str:
    """A set of the keys elsewhere that point at this hand-off (claim, thread links), so
    erasing it finds them."""
    return f"{PREFIX}:handoff-links:{handoff_id}"


def candidate_key(identity: str) -> str:
    """The set of hand-off IDs for one candidate, keyed by a hash: no address in key names."""
    return f"{PREFIX}:candidate:{hashlib.sha256(identity.encode()).hexdigest()}"


def email_identity(email: str) -> str:
    return email.strip().lower()


def user_identity(platform: str, user_id: str) -> str:
    return f"{platform}:{user_id.strip()}"


def candidate_identities(handoff: Handoff) -> list[str]:
    """How a candidate can be asked for: their email, and their chat account when named."""
    found = []
    if handoff.candidate_email.strip():
        found.append(email_identity(handoff.candidate_email))
    if handoff.candidate_user_id.strip():
        found.append(user_identity(handoff.platform, handoff.candidate_user_id))
    return found


class HandoffNotFound(LookupError):
    """No hand-off with that ID (never existed, or deleted)."""


# KEYS: the record, the recruiter's index, the submission claim, the hand-off's links set (keys
# that name it elsewhere, for erasure), the jobs' (queues.ENQUEUE_JOBS), then the candidate's
# index sets (plugin.retention). ARGV: the record, its score, the submission, the ID, the claim's
# lifetime, then the jobs'.
CREATE = (
    ENQUEUE_JOBS
    + """
if ARGV[3] ~= '' then
  local claimed = redis.call('SET', KEYS[3], ARGV[4], 'NX', 'EX', ARGV[5])
  if not claimed then return redis.call('GET', KEYS[3]) end
  redis.call('SADD', KEYS[4], KEYS[3])
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[4])
enqueue_jobs(5, 6)
for i = 5 + 2 * tonumber(ARGV[6] or 0), #KEYS do redis.call('SADD', KEYS[i], ARGV[4]) end
return ''
"""
)

# KEYS: the record, then the jobs'; ARGV: the record as read, as changed, then the jobs'.
COMPARE_AND_SET = (
    ENQUEUE_JOBS
    + """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
enqueue_jobs(2, 3)
return 1
"""
)


class HandoffStore:
    """Hand-offs as JSON records. Writes that must go with jobs take a `follow` callback that
    names them; the write's Lua script enqueues them itself, so a stored change never lacks its
    jobs, and a write it declines (a repeated submission, a lost race) enqueues nothing. A write
    costs one round trip, one EVALSHA."""

    def __init__(self, connection: redis.Redis):
        self.redis = connection
        self._create = connection.register_script(CREATE)  # EVALSHA: the script is not resent
        self._compare_and_set = connection.register_script(COMPARE_AND_SET)

    def get(self, handoff_id: str) -> Handoff:
        raw = self.redis.get(handoff_key(handoff_id))
        if raw is None:
            raise HandoffNotFound(handoff_id)
        return self._decode(raw)

    def find(self, handoff_id: str) -> Handoff | None:
        try:
            return self.get(handoff_id)
        except HandoffNotFound:
            return None

    def create(
        self, handoff: Handoff, *, submission_id: str = "", follow: Follow | None = None
    ) -> tuple[Handoff, bool]:
        """Store a new hand-off once per submission; a repeated submission returns the first."""
        claim = f"{PREFIX}:submission:{submission_id}"
        job_keys, job_args = job_writes(self.redis, follow(handoff) if follow else ())
        keys = [
            handoff_key(handoff.id),
            recruiter_key(handoff.team_id, handoff.recruiter_id),
            claim,
            links_key(handoff.id),
            *job_keys,
            *(candidate_key(i) for i in candidate_identities(handoff)),
        ]
        args = [
            self._encode(handoff),
            _epoch(handoff.created_at),
            submission_id,
            handoff.id,
            SUBMISSION_TTL,
            *job_args,
        ]
        existing = self._create(keys=keys, args=args)
        if existing:
            return self.get(existing.decode()), False
        return handoff, True

    def change(
        self,
        handoff_id: str,
        mutate: Callable[[Handoff], Handoff | None],
        *,
        follow: Follow | None = None,
    ) -> Handoff | None:
        """Apply `mutate` atomically (compare-and-set). It returns None to leave the record as
        is; then nothing is written, `follow` is not called, and None is returned."""
        key = handoff_key(handoff_id)
        while True:
            raw = self.redis.get(key)
            if raw is None:
                raise HandoffNotFound(handoff_id)
            current, sealed = self._open(raw)
            changed = mutate(current)
            if changed is None:
                return None
            job_keys, job_args = job_writes(self.redis, follow(changed) if follow else ())
            encoded = self._encode(changed, sealed)
            keys = [key, *job_keys]
            if self._compare_and_set(keys=keys, args=[raw, encoded, *job_args]) == 1:
                return changed

    def transition(
        self,
        handoff_id: str,
        *,
        expect: State,
        to: State,
        event: Event,
        follow: Follow | None = None,
        only_by_hiring_manager: bool = False,
        declined: Callable[[Handoff], object] | None = None,
    ) -> Handoff | None:
        """Move from `expect` to `to`, recording who acted; None when the state was not `expect`
        (or, with `only_by_hiring_manager`, when someone else acted), after passing the record
        as it was to `declined`, so a caller can say why without reading it again."""

        def mutate(handoff: Handoff) -> Handoff | None:
            wrong_person = only_by_hiring_manager and event.actor != handoff.hiring_manager_id
            if handoff.state != expect or wrong_person:
                if declined is not None:
                    declined(handoff)
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

    @staticmethod
    def _encode(handoff: Handoff, sealed: tuple[str, dict] | None = None) -> str:
        """The record with the screening notes and event texts sealed (encrypted at rest).
        `sealed`, a sealed token and what it holds, is kept when they are unchanged (a state
        change, an event without text): no sealing again. `rotate-keys` reseals every token."""
        record = handoff.to_record()
        texts = {e["id"]: e["text"] for e in record["events"] if e["text"]}
        secrets = {"notes": record.pop("notes"), "texts": texts}
        unchanged = sealed is not None and sealed[1] == secrets
        record["sealed"] = sealed[0] if unchanged else sealer().seal(secrets)
        record["events"] = [{**e, "text": ""} for e in record["events"]]
        return json.dumps(record, separators=(",", ":"))

    @staticmethod
    def _open(raw: bytes) -> tuple[Handoff, tuple[str, dict]]:
        """The hand-off, and its sealed token with what it holds."""
        record = json.loads(raw)
        token = record.pop("sealed")
        opened = sealer().open(token)
        record["notes"] = opened["notes"]
        texts = opened["texts"]
        record["events"] = [{**e, "text": texts.get(e["id"], "")} for e in record["events"]]
        return Handoff.from_record(record), (token, opened)

    @classmethod
    def _decode(cls, raw: bytes) -> Handoff:
        return cls._open(raw)[0]

    def link_thread(self, channel: str, ts: str, handoff_id: str, event_id: str) -> None:
        """Remember that replies under this message answer that event of that hand-off."""
        link = json.dumps({"handoff_id": handoff_id, "event_id": event_id})
        key = f"{PREFIX}:thread:{channel}:{ts}"
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(key, link, ex=THREAD_TTL)
            pipe.sadd(links_key(handoff_id), key)
            pipe.execute()

    def thread_link(self, channel: str, ts: str) -> dict | None:
        raw = self.redis.get(f"{PREFIX}:thread:{channel}:{ts}")
        return json.loads(raw) if raw else None

    def first_time(self, kind: str, key: str, ttl: int = EVENT_TTL) -> bool:
        """True the first time (kind, key) is seen within `ttl`: dedupes retried events and clicks."""
        return bool(self.redis.set(f"{PREFIX}:seen:{kind}:{key}", 1, nx=True, ex=ttl))


class PersonCache:
    """Short-lived cache of people as the platform describes them, so a form submit stays fast:
    in this process for a minute, in Redis (shared by every process) for ten."""

    def __init__(
        self,
        connection: redis.Redis,
        ttl: int = PERSON_TTL,
        local_ttl: float = LOCAL_PERSON_TTL,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.redis = connection
        self.ttl = ttl
        self.local_ttl = local_ttl
        self.clock = clock
        self._local: dict[str, tuple[float, Person]] = {}

    def _key(self, team_id: str, user_id: str) -> str:
        return f"{PREFIX}:person:{team_id}:{user_id}"

    def get_many(self, team_id: str, user_ids: list[str]) -> dict[str, Person]:
        now = self.clock()
        found: dict[str, Person] = {}
        missing: list[str] = []
        for user_id in user_ids:
            kept = self._local.get(self._key(team_id, user_id))
            if kept and kept[0] > now:
                found[user_id] = kept[1]
            else:
                missing.append(user_id)
        if missing:
            raws = self.redis.mget([self._key(team_id, u) for u in missing])
            for user_id, raw in zip(missing, raws, strict=True):
                if raw is not None:
                    found[user_id] = self._remember(team_id, Person(**json.loads(raw)))
        return found

    def put(self, team_id: str, person: Person) -> None:
        self.redis.set(self._key(team_id, person.id), json.dumps(person.__dict__), ex=self.ttl)
        self._remember(team_id, person)

    def forget_local(self) -> None:
        """Drop what this process remembers (Redis keeps its copies)."""
        self._local.clear()

    def _remember(self, team_id: str, person: Person) -> Person:
        if len(self._local) > LOCAL_PERSON_LIMIT:
            self._local.clear()
        self._local[self._key(team_id, person.id)] = (self.clock() + self.local_ttl, person)
        return person


def _epoch(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()
