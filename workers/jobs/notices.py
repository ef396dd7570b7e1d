"""Tell the recruiter what happened, and carry their answers back to the hiring manager."""

from __future__ import annotations

from dataclasses import replace

from workers.context import current
from workers.jobs.briefs import BRIEF_KEY
from workers.jobs.delivery import delivery_job, retry_in
from workers.ledger import DeliveryLedger
from workers.messengers.base import OutboundMessage, Receipt, Recipient
from workers.people import time_zone
from workers.render import renderer

WAIT_SECONDS = 5


def notice_key(event_id: str) -> str:
    return f"notice:{event_id}"


@delivery_job
def notify_recruiter(handoff_id: str, event_id: str) -> str:
    ctx = current()
    handoff = ctx.services.store.find(handoff_id)
    event = handoff.event(event_id) if handoff else None
    if handoff is None or event is None:
        return "skipped"
    tz = time_zone(ctx, handoff, handoff.recruiter_id)
    receipt = DeliveryLedger(ctx.services.redis).deliver_once(
        handoff.id,
        notice_key(event.id),
        ctx.messenger(handoff.platform),
        Recipient(handoff.platform, handoff.recruiter_id),
        renderer(handoff.platform).notice_message(handoff, event, tz),
    )
    if event.kind == "question":
        ctx.services.store.link_thread(
            receipt.conversation, receipt.message_id, handoff.id, event.id
        )
    return "delivered"


@delivery_job
def relay_answer(handoff_id: str, event_id: str):
    """The recruiter's answer goes under the brief; the recruiter sees it was passed on."""
    ctx = current()
    handoff = ctx.services.store.find(handoff_id)
    answer = handoff.event(event_id) if handoff else None
    if handoff is None or answer is None:
        return "skipped"
    ledger = DeliveryLedger(ctx.services.redis)
    brief = ledger.receipt(handoff.id, BRIEF_KEY)
    question = ledger.receipt(handoff.id, notice_key(answer.reply_to))
    if brief is None or question is None:
        return retry_in(WAIT_SECONDS)
    messenger, render = ctx.messenger(handoff.platform), renderer(handoff.platform)
    ledger.deliver_once(
        handoff.id,
        f"answer:{answer.id}",
        messenger,
        Recipient(handoff.platform, handoff.hiring_manager_id),
        replace_thread(render.answer_message(answer), brief),
    )
    ledger.deliver_once(
        handoff.id,
        f"answer-passed:{answer.id}",
        messenger,
        Recipient(handoff.platform, handoff.recruiter_id),
        replace_thread(render.answer_passed_message(handoff), question),
    )
    return "delivered"


def replace_thread(message: OutboundMessage, receipt: Receipt) -> OutboundMessage:
    return replace(message, thread=receipt)
