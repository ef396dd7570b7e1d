"""Candidate messages end to end: real SMTP conversations with the local server, Slack DMs for
guests, reminders at the policy's times, reschedule, cancel, opt-out and delivery failures."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar
from rq.registry import FailedJobRegistry, ScheduledJobRegistry

from conftest import CANDIDATE, INTERVIEWERS, MAIL_FROM, MANAGER, RECRUITER
from plugin import queues
from plugin.domain.schedule import plan_candidate_nudges
from plugin.store import HandoffStore
from workers.ledger import DeliveryLedger

SHARED = "Go deeper on system design trade-offs."
STRENGTHS = "Explained a hard migration clearly."
CONCERNS = "Avoids conflict with peers; little experience owning on-call."
NOTES = "Prefers a hybrid role."
RECOMMENDATION = "worth a closer look"


@pytest.fixture(autouse=True)
def titles(slack):
    slack.add_user(
        MANAGER, name="hank", real_name="Hank Manager", tz="Europe/Berlin", title="Head of Platform"
    )
    slack.add_user(
        INTERVIEWERS[0],
        name="ivy",
        real_name="Ivy Interviewer",
        tz="Asia/Kolkata",
        title="Staff Engineer",
    )


def stored(redis_conn):
    return HandoffStore(redis_conn).for_recruiter("T0STANDIN", RECRUITER)[0]


def accepted(handoff, run_jobs, **changes):
    """A hand-off created by the recruiter and accepted by the hiring manager, jobs run."""
    handoff.create(concerns=CONCERNS, **changes)
    handoff.click("brief_accept")
    run_jobs()


def leaves(email: EmailMessage) -> dict[str, str]:
    """Every decoded leaf part by content type (the .ics attachment as text too)."""
    found = {}
    for part in email.walk():
        if part.is_multipart():
            continue
        content = part.get_content()
        if isinstance(content, bytes):
            content = content.decode()
        found.setdefault(part.get_content_type(), content)
    return found


def everything(email: EmailMessage) -> str:
    return "\n".join([str(email["Subject"]), *leaves(email).values()])


def invitation(email: EmailMessage):
    calendar = Calendar.from_ical(leaves(email)["text/calendar"])
    [event] = calendar.walk("VEVENT")
    return calendar, event


def candidate_jobs(redis_conn, handoff_id: str) -> dict[str, datetime]:
    registry = ScheduledJobRegistry(queue=queues.queue(queues.SCHEDULED, redis_conn))
    prefix = f"send_candidate_message-{handoff_id}-"
    return {
        job_id: registry.get_scheduled_time(job_id)
        for job_id in registry.get_job_ids()
        if job_id.startswith(prefix)
    }


def run_now(redis_conn, job_id: str, queue_name: str = queues.SCHEDULED) -> None:
    """Move a scheduled job to its queue now, as RQ's scheduler does when it comes due."""
    queue = queues.queue(queue_name, redis_conn)
    job = queue.fetch_job(job_id)
    ScheduledJobRegistry(queue=queue).remove(job)
    queue.enqueue_job(job)


def result_of(redis_conn, job_id: str, queue_name: str):
    return queues.queue(queue_name, redis_conn).fetch_job(job_id).return_value()


def recruiter_texts(slack) -> list[str]:
    return [m["text"] for m in slack.messages(RECRUITER)]


# -- the confirmation -----------------------------------------------------------------------------


def test_accepting_sends_the_candidate_a_confirmation_with_an_invitation(
    handoff, smtp, redis_conn, run_jobs
):
    accepted(handoff, run_jobs)
    record = stored(redis_conn)
    [received] = smtp.messages
    email = received.message
    assert received.rcpt_tos == ("jane@example.com",)
    assert email["From"] == MAIL_FROM
    assert email["To"].addresses[0].display_name == "Jane Doe"
    assert email["Subject"].startswith("Your second interview for Software engineer: ")
    unsubscribe = email["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://secondround.example.com/candidate/opt-out?token=")
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    parts = leaves(email)
    assert {"text/plain", "text/html", "text/calendar", "application/ics"} <= set(parts)
    berlin = handoff.start.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Berlin"))
    for body in (parts["text/plain"], parts["text/html"]):
        assert f"{berlin:%H:%M}" in body
        assert "Hank Manager, Head of Platform (the hiring manager)" in body
        assert "Ivy Interviewer, Staff Engineer" in body
        assert "Omar Interviewer, interviewer" in body
        assert "Rita Recruiter" in body
        assert "60 minutes" in body

    calendar, event = invitation(email)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == f"second-interview-{record.id}@example.com"
    assert int(event["SEQUENCE"]) == record.schedule_version
    assert event.decoded("DTSTART") == handoff.start
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "jane@example.com" in str(event["ATTENDEE"])


def test_only_the_shared_feedback_reaches_the_candidate(handoff, smtp, redis_conn, run_jobs):
    accepted(handoff, run_jobs)
    [job_id] = [j for j in candidate_jobs(redis_conn, stored(redis_conn).id) if "-3d-" in j]
    run_now(redis_conn, job_id)
    run_jobs()
    assert len(smtp.messages) == 2
    reminder = everything(smtp.messages[1].message)
    assert SHARED in reminder
    assert "Situation" in reminder and "Result" in reminder
    for competency in ("Problem solving", "Ownership", "Collaboration", "Communication"):
        assert competency in reminder
    assert "Conflict resolution" not in reminder  # added for a concern: would hint at it
    for email in smtp.messages:
        raw = everything(email.message)
        for secret in (STRENGTHS, "Avoids conflict", "on-call", NOTES, RECOMMENDATION):
            assert secret not in raw
            assert secret not in email.raw.decode("utf-8", "replace")


def test_reminders_are_scheduled_at_the_policys_times(handoff, smtp, redis_conn, run_jobs):
    accepted(handoff, run_jobs)
    record = stored(redis_conn)
    planned = plan_candidate_nudges(datetime.now(UTC), handoff.start, record.candidate_tz)
    version = record.schedule_version
    assert candidate_jobs(redis_conn, record.id) == {
        f"send_candidate_message-{record.id}-{n.key}-{version}": n.send_at for n in planned
    }
    assert [n.key for n in planned] == ["3d", "1d", "2h"]


def test_a_reminder_is_a_prep_email_without_an_invitation(handoff, smtp, redis_conn, run_jobs):
    accepted(handoff, run_jobs)
    record = stored(redis_conn)
    job_id = f"send_candidate_message-{record.id}-1d-{record.schedule_version}"
    run_now(redis_conn, job_id)
    run_jobs()
    email = smtp.messages[-1].message
    assert re.fullmatch(
        r"In \d days: your second interview for Software engineer", email["Subject"]
    )
    assert "text/calendar" not in leaves(email)
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    queues.enqueue(
        redis_conn, queues.send_candidate_message(record.id, "1d", record.schedule_version)
    )
    run_jobs()
    assert len(smtp.messages) == 2  # a duplicate never sends twice


def test_a_guest_candidate_gets_slack_dms_and_can_stop_reminders(
    handoff, slack, slack_user, smtp, redis_conn, run_jobs
):
    accepted(handoff, run_jobs, candidate_email=None, candidate_user_id=CANDIDATE)
    assert smtp.messages == []
    [dm] = slack.messages(CANDIDATE)
    rendered = json.dumps(dm["blocks"])
    assert "Your second interview for Software engineer" in dm["text"]
    assert "JST" in rendered  # the candidate's own zone (Asia/Tokyo, from their profile)
    assert "Hank Manager, Head of Platform" in rendered
    assert "candidate_opt_out" in rendered
    for secret in (STRENGTHS, "Avoids conflict", NOTES, RECOMMENDATION):
        assert secret not in rendered

    record = stored(redis_conn)
    slack_user.click("candidate_opt_out", user_id=INTERVIEWERS[0], message=dm)
    slack_user.click("candidate_opt_out", user_id=CANDIDATE, message=dm)
    run_jobs()
    assert [e.kind for e in stored(redis_conn).events].count("opted_out") == 1
    [refused] = slack.ephemerals(INTERVIEWERS[0])
    assert "Only the candidate" in refused["text"]
    [done] = slack.ephemerals(CANDIDATE)
    assert "no more preparation reminders" in done["text"]
    assert any("asked not to get preparation reminders" in t for t in recruiter_texts(slack))

    job_id = f"send_candidate_message-{record.id}-3d-{record.schedule_version}"
    run_now(redis_conn, job_id)
    run_jobs()
    assert result_of(redis_conn, job_id, queues.SCHEDULED) == "opted out"
    assert len(slack.messages(CANDIDATE)) == 1


# -- reschedule and cancel ------------------------------------------------------------------------


def reschedule_from_recruiter_notice(slack, slack_user, new_start, location=None):
    notice = slack.messages(RECRUITER)[0]
    assert "brief_reschedule" in json.dumps(notice["blocks"])
    slack_user.click("brief_reschedule", user_id=RECRUITER, message=notice)
    modal = slack.last_view(RECRUITER)
    answers = {"interview_start": int(new_start.timestamp())}
    if location is not None:
        answers["location"] = location
    return slack_user.submit_view(modal, user_id=RECRUITER, answers=answers)


def test_a_reschedule_sends_an_update_replaces_reminders_and_tells_the_panel(
    handoff, slack, slack_user, smtp, redis_conn, run_jobs
):
    accepted(handoff, run_jobs)
    before = stored(redis_conn)
    old_jobs = candidate_jobs(redis_conn, before.id)
    assert len(old_jobs) == 3
    new_start = handoff.start + timedelta(days=2, hours=1)

    response = reschedule_from_recruiter_notice(slack, slack_user, new_start, "Room 4, Berlin")
    assert response.status_code == 200 and not response.data
    run_jobs()
    after = stored(redis_conn)
    assert after.schedule_version == before.schedule_version + 1
    assert after.interview_at == new_start and after.location == "Room 4, Berlin"

    assert len(smtp.messages) == 2
    update = smtp.messages[1].message
    assert update["Subject"].startswith("New time: your second interview for Software engineer")
    _, first_event = invitation(smtp.messages[0].message)
    _, event = invitation(update)
    assert str(event["UID"]) == str(first_event["UID"])
    assert int(event["SEQUENCE"]) == int(first_event["SEQUENCE"]) + 1
    assert event.decoded("DTSTART") == new_start
    assert str(event["LOCATION"]) == "Room 4, Berlin"

    new_jobs = candidate_jobs(redis_conn, after.id)
    assert set(new_jobs).isdisjoint(old_jobs)
    assert len(new_jobs) == 3 and all(t.tzinfo for t in new_jobs.values())

    for person in (MANAGER, *INTERVIEWERS):
        moved = [
            m["text"] for m in slack.messages(person) if "moved the second interview" in m["text"]
        ]
        assert len(moved) == 1, person
    assert any("moved the second interview" in t for t in recruiter_texts(slack))
    assert "Room 4, Berlin" in json.dumps(handoff.brief()["blocks"])

    stale = queues.send_candidate_message(after.id, "3d", before.schedule_version)
    queues.enqueue(redis_conn, stale)
    run_jobs()
    assert result_of(redis_conn, stale.job_id, queues.DELIVERIES) == "stale"
    assert len(smtp.messages) == 2


def test_a_cancel_withdraws_the_invitation_and_nothing_else_goes(
    handoff, slack, slack_user, smtp, redis_conn, run_jobs
):
    accepted(handoff, run_jobs)
    before = stored(redis_conn)
    handoff.click("brief_cancel")
    modal = slack.last_view(MANAGER)
    assert modal["callback_id"] == "cancel_interview"
    empty = slack_user.submit_view(modal, user_id=MANAGER, answers={"reason": " "})
    assert "Say why" in json.loads(empty.data)["errors"]["reason"]
    reason = "Candidate accepted another offer."
    done = slack_user.submit_view(modal, user_id=MANAGER, answers={"reason": reason})
    assert done.status_code == 200 and not done.data
    run_jobs()

    after = stored(redis_conn)
    assert after.state == "cancelled" and after.schedule_version == before.schedule_version + 1
    assert candidate_jobs(redis_conn, after.id) == {}
    assert len(smtp.messages) == 2
    cancel = smtp.messages[1].message
    assert cancel["Subject"].startswith("Cancelled: your second interview for Software engineer")
    assert "List-Unsubscribe" not in cancel
    calendar, event = invitation(cancel)
    _, first_event = invitation(smtp.messages[0].message)
    assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == str(first_event["UID"])
    assert int(event["SEQUENCE"]) > int(first_event["SEQUENCE"])
    assert reason not in everything(cancel)

    assert any(reason in t for t in recruiter_texts(slack))
    for person in INTERVIEWERS:
        assert any("cancelled the second interview" in m["text"] for m in slack.messages(person))
    assert "Cancelled by <@UHM>" in json.dumps(handoff.brief()["blocks"])

    for key in ("3d", "1d", "2h"):
        queues.enqueue(
            redis_conn, queues.send_candidate_message(after.id, key, before.schedule_version)
        )
        queues.enqueue(
            redis_conn, queues.send_candidate_message(after.id, key, after.schedule_version)
        )
    queues.enqueue(
        redis_conn, queues.send_candidate_message(after.id, "confirmation", after.schedule_version)
    )
    run_jobs()
    assert len(smtp.messages) == 2


def test_a_cancel_before_the_candidate_heard_anything_sends_them_nothing(
    handoff, slack, slack_user, smtp, redis_conn, run_jobs
):
    handoff.create()
    notice = slack.messages(RECRUITER)[0]
    slack_user.click("brief_cancel", user_id=RECRUITER, message=notice)
    modal = slack.last_view(RECRUITER)
    slack_user.submit_view(modal, user_id=RECRUITER, answers={"reason": "Role on hold."})
    run_jobs()
    assert stored(redis_conn).state == "cancelled"
    assert smtp.messages == []
    assert any("cancelled the second interview" in m["text"] for m in slack.messages(MANAGER))
    assert not any("cancelled" in m["text"] for m in slack.messages(INTERVIEWERS[0]))


def test_only_the_recruiter_or_hiring_manager_may_change_the_interview(
    handoff, slack, slack_user, redis_conn, run_jobs
):
    accepted(handoff, run_jobs)
    handoff.click("brief_reschedule", user_id=INTERVIEWERS[0])
    handoff.click("brief_cancel", user_id=INTERVIEWERS[0])
    run_jobs()
    replies = [r["text"] for r in slack.ephemerals(INTERVIEWERS[0])]
    assert len(replies) == 2 and all("Only <@UREC>" in r for r in replies)
    assert stored(redis_conn).state == "accepted"


def test_a_reschedule_must_be_in_the_future_and_change_something(
    handoff, slack, slack_user, redis_conn, run_jobs
):
    accepted(handoff, run_jobs)
    handoff.click("brief_reschedule")
    modal = slack.last_view(MANAGER)
    past = datetime.now(UTC) - timedelta(hours=1)
    refused = slack_user.submit_view(
        modal, user_id=MANAGER, answers={"interview_start": int(past.timestamp())}
    )
    assert "already passed" in json.loads(refused.data)["errors"]["interview_start"]
    same = slack_user.submit_view(modal, user_id=MANAGER, answers={})
    assert "current time and place" in json.loads(same.data)["errors"]["interview_start"]
    assert stored(redis_conn).events[-1].kind == "accepted"


# -- opt-out link ---------------------------------------------------------------------------------


def test_the_opt_out_link_asks_first_and_one_click_post_opts_out(
    handoff, client, slack, smtp, redis_conn, run_jobs
):
    accepted(handoff, run_jobs)
    url = smtp.messages[0].message["List-Unsubscribe"].strip("<>")
    assert url in leaves(smtp.messages[0].message)["text/plain"]
    path = urlsplit(url)
    target = f"{path.path}?{path.query}"

    page = client.get(target)
    assert page.status_code == 200 and b'<form method="post"' in page.data
    assert page.headers["Cache-Control"] == "no-store"
    assert "opted_out" not in [e.kind for e in stored(redis_conn).events]  # GET changes nothing

    one_click = client.post(
        target,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200 and b"Done" in one_click.data
    assert client.post(target).status_code == 200
    run_jobs()
    record = stored(redis_conn)
    assert [e.kind for e in record.events].count("opted_out") == 1
    assert any("asked not to get preparation reminders" in t for t in recruiter_texts(slack))
    assert b"Done" in client.get(target).data

    job_id = f"send_candidate_message-{record.id}-2h-{record.schedule_version}"
    run_now(redis_conn, job_id)
    run_jobs()
    assert result_of(redis_conn, job_id, queues.SCHEDULED) == "opted out"
    assert len(smtp.messages) == 1

    forged = client.get(f"{path.path}?token=eyJoIjoiaDEifQ.forged")
    assert forged.status_code == 400


# -- failures -------------------------------------------------------------------------------------


def test_a_transient_smtp_refusal_is_retried(handoff, smtp, redis_conn, run_jobs):
    smtp.fail_next("RCPT", 450)
    accepted(handoff, run_jobs)
    record = stored(redis_conn)
    assert smtp.messages == []
    job_id = f"send_candidate_message-{record.id}-confirmation-{record.schedule_version}"
    deliveries = queues.queue(queues.DELIVERIES, redis_conn)
    assert job_id in ScheduledJobRegistry(queue=deliveries).get_job_ids()
    run_now(redis_conn, job_id, queues.DELIVERIES)
    run_jobs()
    assert len(smtp.messages) == 1
    assert DeliveryLedger(redis_conn).receipt(
        record.id, f"candidate:invite:{record.schedule_version}"
    )


def test_a_permanent_refusal_is_reported_to_the_recruiter_without_the_body(
    handoff, slack, smtp, redis_conn, run_jobs
):
    echoed = (
        "5.1.1 Rejected: Good news: you're invited to a second interview for the "
        "Software engineer role. Here are the details."
    )
    smtp.fail_next("RCPT", 550, echoed)
    accepted(handoff, run_jobs)
    record = stored(redis_conn)
    job_id = f"send_candidate_message-{record.id}-confirmation-{record.schedule_version}"
    failed = FailedJobRegistry(queue=queues.queue(queues.DELIVERIES, redis_conn))
    assert job_id in failed.get_job_ids()
    exc = queues.queue(queues.DELIVERIES, redis_conn).fetch_job(job_id).latest_result().exc_string
    [notice] = [t for t in recruiter_texts(slack) if "couldn't send" in t]
    assert "their interview invitation" in notice
    assert "refused the email: 550" in notice
    for text in (notice, exc):
        assert "Good news" not in text and "Here are the details" not in text
        assert SHARED not in text
    assert smtp.messages == []


def test_without_smtp_settings_the_recruiter_is_told_what_to_set(
    handoff, slack, settings, run_jobs
):
    from dataclasses import replace

    from workers import context

    handoff.create()
    context.current().services.settings = replace(settings, smtp_url="")
    handoff.click("brief_accept")
    run_jobs()
    [notice] = [t for t in recruiter_texts(slack) if "couldn't send" in t]
    assert "SMTP_URL" in notice and "MAIL_FROM" in notice


def test_without_a_public_url_email_reminders_are_off_and_the_recruiter_knows(
    handoff, slack, settings, smtp, redis_conn, run_jobs
):
    from dataclasses import replace

    from workers import context

    handoff.create()
    context.current().services.settings = replace(settings, public_url="")
    handoff.click("brief_accept")
    run_jobs()
    record = stored(redis_conn)
    [email] = smtp.messages
    assert "List-Unsubscribe" not in email.message
    assert candidate_jobs(redis_conn, record.id) == {}
    assert any("reminders" in t and "PUBLIC_URL" in t for t in recruiter_texts(slack))


def test_a_slack_rate_limit_while_looking_people_up_retries_the_reminder(
    handoff, slack, smtp, settings, redis_conn, run_jobs
):
    from plugin.services import Services
    from workers import context

    accepted(handoff, run_jobs)
    record = stored(redis_conn)
    for key in redis_conn.scan_iter("sr:person:*"):
        redis_conn.delete(key)
    context.use(context.WorkerContext(Services(settings, redis_conn)))  # nobody cached yet
    job_id = f"send_candidate_message-{record.id}-3d-{record.schedule_version}"
    run_now(redis_conn, job_id)
    slack.fail_next("users.info", status=429, retry_after=4)
    run_jobs()
    assert len(smtp.messages) == 1  # only the confirmation so far
    registry = ScheduledJobRegistry(queue=queues.queue(queues.SCHEDULED, redis_conn))
    wait = registry.get_scheduled_time(job_id) - datetime.now(UTC)
    assert 2 <= wait.total_seconds() <= 5
    run_now(redis_conn, job_id)
    run_jobs()
    assert len(smtp.messages) == 2
