"""An interviewer's feedback: a rating per assigned competency with its evidence, and a verdict.

Platform-neutral: a form is read from Slack or Teams into `FeedbackForm`, checked by
`validate_feedback` (errors keyed by field, see `rating_field` and `evidence_field`) and turned
into a `Feedback` record. Feedback is personal data about a candidate: it is stored on its own,
per hand-off and person, and shown only to the hiring manager and the recruiter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from plugin.domain.handoff import Handoff, State, utc_now_iso
from plugin.domain.panel import PanelPlan

SCORES = (1, 2, 3, 4)
# Behaviourally anchored: each point says what the interviewer heard, not how they felt.
RATING_LABELS = {
    1: "Concerning",
    2: "Mixed",
    3: "Solid",
    4: "Strong",
}
RATING_ANCHORS = {
    1: "No relevant example even with probing, or evidence against it",
    2: "Some relevant evidence, with real gaps or only when prompted",
    3: "A clear example of their own, with actions and results",
    4: "Several specific examples; owned the outcome and reflected on it",
}


class Verdict(StrEnum):
    STRONG_HIRE = "strong_hire"
    HIRE = "hire"
    NO_HIRE = "no_hire"
    STRONG_NO_HIRE = "strong_no_hire"


VERDICT_LABELS = {
    Verdict.STRONG_HIRE: "Strong hire",
    Verdict.HIRE: "Hire",
    Verdict.NO_HIRE: "No hire",
    Verdict.STRONG_NO_HIRE: "Strong no hire",
}
VERDICT_HINTS = {
    Verdict.STRONG_HIRE: "I'd argue for this person",
    Verdict.HIRE: "Meets the bar on what I saw",
    Verdict.NO_HIRE: "Doesn't meet the bar on what I saw",
    Verdict.STRONG_NO_HIRE: "I'd argue against this person",
}

EVIDENCE_MIN = 20
EVIDENCE_MAX = 2000
SUMMARY_MAX = 2000

RATING_REQUIRED = "Pick a rating."
EVIDENCE_REQUIRED = "Say what they said or did that backs this rating."
EVIDENCE_TOO_SHORT = (
    "A little more, please: what did they say or do? (at least {minimum} characters)"
)
TOO_LONG = "Keep it under {maximum} characters (now {size})."
VERDICT_REQUIRED = "Pick your overall recommendation."
RECOMMENDATION_FIELD = "recommendation"
SUMMARY_FIELD = "summary"


def rating_field(competency_id: str) -> str:
    return f"rating:{competency_id}"


def evidence_field(competency_id: str) -> str:
    return f"evidence:{competency_id}"


@dataclass(frozen=True)
class FeedbackForm:
    """The form as entered: raw strings per competency, empty when left out."""

    ratings: Mapping[str, str] = field(default_factory=dict)
    evidence: Mapping[str, str] = field(default_factory=dict)
    recommendation: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Rating:
    competency_id: str
    score: int
    evidence: str

    @property
    def label(self) -> str:
        return RATING_LABELS.get(self.score, str(self.score))


@dataclass(frozen=True)
class Feedback:
    """One panellist's submitted feedback on one hand-off's candidate."""

    handoff_id: str
    person: str
    ratings: tuple[Rating, ...]
    recommendation: str
    summary: str = ""
    submitted_at: str = ""

    def rating(self, competency_id: str) -> Rating | None:
        return next((r for r in self.ratings if r.competency_id == competency_id), None)

    @property
    def submitted(self) -> datetime | None:
        return datetime.fromisoformat(self.submitted_at) if self.submitted_at else None

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS.get(self.recommendation, self.recommendation)

    def to_record(self) -> dict[str, Any]:
        return {
            "handoff_id": self.handoff_id,
            "person": self.person,
            "ratings": [
                {"competency_id": r.competency_id, "score": r.score, "evidence": r.evidence}
                for r in self.ratings
            ],
            "recommendation": self.recommendation,
            "summary": self.summary,
            "submitted_at": self.submitted_at,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Feedback:
        return cls(
            handoff_id=str(record["handoff_id"]),
            person=str(record["person"]),
            ratings=tuple(
                Rating(str(r["competency_id"]), int(r["score"]), str(r["evidence"]))
                for r in record.get("ratings", ())
            ),
            recommendation=str(record["recommendation"]),
            summary=str(record.get("summary", "")),
            submitted_at=str(record.get("submitted_at", "")),
        )


def validate_feedback(form: FeedbackForm, competencies: Sequence[str]) -> dict[str, str]:
    """Errors by field: every assigned competency needs a rating and evidence; a verdict."""
    errors: dict[str, str] = {}
    for competency_id in competencies:
        if _score(form.ratings.get(competency_id, "")) is None:
            errors[rating_field(competency_id)] = RATING_REQUIRED
        evidence = (form.evidence.get(competency_id) or "").strip()
        problem = (
            EVIDENCE_REQUIRED
            if not evidence
            else EVIDENCE_TOO_SHORT.format(minimum=EVIDENCE_MIN)
            if len(evidence) < EVIDENCE_MIN
            else _too_long(evidence, EVIDENCE_MAX)
        )
        if problem:
            errors[evidence_field(competency_id)] = problem
    if form.recommendation not in VERDICT_LABELS:
        errors[RECOMMENDATION_FIELD] = VERDICT_REQUIRED
    problem = _too_long(form.summary.strip(), SUMMARY_MAX)
    if problem:
        errors[SUMMARY_FIELD] = problem
    return errors


def feedback_from_form(
    form: FeedbackForm,
    competencies: Iterable[str],
    *,
    handoff_id: str,
    person: str,
    now: datetime | None = None,
) -> Feedback:
    """The record of a form that passed `validate_feedback`."""
    ratings = []
    for competency_id in competencies:
        score = _score(form.ratings.get(competency_id, ""))
        if score is None:
            raise ValueError(f"no valid rating for {competency_id!r}: validate the form first")
        evidence = (form.evidence.get(competency_id) or "").strip()
        ratings.append(Rating(competency_id, score, evidence))
    if form.recommendation not in VERDICT_LABELS:
        raise ValueError("no valid recommendation: validate the form first")
    return Feedback(
        handoff_id=handoff_id,
        person=person,
        ratings=tuple(ratings),
        recommendation=form.recommendation,
        summary=form.summary.strip(),
        submitted_at=utc_now_iso(now),
    )


def ratings_side_by_side(
    competency_id: str, people: Iterable[str], feedback: Mapping[str, Feedback]
) -> list[tuple[str, Rating]]:
    """Who rated this competency and how, in panel order: one row of the debrief."""
    rows = []
    for person in people:
        given = feedback.get(person)
        rating = given.rating(competency_id) if given else None
        if rating is not None:
            rows.append((person, rating))
    return rows


def everyone_submitted(people: Iterable[str], feedback: Mapping[str, Feedback]) -> bool:
    """Whether every panellist has feedback in (an empty panel never has)."""
    people = list(people)
    return bool(people) and all(person in feedback for person in people)


def _score(raw: str) -> int | None:
    try:
        score = int(str(raw).strip())
    except ValueError:
        return None
    return score if score in SCORES else None


def _too_long(text: str, maximum: int) -> str:
    return TOO_LONG.format(maximum=maximum, size=len(text)) if len(text) > maximum else ""


def feedback_refusal(
    handoff: Handoff | None, plan: PanelPlan | None, user_id: str, now: datetime
) -> str:
    """Why this person may not give feedback on this hand-off now ('' when they may)."""
    if handoff is None or plan is None:
        return "gone"
    if user_id not in plan.assignments:
        return "not_on_panel"
    if handoff.state != State.ACCEPTED:
        return "closed"
    start = handoff.interview_at
    if start is None or now < start + timedelta(minutes=handoff.interview_minutes):
        return "not_yet"
    return ""


def may_read_feedback(handoff: Handoff, user_id: str) -> bool:
    """The debrief's readers: the hiring manager and the recruiter."""
    return bool(user_id) and user_id in (handoff.hiring_manager_id, handoff.recruiter_id)


def competency_label(competency_id: str, names: Mapping[str, str]) -> str:
    """A competency's display name; a readable form of its id when the bank no longer has it."""
    return names.get(competency_id) or competency_id.replace("_", " ").capitalize()


def competency_names(bank: Any, competency_ids: Iterable[str]) -> dict[str, str]:
    """Display names from the question bank, by competency id."""
    names = {}
    for competency_id in competency_ids:
        competency = bank.competencies.get(competency_id)
        names[competency_id] = (
            competency.name if competency else competency_label(competency_id, {})
        )
    return names
