"""Candidate messages as Teams cards (a guest in the organisation): the same content as the email,
with a button to stop the prep reminders while more may come."""

from __future__ import annotations

from plugin.domain import candidate_text as say
from plugin.domain.candidate_messages import CandidateContent
from plugin.teams.cards.kit import card, execute, heading, label, note, rich, run

STOP_REMINDERS = "candidate.stop_reminders"
VERBS = (STOP_REMINDERS,)


def candidate_card(content: CandidateContent, *, handoff_id: str, offer_opt_out: bool) -> dict:
    body = [
        heading(content.subject),
        rich(content.greeting),
        rich(content.intro, spacing="None"),
    ]
    for part in content.sections:
        body.append(label(part.title))
        body += [rich(p, spacing="None") for p in part.paragraphs]
        body += [rich(f"• {bullet}", spacing="None") for bullet in part.bullets]
        if part.quote:
            body.append(rich(run(part.quote, italic=True), spacing="Small"))
        body += [rich(p, spacing="Small") for p in part.after]
    if content.closing:
        body.append(rich("\n".join(content.closing), spacing="Medium"))
    actions = []
    if offer_opt_out:
        body.append(note(say.OPT_OUT_SLACK, subtle=True))
        actions.append(execute(say.OPT_OUT_BUTTON, STOP_REMINDERS, {"handoff_id": handoff_id}))
    return card(body, actions, fallback=content.subject)
