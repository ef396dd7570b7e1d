"""The behavioral-question bank: competencies, their questions and role profiles, read from YAML.

The shipped bank lives in plugin/data/question_bank; a team's directory with the same layout
(roles.yaml and/or competencies/<id>.yaml) adds or overrides competencies, questions and roles:
a competency file replaces the competency of the same id, unless it says `extend: true`, in which
case its signals are added and its questions added (or, for an existing question id, replace that
question in place); a role replaces the role of the same id.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import jsonschema
import yaml

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "data" / "question_bank"
SCHEMA_FILE = SHIPPED_DIR / "schema.json"
ROLES_FILES = ("roles.yaml", "roles.yml")
COMPETENCIES_DIR = "competencies"
YAML_SUFFIXES = (".yaml", ".yml")
BEHAVIORAL = "behavioral"
SITUATIONAL = "situational"
ANY_ROLE = "*"
SITUATIONAL_EVERY = 3

DIRECTORY_MISSING = "directory not found"
NOT_A_BANK = "no roles.yaml and no competencies/ directory: nothing to load"
UNEXPECTED_FILE = "not part of a question bank (expected roles.yaml and competencies/<id>.yaml)"
EMPTY_FILE = "the file is empty"
INVALID_YAML = "invalid YAML: {problem}"
ID_MISMATCH = "id {id!r} does not match the file name; rename the file to {expected}"
DUPLICATE_COMPETENCY = "competency {id!r} is also defined in {other}"
DUPLICATE_QUESTION = "question id {id!r} appears twice in competency {competency!r}"
DUPLICATE_ROLE = "role id {id!r} is already defined at roles[{index}]"
EXTENDS_UNKNOWN = "extend: true, but there is no competency {id!r} to extend"
UNKNOWN_ROLE_COMPETENCY = "unknown competency {id!r}{hint}"
DID_YOU_MEAN = " (did you mean {options}?)"
UNKNOWN_COMPETENCY = "unknown competency {id!r}"
BANK_INVALID = "question bank {directory}: {problem}{more}"
MORE_PROBLEMS = " (and {count} more; run `secondround questions lint {directory}`)"
EXTEND_NEEDS_CONTENT = "extend: true needs at least one of questions, signals, name or description"
BLANK_TEXT = "is blank"
SCHEMA_MESSAGES = {
    "minItems": "needs at least {limit} item(s), has {size}",
    "maxItems": "allows at most {limit} item(s), has {size}",
    "minLength": "is too short ({size} characters, at least {limit})",
    "maxLength": "is too long ({size} characters, at most {limit})",
    "uniqueItems": "has duplicate items",
    "type": "should be of type {limit}, got {actual}",
    "enum": "{value!r} is not one of {options}",
}
PATTERN_HINTS = {
    "signals": "{value!r} is not a valid signal: lowercase words, optionally ending in *",
    "questions": "{value!r} is not a valid question id: lowercase letters, digits, - and _",
    "": "{value!r} is not a valid id: use lowercase snake_case, like conflict_resolution",
}


@dataclass(frozen=True)
class Problem:
    """One problem in a bank, located by its file (relative to the bank) and entry."""

    file: str
    entry: str
    message: str

    def __str__(self) -> str:
        where = ": ".join(part for part in (self.file, self.entry) if part)
        return f"{where}: {self.message}" if where else self.message


class QuestionBankError(ValueError):
    """The bank's data is invalid; carries every problem, and names the first one's file and entry."""

    def __init__(self, problems: Sequence[Problem], directory: str | Path):
        self.problems = tuple(problems)
        self.directory = str(directory)
        first = self.problems[0]
        self.file, self.entry = first.file, first.entry
        more = ""
        if len(self.problems) > 1:
            more = MORE_PROBLEMS.format(count=len(self.problems) - 1, directory=self.directory)
        super().__init__(BANK_INVALID.format(directory=self.directory, problem=first, more=more))


@dataclass(frozen=True)
class Question:
    """One interview question with its follow-up probes and what a strong answer shows."""

    id: str
    kind: Literal["behavioral", "situational"]
    text: str
    probes: tuple[str, ...]
    strong_answer: str


@dataclass(frozen=True)
class Competency:
    """A competency to assess, the signals that point a recruiter's concern at it, its questions."""

    id: str
    name: str
    description: str
    signals: tuple[str, ...]
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class RoleProfile:
    """A role and the competencies every panel for it covers by default."""

    id: str
    title: str
    competencies: tuple[str, ...]


@dataclass(frozen=True)
class QuestionBank:
    """Competencies and role profiles by id, in bank order; read-only once loaded."""

    competencies: Mapping[str, Competency]
    roles: Mapping[str, RoleProfile]

    def competencies_for_concerns(self, text: str) -> list[str]:
        """Competencies whose signals occur in the text, in order of their first mention."""
        if not text:
            return []
        text = _normalise_quotes(text).lower()
        hits = []
        for order, (competency_id, pattern) in enumerate(self._signal_patterns):
            found = pattern.search(text)
            if found:
                hits.append((found.start(), order, competency_id))
        return [competency_id for _, _, competency_id in sorted(hits)]

    def questions_for(self, role_id: str | None, competency_id: str, count: int) -> list[Question]:
        """The same `count` questions for every candidate for a role: about one in three situational."""
        competency = self.competencies.get(competency_id)
        if competency is None:
            raise KeyError(UNKNOWN_COMPETENCY.format(id=competency_id))
        if count <= 0:
            return []
        key = (role_id or ANY_ROLE, competency_id, count)
        chosen = self._selections.get(key)
        if chosen is None:
            ranked = sorted(
                competency.questions, key=lambda q: (_rank(key[0], competency_id, q.id), q.id)
            )
            behavioral = [q for q in ranked if q.kind == BEHAVIORAL]
            situational = [q for q in ranked if q.kind != BEHAVIORAL]
            wanted = min(len(situational), count // SITUATIONAL_EVERY)
            taken = min(len(behavioral), count - wanted)
            wanted = min(len(situational), count - taken)
            chosen = (*behavioral[:taken], *situational[:wanted])
            self._selections[key] = chosen
        return list(chosen)

    def find(self, name: str) -> tuple[Literal["competency", "role"], Any] | None:
        """A competency or role by id, name or title, ignoring case, spacing and punctuation."""
        return self._names.get(_key(name))

    def closest(self, name: str, n: int = 3) -> list[str]:
        """Up to n competency names or role titles resembling `name`, for "did you mean"."""
        key = _key(name)
        if not key or n <= 0:
            return []
        labels = self._labels
        containing = [k for k in labels if len(key) >= 3 and key in k]
        similar = difflib.get_close_matches(key, list(labels), n=len(labels), cutoff=0.6)
        found: list[str] = []
        for candidate in (*containing, *similar):
            if labels[candidate] not in found:
                found.append(labels[candidate])
        return found[:n]

    @cached_property
    def _signal_patterns(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple(
            (c.id, _compiled_signals(c.signals)) for c in self.competencies.values() if c.signals
        )

    @cached_property
    def _names(self) -> dict[str, tuple[Literal["competency", "role"], Any]]:
        names: dict[str, tuple[Literal["competency", "role"], Any]] = {}
        for competency in self.competencies.values():
            for label in (competency.id, competency.name):
                names.setdefault(_key(label), ("competency", competency))
        for role in self.roles.values():
            for label in (role.id, role.title):
                names.setdefault(_key(label), ("role", role))
        return names

    @cached_property
    def _labels(self) -> dict[str, str]:
        return {
            key: item.name if kind == "competency" else item.title
            for key, (kind, item) in self._names.items()
        }

    @cached_property
    def _selections(self) -> dict[tuple[str, str, int], tuple[Question, ...]]:
        return {}


def signals_regex(signals: Sequence[str]) -> str:
    """Lowercase signals as one regex over lowercased text: whole words, a trailing * any ending.

    Spaces in a signal match spaces or hyphens. The word boundary is factored out of the
    alternation so the regex engine can skip positions quickly.
    """
    bodies = []
    for signal in signals:
        words = [re.escape(word) for word in re.split(r"[\s-]+", signal.rstrip("*")) if word]
        bodies.append(r"[\s-]+".join(words) + (r"\w*" if signal.endswith("*") else r"(?!\w)"))
    return r"(?<!\w)(?:" + "|".join(bodies) + ")"


@lru_cache(maxsize=1024)
def _compiled_signals(signals: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(signals_regex(signals))


def _normalise_quotes(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _key(name: str) -> str:
    lowered = _normalise_quotes(name).lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "_", lowered).strip("_")


def _rank(role_key: str, competency_id: str, question_id: str) -> bytes:
    return hashlib.blake2b(
        f"{role_key}\x1f{competency_id}\x1f{question_id}".encode(), digest_size=8
    ).digest()


class _BankLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe YAML loader that rejects duplicate keys instead of keeping the last one."""

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)
            seen: set[Hashable] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if isinstance(key, Hashable) and key in seen:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        f"found duplicate key {key!r}",
                        key_node.start_mark,
                    )
                if isinstance(key, Hashable):
                    seen.add(key)
        return super().construct_mapping(node, deep=deep)


@dataclass(frozen=True)
class CompetencyDoc:
    """A schema-valid competency file."""

    file: str
    data: Mapping[str, Any]


@dataclass(frozen=True)
class RoleDoc:
    """A schema-valid role entry of roles.yaml, with its index there."""

    file: str
    index: int
    data: Mapping[str, Any]


@dataclass(frozen=True)
class Layer:
    """One directory's schema-valid documents and the problems found reading it."""

    directory: Path
    team: bool
    competencies: tuple[CompetencyDoc, ...]
    roles: tuple[RoleDoc, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Origin:
    """Where a bank item was defined: its file, its entry and whether a team's directory holds it."""

    file: str
    entry: str
    team: bool


@dataclass(frozen=True)
class Assembly:
    """Layers merged into a bank, with where each item came from and the problems merging found."""

    bank: QuestionBank
    competency_origins: Mapping[str, Origin]
    question_origins: Mapping[tuple[str, str], Origin]
    role_origins: Mapping[str, Origin]
    problems: tuple[tuple[bool, Problem], ...]


_UNREADABLE = object()


def read_layer(directory: Path, *, team: bool) -> Layer:
    """Read and schema-check one bank directory, collecting problems instead of stopping."""
    problems: list[Problem] = []
    if not directory.is_dir():
        return Layer(directory, team, (), (), (Problem("", "", DIRECTORY_MISSING),))
    roles_path = next((directory / n for n in ROLES_FILES if (directory / n).is_file()), None)
    competencies_dir = directory / COMPETENCIES_DIR
    if roles_path is None and not competencies_dir.is_dir():
        problems.append(Problem("", "", NOT_A_BANK))
    for path in sorted(directory.iterdir()):
        if path.is_file() and path.suffix in YAML_SUFFIXES and path.name not in ROLES_FILES:
            problems.append(Problem(path.name, "", UNEXPECTED_FILE))

    competencies: list[CompetencyDoc] = []
    if competencies_dir.is_dir():
        for path in sorted(competencies_dir.iterdir()):
            if not path.is_file() or path.suffix not in YAML_SUFFIXES:
                continue
            file = f"{COMPETENCIES_DIR}/{path.name}"
            data = _read_yaml(path, file, problems)
            if data is _UNREADABLE:
                continue
            found = schema_problems(data, "competency_file", file)
            if found:
                problems.extend(found)
            elif data["id"] != path.stem:
                expected = f"{COMPETENCIES_DIR}/{data['id']}{path.suffix}"
                problems.append(
                    Problem(file, "id", ID_MISMATCH.format(id=data["id"], expected=expected))
                )
            else:
                competencies.append(CompetencyDoc(file, data))

    roles: list[RoleDoc] = []
    if roles_path is not None:
        file = roles_path.name
        data = _read_yaml(roles_path, file, problems)
        if data is not _UNREADABLE:
            errors = list(_schema_validator("roles_file").iter_errors(data))
            problems.extend(_schema_problem(e, data, file) for e in _ordered(errors))
            broken = {e.absolute_path[1] for e in errors if len(e.absolute_path) >= 2}
            if not any(len(e.absolute_path) < 2 for e in errors):
                roles = [
                    RoleDoc(file, index, role)
                    for index, role in enumerate(data["roles"])
                    if index not in broken
                ]
    return Layer(directory, team, tuple(competencies), tuple(roles), tuple(problems))


def assemble(layers: Sequence[Layer]) -> Assembly:
    """Merge layers in order: a later competency file replaces (or with extend, adds to) earlier."""
    merger = _Merger()
    for layer in layers:
        merger.problems += [(layer.team, problem) for problem in layer.problems]
        defined_here: dict[str, str] = {}
        for doc in layer.competencies:
            competency_id = doc.data["id"]
            if competency_id in defined_here:
                message = DUPLICATE_COMPETENCY.format(
                    id=competency_id, other=defined_here[competency_id]
                )
                merger.problems.append((layer.team, Problem(doc.file, competency_id, message)))
                continue
            defined_here[competency_id] = doc.file
            merger.add_competency(doc, layer.team)
        seen_roles: dict[str, int] = {}
        for role_doc in layer.roles:
            role_id = role_doc.data["id"]
            entry = f"roles[{role_doc.index}] ({role_id})"
            if role_id in seen_roles:
                message = DUPLICATE_ROLE.format(id=role_id, index=seen_roles[role_id])
                merger.problems.append((layer.team, Problem(role_doc.file, entry, message)))
                continue
            seen_roles[role_id] = role_doc.index
            merger.roles[role_id] = role_doc.data
            merger.role_origins[role_id] = Origin(role_doc.file, entry, layer.team)
    return merger.assembly()


@dataclass
class _Merger:
    """The bank being merged, as plain data, with the origin of every item."""

    merged: dict[str, dict[str, Any]] = field(default_factory=dict)
    competency_origins: dict[str, Origin] = field(default_factory=dict)
    question_origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    roles: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    role_origins: dict[str, Origin] = field(default_factory=dict)
    problems: list[tuple[bool, Problem]] = field(default_factory=list)

    def add_competency(self, doc: CompetencyDoc, team: bool) -> None:
        """Replace a competency, or with extend: true add signals and add or replace questions."""
        data, competency_id = doc.data, doc.data["id"]
        if data.get("extend"):
            target = self.merged.get(competency_id)
            if target is None:
                message = EXTENDS_UNKNOWN.format(id=competency_id)
                self.problems.append((team, Problem(doc.file, competency_id, message)))
                return
        else:
            target = {"signals": [], "questions": []}
            self.merged[competency_id] = target
            for key in [k for k in self.question_origins if k[0] == competency_id]:
                del self.question_origins[key]
        self.competency_origins[competency_id] = Origin(doc.file, competency_id, team)
        for field_name in ("name", "description"):
            if field_name in data:
                target[field_name] = data[field_name].strip()
        for signal in data.get("signals", ()):
            if signal not in target["signals"]:
                target["signals"].append(signal)
        positions = {q["id"]: i for i, q in enumerate(target["questions"])}
        seen: set[str] = set()
        for index, question in enumerate(data.get("questions", ())):
            question_id = question["id"]
            origin = Origin(doc.file, f"questions[{index}] ({question_id})", team)
            if question_id in seen:
                message = DUPLICATE_QUESTION.format(id=question_id, competency=competency_id)
                self.problems.append((team, Problem(origin.file, origin.entry, message)))
                continue
            seen.add(question_id)
            if question_id in positions:
                target["questions"][positions[question_id]] = question
            else:
                target["questions"].append(question)
            self.question_origins[competency_id, question_id] = origin

    def assembly(self) -> Assembly:
        """Freeze the merged data into a bank, checking that roles name known competencies."""
        profiles: dict[str, RoleProfile] = {}
        for role_id, data in self.roles.items():
            known = []
            for competency_id in data["competencies"]:
                if competency_id in self.merged:
                    known.append(competency_id)
                    continue
                close = difflib.get_close_matches(competency_id, list(self.merged), n=2)
                hint = DID_YOU_MEAN.format(options=" or ".join(close)) if close else ""
                origin = self.role_origins[role_id]
                message = UNKNOWN_ROLE_COMPETENCY.format(id=competency_id, hint=hint)
                self.problems.append((origin.team, Problem(origin.file, origin.entry, message)))
            profiles[role_id] = RoleProfile(role_id, data["title"].strip(), tuple(known))
        competencies = {
            competency_id: Competency(
                id=competency_id,
                name=target.get("name", competency_id),
                description=target.get("description", ""),
                signals=tuple(s.strip().lower() for s in target["signals"]),
                questions=tuple(_question(q) for q in target["questions"]),
            )
            for competency_id, target in self.merged.items()
        }
        return Assembly(
            QuestionBank(MappingProxyType(competencies), MappingProxyType(profiles)),
            MappingProxyType(dict(self.competency_origins)),
            MappingProxyType(dict(self.question_origins)),
            MappingProxyType(dict(self.role_origins)),
            tuple(self.problems),
        )


def load_bank(extra_dir: str | Path | None = None) -> QuestionBank:
    """The shipped bank (loaded once), with a team's directory merged over it when one is named."""
    if not extra_dir:
        return _shipped_bank()
    directory = Path(extra_dir)
    assembly = assemble([_shipped_layer(), read_layer(directory, team=True)])
    if assembly.problems:
        raise QuestionBankError([p for _, p in assembly.problems], directory)
    return assembly.bank


@cache
def _shipped_layer() -> Layer:
    return read_layer(SHIPPED_DIR, team=False)


@cache
def _shipped_bank() -> QuestionBank:
    assembly = assemble([_shipped_layer()])
    if assembly.problems:
        raise QuestionBankError([p for _, p in assembly.problems], SHIPPED_DIR)
    return assembly.bank


def _question(data: Mapping[str, Any]) -> Question:
    return Question(
        id=data["id"],
        kind=data["kind"],
        text=data["text"].strip(),
        probes=tuple(p.strip() for p in data["probes"]),
        strong_answer=data["strong_answer"].strip(),
    )


def _read_yaml(path: Path, file: str, problems: list[Problem]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_BankLoader)  # noqa: S506 - _BankLoader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        entry = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(file, entry, INVALID_YAML.format(problem=problem)))
        return _UNREADABLE
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(file, "", f"cannot read the file: {exc}"))
        return _UNREADABLE
    if data is None:
        problems.append(Problem(file, "", EMPTY_FILE))
        return _UNREADABLE
    return data


@cache
def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@cache
def _schema_validator(definition: str) -> jsonschema.Draft202012Validator:
    defs = _schema()["$defs"]
    return jsonschema.Draft202012Validator({"$ref": f"#/$defs/{definition}", "$defs": defs})


def schema_problems(data: Any, definition: str, file: str) -> list[Problem]:
    """Problems with one document against a definition of schema.json, in document order."""
    errors = _ordered(_schema_validator(definition).iter_errors(data))
    return [_schema_problem(error, data, file) for error in errors]


def _ordered(errors: Sequence[jsonschema.ValidationError] | Any) -> list[Any]:
    return sorted(errors, key=lambda e: [str(p).zfill(6) for p in e.absolute_path])


def _schema_problem(error: jsonschema.ValidationError, data: Any, file: str) -> Problem:
    path = list(error.absolute_path)
    entry, rest = "", path
    if len(path) >= 2 and path[0] in ("questions", "roles") and isinstance(path[1], int):
        item = data[path[0]][path[1]]
        item_id = item.get("id") if isinstance(item, dict) else None
        entry = f"{path[0]}[{path[1]}]" + (f" ({item_id})" if isinstance(item_id, str) else "")
        rest = path[2:]
    elif not path and isinstance(data, dict) and isinstance(data.get("id"), str):
        entry = data["id"]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in rest).lstrip(".")
    message = _schema_message(error, path)
    return Problem(file, entry, f"{where}: {message}" if where else message)


def _schema_message(error: jsonschema.ValidationError, path: list[Any]) -> str:
    kind, value, limit = error.validator, error.instance, error.validator_value
    if kind == "anyOf" and not path:
        return EXTEND_NEEDS_CONTENT
    if kind == "pattern":
        if limit == r"\S":
            return BLANK_TEXT
        context = next((p for p in path if p in PATTERN_HINTS), "")
        if context == "questions" and path[-1] != "id":
            context = ""
        return PATTERN_HINTS[context].format(value=value)
    template = SCHEMA_MESSAGES.get(str(kind))
    if template is None:
        return error.message if len(error.message) <= 200 else error.message[:199] + "…"
    size = len(value) if isinstance(value, str | list) else 0
    options = ", ".join(str(o) for o in limit) if isinstance(limit, list) else ""
    return template.format(
        limit=limit, size=size, value=value, options=options, actual=type(value).__name__
    )
