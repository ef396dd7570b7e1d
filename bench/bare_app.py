"""The baselines for bench_ack: a bare Bolt app on Flask that only acks, set up like the product's;
and the same app acking and then enqueuing one RQ job (the design the issue measured)."""

from __future__ import annotations

import logging
import os

from flask import Flask, request
from slack_bolt import App
from slack_bolt.adapter.flask import SlackRequestHandler
from slack_sdk import WebClient


def create_app(enqueue: bool = False) -> Flask:
    """`gunicorn 'bare_app:create_app()'`: the product's Bolt settings, listeners that only ack;
    with `enqueue`, each also enqueues one no-op job through RQ's API, on the product's Redis."""
    client = WebClient(
        token=os.environ["SLACK_BOT_TOKEN"],
        base_url=os.environ.get("SLACK_API_URL", "https://slack.com/api/"),
    )
    bolt = App(
        signing_secret=os.environ["SLACK_SIGNING_SECRET"],
        client=client,
        process_before_response=True,
        token_verification_enabled=False,
        logger=logging.getLogger("bare.bolt"),
    )

    work = enqueue_one() if enqueue else lambda: None

    @bolt.view("handoff")
    def handoff_submitted(ack):
        ack()
        work()

    @bolt.action("brief_accept")
    def accept_clicked(ack):
        ack()
        work()

    handler = SlackRequestHandler(bolt)
    app = Flask("bare")

    @app.post("/slack/events")
    def slack_events():
        return handler.handle(request)

    return app


def enqueue_one():
    """A no-op job (bench/noop_jobs.py) on a queue of its own, enqueued as RQ's API does it."""
    import itertools

    import redis
    from rq import Queue
    from rq.serializers import JSONSerializer

    queue = Queue(
        "bench-ack",
        connection=redis.Redis.from_url(os.environ["REDIS_URL"]),
        serializer=JSONSerializer,
    )
    numbers = itertools.count()
    return lambda: queue.enqueue("noop_jobs.noop", f"{os.getpid()}-{next(numbers)}")
