"""When Second Round sends what: pure timing policy for nudges, kits and feedback reminders.

Every function takes timezone-aware datetimes (naive ones raise ValueError), works in the
recipient's own IANA time zone through `zoneinfo`, and returns UTC datetimes.

Policy, in one place:
- Confirmation: sent at once, even at night; it answers a human action and carries the essentials.
- Candidate nudges: a day offset ("3d") means the same local wall time that many calendar days
  before the interview (so "1d" is 23 or 25 hours across a DST change); any other offset ("2h")
  is elapsed time.
- A nudge whose ideal moment falls outside the candidate's local window [08:00, 20:00] (both ends
  allowed) moves earlier, to the latest allowed moment before it: 20:00 that evening when the ideal
  is later in the evening, 20:00 the previous evening when it is early in the morning.
- Nudges whose moment is already past when the plan is made collapse into one catch-up nudge,
  keyed by the latest one it replaces and listing them all in `covers`. It goes now when now is
  inside the window, else at the next window opening if that is before the interview, else now.
- Two nudges closer than `min_gap` merge into the later one (it keeps its key and moment and
  covers both), so a candidate never gets a burst.
- No nudge is planned at or after the interview start; once it has started the plan is empty.
- Interviewer kit: the same wall time `lead` before the interview (one calendar day by default),
  moved back to the previous working day when that is a weekend and clamped into that day's working
  hours; when clamping lands it at or after the interview (short leads), the latest working moment
  before the ideal instead; at once (now) when the moment has passed.
- Feedback reminders: the first one hour after the interview ends, whatever the hour (the
  interviewer has just been working, and memory is freshest); then one at 10:00 local on each
  following working day (Mon-Fri), at most five in all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_NUDGE_OFFSETS: tuple[timedelta, ...] = (
    timedelta(days=3),
    timedelta(days=1),
    timedelta(hours=2),
)
CANDIDATE_WINDOW: tuple[time, time] = (time(8), time(20))
MIN_NUDGE_GAP = timedelta(hours=1)

WORKING_HOURS: tuple[time, time] = (time(9), time(17))
WORKING_DAYS: frozenset[int] = frozenset({0, 1, 2, 3, 4})
KIT_LEAD = timedelta(days=1)

FEEDBACK_FIRST_DELAY = timedelta(hours=1)
FEEDBACK_DAILY_AT = time(10)
MAX_FEEDBACK_REMINDERS = 5


@dataclass(frozen=True)
class Nudge:
    """One planned candidate message: a stable key for job IDs, when to send, what it stands for."""

    key: str
    send_at: datetime
    covers: tuple[str, ...]


def offset_key(offset: timedelta) -> str:
    """The stable key of a nudge offset: "3d", "2h" or "30m"."""
    if offset <= timedelta(0):
        raise ValueError(f"nudge offsets must be positive, got {offset}")
    if offset % timedelta(days=1) == timedelta(0):
        return f"{offset.days}d"
    if offset % timedelta(hours=1) == timedelta(0):
        return f"{offset // timedelta(hours=1)}h"
    if offset % timedelta(minutes=1) == timedelta(0):
        return f"{offset // timedelta(minutes=1)}m"
    raise ValueError(f"nudge offsets must be whole minutes, got {offset}")


def confirmation_time(now: datetime, candidate_tz: str) -> datetime:
    """The confirmation goes at once, whatever the candidate's local hour."""
    _zone(candidate_tz)
    return _utc(now, "now")


def plan_candidate_nudges(
    now: datetime,
    interview_start: datetime,
    candidate_tz: str,
    offsets: Sequence[timedelta] = DEFAULT_NUDGE_OFFSETS,
    window: tuple[time, time] = CANDIDATE_WINDOW,
    min_gap: timedelta = MIN_NUDGE_GAP,
) -> list[Nudge]:
    """Prep reminders before the interview, in the candidate's waking hours, sorted by send time."""
    now = _utc(now, "now")
    start = _utc(interview_start, "interview_start")
    zone = _zone(candidate_tz)
    _check_hours(window, "window")
    keys = [offset_key(offset) for offset in offsets]
    if len(set(keys)) != len(keys):
        raise ValueError(f"nudge offsets must be distinct, got {keys}")
    if now >= start:
        return []

    ideals = sorted(
        (
            (_before(start, offset, zone), -offset, key)
            for offset, key in zip(offsets, keys, strict=True)
        ),
    )
    overdue: list[str] = []
    planned: list[Nudge] = []
    for ideal, _, key in ideals:
        send_at = _latest_in_window(ideal, zone, window)
        if send_at < now:
            overdue.append(key)
        else:
            planned.append(Nudge(key, send_at, (key,)))
    if overdue:
        catch_up = _next_in_window(now, zone, window)
        if catch_up >= start:
            catch_up = now
        planned.insert(0, Nudge(overdue[-1], catch_up, tuple(overdue)))
    return _merge_close(planned, min_gap)


def kit_send_time(
    now: datetime,
    interview_start: datetime,
    interviewer_tz: str,
    working_hours: tuple[time, time] = WORKING_HOURS,
    lead: timedelta = KIT_LEAD,
    working_days: Iterable[int] = WORKING_DAYS,
) -> datetime:
    """When to send an interviewer their kit: within working hours, about `lead` ahead."""
    now = _utc(now, "now")
    start = _utc(interview_start, "interview_start")
    zone = _zone(interviewer_tz)
    _check_hours(working_hours, "working_hours")
    days = _check_days(working_days)
    if lead <= timedelta(0):
        raise ValueError(f"lead must be positive, got {lead}")

    ideal = _before(start, lead, zone)
    local = ideal.astimezone(zone)
    day = local.date()
    while day.weekday() not in days:
        day -= timedelta(days=1)
    opening, closing = working_hours
    send_at = _at(day, min(max(local.time(), opening), closing), zone)
    if send_at >= start:
        send_at = _latest_working(ideal, zone, working_hours, days)
    return max(send_at, now)


def feedback_reminder_times(
    interview_end: datetime,
    interviewer_tz: str,
    working_hours: tuple[time, time] = WORKING_HOURS,
    max_reminders: int = MAX_FEEDBACK_REMINDERS,
    daily_at: time = FEEDBACK_DAILY_AT,
    working_days: Iterable[int] = WORKING_DAYS,
) -> list[datetime]:
    """Reminder moments until feedback is in: an hour after the end, then once a working day."""
    end = _utc(interview_end, "interview_end")
    zone = _zone(interviewer_tz)
    _check_hours(working_hours, "working_hours")
    days = _check_days(working_days)
    if not working_hours[0] <= daily_at <= working_hours[1]:
        raise ValueError(f"daily_at {daily_at} must lie within working hours {working_hours}")
    if max_reminders < 0:
        raise ValueError(f"max_reminders must not be negative, got {max_reminders}")
    if max_reminders == 0:
        return []

    first = end + FEEDBACK_FIRST_DELAY
    times = [first]
    day = first.astimezone(zone).date()
    while len(times) < max_reminders:
        day += timedelta(days=1)
        if day.weekday() in days:
            times.append(_at(day, daily_at, zone))
    return times


def _utc(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {moment.isoformat()}")
    return moment.astimezone(UTC)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {name!r}") from error


def _check_hours(hours: tuple[time, time], name: str) -> None:
    opening, closing = hours
    if opening.tzinfo is not None or closing.tzinfo is not None or not opening < closing:
        raise ValueError(f"{name} must be two naive local times, the first earlier: {hours}")


def _check_days(days: Iterable[int]) -> frozenset[int]:
    chosen = frozenset(days)
    if not chosen or not chosen <= set(range(7)):
        raise ValueError(f"working_days must be weekday numbers 0-6, got {sorted(chosen)}")
    return chosen


def _at(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """A local wall time as a UTC instant; a time skipped by DST maps to just after the jump."""
    return datetime.combine(day, wall, tzinfo=zone).astimezone(UTC)


def _before(start: datetime, offset: timedelta, zone: ZoneInfo) -> datetime:
    """Whole days back on the local calendar (same wall time); anything else as elapsed time."""
    if offset % timedelta(days=1) != timedelta(0):
        return start - offset
    local = start.astimezone(zone).replace(tzinfo=None) - offset
    return local.replace(tzinfo=zone).astimezone(UTC)


def _in_window(moment: datetime, zone: ZoneInfo, window: tuple[time, time]) -> bool:
    return window[0] <= moment.astimezone(zone).time() <= window[1]


def _latest_in_window(moment: datetime, zone: ZoneInfo, window: tuple[time, time]) -> datetime:
    if _in_window(moment, zone, window):
        return moment
    local = moment.astimezone(zone)
    day = local.date() if local.time() > window[1] else local.date() - timedelta(days=1)
    return _at(day, window[1], zone)


def _next_in_window(moment: datetime, zone: ZoneInfo, window: tuple[time, time]) -> datetime:
    if _in_window(moment, zone, window):
        return moment
    local = moment.astimezone(zone)
    day = local.date() if local.time() < window[0] else local.date() + timedelta(days=1)
    return _at(day, window[0], zone)


def _latest_working(
    moment: datetime, zone: ZoneInfo, hours: tuple[time, time], days: frozenset[int]
) -> datetime:
    local = moment.astimezone(zone)
    if local.weekday() in days and hours[0] <= local.time() <= hours[1]:
        return moment
    day = local.date()
    if not (local.weekday() in days and local.time() > hours[1]):
        day -= timedelta(days=1)
        while day.weekday() not in days:
            day -= timedelta(days=1)
    return _at(day, hours[1], zone)


def _merge_close(nudges: list[Nudge], min_gap: timedelta) -> list[Nudge]:
    merged: list[Nudge] = []
    for nudge in nudges:
        if merged and nudge.send_at - merged[-1].send_at < min_gap:
            nudge = Nudge(nudge.key, nudge.send_at, merged.pop().covers + nudge.covers)
        merged.append(nudge)
    return merged
