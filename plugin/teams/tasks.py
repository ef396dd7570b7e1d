"""What the Teams endpoint asks the workers to do: a reply to one activity, or a form replaced.

A reply's details (the command, what was typed) wait in Redis under a request ID, so job
arguments, and the worker's log lines that quote them, carry no personal data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

import redis

from plugin.queues import INTERACTIVE, JobSpec
from plugin.teams.references import TEAMS

REQUEST_TTL = 24 * 3600
HELP = "help"
WELCOME = "welcome"
FORM = "form"
QUESTIONS = "questions"
LIST = "list"
UNUSABLE_NAME = "unusable_name"
PRIVATE_KINDS = (FORM, QUESTIONS, LIST)


@dataclass(frozen=True)
class ReplyRequest:
    """One command to answer: what, for whom, where it was typed."""

    kind: str
    conversation_id: str
    tenant_id: str
    user_id: str = ""
    teams_user_id: str = ""
    user_name: str = ""
    argument: str = ""
    tz: str = ""
    form_id: str = ""


def request_id(conversation_id: str, activity_id: str) -> str:
    """The same ID for a redelivered activity, so it is answered once."""
    return hashlib.sha256(f"{conversation_id}|{activity_id}".encode()).hexdigest()[:32]


def request_key(rid: str) -> str:
    return f"{TEAMS}:request:{rid}"


def save_request(pipe, rid: str, request: ReplyRequest) -> None:
    pipe.set(request_key(rid), json.dumps(asdict(request)), ex=REQUEST_TTL)


def load_request(connection: redis.Redis, rid: str) -> ReplyRequest | None:
    raw = connection.get(request_key(rid))
    return ReplyRequest(**json.loads(raw)) if raw else None


def reply(rid: str) -> JobSpec:
    return JobSpec("workers.jobs.teams_replies.teams_reply", (rid,), INTERACTIVE)


def replace_form(form_id: str, handoff_id: str) -> JobSpec:
    return JobSpec("workers.jobs.teams_replies.replace_form", (form_id, handoff_id), INTERACTIVE)
