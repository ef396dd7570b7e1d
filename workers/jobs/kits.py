"""Interviewer kits (issue 3): the panel plan, kits ahead of the interview, feedback prompts."""

from __future__ import annotations


def schedule_kits(ctx, handoff) -> None:
    """Placeholder until the interviewer kits land: schedules nothing yet."""
