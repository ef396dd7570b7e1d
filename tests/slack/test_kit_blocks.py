"""Kit, feedback and debrief Block Kit as data: within Slack's limits, whatever the panel's size."""

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from test_store import make_handoff

from plugin.devtools.slack_standin import _check_blocks
from plugin.domain.feedback import Feedback, Rating, competency_names
from plugin.domain.handoff import RECOMMENDATION_LABELS, Recommendation, ScreeningNotes, State
from plugin.domain.panel import PanelPlan, build_kits, plan_panel
from plugin.domain.question_bank import load_bank
from plugin.slack.blocks import kits

START = datetime(2026, 3, 10, 14, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def bank():
    return load_bank(None)


def handoff(**changes):
    base = replace(
        make_handoff(),
        role_id="software_engineer",
        role_title="Software engineer",
        interviewer_ids=("UA", "UB"),
        interview_start=START.isoformat(),
        state=State.ACCEPTED,
        notes=ScreeningNotes(
            "strong_yes",
            strengths="Sharp",
            concerns="Tends to blame others. Rambled when explaining decisions.",
        ),
    )
    return replace(base, **changes)


def plan_for(bank, record, competencies=None):
    return plan_panel(
        handoff_id=record.id,
        role_competencies=competencies or bank.roles[record.role_id].competencies,
        concern_competencies=bank.competencies_for_concerns(record.notes.concerns),
        picked_competencies=(),
        hiring_manager=record.hiring_manager_id,
        interviewers=record.interviewer_ids,
    )


def within_limits(blocks, limit=50):
    assert _check_blocks(blocks, limit) == []
    for block in blocks:
        if block["type"] == "section" and "text" in block:
            assert len(block["text"]["text"]) <= 3000


def test_a_three_by_three_kit_has_one_section_per_question(bank):
    record = handoff(interviewer_ids=("UA",))
    owned = ["ownership", "communication", "collaboration"]
    plan = PanelPlan(
        {"UHM": owned, "UA": ["problem_solving"]},
        concern_competencies=("ownership",),
        competencies=(*owned, "problem_solving"),
        hiring_manager="UHM",
    )
    kit = build_kits(bank, plan, record.role_id, 3, record.notes.concerns)["UHM"]
    names = competency_names(bank, plan.competencies)
    blocks = kits.kit_blocks(record, kit, "Europe/Berlin", plan, names)
    within_limits(blocks)
    questions = [q for s in kit.sections for q in s.questions]
    assert len(questions) == 9
    for question in questions:
        [block] = [b for b in blocks if question.text in b.get("text", {}).get("text", "")]
        assert all(p in block["text"]["text"] for p in question.probes)


def test_a_huge_kit_is_compacted_to_fit_one_message(bank):
    record = handoff(interviewer_ids=())
    everything = tuple(bank.competencies)
    plan = plan_for(bank, record, everything)
    kit = build_kits(bank, plan, record.role_id, 10, record.notes.concerns)["UHM"]
    assert len(kit.sections) == len(everything)
    blocks = kits.kit_blocks(record, kit, "UTC", plan, competency_names(bank, everything))
    within_limits(blocks)
    text = json.dumps(blocks)
    assert all(bank.competencies[c].name in text for c in everything)


def test_no_kit_shows_the_recruiters_recommendation(bank):
    record = handoff()
    plan = plan_for(bank, record)
    label = RECOMMENDATION_LABELS[Recommendation.STRONG_YES]
    for person, kit in build_kits(bank, plan, record.role_id, 3, record.notes.concerns).items():
        text = json.dumps(kits.kit_blocks(record, kit, "UTC", plan), ensure_ascii=False)
        assert label not in text and "strong_yes" not in text
        assert ("Who covers what" in text) == (person == "UHM")


def test_the_feedback_modal_fits_even_for_every_competency(bank):
    everything = [(c, bank.competencies[c].name) for c in bank.competencies]
    view = kits.feedback_modal(handoff(), everything)
    within_limits(view["blocks"], 100)
    assert len(view["title"]["text"]) <= 24 and view["private_metadata"] == "h1"


def test_the_debrief_puts_ratings_side_by_side_within_limits(bank):
    record = handoff(interviewer_ids=tuple(f"U{n}" for n in range(8)))
    everything = tuple(bank.competencies)
    plan = plan_for(bank, record, everything)
    feedback = {
        person: Feedback(
            record.id,
            person,
            tuple(Rating(c, 1 + i % 4, "Because.") for i, c in enumerate(owned)),
            "hire",
            submitted_at=START.isoformat(),
        )
        for person, owned in plan.assignments.items()
    }
    blocks = kits.debrief_blocks(record, plan, feedback, "UTC", competency_names(bank, everything))
    within_limits(blocks)
    fields = [f["text"] for b in blocks for f in b.get("fields", [])]
    assert len(fields) == 2 * len(everything)
    side_by_side = dict(zip(fields[::2], fields[1::2], strict=True))
    for person, owned in plan.assignments.items():
        for competency_id in owned:
            name = bank.competencies[competency_id].name
            [cell] = [v for k, v in side_by_side.items() if f"*{name}*" in k]
            assert f"<@{person}>" in cell
    owners = [b["accessory"]["value"] for b in blocks if "accessory" in b]
    assert owners == list(plan.people)
    assert kits.handoff_of_debrief_block(blocks[-1]["block_id"]) == record.id
    assert kits.handoff_of_debrief_block("kit_feedback_actions") == ""
