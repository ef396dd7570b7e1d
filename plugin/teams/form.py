"""The hand-off form in Teams: the roster it offered, kept for its submit, and its inputs read back."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, time

import redis

from plugin.domain.handoff import DEFAULT_INTERVIEW_MINUTES, Person
from plugin.domain.handoff_form import HandoffForm
from plugin.domain.timefmt import known_zones, zone
from plugin.teams import text
from plugin.teams.references import TEAMS, References, valid_zone

FORM_TTL = 24 * 3600
MAX_TEXT = 4000
# The candidate's time zone is picked from a short list, one city for each common offset and
# daylight-saving rule: every zone there is would not fit a Teams card (28 KB) next to the
# roster. The recruiter's own zone is always offered too.
COMMON_ZONES = (
    "Pacific/Honolulu",
    "America/Anchorage",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/Mexico_City",
    "America/New_York",
    "America/Bogota",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Istanbul",
    "Africa/Lagos",
    "Africa/Cairo",
    "Africa/Johannesburg",
    "Africa/Nairobi",
    "Asia/Dubai",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Bangkok",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Australia/Perth",
    "Australia/Sydney",
    "Pacific/Auckland",
    "UTC",
)


def form_key(form_id: str) -> str:
    return f"{TEAMS}:form:{form_id}"


@dataclass(frozen=True)
class FormRecord:
    """One form as sent: who asked for it, in which zone its times are read, whom it offered."""

    form_id: str
    recruiter_id: str
    tenant_id: str
    tz: str
    people: tuple[Person, ...] = ()
    capped: bool = False
    candidate_name: str = ""
    conversation_id: str = ""
    activity_id: str = ""
    recruiter: Person | None = field(default=None)

    def choices(self) -> list[tuple[str, Person]]:
        return [(f"p{index}", person) for index, person in enumerate(self.people)]

    def by_key(self) -> dict[str, Person]:
        return dict(self.choices())

    def zone_choices(self) -> list[str]:
        """The candidate time zones the form offers: the common ones and the recruiter's."""
        known = known_zones()
        return sorted({z for z in (*COMMON_ZONES, self.tz) if z in known})

    def by_id(self) -> dict[str, Person]:
        found = {p.id: p for p in self.people}
        if self.recruiter is not None:
            found.setdefault(self.recruiter.id, self.recruiter)
        return found


class FormStore:
    def __init__(self, connection: redis.Redis):
        self.redis = connection

    def save(self, record: FormRecord) -> None:
        self.redis.set(form_key(record.form_id), json.dumps(asdict(record)), ex=FORM_TTL)

    def get(self, form_id: str) -> FormRecord | None:
        raw = self.redis.get(form_key(form_id)) if form_id else None
        if raw is None:
            return None
        data = json.loads(raw)
        data["people"] = tuple(Person(**p) for p in data.get("people") or ())
        data["recruiter"] = Person(**data["recruiter"]) if data.get("recruiter") else None
        return FormRecord(**data)

    def sent(self, form_id: str, conversation_id: str, activity_id: str) -> None:
        record = self.get(form_id)
        if record is not None:
            self.save(replace(record, conversation_id=conversation_id, activity_id=activity_id))


def _text(data: Mapping, name: str) -> str:
    value = data.get(name)
    return value[:MAX_TEXT] if isinstance(value, str) else ""


def read_time(day: str, moment: str, tz: str) -> tuple[datetime | None, str]:
    """The start from a date and a time input in `tz`; (None, error) when only one is given."""
    day, moment = day.strip(), moment.strip()
    if not day and not moment:
        return None, ""
    if not day or not moment:
        return None, text.TIME_INCOMPLETE
    try:
        local = datetime.combine(date.fromisoformat(day), time.fromisoformat(moment))
    except ValueError:
        return None, text.TIME_UNREADABLE
    return local.replace(tzinfo=zone(tz)), ""


def read_form(data: Mapping, record: FormRecord) -> tuple[HandoffForm, dict[str, str]]:
    """The form as entered, and the errors only Teams can find (a pick not offered, half a time)."""
    offered = record.by_key()
    errors: dict[str, str] = {}

    def pick(name: str) -> str:
        key = _text(data, name).strip()
        if not key:
            return ""
        if key not in offered:
            errors[name] = text.NOT_ON_ROSTER
            return ""
        return offered[key].id

    interviewers = []
    for key in (k.strip() for k in _text(data, "interviewers").split(",")):
        if not key:
            continue
        if key not in offered:
            errors["interviewers"] = text.NOT_ON_ROSTER
            continue
        interviewers.append(offered[key].id)
    start, time_error = read_time(
        _text(data, "interview_date"), _text(data, "interview_time"), record.tz
    )
    if time_error:
        errors["interview_start"] = time_error
    raw_minutes = _text(data, "interview_minutes").strip()
    try:
        minutes = int(raw_minutes) if raw_minutes else DEFAULT_INTERVIEW_MINUTES
    except ValueError:
        minutes = -1
    form = HandoffForm(
        candidate_name=_text(data, "candidate_name"),
        role_id=_text(data, "role_id").strip(),
        role_title=_text(data, "role_title"),
        candidate_email=_text(data, "candidate_email"),
        candidate_user_id=pick("candidate_user_id"),
        hiring_manager_id=pick("hiring_manager"),
        interviewer_ids=tuple(interviewers),
        interview_start=start,
        interview_minutes=minutes,
        location=_text(data, "location"),
        recommendation=_text(data, "recommendation").strip(),
        strengths=_text(data, "strengths"),
        concerns=_text(data, "concerns"),
        shared_feedback=_text(data, "shared_feedback"),
        recruiter_notes=_text(data, "recruiter_notes"),
        candidate_tz=_text(data, "candidate_tz").strip(),
        competencies=tuple(
            c for c in (c.strip() for c in _text(data, "competencies").split(",")) if c
        ),
    )
    return form, errors


def candidate_default_tz(form: HandoffForm, record: FormRecord, references: References) -> str:
    """For a form whose time zone was left empty: the candidate's own Teams zone when they are a
    guest the bot has heard from, else the hiring manager's, else the recruiter's (the zone the
    form was drawn in), else UTC."""
    for user_id in (form.candidate_user_id, form.hiring_manager_id):
        reference = references.user(user_id) if user_id else None
        if reference is not None and valid_zone(reference.tz):
            return reference.tz
    return valid_zone(record.tz) or "UTC"


def entered_values(data: Mapping) -> dict[str, str]:
    """The submitted inputs, to put back into a re-rendered form."""
    return {k: v[:MAX_TEXT] for k, v in data.items() if isinstance(v, str) and k != "form_id"}


def teams_wording(errors: Mapping[str, str]) -> dict[str, str]:
    """Domain errors with Slack's words swapped for Teams' own."""
    worded = {}
    for name, message in errors.items():
        for slack_words, teams_words in text.DOMAIN_WORDING:
            message = message.replace(slack_words, teams_words)
        worded[name] = message
    return worded
