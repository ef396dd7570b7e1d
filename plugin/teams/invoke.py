"""One Action.Execute invoke as the handlers see it, the two kinds of answer, and refusals.

Shared by the handlers in plugin.teams.actions (hand-off form, brief, notices),
plugin.teams.feedback_actions (feedback and debrief) and plugin.teams.schedule_actions
(reschedule, cancel, a candidate's opt-out).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from plugin.domain.handoff import Handoff
from plugin.services import Services
from plugin.teams import text
from plugin.teams.activity import sender
from plugin.teams.cards.kit import CONTENT_TYPE
from plugin.teams.people import TeamsDirectory
from plugin.teams.references import References, activity_zone, valid_zone

MESSAGE_TYPE = "application/vnd.microsoft.activity.message"


def card_response(content: dict) -> dict:
    return {"statusCode": 200, "type": CONTENT_TYPE, "value": content}


def message_response(message: str) -> dict:
    return {"statusCode": 200, "type": MESSAGE_TYPE, "value": message}


@dataclass
class Invoke:
    """One Action.Execute: who pressed it, on what, with which inputs."""

    services: Services
    activity: Mapping
    tenant_id: str
    verb: str
    data: dict

    @property
    def user_id(self) -> str:
        return sender(self.activity)[0]

    @cached_property
    def references(self) -> References:
        return References(self.services.redis)

    @cached_property
    def directory(self) -> TeamsDirectory:
        return TeamsDirectory(self.references)

    def names(self, *user_ids: str) -> dict[str, str]:
        return self.directory.names(user_ids)

    @cached_property
    def tz(self) -> str:
        """The zone the card was drawn in (carried in its data), else the presser's own."""
        found = valid_zone(self.data.get("tz")) or activity_zone(self.activity)
        if found:
            return found
        reference = self.references.user(self.user_id)
        return (reference.tz if reference else "") or "UTC"

    def text(self, name: str) -> str:
        value = self.data.get(name)
        return value.strip() if isinstance(value, str) else ""


def fingerprint(*parts: str) -> str:
    """A short digest of what a request asked for, to answer a redelivered invoke once."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def handoff_names(invoke: Invoke, handoff: Handoff, *extra: str) -> dict[str, str]:
    return invoke.names(
        handoff.recruiter_id,
        handoff.hiring_manager_id,
        *handoff.interviewer_ids,
        handoff.acted_by,
        *extra,
    )


def refusal_line(reason: str, handoff: Handoff | None, names: Mapping[str, str]) -> str:
    """The polite answer to someone who may not act on a hand-off now."""
    if handoff is None or reason == "gone":
        return text.HANDOFF_GONE
    if reason == "not_yours":
        return text.NOT_YOURS.format(
            manager=names.get(handoff.hiring_manager_id) or text.UNKNOWN_PERSON
        )
    if reason in text.FEEDBACK_REFUSALS:
        return text.FEEDBACK_REFUSALS[reason].format(state=handoff.state)
    if reason == "not_involved":
        return text.ONLY_RECRUITER_OR_MANAGER.format(
            recruiter=names.get(handoff.recruiter_id) or text.UNKNOWN_PERSON,
            manager=names.get(handoff.hiring_manager_id) or text.UNKNOWN_PERSON,
        )
    if reason == "not_candidate":
        return text.NOT_YOUR_REMINDERS
    if reason == "reminders_stopped":
        return text.REMINDERS_STOPPED
    return text.ALREADY_ACTED.format(
        state=handoff.state, actor=names.get(handoff.acted_by) or text.UNKNOWN_PERSON
    )
