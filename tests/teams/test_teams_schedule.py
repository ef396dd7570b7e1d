"""Reschedule and cancel from Teams (the brief once accepted, the recruiter's "sent" notice), a
guest candidate's messages and opt-out in Teams, and the form's time zone and competencies."""

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from test_teams_handoff import answers, form, stored, submit  # noqa: F401 - `form` is a fixture

from conftest import PEOPLE, TENANT, submit_data
from plugin import queues
from plugin.domain.handoff import Handoff, ScreeningNotes, State, new_event
from plugin.services import Services
from plugin.store import HandoffStore
from plugin.teams import render, text
from workers.ledger import DeliveryLedger
from workers.messengers.base import Recipient
from workers.messengers.teams import TeamsMessenger

REC, HM, IVY, GUEST = (PEOPLE[k] for k in ("recruiter", "manager", "ivy", "guest"))
MESSAGE = "application/vnd.microsoft.activity.message"
CARD = "application/vnd.microsoft.card.adaptive"


def queued(redis_conn) -> set[str]:
    return {
        job_id
        for name in queues.ALL_QUEUES
        for job_id in queues.queue(name, redis_conn).get_job_ids()
    }


def content(answer: dict) -> str:
    return json.dumps(answer["value"], ensure_ascii=False)


@pytest.fixture
def interview():
    return (datetime.now(UTC) + timedelta(days=5)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )


@pytest.fixture
def accepted(teams, settings, redis_conn, bot_framework, run_jobs, interview):
    """An accepted Teams hand-off with a time, its brief in the hiring manager's chat and the
    "sent" notice in the recruiter's."""
    for user in ("recruiter", "manager", "ivy", "guest"):
        teams.install(user)
    run_jobs()
    created = new_event("created", REC.aad)
    accepted = new_event("accepted", HM.aad)
    handoff = Handoff(
        id="t1",
        team_id=TENANT,
        recruiter_id=REC.aad,
        hiring_manager_id=HM.aad,
        interviewer_ids=(IVY.aad,),
        candidate_name="Jane Doe",
        candidate_email="jane@example.com",
        role_title="Software Engineer",
        notes=ScreeningNotes(recommendation="yes", strengths="Sharp"),
        created_at=datetime.now(UTC).isoformat(),
        interview_start=interview.isoformat(),
        location="Room 4",
        platform="teams",
        state=State.ACCEPTED,
        acted_by=HM.aad,
        acted_at=accepted.at,
        events=(created, accepted),
    )
    HandoffStore(redis_conn).create(handoff)
    messenger = TeamsMessenger.for_services(Services(settings, redis_conn))
    ledger = DeliveryLedger(redis_conn)
    ledger.deliver_once(
        "t1", "brief", messenger, Recipient("teams", HM.aad), render.brief_message(handoff, HM.tz)
    )
    ledger.deliver_once(
        "t1",
        f"notice:{created.id}",
        messenger,
        Recipient("teams", REC.aad),
        render.notice_message(handoff, created, REC.tz),
    )
    return handoff


def current(redis_conn) -> Handoff:
    return HandoffStore(redis_conn).get("t1")


def local_day(moment: datetime, tz: str, days: int = 0) -> str:
    return (moment.astimezone(ZoneInfo(tz)) + timedelta(days=days)).date().isoformat()


def from_brief(teams, user="manager", **data):
    payload = {"handoff_id": "t1", "tz": HM.tz, "source": "brief", **data}
    verb = "schedule.cancel" if "cancel_reason" in data else "schedule.reschedule"
    return teams.invoke(verb, payload, user=user).get_json()


def from_notice(teams, handoff, user="recruiter", **data):
    created = handoff.events[0]
    payload = {
        "handoff_id": "t1",
        "tz": REC.tz,
        "source": "notice",
        "event_id": created.id,
        **data,
    }
    verb = "schedule.cancel" if "cancel_reason" in data else "schedule.reschedule"
    return teams.invoke(verb, payload, user=user).get_json()


def test_the_hiring_manager_reschedules_from_the_brief(teams, accepted, redis_conn, interview):
    day = local_day(interview, HM.tz, days=1)
    answer = from_brief(
        teams, reschedule_date=day, reschedule_time="16:30", reschedule_location="Room 7"
    )
    assert answer["type"] == CARD
    handoff = current(redis_conn)
    expected = datetime.fromisoformat(f"{day}T16:30").replace(tzinfo=ZoneInfo(HM.tz))
    assert handoff.interview_at == expected and handoff.location == "Room 7"
    assert handoff.schedule_version == accepted.schedule_version + 1
    event = handoff.events[-1]
    assert event.kind == "rescheduled" and event.actor == HM.aad
    assert f"after_change-t1-{event.id}" in queued(redis_conn)
    assert "16:30–17:30" in content(answer) and "Room 7" in content(answer)
    # A redelivered invoke changes nothing more.
    again = from_brief(
        teams, reschedule_date=day, reschedule_time="16:30", reschedule_location="Room 7"
    )
    assert again["type"] == CARD
    assert current(redis_conn).schedule_version == handoff.schedule_version


def test_the_recruiter_changes_the_time_from_the_sent_notice(
    teams, accepted, redis_conn, interview
):
    day = local_day(interview, REC.tz, days=2)
    answer = from_notice(
        teams, accepted, reschedule_date=day, reschedule_time="09:15", reschedule_location="Room 4"
    )
    assert answer["type"] == CARD
    assert "Interview (your time):" in content(answer) and "09:15–10:15" in content(answer)
    assert "schedule.reschedule" in content(answer)
    handoff = current(redis_conn)
    assert handoff.events[-1].kind == "rescheduled" and handoff.events[-1].actor == REC.aad


def test_only_the_recruiter_and_the_hiring_manager_may_change_it(
    teams, accepted, redis_conn, interview
):
    day = local_day(interview, REC.tz, days=2)
    answer = from_notice(teams, accepted, user="ivy", reschedule_date=day, reschedule_time="09:15")
    assert answer == {
        "statusCode": 200,
        "type": MESSAGE,
        "value": text.ONLY_RECRUITER_OR_MANAGER.format(
            recruiter="Rita Recruiter", manager="Hank Manager"
        ),
    }
    refused = from_brief(teams, user="ivy", cancel_reason="No")
    assert refused["type"] == MESSAGE
    assert current(redis_conn) == accepted


def test_a_bad_or_unchanged_time_is_shown_on_the_card(teams, accepted, redis_conn, interview):
    past = local_day(datetime.now(UTC), HM.tz, days=-1)
    answer = from_brief(teams, reschedule_date=past, reschedule_time="10:00")
    assert answer["type"] == CARD and "That time has already passed" in content(answer)
    half = from_brief(teams, reschedule_date=past, reschedule_time="")
    assert text.TIME_INCOMPLETE in content(half)
    local = interview.astimezone(ZoneInfo(HM.tz))
    same = from_brief(
        teams,
        reschedule_date=local.date().isoformat(),
        reschedule_time=f"{local:%H:%M}",
        reschedule_location="Room 4",
    )
    assert text.RESCHEDULE_UNCHANGED in content(same)
    assert current(redis_conn) == accepted


def test_cancel_needs_a_reason_then_calls_the_interview_off(teams, accepted, redis_conn):
    empty = from_notice(teams, accepted, cancel_reason="  ")
    assert empty["type"] == CARD and text.CANCEL_REASON_REQUIRED in content(empty)
    assert current(redis_conn).state == State.ACCEPTED
    answer = from_notice(teams, accepted, cancel_reason="The role was filled")
    assert answer["type"] == CARD
    assert "✖️ Cancelled by Rita Recruiter" in content(answer)
    assert "schedule." not in content(answer)
    handoff = current(redis_conn)
    assert handoff.state == State.CANCELLED and handoff.events[-1].text == "The role was filled"
    assert handoff.schedule_version == accepted.schedule_version + 1
    again = from_brief(teams, cancel_reason="Again")
    assert again["value"] == text.ALREADY_ACTED.format(state="cancelled", actor="Rita Recruiter")


def test_a_cancel_reaches_the_panel_and_the_candidate(
    teams, accepted, redis_conn, bot_framework, run_jobs, smtp
):
    from workers.jobs import followups

    followups.plan_followups("t1", str(accepted.schedule_version))
    run_jobs()
    assert len(smtp.messages) == 1  # the confirmation
    from_brief(teams, cancel_reason="The role was filled")
    run_jobs()
    ivy = [c for c in bot_framework.cards(IVY.personal) if "cancelled" in json.dumps(c)]
    assert len(ivy) == 1 and "The role was filled" in json.dumps(ivy[0])
    assert not any("cancelled the second" in t for t in bot_framework.texts(HM.personal))
    assert any("Hank Manager cancelled" in t for t in bot_framework.texts(REC.personal))
    assert len(smtp.messages) == 2
    assert smtp.messages[1].message["Subject"].startswith("Cancelled:")
    assert "The role was filled" not in smtp.messages[1].raw.decode(errors="replace")


def test_a_guest_candidate_hears_in_teams_and_can_stop_reminders(
    teams, accepted, redis_conn, bot_framework, run_jobs, smtp
):
    from workers.jobs import nudges

    HandoffStore(redis_conn).change(
        "t1", lambda h: replace(h, candidate_user_id=GUEST.aad, candidate_email="")
    )
    assert nudges.send_candidate_message("t1", "confirmation_prep", "0") == "delivered"
    [card] = [
        c
        for c in bot_framework.cards(GUEST.personal)
        if "Your second interview for Software Engineer" in json.dumps(c)
    ]
    assert smtp.messages == []
    [stop] = [a for a in card["actions"] if a["verb"] == "candidate.stop_reminders"]
    refused = teams.invoke(stop["verb"], stop["data"], user="ivy").get_json()
    assert refused["value"] == text.NOT_YOUR_REMINDERS
    answer = teams.invoke(stop["verb"], stop["data"], user="guest").get_json()
    assert answer["value"] == text.REMINDERS_STOPPED
    assert current(redis_conn).events[-1].kind == "opted_out"
    run_jobs()
    assert any(
        "asked not to get preparation reminders" in t for t in bot_framework.texts(REC.personal)
    )


def test_a_guest_candidate_without_the_app_is_reported_to_the_recruiter(
    teams, accepted, redis_conn, bot_framework, run_jobs
):
    from workers.jobs import nudges
    from workers.messengers.base import PermanentDeliveryError

    HandoffStore(redis_conn).change(
        "t1", lambda h: replace(h, candidate_user_id=PEOPLE["external"].aad, candidate_email="")
    )
    with pytest.raises(PermanentDeliveryError):
        nudges.send_candidate_message("t1", "confirmation", "0")
    run_jobs()
    [warning] = [t for t in bot_framework.texts(REC.personal) if "⚠️" in t]
    assert "their interview invitation" in warning and "add it" in warning


def test_the_form_offers_a_candidate_zone_and_extra_competencies(teams, form, redis_conn):  # noqa: F811
    teams.install("manager")
    card = form()
    fields = {e["id"]: e for e in card["body"] if e.get("id")}
    assert fields["candidate_tz"]["type"] == "Input.ChoiceSet"
    assert "Europe/Berlin" in [c["value"] for c in fields["candidate_tz"]["choices"]]
    assert fields["competencies"]["isMultiSelect"] is True
    bad = submit(teams, card, candidate_tz="Mars/Olympus", competencies="ownership,telepathy")
    errors = {
        e["id"]: e["text"] for e in bad["value"]["body"] if str(e.get("id")).endswith("_error")
    }
    assert errors == {
        "candidate_tz_error": "Pick a time zone from the list (for example Europe/Berlin).",
        "competencies_error": "Pick competencies from the list.",
    }
    submit(teams, card, candidate_tz="Asia/Tokyo", competencies="ownership,communication")
    [handoff] = stored(redis_conn)
    assert handoff.candidate_tz == "Asia/Tokyo"
    assert handoff.competencies == ("ownership", "communication")


@pytest.mark.parametrize(("installed", "expected"), [(True, HM.tz), (False, REC.tz)])
def test_an_empty_candidate_zone_becomes_the_hiring_managers(
    teams,
    form,  # noqa: F811 - the fixture
    redis_conn,
    installed,
    expected,
):
    if installed:
        teams.install("manager")  # the hiring manager's Teams client has told the bot their zone
    card = form()
    data = submit_data(card, **answers())
    assert "candidate_tz" not in data
    teams.invoke("handoff.submit", data)
    [handoff] = stored(redis_conn)
    assert handoff.candidate_tz == expected
