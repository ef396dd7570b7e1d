"""Answers to what people type to the Teams bot, and the hand-off form replaced once it is sent.

Help goes back where it was asked. The form, question sets and the hand-off list hold notes or
interview questions, so they always go to the person's 1:1 chat with the bot; in a channel or
group chat the bot only says it sent them there.
"""

from __future__ import annotations

from datetime import datetime

from plugin.domain.handoff import Person
from plugin.domain.timefmt import zone
from plugin.teams import tasks, text
from plugin.teams.cards.handoff_form import form_card, sent_card
from plugin.teams.cards.handoff_list import handoff_list_card
from plugin.teams.cards.help import help_card, welcome_card
from plugin.teams.cards.questions import question_set_card, usage_card
from plugin.teams.form import FormRecord, FormStore
from plugin.teams.people import TeamsDirectory
from plugin.teams.references import PERSONAL, Conversation
from plugin.teams.roster import Roster
from workers.context import WorkerContext, current
from workers.jobs.delivery import delivery_job
from workers.ledger import DeliveryLedger
from workers.messengers.base import OutboundMessage, PermanentDeliveryError, Receipt, Recipient
from workers.messengers.teams import TeamsMessenger


def teams_messenger(ctx: WorkerContext) -> TeamsMessenger:
    """The context's Teams messenger, registered there on first use."""
    if "teams" not in ctx.messengers:
        ctx.messengers["teams"] = TeamsMessenger.for_services(ctx.services)
    return ctx.messengers["teams"]


class Replier:
    """Sends one request's answers once each, whatever the retries."""

    def __init__(self, ctx: WorkerContext, rid: str, request: tasks.ReplyRequest):
        self.ctx = ctx
        self.rid = rid
        self.request = request
        self.messenger = teams_messenger(ctx)
        self.references = self.messenger.references
        self.ledger = DeliveryLedger(ctx.services.redis)
        self.group = f"teams-request-{rid}"

    def here(self, key: str, message: OutboundMessage) -> Receipt:
        return self.ledger.deliver_once(
            self.group,
            key,
            self.messenger.in_conversations(),
            Recipient("teams", self.request.conversation_id),
            message,
        )

    def privately(self, message: OutboundMessage) -> Receipt:
        return self.ledger.deliver_once(
            self.group,
            "private",
            self.messenger,
            Recipient("teams", self.request.user_id, self.request.user_name),
            message,
        )

    def sent_privately(self) -> bool:
        return self.ledger.receipt(self.group, "private") is not None


def _card(card: dict, summary: str) -> OutboundMessage:
    return OutboundMessage(text=summary, card=card)


def _caller(replier: Replier, conversation: Conversation) -> Person | None:
    request = replier.request
    roster = Roster(replier.messenger.connector, replier.references, replier.ctx.services.redis)
    person = roster.member(conversation, request.teams_user_id) if request.teams_user_id else None
    if person is None:
        return None
    reference = replier.references.user(request.user_id)
    return Person(
        **{**person.__dict__, "tz": request.tz or (reference.tz if reference else "") or "UTC"}
    )


def _form(replier: Replier, conversation: Conversation, caller: Person) -> OutboundMessage | None:
    ctx, request = replier.ctx, replier.request
    roster = Roster(replier.messenger.connector, replier.references, ctx.services.redis)
    people, capped = roster.people(request.tenant_id, conversation)
    others = [p for p in people if p.id != caller.id and not p.is_guest]
    if not others:
        return None
    record = FormRecord(
        form_id=request.form_id,
        recruiter_id=caller.id,
        tenant_id=request.tenant_id,
        tz=caller.tz,
        people=tuple(people),
        capped=capped,
        candidate_name=request.argument,
        recruiter=caller,
    )
    FormStore(ctx.services.redis).save(record)
    card = form_card(
        ctx.services.role_options(),
        record.choices(),
        form_id=record.form_id,
        tz=record.tz,
        today=datetime.now(zone(record.tz)).date().isoformat(),
        values={"candidate_name": request.argument},
        capped=capped,
        competencies=ctx.services.competency_options(),
        zones=record.zone_choices(),
    )
    return _card(card, text.FORM_TITLE)


def _private_answer(replier: Replier, conversation: Conversation) -> OutboundMessage:
    ctx, request = replier.ctx, replier.request
    caller = _caller(replier, conversation)
    if caller is None or caller.is_guest:
        message = (
            text.GUEST_CANNOT_HAND_OFF
            if request.kind in (tasks.FORM, tasks.LIST)
            else text.GUESTS_CANNOT_SEE_QUESTIONS
        )
        return OutboundMessage(text=message)
    if request.kind == tasks.FORM:
        return _form(replier, conversation, caller) or OutboundMessage(text=text.FORM_NOBODY_KNOWN)
    if request.kind == tasks.QUESTIONS:
        bank = ctx.services.question_bank
        if not request.argument or request.argument.lower() in ("help", "?"):
            return _card(usage_card(bank), text.QUESTIONS_USAGE_TITLE)
        return _card(question_set_card(bank, request.argument), request.argument)
    handoffs = ctx.services.store.for_recruiter(request.tenant_id, caller.id)
    names = TeamsDirectory(replier.references).names(h.hiring_manager_id for h in handoffs)
    return _card(handoff_list_card(handoffs, caller.tz, names), text.LIST_HEADER)


@delivery_job
def teams_reply(rid: str) -> str:
    ctx = current()
    request = tasks.load_request(ctx.services.redis, rid)
    if request is None:
        return "skipped"
    replier = Replier(ctx, rid, request)
    conversation = replier.references.conversation(request.conversation_id)
    if conversation is None:
        return "skipped"
    if request.kind == tasks.WELCOME:
        replier.here("welcome", _card(welcome_card(), text.WELCOME))
        return "delivered"
    if request.kind == tasks.UNUSABLE_NAME:
        replier.here(
            "reply", OutboundMessage(text=text.HANDOFF_TEXT_UNUSABLE.format(text=request.argument))
        )
        return "delivered"
    if request.kind not in tasks.PRIVATE_KINDS:
        replier.here("reply", _card(help_card(), text.HELP_INTRO))
        return "delivered"
    if not replier.sent_privately():
        message = _private_answer(replier, conversation)
        if message.card is None and conversation.kind != PERSONAL:
            replier.here("reply", message)
            return "refused"
        try:
            receipt = replier.privately(message)
        except PermanentDeliveryError as error:
            if conversation.kind == PERSONAL:
                raise
            replier.here(
                "reply",
                OutboundMessage(text=text.CANNOT_REACH_PRIVATELY.format(reason=error.reason)),
            )
            return "refused"
        if request.kind == tasks.FORM and message.card is not None:
            FormStore(ctx.services.redis).sent(
                request.form_id, receipt.conversation, receipt.message_id
            )
    if conversation.kind != PERSONAL:
        replier.here("note", OutboundMessage(text=text.SENT_PRIVATELY))
    return "delivered"


@delivery_job
def replace_form(form_id: str, handoff_id: str) -> str:
    """Show the sent hand-off in place of its form, for everyone and for good."""
    ctx = current()
    record = FormStore(ctx.services.redis).get(form_id)
    handoff = ctx.services.store.find(handoff_id)
    if record is None or handoff is None or not record.activity_id:
        return "skipped"
    names = {p.id: p.name for p in record.people}
    teams_messenger(ctx).update(
        Receipt("teams", record.conversation_id, record.activity_id),
        _card(sent_card(handoff, names), text.SENT_TITLE),
    )
    return "replaced"
