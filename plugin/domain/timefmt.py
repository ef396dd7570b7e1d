"""Times as people read them: in their own time zone, with the zone named."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


def zone(name: str) -> ZoneInfo:
    """The named zone, or UTC when the name is empty or unknown."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def format_when(start: datetime, minutes: int, tz_name: str) -> str:
    """'Tue 1 Dec 2026, 14:00–15:00 EST' in the reader's zone."""
    local = start.astimezone(zone(tz_name))
    end = local + timedelta(minutes=minutes)
    day = f"{local:%a} {local.day} {local:%b %Y}"
    return f"{day}, {local:%H:%M}–{end:%H:%M} {local.tzname()}"


def format_moment(moment: datetime, tz_name: str) -> str:
    """'1 Dec 14:05 EST' in the reader's zone, for 'who acted when'."""
    local = moment.astimezone(zone(tz_name))
    return f"{local.day} {local:%b %H:%M} {local.tzname()}"


@cache
def known_zones() -> frozenset[str]:
    """IANA zone names this machine knows (read once)."""
    return frozenset(available_timezones())


def matching_zones(query: str, limit: int = 100) -> list[str]:
    """Zone names containing every word of the query, e.g. 'berl' or 'new york'."""
    words = query.lower().replace("_", " ").split()
    names = sorted(z for z in known_zones() if "/" in z and not z.startswith(("Etc/", "SystemV")))
    found = [z for z in names if all(w in z.lower().replace("_", " ") for w in words)]
    return found[:limit]
