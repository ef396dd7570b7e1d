"""The `secondround` command: web, worker, socket, manifest, demo and the question bank lint."""

from __future__ import annotations

import argparse
import json
import logging
import sys

import redis

from plugin.config import ConfigError, Settings

EXIT_USAGE = 2
EXIT_NOTHING = 1


def cmd_web(args) -> int:
    from gunicorn.app.base import BaseApplication

    from plugin.web import create_app

    app = create_app(Settings.from_env())

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{args.host}:{args.port}")
            self.cfg.set("workers", args.workers)
            self.cfg.set("accesslog", "-")

        def load(self):
            return app

    Server().run()
    return 0


def cmd_worker(args) -> int:
    from workers.runner import run_worker

    settings = Settings.from_env()
    settings.require_slack()
    settings.require_encryption()
    run_worker(
        settings,
        burst=args.burst,
        maintenance_interval=args.maintenance_interval,
        job_monitoring_interval=args.job_monitoring_interval,
    )
    return 0


def cmd_socket(args) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from plugin.services import Services, connect
    from plugin.slack.app import create_bolt_app

    settings = Settings.from_env()
    settings.require_slack(socket_mode=True)
    settings.require_encryption()
    bolt = create_bolt_app(Services(settings, connect(settings)))
    SocketModeHandler(bolt, settings.slack_app_token).start()
    return 0


def cmd_manifest(args) -> int:
    from plugin.manifest import ManifestError, slack_manifest

    try:
        manifest = slack_manifest(args.url)
    except ManifestError as error:
        print(f"secondround manifest: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps(manifest, indent=2))
    return 0


def cmd_teams_package(args) -> int:
    from plugin.teams.package import PackageError, write_package

    try:
        out = write_package(args.app_id, args.out)
    except PackageError as error:
        print(f"secondround teams-package: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {out}: upload it in Teams (Apps → Manage your apps → Upload an app)")
    return 0


def cmd_status(args) -> int:
    from plugin.operations import status_report
    from plugin.services import connect

    print(status_report(connect(Settings.from_env())))
    return 0


def cmd_retry(args) -> int:
    from plugin.operations import RetryError, retry_failed
    from plugin.services import connect

    if bool(args.job) == bool(args.all_failed):
        print("secondround retry: name one JOB or --all-failed", file=sys.stderr)
        return EXIT_USAGE
    try:
        requeued = retry_failed(connect(Settings.from_env()), None if args.all_failed else args.job)
    except RetryError as error:
        print(f"secondround retry: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"requeued {len(requeued)} job(s)" + "".join(f"\n  {j}" for j in requeued))
    return 0


def cmd_rotate_keys(args) -> int:
    from plugin.operations import rotate_keys
    from plugin.services import Services, connect

    settings = Settings.from_env()
    settings.require_encryption()
    services = Services(settings, connect(settings))
    counts = rotate_keys(services.redis)
    print(f"resealed {counts['hand-offs']} hand-off(s) and {counts['feedback']} feedback record(s)")
    return 0


def cmd_forget(args) -> int:
    from plugin import retention
    from plugin.services import connect

    if bool(args.email) == bool(args.user):
        print(
            "secondround forget: name the candidate by --email ADDRESS or --user ID",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.email and not retention.valid_email(args.email):
        print(
            f"secondround forget: {args.email!r} is not an email address such as jane@example.com",
            file=sys.stderr,
        )
        return EXIT_USAGE
    connection = connect(Settings.from_env())
    who = args.email.strip() if args.email else args.user.strip()
    ids = (
        retention.find_by_email(connection, who)
        if args.email
        else retention.find_by_user(connection, who)
    )
    if not ids:
        print(f"nothing removed: no hand-off names {who} (check the spelling)")
        return EXIT_NOTHING
    erased = retention.erase_handoffs(connection, ids, delete_messages=not args.keep_messages)
    print(retention.admin_report(erased, who))
    return 0


def cmd_sweep(args) -> int:
    from plugin import retention
    from plugin.services import connect

    settings = Settings.from_env()
    report = retention.sweep(connect(settings), retention_days=settings.retention_days)
    print("\n".join(report.lines(settings.retention_days)))
    return 0


def cmd_demo(args) -> int:
    from plugin.devtools.demo import run_demo

    return run_demo()


def cmd_questions_lint(args) -> int:
    from plugin.domain.question_lint import run_lint

    return run_lint(args.directory)


def seconds(text: str) -> int:
    """A whole number of seconds, at least 1 (a worker option)."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of seconds >= 1, got {text!r}")
    return int(text)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="secondround",
        description="Second Round: the recruiter's hand-off to the hiring manager, in Slack.",
    )
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    web = commands.add_parser(
        "web", help="serve the Flask app (Slack endpoint, health) under gunicorn"
    )
    web.add_argument("--host", default="127.0.0.1")
    web.add_argument("--port", type=int, default=3000)
    web.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    web.set_defaults(run=cmd_web)

    worker = commands.add_parser(
        "worker", help="run the RQ worker on every queue, with the scheduler"
    )
    worker.add_argument("--burst", action="store_true", help="stop when the queues are empty")
    worker.add_argument(
        "--maintenance-interval",
        type=seconds,
        metavar="SECONDS",
        help="how often registries are cleaned: jobs left by a dead worker are retried and a dead "
        "worker's scheduler is taken over (default RQ's 600)",
    )
    worker.add_argument(
        "--job-monitoring-interval",
        type=seconds,
        metavar="SECONDS",
        help="a dead worker's job counts as abandoned (and is retried) the job's timeout (60 s) "
        "+ this many seconds after it started (default RQ's 30)",
    )
    worker.set_defaults(run=cmd_worker)

    socket = commands.add_parser(
        "socket", help="run the Bolt app over Socket Mode (SLACK_APP_TOKEN)"
    )
    socket.set_defaults(run=cmd_socket)

    manifest = commands.add_parser("manifest", help="print the Slack app manifest for a public URL")
    manifest.add_argument("--url", required=True, help="the app's public https URL")
    manifest.set_defaults(run=cmd_manifest)

    teams = commands.add_parser(
        "teams-package", help="write the Teams app package (manifest and icons) to upload"
    )
    teams.add_argument("--app-id", required=True, help="the bot's Microsoft App ID (a GUID)")
    teams.add_argument("--out", default="secondround-teams.zip", help="the zip to write")
    teams.set_defaults(run=cmd_teams_package)

    status = commands.add_parser("status", help="queues, scheduled jobs, workers, failed jobs")
    status.set_defaults(run=cmd_status)

    retry = commands.add_parser("retry", help="re-run a failed job, or all of them")
    retry.add_argument("job", nargs="?", help="the failed job's ID (see `secondround status`)")
    retry.add_argument("--all-failed", action="store_true", help="re-run every failed job")
    retry.set_defaults(run=cmd_retry)

    rotate = commands.add_parser(
        "rotate-keys",
        help="re-encrypt stored notes and feedback with the first ENCRYPTION_KEYS key",
    )
    rotate.set_defaults(run=cmd_rotate_keys)

    forget = commands.add_parser(
        "forget", help="erase a candidate on request: every hand-off naming them, and its messages"
    )
    forget.add_argument("--email", help="the candidate's email address")
    forget.add_argument("--user", help="or the candidate's Slack user ID or Teams (AAD) object ID")
    forget.add_argument(
        "--keep-messages",
        action="store_true",
        help="leave the Slack and Teams messages already posted (default: the worker deletes them)",
    )
    forget.set_defaults(run=cmd_forget)

    sweep = commands.add_parser(
        "sweep",
        help="delete hand-offs closed more than RETENTION_DAYS ago, now (the worker does it daily)",
    )
    sweep.set_defaults(run=cmd_sweep)

    demo = commands.add_parser("demo", help="run a whole hand-off against a local Slack stand-in")
    demo.set_defaults(run=cmd_demo)

    questions = commands.add_parser("questions", help="the behavioral-question bank")
    question_commands = questions.add_subparsers(dest="questions_command", required=True)
    lint = question_commands.add_parser("lint", help="check a question bank directory")
    lint.add_argument("directory", nargs="?", default=None, help="a team's bank (default: shipped)")
    lint.set_defaults(run=cmd_questions_lint)
    return root


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except ConfigError as error:
        print(f"secondround {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except redis.RedisError as error:
        print(
            f"secondround {args.command}: can't reach Redis ({type(error).__name__})",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
