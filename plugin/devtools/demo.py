"""`secondround demo`: a whole hand-off on the real stack against the local Slack stand-in.

It starts Redis (REDIS_URL if it answers, else a private redis-server), the Slack stand-in, the
web app under gunicorn and a worker, then plays the recruiter and the hiring manager with signed
requests as Slack sends them, and prints what each person received.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from collections.abc import Callable
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

from plugin.crypto import new_key
from plugin.devtools.redis_server import RedisUnavailable, free_port, redis_for_demo
from plugin.devtools.render import mrkdwn_to_text, render_message, render_view
from plugin.devtools.slack_requests import SignedSlackClient, post_to_url
from plugin.devtools.slack_standin import DEFAULT_TOKEN, SlackStandIn

WAIT_SECONDS = 60
KIT_LINES_SHOWN = 28
RECRUITER, MANAGER = "UDEMOREC", "UDEMOHM"
INTERVIEWERS = ("UDEMOIV1", "UDEMOIV2")
PEOPLE = {
    RECRUITER: ("Rita Recruiter", "Senior Recruiter", "America/New_York"),
    MANAGER: ("Hank Manager", "Engineering Manager", "Europe/Berlin"),
    INTERVIEWERS[0]: ("Ivy Chen", "Staff Engineer", "Asia/Kolkata"),
    INTERVIEWERS[1]: ("Omar Haddad", "Senior Engineer", "America/Los_Angeles"),
}
NAMES = {user: person[0] for user, person in PEOPLE.items()}


class DemoFailed(RuntimeError):
    """A step of the demo did not produce what it should have."""


class Terminal:
    """Readable output: steps, and boxed messages as each person would see them."""

    def __init__(self, stream=sys.stdout):
        self.stream = stream
        self.step_number = 0

    def say(self, text: str = "") -> None:
        print(text, file=self.stream, flush=True)

    def step(self, text: str) -> None:
        self.step_number += 1
        self.say(f"\n{self.step_number}. {text}")

    def shows(self, who: str, title: str, body: str) -> None:
        self.say(f"   ┌─ {who} · {title}")
        for line in body.splitlines() or [""]:
            for piece in textwrap.wrap(line, 92) or [""]:
                self.say(f"   │ {piece}")
        self.say("   └─")


def wait_for(what: str, found: Callable[[], object], seconds: float = WAIT_SECONDS):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = found()
        if result:
            return result
        time.sleep(0.1)
    raise DemoFailed(f"timed out after {seconds:.0f}s waiting for {what}")


def start_process(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    handle = log.open("w")
    return subprocess.Popen(args, env=env, stdout=handle, stderr=subprocess.STDOUT)


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(base_url + "/healthz", timeout=1) as response:  # noqa: S310
            return response.status == 200
    except OSError:
        return False


def form_answers(start: datetime) -> dict:
    return {
        "candidate_name": "Jane Doe",
        "role_id": "software_engineer",
        "candidate_email": "jane.doe@example.com",
        "hiring_manager": MANAGER,
        "interviewers": list(INTERVIEWERS),
        "interview_start": int(start.timestamp()),
        "interview_minutes": "60",
        "location": "Video call: https://meet.example.com/jane-doe",
        "recommendation": "yes",
        "strengths": (
            "Led the migration of a payments service to event sourcing and explained the "
            "trade-offs without notes. Asks sharp questions about the product."
        ),
        "concerns": (
            "Has not owned an on-call rotation; vague on how they handled a production incident."
        ),
        "shared_feedback": (
            "Go deeper on system design: say what you would measure before changing anything."
        ),
        "recruiter_notes": "Prefers hybrid, two days in the office. Notice period four weeks.",
    }


def run_demo() -> int:
    out = Terminal()
    logs = Path(tempfile.mkdtemp(prefix="secondround-demo-"))
    try:
        with ExitStack() as stack:
            play(out, stack, logs)
    except (DemoFailed, RedisUnavailable) as error:
        out.say(f"\ndemo failed: {error}\nlogs of the web app and worker: {logs}")
        return 1
    out.say(f"\nThe demo finished. Logs of the web app and the worker are in {logs}")
    return 0


def play(out: Terminal, stack: ExitStack, logs: Path) -> None:
    out.say("Second Round demo: a recruiter hands Jane Doe to her hiring manager.")
    out.say("Starting Redis, the Slack stand-in, the web app (gunicorn) and a worker...")
    redis_url, server = redis_for_demo(os.environ.get("REDIS_URL"))
    if server is not None:
        stack.callback(server.stop)
    standin = stack.enter_context(SlackStandIn())
    for user, (name, title, tz) in PEOPLE.items():
        standin.add_user(user, name=name.split()[0].lower(), real_name=name, tz=tz, title=title)

    smtp = start_mail_server(stack)
    port = free_port()
    base_url_placeholder = f"http://127.0.0.1:{port}"
    secret = secrets.token_hex(16)
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "SLACK_BOT_TOKEN": DEFAULT_TOKEN,
        "SLACK_SIGNING_SECRET": secret,
        "SLACK_API_URL": standin.api_url,
        "ENCRYPTION_KEYS": new_key(),
        "SMTP_URL": smtp.url if smtp else "",
        "MAIL_FROM": "Acme Recruiting <recruiting@acme.example>",
        "PUBLIC_URL": base_url_placeholder,
        "SECRET_KEY": secrets.token_hex(16),
    }
    base_url = f"http://127.0.0.1:{port}"
    gunicorn = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"]
    web = start_process(
        [*gunicorn, "--workers", "2", "plugin.web:create_app()"], env, logs / "web.log"
    )
    stack.callback(stop_process, web)
    worker = start_process([sys.executable, "-m", "plugin.cli", "worker"], env, logs / "worker.log")
    stack.callback(stop_process, worker)
    wait_for("the web app to answer /healthz", lambda: healthy(base_url) or web.poll())
    if web.poll() is not None:
        raise DemoFailed("the web app exited; see web.log")
    out.say(f"Redis at {redis_url}, Slack stand-in at {standin.api_url}, web app at {base_url}")

    slack = SignedSlackClient(post_to_url(base_url), secret)
    start = (datetime.now(UTC) + timedelta(hours=5)).replace(minute=0, second=0, microsecond=0)

    out.step("Rita (recruiter) types `/handoff Jane Doe` after the phone screen.")
    slack.command("/handoff", "Jane Doe", user_id=RECRUITER)
    form = wait_for("the hand-off form to open", lambda: standin.last_view(RECRUITER))
    out.shows("Rita", "the form opens, name filled in", render_view(form, NAMES))

    out.step("Rita picks herself as hiring manager by mistake and submits.")
    answers = form_answers(start)
    wrong = slack.submit_view(
        form, user_id=RECRUITER, answers={**answers, "hiring_manager": RECRUITER}
    )
    errors = json.loads(wrong.body).get("errors", {})
    if "hiring_manager" not in errors:
        raise DemoFailed(f"expected an inline error on the hiring manager, got {wrong.body!r}")
    out.shows("Rita", "inline error next to the field", errors["hiring_manager"])

    out.step("Rita picks Hank and submits again.")
    began = time.perf_counter()
    submitted = slack.submit_view(form, user_id=RECRUITER, answers=answers)
    elapsed = (time.perf_counter() - began) * 1000
    if submitted.status != 200 or submitted.body:
        raise DemoFailed(f"the form did not close: HTTP {submitted.status} {submitted.body!r}")
    out.say(f"   The form closed after {elapsed:.0f} ms (Slack allows 3,000 ms).")

    brief = wait_for("the brief in Hank's DM", lambda: top_messages(standin, MANAGER))[0]
    out.shows("Hank (hiring manager)", "DM from Second Round", render_message(brief, NAMES))
    confirmation = wait_for("Rita's confirmation", lambda: top_messages(standin, RECRUITER))[0]
    out.shows("Rita", "DM from Second Round", render_message(confirmation, NAMES))

    out.step("Hank presses 'Ask the recruiter' and sends a question.")
    slack.click("brief_ask", user_id=MANAGER, message=brief)
    ask = wait_for("the question form", lambda: view_called(standin, MANAGER, "ask"))
    slack.submit_view(
        ask, user_id=MANAGER, answers={"question": "How did Jane react to the on-call question?"}
    )
    question = wait_for(
        "the question in Rita's DM",
        lambda: [m for m in top_messages(standin, RECRUITER) if "has a question" in m["text"]],
    )[0]
    out.shows("Rita", "DM from Second Round", render_message(question, NAMES))

    out.step("Rita answers in the thread.")
    slack.event(
        {
            "type": "message",
            "channel_type": "im",
            "channel": question["channel"],
            "user": RECRUITER,
            "text": "Candid: she said she shadowed on-call but never led an incident.",
            "ts": f"{time.time():.6f}",
            "thread_ts": question["ts"],
        },
        event_id="EvDEMO" + secrets.token_hex(4),
    )
    answer = wait_for(
        "the answer under Hank's brief",
        lambda: [m for m in standin.messages(MANAGER) if m.get("thread_ts") == brief["ts"]],
    )[0]
    out.shows("Hank", "reply in the brief's thread", render_message(answer, NAMES))

    out.step("Hank presses Accept.")
    slack.click("brief_accept", user_id=MANAGER, message=brief)
    notice = wait_for(
        "Rita to hear that Hank accepted",
        lambda: [m for m in top_messages(standin, RECRUITER) if "accepted" in m["text"]],
    )[0]
    updated = wait_for(
        "the brief to show it was accepted",
        lambda: [
            m for m in top_messages(standin, MANAGER) if "Accepted by" in json.dumps(m["blocks"])
        ],
    )[0]
    out.shows("Hank", "the brief, updated in place", render_message(updated, NAMES))
    out.shows("Rita", "DM from Second Round", render_message(notice, NAMES))

    out.step("The interview is in a few hours, so the interviewers' kits go out at once.")
    for user in (MANAGER, *INTERVIEWERS):
        kit = wait_for(
            f"{NAMES[user]}'s interview kit",
            lambda user=user: [
                m for m in top_messages(standin, user) if "Interview kit" in m["text"]
            ],
        )[0]
        lines = render_message(kit, NAMES).splitlines()
        shown = "\n".join(lines[:KIT_LINES_SHOWN])
        if len(lines) > KIT_LINES_SHOWN:
            shown += f"\n… ({len(lines) - KIT_LINES_SHOWN} more lines)"
        out.shows(NAMES[user], "DM from Second Round", shown)

    if smtp is not None:
        out.step("Jane (the candidate) gets a confirmation email with a calendar invitation.")
        mail = wait_for("the candidate's email", lambda: smtp.messages)[0].message
        body = mail.get_body(preferencelist=("plain",)).get_content()
        invites = [p for p in mail.walk() if p.get_content_type() == "text/calendar"]
        method = invites[0].get_param("method") if invites else "none"
        header = f"From: {mail['From']}\nTo: {mail['To']}\nSubject: {mail['Subject']}\n"
        out.shows("Jane", "email", header + f"(calendar invitation: METHOD:{method})\n\n" + body)

    out.step("Hank presses Accept again on the old message.")
    slack.click("brief_accept", user_id=MANAGER, message=brief)
    reply = wait_for("the polite answer", lambda: standin.ephemerals(MANAGER))[0]
    out.shows("Hank", "only visible to you", mrkdwn_to_text(reply["text"], NAMES))

    out.step("Rita types `/handoff list`.")
    listing = slack.command("/handoff", "list", user_id=RECRUITER)
    out.shows("Rita", "only visible to you", render_message(json.loads(listing.body), NAMES))

    out.step("What each person received in the end:")
    for user, (name, title, _) in PEOPLE.items():
        received = standin.messages(user)
        out.say(f"   {name} ({title}): {len(received)} message(s)")
        for message in received:
            first = render_message(message, NAMES).strip().splitlines()[0]
            out.say(f"     - {first[:90]}")
    briefs = [m for m in top_messages(standin, MANAGER) if "Screening brief" in m["text"]]
    if len(briefs) != 1:
        raise DemoFailed(f"Hank should have exactly one brief, not {len(briefs)}")


def start_mail_server(stack: ExitStack):
    """A local SMTP server for the candidate's email (aiosmtpd, a development dependency)."""
    try:
        from plugin.devtools.smtp_server import LocalSMTPServer
    except ImportError:
        return None
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    return stack.enter_context(LocalSMTPServer())


def top_messages(standin: SlackStandIn, user: str) -> list[dict]:
    """Messages in the user's DM that are not thread replies, newest first."""
    return [m for m in reversed(standin.messages(user)) if not m.get("thread_ts")]


def view_called(standin: SlackStandIn, user: str, callback_id: str) -> dict | None:
    view = standin.last_view(user)
    return view if view and view.get("callback_id") == callback_id else None
