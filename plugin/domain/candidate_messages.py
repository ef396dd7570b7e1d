"""What the candidate receives: confirmation, updates, prep reminders, cancellation. Pure functions.

The builders never see a hand-off: `candidate_facts` copies out the little a candidate may know
(the time, the people and their roles, where, the role's competency names, and the one field the
recruiter marked as shared with the candidate). Strengths, concerns, the recruiter's notes and
recommendation, and competencies added because of a concern never reach this module's output.

`build_content` gives platform-neutral content (plain strings, no markup); `email_text` and
`email_html` render it for email (HTML escaped), plugin.slack.blocks.candidate for Slack, and
`invitation` gives the .ics (stable UID per hand-off, SEQUENCE = the hand-off's schedule version).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from plugin.domain import candidate_text as say
from plugin.domain.handoff import Handoff, Person
from plugin.domain.invitation import Method, build_invitation
from plugin.domain.timefmt import format_when, zone

Kind = Literal["confirmation", "updated", "reminder", "cancelled"]
KINDS: tuple[str, ...] = ("confirmation", "updated", "reminder", "cancelled")
FULL_PREP_BEFORE = timedelta(hours=20)
URL = re.compile(r"(https?://[^\s<>\"']+)")
ESCAPED_URL = re.compile(r"(https?://(?:(?!&quot;|&#x27;|&lt;|&gt;)[^\s<>\"'])+)")


@dataclass(frozen=True)
class Attendee:
    name: str
    title: str = ""
    hiring_manager: bool = False


@dataclass(frozen=True)
class CandidateFacts:
    """Everything a candidate message may say; nothing from the screen but the shared feedback."""

    handoff_id: str
    candidate_name: str
    role_title: str
    start: datetime
    minutes: int
    tz: str
    location: str = ""
    people: tuple[Attendee, ...] = ()
    recruiter_name: str = ""
    recruiter_email: str = ""
    shared_feedback: str = ""
    competency_names: tuple[str, ...] = ()
    sequence: int = 0


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    quote: str = ""
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class CandidateContent:
    kind: str
    subject: str
    greeting: str
    intro: str
    sections: tuple[Section, ...] = ()
    closing: tuple[str, ...] = ()


def candidate_facts(
    handoff: Handoff,
    *,
    tz: str,
    people: Sequence[Person | None],
    recruiter: Person | None,
    competency_names: Iterable[str] = (),
) -> CandidateFacts:
    """The candidate's view of a hand-off. `people` follow `handoff.panel` (hiring manager first)."""
    if handoff.interview_at is None:
        raise ValueError("a candidate message needs the interview time")
    attendees = []
    for user_id, person in zip(handoff.panel, people, strict=True):
        if person is None or person.deleted:
            continue
        attendees.append(
            Attendee(
                name=person.name or "",
                title=person.title,
                hiring_manager=user_id == handoff.hiring_manager_id,
            )
        )
    return CandidateFacts(
        handoff_id=handoff.id,
        candidate_name=handoff.candidate_name,
        role_title=handoff.role_title,
        start=handoff.interview_at,
        minutes=handoff.interview_minutes,
        tz=tz,
        location=handoff.location,
        people=tuple(a for a in attendees if a.name),
        recruiter_name=recruiter.name if recruiter else "",
        recruiter_email=recruiter.email if recruiter else "",
        shared_feedback=handoff.notes.shared_feedback.strip(),
        competency_names=tuple(dict.fromkeys(n for n in competency_names if n)),
        sequence=handoff.schedule_version,
    )


# -- content --------------------------------------------------------------------------------------


def build_content(
    kind: Kind,
    facts: CandidateFacts,
    now: datetime,
    *,
    prep: bool = False,
    calendar: bool = False,
    reminders_follow: bool = False,
) -> CandidateContent:
    """The message of `kind`. `prep` adds the preparation notes (a catch-up reminder folded into
    a confirmation), `calendar` the invitation line, `reminders_follow` the "notes will follow"."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    names = _names(facts)
    greeting = say.GREETING.format(first_name=_first_name(facts.candidate_name))
    if kind == "cancelled":
        return CandidateContent(
            kind=kind,
            subject=say.SUBJECT_CANCELLED.format(**names),
            greeting=greeting,
            intro=say.INTRO_CANCELLED.format(**names),
            sections=(),
            closing=(say.CALENDAR_CANCELLED,) if calendar else (),
        )
    closing = (say.QUESTIONS_TO.format(**names), say.SIGN_OFF)
    if kind == "reminder":
        soon_title, soon_phrase = _soon(facts, now)
        full = facts.start - now >= FULL_PREP_BEFORE
        sections = (*_prep(facts, full=full), *_logistics(facts, names, with_when=False))
        return CandidateContent(
            kind=kind,
            subject=say.SUBJECT_REMINDER.format(soon=soon_title, **names),
            greeting=greeting,
            intro=say.INTRO_REMINDER.format(soon_phrase=soon_phrase, **names),
            sections=sections,
            closing=closing,
        )
    confirmed = kind == "confirmation"
    notes: list[str] = []
    if calendar:
        notes.append(say.CALENDAR_ATTACHED if confirmed else say.CALENDAR_UPDATED)
    if confirmed and not prep and reminders_follow:
        notes.append(say.PREP_COMING)
    sections = list(_logistics(facts, names, with_when=True))
    if prep:
        sections += _prep(facts, full=facts.start - now >= FULL_PREP_BEFORE)
    return CandidateContent(
        kind=kind,
        subject=(say.SUBJECT_CONFIRMATION if confirmed else say.SUBJECT_UPDATED).format(**names),
        greeting=greeting,
        intro=(say.INTRO_CONFIRMATION if confirmed else say.INTRO_UPDATED).format(**names),
        sections=tuple(sections),
        closing=(*notes, *closing),
    )


def _names(facts: CandidateFacts) -> dict[str, str]:
    local = facts.start.astimezone(zone(facts.tz))
    contact = say.CONTACT.format(email=facts.recruiter_email) if facts.recruiter_email else ""
    return {
        "role": facts.role_title,
        "day": f"{local:%a} {local.day} {local:%b}",
        "when": format_when(facts.start, facts.minutes, facts.tz),
        "recruiter": facts.recruiter_name or say.UNKNOWN_RECRUITER[0],
        "recruiter_start": facts.recruiter_name or say.UNKNOWN_RECRUITER[1],
        "contact": contact,
        "minutes": str(facts.minutes),
    }


def _first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def _soon(facts: CandidateFacts, now: datetime) -> tuple[str, str]:
    """("In 3 days", "in 3 days") and the like, from the candidate's own calendar."""
    left = facts.start - now
    if left < FULL_PREP_BEFORE:
        hours = round(left / timedelta(hours=1))
        if hours <= 1:
            return say.SOON_HOUR
        return tuple(s.format(hours=hours) for s in say.SOON_HOURS)  # type: ignore[return-value]
    tz = zone(facts.tz)
    days = (facts.start.astimezone(tz).date() - now.astimezone(tz).date()).days
    if days <= 0:
        return say.SOON_TODAY
    if days == 1:
        return say.SOON_TOMORROW
    return tuple(s.format(days=days) for s in say.SOON_DAYS)  # type: ignore[return-value]


def _logistics(facts: CandidateFacts, names: dict[str, str], *, with_when: bool) -> list[Section]:
    sections = []
    if with_when:
        sections.append(Section(say.WHEN_TITLE, (say.WHEN_LINE.format(**names),)))
    if facts.people:
        sections.append(Section(say.WHO_TITLE, bullets=tuple(_who(a) for a in facts.people)))
    if facts.location:
        title = say.JOIN_TITLE if _looks_online(facts.location) else say.WHERE_TITLE
        sections.append(Section(title, (facts.location,)))
    else:
        sections.append(Section(say.WHERE_TITLE, (say.WHERE_UNSET.format(**names),)))
    return sections


def _who(attendee: Attendee) -> str:
    if attendee.hiring_manager:
        template = say.WHO_HIRING_MANAGER if attendee.title else say.WHO_HIRING_MANAGER_UNTITLED
    else:
        template = say.WHO_INTERVIEWER if attendee.title else say.WHO_INTERVIEWER_UNTITLED
    return template.format(name=attendee.name, title=attendee.title)


def _looks_online(location: str) -> bool:
    return bool(URL.search(location)) or location.lower().startswith("www.")


def _prep(facts: CandidateFacts, *, full: bool) -> list[Section]:
    manager = next((a.name for a in facts.people if a.hiring_manager), "")
    feedback = []
    if facts.shared_feedback:
        feedback.append(
            Section(
                say.FEEDBACK_TITLE,
                (say.FEEDBACK_INTRO.format(recruiter=facts.recruiter_name or "we"),),
                quote=facts.shared_feedback,
                after=(say.FEEDBACK_INVITE,),
            )
        )
    if not full:
        return [Section(say.LAST_TITLE, (say.STAR_SHORT, say.FRESH, say.LAST)), *feedback]
    about = (
        say.ABOUT.format(role=facts.role_title, manager=manager)
        if manager
        else say.ABOUT_NO_MANAGER_NAME.format(role=facts.role_title)
    )
    examples = (
        Section(say.EXAMPLES_TITLE, (say.EXAMPLES_FOR,), bullets=facts.competency_names)
        if facts.competency_names
        else Section(say.EXAMPLES_TITLE, (say.EXAMPLES_GENERIC,))
    )
    return [
        Section(say.ABOUT_TITLE, (about,)),
        Section(say.QUESTIONS_TITLE, (say.QUESTIONS,)),
        Section(say.STAR_TITLE, (say.STAR_INTRO,), bullets=say.STAR_STEPS),
        examples,
        Section(say.FRESH_TITLE, (say.FRESH,)),
        *feedback,
    ]


# -- email ----------------------------------------------------------------------------------------


def email_text(content: CandidateContent, opt_out_url: str = "") -> str:
    """The text/plain part."""
    lines = [content.greeting, "", content.intro]
    for section in content.sections:
        lines += ["", section.title.upper()]
        lines += list(section.paragraphs)
        lines += [f"- {bullet}" for bullet in section.bullets]
        if section.quote:
            lines += [f"> {line}".rstrip() for line in section.quote.splitlines()]
        lines += list(section.after)
    if content.closing:
        lines += ["", *content.closing]
    if opt_out_url:
        lines += ["", "--", say.OPT_OUT_EMAIL.format(url=opt_out_url)]
    return "\n".join(lines) + "\n"


def email_html(content: CandidateContent, opt_out_url: str = "") -> str:
    """The text/html part: every value escaped, links only where a URL was written."""
    body = [f"<p>{_html(content.greeting)}</p>", f"<p>{_html(content.intro)}</p>"]
    for section in content.sections:
        body.append(f'<h3 style="margin:20px 0 6px;font-size:16px">{_html(section.title)}</h3>')
        body += [f"<p>{_html(p)}</p>" for p in section.paragraphs]
        if section.bullets:
            items = "".join(f"<li>{_html(b)}</li>" for b in section.bullets)
            body.append(f"<ul>{items}</ul>")
        if section.quote:
            quoted = "<br>".join(_html(line) for line in section.quote.splitlines())
            body.append(
                '<blockquote style="margin:8px 0;padding:4px 12px;border-left:3px solid #ccc">'
                f"{quoted}</blockquote>"
            )
        body += [f"<p>{_html(p)}</p>" for p in section.after]
    body += [f"<p>{_html(p)}</p>" for p in content.closing]
    if opt_out_url:
        url = html.escape(opt_out_url, quote=True)
        body.append(
            '<p style="margin-top:24px;font-size:13px;color:#666">'
            f"{say.OPT_OUT_EMAIL_HTML.format(url=url)}</p>"
        )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{_html(content.subject)}</title></head>\n"
        '<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;'
        'font-size:15px;line-height:1.5;color:#222;max-width:640px">\n'
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def _html(text: str) -> str:
    """Escape, then turn written URLs into links (the URL text itself stays escaped)."""
    escaped = html.escape(text, quote=True)
    return ESCAPED_URL.sub(lambda m: f'<a href="{m.group(1)}">{m.group(1)}</a>', escaped)


# -- calendar -------------------------------------------------------------------------------------


def invitation_uid(handoff_id: str, domain: str) -> str:
    """One UID per hand-off for its whole life, so every update replaces the same event."""
    return f"second-interview-{handoff_id}@{domain}"


def invitation(
    facts: CandidateFacts,
    *,
    method: Method,
    organizer_email: str,
    organizer_name: str,
    attendee_email: str,
    now: datetime,
) -> bytes:
    """The .ics for this hand-off at its current schedule version (SEQUENCE)."""
    names = _names(facts)
    description = []
    if facts.people:
        people = "; ".join(_who(a) for a in facts.people)
        description.append(say.ICS_DESCRIPTION_WHO.format(people=people))
    if facts.location:
        description.append(say.ICS_DESCRIPTION_WHERE.format(location=facts.location))
    description.append(say.ICS_DESCRIPTION_CONTACT.format(**names))
    return build_invitation(
        uid=invitation_uid(facts.handoff_id, organizer_email.rpartition("@")[2]),
        sequence=facts.sequence,
        method=method,
        start=facts.start,
        minutes=facts.minutes,
        summary=say.ICS_SUMMARY.format(role=facts.role_title),
        description="\n".join(description),
        location=facts.location,
        organizer_email=organizer_email,
        organizer_name=organizer_name,
        attendee_email=attendee_email,
        attendee_name=facts.candidate_name,
        now=now,
    )
