"""/questions <competency or role>: a question set shown only to the caller."""

from __future__ import annotations

from plugin.slack.blocks.questions import (
    GUESTS_CANNOT_SEE_QUESTIONS,
    question_set_response,
    questions_usage,
)


def questions_command(ack, command, context):
    services, directory = context["services"], context["directory"]
    caller = directory.person(command.get("team_id", ""), command.get("user_id", ""))
    if caller is None or caller.is_guest or caller.is_bot:
        ack(text=GUESTS_CANNOT_SEE_QUESTIONS, response_type="ephemeral")
        return
    name = " ".join(str(command.get("text") or "").split())
    if not name or name.lower() in ("help", "?"):
        ack(**questions_usage(services.question_bank))
        return
    ack(**question_set_response(services.question_bank, name))
