"""What a job needs, built once per worker process from the environment (or set by tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from slack_sdk import WebClient

from plugin.config import Settings
from plugin.services import Services, connect
from plugin.slack.people import SlackDirectory
from workers.messengers.base import Messenger
from workers.messengers.slack import SlackMessenger


@dataclass
class WorkerContext:
    services: Services
    messengers: dict[str, Messenger] = field(default_factory=dict)
    directories: dict[str, object] = field(default_factory=dict)

    @cached_property
    def slack(self) -> WebClient:
        settings = self.services.settings
        return WebClient(
            token=settings.slack_bot_token, base_url=settings.slack_api_base, timeout=10
        )

    @cached_property
    def directory(self) -> SlackDirectory:
        return SlackDirectory(self.slack, self.services.person_cache)

    def directory_for(self, platform: str):
        """The people directory of a platform: Slack's users.info, or Teams' stored references."""
        if platform == "slack":
            return self.directory
        if platform in self.directories:
            return self.directories[platform]
        raise LookupError(f"no people directory for platform {platform!r}")

    def messenger(self, channel: str) -> Messenger:
        if channel not in self.messengers:
            if channel != "slack":
                raise LookupError(f"no messenger for channel {channel!r}")
            self.messengers[channel] = SlackMessenger(self.slack)
        return self.messengers[channel]


_current: WorkerContext | None = None


def current() -> WorkerContext:
    global _current
    if _current is None:
        settings = Settings.from_env()
        _current = WorkerContext(Services(settings, connect(settings)))
    return _current


def use(context: WorkerContext | None) -> None:
    """Replace the context (tests, the demo); None rebuilds it from the environment next time."""
    global _current
    _current = context
