"""Answers to `questions <competency or role>`: a question set as a card."""

from __future__ import annotations

from plugin.teams import text
from plugin.teams.cards.kit import card, heading, label, note, rich, run

ROLE_QUESTIONS_PER_COMPETENCY = 2


def usage_card(bank) -> dict:
    competencies = ", ".join(sorted(c.name for c in bank.competencies.values()))
    roles = ", ".join(sorted(r.title for r in bank.roles.values()))
    return card(
        [
            heading(text.QUESTIONS_USAGE_TITLE, size="Medium"),
            note(text.QUESTIONS_USAGE),
            label(text.QUESTIONS_COMPETENCIES),
            rich(competencies, spacing="None"),
            label(text.QUESTIONS_ROLES),
            rich(roles, spacing="None"),
        ],
        fallback=text.QUESTIONS_USAGE,
    )


def question_blocks(question) -> list[dict]:
    kind = text.QUESTION_KIND.get(question.kind, question.kind.title())
    blocks = [rich(run(question.text, bold=True), run(f" ({kind})", italic=True), spacing="Medium")]
    blocks += [rich(f"◦ {probe}", spacing="None") for probe in question.probes]
    blocks.append(
        rich(run(text.QUESTIONS_STRONG, italic=True), question.strong_answer, spacing="None")
    )
    return blocks


def unknown_card(bank, name: str) -> dict:
    close = bank.closest(name, 3)
    message = text.QUESTIONS_UNKNOWN.format(name=name[:80])
    if close:
        message += text.QUESTIONS_SUGGEST.format(options=", ".join(close))
    return card([rich(message)], fallback=message)


def question_set_card(bank, name: str) -> dict:
    """The set for a competency or role, or a card saying the name is unknown."""
    found = bank.find(name)
    if found is None:
        return unknown_card(bank, name)
    kind, item = found
    if kind == "competency":
        body = [heading(item.name, size="Medium"), rich(run(item.description, italic=True))]
        for question in item.questions:
            body += question_blocks(question)
        return card(body, fallback=item.name)
    title = text.QUESTIONS_ROLE_TITLE.format(role=item.title)
    body = [heading(title, size="Medium")]
    for competency_id in item.competencies:
        competency = bank.competencies[competency_id]
        body.append(label(competency.name, spacing="Large"))
        for question in bank.questions_for(item.id, competency_id, ROLE_QUESTIONS_PER_COMPETENCY):
            body += question_blocks(question)
    return card(body, fallback=title)
