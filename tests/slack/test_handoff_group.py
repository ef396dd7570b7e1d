"""HANDOFF_USER_GROUP: only members of a Slack user group may start hand-offs (command and submit),
with a clear answer for everyone else; members are cached briefly; failures refuse."""

import json
from dataclasses import replace

import pytest

from conftest import INTERVIEWERS, MANAGER, RECRUITER
from plugin.config import ConfigError, Settings
from plugin.slack import text

GROUP_ID = "S0RECRUIT"
OUTSIDER = INTERVIEWERS[0]


@pytest.fixture
def group_setting():
    return "@recruiters"


@pytest.fixture
def settings(settings, group_setting):
    return replace(settings, handoff_user_group=group_setting)


@pytest.fixture
def recruiters(slack):
    slack.add_usergroup(GROUP_ID, handle="recruiters", users=[RECRUITER, MANAGER])
    slack.add_usergroup("S0OTHERS", handle="engineers", users=[OUTSIDER])
    return GROUP_ID


def ephemeral(response) -> str:
    assert response.status_code == 200
    body = json.loads(response.data)
    assert body.get("response_type") == "ephemeral"
    return body["text"]


def test_members_open_the_form_and_others_are_told_why_not(
    recruiters, slack, slack_user, redis_conn
):
    assert slack_user.command("/handoff", "Jane Doe", user_id=RECRUITER).data == b""
    assert slack.last_view(RECRUITER)["callback_id"] == "handoff"
    answer = ephemeral(slack_user.command("/handoff", "Jane Doe", user_id=OUTSIDER))
    assert answer == text.NOT_IN_GROUP.format(group=f"<!subteam^{GROUP_ID}>")
    assert slack.last_view(OUTSIDER) is None


def test_the_submit_checks_too(recruiters, handoff, slack, slack_user, redis_conn):
    view = handoff.open_form(user_id=RECRUITER)
    response = slack_user.submit_view(view, user_id=OUTSIDER, answers=handoff.answers())
    errors = json.loads(response.data)["errors"]
    assert errors == {"candidate_name": text.NOT_IN_GROUP.format(group="@recruiters")}
    assert redis_conn.keys("sr:handoff:*") == []
    handoff.create()  # a member's submit goes through


def test_members_are_cached_for_a_few_minutes(recruiters, slack, slack_user, redis_conn):
    for user in (RECRUITER, OUTSIDER, RECRUITER):
        slack_user.command("/handoff", "", user_id=user)
    assert len(slack.calls_to("usergroups.users.list")) == 1
    assert 0 < redis_conn.ttl(f"sr:usergroup:T0STANDIN:{'recruiters'}") <= 300


def test_list_and_forget_stay_open_to_everyone_who_is_a_member_of_the_workspace(
    recruiters, slack_user, redis_conn
):
    assert ephemeral(slack_user.command("/handoff", "list", user_id=OUTSIDER)) == text.LIST_EMPTY
    forget = ephemeral(slack_user.command("/handoff", "forget a@example.com", user_id=OUTSIDER))
    assert forget == text.FORGET_NONE.format(address="a@example.com")


@pytest.mark.parametrize("group_setting", [GROUP_ID])
def test_the_group_can_be_named_by_its_id(recruiters, slack, slack_user, redis_conn):
    assert slack_user.command("/handoff", "", user_id=RECRUITER).data == b""
    assert "Only members of" in ephemeral(slack_user.command("/handoff", "", user_id=OUTSIDER))


@pytest.mark.parametrize("group_setting", ["hiring-team"])
def test_an_unknown_group_refuses_everyone(recruiters, slack, slack_user, redis_conn):
    answer = ephemeral(slack_user.command("/handoff", "", user_id=RECRUITER))
    assert answer == text.GROUP_UNKNOWN.format(group="hiring-team")
    assert slack.calls_to("views.open") == []


def test_a_missing_scope_refuses_and_says_what_to_do(recruiters, slack, slack_user, redis_conn):
    slack.fail_next("usergroups.list", status=200, error="missing_scope")
    answer = ephemeral(slack_user.command("/handoff", "", user_id=RECRUITER))
    assert answer == text.GROUP_NO_SCOPE and "usergroups:read" in answer
    slack.fail_next("usergroups.list", status=503)
    answer = ephemeral(slack_user.command("/handoff", "", user_id=RECRUITER))
    assert answer.startswith("I couldn't check who may start hand-offs")
    assert slack.calls_to("views.open") == []
    assert slack_user.command("/handoff", "", user_id=RECRUITER).data == b""  # Slack is back


def test_the_setting_is_checked_at_start():
    assert Settings.from_env({}).handoff_user_group == ""
    for good in ("recruiters", "@talent.team", "S0123ABCD"):
        assert Settings.from_env({"HANDOFF_USER_GROUP": good}).handoff_user_group == good
    for bad in ("<!subteam^S1>", "Recruiters Team", "#recruiters"):
        with pytest.raises(ConfigError, match="HANDOFF_USER_GROUP"):
            Settings.from_env({"HANDOFF_USER_GROUP": bad})


def test_the_manifest_asks_for_usergroups_read():
    from plugin.manifest import BOT_SCOPES

    assert "usergroups:read" in BOT_SCOPES
