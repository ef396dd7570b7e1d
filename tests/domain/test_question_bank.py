"""The question bank: shipped content, signal matching, question choice, lookup, team overrides."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from plugin.domain.question_bank import (
    BEHAVIORAL,
    SHIPPED_DIR,
    SITUATIONAL,
    QuestionBankError,
    assemble,
    load_bank,
    read_layer,
)

REQUIRED_ROLES = {
    "software_engineer",
    "engineering_manager",
    "product_manager",
    "designer",
    "account_executive",
    "customer_success",
    "general",
}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def question_yaml(qid: str, kind: str, text: str) -> str:
    return f"""
  - id: {qid}
    kind: {kind}
    text: {text}
    probes:
      - What exactly did you do first?
      - What would you change next time?
    strong_answer: Gives a specific example with a measurable result and honest reflection.
"""


def competency_yaml(
    cid: str, name: str, topic: str, *, behavioral: int = 6, situational: int = 2
) -> str:
    questions = "".join(
        question_yaml(
            f"{cid}-b{i}", "behavioral", f"Tell me about {topic} number {i} that shaped you."
        )
        for i in range(1, behavioral + 1)
    )
    questions += "".join(
        question_yaml(
            f"{cid}-s{i}", "situational", f"What would you do if {topic} scenario {i} arose?"
        )
        for i in range(1, situational + 1)
    )
    return (
        f"id: {cid}\nname: {name}\ndescription: Assesses {topic} in a work setting.\n"
        f"signals:\n  - {topic}\nquestions:{questions}"
    )


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def test_shipped_bank_has_the_promised_content(bank):
    assert len(bank.competencies) >= 12
    for competency in bank.competencies.values():
        kinds = [q.kind for q in competency.questions]
        assert kinds.count(BEHAVIORAL) >= 6, competency.id
        assert kinds.count(SITUATIONAL) >= 2, competency.id
        assert competency.signals and competency.description
        for question in competency.questions:
            assert len(question.probes) >= 2 and question.strong_answer
            assert question.id.startswith(competency.id + "-")
    assert set(bank.roles) >= REQUIRED_ROLES
    for role in bank.roles.values():
        assert 4 <= len(role.competencies) <= 6
        assert set(role.competencies) <= set(bank.competencies)


def test_shipped_bank_is_loaded_once_and_read_only(bank):
    assert load_bank() is bank
    assert load_bank("") is bank
    with pytest.raises(TypeError):
        bank.competencies["x"] = None  # type: ignore[index]


def test_concern_signals_match_whole_words_case_insensitively_in_order_of_mention(bank):
    text = "Talked over me twice. Seemed to BLAME the previous team; struggled to prioritise."
    assert bank.competencies_for_concerns(text) == [
        "communication",
        "ownership",
        "prioritisation_under_pressure",
    ]
    assert bank.competencies_for_concerns("generally fine, nothing to flag") == []
    assert bank.competencies_for_concerns("") == []


def test_concern_signals_treat_hyphens_as_spaces_and_allow_word_endings(bank):
    assert bank.competencies_for_concerns("weak follow-through") == ["ownership"]
    assert bank.competencies_for_concerns("answers were vaguely put") == ["communication"]
    assert bank.competencies_for_concerns("she didn\u2019t listen") == ["communication"]


def test_each_competency_has_a_signal_a_recruiter_might_write(bank):
    for competency in bank.competencies.values():
        phrase = competency.signals[0].rstrip("*")
        assert competency.id in bank.competencies_for_concerns(f"Concern: {phrase}.")


def test_questions_are_the_same_for_every_candidate_of_a_role(bank):
    first = bank.questions_for("software_engineer", "ownership", 3)
    again = load_bank().questions_for("software_engineer", "ownership", 3)
    rebuilt = assemble([read_layer(SHIPPED_DIR, team=False)]).bank
    assert [q.id for q in first] == [q.id for q in again]
    assert [q.id for q in first] == [
        q.id for q in rebuilt.questions_for("software_engineer", "ownership", 3)
    ]


def test_question_choice_does_not_depend_on_python_hash_seed():
    code = (
        "from plugin.domain.question_bank import load_bank\n"
        "b = load_bank()\n"
        "print([q.id for r in b.roles for c in b.roles[r].competencies"
        " for q in b.questions_for(r, c, 3)])"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_question_choice_mixes_kinds_and_respects_count(bank):
    chosen = bank.questions_for("designer", "collaboration", 3)
    assert [q.kind for q in chosen] == [BEHAVIORAL, BEHAVIORAL, SITUATIONAL]
    assert [q.kind for q in bank.questions_for("designer", "collaboration", 2)] == [BEHAVIORAL] * 2
    everything = bank.questions_for("designer", "collaboration", 50)
    assert len({q.id for q in everything}) == len(bank.competencies["collaboration"].questions)
    assert bank.questions_for("designer", "collaboration", 0) == []
    assert len(bank.questions_for(None, "collaboration", 3)) == 3


def test_question_choice_varies_between_roles(bank):
    selections = {
        tuple(q.id for q in bank.questions_for(role, competency, 3))
        for role in bank.roles
        for competency in ("ownership", "communication", "problem_solving")
    }
    assert len(selections) > 3


def test_unknown_competency_questions_raise_key_error(bank):
    with pytest.raises(KeyError):
        bank.questions_for("designer", "juggling", 3)


@pytest.mark.parametrize(
    ("name", "kind", "item_id"),
    [
        ("ownership", "competency", "ownership"),
        ("Conflict Resolution", "competency", "conflict_resolution"),
        ("conflict-resolution", "competency", "conflict_resolution"),
        ("Influence & leadership", "competency", "influence_and_leadership"),
        ("  product   manager ", "role", "product_manager"),
        ("Customer success manager", "role", "customer_success"),
        ("GENERAL", "role", "general"),
    ],
)
def test_find_by_id_or_name(bank, name, kind, item_id):
    found = bank.find(name)
    assert found is not None
    assert found[0] == kind and found[1].id == item_id


def test_find_unknown_and_closest_suggestions(bank):
    assert bank.find("juggling") is None
    assert bank.closest("ownrship") == ["Ownership"]
    assert "Conflict resolution" in bank.closest("conflict")
    assert bank.closest("engineer")[:2] == ["Software engineer", "Engineering manager"]
    assert bank.closest("zzzz") == []
    assert bank.closest("") == []


def test_team_directory_overrides_extends_and_adds(tmp_path, bank):
    team = tmp_path / "bank"
    write(team / "competencies" / "grit.yaml", competency_yaml("grit", "Grit", "perseverance"))
    write(
        team / "competencies" / "ownership.yaml",
        "id: ownership\nextend: true\nsignals:\n  - owns it\nquestions:"
        + question_yaml("ownership-t1", "behavioral", "Tell me about a launch you carried alone."),
    )
    write(
        team / "competencies" / "communication.yaml",
        competency_yaml("communication", "Clear communication", "clarity"),
    )
    write(
        team / "roles.yaml",
        """
        roles:
          - id: designer
            title: Product designer
            competencies: [grit, collaboration, communication, customer_focus]
          - id: data_scientist
            title: Data scientist
            competencies: [problem_solving, communication, grit, ownership]
        """,
    )
    merged = load_bank(team)
    assert list(merged.competencies)[-1] == "grit"
    ownership = merged.competencies["ownership"]
    assert ownership.questions[-1].id == "ownership-t1"
    assert len(ownership.questions) == len(bank.competencies["ownership"].questions) + 1
    assert "owns it" in ownership.signals and "blame*" in ownership.signals
    assert merged.competencies["communication"].name == "Clear communication"
    assert len(merged.competencies["communication"].questions) == 8
    assert merged.roles["designer"].title == "Product designer"
    assert merged.roles["data_scientist"].competencies[2] == "grit"
    assert merged.competencies_for_concerns("lacks perseverance") == ["grit"]
    assert load_bank().competencies["communication"].name == "Communication"


@pytest.mark.parametrize(
    ("files", "where"),
    [
        ({"competencies/grit.yaml": "id: grit\nname: Grit\n"}, "competencies/grit.yaml: grit:"),
        (
            {"competencies/grit.yaml": "id: [unclosed\n"},
            "competencies/grit.yaml: line 2, column 1: invalid YAML",
        ),
        (
            {
                "competencies/ownership.yaml": "id: ownership\nextend: true\nsignals: [x]\nsignals: [y]\n"
            },
            "competencies/ownership.yaml: line 4",
        ),
        (
            {"competencies/nope.yaml": "id: nope\nextend: true\nsignals: [x]\n"},
            "competencies/nope.yaml: nope: extend: true",
        ),
        (
            {
                "roles.yaml": "roles:\n  - id: qa\n    title: QA\n    competencies: [ownership, grit, communication, adaptability]\n"
            },
            "roles.yaml: roles[0] (qa): unknown competency 'grit'",
        ),
    ],
)
def test_invalid_team_data_raises_with_file_and_entry(tmp_path, files, where):
    for name, text in files.items():
        write(tmp_path / name, text)
    with pytest.raises(QuestionBankError) as raised:
        load_bank(tmp_path)
    assert where in str(raised.value)
    assert raised.value.file == where.split(":")[0]


def test_missing_team_directory_raises(tmp_path):
    with pytest.raises(QuestionBankError, match="directory not found"):
        load_bank(tmp_path / "absent")


def test_extend_replaces_a_question_with_the_same_id_in_place(tmp_path, bank):
    write(
        tmp_path / "competencies" / "ownership.yaml",
        "id: ownership\nextend: true\nquestions:"
        + question_yaml("ownership-b3", "behavioral", "Tell me about a release you saw through."),
    )
    merged = load_bank(tmp_path).competencies["ownership"]
    shipped = bank.competencies["ownership"]
    assert [q.id for q in merged.questions] == [q.id for q in shipped.questions]
    assert merged.questions[2].text == "Tell me about a release you saw through."
    assert merged.questions[1] == shipped.questions[1]
