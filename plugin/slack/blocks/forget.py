"""`/handoff forget ADDRESS`: the confirmation shown only to the recruiter, and its outcome."""

from __future__ import annotations

from plugin.domain.handoff import STATE_LABELS, State
from plugin.retention import Erased
from plugin.slack import text
from plugin.slack.blocks.kit import clip, escape

CONFIRM = "forget_confirm"
CANCEL = "forget_cancel"
SHOWN = 20


def forget_prompt(records: list[dict], address: str, digest: str) -> dict:
    """The ephemeral answer asking to confirm; the button carries the candidate index's hash
    (no address, no IDs), and the click re-checks which hand-offs are the clicker's own."""
    lines = [_line(r) for r in records[:SHOWN]]
    if len(records) > SHOWN:
        lines.append(f"… and {len(records) - SHOWN} more")
    prompt = text.FORGET_PROMPT.format(address=escape(address))
    listing = clip("\n".join(lines), 2900)
    return {
        "response_type": "ephemeral",
        "text": prompt,
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": prompt}},
            {"type": "section", "text": {"type": "mrkdwn", "text": listing}},
            {
                "type": "actions",
                "block_id": "forget",
                "elements": [
                    {
                        "type": "button",
                        "action_id": CONFIRM,
                        "style": "danger",
                        "text": {
                            "type": "plain_text",
                            "text": text.FORGET_CONFIRM.format(count=len(records)),
                        },
                        "value": digest,
                    },
                    {
                        "type": "button",
                        "action_id": CANCEL,
                        "text": {"type": "plain_text", "text": text.FORGET_CANCEL},
                        "value": "cancel",
                    },
                ],
            },
        ],
    }


def _line(record: dict) -> str:
    state = record.get("state") or ""
    label = STATE_LABELS.get(State(state), state) if state in set(State) else state
    return text.FORGET_LINE.format(
        candidate=escape(clip(str(record.get("candidate_name") or "?"), 120)),
        role=escape(clip(str(record.get("role_title") or "?"), 100)),
        created=str(record.get("created_at") or "")[:10],
        state=label,
    )


def forget_done_text(erased: Erased) -> str:
    removed = "\n".join(f"• {line}" for line in erased.lines(skip=("emails_unrecallable",)))
    answer = text.FORGET_DONE.format(count=erased.count, removed=removed)
    emails = erased.counts["emails_unrecallable"]
    if emails:
        answer += text.FORGET_EMAILS.format(count=emails)
    return answer
