"""The recruiter's hand-off form as an Adaptive Card, re-rendered with errors until it is valid.

People are picked from the roster: choice values are short keys into the form's stored roster
(`p0`, `p1`, …), which keeps a large organisation's card under Teams' size limit and means a
submitted value can only ever name someone who was offered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from plugin.domain.handoff import (
    DEFAULT_INTERVIEW_MINUTES,
    INTERVIEW_LENGTHS,
    LIMITS,
    RECOMMENDATION_LABELS,
    Handoff,
    Person,
)
from plugin.domain.handoff_form import BAD_LENGTH, REQUIRED
from plugin.teams import text
from plugin.teams.cards.kit import (
    card,
    choice,
    choice_set,
    date_input,
    error,
    execute,
    heading,
    note,
    rich,
    text_input,
    time_input,
)

SUBMIT = "handoff.submit"
ERROR_SLOTS = {"interview_start": "interview_time", "role_title": "role_title"}


def person_title(person: Person, *, with_email: bool = False) -> str:
    title = (
        text.PERSON_CHOICE.format(name=person.name, email=person.email)
        if with_email and person.email
        else person.name
    )
    return text.GUEST_MARK.format(label=title) if person.is_guest else title


def people_choices(people: Sequence[tuple[str, Person]]) -> list[dict]:
    """Choices by name; the email is added only where two people share a name."""
    counts = Counter(p.name.casefold() for _, p in people)
    return [
        choice(person_title(p, with_email=counts[p.name.casefold()] > 1), key) for key, p in people
    ]


def _slot(field_name: str) -> str:
    return ERROR_SLOTS.get(field_name, field_name)


def form_card(
    roles: Iterable[tuple[str, str]],
    people: Sequence[tuple[str, Person]],
    *,
    form_id: str,
    tz: str,
    today: str,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    notice: str = "",
    capped: bool = False,
    competencies: Iterable[tuple[str, str]] = (),
    zones: Iterable[str] = (),
) -> dict:
    """The form; `people` are (choice key, person) pairs; `values` and `errors` are by input ID;
    `competencies` are (id, name) pairs from the question bank, `zones` IANA zone names."""
    values = dict(values or {})
    errors = dict(errors or {})
    labels, hints = text.LABELS, text.HINTS
    members = people_choices([(k, p) for k, p in people if not p.is_guest])
    guests = people_choices([(k, p) for k, p in people if p.is_guest])
    minutes = [choice(text.MINUTES_LABEL.format(minutes=m), str(m)) for m in INTERVIEW_LENGTHS]
    recommendations = [choice(label, str(value)) for value, label in RECOMMENDATION_LABELS.items()]
    role_choices = [choice(title, role_id) for role_id, title in roles][:100]
    zone_choices = [choice(z.replace("_", " "), z) for z in zones]
    competency_choices = [choice(name, cid) for cid, name in competencies][:100]

    def value(name: str, default: str = "") -> str:
        found = values.get(name)
        return found if isinstance(found, str) else default

    inputs: list[tuple[dict, str]] = [
        (
            text_input(
                "candidate_name",
                labels["candidate_name"],
                value=value("candidate_name"),
                required=True,
                message=REQUIRED["candidate_name"],
                max_length=LIMITS["candidate_name"],
                placeholder=text.PLACEHOLDERS["candidate_name"],
            ),
            "",
        ),
        (
            choice_set(
                "role_id",
                labels["role_id"],
                role_choices,
                value=value("role_id"),
                placeholder=text.PLACEHOLDERS["role_id"],
            ),
            hints["role_id"],
        ),
        (
            text_input(
                "role_title",
                labels["role_title"],
                value=value("role_title"),
                max_length=LIMITS["role_title"],
                placeholder=text.PLACEHOLDERS["role_title"],
            ),
            "",
        ),
        (
            text_input(
                "candidate_email",
                labels["candidate_email"],
                value=value("candidate_email"),
                max_length=LIMITS["candidate_email"],
                placeholder=text.PLACEHOLDERS["candidate_email"],
                style="email",
            ),
            hints["candidate_email"],
        ),
    ]
    if guests:
        inputs.append(
            (
                choice_set(
                    "candidate_user_id",
                    labels["candidate_user_id"],
                    guests,
                    value=value("candidate_user_id"),
                    placeholder=text.PLACEHOLDERS["people"],
                ),
                "",
            )
        )
    if zone_choices:
        inputs.append(
            (
                choice_set(
                    "candidate_tz",
                    labels["candidate_tz"],
                    zone_choices,
                    value=value("candidate_tz"),
                    placeholder=text.PLACEHOLDERS["candidate_tz"],
                ),
                hints["candidate_tz"],
            )
        )
    inputs += [
        (
            choice_set(
                "hiring_manager",
                labels["hiring_manager"],
                members,
                value=value("hiring_manager"),
                required=True,
                message=REQUIRED["hiring_manager"],
                placeholder=text.PLACEHOLDERS["people"],
            ),
            "",
        ),
        (
            choice_set(
                "interviewers",
                labels["interviewers"],
                members,
                value=value("interviewers"),
                multi=True,
                placeholder=text.PLACEHOLDERS["people"],
            ),
            hints["interviewers"],
        ),
        (
            date_input(
                "interview_date",
                labels["interview_date"].format(tz=tz),
                value=value("interview_date"),
                minimum=today,
            ),
            "",
        ),
        (
            time_input(
                "interview_time",
                labels["interview_time"].format(tz=tz),
                value=value("interview_time"),
            ),
            "",
        ),
        (
            choice_set(
                "interview_minutes",
                labels["interview_minutes"],
                minutes,
                value=value("interview_minutes", str(DEFAULT_INTERVIEW_MINUTES)),
                required=True,
                message=BAD_LENGTH,
            ),
            "",
        ),
        (
            text_input(
                "location",
                labels["location"],
                value=value("location"),
                max_length=LIMITS["location"],
                placeholder=text.PLACEHOLDERS["location"],
            ),
            "",
        ),
        (
            choice_set(
                "recommendation",
                labels["recommendation"],
                recommendations,
                value=value("recommendation"),
                required=True,
                message=REQUIRED["recommendation"],
                expanded=True,
            ),
            "",
        ),
        (
            text_input(
                "strengths",
                labels["strengths"],
                value=value("strengths"),
                required=True,
                message=REQUIRED["strengths"],
                multiline=True,
                max_length=LIMITS["strengths"],
            ),
            "",
        ),
    ]
    for name in ("concerns", "shared_feedback", "recruiter_notes"):
        if name == "recruiter_notes" and competency_choices:
            inputs.append(
                (
                    choice_set(
                        "competencies",
                        labels["competencies"],
                        competency_choices,
                        value=value("competencies"),
                        multi=True,
                        placeholder=text.PLACEHOLDERS["competencies"],
                    ),
                    hints["competencies"],
                )
            )
        inputs.append(
            (
                text_input(
                    name,
                    labels[name],
                    value=value(name),
                    multiline=True,
                    max_length=LIMITS[name],
                ),
                hints[name],
            )
        )

    placed = {element["id"] for element, _ in inputs}
    body: list[dict] = [heading(text.FORM_TITLE)]
    if notice:
        body.append(note(notice, color="Attention"))
    unplaced = [m for f, m in errors.items() if _slot(f) not in placed]
    if errors:
        body.append(note(text.FORM_HAS_ERRORS, color="Attention"))
    body += [rich(message, spacing="Small") for message in unplaced]
    if capped:
        body.append(note(text.FORM_ROSTER_CAPPED.format(count=len(people)), subtle=True))
    for element, hint in inputs:
        body.append(element)
        if hint:
            body.append(note(hint, subtle=True) | {"spacing": "None", "size": "Small"})
        shown = [m for f, m in errors.items() if _slot(f) == element["id"]]
        body += [error(message, element["id"]) for message in dict.fromkeys(shown)]
    actions = [execute(text.FORM_SUBMIT, SUBMIT, {"form_id": form_id}, style="positive")]
    return card(body, actions, fallback=text.FORM_TITLE)


def sent_card(handoff: Handoff, names: Mapping[str, str]) -> dict:
    """What the form becomes once the hand-off is saved."""
    manager = names.get(handoff.hiring_manager_id) or text.UNKNOWN_PERSON
    body = text.SENT_BODY.format(
        candidate=handoff.candidate_name, role=handoff.role_title, manager=manager
    )
    return card([heading(text.SENT_TITLE), rich(body)], fallback=text.SENT_TITLE)
