"""Shared fixtures: a private Redis, the Slack stand-in, the Flask app and an in-process worker."""

from __future__ import annotations

import os

import pytest
import redis

from plugin.devtools.redis_server import RedisUnavailable, redis_for_tests

ENCRYPTION_KEY = "3q2-7fXhcs4yWbpMNoM2n1m5S0mZ8V7q3cY1dG8q8yE="  # a test key, used nowhere else


@pytest.fixture(autouse=True, scope="session")
def encryption_keys():
    """Stores built directly in tests seal with the test key, as the app and workers do."""
    from plugin.crypto import use_keys

    use_keys([ENCRYPTION_KEY])


@pytest.fixture(scope="session")
def redis_server_url():
    try:
        url, server = redis_for_tests(os.environ.get("REDIS_URL"))
    except RedisUnavailable as error:
        pytest.exit(str(error), returncode=2)
    yield url
    if server is not None:
        server.stop()


@pytest.fixture
def redis_conn(redis_server_url):
    connection = redis.Redis.from_url(redis_server_url)
    connection.flushdb()
    yield connection
    connection.close()


SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-standin"
RECRUITER = "UREC"
MANAGER = "UHM"
INTERVIEWERS = ("UINT1", "UINT2")
GUEST = "UGUEST"
APP_USER = "UAPP"
CANDIDATE = "UCAND"
DEACTIVATED = "UGONE"


@pytest.fixture(scope="session")
def standin():
    from plugin.devtools.slack_standin import SlackStandIn

    with SlackStandIn() as server:
        yield server


def add_people(server) -> None:
    server.add_user(RECRUITER, name="rita", real_name="Rita Recruiter", tz="America/New_York")
    server.add_user(MANAGER, name="hank", real_name="Hank Manager", tz="Europe/Berlin")
    server.add_user(INTERVIEWERS[0], name="ivy", real_name="Ivy Interviewer", tz="Asia/Kolkata")
    server.add_user(INTERVIEWERS[1], name="omar", real_name="Omar Interviewer", tz="UTC")
    server.add_user(GUEST, name="gus", real_name="Gus Guest", is_restricted=True)
    server.add_user(APP_USER, name="helper", real_name="Helper App", is_bot=True)
    server.add_user(
        CANDIDATE,
        name="cara",
        real_name="Cara Candidate",
        is_ultra_restricted=True,
        tz="Asia/Tokyo",
    )
    server.add_user(DEACTIVATED, name="olga", real_name="Olga Oldtimer", deleted=True)


@pytest.fixture
def slack(standin):
    standin.reset()
    add_people(standin)
    return standin


MAIL_FROM = "Second Round <hiring@example.com>"
PUBLIC_URL = "https://secondround.example.com"
SECRET_KEY = "test-secret-key-for-opt-out-links"


@pytest.fixture
def settings(redis_server_url, slack, smtp_server):
    """A fully configured deployment; candidate email goes to the local SMTP server."""
    from plugin.config import Settings

    return Settings(
        redis_url=redis_server_url,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack.api_url,
        smtp_url=smtp_server.url,
        mail_from=MAIL_FROM,
        public_url=PUBLIC_URL,
        secret_key=SECRET_KEY,
        encryption_keys=(ENCRYPTION_KEY,),
    )


@pytest.fixture(scope="session")
def smtp_server():
    """A local aiosmtpd server for the session; tests read it through `smtp`."""
    from plugin.devtools.smtp_server import LocalSMTPServer

    with LocalSMTPServer() as server:
        yield server


@pytest.fixture
def smtp(smtp_server):
    """The local SMTP server that `settings` sends candidate email to, emptied for this test."""
    smtp_server.clear()
    return smtp_server


@pytest.fixture
def app(settings, redis_conn):
    from plugin.web import create_app

    return create_app(settings)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def slack_user(client):
    """Sends what Slack would send, signed with the app's signing secret."""
    from plugin.devtools.slack_requests import SignedSlackClient, post_to_flask

    return SignedSlackClient(post_to_flask(client), SIGNING_SECRET)


@pytest.fixture
def run_jobs(settings, redis_conn):
    """Run every queued job in this process (RQ SimpleWorker, burst mode), as the worker would."""
    from kit_support import BurstWorker

    from plugin.services import Services
    from workers import context
    from workers.messengers.slack import SlackMessenger
    from workers.runner import build_worker

    worker_context = context.WorkerContext(Services(settings, redis_conn))
    worker_context.messengers["slack"] = SlackMessenger(worker_context.slack)  # unpaced: fast tests
    context.use(worker_context)

    def run() -> None:
        build_worker(settings, BurstWorker).work(burst=True)

    yield run
    context.use(None)


@pytest.fixture
def handoff(slack, slack_user, run_jobs):
    """Drives a hand-off the way people would: opens the form, submits it, runs the jobs."""
    from datetime import UTC, datetime, timedelta

    class Driver:
        start = (datetime.now(UTC) + timedelta(days=7)).replace(
            hour=14, minute=0, second=0, microsecond=0
        )

        def answers(self, **changes):
            answers = {
                "candidate_name": "Jane Doe",
                "role_id": "software_engineer",
                "candidate_email": "jane@example.com",
                "hiring_manager": MANAGER,
                "interviewers": list(INTERVIEWERS),
                "interview_start": int(self.start.timestamp()),
                "recommendation": "yes",
                "strengths": "Explained a hard migration clearly.",
                "concerns": "Little experience owning on-call.",
                "shared_feedback": "Go deeper on system design trade-offs.",
                "recruiter_notes": "Prefers a hybrid role.",
            }
            answers.update(changes)
            return {k: v for k, v in answers.items() if v is not None}

        def open_form(self, text="", user_id=RECRUITER):
            response = slack_user.command("/handoff", text, user_id=user_id)
            assert response.status_code == 200
            return slack.last_view(user_id)

        def submit(self, user_id=RECRUITER, **changes):
            view = self.open_form(user_id=user_id)
            return slack_user.submit_view(view, user_id=user_id, answers=self.answers(**changes))

        def create(self, **changes):
            response = self.submit(**changes)
            assert response.status_code == 200 and not response.data, response.data
            run_jobs()
            return self.brief()

        def brief(self):
            briefs = [m for m in slack.messages(MANAGER) if not m.get("thread_ts")]
            assert len(briefs) == 1, briefs
            return briefs[0]

        def click(self, action_id, user_id=MANAGER, message=None):
            return slack_user.click(action_id, user_id=user_id, message=message or self.brief())

    return Driver()
