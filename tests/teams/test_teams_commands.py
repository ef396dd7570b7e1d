"""What people type to the bot, and installs: answered by the worker, once, in the right place."""

from datetime import UTC, datetime

from conftest import BOT_ID, CHANNEL_ID, GROUP_CHAT_ID, PEOPLE, TEAM_ID, TENANT
from plugin.domain.handoff import Handoff, ScreeningNotes
from plugin.store import HandoffStore
from plugin.teams import text
from plugin.teams.references import References

REC = PEOPLE["recruiter"]


def card_titles(bot_framework, conversation):
    return [c["body"][0].get("text") for c in bot_framework.cards(conversation)]


def test_the_request_only_stores_and_enqueues(teams, bot_framework):
    assert teams.message("help").status_code == 200
    assert bot_framework.posted == [] and bot_framework.token_requests == 0


def test_help_and_unknown_commands_get_the_help_card(teams, bot_framework, run_jobs):
    teams.message("help")
    teams.message("what can you do?")
    run_jobs()
    assert card_titles(bot_framework, REC.personal) == [text.HELP_TITLE, text.HELP_TITLE]


def test_a_mention_in_a_channel_is_stripped(teams, bot_framework, run_jobs):
    teams.install(where="channel")
    teams.message("<at>Second Round</at> questions ownership", where="channel")
    run_jobs()
    assert card_titles(bot_framework, REC.personal) == ["Ownership"]
    assert bot_framework.texts(CHANNEL_ID)[-1] == text.SENT_PRIVATELY


def test_questions_without_a_name_show_the_choices(teams, bot_framework, run_jobs):
    teams.message("questions")
    run_jobs()
    assert card_titles(bot_framework, REC.personal) == [text.QUESTIONS_USAGE_TITLE]


def test_guests_do_not_get_interview_questions(teams, bot_framework, run_jobs):
    teams.install(where="channel")
    teams.message("<at>Second Round</at> questions ownership", user="guest", where="channel")
    run_jobs()
    assert bot_framework.texts(CHANNEL_ID)[-1] == text.GUESTS_CANNOT_SEE_QUESTIONS
    assert bot_framework.messages(PEOPLE["guest"].personal) == []


def test_handoff_list_shows_the_recruiters_handoffs(teams, bot_framework, run_jobs, redis_conn):
    teams.install("manager")
    HandoffStore(redis_conn).create(
        Handoff(
            id="l1",
            team_id=TENANT,
            recruiter_id=REC.aad,
            hiring_manager_id=PEOPLE["manager"].aad,
            candidate_name="Jane Doe",
            role_title="Software Engineer",
            notes=ScreeningNotes(recommendation="yes", strengths="Sharp"),
            created_at=datetime.now(UTC).isoformat(),
            platform="teams",
        )
    )
    teams.message("handoff list")
    run_jobs()
    [card] = bot_framework.cards(REC.personal)
    assert "Jane Doe for Software Engineer, to Hank Manager" in str(card)


def test_an_unusable_name_is_explained(teams, bot_framework, run_jobs):
    teams.message("handoff 12345")
    run_jobs()
    assert bot_framework.texts(REC.personal) == [text.HANDOFF_TEXT_UNUSABLE.format(text="12345")]


def test_a_redelivered_message_is_answered_once(teams, bot_framework, run_jobs):
    activity = teams.activity("message", text="help")
    teams.post(activity)
    teams.post(activity)
    run_jobs()
    assert len(bot_framework.messages(REC.personal)) == 1


def test_card_submits_sent_as_messages_are_ignored(teams, bot_framework, run_jobs):
    teams.post(teams.activity("message", value={"x": 1}))
    run_jobs()
    assert bot_framework.posted == []


def test_install_greets_once_and_remembers_the_person(teams, bot_framework, run_jobs, redis_conn):
    teams.install()
    teams.install()
    run_jobs()
    assert card_titles(bot_framework, REC.personal) == [text.HELP_TITLE]
    assert text.WELCOME in str(bot_framework.cards(REC.personal)[0])
    reference = References(redis_conn).user(REC.aad)
    assert reference.personal_conversation_id == REC.personal
    assert reference.tz == REC.tz and reference.tenant_id == TENANT
    assert reference.id == REC.id and reference.name == REC.name


def test_the_time_zone_also_comes_from_client_info(teams, redis_conn):
    activity = teams.activity("message", text="help")
    del activity["localTimezone"]
    activity["entities"] = [{"type": "clientInfo", "timezone": "Australia/Sydney"}]
    teams.post(activity)
    assert References(redis_conn).user(REC.aad).tz == "Australia/Sydney"


def test_a_channel_message_keeps_the_personal_chat(teams, redis_conn):
    teams.install()
    teams.message("<at>Second Round</at> help", where="channel")
    assert References(redis_conn).user(REC.aad).personal_conversation_id == REC.personal


def test_installs_in_teams_and_chats_become_roster_sources(teams, redis_conn):
    teams.install(where="channel")
    teams.install(where="group")
    sources = References(redis_conn).roster_sources(TENANT)
    assert set(sources) == {TEAM_ID, GROUP_CHAT_ID}
    removal = teams.activity("conversationUpdate", where="channel", membersRemoved=[{"id": BOT_ID}])
    teams.post(removal)
    assert set(References(redis_conn).roster_sources(TENANT)) == {GROUP_CHAT_ID}


def test_uninstalling_the_personal_app_forgets_the_chat(teams, redis_conn):
    teams.install()
    teams.post(teams.activity("installationUpdate", action="remove"))
    assert References(redis_conn).user(REC.aad).personal_conversation_id == ""


def test_other_invokes_are_acknowledged(teams):
    response = teams.post(teams.activity("invoke", name="task/fetch", value={}))
    assert response.status_code == 200
    unknown = teams.invoke("brief.mystery", {})
    assert unknown.get_json()["value"] == text.UNKNOWN_ACTION
