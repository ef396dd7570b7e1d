"""Every card the Teams app builds is valid Adaptive Card 1.5 and says what the Slack blocks say."""

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

from conftest import PEOPLE
from plugin.domain.handoff import Handoff, Person, ScreeningNotes, State, new_event
from plugin.domain.question_bank import load_bank
from plugin.teams import text
from plugin.teams.cards import brief, handoff_form, handoff_list, help, notices, questions
from plugin.teams.form import FormRecord
from plugin.teams.roster import MAX_PEOPLE

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "schemas/adaptive-card-1.5.schema.json").read_text()
)
VALIDATOR = jsonschema.Draft6Validator(SCHEMA)
TEAMS_CARD_LIMIT = 28 * 1024
REC, HM, IVY, OMAR = (PEOPLE[k].aad for k in ("recruiter", "manager", "ivy", "omar"))
NAMES = {p.aad: p.name for p in PEOPLE.values()}
START = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
BANK = load_bank()


def valid(card: dict) -> dict:
    errors = sorted(VALIDATOR.iter_errors(card), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message[:200]}" for e in errors[:5]]
    assert card["version"] == "1.5" and card["type"] == "AdaptiveCard"
    return card


def teams_handoff(**changes) -> Handoff:
    handoff = Handoff(
        id="h1",
        team_id="tenant",
        recruiter_id=REC,
        hiring_manager_id=HM,
        interviewer_ids=(IVY, OMAR),
        candidate_name="Jane Doe",
        role_title="Software Engineer",
        notes=ScreeningNotes(
            recommendation="yes",
            strengths="Explained a hard migration clearly.",
            concerns="Little experience owning on-call.",
            shared_feedback="Go deeper on system design trade-offs.",
            recruiter_notes="Prefers a hybrid role.",
        ),
        created_at="2026-11-20T10:00:00+00:00",
        interview_start=START.isoformat(),
        location="Room 4",
        platform="teams",
    )
    return replace(handoff, **changes)


def texts(card: dict) -> str:
    return json.dumps(card, ensure_ascii=False)


def inputs(card: dict) -> dict[str, dict]:
    found = {}

    def walk(node):
        if isinstance(node, dict):
            if str(node.get("type", "")).startswith("Input."):
                found[node["id"]] = node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    return found


def verbs(card: dict) -> list[str]:
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "Action.Execute":
                found.append(node["verb"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    return found


def record(people=None) -> FormRecord:
    people = people or [
        Person(id=p.aad, name=p.name, email=p.email, is_guest=p.role == "guest")
        for p in PEOPLE.values()
    ]
    return FormRecord(
        form_id="f1", recruiter_id=REC, tenant_id="t", tz="America/New_York", people=tuple(people)
    )


COMPETENCIES = [(c.id, c.name) for c in BANK.competencies.values()]


def form(**options) -> dict:
    options.setdefault("competencies", COMPETENCIES)
    options.setdefault("zones", record().zone_choices())
    return handoff_form.form_card(
        [("software_engineer", "Software Engineer")],
        record().choices(),
        form_id="f1",
        tz="America/New_York",
        today="2026-11-29",
        **options,
    )


def test_help_and_welcome_cards():
    card = valid(help.help_card())
    assert "handoff" in texts(card) and "questions ownership" in texts(card)
    assert text.WELCOME in texts(valid(help.welcome_card()))


def test_the_form_has_the_slack_modals_fields_and_one_submit():
    card = valid(form())
    assert list(inputs(card)) == [
        "candidate_name",
        "role_id",
        "role_title",
        "candidate_email",
        "candidate_user_id",
        "candidate_tz",
        "hiring_manager",
        "interviewers",
        "interview_date",
        "interview_time",
        "interview_minutes",
        "location",
        "recommendation",
        "strengths",
        "concerns",
        "shared_feedback",
        "competencies",
        "recruiter_notes",
    ]
    assert verbs(card) == ["handoff.submit"]
    assert card["actions"][0]["data"] == {"form_id": "f1"}
    fields = inputs(card)
    assert fields["interview_date"]["label"] == "Interview date (America/New_York)"
    assert fields["interview_minutes"]["value"] == "60"
    assert fields["interviewers"]["isMultiSelect"] is True
    zones = [c["value"] for c in fields["candidate_tz"]["choices"]]
    assert {"America/New_York", "Europe/Berlin", "Asia/Kolkata", "UTC"} <= set(zones)
    assert "candidate_tz" not in {k for k, f in fields.items() if f.get("isRequired")}
    assert fields["competencies"]["isMultiSelect"] is True
    assert [c["value"] for c in fields["competencies"]["choices"]] == [c for c, _ in COMPETENCIES]


def test_the_candidate_zone_list_always_has_the_recruiters_own():
    own = replace(record(), tz="Pacific/Chatham")
    assert "Pacific/Chatham" in own.zone_choices()
    assert own.zone_choices() == sorted(own.zone_choices())


def test_the_people_pickers_offer_members_and_guests_apart():
    fields = inputs(form())
    managers = [c["title"] for c in fields["hiring_manager"]["choices"]]
    assert "Hank Manager" in managers
    assert not any("Gus Guest" in m for m in managers)
    assert [c["title"] for c in fields["candidate_user_id"]["choices"]] == ["Gus Guest, guest"]
    assert all(c["value"].startswith("p") for c in fields["hiring_manager"]["choices"])


def test_errors_appear_under_their_fields_and_values_are_kept():
    errors = {
        "candidate_name": "Enter the candidate's name.",
        "interview_start": "Pick both the date and the time, or leave both empty.",
        "hiring_manager": "Pick the hiring manager who will run the second interview.",
        "mystery": "Something else.",
    }
    card = valid(form(values={"strengths": "Sharp", "interview_date": "2026-12-01"}, errors=errors))
    body = card["body"]
    ids = [b.get("id") for b in body]
    assert ids.index("candidate_name_error") == ids.index("candidate_name") + 1
    assert ids.index("interview_time_error") == ids.index("interview_time") + 1
    assert body[ids.index("hiring_manager_error")]["color"] == "Attention"
    assert text.FORM_HAS_ERRORS in texts(card) and "Something else." in texts(card)
    assert inputs(card)["strengths"]["value"] == "Sharp"
    assert inputs(card)["interview_date"]["value"] == "2026-12-01"


def test_a_large_organisation_still_fits_a_teams_card():
    people = [
        Person(
            id=f"{i:08d}-0000-4000-8000-000000000000",
            name=f"Alexandra Montgomery-Smith {i:03d}",
            email=f"person.number.{i}@contoso.test",
        )
        for i in range(MAX_PEOPLE)
    ]
    values = {
        name: "x" * 2000 for name in ("strengths", "concerns", "shared_feedback", "recruiter_notes")
    }
    card = handoff_form.form_card(
        [(f"role{i}", f"Role {i}") for i in range(30)],
        record(people).choices(),
        form_id="f1",
        tz="UTC",
        today="2026-11-29",
        values=values,
        capped=True,
        competencies=COMPETENCIES,
        zones=record().zone_choices(),
    )
    valid(card)
    size = len(json.dumps(card, separators=(",", ":")).encode())
    assert size < TEAMS_CARD_LIMIT, size


def test_the_sent_card():
    card = valid(handoff_form.sent_card(teams_handoff(), NAMES))
    assert "Jane Doe (Software Engineer) is with Hank Manager" in texts(card)


def test_an_open_brief_has_the_slack_briefs_content_and_actions():
    card = valid(brief.brief_card(teams_handoff(), "Europe/Berlin", NAMES))
    content = texts(card)
    for expected in (
        "Second interview: Jane Doe",
        "Rita Recruiter",
        "Waiting for your answer",
        "Yes: worth a closer look",
        "Explained a hard migration clearly.",
        "Little experience owning on-call.",
        "Go deeper on system design trade-offs.",
        "Prefers a hybrid role.",
        "Tue 1 Dec 2026, 15:00–16:00 CET",
        "Room 4",
        "Hank Manager (hiring manager)",
        "Ivy Interviewer",
        "Omar Interviewer",
    ):
        assert expected in content, expected
    assert verbs(card) == ["brief.accept", "brief.decline", "brief.ask"]
    assert [a["title"] for a in card["actions"]] == ["Accept", "Decline", "Ask the recruiter"]
    assert inputs(card)["reason"]["isRequired"] is True


def test_a_brief_without_a_time_offers_to_set_it_in_the_readers_zone():
    card = valid(brief.brief_card(teams_handoff(interview_start=""), "Asia/Kolkata", NAMES))
    assert "Not set yet" in texts(card)
    assert verbs(card)[-1] == "brief.set_time"
    assert inputs(card)["interview_date"]["label"] == "Date (Asia/Kolkata)"
    assert card["actions"][-1]["card"]["actions"][0]["data"]["tz"] == "Asia/Kolkata"


def test_an_accepted_brief_shows_who_and_when_and_drops_accept_and_decline():
    question = new_event("question", HM, "Salary range?", now=START - timedelta(days=2))
    handoff = teams_handoff(
        state=State.ACCEPTED,
        acted_by=HM,
        acted_at=(START - timedelta(days=1)).isoformat(),
        events=(question,),
    )
    card = valid(brief.brief_card(handoff, "Europe/Berlin", NAMES))
    content = texts(card)
    assert "✅ Accepted by Hank Manager 30 Nov 15:00 CET" in content
    assert "💬 Hank Manager asked the recruiter a question" in content
    assert verbs(card) == ["brief.ask", "schedule.reschedule", "schedule.cancel"]
    assert [a["title"] for a in card["actions"]] == [
        "Ask the recruiter",
        "Reschedule",
        "Cancel interview",
    ]


def test_a_declined_brief_has_no_actions():
    handoff = teams_handoff(state=State.DECLINED, acted_by=HM, acted_at=START.isoformat())
    card = valid(brief.brief_card(handoff, "UTC", NAMES))
    assert "actions" not in card and "🚫 Declined by Hank Manager" in texts(card)


def test_a_refused_decline_keeps_the_reason_and_says_why():
    card = valid(
        brief.brief_card(
            teams_handoff(),
            "UTC",
            NAMES,
            errors={"reason": "Say why."},
            values={"reason": "x" * 5},
        )
    )
    assert inputs(card)["reason"]["value"] == "xxxxx"
    assert "Not sent: Say why." in texts(card)
    decline = card["actions"][1]["card"]["body"]
    assert decline[-1]["id"] == "reason_error"


def test_user_text_is_never_read_as_markdown():
    sneaky = "[click me](https://evil.test) **bold**"
    handoff = teams_handoff(candidate_name=sneaky, location=sneaky)
    cards = [
        brief.brief_card(handoff, "UTC", {**NAMES, REC: sneaky}),
        handoff_form.sent_card(handoff, NAMES),
        handoff_list.handoff_list_card([handoff], "UTC", NAMES),
    ]

    def markdown_texts(node):
        if isinstance(node, dict):
            if node.get("type") in ("TextBlock", "Fact") or "title" in node and "value" in node:
                yield json.dumps(node)
            for value in node.values():
                yield from markdown_texts(value)
        elif isinstance(node, list):
            for value in node:
                yield from markdown_texts(value)

    for card in cards:
        valid(card)
        assert sneaky in texts(card)
        header = [t for t in markdown_texts(card["body"]) if "evil.test" in t]
        assert all('"size": "Large"' in t for t in header), header


@pytest.mark.parametrize(
    "kind", ["created", "accepted", "declined", "question", "time_set", "delivery_failed"]
)
def test_every_notice_is_a_valid_card(kind):
    handoff = teams_handoff()
    event_text = {
        "declined": "Not senior enough",
        "question": "Why?",
        "time_set": START.isoformat(),
        "delivery_failed": "the app isn't installed",
    }
    event = new_event(
        kind, HM if kind not in ("created", "delivery_failed") else REC, event_text.get(kind, "")
    )
    card = valid(notices.notice_card(handoff, event, "America/New_York", NAMES))
    line = notices.notice_text(handoff, event, "America/New_York", NAMES)
    assert card["fallbackText"] == line[:300]
    if kind == "question":
        assert verbs(card) == ["question.answer"]
        assert card["actions"][0]["card"]["actions"][0]["data"]["event_id"] == event.id
        answered = valid(notices.notice_card(handoff, event, "UTC", NAMES, answered="Band 3"))
        assert "You answered: Band 3" in texts(answered) and "actions" not in answered
        problem = valid(
            notices.notice_card(handoff, event, "UTC", NAMES, problem="Type it.", value="ab")
        )
        assert inputs(problem)["answer"]["value"] == "ab"
    if kind == "declined":
        assert "Not senior enough" in texts(card)
    if kind == "time_set":
        assert "Tue 1 Dec 2026, 09:00–10:00 EST" in line


def test_the_answer_card():
    event = new_event("answer", REC, "Band 3, remote ok")
    card = valid(notices.answer_card(event, NAMES))
    assert "Rita Recruiter answered:" in texts(card) and "Band 3, remote ok" in texts(card)


def test_question_set_cards():
    valid(questions.usage_card(BANK))
    competency = valid(questions.question_set_card(BANK, "ownership"))
    assert competency["body"][0]["text"] == BANK.competencies["ownership"].name
    role = valid(questions.question_set_card(BANK, "software engineer"))
    assert "interview questions" in role["body"][0]["text"]
    unknown = valid(questions.question_set_card(BANK, "ownrship"))
    assert "Did you mean Ownership" in texts(unknown)


def test_handoff_list_cards():
    assert text.LIST_EMPTY in texts(valid(handoff_list.handoff_list_card([], "UTC", NAMES)))
    card = valid(handoff_list.handoff_list_card([teams_handoff()], "Europe/Berlin", NAMES))
    assert "Jane Doe for Software Engineer, to Hank Manager" in texts(card)
