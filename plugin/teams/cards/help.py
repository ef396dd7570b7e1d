"""The help card (also the answer to anything the bot doesn't understand) and the greeting."""

from __future__ import annotations

from plugin.teams import text
from plugin.teams.cards.kit import card, heading, note


def help_card() -> dict:
    facts = [
        {"title": command, "value": description} for command, description in text.HELP_COMMANDS
    ]
    return card(
        [
            heading(text.HELP_TITLE),
            note(text.HELP_INTRO),
            {"type": "FactSet", "facts": facts},
            note(text.HELP_FOOTER, subtle=True),
        ],
        fallback=text.HELP_INTRO,
    )


def welcome_card() -> dict:
    body = help_card()["body"]
    return card([heading(text.HELP_TITLE), note(text.WELCOME), *body[2:]], fallback=text.WELCOME)
