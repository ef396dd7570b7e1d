"""A hand-off started in Teams: the form from the roster, validated on the card, saved once."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from conftest import CHANNEL_ID, PEOPLE, TEAM_ID, TENANT, submit_data
from plugin import queues
from plugin.domain.handoff import State
from plugin.store import HandoffStore
from plugin.teams import text
from plugin.teams.form import FormStore
from workers.jobs import teams_replies

RECRUITER = PEOPLE["recruiter"]
CARD_TYPE = "application/vnd.microsoft.card.adaptive"


def queued(redis_conn) -> list[str]:
    return sorted(
        job_id
        for name in queues.ALL_QUEUES
        for job_id in queues.queue(name, redis_conn).get_job_ids()
    )


@pytest.fixture
def form(teams, bot_framework, run_jobs):
    """Opens the form the way a recruiter would: the app is in a team, they type handoff."""

    def open_form(command="handoff", where="personal"):
        teams.install(where="channel")
        response = teams.message(command, where=where)
        assert response.status_code == 200
        run_jobs()
        return bot_framework.cards(RECRUITER.personal)[-1]

    return open_form


def interview(days=7, at="09:00"):
    day = (datetime.now(ZoneInfo(RECRUITER.tz)) + timedelta(days=days)).date().isoformat()
    return {"interview_date": day, "interview_time": at}


def answers(**changes):
    values = {
        "candidate_name": "Jane Doe",
        "role_id": "software_engineer",
        "candidate_email": "jane@example.com",
        "hiring_manager": "manager",
        "interviewers": ["ivy", "omar"],
        **interview(),
        "interview_minutes": "60",
        "location": "Room 4",
        "recommendation": "yes",
        "strengths": "Explained a hard migration clearly.",
        "concerns": "Little experience owning on-call.",
        "shared_feedback": "Go deeper on system design trade-offs.",
        "recruiter_notes": "Prefers a hybrid role.",
    }
    values.update(changes)
    return values


def submit(teams, card, user="recruiter", **changes):
    response = teams.invoke("handoff.submit", submit_data(card, **answers(**changes)), user=user)
    assert response.status_code == 200
    return response.get_json()


def stored(redis_conn):
    return HandoffStore(redis_conn).for_recruiter(TENANT, RECRUITER.aad)


def test_handoff_sends_the_form_with_the_organisations_roster(form, bot_framework, redis_conn):
    card = form("handoff Jane Doe")
    fields = {e["id"]: e for e in card["body"] if e.get("id")}
    assert fields["candidate_name"]["value"] == "Jane Doe"
    managers = [c["title"] for c in fields["hiring_manager"]["choices"]]
    assert managers == sorted(managers)
    assert {"Hank Manager", "Ivy Interviewer", "Omar Interviewer", "Rita Recruiter"} <= set(
        managers
    )
    assert "Another Bot" not in str(card)
    guests = [c["title"] for c in fields["candidate_user_id"]["choices"]]
    assert guests == ["Erin External, guest", "Gus Guest, guest"]
    assert "America/New_York" in fields["interview_date"]["label"]
    assert bot_framework.messages(CHANNEL_ID)[0]["attachments"]
    assert bot_framework.roster_fetches == 1


def test_handoff_in_a_channel_sends_the_form_privately(teams, form, bot_framework):
    card = form("<at>Second Round</at> handoff", where="channel")
    assert card["body"][0]["text"] == text.FORM_TITLE
    assert bot_framework.texts(CHANNEL_ID)[-1] == text.SENT_PRIVATELY
    assert not any(c["body"][0]["text"] == text.FORM_TITLE for c in bot_framework.cards(CHANNEL_ID))


def test_an_incomplete_form_comes_back_with_errors_and_nothing_is_saved(teams, form, redis_conn):
    card = form()
    before = queued(redis_conn)
    answer = submit(
        teams, card, candidate_name="", strengths="", hiring_manager=None, interview_time=""
    )
    assert answer["type"] == CARD_TYPE and answer["statusCode"] == 200
    redrawn = answer["value"]
    errors = {e["id"]: e["text"] for e in redrawn["body"] if str(e.get("id")).endswith("_error")}
    assert errors == {
        "candidate_name_error": "Enter the candidate's name.",
        "hiring_manager_error": "Pick the hiring manager who will run the second interview.",
        "interview_time_error": text.TIME_INCOMPLETE,
        "strengths_error": "Say what stood out: the hiring manager reads this first.",
    }
    values = {
        e["id"]: e.get("value") for e in redrawn["body"] if e.get("type", "").startswith("Input.")
    }
    assert values["concerns"] == "Little experience owning on-call."
    assert values["location"] == "Room 4"
    assert stored(redis_conn) == []
    assert queued(redis_conn) == before


def test_domain_rules_apply_as_in_slack(teams, form):
    card = form()
    answer = submit(teams, card, hiring_manager="recruiter", candidate_email="not-an-email")
    errors = [e["text"] for e in answer["value"]["body"] if str(e.get("id")).endswith("_error")]
    assert (
        "You can't be the hiring manager of your own hand-off; pick the hiring manager." in errors
    )
    assert "That doesn't look like an email address (name@example.com)." in errors


def test_a_guest_picked_as_interviewer_is_refused_in_teams_words(teams, form):
    card = form()
    data = submit_data(card, **answers())
    data["interviewers"] += "," + next(
        c["value"]
        for e in card["body"]
        if e.get("id") == "candidate_user_id"
        for c in e["choices"]
        if c["title"].startswith("Gus")
    )
    answer = teams.invoke("handoff.submit", data).get_json()
    errors = [e["text"] for e in answer["value"]["body"] if str(e.get("id")).endswith("_error")]
    assert errors == [
        "Gus Guest is a guest; interviewers must be full members of your organisation."
    ]


def test_someone_not_offered_cannot_be_picked(teams, form):
    card = form()
    data = submit_data(card, **answers())
    data["hiring_manager"] = "p999"
    answer = teams.invoke("handoff.submit", data).get_json()
    errors = [e["text"] for e in answer["value"]["body"] if e.get("id") == "hiring_manager_error"]
    assert errors == [text.NOT_ON_ROSTER]


def test_a_valid_form_saves_a_teams_handoff_and_queues_the_brief(teams, form, redis_conn):
    card = form()
    answer = submit(teams, card)
    assert answer["type"] == CARD_TYPE
    assert answer["value"]["body"][0]["text"] == text.SENT_TITLE
    [handoff] = stored(redis_conn)
    assert handoff.platform == "teams"
    assert handoff.team_id == TENANT
    assert handoff.recruiter_id == RECRUITER.aad
    assert handoff.hiring_manager_id == PEOPLE["manager"].aad
    assert handoff.interviewer_ids == (PEOPLE["ivy"].aad, PEOPLE["omar"].aad)
    assert handoff.state == State.OPEN
    local = datetime.fromisoformat(interview()["interview_date"] + "T09:00").replace(
        tzinfo=ZoneInfo(RECRUITER.tz)
    )
    assert handoff.interview_at == local.astimezone(UTC)
    form_id = card["actions"][0]["data"]["form_id"]
    created = handoff.events[0]
    assert {
        f"deliver_brief-{handoff.id}",
        f"notify_recruiter-{handoff.id}-{created.id}",
        f"replace_form-{form_id}-{handoff.id}",
    } <= set(queued(redis_conn))


def test_a_double_submit_saves_one_handoff(teams, form, redis_conn):
    card = form()
    first = submit(teams, card)
    second = submit(teams, card)
    assert len(stored(redis_conn)) == 1
    assert first == second


def test_only_the_recruiter_who_asked_can_send_the_form(teams, form, redis_conn):
    card = form()
    answer = submit(teams, card, user="ivy")
    assert answer["type"] == "application/vnd.microsoft.activity.message"
    assert answer["value"] == text.FORM_NOT_YOURS.format(recruiter=RECRUITER.name)
    assert stored(redis_conn) == []


def test_an_expired_form_says_so(teams, form, redis_conn):
    card = form()
    redis_conn.delete(f"sr:teams:form:{card['actions'][0]['data']['form_id']}")
    assert submit(teams, card)["value"] == text.FORM_EXPIRED


def test_the_sent_form_is_replaced_for_good(teams, form, bot_framework, redis_conn, run_jobs):
    card = form()
    submit(teams, card)
    [handoff] = stored(redis_conn)
    form_id = card["actions"][0]["data"]["form_id"]
    record = FormStore(redis_conn).get(form_id)
    assert record.conversation_id == RECRUITER.personal and record.activity_id
    assert teams_replies.replace_form(form_id, handoff.id) == "replaced"
    [update] = bot_framework.updated
    assert update["id"] == record.activity_id
    assert update["attachments"][0]["content"]["body"][0]["text"] == text.SENT_TITLE


def test_a_guest_cannot_start_a_handoff(teams, bot_framework, run_jobs, redis_conn):
    teams.install(where="channel")
    teams.message("handoff", user="guest", where="channel")
    run_jobs()
    assert bot_framework.texts(CHANNEL_ID)[-1] == text.GUEST_CANNOT_HAND_OFF
    assert bot_framework.cards(PEOPLE["guest"].personal) == []


def test_redis_down_keeps_the_form_as_it_is(teams, form, monkeypatch):
    import redis

    from plugin.teams import actions

    card = form()

    def broken(invoke):
        raise redis.ConnectionError("down")

    monkeypatch.setitem(actions.HANDLERS, "handoff.submit", broken)
    answer = submit(teams, card)
    assert answer == {
        "statusCode": 200,
        "type": "application/vnd.microsoft.activity.message",
        "value": text.FORM_NOT_SAVED,
    }


def test_the_roster_is_cached_briefly(form, teams, bot_framework, run_jobs):
    form()
    teams.message("handoff")
    run_jobs()
    assert bot_framework.roster_fetches == 1
    assert TEAM_ID
