"""`secondround worker`: every queue of the project, with RQ's scheduler, job modules preloaded."""

from __future__ import annotations

import importlib

from rq import Worker
from rq.serializers import JSONSerializer

from plugin.config import Settings
from plugin.logs import keep_personal_data_out_of_logs
from plugin.queues import ALL_QUEUES, queue
from plugin.services import connect

JOB_MODULES = (
    "workers.jobs.changes",
    "workers.jobs.briefs",
    "workers.jobs.notices",
    "workers.jobs.replies",
    "workers.jobs.followups",
    "workers.jobs.kits",
    "workers.jobs.nudges",
    "plugin.slack.render",
    "workers.jobs.teams_replies",
    "plugin.teams.render",
)


def preload() -> None:
    """Import job modules and build the job context once, so forked job processes inherit them."""
    for name in JOB_MODULES:
        importlib.import_module(name)
    from workers.context import current

    current()


def build_worker(settings: Settings, worker_class: type[Worker] = Worker) -> Worker:
    connection = connect(settings)
    return worker_class(
        [queue(name, connection) for name in ALL_QUEUES],
        connection=connection,
        serializer=JSONSerializer,
    )


def run_worker(
    settings: Settings, *, burst: bool = False, worker_class: type[Worker] = Worker
) -> bool:
    keep_personal_data_out_of_logs()
    preload()
    return build_worker(settings, worker_class).work(burst=burst, with_scheduler=True)
