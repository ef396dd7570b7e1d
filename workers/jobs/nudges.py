"""Candidate messages (issue 4): confirmation, prep reminders in the candidate's daytime, updates,
cancellation; and telling the panel when the interview moves or is called off.

- `schedule_nudges` (from plan_followups, once per schedule version) enqueues the confirmation at
  once and each reminder of plugin.domain.schedule.plan_candidate_nudges at its moment on the
  SCHEDULED queue. A catch-up reminder due right now is folded into the confirmation.
- `send_candidate_message(handoff_id, kind, version)` re-reads the hand-off and sends nothing when
  the version is stale, the interview has started, the hand-off is not (or, for "cancel", is no
  longer) on, or (reminders only) the candidate opted out. Each message has a ledger key with the
  version in it, so a retry or duplicate never sends twice.
- The candidate's channel: a direct message on the hand-off's platform when it names their
  account there (a Slack guest or Slack Connect user, a guest in the Teams organisation), else
  email with an .ics (one UID per hand-off, SEQUENCE = version). The message is drawn by the
  platform's renderer, so nothing here depends on which platform that is.
- A permanent failure (no SMTP settings, address refused, the app not installed for a Teams
  guest, …) fails the job with the reason and tells the recruiter on the hand-off's platform;
  transient ones are retried with backoff by `delivery_job`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from email.utils import parseaddr
from urllib.error import URLError

from slack_sdk.errors import SlackApiError

from plugin import queues
from plugin.config import DEFAULT_CANDIDATE_NUDGES, nudge_offsets
from plugin.domain.candidate_messages import (
    CandidateContent,
    build_content,
    candidate_facts,
    email_html,
    email_text,
    invitation,
)
from plugin.domain.handoff import Event, Handoff, Person, State
from plugin.domain.schedule import offset_key, plan_candidate_nudges
from plugin.domain.timefmt import known_zones
from plugin.optout import opt_out_url, reminders_stopped
from workers.context import WorkerContext, current
from workers.jobs.briefs import BRIEF_KEY, report_failure
from workers.jobs.delivery import delivery_job
from workers.ledger import DeliveryLedger, receipts_key
from workers.messengers.base import (
    EmailAttachment,
    EmailContent,
    OutboundMessage,
    PermanentDeliveryError,
    Recipient,
    TransientDeliveryError,
)
from workers.messengers.slack import classify
from workers.people import person
from workers.render import renderer

INVITE = "confirmation"
INVITE_WITH_PREP = "confirmation_prep"
CANCEL = "cancel"
INVITE_KINDS = (INVITE, INVITE_WITH_PREP)
INVITE_PREFIX = "candidate:invite:"
GENERAL_ROLE = "general"
FAILED_EVENT = "message_failed"

NO_CONTACT = "the hand-off has neither the candidate's email nor their chat account"
REMINDERS_NEED_OPT_OUT = (
    "prep reminders by email need a one-click opt-out link: ask the admin to set PUBLIC_URL "
    "(this app's public base URL) and SECRET_KEY"
)


def ledger_key(kind: str, version: str) -> str:
    if kind in INVITE_KINDS:
        return f"{INVITE_PREFIX}{version}"
    return f"candidate:{kind}:{version}"


def candidate_tz(handoff: Handoff) -> str:
    """Set by the hand-off form: the chosen zone, else the candidate's own or the hiring manager's."""
    return handoff.candidate_tz if handoff.candidate_tz in known_zones() else "UTC"


def candidate_recipient(handoff: Handoff) -> Recipient:
    if handoff.candidate_user_id:
        return Recipient(handoff.platform, handoff.candidate_user_id, handoff.candidate_name)
    if handoff.candidate_email:
        return Recipient("email", handoff.candidate_email, handoff.candidate_name)
    raise PermanentDeliveryError(NO_CONTACT)


def look_up(ctx: WorkerContext, handoff: Handoff, user_id: str) -> Person | None:
    """A person from the hand-off's directory; Slack's rate limits and outages retry the job."""
    try:
        return person(ctx, handoff, user_id)
    except SlackApiError as error:
        raise classify(error) from None
    except (URLError, TimeoutError, ConnectionError) as error:
        raise TransientDeliveryError(f"Slack unreachable ({type(error).__name__})") from None


def offsets(ctx: WorkerContext):
    return nudge_offsets(ctx.services.settings.candidate_nudges)


def emails_without_opt_out(ctx: WorkerContext, handoff: Handoff) -> bool:
    """True when reminders would go by email with no way to opt out (no PUBLIC_URL)."""
    settings = ctx.services.settings
    by_email = not handoff.candidate_user_id
    return by_email and not (settings.public_url and settings.secret_key)


# -- scheduling -----------------------------------------------------------------------------------


def schedule_nudges(ctx: WorkerContext, handoff: Handoff) -> list[queues.JobSpec]:
    """Enqueue the confirmation now and the reminders at their moments, in one transaction."""
    start = handoff.interview_at
    if start is None:
        return []
    now = ctx.services.now()
    plan = plan_candidate_nudges(now, start, candidate_tz(handoff), offsets(ctx))
    if reminders_stopped(handoff):
        plan = []
    elif plan and emails_without_opt_out(ctx, handoff):
        report(handoff, "candidate:reminders", REMINDERS_NEED_OPT_OUT, "candidate-reminders")
        plan = []
    first = INVITE
    if plan and plan[0].send_at <= now:
        first, plan = INVITE_WITH_PREP, plan[1:]
    version = handoff.schedule_version
    specs = [queues.send_candidate_message(handoff.id, first, version)]
    specs += [
        queues.send_candidate_message(handoff.id, nudge.key, version, at=nudge.send_at)
        for nudge in plan
    ]
    with ctx.services.redis.pipeline(transaction=True) as pipe:
        queues.enqueue(ctx.services.redis, *specs, pipeline=pipe)
        pipe.execute()
    return specs


def stale_job_ids(ctx: WorkerContext, handoff_id: str, version: int) -> list[str]:
    """The IDs reminder jobs of earlier schedule versions could have (whatever the setting was)."""
    keys = {offset_key(o) for o in (*offsets(ctx), *nudge_offsets(DEFAULT_CANDIDATE_NUDGES))}
    return [
        queues.send_candidate_message(handoff_id, key, old).job_id
        for old in range(version)
        for key in sorted(keys)
    ]


def drop_stale_nudges(handoff_id: str, version: str) -> str:
    """Keep Redis tidy after a reschedule or cancel; the version check keeps it correct."""
    ctx = current()
    dropped = queues.drop_scheduled(
        ctx.services.redis, stale_job_ids(ctx, handoff_id, int(version))
    )
    return f"dropped {dropped}"


# -- sending --------------------------------------------------------------------------------------


@delivery_job
def send_candidate_message(handoff_id: str, kind: str, version: str) -> str:
    ctx = current()
    handoff = ctx.services.store.find(handoff_id)
    if handoff is None:
        return "gone"
    if str(handoff.schedule_version) != version:
        return "stale"
    now = ctx.services.now()
    start = handoff.interview_at
    if start is None or start <= now:
        return "started"
    ledger = DeliveryLedger(ctx.services.redis)
    key = ledger_key(kind, version)
    if ledger.receipt(handoff.id, key) is not None:
        return "already sent"
    if kind == CANCEL:
        if handoff.state != State.CANCELLED:
            return "not cancelled"
        if not invited_versions(ctx, handoff.id):
            return "never invited"
    elif handoff.state != State.ACCEPTED:
        return "not on"
    elif kind not in INVITE_KINDS and reminders_stopped(handoff):
        return "opted out"
    try:
        recipient = candidate_recipient(handoff)
        messenger = ctx.messenger(recipient.channel)
        message = compose(ctx, handoff, kind, recipient, now)
        ledger.deliver_once(handoff.id, key, messenger, recipient, message)
    except PermanentDeliveryError as error:
        what = "invite" if kind in INVITE_KINDS else ("cancel" if kind == CANCEL else "reminder")
        report(handoff, f"candidate:{what}", error.reason, f"candidate-{kind}-{version}")
        raise
    return "delivered"


def report(handoff: Handoff, about: str, reason: str, once_key: str) -> None:
    """Tell the recruiter (once per `once_key` a day); the event text is `about`, then the reason."""
    report_failure(handoff, f"{about}\n{reason}", what=once_key, kind=FAILED_EVENT)


def invited_versions(ctx: WorkerContext, handoff_id: str) -> list[int]:
    """Schedule versions for which the candidate was sent an invitation or update."""
    versions = []
    for raw in ctx.services.redis.hkeys(receipts_key(handoff_id)):
        key = raw.decode() if isinstance(raw, bytes) else raw
        if key.startswith(INVITE_PREFIX) and key[len(INVITE_PREFIX) :].isdigit():
            versions.append(int(key[len(INVITE_PREFIX) :]))
    return versions


def compose(
    ctx: WorkerContext, handoff: Handoff, kind: str, recipient: Recipient, now: datetime
) -> OutboundMessage:
    """The message of `kind` for this candidate on their channel."""
    settings = ctx.services.settings
    facts = candidate_facts(
        handoff,
        tz=candidate_tz(handoff),
        people=[look_up(ctx, handoff, user_id) for user_id in handoff.panel],
        recruiter=look_up(ctx, handoff, handoff.recruiter_id),
        competency_names=role_competency_names(ctx, handoff),
    )
    email = recipient.channel == "email"
    link = opt_out_url(settings, handoff.id) if email else ""
    more_reminders = (
        kind != CANCEL
        and bool(offsets(ctx))
        and not reminders_stopped(handoff)
        and (link != "" or not email)
    )
    if kind == CANCEL:
        content_kind = "cancelled"
    elif kind in INVITE_KINDS:
        earlier = [v for v in invited_versions(ctx, handoff.id) if v < handoff.schedule_version]
        content_kind = "updated" if earlier else "confirmation"
    else:
        if email and not link:
            raise PermanentDeliveryError(REMINDERS_NEED_OPT_OUT)
        content_kind = "reminder"
    content = build_content(
        content_kind,  # type: ignore[arg-type]
        facts,
        now,
        prep=kind == INVITE_WITH_PREP and not reminders_stopped(handoff),
        calendar=email and content_kind != "reminder",
        reminders_follow=more_reminders,
    )
    if not email:
        return renderer(handoff.platform).candidate_message(
            content, handoff_id=handoff.id, offer_opt_out=more_reminders
        )
    return OutboundMessage(
        text=content.subject,
        email=email_content(
            content,
            facts_invitation=(facts, recipient.address, settings.mail_from, now),
            opt_out=link if more_reminders else "",
        ),
    )


def email_content(
    content: CandidateContent, *, facts_invitation: tuple, opt_out: str
) -> EmailContent:
    facts, address, mail_from, now = facts_invitation
    headers = {}
    if opt_out:
        headers = {
            "List-Unsubscribe": f"<{opt_out}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    attachments = ()
    if content.kind != "reminder":
        method = "CANCEL" if content.kind == "cancelled" else "REQUEST"
        organizer_name, organizer_email = parseaddr(mail_from)
        ics = invitation(
            facts,
            method=method,
            organizer_email=organizer_email,
            organizer_name=organizer_name,
            attendee_email=address,
            now=now,
        )
        attachments = (EmailAttachment("invite.ics", "text/calendar", ics, {"method": method}),)
    return EmailContent(
        subject=content.subject,
        text=email_text(content, opt_out),
        html=email_html(content, opt_out),
        headers=headers,
        attachments=attachments,
    )


def role_competency_names(ctx: WorkerContext, handoff: Handoff) -> list[str]:
    """The role profile's competencies only: those added for a concern would hint at the concern."""
    bank = ctx.services.question_bank
    role = bank.roles.get(handoff.role_id) or bank.roles.get(GENERAL_ROLE)
    if role is None:
        return []
    return [bank.competencies[c].name for c in role.competencies if c in bank.competencies]


# -- the panel ------------------------------------------------------------------------------------


@delivery_job
def notify_panel(handoff_id: str, event_id: str) -> str:
    """Tell the hiring manager (and, once accepted, the interviewers) the interview moved or was
    called off; not the person who did it. A later change supersedes this notice."""
    ctx = current()
    handoff = ctx.services.store.find(handoff_id)
    event = handoff.event(event_id) if handoff else None
    if handoff is None or event is None:
        return "skipped"
    if superseded(handoff, event):
        return "superseded"
    accepted = any(e.kind == "accepted" for e in handoff.events)
    people = [handoff.hiring_manager_id, *(handoff.interviewer_ids if accepted else ())]
    ledger = DeliveryLedger(ctx.services.redis)
    render = renderer(handoff.platform)
    messenger = ctx.messenger(handoff.platform)
    brief = ledger.receipt(handoff.id, BRIEF_KEY)
    failures = []
    for user_id in dict.fromkeys(p for p in people if p and p != event.actor):
        found = look_up(ctx, handoff, user_id)
        message = render.panel_change_message(handoff, event, found.tz if found else "UTC")
        if user_id == handoff.hiring_manager_id and brief is not None:
            message = replace(message, thread=brief)  # under the brief it changes
        try:
            ledger.deliver_once(
                handoff.id,
                f"panel:{event.id}:{user_id}",
                messenger,
                Recipient(handoff.platform, user_id),
                message,
            )
        except PermanentDeliveryError as error:
            report(handoff, f"panel:{user_id}", error.reason, f"panel-{event.id}-{user_id}")
            failures.append(error.reason)
    if failures:
        raise PermanentDeliveryError(failures[0])
    return "delivered"


def superseded(handoff: Handoff, event: Event) -> bool:
    later = handoff.events[handoff.events.index(event) + 1 :]
    return any(e.kind in ("rescheduled", "cancelled") for e in later)
