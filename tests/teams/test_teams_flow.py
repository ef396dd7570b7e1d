"""Whole hand-offs in Teams through the real jobs: form → brief → accept → kits → feedback →
debrief, the candidate's email, and the recruiter told about anyone the bot cannot reach.

The clock is `kit_support.Timeline`: scheduled jobs are released when they come due.
"""

import json
from datetime import timedelta

import pytest
from kit_support import CONCERNS, END, START, Timeline
from test_teams_cards import valid
from test_teams_handoff import form, stored, submit  # noqa: F401 - `form` is a fixture

from conftest import MAIL_FROM, PEOPLE
from plugin.domain.feedback import competency_names
from plugin.domain.handoff import RECOMMENDATION_LABELS
from plugin.domain.question_bank import load_bank
from plugin.feedback_store import FeedbackStore, PanelPlanStore
from plugin.teams import text

REC, HM, IVY, OMAR = (PEOPLE[k] for k in ("recruiter", "manager", "ivy", "omar"))
PANEL = (HM, IVY, OMAR)
CARD = "application/vnd.microsoft.card.adaptive"
MESSAGE = "application/vnd.microsoft.activity.message"
# START (14:00 UTC on Tue 10 Mar 2026) as the recruiter in New York picks it on the form.
INTERVIEW = {"interview_date": "2026-03-10", "interview_time": "10:00"}


def card_text(card: dict) -> str:
    return json.dumps(card, ensure_ascii=False)


def cards_of(bot_framework, user, marker: str) -> list[dict]:
    return [c for c in bot_framework.cards(user.personal) if marker in card_text(c)]


def inputs(card: dict) -> dict[str, dict]:
    found = {}

    def walk(node):
        if isinstance(node, dict):
            if str(node.get("type", "")).startswith("Input."):
                found[node["id"]] = node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    return found


def execute_data(card: dict, verb: str) -> dict:
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "Action.Execute" and node.get("verb") == verb:
                found.append(node["data"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    assert found, f"no {verb} action on the card"
    return dict(found[0])


@pytest.fixture
def timeline(monkeypatch, redis_conn, run_jobs):
    return Timeline(monkeypatch, redis_conn, run_jobs)


@pytest.fixture
def accepted(teams, form, bot_framework, redis_conn, run_jobs, timeline):  # noqa: F811
    """A Teams hand-off for START with the panel's apps installed, accepted by the hiring manager."""

    def make(install=("manager", "ivy", "omar"), **changes):
        for user in install:
            teams.install(user)
        submit(teams, form(), **{**INTERVIEW, "concerns": CONCERNS, **changes})
        run_jobs()
        [handoff] = stored(redis_conn)
        [brief] = cards_of(bot_framework, HM, "Second interview: Jane Doe")
        answer = teams.invoke("brief.accept", execute_data(brief, "brief.accept"), user="manager")
        assert answer.get_json()["type"] == CARD
        run_jobs()
        return handoff

    return make


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


def test_hand_off_to_debrief_in_teams(
    teams, accepted, bot_framework, redis_conn, run_jobs, timeline, smtp
):
    handoff = accepted()
    handoff = stored(redis_conn)[0]
    assert handoff.state == "accepted" and handoff.interview_at == START

    # The candidate is emailed (a Teams hand-off names no Teams account for them).
    [email] = smtp.messages
    assert email.rcpt_tos == ("jane@example.com",) and email.message["From"] == MAIL_FROM
    body = email.message.get_body(("plain",)).get_content()
    assert "Hank Manager" in body and "Ivy Interviewer" in body
    assert "blame" not in body and "Prefers a hybrid role" not in body

    # Kits, a working day ahead in each panellist's zone, as cards.
    timeline.run_until(START - timedelta(minutes=1))
    plan = PanelPlanStore(redis_conn).get(handoff.id)
    assert set(plan.people) == {p.aad for p in PANEL}
    bank_names = competency_names(load_bank(), plan.competencies)
    for person in PANEL:
        [kit] = cards_of(bot_framework, person, "Interview kit: Jane Doe")
        valid(kit)
        content = card_text(kit)
        for competency in plan.assignments[person.aad]:
            assert bank_names[competency] in content, (person.key, competency)
        assert not any(label in content for label in RECOMMENDATION_LABELS.values())
        assert "Recruiter's recommendation" not in content
        assert "Prefers a hybrid role" not in content
    hm_kit = card_text(cards_of(bot_framework, HM, "Interview kit")[0])
    assert text.KIT_WHO_COVERS in hm_kit and "Tends to blame others" in hm_kit
    ivy_kit = card_text(cards_of(bot_framework, IVY, "Interview kit")[0])
    assert text.KIT_WHO_COVERS not in ivy_kit and "Ivy Interviewer (you)" in ivy_kit
    assert "Tue 10 Mar 2026, 19:30–20:30 IST" in ivy_kit  # her own zone
    assert not any("Interview kit" in card_text(c) for c in bot_framework.cards(REC.personal))

    # Before the end, feedback is not open yet.
    early = teams.invoke("feedback.open", {"handoff_id": handoff.id}, user="ivy").get_json()
    assert early == {"statusCode": 200, "type": MESSAGE, "value": text.FEEDBACK_REFUSALS["not_yet"]}

    # At the end: a Submit feedback prompt each.
    timeline.run_until(END + timedelta(minutes=1))
    for person in PANEL:
        [prompt] = cards_of(bot_framework, person, "feedback.open")
        valid(prompt)
        assert execute_data(prompt, "feedback.open") == {"handoff_id": handoff.id}
    store = FeedbackStore(redis_conn)
    for number, person in enumerate(PANEL):
        [prompt] = cards_of(bot_framework, person, "feedback.open")
        opened = teams.invoke(
            "feedback.open", execute_data(prompt, "feedback.open"), user=person.key
        ).get_json()
        assert opened["type"] == CARD
        form_card = valid(opened["value"])
        owned = plan.assignments[person.aad]
        fields = inputs(form_card)
        assert set(fields) == {
            *(f"rating:{c}" for c in owned),
            *(f"evidence:{c}" for c in owned),
            "recommendation",
            "summary",
        }
        submit_data = execute_data(form_card, "feedback.submit")
        # Left incomplete: the form comes back with the problems under their fields.
        refused = teams.invoke(
            "feedback.submit",
            {**submit_data, f"rating:{owned[0]}": "3", f"evidence:{owned[0]}": "Too short"},
            user=person.key,
        ).get_json()
        assert refused["type"] == CARD
        redrawn = valid(refused["value"])
        errors = {e["id"] for e in redrawn["body"] if str(e.get("id", "")).endswith("_error")}
        assert f"evidence:{owned[0]}_error" in errors and "recommendation_error" in errors
        assert inputs(redrawn)[f"rating:{owned[0]}"]["value"] == "3"
        assert not store.has_submitted(handoff.id, person.aad)
        # Complete: stored once, and the card turns into the thanks in place.
        answers = {f"rating:{c}": "3" for c in owned}
        answers |= {f"evidence:{c}": f"Told a clear story about {c} with numbers." for c in owned}
        answers["recommendation"] = "hire"
        done = teams.invoke(
            "feedback.submit", {**submit_data, **answers}, user=person.key
        ).get_json()
        assert done["type"] == CARD
        assert valid(done["value"])["body"][0]["text"] == text.FEEDBACK_THANKS_TITLE
        again = teams.invoke(
            "feedback.submit",
            {**submit_data, **answers, "recommendation": "no_hire"},
            user=person.key,
        ).get_json()
        assert again["type"] == MESSAGE
        assert store.get(handoff.id, person.aad).recommendation == "hire"
        run_jobs()
        debriefs = [
            c for user in (HM, REC) for c in cards_of(bot_framework, user, "Debrief: Jane Doe")
        ]
        everyone_in = number == len(PANEL) - 1
        assert len(debriefs) == (2 if everyone_in else 0)

    # The debrief reached the hiring manager and the recruiter, once each.
    run_jobs()
    for reader in (HM, REC):
        [debrief] = cards_of(bot_framework, reader, "Debrief: Jane Doe")
        valid(debrief)
        content = card_text(debrief)
        assert "3 hire" in content and "Ivy Interviewer" in content
    for person in (IVY, OMAR):
        assert cards_of(bot_framework, person, "Debrief") == []

    # Full feedback for the debrief's readers only, with the way back.
    [debrief] = cards_of(bot_framework, REC, "Debrief: Jane Doe")
    view_data = execute_data(debrief, "debrief.feedback")
    shown = teams.invoke("debrief.feedback", view_data, user="recruiter").get_json()
    assert shown["type"] == CARD
    assert "Told a clear story" in card_text(valid(shown["value"]))
    back = teams.invoke(
        "debrief.show", execute_data(shown["value"], "debrief.show"), user="recruiter"
    ).get_json()
    assert "Debrief: Jane Doe" in card_text(valid(back["value"]))
    refused = teams.invoke("debrief.feedback", view_data, user="ivy").get_json()
    assert refused["value"] == text.FEEDBACK_REFUSALS["debrief_only"]

    # A panellist pressing an old prompt sees what they submitted.
    [prompt] = cards_of(bot_framework, OMAR, "feedback.open")
    own = teams.invoke("feedback.open", execute_data(prompt, "feedback.open"), user="omar")
    assert "Omar Interviewer's feedback" in card_text(valid(own.get_json()["value"]))

    # Everything the bot posted or updated on the way was a valid Adaptive Card 1.5.
    sent = [
        a for m in bot_framework.posted + bot_framework.updated for a in m.get("attachments", [])
    ]
    assert len(sent) > 15
    for attachment in sent:
        assert attachment["contentType"] == CARD
        valid(attachment["content"])


def test_a_kit_for_someone_without_the_app_is_reported_to_the_recruiter_once(
    teams, accepted, bot_framework, redis_conn, run_jobs, timeline
):
    # Omar is on a roster (so he can be picked) but has never installed the app: Teams refuses
    # to open a chat with him, for his kit and again for his feedback prompt.
    handoff = accepted(install=("manager", "ivy"))
    for _ in range(2):
        bot_framework.fail_next("create", 403, code="BotNotInConversationRoster")
    timeline.run_until(END + timedelta(minutes=1))
    assert bot_framework.failures == []
    assert cards_of(bot_framework, IVY, "Interview kit")
    assert not cards_of(bot_framework, OMAR, "Interview kit")
    warnings = [t for t in bot_framework.texts(REC.personal) if "couldn't reach" in t]
    assert len(warnings) == 1, warnings
    assert "Omar Interviewer" in warnings[0]
    assert "isn't installed for Omar Interviewer yet" in warnings[0]
    events = [e for e in stored(redis_conn)[0].events if e.kind == "message_failed"]
    assert [e.text.partition("\n")[0] for e in events] == [f"panellist:{OMAR.aad}"]
    assert handoff.id


def test_the_jobs_are_the_same_for_both_platforms():
    """Beyond choosing the renderer and the messenger, no job looks at which platform it serves
    (the Slack-only ephemeral replies and the Teams command replies are each one platform's)."""
    import re
    from pathlib import Path

    import workers.jobs

    one_platform = {"replies.py", "teams_replies.py", "__init__.py"}
    branch = re.compile(
        r"""platform\s*[!=]=|[!=]=\s*["'](slack|teams)["']|plugin\.(slack|teams)\b"""
    )
    for path in Path(workers.jobs.__file__).parent.glob("*.py"):
        if path.name in one_platform:
            continue
        found = [line for line in path.read_text().splitlines() if branch.search(line)]
        assert found == [], (path.name, found)
