"""`secondround status` and `secondround retry` on real queues."""

from dataclasses import replace

from test_store import make_handoff

from conftest import MANAGER, RECRUITER
from plugin import queues
from plugin.cli import main
from plugin.store import HandoffStore


def failed_brief(redis_conn, slack, run_jobs):
    handoff = replace(make_handoff("f1"), team_id="T0STANDIN", recruiter_id=RECRUITER)
    HandoffStore(redis_conn).create(handoff, follow=queues.follow_with(queues.deliver_brief("f1")))
    slack.fail_next("chat.postMessage", status=200, error="account_inactive")
    run_jobs()


def test_status_shows_queues_workers_and_failures_with_reasons(
    redis_conn, slack, run_jobs, monkeypatch, capsys, redis_server_url
):
    monkeypatch.setenv("REDIS_URL", redis_server_url)
    failed_brief(redis_conn, slack, run_jobs)
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert "deliveries" in out and "Failed jobs" in out
    assert "deliver_brief-f1" in out
    assert "PermanentDeliveryError: this Slack account is deactivated (account_inactive)" in out
    assert "none running" in out


def test_retry_requeues_a_failed_job_which_then_delivers(
    redis_conn, slack, run_jobs, monkeypatch, capsys, redis_server_url
):
    monkeypatch.setenv("REDIS_URL", redis_server_url)
    failed_brief(redis_conn, slack, run_jobs)
    assert main(["retry", "deliver_brief-f1"]) == 0
    assert "requeued 1 job(s)" in capsys.readouterr().out
    run_jobs()
    assert len([m for m in slack.messages(MANAGER) if not m.get("thread_ts")]) == 1


def test_retry_all_failed(redis_conn, slack, run_jobs, monkeypatch, capsys, redis_server_url):
    monkeypatch.setenv("REDIS_URL", redis_server_url)
    failed_brief(redis_conn, slack, run_jobs)
    assert main(["retry", "--all-failed"]) == 0
    assert "deliver_brief-f1" in capsys.readouterr().out


def test_retry_refuses_unknown_or_unfailed_jobs(redis_conn, monkeypatch, capsys, redis_server_url):
    monkeypatch.setenv("REDIS_URL", redis_server_url)
    assert main(["retry", "nope"]) == 2
    assert "no job 'nope'" in capsys.readouterr().err
    assert main(["retry"]) == 2
    assert "name one JOB or --all-failed" in capsys.readouterr().err


def test_status_without_redis_exits_2(monkeypatch, capsys):
    from plugin.devtools.redis_server import free_port

    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    assert main(["status"]) == 2
    assert "can't reach Redis" in capsys.readouterr().err


def test_rotate_keys_reseals_with_the_new_key(redis_conn, monkeypatch, capsys, redis_server_url):
    from conftest import ENCRYPTION_KEY
    from plugin.crypto import new_key, use_keys
    from plugin.feedback_store import FeedbackStore

    HandoffStore(redis_conn).create(make_handoff("k1"))
    new = new_key()
    monkeypatch.setenv("REDIS_URL", redis_server_url)
    monkeypatch.setenv("ENCRYPTION_KEYS", f"{new},{ENCRYPTION_KEY}")
    try:
        assert main(["rotate-keys"]) == 0
        assert "resealed 1 hand-off(s)" in capsys.readouterr().out
        use_keys([new])  # the old key is gone: everything still opens
        assert HandoffStore(redis_conn).get("k1").notes.strengths == "Sharp"
        assert FeedbackStore(redis_conn).for_people("k1", []) == {}
    finally:
        use_keys([ENCRYPTION_KEY])
