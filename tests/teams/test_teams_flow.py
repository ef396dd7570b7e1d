"""A whole hand-off in Teams through the real jobs: form → brief → accept → the recruiter told."""

import json

from test_teams_handoff import form, stored, submit  # noqa: F401 - `form` is a fixture

from conftest import PEOPLE

REC, HM = PEOPLE["recruiter"], PEOPLE["manager"]


def card_text(card: dict) -> str:
    return json.dumps(card)


def test_a_teams_handoff_runs_through_the_workers(teams, form, bot_framework, redis_conn, run_jobs):  # noqa: F811
    teams.install("manager")
    card = form()
    submit(teams, card)
    run_jobs()
    [handoff] = stored(redis_conn)

    brief = bot_framework.cards(HM.personal)[-1]
    assert "Second interview: Jane Doe" in card_text(brief)
    rendered = card_text(brief)
    assert "Jane Doe" in rendered and "Explained a hard migration clearly." in rendered
    assert any("Jane Doe" in t for t in bot_framework.texts(REC.personal))

    accepted = teams.invoke("brief.accept", {"handoff_id": handoff.id, "tz": HM.tz}, user="manager")
    assert accepted.status_code == 200
    run_jobs()
    assert stored(redis_conn)[0].state == "accepted"
    updates = [u for u in bot_framework.updated if u["conversation"] == HM.personal]
    assert updates, "the brief should be updated in place"
    assert any("accepted" in t.lower() for t in bot_framework.texts(REC.personal))
    briefs = [c for c in bot_framework.cards(HM.personal) if "Second interview" in card_text(c)]
    assert len(briefs) == 1
