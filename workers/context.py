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
from workers.pacing import Pacer


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
        if platform == "teams" and platform not in self.directories:
            from plugin.teams.people import TeamsDirectory
            from plugin.teams.references import References

            self.directories[platform] = TeamsDirectory(References(self.services.redis))
        if platform in self.directories:
            return self.directories[platform]
        raise LookupError(f"no people directory for platform {platform!r}")

    def messenger(self, channel: str) -> Messenger:
        if channel not in self.messengers:
            if channel == "email":
                self.messengers[channel] = email_messenger(self.services.settings)
                return self.messengers[channel]
            if channel == "teams":
                from workers.messengers.teams import TeamsMessenger

                self.messengers[channel] = TeamsMessenger.for_services(self.services)
                return self.messengers[channel]
            if channel != "slack":
                raise LookupError(f"no messenger for channel {channel!r}")
            self.messengers[channel] = SlackMessenger(self.slack, Pacer(self.services.redis))
        return self.messengers[channel]


EMAIL_NOT_SET_UP = (
    "email to candidates is not set up: ask the admin to set SMTP_URL "
    "(smtp://host:port or smtps://user:password@host:port) and MAIL_FROM"
)


def email_messenger(settings: Settings) -> Messenger:
    """The SMTP messenger; missing or unusable settings are a permanent, reportable failure."""
    from workers.messengers.base import PermanentDeliveryError
    from workers.messengers.email import EmailMessenger

    if not settings.smtp_url or not settings.mail_from:
        raise PermanentDeliveryError(EMAIL_NOT_SET_UP)
    try:
        return EmailMessenger(settings.smtp_url, settings.mail_from)
    except ValueError as error:
        raise PermanentDeliveryError(f"{error} ({EMAIL_NOT_SET_UP})") from None


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
