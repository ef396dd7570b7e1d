"""Feedback as data: what a complete form needs, who may give it and when, and its storage."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from test_store import make_handoff

from plugin.domain import feedback as fb
from plugin.domain.handoff import State, new_event
from plugin.domain.panel import plan_panel
from plugin.feedback_store import FeedbackStore, PanelPlanStore
from plugin.lifecycle import jobs_after

OWNED = ("ownership", "communication")
START = datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
GOOD = "Told the team about their own mistake within the hour and fixed it."


def form(**changes):
    base = dict(
        ratings={c: "3" for c in OWNED},
        evidence={c: GOOD for c in OWNED},
        recommendation="hire",
        summary="",
    )
    base.update(changes)
    return fb.FeedbackForm(**base)


def test_a_complete_form_has_no_errors_and_becomes_a_record():
    assert fb.validate_feedback(form(), OWNED) == {}
    record = fb.feedback_from_form(form(), OWNED, handoff_id="h1", person="U1", now=START)
    assert [(r.competency_id, r.score) for r in record.ratings] == [(c, 3) for c in OWNED]
    assert record.submitted == START
    assert fb.Feedback.from_record(record.to_record()) == record


def test_every_competency_needs_a_rating_on_the_scale_and_real_evidence():
    errors = fb.validate_feedback(
        form(
            ratings={"ownership": "5", "communication": ""},
            evidence={"ownership": "   ", "communication": "ok"},
            recommendation="maybe",
            summary="x" * (fb.SUMMARY_MAX + 1),
        ),
        OWNED,
    )
    assert errors == {
        "rating:ownership": fb.RATING_REQUIRED,
        "rating:communication": fb.RATING_REQUIRED,
        "evidence:ownership": fb.EVIDENCE_REQUIRED,
        "evidence:communication": fb.EVIDENCE_TOO_SHORT.format(minimum=fb.EVIDENCE_MIN),
        "recommendation": fb.VERDICT_REQUIRED,
        "summary": fb.TOO_LONG.format(maximum=fb.SUMMARY_MAX, size=fb.SUMMARY_MAX + 1),
    }
    long = fb.validate_feedback(form(evidence={c: "y" * 2001 for c in OWNED}), OWNED)
    assert set(long) == {"evidence:ownership", "evidence:communication"}


def test_the_scale_is_anchored_and_short_enough_for_slack():
    assert fb.SCORES == (1, 2, 3, 4)
    for score in fb.SCORES:
        assert fb.RATING_LABELS[score] and 10 < len(fb.RATING_ANCHORS[score]) <= 75
    assert list(fb.VERDICT_LABELS) == ["strong_hire", "hire", "no_hire", "strong_no_hire"]


def test_only_the_panel_after_the_interview_of_an_accepted_handoff_may_give_feedback():
    handoff = replace(
        make_handoff(),
        state=State.ACCEPTED,
        interviewer_ids=("UINT1",),
        interview_start=START.isoformat(),
        interview_minutes=45,
    )
    plan = plan_panel(
        handoff_id="h1",
        role_competencies=OWNED,
        concern_competencies=(),
        picked_competencies=(),
        hiring_manager="UHM",
        interviewers=("UINT1",),
    )
    after = START + timedelta(minutes=45)
    assert fb.feedback_refusal(handoff, plan, "UINT1", after) == ""
    assert fb.feedback_refusal(handoff, plan, "UHM", after) == ""
    assert fb.feedback_refusal(handoff, plan, "UINT1", after - timedelta(seconds=1)) == "not_yet"
    assert fb.feedback_refusal(handoff, plan, "UREC", after) == "not_on_panel"
    assert fb.feedback_refusal(None, plan, "UINT1", after) == "gone"
    assert fb.feedback_refusal(handoff, None, "UINT1", after) == "gone"
    cancelled = replace(handoff, state=State.CANCELLED)
    assert fb.feedback_refusal(cancelled, plan, "UINT1", after) == "closed"
    assert fb.may_read_feedback(handoff, "UHM") and fb.may_read_feedback(handoff, "UREC")
    assert not fb.may_read_feedback(handoff, "UINT1")


def test_everyone_submitted_needs_each_panellist():
    record = fb.feedback_from_form(form(), OWNED, handoff_id="h1", person="U1", now=START)
    assert not fb.everyone_submitted([], {})
    assert not fb.everyone_submitted(["U1", "U2"], {"U1": record})
    assert fb.everyone_submitted(["U1"], {"U1": record})


def test_a_submission_is_followed_by_the_debrief_check_only():
    specs = jobs_after(make_handoff(), new_event("feedback_submitted", "UINT1"))
    assert [s.job_id for s in specs] == ["send_debrief-h1"]


def test_feedback_is_stored_once_even_under_concurrent_submits(redis_conn):
    store = FeedbackStore(redis_conn)

    def submit(n):
        record = fb.feedback_from_form(
            form(summary=f"attempt {n}"), OWNED, handoff_id="h1", person="U1", now=START
        )
        return store.submit(record)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(submit, range(16)))
    assert results.count(True) == 1
    assert store.has_submitted("h1", "U1") and not store.has_submitted("h1", "U2")
    assert list(store.for_people("h1", ["U1", "U2"])) == ["U1"]


def test_the_first_plan_stored_is_kept(redis_conn):
    plans = PanelPlanStore(redis_conn)

    def plan(*interviewers):
        return plan_panel(
            handoff_id="h1",
            role_competencies=OWNED,
            concern_competencies=(),
            picked_competencies=(),
            hiring_manager="UHM",
            interviewers=interviewers,
        )

    first = plans.keep_first("h1", plan("UA"))
    again = plans.keep_first("h1", plan("UA", "UB"))
    assert again == first == plans.get("h1")
    assert plans.get("other") is None
