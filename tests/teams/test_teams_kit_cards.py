"""The Teams cards of issues 3 and 4: kits, feedback, the debrief, schedule changes, candidate
messages. Every one is valid Adaptive Card 1.5 and says what its Slack counterpart says."""

import inspect
import json
from dataclasses import replace
from datetime import timedelta

import pytest
from test_teams_cards import (
    BANK,
    HM,
    IVY,
    NAMES,
    OMAR,
    REC,
    START,
    inputs,
    teams_handoff,
    valid,
    verbs,
)

from plugin.domain.candidate_messages import build_content, candidate_facts
from plugin.domain.feedback import Feedback, Rating, competency_names
from plugin.domain.handoff import RECOMMENDATION_LABELS, Person, State, new_event
from plugin.domain.panel import build_kits, plan_panel
from plugin.slack import render as slack_render
from plugin.teams import render as teams_render
from plugin.teams import text
from plugin.teams.cards import candidate, kits, notices, schedule
from plugin.teams.cards.kits import CARD_BUDGET

CONCERNS = "Tends to blame others. Struggled to handle conflict with peers."


def texts(card: dict) -> str:
    return json.dumps(card, ensure_ascii=False)


def size(card: dict) -> int:
    return len(json.dumps(card, separators=(",", ":"), ensure_ascii=False).encode())


def planned(handoff=None, per_competency=3, picked=()):
    handoff = handoff or teams_handoff(notes=replace(teams_handoff().notes, concerns=CONCERNS))
    role = BANK.roles["software_engineer"]
    plan = plan_panel(
        handoff_id=handoff.id,
        role_competencies=role.competencies,
        concern_competencies=BANK.competencies_for_concerns(handoff.notes.concerns),
        picked_competencies=picked,
        hiring_manager=handoff.hiring_manager_id,
        interviewers=handoff.interviewer_ids,
    )
    built = build_kits(BANK, plan, "software_engineer", per_competency, handoff.notes.concerns)
    return handoff, plan, built, competency_names(BANK, plan.competencies)


def test_teams_renders_every_message_slack_renders():
    def functions(module):
        return {
            name
            for name, value in vars(module).items()
            if inspect.isfunction(value)
            and value.__module__ == module.__name__
            and not name.startswith("_")
        }

    assert functions(slack_render) <= functions(teams_render)


def test_the_hiring_managers_kit_covers_the_panel_and_the_concerns():
    handoff, plan, built, names = planned()
    card = valid(kits.kit_card(handoff, built[HM], "Europe/Berlin", plan, NAMES, names))
    content = texts(card)
    assert "Interview kit: Jane Doe" in content and "Tue 1 Dec 2026, 15:00–16:00 CET" in content
    assert text.KIT_WHO_COVERS in content and "Hank Manager (you)" in content
    assert "Ivy Interviewer" in content and "Omar Interviewer" in content
    assert "Tends to blame others" in content and text.KIT_WHO_LEGEND in content
    for competency in plan.assignments[HM]:
        assert names[competency] in content
    assert "Room 4" in content and text.KIT_REPLACES not in content
    assert "actions" not in card
    question = built[HM].sections[0].questions[0]
    for part in (question.text, question.probes[0], question.strong_answer, text.KIT_STRONG):
        assert part in content


def test_an_interviewers_kit_never_shows_the_recommendation():
    handoff, plan, built, names = planned()
    card = valid(kits.kit_card(handoff, built[IVY], "Asia/Kolkata", plan, NAMES, names))
    content = texts(card)
    assert text.KIT_WHO_COVERS not in content
    assert "Hank Manager (hiring manager)" in content and "Ivy Interviewer (you)" in content
    assert not any(label in content for label in RECOMMENDATION_LABELS.values())
    assert "Prefers a hybrid role" not in content and "Explained a hard migration" not in content
    for competency in plan.assignments[IVY]:
        assert names[competency] in content
    others = [c for c in plan.competencies if c not in plan.assignments[IVY]]
    assert not any(f'"{names[c]}"' in content for c in others)
    moved = valid(
        kits.kit_card(handoff, built[IVY], "Asia/Kolkata", plan, NAMES, names, replaces=True)
    )
    assert text.KIT_REPLACES in texts(moved)


def test_a_kit_with_nothing_assigned_says_so():
    handoff, plan, built, names = planned()
    empty = replace(built[OMAR], sections=())
    card = valid(kits.kit_card(handoff, empty, "UTC", plan, NAMES, names))
    assert text.KIT_NOTHING_ASSIGNED in texts(card)


def test_a_very_long_kit_is_cut_to_fit_a_teams_card():
    picked = tuple(BANK.competencies)
    handoff, plan, built, names = planned(per_competency=10, picked=picked)
    for person in plan.people:
        card = valid(kits.kit_card(handoff, built[person], "UTC", plan, NAMES, names))
        assert size(card) <= CARD_BUDGET
        for kit_section in built[person].sections:  # every competency and question is still there
            assert all(q.text in texts(card) for q in kit_section.questions)


def test_a_kit_too_long_even_without_probes_points_at_the_rest():
    handoff, plan, built, names = planned(per_competency=10, picked=tuple(BANK.competencies))
    huge = replace(built[HM], sections=built[HM].sections * 8)
    card = valid(kits.kit_card(handoff, huge, "UTC", plan, NAMES, names))
    assert size(card) <= CARD_BUDGET
    last = huge.sections[-1].name
    assert text.KIT_TRUNCATED.format(name=last) in texts(card)


def test_prompts_and_reminders_carry_the_submit_feedback_button():
    handoff = teams_handoff()
    prompt = valid(kits.feedback_prompt_card(handoff, ["Ownership", "Collaboration"], NAMES))
    assert verbs(prompt) == ["feedback.open"]
    assert prompt["actions"][0]["title"] == text.BUTTON_FEEDBACK
    assert "a rating with evidence for Ownership, Collaboration" in texts(prompt)
    assert "Only Hank Manager and Rita Recruiter see it" in texts(prompt)
    second = valid(kits.feedback_prompt_card(handoff, [], NAMES, reminder=(2, 5)))
    assert "Reminder 2 of 5." in texts(second) and text.PROMPT_WHAT_NONE in texts(second)
    last = valid(kits.feedback_prompt_card(handoff, ["Ownership"], NAMES, reminder=(5, 5)))
    assert "the last one" in texts(last)


def test_the_feedback_form_shows_problems_under_their_fields_and_keeps_what_was_typed():
    handoff = teams_handoff()
    owned = [("ownership", "Ownership"), ("collaboration", "Collaboration")]
    card = valid(kits.feedback_form_card(handoff, owned, "UTC"))
    fields = inputs(card)
    assert list(fields) == [
        "rating:ownership",
        "evidence:ownership",
        "rating:collaboration",
        "evidence:collaboration",
        "recommendation",
        "summary",
    ]
    assert fields["rating:ownership"]["isRequired"] is True
    assert [c["value"] for c in fields["rating:ownership"]["choices"]] == ["1", "2", "3", "4"]
    assert fields["recommendation"]["style"] == "expanded"
    assert verbs(card) == ["feedback.submit"]
    assert card["actions"][0]["data"] == {"handoff_id": "h1", "tz": "UTC"}
    errors = {"evidence:ownership": "Say more.", "recommendation": "Pick one."}
    redrawn = valid(
        kits.feedback_form_card(
            handoff, owned, "UTC", values={"rating:ownership": "3"}, errors=errors
        )
    )
    ids = [b.get("id") for b in redrawn["body"]]
    assert ids.index("evidence:ownership_error") == ids.index("evidence:ownership") + 1
    assert ids.index("recommendation_error") == ids.index("recommendation") + 1
    assert inputs(redrawn)["rating:ownership"]["value"] == "3"
    assert text.FEEDBACK_HAS_ERRORS in texts(redrawn)


def feedback_of(person, score=3, verdict="hire"):
    return Feedback(
        handoff_id="h1",
        person=person,
        ratings=(Rating("ownership", score, "Owned the migration end to end."),),
        recommendation=verdict,
        summary="Would like a second look at design." if person == IVY else "",
        submitted_at=START.isoformat(),
    )


def test_thanks_and_one_persons_full_feedback():
    handoff = teams_handoff()
    thanks = valid(kits.feedback_thanks_card(handoff, NAMES))
    assert "Hank Manager and Rita Recruiter get the debrief" in texts(thanks)
    names = {"ownership": "Ownership"}
    view = valid(kits.feedback_view_card(handoff, feedback_of(IVY), "UTC", NAMES, names))
    content = texts(view)
    assert "Ivy Interviewer's feedback on Jane Doe" in content and "1 Dec 14:00 UTC" in content
    assert "Ownership: ●●●○ 3 Solid" in content and "Owned the migration" in content
    assert "Would like a second look" in content and "actions" not in view
    back = valid(kits.feedback_view_card(handoff, feedback_of(IVY), "UTC", NAMES, names, back=True))
    assert verbs(back) == ["debrief.show"]


def test_the_debrief_puts_ratings_side_by_side():
    handoff, plan, _, names = planned()
    feedback = {
        HM: feedback_of(HM, 4, "strong_hire"),
        IVY: feedback_of(IVY, 3, "hire"),
        OMAR: feedback_of(OMAR, 2, "no_hire"),
    }
    card = valid(kits.debrief_card(handoff, plan, feedback, "Europe/Berlin", NAMES, names))
    content = texts(card)
    assert "Debrief: Jane Doe" in content and "Tue 1 Dec 2026, 15:00–16:00 CET" in content
    assert "Screen: Yes: worth a closer look" in content
    assert (
        "●●●● 4 Strong · Hank Manager" in content and "●●○○ 2 Mixed · Omar Interviewer" in content
    )
    assert "Recommendations: 1 strong hire, 1 hire, 1 no hire" in content
    assert "Hank Manager (hiring manager): Strong hire" in content
    assert verbs(card) == ["debrief.feedback"] * 3
    people = [
        a["data"]["person"] for b in card["body"] if b["type"] == "ActionSet" for a in b["actions"]
    ]
    assert people == list(plan.people)
    assert size(card) <= CARD_BUDGET


@pytest.mark.parametrize("kind", ["rescheduled", "cancelled"])
def test_the_panel_is_told_about_a_change(kind):
    handoff = teams_handoff(schedule_version=2)
    moved = (START + timedelta(days=1)).isoformat()
    event = new_event(kind, REC, moved if kind == "rescheduled" else "The role was filled")
    message = teams_render.panel_change_message(handoff, event, "Asia/Kolkata", names=NAMES)
    card = valid(message.card)
    if kind == "rescheduled":
        assert message.text.startswith("📅 Rita Recruiter moved the second interview with Jane")
        assert "Wed 2 Dec 2026, 19:30–20:30 IST" in message.text and "Room 4" in texts(card)
    else:
        assert "✖️ Rita Recruiter cancelled" in message.text
        assert "The role was filled" in texts(card)


@pytest.mark.parametrize(
    ("kind", "event_text", "expected"),
    [
        ("rescheduled", (START + timedelta(days=1)).isoformat(), "📅 Hank Manager moved"),
        ("cancelled", "Role filled", "✖️ Hank Manager cancelled"),
        ("opted_out", "", "asked not to get preparation reminders"),
        ("message_failed", "candidate:invite\nrefused", "their interview invitation: refused"),
        ("message_failed", "candidate:reminders\nno URL", "reminders for Jane Doe"),
        ("message_failed", f"panel:{IVY}\nnot installed", "couldn't tell Ivy Interviewer"),
        ("message_failed", f"panellist:{OMAR}\nnot installed", "couldn't reach Omar Interviewer"),
        ("message_failed", "other\noops", "didn't go out: oops"),
    ],
)
def test_every_new_notice_is_a_valid_card(kind, event_text, expected):
    handoff = teams_handoff()
    event = new_event(kind, HM, event_text)
    message = teams_render.notice_message(handoff, event, "UTC", names=NAMES)
    valid(message.card)
    assert expected in message.text
    assert "Omar Interviewer" in texts(message.card) or "panellist" not in event_text


def test_the_sent_notice_offers_change_and_cancel_until_the_interview_is_off():
    handoff = teams_handoff()
    created = new_event("created", REC)
    card = valid(notices.notice_card(handoff, created, "America/New_York", NAMES))
    assert verbs(card) == ["schedule.reschedule", "schedule.cancel"]
    assert [a["title"] for a in card["actions"]] == ["Change interview time", "Cancel interview"]
    assert "Interview (your time): Tue 1 Dec 2026, 09:00–10:00 EST" in texts(card)
    fields = inputs(card)
    assert fields["reschedule_date"]["value"] == "2026-12-01"
    assert fields["reschedule_time"]["value"] == "09:00"
    assert fields["reschedule_location"]["value"] == "Room 4"
    assert fields["cancel_reason"]["isRequired"] is True
    data = card["actions"][0]["card"]["actions"][0]["data"]
    assert data == {
        "handoff_id": "h1",
        "tz": "America/New_York",
        "source": "notice",
        "event_id": created.id,
    }
    refused = valid(
        notices.notice_card(
            handoff,
            created,
            "UTC",
            NAMES,
            errors={"interview_start": "That time has already passed."},
            values={"reschedule_date": "2020-01-01", "reschedule_time": "10:00"},
        )
    )
    assert "Not changed: That time has already passed." in texts(refused)
    assert inputs(refused)["reschedule_date"]["value"] == "2020-01-01"
    off = teams_handoff(state=State.CANCELLED, acted_by=HM, acted_at=START.isoformat())
    gone = valid(notices.notice_card(off, created, "UTC", NAMES))
    assert "actions" not in gone and "✖️ Cancelled by Hank Manager" in texts(gone)


def test_a_brief_accepted_without_a_time_can_be_set_or_cancelled_not_rescheduled():
    handoff = teams_handoff(interview_start="", state=State.ACCEPTED, acted_by=HM)
    card = valid(teams_render.brief_message(handoff, "UTC", names=NAMES).card)
    assert verbs(card) == ["brief.ask", "brief.set_time", "schedule.cancel"]


def test_the_candidates_card_has_the_emails_content_and_an_opt_out():
    handoff = teams_handoff(candidate_user_id="55555555-5555-4555-8555-555555555555")
    facts = candidate_facts(
        handoff,
        tz="Europe/Berlin",
        people=[Person(id=p, name=NAMES[p]) for p in handoff.panel],
        recruiter=Person(id=REC, name="Rita Recruiter", email="rita@contoso.test"),
        competency_names=["Ownership"],
    )
    content = build_content("confirmation", facts, START - timedelta(days=7), prep=True)
    card = valid(candidate.candidate_card(content, handoff_id="h1", offer_opt_out=True))
    assert content.subject in texts(card) and "Hank Manager" in texts(card)
    assert verbs(card) == ["candidate.stop_reminders"]
    assert "Little experience owning on-call" not in texts(card)
    plain = valid(candidate.candidate_card(content, handoff_id="h1", offer_opt_out=False))
    assert "actions" not in plain
    message = teams_render.candidate_message(content, handoff_id="h1", offer_opt_out=True)
    assert message.text == content.subject and message.card is not None


def test_user_text_stays_out_of_markdown_in_the_new_cards():
    sneaky = "[click me](https://evil.test) **bold**"
    handoff, plan, built, names = planned(teams_handoff(candidate_name=sneaky, location=sneaky))
    people = {**NAMES, IVY: sneaky}
    feedback = {p: feedback_of(p) for p in plan.people}
    cards = [
        kits.kit_card(handoff, built[HM], "UTC", plan, people, names),
        kits.kit_card(handoff, built[IVY], "UTC", plan, people, names),
        kits.feedback_prompt_card(handoff, ["Ownership"], people),
        kits.feedback_form_card(handoff, [("ownership", "Ownership")], "UTC"),
        kits.debrief_card(handoff, plan, feedback, "UTC", people, names),
        schedule.panel_change_card(handoff, new_event("cancelled", IVY, sneaky), "UTC", people),
    ]

    def text_blocks(node):
        if isinstance(node, dict):
            if node.get("type") == "TextBlock":
                yield node
            for value in node.values():
                yield from text_blocks(value)
        elif isinstance(node, list):
            for value in node:
                yield from text_blocks(value)

    for card in cards:
        valid(card)
        assert sneaky in texts(card)
        for block in text_blocks(card["body"]):
            assert "evil.test" not in block["text"] or block["size"] == "Large", block


def test_every_button_on_a_card_has_a_handler():
    from plugin.teams import actions
    from plugin.teams.cards import brief, handoff_form

    verbs_on_cards = {handoff_form.SUBMIT}
    for module in (brief, notices, kits, schedule, candidate):
        verbs_on_cards |= set(module.VERBS)
    assert verbs_on_cards == set(actions.HANDLERS)
