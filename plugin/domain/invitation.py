"""iCalendar invitations (RFC 5545/5546), so the interview lands in the candidate's calendar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal

from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Second Round//Interview Invitation//EN"
Method = Literal["REQUEST", "CANCEL"]
STATUS_BY_METHOD: dict[str, str] = {"REQUEST": "CONFIRMED", "CANCEL": "CANCELLED"}


def build_invitation(
    *,
    uid: str,
    sequence: int,
    method: Method,
    start: datetime,
    minutes: int,
    summary: str,
    description: str,
    location: str,
    organizer_email: str,
    organizer_name: str,
    attendee_email: str,
    attendee_name: str,
    now: datetime,
) -> bytes:
    """An .ics with one VEVENT in UTC; keep `uid` stable and raise `sequence` on every change."""
    if method not in STATUS_BY_METHOD:
        raise ValueError(f"method must be REQUEST or CANCEL, got {method!r}")
    if not uid.strip():
        raise ValueError("uid must not be empty")
    if sequence < 0:
        raise ValueError(f"sequence must not be negative, got {sequence}")
    if minutes <= 0:
        raise ValueError(f"minutes must be positive, got {minutes}")
    for name, moment in (("start", start), ("now", now)):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware")
    for name, address in (("organizer_email", organizer_email), ("attendee_email", attendee_email)):
        if "@" not in address or any(c in address for c in "\r\n:; <>"):
            raise ValueError(f"{name} is not an email address: {address!r}")

    begins = start.astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)

    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", begins)
    event.add("dtend", begins + timedelta(minutes=minutes))
    event.add("summary", summary)
    event.add("description", description)
    if location:
        event.add("location", location)
    event.add("status", STATUS_BY_METHOD[method])
    event.add("transp", "OPAQUE")
    event.add("organizer", _address(organizer_email, organizer_name))
    attendee = _address(attendee_email, attendee_name)
    attendee.params["CUTYPE"] = vText("INDIVIDUAL")
    attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
    attendee.params["PARTSTAT"] = vText("NEEDS-ACTION")
    attendee.params["RSVP"] = vText("TRUE")
    event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical()


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    return address
