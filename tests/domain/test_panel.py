"""The panel plan's rules as properties, plus examples of plans and kits."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugin.domain.panel import PanelPlan, build_kits, plan_panel, split_sentences
from plugin.domain.question_bank import load_bank

COMPETENCY_POOL = [f"c{i:02d}" for i in range(16)]
PEOPLE_POOL = [f"U{i:02d}" for i in range(10)]

competency_lists = st.lists(st.sampled_from(COMPETENCY_POOL), max_size=8)
panels = st.fixed_dictionaries(
    {
        "handoff_id": st.text(min_size=1, max_size=12),
        "role_competencies": st.lists(st.sampled_from(COMPETENCY_POOL), max_size=6, unique=True),
        "concern_competencies": competency_lists,
        "picked_competencies": competency_lists,
        "hiring_manager": st.sampled_from(PEOPLE_POOL),
        "interviewers": st.lists(st.sampled_from(PEOPLE_POOL), max_size=7),
    }
)


def expected_competencies(panel: dict) -> set[str]:
    return {
        *panel["role_competencies"],
        *panel["concern_competencies"],
        *panel["picked_competencies"],
    }


@given(panels)
def test_every_competency_is_covered_exactly_once(panel):
    plan = plan_panel(**panel)
    owned = Counter(c for competencies in plan.assignments.values() for c in competencies)
    assert set(owned) == expected_competencies(panel)
    assert all(count == 1 for count in owned.values())
    assert set(plan.competencies) == expected_competencies(panel)
    for competency in plan.competencies:
        assert competency in plan.assignments[plan.owner_of(competency)]


@given(panels)
def test_loads_differ_by_at_most_one(panel):
    plan = plan_panel(**panel)
    loads = [len(competencies) for competencies in plan.assignments.values()]
    assert max(loads) - min(loads) <= 1
    assert len(plan.assignments[panel["hiring_manager"]]) == max(loads)


@given(panels)
def test_everyone_is_on_the_panel_once_hiring_manager_first(panel):
    plan = plan_panel(**panel)
    assert plan.people[0] == panel["hiring_manager"]
    assert set(plan.people) == {panel["hiring_manager"], *panel["interviewers"]}


@given(panels, st.randoms(use_true_random=False))
def test_same_handoff_same_plan_whatever_the_interviewer_order(panel, random):
    plan = plan_panel(**panel)
    assert plan_panel(**panel) == plan
    shuffled = [*panel["interviewers"], *panel["interviewers"][:2], panel["hiring_manager"]]
    random.shuffle(shuffled)
    assert plan_panel(**{**panel, "interviewers": shuffled}) == plan


@given(panels)
def test_concerns_go_to_the_hiring_manager_first(panel):
    plan = plan_panel(**panel)
    concerns = list(dict.fromkeys(panel["concern_competencies"]))
    assert list(plan.concern_competencies) == concerns
    hm_list = plan.assignments[panel["hiring_manager"]]
    taken = min(len(concerns), len(hm_list))
    assert hm_list[:taken] == concerns[:taken]
    if len(concerns) > len(hm_list):
        assert set(hm_list) <= set(concerns)
    for person, competencies in plan.assignments.items():
        if person != panel["hiring_manager"]:
            flags = [c in concerns for c in competencies]
            assert flags == sorted(flags, reverse=True), "a panellist's concerns come first"


@given(panels)
def test_plan_survives_json_storage(panel):
    plan = plan_panel(**panel)
    assert PanelPlan.from_dict(json.loads(json.dumps(plan.to_dict()))) == plan


@settings(max_examples=25)
@given(panels)
def test_kits_follow_the_plan(panel):
    bank = load_bank()
    real = list(bank.competencies)
    mapping = {c: real[i % len(real)] for i, c in enumerate(COMPETENCY_POOL)}
    panel = {
        **panel,
        "role_competencies": [mapping[c] for c in panel["role_competencies"]],
        "concern_competencies": [mapping[c] for c in panel["concern_competencies"]],
        "picked_competencies": [mapping[c] for c in panel["picked_competencies"]],
    }
    plan = plan_panel(**panel)
    kits = build_kits(bank, plan, "general")
    assert list(kits) == list(plan.assignments)
    for person, kit in kits.items():
        assert list(kit.competencies) == plan.assignments[person]
        for section in kit.sections:
            assert section.questions == tuple(
                bank.questions_for("general", section.competency_id, 3)
            )


def test_no_interviewers_means_the_hiring_manager_takes_everything():
    plan = plan_panel(
        handoff_id="h1",
        role_competencies=["ownership", "communication"],
        concern_competencies=["adaptability"],
        picked_competencies=["ownership"],
        hiring_manager="UHM",
        interviewers=[],
    )
    assert plan.assignments == {"UHM": ["adaptability", "ownership", "communication"]}
    assert plan.competencies == ("ownership", "communication", "adaptability")


def test_worked_example():
    plan = plan_panel(
        handoff_id="handoff-42",
        role_competencies=["a", "b", "c", "d", "e"],
        concern_competencies=["x", "y", "z", "b"],
        picked_competencies=["p"],
        hiring_manager="HM",
        interviewers=["I1", "HM", "I2"],
    )
    assert plan.competencies == ("a", "b", "c", "d", "e", "x", "y", "z", "p")
    assert plan.concern_competencies == ("x", "y", "z", "b")
    assert plan.assignments["HM"] == ["x", "y", "z"]
    others = [p for p in plan.people if p != "HM"]
    assert [plan.assignments[p][0] for p in others] == ["b", "a"]
    assert sorted(len(v) for v in plan.assignments.values()) == [3, 3, 3]
    assert plan.owner_of("p") in others and plan.owner_of("nope") is None


def test_more_interviewers_than_competencies():
    plan = plan_panel(
        handoff_id="h",
        role_competencies=["a"],
        concern_competencies=[],
        picked_competencies=["b"],
        hiring_manager="HM",
        interviewers=["I1", "I2", "I3"],
    )
    assert plan.assignments["HM"] == ["a"]
    assert sorted(len(v) for v in plan.assignments.values()) == [0, 0, 1, 1]


def test_a_hiring_manager_is_required():
    with pytest.raises(ValueError, match="hiring manager"):
        plan_panel(
            handoff_id="h",
            role_competencies=["a"],
            concern_competencies=[],
            picked_competencies=[],
            hiring_manager="",
            interviewers=["I1"],
        )


@pytest.mark.parametrize(
    "stored",
    [
        {},
        {"version": 2},
        {"version": 1, "assignments": "x", "competencies": [], "concern_competencies": []},
        {
            "version": 1,
            "assignments": [["A", ["a"]]],
            "competencies": ["a", "b"],
            "concern_competencies": [],
        },
        {
            "version": 1,
            "hiring_manager": "HM",
            "assignments": [["A", ["a"]], ["HM", []]],
            "competencies": ["a"],
            "concern_competencies": [],
        },
    ],
)
def test_malformed_stored_plans_are_rejected(stored):
    with pytest.raises(ValueError, match="not a stored panel plan"):
        PanelPlan.from_dict(stored)


def test_kits_carry_questions_and_the_concern_sentences_that_touch_them():
    bank = load_bank()
    concerns = (
        "Strong on technical depth.\n"
        "- Blamed the previous team for the outage; vague about her own part.\n"
        "* Struggled to prioritise when I pushed on deadlines."
    )
    concern_ids = bank.competencies_for_concerns(concerns)
    plan = plan_panel(
        handoff_id="h-7",
        role_competencies=list(bank.roles["software_engineer"].competencies),
        concern_competencies=concern_ids,
        picked_competencies=[],
        hiring_manager="UHM",
        interviewers=["U1", "U2"],
    )
    kits = build_kits(bank, plan, "software_engineer", concerns_text=concerns)
    hm_kit = kits["UHM"]
    assert hm_kit.hiring_manager and not kits["U1"].hiring_manager
    first = hm_kit.sections[0]
    assert first.concern and first.competency_id == concern_ids[0]
    assert len(first.questions) == 3
    by_id = {s.competency_id: s for k in kits.values() for s in k.sections}
    assert by_id["ownership"].concern_snippets == ("Blamed the previous team for the outage;",)
    assert by_id["prioritisation_under_pressure"].concern_snippets == (
        "Struggled to prioritise when I pushed on deadlines.",
    )
    assert by_id["collaboration"].concern_snippets == ()
    json.dumps([k.to_dict() for k in kits.values()])


def test_kit_for_a_competency_the_bank_no_longer_has():
    plan = plan_panel(
        handoff_id="h",
        role_competencies=["ownership", "retired_competency"],
        concern_competencies=[],
        picked_competencies=[],
        hiring_manager="HM",
        interviewers=["I1"],
    )
    kits = build_kits(load_bank(), plan, None)
    section = kits[plan.owner_of("retired_competency")].sections[0]
    assert section.name == "retired_competency" and section.questions == ()


def test_split_sentences():
    assert split_sentences("One. Two?\n\n- three\n• four; five") == [
        "One.",
        "Two?",
        "three",
        "four;",
        "five",
    ]
    assert split_sentences("") == []
