"""A worker killed between sending and recording: the retry finds the message, sends nothing."""

from dataclasses import replace

import pytest
from test_store import make_handoff

from conftest import MANAGER
from plugin import queues
from plugin.store import HandoffStore
from workers.ledger import DeliveryLedger, attempts_key
from workers.messengers.base import OutboundMessage, Recipient
from workers.messengers.slack import SlackMessenger


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it in the worker runs."""


class DiesAfterSending:
    channel = "slack"

    def __init__(self, inner):
        self.inner = inner

    def send(self, recipient, message):
        self.inner.send(recipient, message)
        raise Killed

    def find_sent(self, recipient, message):
        return self.inner.find_sent(recipient, message)


@pytest.mark.parametrize("threaded", [False, True])
def test_a_retry_after_a_crash_mid_send_does_not_send_twice(redis_conn, slack, run_jobs, threaded):
    from workers import context

    messenger = SlackMessenger(context.current().slack)
    ledger = DeliveryLedger(redis_conn)
    recipient = Recipient("slack", MANAGER)
    message = OutboundMessage(text="Second interview: Jane Doe")
    if threaded:
        parent = ledger.deliver_once("h1", "parent", messenger, recipient, message)
        message = replace(message, text="an answer", thread=parent)
    before = len(slack.calls_to("chat.postMessage"))

    with pytest.raises(Killed):
        ledger.deliver_once("h1", "brief", DiesAfterSending(messenger), recipient, message)
    assert redis_conn.hexists(attempts_key("h1"), "brief")
    redis_conn.delete("sr:sending:h1:brief")  # the dead worker's lock expires

    receipt = ledger.deliver_once("h1", "brief", messenger, recipient, message)
    assert len(slack.calls_to("chat.postMessage")) == before + 1
    assert ledger.receipt("h1", "brief") == receipt
    assert not redis_conn.hexists(attempts_key("h1"), "brief")


def test_an_attempt_that_never_reached_slack_is_sent_on_retry(redis_conn, slack, run_jobs):
    from workers import context

    messenger = SlackMessenger(context.current().slack)
    ledger = DeliveryLedger(redis_conn)
    redis_conn.hset(attempts_key("h1"), "brief", 1)  # died before the post went out
    ledger.deliver_once("h1", "brief", messenger, Recipient("slack", MANAGER), OutboundMessage("x"))
    assert len(slack.messages(MANAGER)) == 1


def test_jobs_are_retried_after_a_crash(redis_conn):
    handoff = replace(make_handoff("c1"), team_id="T0STANDIN")
    HandoffStore(redis_conn).create(handoff, follow=queues.follow_with(queues.deliver_brief("c1")))
    job = queues.queue(queues.DELIVERIES, redis_conn).fetch_job("deliver_brief-c1")
    assert job.retries_left == queues.CRASH_RETRIES
