"""Bench: acking the hand-off submit and the Accept click, the real app against a bare Bolt app.

Requirement: acknowledging the modal submit (validate, store, enqueue) and a button click runs at
least 80% of the throughput of a bare Bolt app that only acks, served the same way in the same
run, with p99 under 50 ms at 8 concurrent clients on a 2-core machine.

Both apps run under gunicorn with the same options (2 sync workers, loopback port), next to a
private redis-server and the Slack stand-in. Requests are pre-signed before the timed rounds and
sent by 8 client threads (or processes, --clients processes), each on its own http.client
connection (gunicorn's sync worker answers `Connection: close`, so each request reconnects, for
both apps alike). Rounds alternate bare, real, bare, real so drift on a shared machine hits both.
A third app, the bare one that also enqueues one RQ job per request through RQ's API (the
"ack plus an RQ enqueue" the issue measured), runs beside the bare one in each round: the
reference for what any app that enqueues pays here.
Never asserts; it prints the figures, the ratio and PASS/MISS, and exits 0.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
import math
import multiprocessing
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402
from bench_env import BOT_TOKEN, SIGNING_SECRET, environment  # noqa: E402
from rq import Queue  # noqa: E402
from slack_sdk import WebClient  # noqa: E402

from plugin import queues  # noqa: E402
from plugin.devtools.redis_server import PrivateRedis, free_port  # noqa: E402
from plugin.devtools.slack_requests import (  # noqa: E402
    FORM,
    action_from,
    block_actions,
    sign,
    state_values_for,
    view_submission,
)
from plugin.devtools.slack_standin import SlackStandIn  # noqa: E402
from plugin.domain.handoff import State, new_id  # noqa: E402
from plugin.domain.question_bank import load_bank  # noqa: E402
from plugin.slack.blocks.brief import ACCEPT, brief_blocks, brief_text  # noqa: E402
from plugin.slack.blocks.handoff_modal import handoff_modal  # noqa: E402
from plugin.store import HandoffStore, handoff_key, recruiter_key  # noqa: E402

CLIENTS = 8
GUNICORN_WORKERS = 2
ROUNDS = 4
ROUND_SECONDS = 2.5
WARMUP_REQUESTS = 160
POOL_HEADROOM = 1.5
REPEAT_EVERY = 4  # one repeated click after every 4 first clicks: 20% of clicks are repeats
REPEAT_LAG = 8  # a repeat re-clicks the hand-off first clicked 8 clicks earlier
TARGET_RATIO = 0.80
TARGET_P99_MS = 50.0
PATH = "/slack/events"
RECRUITER = "UREC"
MANAGER = "UHM"
INTERVIEWERS = ("UINT1", "UINT2")
VIEW_PLACEHOLDER = "VPLACEHOLDERVIEW"
HANDOFF_PLACEHOLDER = "feedfacefeedface"
TS_PLACEHOLDER = "1111111111.111111"

Request = tuple[bytes, dict[str, str]]


# -- processes ----------------------------------------------------------------------------------


class Gunicorn:
    """`gunicorn APP` with the bench's fixed options on a free loopback port, stopped on close."""

    def __init__(self, name: str, app: str, env: dict[str, str]):
        self.name = name
        self.app = app
        self.env = env
        self.port = free_port()
        self.log = Path(tempfile.mkstemp(prefix=f"bench-{name}-", suffix=".log")[1])
        self.process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(GUNICORN_WORKERS),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--pythonpath",
            str(BENCH),
            "--log-level",
            "warning",
            self.app,
        ]

    def start(self) -> Gunicorn:
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                self.command(),
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            with contextlib.suppress(OSError, http.client.HTTPException):
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("POST", PATH, b"{}", {"Content-Type": "application/json"})
                status = conn.getresponse().status
                conn.close()
                if status == 401:  # the app is loaded and Bolt checks signatures
                    return self
            time.sleep(0.05)
        self.close()
        tail = self.log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"gunicorn {self.name} did not start:\n{tail}")

    def cpu_seconds(self) -> float:
        """CPU time the gunicorn workers (the master's children) have used, from /proc."""
        if self.process is None:
            return 0.0
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid:
                    total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        with contextlib.suppress(ProcessLookupError):  # stray workers of a dead master
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process = None
        self.log.unlink(missing_ok=True)


def sigterm_as_interrupt(*_args) -> None:
    raise KeyboardInterrupt


# -- requests -----------------------------------------------------------------------------------


def signed(body: str) -> Request:
    return body.encode(), sign(body, SIGNING_SECRET, int(time.time()), FORM)


def form_answers() -> dict:
    start = (datetime.now(UTC) + timedelta(days=7)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    return {
        "candidate_name": "Jane Doe",
        "role_id": "software_engineer",
        "candidate_email": "jane@example.com",
        "hiring_manager": MANAGER,
        "interviewers": list(INTERVIEWERS),
        "interview_start": int(start.timestamp()),
        "recommendation": "yes",
        "strengths": "Explained a hard migration clearly, with the trade-offs she made.",
        "concerns": "Little experience owning on-call; vague about her own part in the outage.",
        "shared_feedback": "Go deeper on system design trade-offs.",
        "recruiter_notes": "Prefers a hybrid role.",
    }


def submission_template() -> str:
    """A valid hand-off submission body with a placeholder view ID."""
    roles = [(role.id, role.title) for role in load_bank().roles.values()]
    view = {**handoff_modal(roles), "id": VIEW_PLACEHOLDER}
    body, _ = view_submission(view, RECRUITER, state_values_for(view, form_answers()))
    assert body.count(VIEW_PLACEHOLDER) == 2  # view.id and view.root_view_id
    return body


class Submissions:
    """Pre-signed submissions, each with a view ID never used before in this run."""

    def __init__(self) -> None:
        self.template = submission_template()
        self.numbers = itertools.count(1)

    def make(self, count: int) -> list[Request]:
        return [
            signed(self.template.replace(VIEW_PLACEHOLDER, f"VB{next(self.numbers):012d}"))
            for _ in range(count)
        ]


class Clicks:
    """Pre-signed Accept clicks on a brief, as Slack posts them from the manager's DM."""

    def __init__(self, store: HandoffStore, sample_id: str, dm_channel: str):
        sample = replace(store.get(sample_id), id=HANDOFF_PLACEHOLDER)
        message = {
            "ts": "1700000000.000100",
            "channel": dm_channel,
            "text": brief_text(sample),
            "blocks": brief_blocks(sample, "Europe/Berlin"),
        }
        action = {**action_from(message, ACCEPT), "action_ts": TS_PLACEHOLDER}
        self.template, _ = block_actions(MANAGER, [action], message=message)
        self.stamps = itertools.count(int(time.time() * 1_000_000))

    def click(self, handoff_id: str) -> Request:
        stamp = next(self.stamps)
        action_ts = f"{stamp // 1_000_000}.{stamp % 1_000_000:06d}"
        body = self.template.replace(HANDOFF_PLACEHOLDER, handoff_id)
        return signed(body.replace(TS_PLACEHOLDER, action_ts))

    def mix(self, handoff_ids: Sequence[str]) -> tuple[list[Request], list[str]]:
        """First clicks plus a repeat after every REPEAT_EVERY; the requests and their hand-offs."""
        requests, targets = [], []
        for n, handoff_id in enumerate(handoff_ids, 1):
            requests.append(self.click(handoff_id))
            targets.append(handoff_id)
            if n % REPEAT_EVERY == 0:
                again = handoff_ids[max(0, n - 1 - REPEAT_LAG)]
                requests.append(self.click(again))
                targets.append(again)
        return requests, targets


def open_handoffs(store: HandoffStore, sample_id: str, count: int) -> list[str]:
    """`count` open copies of a stored hand-off, written as the store writes them, pipelined."""
    sample = store.get(sample_id)
    ids = []
    with store.redis.pipeline(transaction=False) as pipe:
        for _ in range(count):
            handoff = replace(sample, id=new_id(), state=State.OPEN, acted_by="", acted_at="")
            pipe.set(handoff_key(handoff.id), store._encode(handoff))
            pipe.zadd(recruiter_key(handoff.team_id, handoff.recruiter_id), {handoff.id: 0})
            ids.append(handoff.id)
        pipe.execute()
    return ids


# -- load ---------------------------------------------------------------------------------------


@dataclass
class Result:
    """What one client (or a whole round) saw."""

    latencies_ms: list[float] = field(default_factory=list)
    bad: int = 0
    first_bad: str = ""
    started: float = 0.0
    ended: float = 0.0
    sent: list[int] = field(default_factory=list)
    client_cpu: float = 0.0
    server_cpu: float = 0.0

    def add(self, other: Result) -> None:
        self.latencies_ms += other.latencies_ms
        self.bad += other.bad
        self.first_bad = self.first_bad or other.first_bad
        self.started = min(self.started or other.started, other.started)
        self.ended = max(self.ended, other.ended)
        self.sent += other.sent

    @property
    def count(self) -> int:
        return len(self.latencies_ms)

    @property
    def seconds(self) -> float:
        return max(self.ended - self.started, 1e-9)


def drive(port: int, requests: Iterator[Request], start_at: float, stop_at: float) -> Result:
    """Send requests one after another on one connection until stop_at or they run out."""
    result = Result(started=start_at, sent=[0])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < start_at:
        time.sleep(0.001)
    try:
        for body, headers in requests:
            if time.monotonic() >= stop_at:
                break
            began = time.perf_counter()
            result.sent[0] += 1
            try:
                conn.request("POST", PATH, body, headers)
                response = conn.getresponse()
                answer = response.read()
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                result.bad += 1
                result.first_bad = result.first_bad or f"{type(error).__name__}: {error}"
                continue
            result.latencies_ms.append((time.perf_counter() - began) * 1000)
            if response.status != 200 or answer:
                result.bad += 1
                result.first_bad = result.first_bad or f"{response.status} {answer[:200]!r}"
    finally:
        conn.close()
        result.ended = time.monotonic()
    return result


_JOBS: list[tuple[int, Iterator[Request], float, float]] = []


def _drive_job(index: int) -> Result:
    return drive(*_JOBS[index])


def load(
    port: int, requests: Sequence[Request], seconds: float, mode: str, *, cycle: bool = False
) -> Result:
    """CLIENTS concurrent clients over `requests` (split evenly) for at most `seconds`."""
    slices = [requests[i::CLIENTS] for i in range(CLIENTS)]
    start_at = time.monotonic() + 0.2
    jobs = [
        (port, itertools.cycle(s) if cycle else iter(s), start_at, start_at + seconds)
        for s in slices
    ]
    total = Result(started=start_at)
    cpu_before = client_cpu(mode)
    if mode == "threads":
        results: list[Result] = [Result()] * CLIENTS

        def run(i: int) -> None:
            results[i] = drive(*jobs[i])

        threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        _JOBS[:] = jobs
        pool = multiprocessing.get_context("fork").Pool(CLIENTS, initializer=_client_signals)
        try:
            results = pool.map(_drive_job, range(CLIENTS))
            pool.close()
        finally:
            pool.terminate()
            pool.join()
            _JOBS.clear()
    total.client_cpu = client_cpu(mode) - cpu_before
    for result in results:
        total.add(result)
    return total


def client_cpu(mode: str) -> float:
    """CPU seconds the clients used so far: this process's threads, or reaped client processes."""
    if mode == "threads":
        return time.process_time()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _client_signals() -> None:
    """Client processes leave Ctrl-C and SIGTERM to the parent, which stops them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def sent_indices(result: Result) -> list[int]:
    """Indices into `requests` of what a non-cycling load sent: a prefix of each client's slice."""
    return sorted(c + CLIENTS * j for c, n in enumerate(result.sent) for j in range(n))


def percentile(values: Sequence[float], share: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


# -- the run ------------------------------------------------------------------------------------


@dataclass
class Scenario:
    """One request kind: the bare and real rounds' pooled results."""

    name: str
    bare: Result = field(default_factory=Result)
    enqueue: Result = field(default_factory=Result)
    enqueue_seconds: float = 0.0
    real: Result = field(default_factory=Result)
    bare_seconds: float = 0.0
    real_seconds: float = 0.0
    pools_ran_out: int = 0

    def record(self, which: str, result: Result) -> None:
        pooled: Result = getattr(self, which)
        pooled.latencies_ms += result.latencies_ms
        pooled.bad += result.bad
        pooled.first_bad = pooled.first_bad or result.first_bad
        pooled.client_cpu += result.client_cpu
        pooled.server_cpu += result.server_cpu
        setattr(self, f"{which}_seconds", getattr(self, f"{which}_seconds") + result.seconds)

    def rate(self, which: str) -> float:
        return getattr(self, which).count / max(getattr(self, f"{which}_seconds"), 1e-9)


def rate_of(result: Result) -> float:
    return result.count / result.seconds


def seed_people(standin: SlackStandIn) -> None:
    standin.add_user(RECRUITER, name="rita", real_name="Rita Recruiter", tz="America/New_York")
    standin.add_user(MANAGER, name="hank", real_name="Hank Manager", tz="Europe/Berlin")
    standin.add_user(INTERVIEWERS[0], name="ivy", real_name="Ivy Interviewer", tz="Asia/Kolkata")
    standin.add_user(INTERVIEWERS[1], name="omar", real_name="Omar Interviewer", tz="UTC")


class Run:
    """One bench run against two running servers: warm-ups, timed rounds, then the checks."""

    def __init__(self, mode, bare, enqueue, real, standin, connection, say):
        self.mode = mode
        self.bare, self.enqueue, self.real = bare, enqueue, real
        self.standin = standin
        self.connection = connection
        self.store = HandoffStore(connection)
        self.say = say
        self.submissions = Submissions()
        self.submitted = 0  # submissions the real app was sent, warm-up included
        self.lookups_during_submits = 0
        self.made_for_clicks = 0  # open hand-offs made in the store for the click rounds
        self.clicked: list[str] = []  # the hand-off of every click the real app was sent

    def load(self, server: Gunicorn, requests, seconds: float, *, cycle: bool = False) -> Result:
        before = server.cpu_seconds()
        result = load(server.port, requests, seconds, self.mode, cycle=cycle)
        result.server_cpu = server.cpu_seconds() - before
        return result

    def rounds(self, scenario: Scenario, bare_requests, real_batch) -> list[Result]:
        """ROUNDS of bare then real; `real_batch()` makes each real round's fresh requests."""
        results = []
        for number in range(1, ROUNDS + 1):
            bare = self.load(self.bare, bare_requests, ROUND_SECONDS, cycle=True)
            scenario.record("bare", bare)
            enqueue = self.load(self.enqueue, bare_requests, ROUND_SECONDS, cycle=True)
            scenario.record("enqueue", enqueue)
            requests = real_batch()
            real = self.load(self.real, requests, ROUND_SECONDS)
            scenario.record("real", real)
            scenario.pools_ran_out += sum(real.sent) >= len(requests)
            results.append(real)
            self.say(
                f"  {scenario.name} round {number}: bare {rate_of(bare):.0f}/s, "
                f"ack+enqueue {rate_of(enqueue):.0f}/s, real {rate_of(real):.0f}/s, "
                f"ratio {rate_of(real) / rate_of(bare):.2f}"
            )
        return results

    def submits(self) -> Scenario:
        # Warm-up: each gunicorn worker's first request (auth.test, lazy imports) and the
        # PersonCache (users.info once per person, kept 10 minutes), before anything is timed.
        bare_requests = self.submissions.make(CLIENTS * 16)
        warm_bare = self.load(self.bare, bare_requests, 1.5, cycle=True)
        self.load(self.enqueue, bare_requests, 1.5, cycle=True)
        warm_real = self.load(self.real, self.submissions.make(WARMUP_REQUESTS), 30.0)
        self.submitted += sum(warm_real.sent)
        lookups = len(self.standin.calls_to("users.info"))
        self.say(
            f"warm-up submits: bare {rate_of(warm_bare):.0f}/s, real {rate_of(warm_real):.0f}/s "
            f"({warm_real.count} submits; users.info calls while warming: {lookups})"
        )
        pool = self.pool_size(warm_bare, warm_real)
        scenario = Scenario("submit")
        for result in self.rounds(scenario, bare_requests, lambda: self.submissions.make(pool)):
            self.submitted += sum(result.sent)
        self.lookups_during_submits = len(self.standin.calls_to("users.info")) - lookups
        return scenario

    @staticmethod
    def pool_size(*warm: Result) -> int:
        """Enough fresh requests for a real round at the best warm-up rate seen, with headroom."""
        return math.ceil(max(map(rate_of, warm)) * ROUND_SECONDS * POOL_HEADROOM) + CLIENTS

    def fresh(self, count: int) -> list[str]:
        self.made_for_clicks += count
        return open_handoffs(self.store, self.sample_id, count)

    def clicks(self) -> Scenario:
        key = next(self.connection.scan_iter("sr:handoff:*"))
        self.sample_id = key.decode().rsplit(":", 1)[-1]
        client = WebClient(token=BOT_TOKEN, base_url=self.standin.api_url)
        dm = client.conversations_open(users=MANAGER)["channel"]["id"]
        clicks = Clicks(self.store, self.sample_id, dm)
        bare_requests, _ = clicks.mix(self.fresh(CLIENTS * 16))
        warm_bare = self.load(self.bare, bare_requests, 1.0, cycle=True)
        requests, targets = clicks.mix(self.fresh(WARMUP_REQUESTS))
        warm_real = self.load(self.real, requests, 30.0)
        self.clicked += [targets[i] for i in sent_indices(warm_real)]
        self.say(
            f"warm-up clicks: bare {rate_of(warm_bare):.0f}/s, real {rate_of(warm_real):.0f}/s"
        )

        pool = self.pool_size(warm_bare, warm_real)
        batches: list[list[str]] = []

        def batch() -> list[Request]:
            requests, targets = clicks.mix(self.fresh(pool * REPEAT_EVERY // (REPEAT_EVERY + 1)))
            batches.append(targets)
            return requests

        scenario = Scenario("click")
        for result, targets in zip(
            self.rounds(scenario, bare_requests, batch), batches, strict=True
        ):
            self.clicked += [targets[i] for i in sent_indices(result)]
        return scenario

    def checks(self, submit: Scenario, click: Scenario) -> list[tuple[str, bool, str]]:
        """Correctness of what the real app did: every response, the store and the queues."""
        connection, store = self.connection, self.store
        stored = sum(1 for _ in connection.scan_iter("sr:handoff:*", count=1000))
        from_submits = stored - self.made_for_clicks
        distinct = set(self.clicked)
        records = [store.get(i) for i in distinct]
        accepted = sum(1 for h in records if h.state == State.ACCEPTED)
        once = sum(1 for h in records if [e.kind for e in h.events].count("accepted") == 1)
        interactive = Queue(queues.INTERACTIVE, connection=connection).get_job_ids()
        replies = sum(1 for j in interactive if j.startswith("reply_ephemeral-"))
        fan_outs = sum(1 for j in interactive if j.startswith("after_change-"))
        repeats = len(self.clicked) - len(distinct)
        bad = sum(getattr(s, w).bad for s in (submit, click) for w in ("bare", "enqueue", "real"))
        first_bad = (
            submit.real.first_bad or click.real.first_bad or submit.bare.first_bad
        ) or click.bare.first_bad
        self.say(
            f"real app was sent {self.submitted} submits and {len(self.clicked)} clicks "
            f"({len(distinct)} first, {repeats} repeats = {repeats / max(len(self.clicked), 1):.0%})"
        )
        return [
            ("every timed response 200 with an empty body", bad == 0, f"{bad}; {first_bad}"),
            (
                "no users.info during the timed submits (PersonCache warm)",
                self.lookups_during_submits == 0,
                f"{self.lookups_during_submits} calls",
            ),
            (
                "stored hand-offs == submissions",
                from_submits == self.submitted,
                f"{from_submits} stored vs {self.submitted} submitted",
            ),
            (
                "one follow-up job per submission and per accepted click",
                0 <= fan_outs - (self.submitted + accepted) <= repeats,
                f"{fan_outs} queued vs {self.submitted} submits + {accepted} accepts "
                "(a click that lost a race may leave one that finds nothing to do)",
            ),
            (
                "each clicked hand-off accepted exactly once",
                accepted == once == len(distinct),
                f"{accepted} accepted, {once} with one accept event, of {len(distinct)}",
            ),
            (
                "each repeated click queued one ephemeral reply",
                replies == repeats,
                f"{replies} replies for {repeats} repeats",
            ),
        ]


def run(mode: str, say: Callable[[str], None]) -> None:
    with contextlib.ExitStack() as stack:
        server = PrivateRedis()
        stack.callback(server.stop)
        server.start()
        standin = SlackStandIn()
        stack.callback(standin.stop)
        standin.start()
        seed_people(standin)
        env = environment(server.url, standin.api_url)
        bare = Gunicorn("bare", "bare_app:create_app()", env)
        stack.callback(bare.close)
        bare.start()
        enqueue = Gunicorn("ack+enqueue", "bare_app:create_app(enqueue=True)", env)
        stack.callback(enqueue.close)
        enqueue.start()
        real = Gunicorn("real", "plugin.web:create_app()", env)
        stack.callback(real.close)
        real.start()
        connection = redis.Redis.from_url(server.url)
        stack.callback(connection.close)
        say(
            f"gunicorn --workers {GUNICORN_WORKERS} --worker-class sync, bare on :{bare.port}, "
            f"real on :{real.port}; {CLIENTS} client {mode}; "
            f"{ROUNDS} alternating rounds of {ROUND_SECONDS:g} s"
        )
        bench = Run(mode, bare, enqueue, real, standin, connection, say)
        submit = bench.submits()
        click = bench.clicks()
        report(submit, click, bench.checks(submit, click), say)


def report(submit: Scenario, click: Scenario, checks, say: Callable[[str], None]) -> None:
    say("")
    say(
        f"{'scenario':<8} {'app':<11} {'requests':>8} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7}"
        f"  {'ratio':>5}  {'throughput':<10} {'p99':<4}"
    )
    apps = (("bare", "bare"), ("enqueue", "ack+enqueue"), ("real", "real"))
    for scenario in (submit, click):
        for which, name in apps:
            result: Result = getattr(scenario, which)
            p99 = percentile(result.latencies_ms, 0.99)
            ratio = scenario.rate(which) / max(scenario.rate("bare"), 1e-9)
            line = (
                f"{scenario.name:<8} {name:<11} {result.count:>8} {scenario.rate(which):>8.0f} "
                f"{percentile(result.latencies_ms, 0.50):>7.1f} {p99:>7.1f}"
            )
            if which != "bare":
                line += f"  {ratio:>5.2f}"
            if which == "real":
                verdict = "PASS" if ratio >= TARGET_RATIO else "MISS"
                latency = "PASS" if p99 < TARGET_P99_MS else "MISS"
                line += f"  {verdict:<10} {latency}"
            say(line)
        say(
            f"  real / ack+enqueue: "
            f"{scenario.rate('real') / max(scenario.rate('enqueue'), 1e-9):.2f} of the throughput"
        )
        server, client = (
            [
                getattr(scenario, w).__dict__[kind] / max(getattr(scenario, w).count, 1) * 1000
                for w, _ in apps
            ]
            for kind in ("server_cpu", "client_cpu")
        )
        say(
            f"  CPU per request, gunicorn workers: bare {server[0]:.2f} ms, ack+enqueue "
            f"{server[1]:.2f} ms, real {server[2]:.2f} ms; clients {client[0]:.2f}, "
            f"{client[1]:.2f}, {client[2]:.2f} ms"
        )
        if scenario.pools_ran_out:
            say(f"  ({scenario.name}: {scenario.pools_ran_out} real round(s) used every request)")
    say(f"targets: real/bare throughput >= {TARGET_RATIO:.2f}; real p99 < {TARGET_P99_MS:.0f} ms")
    say("")
    for name, ok, detail in checks:
        say(f"check {'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f" ({detail})"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--clients",
        choices=("threads", "processes"),
        default="threads",
        help="how the 8 concurrent clients run (default: threads)",
    )
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, sigterm_as_interrupt)
    began = time.monotonic()
    try:
        run(args.clients, lambda line: print(line, flush=True))
    except KeyboardInterrupt:
        print("interrupted; everything started here was stopped", flush=True)
        return 130
    print(f"\ntotal {time.monotonic() - began:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
