"""The panel plan: which interviewer owns which competency, and the question kit each one gets.

Rules, all properties tested:
- coverage: every competency (role defaults, then concern competencies, then the recruiter's
  picks, without duplicates) is owned by exactly one person;
- balance: loads differ by at most one; when the split is uneven the hiring manager is first in
  line for the larger share;
- concerns first: the hiring manager takes the concern competencies before anything else, up to
  their share; concerns beyond it are dealt round the other interviewers before the rest;
- determinism: the same hand-off always gets the same plan, whatever order the interviewers are
  listed in. Interviewers are ordered by a stable hash of (hand-off id, person), so who takes a
  larger share varies from one hand-off to the next but never within one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from plugin.domain.question_bank import Question, QuestionBank

PLAN_VERSION = 1
NO_HIRING_MANAGER = "a panel plan needs a hiring manager"
BAD_PLAN = "not a stored panel plan: {reason}"
DEFAULT_QUESTIONS_PER_COMPETENCY = 3

_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+|\n+")
_BULLET = re.compile(r"^\s*[-*•·]\s+")


@dataclass(frozen=True)
class PanelPlan:
    """Who owns which competency on a panel; the hiring manager comes first in `assignments`."""

    assignments: dict[str, list[str]]
    concern_competencies: tuple[str, ...]
    competencies: tuple[str, ...]
    hiring_manager: str = ""

    def owner_of(self, competency: str) -> str | None:
        """The person who owns a competency, or None when it is not on this plan."""
        for person, owned in self.assignments.items():
            if competency in owned:
                return person
        return None

    @property
    def people(self) -> tuple[str, ...]:
        """Everyone on the panel, hiring manager first."""
        return tuple(self.assignments)

    def is_concern(self, competency: str) -> bool:
        """Whether a screening concern pointed at this competency."""
        return competency in self.concern_competencies

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe copy for storage; `from_dict` reads it back."""
        return {
            "version": PLAN_VERSION,
            "hiring_manager": self.hiring_manager,
            "competencies": list(self.competencies),
            "concern_competencies": list(self.concern_competencies),
            "assignments": [[person, list(owned)] for person, owned in self.assignments.items()],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PanelPlan:
        """Read a plan written by `to_dict`, rejecting anything malformed with ValueError."""
        if not isinstance(data, Mapping) or data.get("version") != PLAN_VERSION:
            raise ValueError(BAD_PLAN.format(reason="missing or unknown version"))
        try:
            assignments = {str(p): [str(c) for c in owned] for p, owned in data["assignments"]}
            competencies = tuple(str(c) for c in data["competencies"])
            concerns = tuple(str(c) for c in data["concern_competencies"])
            hiring_manager = str(data.get("hiring_manager", ""))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(BAD_PLAN.format(reason=exc)) from exc
        owned = sorted(c for cs in assignments.values() for c in cs)
        if owned != sorted(competencies) or not set(concerns) <= set(competencies):
            raise ValueError(BAD_PLAN.format(reason="assignments do not cover the competencies"))
        if hiring_manager and next(iter(assignments), None) != hiring_manager:
            raise ValueError(BAD_PLAN.format(reason="the hiring manager must come first"))
        return cls(assignments, concerns, competencies, hiring_manager)


def plan_panel(
    *,
    handoff_id: str,
    role_competencies: Iterable[str],
    concern_competencies: Iterable[str],
    picked_competencies: Iterable[str],
    hiring_manager: str,
    interviewers: Iterable[str],
) -> PanelPlan:
    """Assign every competency to exactly one panellist, balanced, concerns to the hiring manager."""
    if not hiring_manager:
        raise ValueError(NO_HIRING_MANAGER)
    concerns = _unique(concern_competencies)
    competencies = _unique([*role_competencies, *concerns, *picked_competencies])
    others = sorted(
        {p for p in interviewers if p and p != hiring_manager},
        key=lambda person: (_stable_rank(handoff_id, person), person),
    )
    people = [hiring_manager, *others]
    base, extra = divmod(len(competencies), len(people))
    capacity = {person: base + (1 if index < extra else 0) for index, person in enumerate(people)}

    concern_set = set(concerns)
    queue = [*concerns, *(c for c in competencies if c not in concern_set)]
    hm_share = capacity[hiring_manager]
    assignments: dict[str, list[str]] = {person: [] for person in people}
    assignments[hiring_manager] = queue[:hm_share]
    rest = queue[hm_share:]
    while rest:
        for person in others:
            if rest and len(assignments[person]) < capacity[person]:
                assignments[person].append(rest.pop(0))
    return PanelPlan(assignments, concerns, competencies, hiring_manager)


@dataclass(frozen=True)
class KitSection:
    """One competency in an interviewer's kit: its questions and the concerns that touch it."""

    competency_id: str
    name: str
    description: str
    concern: bool
    concern_snippets: tuple[str, ...]
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Kit:
    """What one panellist should cover: a section per competency they own, concerns first."""

    person: str
    role_id: str | None
    hiring_manager: bool
    sections: tuple[KitSection, ...] = ()

    @property
    def competencies(self) -> tuple[str, ...]:
        """The competency ids this kit covers, in order."""
        return tuple(section.competency_id for section in self.sections)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe copy, for logs, previews and tests."""
        return {
            "person": self.person,
            "role_id": self.role_id,
            "hiring_manager": self.hiring_manager,
            "sections": [
                {
                    "competency_id": s.competency_id,
                    "name": s.name,
                    "description": s.description,
                    "concern": s.concern,
                    "concern_snippets": list(s.concern_snippets),
                    "questions": [
                        {
                            "id": q.id,
                            "kind": q.kind,
                            "text": q.text,
                            "probes": list(q.probes),
                            "strong_answer": q.strong_answer,
                        }
                        for q in s.questions
                    ],
                }
                for s in self.sections
            ],
        }


def build_kits(
    bank: QuestionBank,
    plan: PanelPlan,
    role_id: str | None,
    questions_per_competency: int = DEFAULT_QUESTIONS_PER_COMPETENCY,
    concerns_text: str = "",
) -> dict[str, Kit]:
    """Each panellist's kit: the role's fixed questions per owned competency, and related concerns.

    A competency the bank no longer knows (edited since planning) keeps its section, without
    questions, so the kit still says who owns it.
    """
    snippets = concern_snippets(bank, concerns_text)
    kits = {}
    for person, owned in plan.assignments.items():
        sections = []
        for competency_id in owned:
            competency = bank.competencies.get(competency_id)
            questions: tuple[Question, ...] = ()
            if competency is not None:
                chosen = bank.questions_for(role_id, competency_id, questions_per_competency)
                questions = tuple(chosen)
            sections.append(
                KitSection(
                    competency_id=competency_id,
                    name=competency.name if competency else competency_id,
                    description=competency.description if competency else "",
                    concern=plan.is_concern(competency_id),
                    concern_snippets=tuple(snippets.get(competency_id, ())),
                    questions=questions,
                )
            )
        kits[person] = Kit(person, role_id, person == plan.hiring_manager, tuple(sections))
    return kits


def concern_snippets(bank: QuestionBank, concerns_text: str) -> dict[str, list[str]]:
    """The sentences of the concerns text that point at each competency, in text order."""
    found: dict[str, list[str]] = {}
    for sentence in split_sentences(concerns_text):
        for competency_id in bank.competencies_for_concerns(sentence):
            found.setdefault(competency_id, []).append(sentence)
    return found


def split_sentences(text: str) -> list[str]:
    """Sentences and bullet points of free text, stripped, empty ones dropped."""
    parts = (_BULLET.sub("", part).strip() for part in _SENTENCE_BREAK.split(text or ""))
    return [part for part in parts if part]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _stable_rank(handoff_id: str, person: str) -> bytes:
    return hashlib.blake2b(f"{handoff_id}\x1f{person}".encode(), digest_size=8).digest()
