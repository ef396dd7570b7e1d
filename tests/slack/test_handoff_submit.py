"""Submitting the hand-off form: inline errors, nothing saved until valid, then the brief."""

import json
import urllib.parse
from datetime import UTC, datetime, timedelta

import pytest

from conftest import APP_USER, CANDIDATE, DEACTIVATED, GUEST, INTERVIEWERS, MANAGER, RECRUITER
from plugin.devtools.slack_requests import state_values_for
from plugin.domain import handoff_form as hf
from plugin.store import HandoffStore


def handoff_keys(redis_conn):
    return list(redis_conn.scan_iter("sr:handoff:*"))


def errors(response) -> dict:
    assert response.status_code == 200
    body = json.loads(response.data)
    assert body["response_action"] == "errors"
    return body["errors"]


PAST = int((datetime.now(UTC) - timedelta(hours=1)).timestamp())


@pytest.mark.parametrize(
    ("changes", "block", "expected"),
    [
        ({"hiring_manager": RECRUITER}, "hiring_manager", hf.HM_IS_RECRUITER),
        ({"hiring_manager": APP_USER}, "hiring_manager", "Helper App is an app"),
        ({"hiring_manager": GUEST}, "hiring_manager", "Gus Guest is a guest"),
        ({"hiring_manager": DEACTIVATED}, "hiring_manager", "deactivated"),
        ({"hiring_manager": None}, "hiring_manager", hf.REQUIRED["hiring_manager"]),
        ({"interview_start": PAST}, "interview_start", hf.INTERVIEW_IN_PAST),
        ({"candidate_email": "jane-at-example"}, "candidate_email", hf.BAD_EMAIL),
        ({"candidate_email": None}, "candidate_email", hf.REQUIRED["candidate_contact"]),
        ({"strengths": "x" * 2001}, "strengths", "under 2,000 characters"),
        ({"candidate_name": "y" * 121}, "candidate_name", "under 120 characters"),
        ({"interviewers": [GUEST]}, "interviewers", "Gus Guest is a guest"),
        ({"role_id": None}, "role_id", hf.REQUIRED["role"]),
        ({"recommendation": None}, "recommendation", hf.REQUIRED["recommendation"]),
    ],
)
def test_bad_input_is_answered_next_to_the_field_and_nothing_is_saved(
    handoff, redis_conn, slack, changes, block, expected
):
    found = errors(handoff.submit(**changes))
    assert expected in found[block]
    assert handoff_keys(redis_conn) == []
    assert slack.messages(MANAGER) == []


def test_a_guest_candidate_account_replaces_the_email(handoff, redis_conn):
    handoff.create(candidate_email=None, candidate_user_id=CANDIDATE)
    stored = HandoffStore(redis_conn).for_recruiter("T0STANDIN", RECRUITER)[0]
    assert stored.candidate_user_id == CANDIDATE and stored.candidate_email == ""


def test_a_valid_form_closes_the_modal_stores_and_delivers(handoff, redis_conn, slack, run_jobs):
    response = handoff.submit()
    assert response.status_code == 200 and response.data == b""
    [stored] = HandoffStore(redis_conn).for_recruiter("T0STANDIN", RECRUITER)
    assert stored.hiring_manager_id == MANAGER
    assert stored.interviewer_ids == INTERVIEWERS
    assert stored.role_title == "Software engineer"
    assert slack.messages(MANAGER) == []  # delivery happens in the worker, not the request

    run_jobs()
    brief = handoff.brief()
    blocks = json.dumps(brief["blocks"])
    assert brief["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Second interview: Jane Doe", "emoji": True},
        "block_id": brief["blocks"][0]["block_id"],
    }
    for fragment in (
        "Explained a hard migration clearly.",
        "Little experience owning on-call.",
        "Go deeper on system design trade-offs.",
        "Prefers a hybrid role.",
        "Yes: worth a closer look",
        "<@UHM> (hiring manager)",
        "<@UINT1>",
        "<@UINT2>",
    ):
        assert fragment in blocks
    berlin = handoff.start.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Berlin"))
    assert f"{berlin:%H:%M}" in blocks and ("CET" in blocks or "CEST" in blocks)
    actions = [b for b in brief["blocks"] if b["type"] == "actions"][0]
    assert [e["action_id"] for e in actions["elements"]] == [
        "brief_accept",
        "brief_decline",
        "brief_ask",
    ]

    [confirmation] = slack.messages(RECRUITER)
    assert "Sent *Jane Doe* (Software engineer) to <@UHM>" in confirmation["text"]
    assert "Explained a hard migration" not in confirmation["text"]


def test_the_same_submission_twice_creates_one_handoff(
    handoff, slack, slack_user, run_jobs, redis_conn
):
    view = handoff.open_form()
    answers = handoff.answers()
    first = slack_user.submit_view(view, user_id=RECRUITER, answers=answers)
    second = slack_user.submit_view(view, user_id=RECRUITER, answers=answers)
    assert first.status_code == second.status_code == 200
    run_jobs()
    assert len(handoff_keys(redis_conn)) == 1
    assert len(slack.messages(MANAGER)) == 1
    assert len(slack.messages(RECRUITER)) == 1


def test_a_guest_cannot_submit_a_form(handoff, redis_conn, slack, slack_user):
    view = handoff.open_form()
    response = slack_user.submit_view(view, user_id=GUEST, answers=handoff.answers())
    assert "Guests can't" in errors(response)["candidate_name"]
    assert handoff_keys(redis_conn) == []


def test_user_text_cannot_ping_a_channel(handoff, slack):
    brief = handoff.create(
        candidate_name="Jane Doe", strengths="<!channel> look <https://x.io|here>"
    )
    blocks = json.dumps(brief["blocks"])
    assert "<!channel>" not in blocks
    assert "&lt;!channel&gt;" in blocks


def test_no_interview_time_offers_set_time(handoff):
    brief = handoff.create(interview_start=None)
    actions = [b for b in brief["blocks"] if b["type"] == "actions"][0]
    assert "brief_set_time" in [e["action_id"] for e in actions["elements"]]
    assert "Not set yet" in json.dumps(brief["blocks"])


def test_the_candidate_time_zone_defaults_to_the_hiring_managers(handoff, redis_conn):
    handoff.create()
    assert stored_handoff(redis_conn).candidate_tz == "Europe/Berlin"


def test_a_candidate_in_slack_keeps_their_own_time_zone(handoff, redis_conn):
    handoff.create(candidate_email=None, candidate_user_id=CANDIDATE)
    assert stored_handoff(redis_conn).candidate_tz == "Asia/Tokyo"


def test_picked_time_zone_and_competencies_are_kept(handoff, slack, slack_user, redis_conn):
    view = handoff.open_form()
    values = state_values_for(view, handoff.answers(competencies=["ownership", "adaptability"]))
    values["candidate_tz"] = {
        "candidate_tz": {
            "type": "external_select",
            "selected_option": {
                "text": {"type": "plain_text", "text": "x"},
                "value": "Asia/Kolkata",
            },
        }
    }
    response = slack_user.submit_view(view, user_id=RECRUITER, values=values)
    assert response.status_code == 200 and not response.data
    record = stored_handoff(redis_conn)
    assert record.candidate_tz == "Asia/Kolkata"
    assert record.competencies == ("ownership", "adaptability")


def test_an_unknown_time_zone_is_refused(handoff, slack_user, redis_conn):
    view = handoff.open_form()
    values = state_values_for(view, handoff.answers())
    values["candidate_tz"] = {
        "candidate_tz": {"type": "external_select", "selected_option": {"value": "Mars/Olympus"}}
    }
    found = errors(slack_user.submit_view(view, user_id=RECRUITER, values=values))
    assert found == {"candidate_tz": hf.UNKNOWN_TIME_ZONE}
    assert handoff_keys(redis_conn) == []


def test_time_zone_type_ahead(slack_user, redis_conn):
    payload = {
        "type": "block_suggestion",
        "action_id": "candidate_tz",
        "block_id": "candidate_tz",
        "value": "new yo",
        "user": {"id": RECRUITER},
        "team": {"id": "T0STANDIN"},
        "view": {"id": "V1", "callback_id": "handoff", "type": "modal"},
    }
    body = "payload=" + urllib.parse.quote(json.dumps(payload))
    response = slack_user.send(body, "application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert [o["value"] for o in json.loads(response.data)["options"]] == ["America/New_York"]


def stored_handoff(redis_conn):
    return HandoffStore(redis_conn).for_recruiter("T0STANDIN", RECRUITER)[0]
