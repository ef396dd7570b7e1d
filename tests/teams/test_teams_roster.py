"""The roster behind the people picker: members, guests, bots, and teams the bot has left."""

import pytest

from conftest import GROUP_CHAT_ID, PEOPLE, SERVICE_URL, TEAM_ID, TENANT
from plugin.teams.connector import Connector
from plugin.teams.people import TeamsDirectory, person_from_member
from plugin.teams.references import Conversation, References
from plugin.teams.roster import Roster


@pytest.fixture
def roster(settings, redis_conn, bot_framework):
    references = References(redis_conn)
    for conversation, kind in ((TEAM_ID, "channel"), (GROUP_CHAT_ID, "groupChat")):
        references.remember(
            {
                "serviceUrl": SERVICE_URL,
                "conversation": {"id": conversation, "conversationType": kind},
                "channelData": {"team": {"id": conversation}} if kind == "channel" else {},
            },
            TENANT,
        )
    return Roster(Connector(settings, redis_conn), references, redis_conn)


def test_people_from_every_team_and_chat_once_each_by_name(roster, bot_framework):
    people, capped = roster.people(TENANT)
    names = [p.name for p in people]
    assert names == sorted(names) and len(names) == len(set(names))
    assert set(names) == {p.name for p in PEOPLE.values()}
    assert not capped
    guests = {p.name for p in people if p.is_guest}
    assert guests == {"Gus Guest", "Erin External"}


def test_the_roster_is_capped(roster):
    people, capped = roster.people(TENANT, limit=3)
    assert len(people) == 3 and capped


def test_roster_members_become_reachable(roster, redis_conn):
    roster.people(TENANT)
    hank = References(redis_conn).user(PEOPLE["manager"].aad)
    assert hank.id == "29:hank" and hank.service_url == SERVICE_URL
    assert hank.email == "hank@contoso.test" and hank.personal_conversation_id == ""
    assert TeamsDirectory(References(redis_conn)).names([hank.aad_object_id, "nobody"]) == {
        hank.aad_object_id: "Hank Manager",
        "nobody": "a colleague",
    }


def test_a_team_the_bot_has_left_is_forgotten(roster, bot_framework, redis_conn):
    bot_framework.fail_next("members", 403, code="BotNotInConversationRoster")
    people, _ = roster.people(
        TENANT, Conversation(TEAM_ID, SERVICE_URL, "channel", TENANT, TEAM_ID)
    )
    assert set(References(redis_conn).roster_sources(TENANT)) == {GROUP_CHAT_ID}
    assert {p.name for p in people} >= {"Rita Recruiter", "Hank Manager"}


def test_bots_and_anonymous_members_are_not_people():
    assert person_from_member({"id": "28:bot", "aadObjectId": "x"}, TENANT) is None
    assert person_from_member({"id": "29:anon", "name": "Anon"}, TENANT) is None
    external = person_from_member(PEOPLE["external"].member(), TENANT)
    assert external.is_guest
