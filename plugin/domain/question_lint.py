"""`secondround questions lint [DIR]`: checks a question bank before interviewers see it.

Checks YAML syntax, the JSON schema, duplicate ids, duplicate and near-duplicate questions,
minimum question counts, roles naming unknown competencies, and wording that asks about a
protected characteristic. A team directory is checked merged over the shipped bank, and only
problems in the team's own files are reported.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, TextIO

from plugin.domain.question_bank import (
    BEHAVIORAL,
    SHIPPED_DIR,
    SITUATIONAL,
    Assembly,
    Layer,
    Origin,
    Problem,
    QuestionBank,
    assemble,
    read_layer,
)

__all__ = ["PROTECTED_PATTERNS", "Problem", "lint_bank", "protected_matches", "run_lint"]

MIN_BEHAVIORAL = 6
MIN_SITUATIONAL = 2
NEAR_DUPLICATE_RATIO = 0.9

TOO_FEW = "has {have} {kind} question(s), needs at least {need}"
DUPLICATE_TEXT = "duplicate of {other}"
NEAR_DUPLICATE = "near-duplicate of {other} (similarity {ratio:.2f})"
OTHER_IN_FILE = "{id} in {file}"
OTHER_SHIPPED = "{id} in the shipped bank ({file})"
PROTECTED_ASKS = (
    '{where}asks about {category} ("{found}"), a protected characteristic interviewers must not '
    "ask about"
)
PROTECTED_JUDGES = (
    'strong_answer refers to {category} ("{found}"), a protected characteristic that must not '
    "count in an assessment"
)
PROTECTED_SIGNAL = (
    'signal {signal!r} is about {category} ("{found}"), a protected characteristic that must not '
    "count as a concern"
)
NO_DIRECTORY = "secondround questions lint: {directory} is not a directory"
CLEAN = "{where}: OK ({competencies} competencies, {questions} questions, {roles} roles)"
FAILED = "{where}: {count} problem(s)"
SHIPPED_NAME = "shipped question bank"
TEAM_NAME = "{directory} (over the shipped question bank)"

PROTECTED_PATTERNS: tuple[tuple[str, str], ...] = (
    ("age", r"\bage\b|\baged (?:\d+|over|under|between)\b"),
    ("age", r"\bhow old\b"),
    ("age", r"\b(?:date|year) of birth\b"),
    ("age", r"\bbirth ?(?:day|date|year)s?\b"),
    ("age", r"\b(?:what|which) year (?:did )?you graduate"),
    ("age", r"\bwhen did you (?:graduate|finish (?:school|college|university))\b"),
    ("age", r"\byear you graduated\b"),
    ("age", r"\bgraduation (?:year|date)\b"),
    ("age", r"\bretir(?:e|ed|ing|ement)\b"),
    ("age", r"\bdigital natives?\b"),
    ("family status", r"\bmarried\b|\bmarital\b|\bmarriage\b"),
    ("family status", r"\bspouse\b|\bhusband\b|\bwife\b|\bfianc[eé]e?\b"),
    ("family status", r"\bboyfriend\b|\bgirlfriend\b"),
    ("family status", r"\bchildren\b|\bkids\b|\bbab(?:y|ies)\b|\bbabysit\w*"),
    ("family status", r"\bpregnan\w*"),
    ("family status", r"\bfamily (?:plans?|planning|status|commitments?|obligations?)\b"),
    ("family status", r"\b(?:start|starting|have|having) a family\b|\byour family\b"),
    ("family status", r"\bchild ?care\b|\bday ?care\b|\bcaring responsibilit\w*"),
    ("family status", r"\bmaternity\b|\bpaternity\b|\bparental leave\b|\bsingle parent\b"),
    ("religion", r"\breligio\w*"),
    ("religion", r"\bchurch\w*|\bmosques?\b|\bsynagogues?\b|\btemples?\b"),
    ("religion", r"\bworship\w*|\bpray(?:s|ed|ing|ers?)?\b|\bsabbath\b"),
    ("religion", r"\bholy days?\b|\byour faith\b|\bwhat holidays do you\b"),
    ("national origin", r"\bnational origin\b|\bnationalit(?:y|ies)\b"),
    ("national origin", r"\bwhere (?:are|were) you (?:from|born|raised)\b"),
    ("national origin", r"\bwhere (?:is|are) your (?:family|parents|accent|name) from\b"),
    ("national origin", r"\bcountry of (?:origin|birth)\b|\bborn in\b"),
    ("national origin", r"\bnative (?:language|tongue|country|speaker)s?\b"),
    ("national origin", r"\bfirst language\b|\bmother tongue\b|\baccents?\b"),
    ("national origin", r"\bcitizen(?:s|ship)?\b|\bimmigra\w*|\bancestry\b|\bheritage\b"),
    ("race or ethnicity", r"\bethnic\w*|\bracial\w*|\bskin colou?r\b"),
    ("race or ethnicity", r"\brace\b(?![\s-]+conditions?\b)"),
    ("disability or health", r"\bdisabilit\w*|\bdisabled\b|\bhandicap\w*"),
    ("disability or health", r"\bhealth (?:conditions?|problems?|issues?|history)\b"),
    ("disability or health", r"\byour health\b|\bmental health\b|\bmedical\b"),
    ("disability or health", r"\billness\w*|\bsick (?:days?|leave|notes?)\b|\bdiseases?\b"),
    ("disability or health", r"\bmedication\w*|\bprescriptions?\b|\bworkers'? comp\w*"),
    ("disability or health", r"\baddiction\w*|\brehab\w*|\bgenetic\w*"),
    ("sexual orientation or gender identity", r"\bsexual orientation\b|\bsexuality\b"),
    ("sexual orientation or gender identity", r"\bgay\b|\blesbian\b|\bbisexual\b"),
    ("sexual orientation or gender identity", r"\btransgender\b|\bgender\b|\byour sex\b"),
    ("criminal record", r"\barrest\w*|\bcriminal record\b|\bconvict(?:ed|ion|ions)\b"),
    ("criminal record", r"\bjail\b|\bprison\b"),
    ("political or union affiliation", r"\bpolitical (?:party|affiliation|views?|beliefs?)\b"),
    ("political or union affiliation", r"\bhow (?:do|did) you vote\b|\bvoted for\b"),
    ("political or union affiliation", r"\bunion member\w*|\btrade unions?\b"),
    ("military status", r"\bmilitary discharge\b|\bdischarge status\b"),
    ("pay history", r"\bsalary history\b|\bcurrent salary\b|\bprevious salary\b"),
    ("pay history", r"\bhow much (?:do|did) you (?:make|earn)\b"),
    ("credit history", r"\bcredit (?:score|history|rating)\b"),
    ("physical characteristics", r"\bhow tall\b|\bhow much do you weigh\b|\byour weight\b"),
    ("maiden name", r"\bmaiden name\b"),
)

_COMPILED = tuple((category, re.compile(rx, re.IGNORECASE)) for category, rx in PROTECTED_PATTERNS)


def protected_matches(text: str) -> list[tuple[str, str]]:
    """(category, matched words) for each protected-characteristic pattern the text hits."""
    text = text.replace("\u2019", "'")
    found = []
    for category, pattern in _COMPILED:
        match = pattern.search(text)
        if match:
            found.append((category, match.group(0)))
    return found


def lint_bank(directory: Path | str | None = None) -> list[Problem]:
    """Every problem in the shipped bank (None) or in a team's directory merged over it."""
    return _lint(directory)[0]


def run_lint(
    directory: str | Path | None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Print each problem and a summary; 0 when the bank is clean, 2 when not."""
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    if directory is not None and not Path(directory).is_dir():
        print(NO_DIRECTORY.format(directory=directory), file=err)
        return 2
    problems, bank = _lint(directory)
    where = SHIPPED_NAME if directory is None else TEAM_NAME.format(directory=directory)
    for problem in problems:
        print(problem, file=out)
    if problems:
        print(FAILED.format(where=where, count=len(problems)), file=out)
        return 2
    summary = CLEAN.format(
        where=where,
        competencies=len(bank.competencies),
        questions=sum(len(c.questions) for c in bank.competencies.values()),
        roles=len(bank.roles),
    )
    print(summary, file=out)
    return 0


def _lint(directory: Path | str | None) -> tuple[list[Problem], QuestionBank]:
    layers = [read_layer(SHIPPED_DIR, team=False)]
    if directory is not None:
        layers.append(read_layer(Path(directory), team=True))
    team_mode = directory is not None
    assembly = assemble(layers)

    def reported(team: bool) -> bool:
        return team or not team_mode

    problems = [problem for team, problem in assembly.problems if reported(team)]
    problems += _count_problems(assembly, reported)
    for layer in layers:
        if reported(layer.team):
            problems += _protected_problems(layer)
    problems += _duplicate_problems(assembly, team_mode)
    return sorted(problems, key=lambda p: p.file), assembly.bank


def _count_problems(assembly: Assembly, reported: Any) -> Iterator[Problem]:
    for competency in assembly.bank.competencies.values():
        origin = assembly.competency_origins[competency.id]
        if not reported(origin.team):
            continue
        for kind, need in ((BEHAVIORAL, MIN_BEHAVIORAL), (SITUATIONAL, MIN_SITUATIONAL)):
            have = sum(1 for q in competency.questions if q.kind == kind)
            if have < need:
                message = TOO_FEW.format(have=have, kind=kind, need=need)
                yield Problem(origin.file, origin.entry, message)


def _protected_problems(layer: Layer) -> Iterator[Problem]:
    for doc in layer.competencies:
        for index, signal in enumerate(doc.data.get("signals", ())):
            for category, found in protected_matches(signal.rstrip("*")):
                message = PROTECTED_SIGNAL.format(signal=signal, category=category, found=found)
                yield Problem(doc.file, f"signals[{index}]", message)
        for index, question in enumerate(doc.data.get("questions", ())):
            entry = f"questions[{index}] ({question['id']})"
            texts = [("", question["text"])]
            texts += [(f"probes[{i}] ", probe) for i, probe in enumerate(question["probes"])]
            for where, text in texts:
                for category, found in protected_matches(text):
                    message = PROTECTED_ASKS.format(where=where, category=category, found=found)
                    yield Problem(doc.file, entry, message)
            for category, found in protected_matches(question["strong_answer"]):
                yield Problem(
                    doc.file, entry, PROTECTED_JUDGES.format(category=category, found=found)
                )


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _duplicate_problems(assembly: Assembly, team_mode: bool) -> Iterator[Problem]:
    items: list[tuple[str, Origin, str]] = [
        (
            question.id,
            assembly.question_origins[competency.id, question.id],
            _normalise(question.text),
        )
        for competency in assembly.bank.competencies.values()
        for question in competency.questions
    ]
    flagged: set[int] = set()
    matcher = SequenceMatcher(autojunk=False)
    for j, (_, origin_j, text_j) in enumerate(items):
        matcher.set_seq2(text_j)
        for i in range(j):
            _, origin_i, text_i = items[i]
            if team_mode and not (origin_i.team or origin_j.team):
                continue
            matcher.set_seq1(text_i)
            if matcher.real_quick_ratio() < NEAR_DUPLICATE_RATIO:
                continue
            if matcher.quick_ratio() < NEAR_DUPLICATE_RATIO:
                continue
            ratio = 1.0 if text_i == text_j else matcher.ratio()
            if ratio < NEAR_DUPLICATE_RATIO:
                continue
            target, other = (i, j) if team_mode and origin_i.team and not origin_j.team else (j, i)
            if target in flagged:
                continue
            flagged.add(target)
            yield _duplicate_problem(items[target], items[other], ratio)


def _duplicate_problem(
    item: tuple[str, Origin, str], other: tuple[str, Origin, str], ratio: float
) -> Problem:
    _, origin, _ = item
    other_id, other_origin, _ = other
    if other_origin.file == origin.file and other_origin.team == origin.team:
        name = other_id
    elif other_origin.team or not origin.team:
        name = OTHER_IN_FILE.format(id=other_id, file=other_origin.file)
    else:
        name = OTHER_SHIPPED.format(id=other_id, file=other_origin.file)
    message = (
        DUPLICATE_TEXT.format(other=name)
        if ratio >= 1.0
        else NEAR_DUPLICATE.format(other=name, ratio=ratio)
    )
    return Problem(origin.file, origin.entry, message)
