"""The `secondround` command: web, worker, socket, manifest, demo and the question bank lint."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from plugin.config import ConfigError, Settings

EXIT_USAGE = 2


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
    run_worker(settings, burst=args.burst)
    return 0


def cmd_socket(args) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from plugin.services import Services, connect
    from plugin.slack.app import create_bolt_app

    settings = Settings.from_env()
    settings.require_slack(socket_mode=True)
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


def cmd_demo(args) -> int:
    from plugin.devtools.demo import run_demo

    return run_demo()


def cmd_questions_lint(args) -> int:
    from plugin.domain.question_lint import run_lint

    return run_lint(args.directory)


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
    worker.set_defaults(run=cmd_worker)

    socket = commands.add_parser(
        "socket", help="run the Bolt app over Socket Mode (SLACK_APP_TOKEN)"
    )
    socket.set_defaults(run=cmd_socket)

    manifest = commands.add_parser("manifest", help="print the Slack app manifest for a public URL")
    manifest.add_argument("--url", required=True, help="the app's public https URL")
    manifest.set_defaults(run=cmd_manifest)

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
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
