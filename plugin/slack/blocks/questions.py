"""/questions answers: a competency's or a role's question set, shown to the caller alone."""

from __future__ import annotations

from plugin.slack.blocks.kit import context, divider, escape, header, section

ROLE_QUESTIONS_PER_COMPETENCY = 2
USAGE = (
    "*Behavioral questions for a competency or a role*\n"
    "`/questions ownership` or `/questions product manager`\n"
    "Competencies: {competencies}\nRoles: {roles}"
)
UNKNOWN = "I don't know a competency or role called `{name}`."
SUGGEST = " Did you mean {options}?"
GUESTS_CANNOT_SEE_QUESTIONS = (
    "Interview questions are only for members of this workspace: candidates may be guests here."
)
QUESTION_KIND = {"behavioral": "Behavioral", "situational": "Situational"}


def _ephemeral(text: str, blocks: list[dict] | None = None) -> dict:
    answer = {"response_type": "ephemeral", "text": text}
    if blocks:
        answer["blocks"] = blocks
    return answer


def questions_usage(bank) -> dict:
    competencies = ", ".join(sorted(c.name for c in bank.competencies.values()))
    roles = ", ".join(sorted(r.title for r in bank.roles.values()))
    return _ephemeral(USAGE.format(competencies=competencies, roles=roles))


def question_block(question) -> dict:
    probes = "\n".join(f"   ◦ {escape(p)}" for p in question.probes)
    kind = QUESTION_KIND.get(question.kind, question.kind.title())
    return section(
        f"*{escape(question.text)}* _({kind})_\n{probes}\n"
        f"_Strong answer:_ {escape(question.strong_answer)}"
    )


def competency_blocks(competency, questions) -> list[dict]:
    blocks = [header(competency.name), context(escape(competency.description))]
    blocks += [question_block(q) for q in questions]
    return blocks


def question_set_response(bank, name: str) -> dict:
    found = bank.find(name)
    if found is None:
        close = bank.closest(name, 3)
        options = ", ".join(f"`{c}`" for c in close)
        typed = escape(name[:80]).replace("`", "'")
        return _ephemeral(
            UNKNOWN.format(name=typed) + (SUGGEST.format(options=options) if close else "")
        )
    kind, item = found
    if kind == "competency":
        questions = list(item.questions)
        return _ephemeral(item.name, competency_blocks(item, questions)[:50])
    blocks = [header(f"{item.title}: interview questions")]
    for competency_id in item.competencies:
        competency = bank.competencies[competency_id]
        questions = bank.questions_for(item.id, competency_id, ROLE_QUESTIONS_PER_COMPETENCY)
        blocks += [divider(), section(f"*{escape(competency.name)}*")]
        blocks += [question_block(q) for q in questions]
    return _ephemeral(item.title, blocks[:50])
