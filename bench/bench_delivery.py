"""Bench: a worker draining deliver_brief jobs against the same worker draining no-op jobs.

Requirement: delivering briefs runs at least 50% of the rate of bare RQ jobs that do nothing,
same worker class, same run.

N hand-offs are stored with their deliver_brief job (HandoffStore.create + queues.follow_with,
as the submit listener does), and N no-op jobs (bench/noop_jobs.py) go on the same queue with the
same options. A worker subprocess drains each batch in burst mode through the product's entry
(workers.runner.run_worker: preload, every queue, the scheduler), for the shipped
SecondRoundWorker (RQ's SimpleWorker: jobs in the worker's process) and for RQ's forking Worker,
timed inside the worker around run_worker. Batches alternate no-op, brief,
no-op, brief. The Slack stand-in and a private redis-server run here; every brief is checked
to have been posted exactly once. Never asserts; it prints the figures and exits 0.

The worker paces Slack calls as shipped (workers/pacing.py: one message a second per
conversation); each brief of a batch goes to a different hiring manager (500 of them), so the
pacing's reservations are measured without its waits dominating.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402
from bench_env import environment  # noqa: E402
from rq import Queue  # noqa: E402
from rq.registry import FailedJobRegistry  # noqa: E402
from rq.serializers import JSONSerializer  # noqa: E402

from plugin import queues  # noqa: E402
from plugin.config import Settings  # noqa: E402
from plugin.devtools.redis_server import PrivateRedis  # noqa: E402
from plugin.devtools.slack_standin import TEAM_ID, SlackStandIn  # noqa: E402
from plugin.domain.handoff import Handoff, ScreeningNotes, new_event, new_id, utc_now_iso  # noqa: E402
from plugin.services import Services  # noqa: E402
from plugin.store import HandoffStore  # noqa: E402
from workers.ledger import receipts_key  # noqa: E402

JOBS = {"SecondRoundWorker": 500, "Worker": 250}
ROUNDS = 2
TARGET_RATIO = 0.50
NOOP = "noop_jobs.noop"
RECRUITER = "UREC"
MANAGERS = tuple(f"UHM{n:03d}" for n in range(1, 501))  # one brief each per batch
INTERVIEWERS = ("UINT1", "UINT2")
WORKER_TIMEOUT = 60


# -- the worker subprocess ----------------------------------------------------------------------


def drain(worker_class: str) -> int:
    """`secondround worker --burst` with a chosen worker class; prints how long run_worker took."""
    import noop_jobs  # noqa: F401 - loaded before forking, like the product's preloaded jobs
    import rq

    from workers import runner
    from workers.runner import preload, run_worker

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = Settings.from_env()
    settings.require_slack()
    preload()
    began = time.perf_counter()
    run_worker(
        settings,
        burst=True,
        worker_class=getattr(runner, worker_class, None) or getattr(rq, worker_class),
    )
    print(json.dumps({"seconds": time.perf_counter() - began}), flush=True)
    return 0


class DrainingWorker:
    """One `bench_delivery.py --drain CLASS` subprocess, stopped (with its group) on close."""

    def __init__(self, worker_class: str, env: dict[str, str]):
        self.worker_class = worker_class
        self.env = env
        self.log = Path(tempfile.mkstemp(prefix="bench-worker-", suffix=".log")[1])
        self.process: subprocess.Popen | None = None

    def run(self) -> float:
        """Seconds run_worker took to drain the queues."""
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    "--drain",
                    self.worker_class,
                ],
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=log,
                start_new_session=True,
            )
            out, _ = self.process.communicate(timeout=WORKER_TIMEOUT)
        if self.process.returncode != 0:
            tail = self.log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"worker exited {self.process.returncode}:\n{tail}")
        return json.loads(out.decode().strip().splitlines()[-1])["seconds"]

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # RQ's warm shutdown: finish the current job, then stop
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None
        self.log.unlink(missing_ok=True)


def sigterm_as_interrupt(*_args) -> None:
    raise KeyboardInterrupt


# -- the jobs -----------------------------------------------------------------------------------


def sample_handoff(number: int) -> Handoff:
    """A stored-form hand-off like the submit makes, for one of the hiring managers."""
    start = (datetime.now(UTC) + timedelta(days=7)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    recruiter = RECRUITER
    handoff = Handoff(
        id=new_id(),
        team_id=TEAM_ID,
        recruiter_id=recruiter,
        hiring_manager_id=MANAGERS[number % len(MANAGERS)],
        candidate_name=f"Jane Doe {number}",
        role_title="Software Engineer",
        role_id="software_engineer",
        notes=ScreeningNotes(
            recommendation="yes",
            strengths="Explained a hard migration clearly, with the trade-offs she made.",
            concerns="Little experience owning on-call; vague about her own part in the outage.",
            shared_feedback="Go deeper on system design trade-offs.",
            recruiter_notes="Prefers a hybrid role.",
        ),
        created_at=utc_now_iso(),
        interviewer_ids=INTERVIEWERS,
        candidate_email="jane@example.com",
        interview_start=start.isoformat(),
    )
    return handoff.with_event(new_event("created", recruiter))


def enqueue_briefs(connection: redis.Redis, count: int) -> list[str]:
    """`count` hand-offs stored with their deliver_brief job, as the submit listener does."""
    store = HandoffStore(connection)
    ids = []
    for number in range(count):
        handoff = sample_handoff(number)
        store.create(
            handoff,
            submission_id=f"bench-{handoff.id}",
            follow=queues.follow_with(queues.deliver_brief(handoff.id)),
        )
        ids.append(handoff.id)
    return ids


def enqueue_noops(connection: redis.Redis, count: int) -> None:
    """`count` no-op jobs on deliver_brief's queue, with its options and an ID argument."""
    for _ in range(count):
        queues.enqueue(connection, queues.JobSpec(NOOP, (new_id(),), queues.DELIVERIES))


# -- the run ------------------------------------------------------------------------------------


KINDS = ("noop", "brief")


@dataclass
class Pair:
    """One worker class: jobs and seconds per kind (no-op, brief), summed."""

    worker_class: str
    jobs: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(KINDS, 0.0))

    def rate(self, kind: str) -> float:
        return self.jobs[kind] / max(self.seconds[kind], 1e-9)


def seed_people(standin: SlackStandIn) -> None:
    standin.add_user(RECRUITER, name="rita", real_name="Rita Recruiter", tz="America/New_York")
    for number, manager in enumerate(MANAGERS, 1):
        standin.add_user(manager, name=f"hank{number}", real_name=f"Hank Manager {number}")
    for interviewer in INTERVIEWERS:
        standin.add_user(interviewer, name=interviewer.lower(), tz="UTC")


def warm_directory(services: Services) -> None:
    """What the submit listener leaves behind: everyone looked up and in the PersonCache."""
    from plugin.slack.app import web_client
    from plugin.slack.people import SlackDirectory

    services.person_cache.forget_local()  # Redis was flushed: put everyone back there
    directory = SlackDirectory(web_client(services), services.person_cache)
    directory.people(TEAM_ID, [RECRUITER, *MANAGERS, *INTERVIEWERS])


def briefs_posted(standin: SlackStandIn) -> Counter:
    """How many top-level messages the stand-in holds for each hand-off (from the button value)."""
    posted: Counter = Counter()
    for manager in MANAGERS:
        for message in standin.messages(manager):
            if message.get("thread_ts"):
                continue
            values = {
                element.get("value")
                for block in message.get("blocks") or []
                for element in block.get("elements") or []
                if isinstance(element, dict) and element.get("type") == "button"
            }
            posted.update(v for v in values if v)
    return posted


def run(say: Callable[[str], None]) -> None:
    with contextlib.ExitStack() as stack:
        server = PrivateRedis()
        stack.callback(server.stop)
        server.start()
        standin = SlackStandIn()
        stack.callback(standin.stop)
        standin.start()
        seed_people(standin)
        env = environment(server.url, standin.api_url)
        connection = redis.Redis.from_url(server.url)
        stack.callback(connection.close)
        settings = Settings.from_env(env)

        services = Services(settings, connection)
        say(
            f"jobs per batch: {', '.join(f'{k} {v}' for k, v in JOBS.items())}; "
            f"{ROUNDS} alternating rounds (no-op, brief) per worker class, paced as shipped"
        )
        pairs = [Pair(name) for name in JOBS]
        problems: list[str] = []
        for pair in pairs:
            batches = [("noop", JOBS[pair.worker_class]), ("brief", JOBS[pair.worker_class])]
            for kind, count in batches * ROUNDS:
                standin.reset()
                connection.flushdb()
                warm_directory(services)
                lookups = len(standin.calls_to("users.info"))
                ids = []
                if kind == "noop":
                    enqueue_noops(connection, count)
                else:
                    ids = enqueue_briefs(connection, count)
                worker = DrainingWorker(pair.worker_class, env)
                stack.callback(worker.close)
                seconds = worker.run()
                pair.jobs[kind] += count
                pair.seconds[kind] += seconds
                problems += check(connection, standin, kind, ids, count, pair.worker_class)
                extra = len(standin.calls_to("users.info")) - lookups
                if extra:
                    problems.append(f"{pair.worker_class} {kind}: {extra} users.info calls")
                say(
                    f"  {pair.worker_class:<12} {kind:<5} {count:>3} jobs in {seconds:5.2f} s "
                    f"= {count / seconds:6.1f} jobs/s"
                )
        report(pairs, problems, say)


def check(
    connection: redis.Redis,
    standin: SlackStandIn,
    kind: str,
    ids: list[str],
    count: int,
    worker_class: str,
) -> list[str]:
    """What went wrong in one batch: jobs left or failed, briefs missing or posted twice."""
    problems = []
    where = f"{worker_class} {kind}"
    left = sum(Queue(n, connection=connection).count for n in queues.ALL_QUEUES)
    failed = sum(
        FailedJobRegistry(queue=Queue(n, connection=connection, serializer=JSONSerializer)).count
        for n in queues.ALL_QUEUES
    )
    if left or failed:
        problems.append(f"{where}: {left} jobs left in the queues, {failed} failed")
    if kind != "noop":
        posted = briefs_posted(standin)
        missing = [i for i in ids if posted[i] == 0]
        twice = [i for i, n in posted.items() if n > 1]
        strays = set(posted) - set(ids)
        receipts = sum(1 for i in ids if connection.hexists(receipts_key(i), "brief"))
        if missing or twice or strays or receipts != count:
            problems.append(
                f"{where}: {len(missing)} briefs missing, {len(twice)} posted twice, "
                f"{len(strays)} unexpected, {receipts}/{count} receipts"
            )
    elif standin.calls_to("chat.postMessage"):
        problems.append(f"{where}: no-op jobs posted messages")
    return problems


def report(pairs: list[Pair], problems: list[str], say: Callable[[str], None]) -> None:
    say("")
    say(f"{'worker class':<13} {'jobs':<26} {'jobs/s':>7} {'ratio':>6}  target")
    for pair in pairs:
        noop = pair.rate("noop")
        say(f"{pair.worker_class:<13} {'no-op':<26} {noop:>7.1f}")
        for kind, label in (("brief", "deliver_brief"),):
            ratio = pair.rate(kind) / max(noop, 1e-9)
            verdict = "PASS" if ratio >= TARGET_RATIO else "MISS"
            say(f"{'':<13} {label:<26} {pair.rate(kind):>7.1f} {ratio:>6.2f}  {verdict}")
    say(f"target: deliver_brief rate >= {TARGET_RATIO:.2f} x the no-op rate, same worker class")
    say("")
    if problems:
        for problem in problems:
            say(f"check FAIL {problem}")
    else:
        say("check ok   every brief posted exactly once, with a ledger receipt")
        say("check ok   no job left, none failed; no users.info call from the worker")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drain", choices=tuple(JOBS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.drain:
        return drain(args.drain)
    signal.signal(signal.SIGTERM, sigterm_as_interrupt)
    began = time.monotonic()
    try:
        run(lambda line: print(line, flush=True))
    except KeyboardInterrupt:
        print("interrupted; everything started here was stopped", flush=True)
        return 130
    print(f"\ntotal {time.monotonic() - began:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
