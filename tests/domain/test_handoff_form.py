"""Validation of the hand-off form, apart from Slack."""

from datetime import UTC, datetime, timedelta

import pytest

from plugin.domain import handoff_form as hf
from plugin.domain.handoff import Person
from plugin.domain.handoff_form import HandoffForm, handoff_from_form, validate_form

NOW = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)
RECRUITER = Person("UREC", "Rita Recruiter")
PEOPLE = {
    "UHM": Person("UHM", "Hank Manager", tz="Europe/Berlin"),
    "UINT": Person("UINT", "Ivy Interviewer"),
    "UBOTX": Person("UBOTX", "Helper Bot", is_bot=True),
    "UGUEST": Person("UGUEST", "Gus Guest", is_guest=True),
    "UGONE": Person("UGONE", "Olga Oldtimer", deleted=True),
    "UCAND": Person("UCAND", "Cara Candidate", is_guest=True),
    "UREC": RECRUITER,
}


def valid(**changes) -> HandoffForm:
    base = dict(
        candidate_name="Jane Doe",
        role_id="software_engineer",
        candidate_email="jane@example.com",
        hiring_manager_id="UHM",
        interviewer_ids=("UINT",),
        interview_start=NOW + timedelta(days=5),
        recommendation="yes",
        strengths="Clear thinker.",
    )
    base.update(changes)
    return HandoffForm(**base)


def errors_for(form: HandoffForm) -> dict[str, str]:
    return validate_form(
        form, recruiter=RECRUITER, people=PEOPLE, role_ids={"software_engineer"}, now=NOW
    )


def test_a_complete_form_has_no_errors():
    assert errors_for(valid()) == {}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"hiring_manager_id": ""}, "hiring_manager", hf.REQUIRED["hiring_manager"]),
        ({"hiring_manager_id": "UREC"}, "hiring_manager", hf.HM_IS_RECRUITER),
        ({"hiring_manager_id": "UBOTX"}, "hiring_manager", hf.HM_IS_BOT.format(name="Helper Bot")),
        (
            {"hiring_manager_id": "UGUEST"},
            "hiring_manager",
            hf.HM_IS_GUEST.format(name="Gus Guest"),
        ),
        (
            {"hiring_manager_id": "UGONE"},
            "hiring_manager",
            hf.HM_DEACTIVATED.format(name="Olga Oldtimer"),
        ),
        ({"interview_start": NOW - timedelta(minutes=1)}, "interview_start", hf.INTERVIEW_IN_PAST),
        ({"interview_start": NOW + timedelta(days=400)}, "interview_start", hf.INTERVIEW_TOO_FAR),
        ({"candidate_email": "jane@"}, "candidate_email", hf.BAD_EMAIL),
        ({"candidate_email": "jane doe@example.com"}, "candidate_email", hf.BAD_EMAIL),
        ({"candidate_email": ""}, "candidate_email", hf.REQUIRED["candidate_contact"]),
        ({"candidate_name": "  "}, "candidate_name", hf.REQUIRED["candidate_name"]),
        ({"role_id": "", "role_title": ""}, "role_id", hf.REQUIRED["role"]),
        ({"role_id": "astronaut"}, "role_id", hf.UNKNOWN_ROLE),
        ({"recommendation": ""}, "recommendation", hf.REQUIRED["recommendation"]),
        ({"recommendation": "maybe"}, "recommendation", hf.BAD_RECOMMENDATION),
        ({"strengths": ""}, "strengths", hf.REQUIRED["strengths"]),
        ({"interview_minutes": 17}, "interview_minutes", hf.BAD_LENGTH),
        (
            {"interviewer_ids": ("UBOTX",)},
            "interviewers",
            hf.INTERVIEWER_IS_BOT.format(name="Helper Bot"),
        ),
        (
            {"interviewer_ids": ("UGUEST",)},
            "interviewers",
            hf.INTERVIEWER_IS_GUEST.format(name="Gus Guest"),
        ),
        (
            {"candidate_user_id": "UBOTX"},
            "candidate_user_id",
            hf.CANDIDATE_IS_BOT.format(name="Helper Bot"),
        ),
        ({"candidate_user_id": "UHM"}, "candidate_user_id", hf.CANDIDATE_IS_STAFF),
        (
            {"candidate_user_id": "UCAND", "interviewer_ids": ("UCAND",)},
            "interviewers",
            hf.INTERVIEWER_IS_GUEST.format(name="Cara Candidate"),
        ),
    ],
)
def test_each_bad_input_is_named_next_to_its_field(changes, field, message):
    errors = errors_for(valid(**changes))
    assert errors.get(field) == message


@pytest.mark.parametrize(
    "field", ["candidate_name", "strengths", "concerns", "shared_feedback", "recruiter_notes"]
)
def test_fields_over_their_length_limit_are_refused(field):
    limit = hf.LIMITS[field]
    errors = errors_for(valid(**{field: "x" * (limit + 1)}))
    assert errors[field] == hf.TOO_LONG.format(limit=limit, length=limit + 1)
    assert field not in errors_for(valid(**{field: "x" * limit}))


def test_too_many_interviewers():
    many = tuple(f"U{i}" for i in range(hf.MAX_INTERVIEWERS + 1))
    assert errors_for(valid(interviewer_ids=many))["interviewers"] == hf.TOO_MANY_INTERVIEWERS


def test_candidate_in_slack_needs_no_email():
    assert errors_for(valid(candidate_email="", candidate_user_id="UCAND")) == {}


def test_a_typed_role_title_is_enough():
    assert errors_for(valid(role_id="", role_title="Staff Data Engineer")) == {}


def test_no_interview_time_is_fine():
    assert errors_for(valid(interview_start=None)) == {}


def test_the_hiring_manager_listed_as_interviewer_is_not_counted_twice():
    form = valid(interviewer_ids=("UHM", "UINT", "UINT"))
    assert errors_for(form) == {}
    handoff = handoff_from_form(
        form, team_id="T1", recruiter_id="UREC", role_title="Software Engineer", now=NOW
    )
    assert handoff.interviewer_ids == ("UINT",)
    assert handoff.panel == ("UHM", "UINT")
    assert handoff.interview_start == (NOW + timedelta(days=5)).isoformat()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"hiring_manager_id": "UNOBODY"}, "hiring_manager", hf.HM_UNKNOWN),
        ({"interviewer_ids": ("UINT", "UNOBODY")}, "interviewers", hf.INTERVIEWER_UNKNOWN),
        ({"candidate_user_id": "UNOBODY"}, "candidate_user_id", hf.CANDIDATE_UNKNOWN),
    ],
)
def test_people_the_platform_does_not_know_are_refused(changes, field, message):
    assert errors_for(valid(**changes))[field] == message


def test_a_panel_too_big_to_accept_is_not_looked_up_in_full():
    form = valid(interviewer_ids=tuple(f"U{n}" for n in range(50)))
    assert len(form.people_to_look_up()) <= hf.MAX_INTERVIEWERS + 4
    assert errors_for(form)["interviewers"] == hf.TOO_MANY_INTERVIEWERS
