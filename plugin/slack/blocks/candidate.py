"""Candidate messages as Slack DMs (guests and Slack Connect users): the same content as the email."""

from __future__ import annotations

from plugin.domain import candidate_text as say
from plugin.domain.candidate_messages import CandidateContent
from plugin.slack.blocks.kit import actions, button, context, escape, header, quote, section

OPT_OUT = "candidate_opt_out"
ACTIONS_BLOCK = "candidate_actions"


def candidate_blocks(content: CandidateContent, *, handoff_id: str, offer_opt_out: bool) -> list:
    """Header, one section per part, and the opt-out button while reminders may still come."""
    blocks = [
        header(content.subject),
        section(f"{escape(content.greeting)}\n{escape(content.intro)}"),
    ]
    for part in content.sections:
        lines = [f"*{escape(part.title)}*", *(escape(p) for p in part.paragraphs)]
        lines += [f"• {escape(bullet)}" for bullet in part.bullets]
        if part.quote:
            lines.append(quote(part.quote))
        lines += [escape(p) for p in part.after]
        blocks.append(section("\n".join(lines)))
    if content.closing:
        blocks.append(section("\n".join(escape(line) for line in content.closing)))
    if offer_opt_out:
        blocks.append(context(say.OPT_OUT_SLACK))
        blocks.append(actions(ACTIONS_BLOCK, button(say.OPT_OUT_BUTTON, OPT_OUT, handoff_id)))
    return blocks


def candidate_fallback(content: CandidateContent) -> str:
    """The notification text."""
    return escape(content.subject)
