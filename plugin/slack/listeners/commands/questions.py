"""/questions <competency or role>: a question set shown only to the caller."""

from __future__ import annotations

from plugin.slack.blocks.questions import question_set_response, questions_usage


def questions_command(ack, command, context):
    services = context["services"]
    name = " ".join(str(command.get("text") or "").split())
    if not name or name.lower() in ("help", "?"):
        ack(**questions_usage(services.question_bank))
        return
    ack(**question_set_response(services.question_bank, name))
