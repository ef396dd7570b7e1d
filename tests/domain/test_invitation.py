"""Calendar invitations: what calendar clients need to add, move and cancel the interview."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from plugin.domain.invitation import PRODID, build_invitation

START = datetime(2026, 3, 9, 10, 30, tzinfo=ZoneInfo("America/New_York"))
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def invitation(**overrides: Any) -> bytes:
    fields: dict[str, Any] = {
        "uid": "h-42@secondround",
        "sequence": 0,
        "method": "REQUEST",
        "start": START,
        "minutes": 45,
        "summary": "Second interview: Staff Engineer, Platform",
        "description": "You will meet Dana Kim, Engineering Manager.\nBring questions; we will.",
        "location": "https://meet.example.com/abc-defg-hij",
        "organizer_email": "recruiting@example.com",
        "organizer_name": "Rita Recruiter",
        "attendee_email": "zoe@example.org",
        "attendee_name": "Zoë Müller",
        "now": NOW,
    }
    fields.update(overrides)
    return build_invitation(**fields)


def parse(data: bytes) -> tuple[Calendar, Any]:
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def test_request_has_what_calendar_clients_need() -> None:
    calendar, event = parse(invitation())
    assert calendar["PRODID"] == PRODID
    assert calendar["VERSION"] == "2.0"
    assert calendar["METHOD"] == "REQUEST"
    assert event["UID"] == "h-42@secondround"
    assert event.decoded("SEQUENCE") == 0
    assert event["STATUS"] == "CONFIRMED"
    assert event.decoded("DTSTAMP") == NOW


def test_times_are_utc_and_the_end_follows_the_length() -> None:
    data = invitation()
    _, event = parse(data)
    assert b"DTSTART:20260309T143000Z" in data
    assert b"DTEND:20260309T151500Z" in data
    assert event.decoded("DTSTART") == START
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=45)
    assert event.decoded("DTSTART").utcoffset() == timedelta(0)


def test_text_fields_survive_escaping() -> None:
    _, event = parse(invitation())
    assert str(event["SUMMARY"]) == "Second interview: Staff Engineer, Platform"
    assert str(event["DESCRIPTION"]).splitlines() == [
        "You will meet Dana Kim, Engineering Manager.",
        "Bring questions; we will.",
    ]
    assert str(event["LOCATION"]) == "https://meet.example.com/abc-defg-hij"


def test_organizer_and_attendee_are_mailto_with_names() -> None:
    _, event = parse(invitation())
    organizer = event["ORGANIZER"]
    assert str(organizer) == "mailto:recruiting@example.com"
    assert organizer.params["CN"] == "Rita Recruiter"
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:zoe@example.org"
    assert attendee.params["CN"] == "Zoë Müller"
    assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
    assert attendee.params["RSVP"] == "TRUE"
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"


def test_a_reschedule_keeps_the_uid_and_raises_the_sequence() -> None:
    _, first = parse(invitation())
    moved = START + timedelta(days=2)
    _, second = parse(invitation(sequence=1, start=moved))
    assert second["UID"] == first["UID"]
    assert second.decoded("SEQUENCE") == first.decoded("SEQUENCE") + 1
    assert second.decoded("DTSTART") == moved


def test_a_cancel_is_cancelled() -> None:
    calendar, event = parse(invitation(method="CANCEL", sequence=2))
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["UID"] == "h-42@secondround"
    assert event.decoded("SEQUENCE") == 2


def test_lines_are_folded_and_end_in_crlf() -> None:
    data = invitation(description="x" * 400)
    lines = data.split(b"\r\n")
    assert data.endswith(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_empty_location_is_left_out() -> None:
    _, event = parse(invitation(location=""))
    assert "LOCATION" not in event


@pytest.mark.parametrize(
    "overrides",
    [
        {"method": "PUBLISH"},
        {"uid": " "},
        {"sequence": -1},
        {"minutes": 0},
        {"start": datetime(2026, 3, 9, 10, 30)},
        {"now": datetime(2026, 3, 2, 12, 0)},
        {"attendee_email": "zoe.example.org"},
        {"organizer_email": "rita@example.com\r\nATTENDEE:mailto:x@evil.example"},
    ],
)
def test_bad_input_is_rejected(overrides: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        invitation(**overrides)
