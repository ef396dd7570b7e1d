"""Candidate messages (issue 4): confirmation, prep reminders, in the candidate's daytime."""

from __future__ import annotations


def schedule_nudges(ctx, handoff) -> None:
    """Placeholder until the candidate nudges land: schedules nothing yet."""
