"""Pacing: reservations across processes, short waits slept, long ones deferred to their slot."""

from datetime import UTC, datetime

import pytest
from rq.registry import ScheduledJobRegistry

from plugin import queues
from workers.pacing import Deferred, Pacer, held_reservation, slack_limits


class Clock:
    def __init__(self, now=1_000_000.0):
        self.now = now
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(round(seconds, 3))
        self.now += seconds


def test_reservations_on_one_conversation_are_a_second_apart(redis_conn):
    clock = Clock()
    pacer = Pacer(redis_conn, clock)
    limits = {"conv:D1": 1.0}
    assert [pacer.reserve(limits) - clock.now for _ in range(3)] == [0.0, 1.0, 2.0]
    assert pacer.reserve({"conv:D2": 1.0}) == clock.now


def test_a_reservation_respects_every_limit_it_is_under(redis_conn):
    clock = Clock()
    pacer = Pacer(redis_conn, clock)
    pacer.reserve({"method": 0.2, "conv:D1": 1.0})
    assert pacer.reserve({"method": 0.2, "conv:D2": 1.0}) == pytest.approx(clock.now + 0.2)
    assert pacer.reserve({"method": 0.2, "conv:D1": 1.0}) == pytest.approx(clock.now + 1.0)


def test_a_short_wait_is_slept_and_a_long_one_deferred(redis_conn):
    clock = Clock()
    pacer = Pacer(redis_conn, clock, sleep=clock.sleep)
    limits = {"conv:D1": 1.0}
    pacer.wait_turn(limits)
    pacer.wait_turn(limits)
    assert clock.slept == [1.0]
    pacer.wait_turn(limits)
    assert clock.slept == [1.0, 1.0]
    clock.now -= 1.5
    with pytest.raises(Deferred) as deferred:
        pacer.wait_turn(limits)
    assert deferred.value.slot == pytest.approx(clock.now + 2.5)


def test_a_deferred_job_holding_its_slot_does_not_queue_again(redis_conn):
    clock = Clock()
    pacer = Pacer(redis_conn, clock, sleep=clock.sleep)
    limits = {"conv:D1": 1.0}
    for _ in range(3):
        pacer.reserve(limits)
    token = held_reservation.set(clock.now + 2.0)
    clock.now += 2.0
    pacer.wait_turn(limits)
    held_reservation.reset(token)
    assert clock.slept == []


def test_slack_limits_pace_posts_per_conversation_and_method():
    assert set(slack_limits("chat.postMessage", "D1")) == {"slack:conversation:D1"}
    assert set(slack_limits("chat.update", "D1")) == {
        "slack:method:chat.update",
        "slack:conversation:D1",
    }
    assert set(slack_limits("chat.postEphemeral", "D1")) == {"slack:method:chat.postEphemeral"}


def test_a_busy_conversation_defers_the_job_to_its_slot(redis_conn, slack, run_jobs):
    """Other workers already reserved the next seconds of this DM: the brief waits its turn."""
    from dataclasses import replace

    from test_store import make_handoff

    from conftest import MANAGER, RECRUITER
    from plugin.store import HandoffStore
    from workers import context
    from workers.messengers.slack import SlackMessenger

    ctx = context.current()
    pacer = Pacer(redis_conn)
    ctx.messengers["slack"] = SlackMessenger(ctx.slack, pacer)
    reserved = [pacer.reserve(slack_limits("chat.postMessage", MANAGER)) for _ in range(3)]
    handoff = replace(make_handoff("p1"), team_id="T0STANDIN", recruiter_id=RECRUITER)
    HandoffStore(redis_conn).create(handoff, follow=queues.follow_with(queues.deliver_brief("p1")))
    run_jobs()
    assert slack.messages(MANAGER) == []
    scheduled = ScheduledJobRegistry(queue=queues.queue(queues.DELIVERIES, redis_conn))
    [paced] = scheduled.get_job_ids()
    assert paced.startswith("deliver_brief-p1-paced")
    job = queues.queue(queues.DELIVERIES, redis_conn).fetch_job(paced)
    slot = job.kwargs["paced_at"]
    assert slot == pytest.approx(reserved[-1] + 1.0)
    assert slot > datetime.now(UTC).timestamp() + 1
    assert scheduled.get_scheduled_time(paced).timestamp() == pytest.approx(slot, abs=1)
