"""The hand-off form as the recruiter fills it in, and its validation, apart from any chat platform."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from plugin.domain.handoff import (
    DEFAULT_INTERVIEW_MINUTES,
    EMAIL_PATTERN,
    INTERVIEW_LENGTHS,
    LIMITS,
    Handoff,
    Person,
    Recommendation,
    ScreeningNotes,
    new_id,
    utc_now_iso,
)
from plugin.domain.timefmt import known_zones

MAX_INTERVIEWERS = 8
LATEST_INTERVIEW = timedelta(days=366)

REQUIRED = {
    "candidate_name": "Enter the candidate's name.",
    "role": "Pick a role or type the role's title.",
    "candidate_contact": "Give the candidate's email, or pick their Slack account if they are a guest.",
    "hiring_manager": "Pick the hiring manager who will run the second interview.",
    "recommendation": "Pick your recommendation.",
    "strengths": "Say what stood out: the hiring manager reads this first.",
}
TOO_LONG = "Keep this under {limit:,} characters (now {length:,})."
BAD_EMAIL = "That doesn't look like an email address (name@example.com)."
UNKNOWN_ROLE = "That role isn't in the list any more; pick another or type the title."
HM_IS_RECRUITER = "You can't be the hiring manager of your own hand-off; pick the hiring manager."
HM_IS_BOT = "{name} is an app, not a person; pick the hiring manager."
HM_IS_GUEST = "{name} is a guest in this workspace; the hiring manager must be a full member."
HM_DEACTIVATED = "{name}'s account is deactivated; pick someone else."
HM_IS_CANDIDATE = "The candidate can't be their own hiring manager."
INTERVIEWER_IS_BOT = "{name} is an app, not a person; remove them from the panel."
INTERVIEWER_IS_GUEST = "{name} is a guest; interviewers must be full members of this workspace."
INTERVIEWER_DEACTIVATED = "{name}'s account is deactivated; remove them from the panel."
INTERVIEWER_IS_CANDIDATE = "The candidate can't be on their own interview panel."
TOO_MANY_INTERVIEWERS = f"A panel of more than {MAX_INTERVIEWERS} interviewers is too many."
HM_UNKNOWN = "I can't find that person in this workspace; pick the hiring manager again."
INTERVIEWER_UNKNOWN = "I can't find one of these people in this workspace; pick the panel again."
CANDIDATE_UNKNOWN = "I can't find that account in this workspace; pick it again or give the email."
CANDIDATE_IS_BOT = "{name} is an app; pick the candidate's own Slack account or give their email."
CANDIDATE_IS_STAFF = "The candidate can't be you or the hiring manager."
INTERVIEW_IN_PAST = "That time has already passed; pick a time in the future or leave it empty."
INTERVIEW_TOO_FAR = "Pick a time within the next year."
BAD_LENGTH = "Pick one of the listed interview lengths."
BAD_RECOMMENDATION = "Pick one of the listed recommendations."
UNKNOWN_TIME_ZONE = "Pick a time zone from the list (for example Europe/Berlin)."
UNKNOWN_COMPETENCY = "Pick competencies from the list."


@dataclass(frozen=True)
class HandoffForm:
    """Everything the recruiter entered, already pulled out of the platform's form payload."""

    candidate_name: str = ""
    role_id: str = ""
    role_title: str = ""
    candidate_email: str = ""
    candidate_user_id: str = ""
    hiring_manager_id: str = ""
    interviewer_ids: tuple[str, ...] = ()
    interview_start: datetime | None = None
    interview_minutes: int = DEFAULT_INTERVIEW_MINUTES
    location: str = ""
    recommendation: str = ""
    strengths: str = ""
    concerns: str = ""
    shared_feedback: str = ""
    recruiter_notes: str = ""
    candidate_tz: str = ""
    competencies: tuple[str, ...] = ()

    def people_to_look_up(self) -> tuple[str, ...]:
        """Everyone to look up; a panel too big to accept is refused without asking about all."""
        panel = self.interviewer_ids[: MAX_INTERVIEWERS + 2]
        ids = (self.hiring_manager_id, self.candidate_user_id, *panel)
        return tuple(dict.fromkeys(i for i in ids if i))


def validate_time(start: datetime | None, now: datetime) -> str | None:
    """An error for an interview time that is past or absurdly far away, else None."""
    if start is None:
        return None
    if start <= now:
        return INTERVIEW_IN_PAST
    if start - now > LATEST_INTERVIEW:
        return INTERVIEW_TOO_FAR
    return None


def validate_length(field_name: str, value: str) -> str | None:
    limit = LIMITS[field_name]
    if len(value) > limit:
        return TOO_LONG.format(limit=limit, length=len(value))
    return None


def validate_form(
    form: HandoffForm,
    *,
    recruiter: Person,
    people: Mapping[str, Person],
    role_ids: Collection[str],
    now: datetime,
    competency_ids: Collection[str] = (),
) -> dict[str, str]:
    """Field name → the error to show next to it. Empty when the form may be saved."""
    errors: dict[str, str] = {}

    def person(user_id: str) -> Person:
        return people.get(user_id) or Person(id=user_id, name=f"<@{user_id}>")

    for name in ("candidate_name", "role_title", "candidate_email", "location"):
        if message := validate_length(name, getattr(form, name)):
            errors[name] = message
    for name in ("strengths", "concerns", "shared_feedback", "recruiter_notes"):
        if message := validate_length(name, getattr(form, name)):
            errors[name] = message

    if not form.candidate_name.strip():
        errors["candidate_name"] = REQUIRED["candidate_name"]
    if form.role_id and form.role_id not in role_ids:
        errors["role_id"] = UNKNOWN_ROLE
    elif not form.role_id and not form.role_title.strip():
        errors["role_id"] = REQUIRED["role"]

    email = form.candidate_email.strip()
    if email and "candidate_email" not in errors and not EMAIL_PATTERN.match(email):
        errors["candidate_email"] = BAD_EMAIL
    if form.candidate_user_id:
        candidate = person(form.candidate_user_id)
        if form.candidate_user_id not in people:
            errors["candidate_user_id"] = CANDIDATE_UNKNOWN
        elif candidate.is_bot:
            errors["candidate_user_id"] = CANDIDATE_IS_BOT.format(name=candidate.name)
        elif form.candidate_user_id in (recruiter.id, form.hiring_manager_id):
            errors["candidate_user_id"] = CANDIDATE_IS_STAFF
    if not form.candidate_email.strip() and not form.candidate_user_id:
        errors["candidate_email"] = REQUIRED["candidate_contact"]

    if not form.hiring_manager_id:
        errors["hiring_manager"] = REQUIRED["hiring_manager"]
    else:
        manager = person(form.hiring_manager_id)
        if manager.id == recruiter.id:
            errors["hiring_manager"] = HM_IS_RECRUITER
        elif manager.id not in people:
            errors["hiring_manager"] = HM_UNKNOWN
        elif manager.is_bot:
            errors["hiring_manager"] = HM_IS_BOT.format(name=manager.name)
        elif manager.is_guest:
            errors["hiring_manager"] = HM_IS_GUEST.format(name=manager.name)
        elif manager.deleted:
            errors["hiring_manager"] = HM_DEACTIVATED.format(name=manager.name)
        elif manager.id == form.candidate_user_id:
            errors["hiring_manager"] = HM_IS_CANDIDATE

    if message := interviewer_error(form, person, people):
        errors["interviewers"] = message

    if message := validate_time(form.interview_start, now):
        errors["interview_start"] = message
    if form.interview_minutes not in INTERVIEW_LENGTHS:
        errors["interview_minutes"] = BAD_LENGTH

    if not form.recommendation:
        errors["recommendation"] = REQUIRED["recommendation"]
    elif form.recommendation not in set(Recommendation):
        errors["recommendation"] = BAD_RECOMMENDATION
    if not form.strengths.strip() and "strengths" not in errors:
        errors["strengths"] = REQUIRED["strengths"]
    if form.candidate_tz and form.candidate_tz not in known_zones():
        errors["candidate_tz"] = UNKNOWN_TIME_ZONE
    if any(c not in competency_ids for c in form.competencies):
        errors["competencies"] = UNKNOWN_COMPETENCY
    return errors


def interviewer_error(form: HandoffForm, person, people: Mapping[str, Person]) -> str | None:
    panel = [i for i in dict.fromkeys(form.interviewer_ids) if i != form.hiring_manager_id]
    if len(panel) > MAX_INTERVIEWERS:
        return TOO_MANY_INTERVIEWERS
    for user_id in panel:
        member = person(user_id)
        if user_id not in people:
            return INTERVIEWER_UNKNOWN
        if member.is_bot:
            return INTERVIEWER_IS_BOT.format(name=member.name)
        if member.is_guest:
            return INTERVIEWER_IS_GUEST.format(name=member.name)
        if member.deleted:
            return INTERVIEWER_DEACTIVATED.format(name=member.name)
        if user_id == form.candidate_user_id:
            return INTERVIEWER_IS_CANDIDATE
    return None


def handoff_from_form(
    form: HandoffForm,
    *,
    team_id: str,
    recruiter_id: str,
    role_title: str,
    now: datetime,
    platform: str = "slack",
    default_candidate_tz: str = "UTC",
) -> Handoff:
    """A new, open hand-off from a valid form."""
    start = form.interview_start.astimezone(UTC).isoformat() if form.interview_start else ""
    interviewers = tuple(
        i for i in dict.fromkeys(form.interviewer_ids) if i != form.hiring_manager_id
    )
    return Handoff(
        id=new_id(),
        team_id=team_id,
        recruiter_id=recruiter_id,
        hiring_manager_id=form.hiring_manager_id,
        candidate_name=form.candidate_name.strip(),
        role_id=form.role_id,
        role_title=role_title,
        interviewer_ids=interviewers,
        candidate_email=form.candidate_email.strip(),
        candidate_user_id=form.candidate_user_id,
        interview_start=start,
        interview_minutes=form.interview_minutes,
        location=form.location.strip(),
        notes=ScreeningNotes(
            recommendation=form.recommendation,
            strengths=form.strengths.strip(),
            concerns=form.concerns.strip(),
            shared_feedback=form.shared_feedback.strip(),
            recruiter_notes=form.recruiter_notes.strip(),
        ),
        created_at=utc_now_iso(now),
        platform=platform,
        candidate_tz=form.candidate_tz or default_candidate_tz,
        competencies=tuple(dict.fromkeys(form.competencies)),
    )
