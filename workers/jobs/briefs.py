"""Pass the screening notes along: the brief in the hiring manager's DM, kept up to date."""

from __future__ import annotations

from plugin import queues
from plugin.domain.handoff import Handoff, State, new_event
from workers.context import current
from workers.jobs.delivery import delivery_job, retry_in
from workers.ledger import DeliveryLedger
from workers.messengers.base import OutboundMessage, PermanentDeliveryError, Recipient
from workers.people import time_zone
from workers.render import renderer

BRIEF_KEY = "brief"
WAIT_FOR_BRIEF_SECONDS = 5


def render_brief(handoff: Handoff) -> OutboundMessage:
    tz = time_zone(current(), handoff, handoff.hiring_manager_id)
    return renderer(handoff.platform).brief_message(handoff, tz)


@delivery_job
def deliver_brief(handoff_id: str) -> str:
    ctx = current()
    handoff = ctx.services.store.find(handoff_id)
    if handoff is None or handoff.state == State.CANCELLED:
        return "skipped"
    try:
        DeliveryLedger(ctx.services.redis).deliver_once(
            handoff.id,
            BRIEF_KEY,
            ctx.messenger(handoff.platform),
            Recipient(handoff.platform, handoff.hiring_manager_id),
            render_brief(handoff),
        )
    except PermanentDeliveryError as error:
        report_failure(handoff, error.reason)
        raise
    return "delivered"


@delivery_job
def refresh_brief(handoff_id: str):
    """Redraw the brief from the current state; harmless to run any number of times."""
    ctx = current()
    handoff = ctx.services.store.find(handoff_id)
    if handoff is None:
        return "skipped"
    receipt = DeliveryLedger(ctx.services.redis).receipt(handoff.id, BRIEF_KEY)
    if receipt is None:
        return retry_in(WAIT_FOR_BRIEF_SECONDS)
    ctx.messenger(receipt.channel).update(receipt, render_brief(handoff))
    return "refreshed"


def report_failure(
    handoff: Handoff,
    reason: str,
    what: str = "brief",
    kind: str = "delivery_failed",
    ttl: int = 24 * 3600,
) -> None:
    """Tell the recruiter, once per failure (`what`, within `ttl` seconds), that a message could
    not be delivered. `kind` is the event (and so the notice) kind; the default words it as the
    brief's failure."""
    ctx = current()
    if not ctx.services.store.first_time(f"{what}-failed", handoff.id, ttl=ttl):
        return
    event = new_event(kind, "system", reason)
    ctx.services.store.add_event(
        handoff.id,
        event,
        follow=queues.follow_with(queues.notify_recruiter(handoff.id, event.id)),
    )
