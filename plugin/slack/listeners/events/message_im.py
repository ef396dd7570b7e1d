"""A recruiter's reply in the thread of a question: pass it to the hiring manager."""

from __future__ import annotations

from plugin import queues
from plugin.domain.handoff import new_event


def direct_message(body, event, context):
    services = context["services"]
    if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
        return
    thread_ts, channel = event.get("thread_ts"), event.get("channel", "")
    text_typed = str(event.get("text") or "").strip()
    if not thread_ts or not text_typed:
        return
    if not services.store.first_time("event", str(body.get("event_id") or event.get("ts"))):
        return
    link = services.store.thread_link(channel, thread_ts)
    if link is None:
        return
    handoff = services.store.find(link["handoff_id"])
    if handoff is None or event.get("user") != handoff.recruiter_id:
        return
    answer = new_event("answer", handoff.recruiter_id, text_typed[:4000], reply_to=link["event_id"])
    services.store.add_event(
        handoff.id,
        answer,
        follow=queues.follow_with(queues.relay_answer(handoff.id, answer.id)),
    )
