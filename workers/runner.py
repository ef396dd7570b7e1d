"""`secondround worker`: every queue of the project, with RQ's scheduler, job modules preloaded."""

from __future__ import annotations

import importlib

from rq import Worker
from rq.defaults import DEFAULT_WORKER_TTL
from rq.serializers import JSONSerializer

from plugin.config import Settings
from plugin.logs import keep_personal_data_out_of_logs
from plugin.queues import ALL_QUEUES, queue
from plugin.services import connect

DEQUEUE_MARGIN = 15  # RQ waits worker_ttl - 15 seconds for a job
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


class SecondRoundWorker(Worker):
    """RQ's forking Worker; its registry cleanup also puts back jobs lost between a pop and a
    start (workers/recovery.py)."""

    def clean_registries(self):
        super().clean_registries()
        from workers.recovery import requeue_lost_jobs

        requeue_lost_jobs(
            self.connection,
            [q.name for q in self.queues],
            lock_seconds=int(self.maintenance_interval) - 1,
        )


def preload() -> None:
    """Import job modules and build the job context once, so forked job processes inherit them."""
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
    `maintenance_interval` seconds (RQ's default 600), and a heartbeat lasts
    `job_monitoring_interval` + 60 seconds (RQ's default 30). The same cleanup restarts the
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
