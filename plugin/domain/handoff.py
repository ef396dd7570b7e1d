"""A hand-off: one screened candidate passed from a recruiter to a hiring manager."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from enum import StrEnum


class State(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CANCELLED = "cancelled"


STATE_LABELS = {
    State.OPEN: "Waiting for the hiring manager",
    State.ACCEPTED: "Accepted",
    State.DECLINED: "Declined",
    State.CANCELLED: "Cancelled",
}


class Recommendation(StrEnum):
    STRONG_YES = "strong_yes"
    YES = "yes"
    LEAN_YES = "lean_yes"
    UNSURE = "unsure"


RECOMMENDATION_LABELS = {
    Recommendation.STRONG_YES: "Strong yes: move forward with confidence",
    Recommendation.YES: "Yes: worth a closer look",
    Recommendation.LEAN_YES: "Lean yes: promising, with real concerns to probe",
    Recommendation.UNSURE: "Unsure: the hiring manager should decide",
}

INTERVIEW_LENGTHS = (30, 45, 60, 90, 120)
DEFAULT_INTERVIEW_MINUTES = 60

LIMITS = {
    "candidate_name": 120,
    "role_title": 100,
    "candidate_email": 254,
    "strengths": 2000,
    "concerns": 2000,
    "shared_feedback": 2000,
    "recruiter_notes": 2000,
    "location": 300,
    "reason": 1000,
    "question": 2000,
}

EMAIL_PATTERN = re.compile(r"^[^@\s<>,;\"']+@[^@\s<>,;\"']+\.[A-Za-z]{2,}$")


@dataclass(frozen=True)
class Person:
    """Someone the product may address, as the chat platform describes them."""

    id: str
    name: str = ""
    tz: str = "UTC"
    email: str = ""
    is_bot: bool = False
    is_guest: bool = False
    deleted: bool = False
    title: str = ""


@dataclass(frozen=True)
class ScreeningNotes:
    """What the recruiter learnt in the screen. Personal data: shown only to the hand-off's people."""

    recommendation: str
    strengths: str = ""
    concerns: str = ""
    shared_feedback: str = ""
    recruiter_notes: str = ""


@dataclass(frozen=True)
class Event:
    """One thing that happened to a hand-off; `text` may hold personal data (a reason, a question)."""

    id: str
    kind: str
    actor: str
    at: str
    text: str = ""
    reply_to: str = ""


@dataclass(frozen=True)
class Handoff:
    id: str
    team_id: str
    recruiter_id: str
    hiring_manager_id: str
    candidate_name: str
    role_title: str
    notes: ScreeningNotes
    created_at: str
    role_id: str = ""
    interviewer_ids: tuple[str, ...] = ()
    candidate_email: str = ""
    candidate_user_id: str = ""
    interview_start: str = ""
    interview_minutes: int = DEFAULT_INTERVIEW_MINUTES
    location: str = ""
    platform: str = "slack"
    candidate_tz: str = ""
    competencies: tuple[str, ...] = ()
    schedule_version: int = 0
    state: State = State.OPEN
    acted_by: str = ""
    acted_at: str = ""
    events: tuple[Event, ...] = field(default_factory=tuple)

    @property
    def interview_at(self) -> datetime | None:
        return datetime.fromisoformat(self.interview_start) if self.interview_start else None

    @property
    def panel(self) -> tuple[str, ...]:
        """The hiring manager first, then the interviewers, without repeats."""
        return tuple(dict.fromkeys((self.hiring_manager_id, *self.interviewer_ids)))

    def may_see_notes(self, user_id: str) -> bool:
        return user_id in (self.recruiter_id, self.hiring_manager_id, *self.interviewer_ids)

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    def to_record(self) -> dict:
        """A JSON-ready dict; written field by field because dataclasses.asdict is slow."""
        record = {f.name: getattr(self, f.name) for f in fields(self)}
        record["notes"] = self.notes.__dict__
        record["events"] = [event.__dict__ for event in self.events]
        record["state"] = str(self.state)
        return record

    @classmethod
    def from_record(cls, record: dict) -> Handoff:
        data = dict(record)
        data["notes"] = ScreeningNotes(**data["notes"])
        data["events"] = tuple(Event(**e) for e in data.get("events", ()))
        data["interviewer_ids"] = tuple(data.get("interviewer_ids", ()))
        data["competencies"] = tuple(data.get("competencies", ()))
        data["state"] = State(data["state"])
        return cls(**data)

    def with_event(self, event: Event) -> Handoff:
        return replace(self, events=(*self.events, event))


def new_id() -> str:
    return secrets.token_hex(8)


def utc_now_iso(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")


def new_event(kind: str, actor: str, text: str = "", *, reply_to: str = "", now=None) -> Event:
    return Event(
        id=new_id(), kind=kind, actor=actor, at=utc_now_iso(now), text=text, reply_to=reply_to
    )
