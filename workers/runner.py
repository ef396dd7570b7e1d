"""`secondround worker`: every queue of the project, with RQ's scheduler, job modules preloaded."""

from __future__ import annotations

import importlib
import time

from rq import SimpleWorker, Worker
from rq.defaults import DEFAULT_WORKER_TTL
from rq.registry import ScheduledJobRegistry
from rq.scheduler import RQScheduler
from rq.serializers import JSONSerializer

from plugin.config import Settings
from plugin.logs import keep_personal_data_out_of_logs
from plugin.queues import ALL_QUEUES, JOB_TIMEOUT, queue
from plugin.services import connect

DEQUEUE_MARGIN = 15  # RQ waits worker_ttl - 15 seconds for a job
SCHEDULER_BEAT_SECONDS = 0.1
JOB_MODULES = (
    "workers.jobs.changes",
    "workers.jobs.briefs",
    "workers.jobs.notices",
    "workers.jobs.replies",
    "workers.jobs.followups",
    "workers.jobs.kits",
    "workers.jobs.nudges",
    "workers.jobs.erasure",
    "plugin.slack.render",
    "workers.jobs.teams_replies",
    "plugin.teams.render",
)


class ExactScheduledJobRegistry(ScheduledJobRegistry):
    """Due means due to the fraction of a second: RQ asks with the whole second it is in."""

    def get_jobs_to_schedule(self, timestamp=None, chunk_size: int = 1000) -> list[str]:
        due = self.connection.zrangebyscore(self.key, 0, time.time(), start=0, num=chunk_size)
        return [job_id.decode() for job_id in due]


class BeatScheduler(RQScheduler):
    """RQ's scheduler, looking for due jobs every SCHEDULER_BEAT_SECONDS instead of every second,
    and by the fraction of a second: a message paced to a moment goes within a tenth of a second
    of it, not up to a second late (RQ's whole-second `interval` still sets lock lifetimes)."""

    def prepare_registries(self, queue_names=None):
        self._scheduled_job_registries = [
            ExactScheduledJobRegistry(name, connection=self.connection, serializer=self.serializer)
            for name in (queue_names or self._acquired_locks)
        ]

    def work(self):
        self._install_signal_handlers()
        self.register_birth()
        while not self._stop_requested:
            if self.should_reacquire_locks:
                self.acquire_locks()
            self.heartbeat()
            self.enqueue_scheduled_jobs()
            time.sleep(SCHEDULER_BEAT_SECONDS)
        self.stop()


class SecondRoundWorker(SimpleWorker):
    """RQ's SimpleWorker: jobs run in the worker process, not in a fork per job. They are short
    calls to Slack, email or Teams that mostly wait on the network; a fork costs each run ~15 ms
    of CPU, which in a burst of paced messages (two runs each) made the CPU, not Slack's limit,
    set the pace. Job timeouts still hold (SIGALRM). Its registry cleanup also puts back jobs lost
    between a pop and a start (workers/recovery.py), and its scheduler is a BeatScheduler."""

    def get_heartbeat_ttl(self, job, working_time: float = 0.0) -> int:
        """Nothing renews a job's heartbeat while it runs in this process, so it lasts the job's
        timeout (SIGALRM ends the job by then) plus the monitoring interval: a dead worker's job
        counts as abandoned, and is retried, that long after it started (RQ's forking Worker:
        interval + 60 s, the same for our 60 s jobs)."""
        return int(job.timeout or JOB_TIMEOUT) + int(self.job_monitoring_interval)

    def _start_scheduler(self, burst=False, logging_level=None, *args, **kwargs):
        self.scheduler = BeatScheduler(
            self.queues,
            connection=self.connection,
            logging_level=logging_level if logging_level is not None else self.log.level,
            serializer=self.serializer,
        )
        self.scheduler.acquire_locks()
        if not self.scheduler.acquired_locks:
            return
        if burst:
            try:
                self.scheduler.register_birth()
                self.scheduler.enqueue_scheduled_jobs()
            finally:
                self.scheduler.release_locks()
                self.scheduler.register_death()
        else:
            self.scheduler.start()

    def clean_registries(self):
        super().clean_registries()
        from workers.recovery import requeue_lost_jobs

        requeue_lost_jobs(
            self.connection,
            [q.name for q in self.queues],
            lock_seconds=int(self.maintenance_interval) - 1,
        )


def preload() -> None:
    """Import job modules and build the job context once, before the first job needs them."""
    for name in JOB_MODULES:
        importlib.import_module(name)
    from workers.context import current

    current()


def build_worker(
    settings: Settings, worker_class: type[Worker] = SecondRoundWorker, **options
) -> Worker:
    """RQ's worker on every queue; `options` are RQ Worker options (maintenance_interval,
    job_monitoring_interval), RQ's defaults when not given."""
    connection = connect(settings)
    return worker_class(
        [queue(name, connection) for name in ALL_QUEUES],
        connection=connection,
        serializer=JSONSerializer,
        **options,
    )


def run_worker(
    settings: Settings,
    *,
    burst: bool = False,
    worker_class: type[Worker] = SecondRoundWorker,
    maintenance_interval: int | None = None,
    job_monitoring_interval: int | None = None,
) -> bool:
    """`secondround worker`. A job whose worker died (machine lost, SIGKILL) is retried by the
    next registry cleanup after its heartbeat expires: RQ's cleanup runs every
    `maintenance_interval` seconds (RQ's default 600), and a heartbeat lasts the job's timeout
    (60 s) + `job_monitoring_interval` seconds (RQ's default 30). The same cleanup restarts the
    scheduler in a surviving worker when the one that held it died (its lock lapses after 61 s).
    RQ runs the cleanup only between two waits for a job, so with `maintenance_interval` the
    wait is shortened to match (through RQ's worker_ttl): an idle worker still does it on time."""
    keep_personal_data_out_of_logs()
    preload()
    options = {}
    if maintenance_interval is not None:
        options["maintenance_interval"] = maintenance_interval
        options["worker_ttl"] = min(DEFAULT_WORKER_TTL, maintenance_interval + DEQUEUE_MARGIN)
    if job_monitoring_interval is not None:
        options["job_monitoring_interval"] = job_monitoring_interval
    if not burst:  # a burst run drains the queues; a long-running worker keeps the daily sweep
        from workers.jobs.erasure import with_daily_sweep

        worker_class = with_daily_sweep(worker_class)
    worker = build_worker(settings, worker_class, **options)
    return worker.work(burst=burst, with_scheduler=True)
