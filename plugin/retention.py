"""Retention and erasure: hand-offs deleted a set time after they close, candidates erased on request.

Closing. A hand-off closes when it is declined or cancelled, or when its debrief goes out. One
that never gets that far closes by itself CLOSE_AFTER_INTERVIEW (30 days) after its interview
ended (feedback that late is not coming), or, with no interview time at all, CLOSE_WHEN_IDLE
(90 days) after its last change. Close times live in one sorted set, `sr:closed` (hand-off ID →
epoch seconds). The debrief job writes its close as it happens; the daily sweep writes every
other close with the moment it happened (a decline's or cancel's time is on the record), so
Slack and Teams changes, and hand-offs stored before this existed, need nothing in their
request path, and a change that lost a race can't close a hand-off by mistake. A closed hand-off
that moves on (rescheduled after its debrief) is recognised as live again when it comes due, and
left.

The sweep (`sweep`, daily from the worker; `secondround sweep` by hand) records those closes,
erases what closed more than RETENTION_DAYS ago, and tidies what a racing job may have left
behind (keys of hand-offs whose record is gone).

Erasure (`erase_handoffs`) removes everything about a hand-off: the record, its entries in the
recruiter's list, the candidate index and the close times, its receipts, panel plan, feedback,
thread links, submission claim, fan-out and dedupe markers, the candidate's cached profile (when
no other hand-off of theirs remains), every RQ job whose ID names it (queued, scheduled, deferred,
failed, finished, cancelled) in every queue, and any other key whose name holds its ID. A job
running at that moment is left to finish: it re-reads the hand-off, finds nothing, and its record
expires within the hour. On request (`delete_messages=True`) the Slack and Teams messages already
posted are deleted by worker jobs that carry only conversation and message IDs; email cannot be
recalled, and the answer says how many went.

Records are read as plain JSON, without opening the sealed notes: erasure never needs the keys.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import redis
from rq.job import Job
from rq.registry import (
    CanceledJobRegistry,
    DeferredJobRegistry,
    FailedJobRegistry,
    FinishedJobRegistry,
    ReadyJobRegistry,
    ScheduledJobRegistry,
    StartedJobRegistry,
)
from rq.results import Result

from plugin import queues
from plugin.domain.handoff import EMAIL_PATTERN
from plugin.store import (
    PREFIX,
    candidate_key,
    email_identity,
    handoff_key,
    links_key,
    recruiter_key,
    user_identity,
)

CLOSED_KEY = f"{PREFIX}:closed"
CLOSE_AFTER_INTERVIEW = timedelta(days=30)
CLOSE_WHEN_IDLE = timedelta(days=90)
TERMINAL_STATES = ("declined", "cancelled")

# The IDs plugin.domain.handoff.new_id makes: only these are looked for across every key name.
GENERATED_ID = re.compile(r"^[0-9a-f]{16}$")
SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
DIGEST = re.compile(r"^[0-9a-f]{64}$")
SCAN_COUNT = 5000
DELETE_CHUNK = 500
ERASE_BATCH = 200
MATCHED_SCANS = 4
JOB_REGISTRIES = (
    FinishedJobRegistry,
    FailedJobRegistry,
    DeferredJobRegistry,
    ScheduledJobRegistry,
    CanceledJobRegistry,
    ReadyJobRegistry,
)
ORPHAN_PATTERNS = (
    re.compile(rf"^{PREFIX}:receipts:([0-9a-f]{{16}})$"),
    re.compile(rf"^{PREFIX}:plan:([0-9a-f]{{16}})$"),
    re.compile(rf"^{PREFIX}:feedback:([0-9a-f]{{16}}):"),
    re.compile(rf"^{PREFIX}:handoff-links:([0-9a-f]{{16}})$"),
)
RECALLABLE = ("slack", "teams")

# What an erasure removed, in the order it is reported.
KINDS = {
    "handoffs": "hand-off record(s)",
    "index_entries": "index entries (recruiter's list, candidate index, close time)",
    "receipts": "delivery receipt(s)",
    "plans": "panel plan(s)",
    "feedback": "interviewer feedback",
    "thread_links": "thread link(s) and submission claim(s)",
    "markers": "fan-out and dedupe marker(s)",
    "people": "cached profile(s) of the candidate",
    "jobs": "job(s): queued, scheduled, failed or finished",
    "other_keys": "other key(s) naming the hand-off",
    "messages_deleting": "Slack/Teams message(s) being deleted by the worker",
    "emails_unrecallable": "email(s) already sent (email can't be recalled)",
    "jobs_running": "job(s) running right now (they find nothing and expire within the hour)",
}


@dataclass(frozen=True)
class ErasedHandoff:
    """Which hand-off went, for the admin's eyes only (the CLI); never logged."""

    id: str
    candidate_name: str
    role_title: str
    created_at: str
    state: str


@dataclass
class Erased:
    handoffs: list[ErasedHandoff] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def __iadd__(self, other: Erased) -> Erased:
        self.handoffs += other.handoffs
        self.counts.update(other.counts)
        return self

    @property
    def count(self) -> int:
        return len(self.handoffs)

    def lines(self, skip: tuple[str, ...] = ()) -> list[str]:
        """What was removed, one line per kind (counts only, no names)."""
        return [
            f"{self.counts[kind]} {label}"
            for kind, label in KINDS.items()
            if self.counts[kind] and kind not in skip
        ]


def admin_report(erased: Erased, who: str) -> str:
    """For `secondround forget`: which hand-offs went (with the candidate's name: the admin
    asked for them) and what was removed."""
    lines = [f"erased {erased.count} hand-off(s) for {who}:"]
    for handoff in erased.handoffs:
        created = handoff.created_at[:10]
        lines.append(
            f"  {handoff.id}  {handoff.candidate_name}, {handoff.role_title}, "
            f"created {created}, {handoff.state}"
        )
    lines.append("removed:")
    lines += [f"  {line}" for line in erased.lines()]
    if erased.counts["messages_deleting"]:
        lines.append("(a running `secondround worker` deletes the messages)")
    return "\n".join(lines)


# -- closing --------------------------------------------------------------------------------------


def record_close(target, handoff_id: str, at: datetime) -> None:
    """Note that the hand-off closed at `at`, unless it closed earlier (`target`: a connection
    or a pipeline)."""
    target.zadd(CLOSED_KEY, {handoff_id: at.timestamp()}, nx=True)


def due_close(record: dict) -> datetime | None:
    """When the rules close this hand-off, from the record alone (possibly in the future)."""
    if record.get("state") in TERMINAL_STATES:
        return _parse(record.get("acted_at")) or _last_change(record)
    start = _parse(record.get("interview_start"))
    if start is not None:
        end = start + timedelta(minutes=int(record.get("interview_minutes") or 0))
        return end + CLOSE_AFTER_INTERVIEW
    last = _last_change(record)
    return last + CLOSE_WHEN_IDLE if last else None


def reopened(record: dict, closed_at: datetime) -> bool:
    """Whether the hand-off moved on after the moment it was recorded closed: an interview
    ending later, or a change since (a declined or cancelled one stays closed)."""
    if record.get("state") in TERMINAL_STATES:
        return False
    start = _parse(record.get("interview_start"))
    if start is not None:
        end = start + timedelta(minutes=int(record.get("interview_minutes") or 0))
        if end > closed_at:
            return True
    last = _last_change(record)
    return last is not None and last > closed_at


def _parse(value) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _last_change(record: dict) -> datetime | None:
    moments = [_parse(e.get("at")) for e in record.get("events") or [] if isinstance(e, dict)]
    moments = [m for m in (*moments, _parse(record.get("created_at"))) if m is not None]
    return max(moments) if moments else None


# -- finding a candidate's hand-offs --------------------------------------------------------------


def valid_email(address: str) -> bool:
    return bool(EMAIL_PATTERN.match(address.strip()))


def identity_digest(identity: str) -> str:
    return hashlib.sha256(identity.encode()).hexdigest()


def ids_for_identities(connection: redis.Redis, identities: Iterable[str]) -> list[str]:
    """Hand-off IDs in the candidate index for these identities (email, chat account)."""
    found: list[str] = []
    for identity in identities:
        found += [m.decode() for m in connection.smembers(candidate_key(identity))]
    return sorted(set(found))


def ids_for_digest(connection: redis.Redis, digest: str) -> list[str]:
    """Hand-off IDs under one candidate index key, named by its hash (a button's value)."""
    if not DIGEST.match(digest):
        return []
    members = connection.smembers(f"{PREFIX}:candidate:{digest}")
    return sorted(m.decode() for m in members)


def find_by_email(connection: redis.Redis, email: str, *, scan: bool = True) -> list[str]:
    """Every hand-off for this address: the index, and (for the admin) every record too, so
    hand-offs stored before the index existed are found as well."""
    wanted = email_identity(email)
    found = set(ids_for_identities(connection, [wanted]))
    if scan:
        found |= _scan_records(
            connection, lambda r: email_identity(r.get("candidate_email") or "") == wanted
        )
    return sorted(found)


def find_by_user(connection: redis.Redis, user_id: str, *, scan: bool = True) -> list[str]:
    """Every hand-off whose candidate is this Slack or Teams account."""
    wanted = user_id.strip()
    identities = [
        user_identity("slack", wanted),
        user_identity("teams", wanted),
        user_identity("teams", wanted.lower()),
    ]
    found = set(ids_for_identities(connection, identities))
    if scan and wanted:
        found |= _scan_records(
            connection,
            lambda r: (r.get("candidate_user_id") or "").lower() == wanted.lower(),
        )
    return sorted(found)


def _scan_records(connection: redis.Redis, wanted) -> set[str]:
    found = set()
    prefix = handoff_key("")
    keys = list(connection.scan_iter(f"{prefix}*", count=SCAN_COUNT))
    for start in range(0, len(keys), DELETE_CHUNK):
        chunk = keys[start : start + DELETE_CHUNK]
        for key, raw in zip(chunk, connection.mget(chunk), strict=True):
            record = _record(raw)
            if record and wanted(record):
                found.add(key.decode()[len(prefix) :])
    return found


def records(connection: redis.Redis, handoff_ids: list[str]) -> dict[str, dict]:
    """The plain part of each record (no sealed notes), by ID; missing ones left out."""
    if not handoff_ids:
        return {}
    raws = connection.mget([handoff_key(i) for i in handoff_ids])
    found = {i: _record(raw) for i, raw in zip(handoff_ids, raws, strict=True)}
    return {i: r for i, r in found.items() if r}


def owned_by(
    connection: redis.Redis, handoff_ids: list[str], team_id: str, user_id: str
) -> list[str]:
    """Those of the hand-offs this recruiter created in this workspace."""
    return [
        i
        for i, r in records(connection, handoff_ids).items()
        if r.get("recruiter_id") == user_id and r.get("team_id") == team_id
    ]


def _record(raw) -> dict:
    if not raw:
        return {}
    try:
        record = json.loads(raw)
    except ValueError:
        return {}
    return record if isinstance(record, dict) else {}


# -- erasing --------------------------------------------------------------------------------------


def erase_handoff(connection: redis.Redis, handoff_id: str, **options) -> Erased:
    return erase_handoffs(connection, [handoff_id], **options)


def erase_handoffs(
    connection: redis.Redis, handoff_ids: Iterable[str], *, delete_messages: bool = False
) -> Erased:
    """Remove everything about these hand-offs (see the module's docstring); what went, counted."""
    ids = [i for i in dict.fromkeys(handoff_ids) if SAFE_ID.match(i or "")]
    erased = Erased()
    messages: set[tuple[str, str, str]] = set()
    for handoff_id in ids:
        one, posted = _erase_one(connection, handoff_id)
        erased += one
        messages |= posted
    jobs, running = purge_jobs(connection, ids)
    leftovers = _erase_named_keys(connection, [i for i in ids if GENERATED_ID.match(i)], running)
    job_prefix = Job.redis_job_namespace_prefix
    job_records = {
        k.removeprefix(job_prefix)
        for k in leftovers
        if k.startswith(job_prefix) and ":" not in k.removeprefix(job_prefix)
    }
    erased.counts["jobs"] += len(jobs | job_records)
    ours = [k for k in leftovers if k.startswith(f"{PREFIX}:")]
    feedback = [k for k in ours if k.startswith(f"{PREFIX}:feedback:")]
    erased.counts["feedback"] += len(feedback)
    erased.counts["other_keys"] += len(ours) - len(feedback)
    erased.counts["jobs_running"] += len(running)
    emails = sum(1 for channel, _, _ in messages if channel == "email")
    erased.counts["emails_unrecallable"] += emails
    recallable = sorted(m for m in messages if m[0] in RECALLABLE)
    if delete_messages and recallable:
        queues.enqueue(connection, *(queues.delete_message(*m) for m in recallable))
        erased.counts["messages_deleting"] += len(recallable)
    return erased


def _erase_one(connection: redis.Redis, handoff_id: str) -> tuple[Erased, set]:
    """The keys and index entries one hand-off owns; the messages posted about it."""
    from plugin.feedback_store import feedback_key, plan_key
    from workers.ledger import receipts_key

    erased = Erased()
    counts = erased.counts
    record = _record(connection.get(handoff_key(handoff_id)))
    receipts = connection.hgetall(receipts_key(handoff_id))
    links = [m.decode() for m in connection.smembers(links_key(handoff_id))]
    people = {record.get("hiring_manager_id") or "", *(record.get("interviewer_ids") or [])}
    feedback = [feedback_key(handoff_id, p) for p in sorted(people) if p]  # the panel's
    events = [e.get("id") for e in record.get("events") or [] if isinstance(e, dict)]
    markers = [f"{PREFIX}:fanned-out:{e}" for e in events if e]

    posted: set[tuple[str, str, str]] = set()
    dm_users: list[str] = []
    for key, raw in receipts.items():
        receipt = _record(raw)
        channel = receipt.get("channel") or ""
        posted.add((channel, receipt.get("conversation") or "", receipt.get("message_id") or ""))
        if key.decode().startswith("candidate:") and channel == "slack":
            dm_users.append(f"{PREFIX}:dm-user:{receipt.get('conversation')}")

    extra = list(links)
    for link in links:
        claim = link.removeprefix(f"{PREFIX}:submission:")
        if claim.startswith("teams-form-"):
            from plugin.teams.form import form_key

            extra.append(form_key(claim.removeprefix("teams-form-")))

    with connection.pipeline(transaction=True) as pipe:
        for group in ([handoff_key(handoff_id)], [plan_key(handoff_id)], feedback, markers, links):
            if group:
                pipe.exists(*group)
            else:
                pipe.echo(0)  # keeps the results in step
        pipe.zrem(CLOSED_KEY, handoff_id)
        if record:
            pipe.zrem(
                recruiter_key(record.get("team_id", ""), record.get("recruiter_id", "")), handoff_id
            )
        for identity in _identities(record):
            pipe.srem(candidate_key(identity), handoff_id)
        pipe.delete(
            handoff_key(handoff_id),
            plan_key(handoff_id),
            receipts_key(handoff_id),
            f"{PREFIX}:attempts:{handoff_id}",  # the ledger's send attempts
            links_key(handoff_id),
            *feedback,
            *markers,
            *extra,
            *dm_users,
        )
        results = pipe.execute()
    counts["handoffs"] += int(results[0])
    counts["plans"] += int(results[1])
    counts["feedback"] += int(results[2])
    counts["markers"] += int(results[3])
    counts["thread_links"] += int(results[4])
    counts["index_entries"] += sum(int(r) for r in results[5:-1])
    counts["receipts"] += len(receipts)
    counts["people"] += _forget_candidate_profile(connection, record)
    if record:
        erased.handoffs.append(
            ErasedHandoff(
                id=handoff_id,
                candidate_name=str(record.get("candidate_name") or ""),
                role_title=str(record.get("role_title") or ""),
                created_at=str(record.get("created_at") or ""),
                state=str(record.get("state") or ""),
            )
        )
    return erased, posted


def _identities(record: dict) -> list[str]:
    found = []
    if (record.get("candidate_email") or "").strip():
        found.append(email_identity(record["candidate_email"]))
    if (record.get("candidate_user_id") or "").strip():
        found.append(user_identity(record.get("platform") or "slack", record["candidate_user_id"]))
    return found


def _forget_candidate_profile(connection: redis.Redis, record: dict) -> int:
    """The candidate's cached chat profile, once no other hand-off of theirs remains."""
    user_id = (record.get("candidate_user_id") or "").strip()
    if not user_id:
        return 0
    platform = record.get("platform") or "slack"
    if connection.exists(candidate_key(user_identity(platform, user_id))):
        return 0
    if platform == "teams":
        from plugin.teams.references import tenant_users_key, user_key

        tenant = record.get("team_id") or ""
        with connection.pipeline(transaction=True) as pipe:
            pipe.delete(user_key(user_id))
            if tenant:
                pipe.srem(tenant_users_key(tenant), user_id.lower())
            return int(pipe.execute()[0])
    return int(connection.delete(f"{PREFIX}:person:{record.get('team_id', '')}:{user_id}"))


def purge_jobs(connection: redis.Redis, handoff_ids: list[str]) -> tuple[set[str], set[str]]:
    """Delete every job whose ID names one of the hand-offs, from every queue and registry of
    every queue: (the IDs deleted, the IDs running now and so left alone)."""
    if not handoff_ids:
        return set(), set()
    # A job ID is its function's name and its arguments joined by "-" (plugin.queues.JobSpec);
    # a hand-off's ID is one whole argument.
    names = re.compile(r"(?:^|-)(?:" + "|".join(re.escape(i) for i in handoff_ids) + r")(?:-|$)")

    def ours(job_id: str) -> bool:
        return bool(names.search(job_id))

    running: set[str] = set()
    for name in queues.ALL_QUEUES:
        started = StartedJobRegistry(queue=queues.queue(name, connection))
        running |= {j for j in started.get_job_ids(cleanup=False) if ours(j)}
    deleted: set[str] = set()
    with connection.pipeline(transaction=False) as pipe:
        for name in queues.ALL_QUEUES:
            target = queues.queue(name, connection)
            for raw in connection.lrange(target.key, 0, -1):
                job_id = raw.decode()
                if ours(job_id) and job_id not in running:
                    pipe.lrem(target.key, 0, raw)
                    deleted.add(job_id)
            for registry_class in JOB_REGISTRIES:
                registry = registry_class(queue=target)
                for raw in connection.zrange(registry.key, 0, -1):
                    job_id = registry.parse_job_id(raw.decode())
                    if ours(job_id) and job_id not in running:
                        pipe.zrem(registry.key, raw)
                        deleted.add(job_id)
        for job_id in deleted:
            pipe.delete(Job.key_for(job_id), Job.dependents_key_for(job_id), Result.get_key(job_id))
        pipe.execute()
    return deleted, running


def _erase_named_keys(
    connection: redis.Redis, handoff_ids: list[str], running: set[str]
) -> list[str]:
    """Delete every remaining key whose name holds one of the IDs (dedupe markers, send locks,
    job records outside any registry), except those of running jobs; the names deleted."""
    if not handoff_ids:
        return []
    names = re.compile("|".join(handoff_ids))
    spare = re.compile("|".join(re.escape(j) for j in running)) if running else None
    if len(handoff_ids) <= MATCHED_SCANS:
        found = {k for i in handoff_ids for k in connection.scan_iter(f"*{i}*", count=SCAN_COUNT)}
    else:
        found = set(connection.scan_iter(count=SCAN_COUNT))
    doomed = []
    for key in found:
        name = key.decode(errors="replace")
        if names.search(name) and not (spare and spare.search(name)):
            doomed.append(key)
    for start in range(0, len(doomed), DELETE_CHUNK):
        connection.delete(*doomed[start : start + DELETE_CHUNK])
    return sorted(k.decode(errors="replace") for k in doomed)


# -- the sweep ------------------------------------------------------------------------------------


@dataclass
class SweepReport:
    closed: int
    erased: Erased
    orphans: int
    pruned: int

    def lines(self, retention_days: int) -> list[str]:
        lines = [
            f"recorded {self.closed} hand-off(s) as closed",
            f"erased {self.erased.count} hand-off(s) closed more than {retention_days} days ago"
            + (f" and the leftovers of {self.orphans} already deleted" if self.orphans else ""),
        ]
        lines += [f"  {line}" for line in self.erased.lines()]
        if self.pruned:
            lines.append(f"removed {self.pruned} index entr(ies) of deleted hand-offs")
        return lines

    def summary(self) -> str:
        """Counts only: what the daily job returns (RQ keeps it two days)."""
        kinds = ", ".join(f"{k}={v}" for k, v in sorted(self.erased.counts.items()))
        return f"closed={self.closed} erased={self.erased.count} orphans={self.orphans} {kinds}"


def record_due_closes(connection: redis.Redis, now: datetime) -> int:
    """Record the close of every hand-off the rules have closed by `now` and no one recorded."""
    closed = 0
    prefix = handoff_key("")
    keys = list(connection.scan_iter(f"{prefix}*", count=SCAN_COUNT))
    for start in range(0, len(keys), DELETE_CHUNK):
        chunk = keys[start : start + DELETE_CHUNK]
        ids = [k.decode()[len(prefix) :] for k in chunk]
        with connection.pipeline(transaction=False) as pipe:
            for handoff_id in ids:
                pipe.zscore(CLOSED_KEY, handoff_id)
            scores = pipe.execute()
        open_ids = [i for i, score in zip(ids, scores, strict=True) if score is None]
        found = records(connection, open_ids)
        with connection.pipeline(transaction=False) as pipe:
            for handoff_id, record in found.items():
                at = due_close(record)
                if at is not None and at <= now:
                    record_close(pipe, handoff_id, at)
            closed += sum(int(r) for r in pipe.execute())
    return closed


def orphan_ids(connection: redis.Redis) -> list[str]:
    """Hand-offs whose record is gone but some of whose keys remain (a job that was mid-send
    while it was erased)."""
    seen: set[str] = set()
    for key in connection.scan_iter(f"{PREFIX}:*", count=SCAN_COUNT):
        name = key.decode(errors="replace")
        for pattern in ORPHAN_PATTERNS:
            match = pattern.match(name)
            if match:
                seen.add(match.group(1))
    ids = sorted(seen)
    if not ids:
        return []
    with connection.pipeline(transaction=False) as pipe:
        for handoff_id in ids:
            pipe.exists(handoff_key(handoff_id))
        present = pipe.execute()
    return [i for i, there in zip(ids, present, strict=True) if not there]


def prune_indexes(connection: redis.Redis) -> int:
    """Drop index entries whose hand-off is gone (the recruiters' lists, the candidate index,
    the close times)."""
    pruned = 0
    for pattern, kind in (
        (f"{PREFIX}:recruiter:*", "zset"),
        (f"{PREFIX}:candidate:*", "set"),
        (CLOSED_KEY, "zset"),
    ):
        for key in connection.scan_iter(pattern, count=SCAN_COUNT):
            members = (
                connection.zrange(key, 0, -1) if kind == "zset" else list(connection.smembers(key))
            )
            if not members:
                continue
            with connection.pipeline(transaction=False) as pipe:
                for member in members:
                    pipe.exists(handoff_key(member.decode()))
                present = pipe.execute()
            gone = [m for m, there in zip(members, present, strict=True) if not there]
            if gone:
                pruned += int(
                    connection.zrem(key, *gone) if kind == "zset" else connection.srem(key, *gone)
                )
    return pruned


def sweep(
    connection: redis.Redis, *, retention_days: int, now: datetime | None = None
) -> SweepReport:
    """Record due closes, erase what closed more than `retention_days` ago, tidy leftovers."""
    now = now or datetime.now(UTC)
    closed = record_due_closes(connection, now)
    cutoff = (now - timedelta(days=retention_days)).timestamp()
    due = connection.zrangebyscore(CLOSED_KEY, "-inf", cutoff, withscores=True)
    ids = [member.decode() for member, _ in due]
    found = records(connection, ids)
    doomed = []
    for (member, score), handoff_id in zip(due, ids, strict=True):
        record = found.get(handoff_id)
        if record and reopened(record, datetime.fromtimestamp(score, UTC)):
            connection.zrem(CLOSED_KEY, member)
            continue
        doomed.append(handoff_id)
    erased = Erased()
    for start in range(0, len(doomed), ERASE_BATCH):
        erased += erase_handoffs(connection, doomed[start : start + ERASE_BATCH])
    orphans = orphan_ids(connection)
    if orphans:
        erased_orphans = erase_handoffs(connection, orphans)
        erased.counts.update(erased_orphans.counts)
    pruned = prune_indexes(connection)
    return SweepReport(closed=closed, erased=erased, orphans=len(orphans), pruned=pruned)
