"""Activities Teams would rarely send, each found by the fuzz tests (tests/fuzz): with a valid
token, never a 500."""

import pytest

from conftest import PEOPLE
from plugin.teams.endpoint import CARD_TOO_BIG, MAX_CARD_BYTES, card_bytes

MESSAGE = "application/vnd.microsoft.activity.message"


@pytest.mark.parametrize(
    "fields",
    [
        {"recipient": "0"},
        {"recipient": None, "membersAdded": [{"id": "x"}]},
        {"membersAdded": "28:bot"},
        {"membersRemoved": 5},
        {"entities": 7},
        {"entities": [{"type": "mention", "mentioned": "28:bot", "text": "<at>x</at>"}]},
        {"channelData": {"tenant": {"id": "5f0b5a5e-6a8b-4b0e-9c1a-2f3d4e5a6b7c"}, "team": "t"}},
    ],
)
def test_fields_of_the_wrong_type_are_not_a_500(teams, redis_conn, fields):
    for kind in ("message", "conversationUpdate", "installationUpdate"):
        activity = teams.activity(kind, text="help", **fields)
        response = teams.post(activity)
        assert response.status_code == 200, (kind, response.data)


def test_a_lone_surrogate_is_not_a_500(teams, redis_conn):
    response = teams.invoke("handoff.submit", {"form_id": "\ud800"})
    assert response.status_code == 200
    assert response.get_json()["type"] == MESSAGE
    response = teams.message("handoff \udfff Jane")
    assert response.status_code == 200


def test_an_answer_too_big_for_a_card_becomes_a_message(teams, bot_framework, run_jobs):
    teams.install(where="channel")
    teams.message("handoff")
    run_jobs()
    card = bot_framework.cards(PEOPLE["recruiter"].personal)[-1]
    data = dict(card["actions"][0]["data"])
    data.update({name: "é" * 4000 for name in ("strengths", "concerns", "recruiter_notes")})
    response = teams.invoke("handoff.submit", data)
    answer = response.get_json()
    assert response.status_code == 200
    assert answer == {"statusCode": 200, "type": MESSAGE, "value": CARD_TOO_BIG}
    assert card_bytes(answer) <= MAX_CARD_BYTES
