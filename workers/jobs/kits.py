"""Interviewer kits: the panel plan, a kit ahead of the interview, feedback prompts and reminders,
and the debrief once the whole panel has submitted.

Timing comes from the pure policy in plugin.domain.schedule, in each panellist's own time zone.
Every scheduled job carries the hand-off's schedule version and does nothing when the time has
changed since (a new version scheduled its own jobs), when the hand-off is no longer accepted, or
(prompts and reminders) when the person has already submitted. Reminders are chained: each one
schedules the next, so nothing is left waiting in Redis for people who submitted.

Someone the platform cannot reach (in Teams: the app not installed for them) fails the job for
good, and the recruiter is told once per person, with what to do, on the hand-off's platform.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from plugin import queues
from plugin.domain.feedback import competency_names, everyone_submitted
from plugin.domain.handoff import Handoff, State
from plugin.domain.panel import PanelPlan, build_kits, plan_panel
from plugin.domain.schedule import feedback_reminder_times, kit_send_time
from plugin.domain.timefmt import zone
from plugin.feedback_store import FeedbackStore, PanelPlanStore
from plugin.retention import record_close
from workers.context import WorkerContext, current
from workers.jobs.briefs import report_failure
from workers.jobs.delivery import delivery_job
from workers.ledger import DeliveryLedger, receipts_key
from workers.messengers.base import (
    OutboundMessage,
    PermanentDeliveryError,
    Recipient,
    TransientDeliveryError,
)
from workers.people import time_zone
from workers.render import renderer

log = logging.getLogger(__name__)

GENERAL_ROLE = "general"
KIT_PREFIX = "kit:"
UNREACHABLE_EVENT = "message_failed"
UNREACHABLE_MEMORY_SECONDS = 30 * 24 * 3600


def kit_key(version: str, person: str) -> str:
    return f"{KIT_PREFIX}{version}:{person}"


def prompt_key(version: str, person: str) -> str:
    return f"feedback-prompt:{version}:{person}"


def reminder_key(version: str, person: str, number: int) -> str:
    return f"feedback-reminder:{version}:{person}:{number}"


def debrief_key(person: str) -> str:
    return f"debrief:{person}"


def plan_for(bank, handoff: Handoff) -> PanelPlan:
    """The role's competencies (the general profile for a typed role), then the concerns', then
    the recruiter's picks, dealt over the hiring manager and the interviewers."""
    role = bank.roles.get(handoff.role_id) or bank.roles.get(GENERAL_ROLE)
    return plan_panel(
        handoff_id=handoff.id,
        role_competencies=role.competencies if role else (),
        concern_competencies=bank.competencies_for_concerns(handoff.notes.concerns),
        picked_competencies=[c for c in handoff.competencies if c in bank.competencies],
        hiring_manager=handoff.hiring_manager_id,
        interviewers=handoff.interviewer_ids,
    )


def interview_end(handoff: Handoff) -> datetime:
    start = handoff.interview_at
    assert start is not None
    return start + timedelta(minutes=handoff.interview_minutes)


def schedule_kits(ctx: WorkerContext, handoff: Handoff) -> None:
    """Plan the panel (once per hand-off) and schedule each panellist's kit and feedback prompt."""
    start = handoff.interview_at
    if start is None:
        return
    plan = PanelPlanStore(ctx.services.redis).keep_first(
        handoff.id, plan_for(ctx.services.question_bank, handoff)
    )
    now = ctx.services.now()
    version = str(handoff.schedule_version)
    end = interview_end(handoff)
    specs = []
    for person in plan.people:
        tz = _planning_tz(ctx, handoff, person)
        specs.append(queues.send_kit(handoff.id, person, version, kit_send_time(now, start, tz)))
        specs.append(queues.prompt_feedback(handoff.id, person, version, max(end, now)))
    queues.enqueue(ctx.services.redis, *specs)


@delivery_job
def send_kit(handoff_id: str, user_id: str, version: str) -> str:
    ctx = current()
    handoff, plan = _live(ctx, handoff_id, user_id, version)
    if handoff is None or plan is None:
        return "stale"
    services = ctx.services
    kit = build_kits(
        services.question_bank,
        plan,
        handoff.role_id or None,
        services.settings.questions_per_competency,
        handoff.notes.concerns,
    )[user_id]
    ledger = DeliveryLedger(services.redis)
    message = renderer(handoff.platform).kit_message(
        handoff,
        kit,
        person_tz(ctx, handoff, user_id),
        plan,
        competency_names(services.question_bank, plan.competencies),
        replaces=_had_earlier_kit(ledger, handoff.id, user_id, version),
    )
    deliver(ctx, handoff, kit_key(version, user_id), user_id, message)
    return "delivered"


@delivery_job
def prompt_feedback(handoff_id: str, user_id: str, version: str) -> str:
    """At the interview's end: the Submit feedback button, then the first reminder is scheduled."""
    ctx = current()
    handoff, plan = _live(ctx, handoff_id, user_id, version)
    if handoff is None or plan is None:
        return "stale"
    if FeedbackStore(ctx.services.redis).has_submitted(handoff.id, user_id):
        return "submitted"
    names = _owned_names(ctx, plan, user_id)
    message = renderer(handoff.platform).feedback_prompt_message(handoff, names)
    deliver(ctx, handoff, prompt_key(version, user_id), user_id, message)
    _schedule_reminder(ctx, handoff, user_id, version, 1)
    return "delivered"


@delivery_job
def remind_feedback(handoff_id: str, user_id: str, version: str, number: str) -> str:
    """Reminder `number` (from 1), until they submit; each schedules the next one."""
    ctx = current()
    handoff, plan = _live(ctx, handoff_id, user_id, version)
    if handoff is None or plan is None:
        return "stale"
    if FeedbackStore(ctx.services.redis).has_submitted(handoff.id, user_id):
        return "submitted"
    times = reminder_times(ctx, handoff, user_id)
    count = int(number)
    if not 1 <= count <= len(times):
        return "done"
    names = _owned_names(ctx, plan, user_id)
    message = renderer(handoff.platform).feedback_reminder_message(
        handoff, names, count, len(times)
    )
    deliver(ctx, handoff, reminder_key(version, user_id, count), user_id, message)
    _schedule_reminder(ctx, handoff, user_id, version, count + 1)
    return "delivered"


@delivery_job
def send_debrief(handoff_id: str) -> str:
    """After each submission: once everyone is in, the debrief to the hiring manager and recruiter."""
    ctx = current()
    services = ctx.services
    handoff = services.store.find(handoff_id)
    if handoff is None or handoff.state != State.ACCEPTED:
        return "skipped"
    plan = PanelPlanStore(services.redis).get(handoff.id)
    if plan is None:
        return "skipped"
    feedback = FeedbackStore(services.redis).for_people(handoff.id, plan.people)
    if not everyone_submitted(plan.people, feedback):
        return "waiting"
    names = competency_names(services.question_bank, plan.competencies)
    render = renderer(handoff.platform)
    failures = []
    for reader in dict.fromkeys((handoff.hiring_manager_id, handoff.recruiter_id)):
        message = render.debrief_message(
            handoff, plan, feedback, person_tz(ctx, handoff, reader), names
        )
        try:
            deliver(ctx, handoff, debrief_key(reader), reader, message)
        except PermanentDeliveryError as error:
            failures.append(error)  # the other reader still gets theirs
    record_close(services.redis, handoff.id, services.now())  # the retention clock starts
    if failures:
        raise failures[0]
    return "delivered"


def deliver(
    ctx: WorkerContext, handoff: Handoff, key: str, user_id: str, message: OutboundMessage
) -> None:
    """Send once under `key`; someone the platform cannot reach is reported to the recruiter
    (once per person) before the job fails for good."""
    try:
        DeliveryLedger(ctx.services.redis).deliver_once(
            handoff.id,
            key,
            ctx.messenger(handoff.platform),
            Recipient(handoff.platform, user_id),
            message,
        )
    except PermanentDeliveryError as error:
        report_unreachable(handoff, user_id, error.reason)
        raise


def report_unreachable(handoff: Handoff, user_id: str, reason: str) -> None:
    """Tell the recruiter that a panellist's kit, prompts or debrief don't reach them, and why."""
    if user_id == handoff.recruiter_id:
        return  # the notice would go to the same unreachable person
    report_failure(
        handoff,
        f"panellist:{user_id}\n{reason}",
        what=f"unreachable-{user_id}",
        kind=UNREACHABLE_EVENT,
        ttl=UNREACHABLE_MEMORY_SECONDS,
    )


def reminder_times(ctx: WorkerContext, handoff: Handoff, user_id: str) -> list[datetime]:
    return feedback_reminder_times(interview_end(handoff), person_tz(ctx, handoff, user_id))


def person_tz(ctx: WorkerContext, handoff: Handoff, user_id: str) -> str:
    """The person's IANA zone, UTC when the platform gives none or one this machine doesn't know.
    A failed lookup is transient: a delivery job retries it later."""
    try:
        found = time_zone(ctx, handoff, user_id)
    except Exception as error:  # the platform's API errors, timeouts
        raise TransientDeliveryError(f"time zone lookup failed ({type(error).__name__})") from None
    return zone(found).key


def _planning_tz(ctx: WorkerContext, handoff: Handoff, user_id: str) -> str:
    """For scheduling, which must not fail for one person: UTC when the lookup fails now
    (reminders look the zone up again when they are due)."""
    try:
        return person_tz(ctx, handoff, user_id)
    except TransientDeliveryError as error:
        log.warning("kits for hand-off %s: %s; planning in UTC", handoff.id, error.reason)
        return "UTC"


def _schedule_reminder(
    ctx: WorkerContext, handoff: Handoff, user_id: str, version: str, number: int
) -> None:
    """Schedule the next reminder from `number` on whose moment is still ahead; reminders whose
    moment passed while this one waited (a worker down for a day) are skipped, never bunched."""
    now = ctx.services.now()
    times = reminder_times(ctx, handoff, user_id)
    for later in range(number, len(times) + 1):
        at = times[later - 1]
        if at > now:
            spec = queues.remind_feedback(handoff.id, user_id, version, later, at)
            queues.enqueue(ctx.services.redis, spec)
            return


def _live(
    ctx: WorkerContext, handoff_id: str, user_id: str, version: str
) -> tuple[Handoff | None, PanelPlan | None]:
    """The hand-off and plan when this job is still wanted, else (None, None)."""
    handoff = ctx.services.store.find(handoff_id)
    if (
        handoff is None
        or handoff.state != State.ACCEPTED
        or str(handoff.schedule_version) != version
        or handoff.interview_at is None
    ):
        return None, None
    plan = PanelPlanStore(ctx.services.redis).get(handoff.id)
    if plan is None or user_id not in plan.assignments:
        return None, None
    return handoff, plan


def _owned_names(ctx: WorkerContext, plan: PanelPlan, user_id: str) -> list[str]:
    owned = plan.assignments.get(user_id, [])
    names = competency_names(ctx.services.question_bank, owned)
    return [names[c] for c in owned]


def _had_earlier_kit(ledger: DeliveryLedger, handoff_id: str, user_id: str, version: str) -> bool:
    """Whether this person got a kit for an earlier interview time."""
    suffix = f":{user_id}"
    for raw in ledger.redis.hkeys(receipts_key(handoff_id)):
        key = raw.decode() if isinstance(raw, bytes) else raw
        if key.startswith(KIT_PREFIX) and key.endswith(suffix) and key != kit_key(version, user_id):
            return True
    return False
