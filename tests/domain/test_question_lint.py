"""`questions lint`: the shipped bank passes; each kind of bad bank is reported by file and entry."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

from plugin.domain.question_bank import Problem
from plugin.domain.question_lint import lint_bank, protected_matches, run_lint

PROBES = """    probes:
      - What exactly did you do first?
      - What would you change next time?
    strong_answer: Gives a specific example with a measurable result and honest reflection.
"""
QUESTION_TEXTS = [
    "Tell me about a time you rebuilt a supplier relationship after a missed delivery.",
    "Describe the most ambitious target you set for yourself and how you pursued it.",
    "Walk me through a time you kept going on a project after early results disappointed.",
    "Tell me about a long negotiation where patience changed the outcome.",
    "Give an example of a habit you built that improved your work over a year.",
    "Tell me about a goal you missed and what you did in the following quarter.",
    "What would you do if a key partner threatened to walk away a week before launch?",
    "What would you do if your plan was rejected three times by the same committee?",
]


def question(qid: str, kind: str, text: str) -> str:
    return f"  - id: {qid}\n    kind: {kind}\n    text: {text}\n" + PROBES


def competency(cid: str = "grit", texts: list[str] | None = None, extra: str = "") -> str:
    texts = QUESTION_TEXTS if texts is None else texts
    body = "".join(
        question(
            f"{cid}-{'b' if i < 6 else 's'}{i + 1}", "behavioral" if i < 6 else "situational", t
        )
        for i, t in enumerate(texts)
    )
    return (
        f"id: {cid}\nname: Grit\ndescription: Keeps going through setbacks towards a goal.\n"
        f"signals:\n  - perseverance\n  - gave up\n{extra}questions:\n{body}"
    )


def make_bank(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


GOOD_ROLES = """
roles:
  - id: recruiter
    title: Recruiter
    competencies: [grit, communication, customer_focus, judgement_and_integrity]
"""


def test_shipped_bank_passes_lint():
    assert lint_bank(None) == []


def test_run_lint_on_shipped_bank_exits_zero():
    out, err = io.StringIO(), io.StringIO()
    assert run_lint(None, out=out, err=err) == 0
    assert "OK (12 competencies" in out.getvalue()
    assert err.getvalue() == ""


def test_good_team_bank_passes(tmp_path):
    bank = make_bank(
        tmp_path,
        {
            "competencies/grit.yaml": competency(),
            "competencies/ownership.yaml": "id: ownership\nextend: true\nsignals: [owns it]\n",
            "roles.yaml": GOOD_ROLES,
        },
    )
    assert lint_bank(bank) == []
    out = io.StringIO()
    assert run_lint(str(bank), out=out, err=io.StringIO()) == 0
    assert "13 competencies, 104 questions, 8 roles" in out.getvalue()


def lint_strings(tmp_path: Path, files: dict[str, str]) -> list[str]:
    return [str(p) for p in lint_bank(make_bank(tmp_path, files))]


def test_schema_errors_name_file_entry_and_field(tmp_path):
    text = (
        competency()
        .replace("      - What would you change next time?\n", "", 1)
        .replace("kind: situational", "kind: hypothetical", 1)
    )
    found = lint_strings(tmp_path, {"competencies/grit.yaml": text})
    assert found == [
        "competencies/grit.yaml: questions[0] (grit-b1): probes: needs at least 2 item(s), has 1",
        "competencies/grit.yaml: questions[6] (grit-s7): kind: "
        "'hypothetical' is not one of behavioral, situational",
    ]


def test_missing_fields_and_bad_signals(tmp_path):
    text = "id: grit\nname: Grit\nsignals: [Perseverance]\nquestions: []\n"
    found = lint_strings(tmp_path, {"competencies/grit.yaml": text})
    assert "competencies/grit.yaml: grit: 'description' is a required property" in found
    assert any("signals[0]: 'Perseverance' is not a valid signal" in p for p in found)
    assert any("questions: needs at least 1 item(s), has 0" in p for p in found)


def test_yaml_syntax_error_reports_line(tmp_path):
    found = lint_strings(tmp_path, {"competencies/grit.yaml": "id: grit\nname: [oops\n"})
    assert len(found) == 1
    assert found[0].startswith("competencies/grit.yaml: line 3, column 1: invalid YAML")


def test_file_name_must_match_id_and_stray_files_are_reported(tmp_path):
    found = lint_strings(
        tmp_path,
        {"competencies/persistence.yaml": competency(), "grit.yaml": competency()},
    )
    assert any(
        p.startswith("competencies/persistence.yaml: id: id 'grit' does not match") for p in found
    )
    assert any(p.startswith("grit.yaml: not part of a question bank") for p in found)


def test_duplicate_ids(tmp_path):
    text = competency().replace("id: grit-b2", "id: grit-b1")
    roles = GOOD_ROLES + GOOD_ROLES.replace("roles:\n", "")
    found = lint_strings(tmp_path, {"competencies/grit.yaml": text, "roles.yaml": roles})
    assert (
        "competencies/grit.yaml: questions[1] (grit-b1): question id 'grit-b1' appears twice"
        " in competency 'grit'" in found
    )
    assert (
        "roles.yaml: roles[1] (recruiter): role id 'recruiter' is already defined at roles[0]"
        in found
    )


def test_duplicate_question_text(tmp_path):
    texts = [*QUESTION_TEXTS]
    texts[3] = texts[0].upper().replace(".", "!")
    found = lint_strings(tmp_path, {"competencies/grit.yaml": competency(texts=texts)})
    assert found == ["competencies/grit.yaml: questions[3] (grit-b4): duplicate of grit-b1"]


def test_near_duplicate_question_text(tmp_path):
    texts = [*QUESTION_TEXTS]
    texts[4] = "Tell me about a time you rebuilt a vendor relationship after a missed delivery."
    found = lint_strings(tmp_path, {"competencies/grit.yaml": competency(texts=texts)})
    assert len(found) == 1
    assert found[0].startswith(
        "competencies/grit.yaml: questions[4] (grit-b5): near-duplicate of grit-b1"
    )
    assert "(similarity 0.9" in found[0]


def test_near_duplicate_of_a_shipped_question_is_reported_in_the_team_file(tmp_path):
    texts = [*QUESTION_TEXTS]
    texts[2] = (
        "Tell me about a time you took responsibility for a problem that wasn't formally yours to "
        "fix. What made you step in?"
    )
    found = lint_strings(tmp_path, {"competencies/grit.yaml": competency(texts=texts)})
    assert found == [
        "competencies/grit.yaml: questions[2] (grit-b3): near-duplicate of ownership-b1 in the "
        "shipped bank (competencies/ownership.yaml) (similarity 0.97)"
    ]


def test_role_pointing_at_unknown_competency(tmp_path):
    roles = GOOD_ROLES.replace("[grit,", "[comunication,")
    found = lint_strings(tmp_path, {"roles.yaml": roles})
    assert found == [
        "roles.yaml: roles[0] (recruiter): unknown competency 'comunication' "
        "(did you mean communication?)"
    ]


def test_too_few_questions(tmp_path):
    found = lint_strings(tmp_path, {"competencies/grit.yaml": competency(texts=QUESTION_TEXTS[:5])})
    assert found == [
        "competencies/grit.yaml: grit: has 5 behavioral question(s), needs at least 6",
        "competencies/grit.yaml: grit: has 0 situational question(s), needs at least 2",
    ]


def test_extend_of_unknown_competency(tmp_path):
    found = lint_strings(
        tmp_path, {"competencies/grit.yaml": "id: grit\nextend: true\nsignals: [x]\n"}
    )
    assert found == [
        "competencies/grit.yaml: grit: extend: true, but there is no competency 'grit' to extend"
    ]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("How old were you when you led your first project?", "age"),
        ("What year did you graduate from university, and what did you study?", "age"),
        ("Do you have children, and who looks after them while you travel?", "family status"),
        ("Are you planning on starting a family in the next few years?", "family status"),
        ("Tell me how your church community shaped your leadership style.", "religion"),
        ("Which religious holidays will you need time off for?", "religion"),
        ("Where are you from originally, and what brought you here?", "national origin"),
        ("Is English your native language, or did you learn it later?", "national origin"),
        ("Do you have any disabilities that would affect your work?", "disability or health"),
        ("Have you ever been arrested for anything at all?", "criminal record"),
        (
            "Tell me about your sexual orientation and how it affects teamwork.",
            "sexual orientation or gender identity",
        ),
        ("What is your current salary at the company you work for now?", "pay history"),
    ],
)
def test_protected_characteristic_questions_are_reported(tmp_path, text, category):
    texts = [*QUESTION_TEXTS]
    texts[1] = text
    found = lint_strings(tmp_path, {"competencies/grit.yaml": competency(texts=texts)})
    assert len(found) >= 1
    assert found[0].startswith(
        f"competencies/grit.yaml: questions[1] (grit-b2): asks about {category}"
    )


def test_protected_wording_in_probes_answers_and_signals_is_reported(tmp_path):
    text = competency(extra="").replace("  - gave up\n", "  - gave up\n  - strong accent\n")
    text = text.replace("      - What exactly did you do first?", "      - Are you married?", 1)
    text = text.replace(
        "strong_answer: Gives a specific",
        "strong_answer: Is years from retirement; gives a specific",
        1,
    )
    found = lint_strings(tmp_path, {"competencies/grit.yaml": text})
    assert any(
        p.startswith("competencies/grit.yaml: signals[2]: signal 'strong accent'") for p in found
    )
    assert any("questions[0] (grit-b1): probes[0] asks about family status" in p for p in found)
    assert any("questions[0] (grit-b1): strong_answer refers to age" in p for p in found)


@pytest.mark.parametrize(
    "text",
    [
        "Are you legally authorized to work in this country?",
        "Tell me about a race condition you tracked down in production.",
        "How do you manage a customer's health score when usage drops?",
        "Tell me about a time you negotiated in good faith with a difficult partner.",
        "Describe the oldest part of a system you had to change, and how you managed risk.",
        "Tell me about a deal that took ages to close, and what kept it moving.",
    ],
)
def test_lawful_questions_are_not_flagged(text):
    assert protected_matches(text) == []


def test_problem_str_names_file_and_entry():
    problem = Problem("competencies/ownership.yaml", "questions[3] (ownership-b4)", "bad")
    assert str(problem) == "competencies/ownership.yaml: questions[3] (ownership-b4): bad"
    assert str(Problem("roles.yaml", "", "bad")) == "roles.yaml: bad"


def test_run_lint_exit_codes_and_output(tmp_path):
    bad = make_bank(tmp_path / "bad", {"roles.yaml": GOOD_ROLES})
    out, err = io.StringIO(), io.StringIO()
    assert run_lint(str(bad), out=out, err=err) == 2
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("roles.yaml: roles[0] (recruiter): unknown competency 'grit'")
    assert lines[-1].endswith(": 1 problem(s)")

    out, err = io.StringIO(), io.StringIO()
    assert run_lint(str(tmp_path / "absent"), out=out, err=err) == 2
    assert out.getvalue() == ""
    assert "is not a directory" in err.getvalue()


def test_empty_directory_is_not_a_bank(tmp_path):
    found = lint_strings(tmp_path, {})
    assert found == ["no roles.yaml and no competencies/ directory: nothing to load"]


def test_an_extension_that_leaves_too_few_questions_is_reported_in_its_file(tmp_path):
    overrides = question(
        "ownership-b1", "situational", "What would you do if a launch you own slipped a week?"
    ) + question("ownership-b2", "situational", "What would you do if nobody owned a failing job?")
    found = lint_strings(
        tmp_path,
        {"competencies/ownership.yaml": f"id: ownership\nextend: true\nquestions:\n{overrides}"},
    )
    assert found == [
        "competencies/ownership.yaml: ownership: has 4 behavioral question(s), needs at least 6"
    ]
