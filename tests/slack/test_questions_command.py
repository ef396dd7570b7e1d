"""/questions: a competency's or a role's questions, only to the caller; close matches otherwise."""

import json

from conftest import GUEST, RECRUITER
from plugin.slack.blocks.questions import GUESTS_CANNOT_SEE_QUESTIONS


def answer(slack_user, typed, user_id=RECRUITER) -> dict:
    response = slack_user.command("/questions", typed, user_id=user_id)
    assert response.status_code == 200
    body = json.loads(response.data)
    assert body["response_type"] == "ephemeral"
    return body


def test_a_competency_shows_its_questions_with_probes(slack_user, redis_conn):
    body = answer(slack_user, "ownership")
    rendered = json.dumps(body["blocks"])
    assert body["blocks"][0]["text"]["text"] == "Ownership"
    assert "Tell me about a time you took responsibility" in rendered
    assert "Strong answer:" in rendered and "(Situational)" in rendered


def test_a_role_shows_questions_for_each_default_competency(slack_user, redis_conn):
    body = answer(slack_user, "Product Manager")
    rendered = json.dumps(body["blocks"])
    assert body["blocks"][0]["text"]["text"] == "Product manager: interview questions"
    for name in ("Customer focus", "Communication"):
        assert name in rendered
    assert len(body["blocks"]) <= 50
    assert answer(slack_user, "product manager") == body  # same questions every time


def test_an_unknown_name_gets_the_closest_matches(slack_user, redis_conn):
    body = answer(slack_user, "ownershp")
    assert "I don't know a competency or role called `ownershp`" in body["text"]
    assert "`Ownership`" in body["text"]


def test_no_text_lists_what_exists(slack_user, redis_conn):
    body = answer(slack_user, "")
    assert "/questions ownership" in body["text"] and "Software engineer" in body["text"]


def test_hostile_text_is_escaped(slack_user, redis_conn):
    body = answer(slack_user, "<!channel> `x`")
    assert "<!channel>" not in body["text"]


def test_guests_never_see_questions_they_might_be_asked(slack_user, redis_conn):
    body = answer(slack_user, "ownership", user_id=GUEST)
    assert body["text"] == GUESTS_CANNOT_SEE_QUESTIONS and "blocks" not in body
