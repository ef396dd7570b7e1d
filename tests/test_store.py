"""The Redis store: one hand-off per submission, atomic state changes, jobs in the same write."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from rq.serializers import JSONSerializer

from plugin import queues
from plugin.domain.handoff import Handoff, ScreeningNotes, State, new_event
from plugin.store import HandoffNotFound, HandoffStore

NOW = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)


def make_handoff(handoff_id="h1", created=NOW) -> Handoff:
    return Handoff(
        id=handoff_id,
        team_id="T1",
        recruiter_id="UREC",
        hiring_manager_id="UHM",
        candidate_name="Jane Doe",
        role_title="Software Engineer",
        notes=ScreeningNotes(recommendation="yes", strengths="Sharp"),
        created_at=created.isoformat(),
    )


def test_a_repeated_submission_stores_one_handoff(redis_conn):
    store = HandoffStore(redis_conn)
    first, created = store.create(make_handoff("a"), submission_id="V1")
    again, created_again = store.create(make_handoff("b"), submission_id="V1")
    assert created and not created_again
    assert again.id == first.id == "a"
    assert store.find("b") is None
    assert [h.id for h in store.for_recruiter("T1", "UREC")] == ["a"]


def test_records_round_trip(redis_conn):
    store = HandoffStore(redis_conn)
    handoff = make_handoff().with_event(new_event("created", "UREC"))
    store.create(handoff)
    assert store.get("h1") == handoff
    with pytest.raises(HandoffNotFound):
        store.get("missing")


def test_transition_happens_once_under_concurrent_clicks(redis_conn):
    store = HandoffStore(redis_conn)
    store.create(make_handoff())

    def accept(n):
        event = new_event("accepted", f"U{n}")
        return store.transition("h1", expect=State.OPEN, to=State.ACCEPTED, event=event)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(accept, range(16)))
    winners = [r for r in results if r is not None]
    assert len(winners) == 1
    stored = store.get("h1")
    assert stored.state == State.ACCEPTED
    assert [e.kind for e in stored.events] == ["accepted"]
    assert stored.acted_by == winners[0].acted_by


def test_the_follow_up_job_is_enqueued_with_the_write_and_not_without(redis_conn):
    store = HandoffStore(redis_conn)
    store.create(make_handoff(), follow=queues.follow_with(queues.deliver_brief("h1")))
    deliveries = queues.queue(queues.DELIVERIES, redis_conn)
    assert deliveries.job_ids == ["deliver_brief-h1"]
    job = deliveries.fetch_job("deliver_brief-h1")
    assert job.args == ["h1"] and job.serializer is JSONSerializer

    event = new_event("declined", "UHM", "no")
    follow = queues.follow_with(queues.notify_recruiter("h1", event.id))
    refused = store.transition(
        "h1", expect=State.ACCEPTED, to=State.DECLINED, event=event, follow=follow
    )
    assert refused is None
    assert queues.queue(queues.INTERACTIVE, redis_conn).count == 0


def test_a_job_the_store_writes_is_the_job_rq_would_enqueue(redis_conn):
    store = HandoffStore(redis_conn)
    store.create(make_handoff(), follow=queues.follow_with(queues.deliver_brief("h1")))
    written = redis_conn.hgetall("rq:job:deliver_brief-h1")
    redis_conn.delete("rq:job:deliver_brief-h1", "rq:queue:deliveries")
    queues.enqueue(redis_conn, queues.deliver_brief("h1"))
    by_rq = redis_conn.hgetall("rq:job:deliver_brief-h1")
    moments = {b"created_at", b"enqueued_at"}
    assert {k: v for k, v in written.items() if k not in moments} == {
        k: v for k, v in by_rq.items() if k not in moments
    }
    assert moments <= set(written)
    job = queues.queue(queues.DELIVERIES, redis_conn).fetch_job("deliver_brief-h1")
    assert job.retries_left == queues.CRASH_RETRIES and job.timeout == queues.JOB_TIMEOUT


def test_enqueue_now_writes_what_rqs_enqueue_writes(redis_conn):
    spec = queues.ephemeral_reply("not_yours", "h1", "D1", "U1", "1700000000.1")
    queues.enqueue_now(redis_conn, spec)
    interactive = queues.queue(queues.INTERACTIVE, redis_conn)
    assert interactive.job_ids == [spec.job_id]
    written = redis_conn.hgetall(f"rq:job:{spec.job_id}")
    redis_conn.delete(f"rq:job:{spec.job_id}", interactive.key)
    queues.enqueue(redis_conn, spec)
    by_rq = redis_conn.hgetall(f"rq:job:{spec.job_id}")
    assert written.keys() == by_rq.keys()
    assert written[b"data"] == by_rq[b"data"] and written[b"status"] == by_rq[b"status"]


def test_a_repeated_submission_enqueues_nothing_more(redis_conn):
    store = HandoffStore(redis_conn)
    follow = queues.follow_with(queues.deliver_brief("a"))
    store.create(make_handoff("a"), submission_id="V1", follow=follow)
    store.create(
        make_handoff("b"), submission_id="V1", follow=queues.follow_with(queues.deliver_brief("b"))
    )
    assert queues.queue(queues.DELIVERIES, redis_conn).job_ids == ["deliver_brief-a"]
    assert not redis_conn.exists("rq:job:deliver_brief-b")


def test_only_jobs_to_run_now_follow_a_change(redis_conn):
    later = queues.send_candidate_message("h1", "prep_1d", 1, at=NOW)
    with pytest.raises(ValueError, match="jobs to run now"):
        HandoffStore(redis_conn).create(make_handoff(), follow=queues.follow_with(later))
    assert HandoffStore(redis_conn).find("h1") is None


def test_recruiter_list_is_newest_first(redis_conn):
    store = HandoffStore(redis_conn)
    store.create(make_handoff("old", NOW - timedelta(days=1)))
    store.create(make_handoff("new", NOW))
    assert [h.id for h in store.for_recruiter("T1", "UREC")] == ["new", "old"]


def test_job_ids_use_only_characters_rq_allows():
    spec = queues.ephemeral_reply("not_yours", "h1", "D123", "U1", "1700000000.123456")
    assert spec.job_id == "reply_ephemeral-not_yours-h1-D123-U1-1700000000_123456"


def test_people_are_cached_in_process_then_in_redis(redis_conn):
    from plugin.domain.handoff import Person
    from plugin.store import PersonCache

    clock = [0.0]
    cache = PersonCache(redis_conn, local_ttl=60, clock=lambda: clock[0])
    cache.put("T1", Person("U1", "Una", tz="Europe/Paris"))
    redis_conn.delete("sr:person:T1:U1")
    assert cache.get_many("T1", ["U1"])["U1"].tz == "Europe/Paris"  # from this process
    clock[0] = 61
    assert cache.get_many("T1", ["U1"]) == {}  # expired here, and gone from Redis
    other = PersonCache(redis_conn)
    other.put("T1", Person("U2", "Ode"))
    assert cache.get_many("T1", ["U2"])["U2"].name == "Ode"  # shared through Redis


def test_notes_and_event_texts_are_unreadable_in_redis(redis_conn):
    from conftest import ENCRYPTION_KEY
    from plugin.crypto import SealError, new_key, use_keys

    store = HandoffStore(redis_conn)
    handoff = make_handoff().with_event(new_event("declined", "UHM", "SECRET-REASON"))
    store.create(handoff)
    raw = redis_conn.get("sr:handoff:h1").decode()
    assert "Sharp" not in raw and "SECRET-REASON" not in raw
    assert "Jane Doe" in raw  # names stay readable for lists; the notes do not
    assert store.get("h1").events[0].text == "SECRET-REASON"
    try:
        use_keys([new_key()])
        with pytest.raises(SealError):
            store.get("h1")
        use_keys([new_key(), ENCRYPTION_KEY])  # rotation: the old key still opens
        assert store.get("h1").notes.strengths == "Sharp"
    finally:
        use_keys([ENCRYPTION_KEY])


def test_feedback_is_sealed_at_rest(redis_conn):
    from plugin.domain.feedback import Feedback, Rating
    from plugin.feedback_store import FeedbackStore

    feedback = Feedback(
        handoff_id="h1",
        person="UINT1",
        ratings=(Rating("ownership", 3, "SECRET-EVIDENCE of ownership in the migration"),),
        recommendation="hire",
        summary="",
        submitted_at="2026-11-29T15:00:00+00:00",
    )
    store = FeedbackStore(redis_conn)
    assert store.submit(feedback)
    assert b"SECRET-EVIDENCE" not in redis_conn.get("sr:feedback:h1:UINT1")
    assert store.get("h1", "UINT1") == feedback
