"""One configuration object, read from the environment once, failing loudly on bad settings."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlparse

DEFAULT_SLACK_API_URL = "https://slack.com/api/"


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names it and says what is expected."""


@dataclass(frozen=True)
class Settings:
    redis_url: str
    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_api_url: str = DEFAULT_SLACK_API_URL
    smtp_url: str = ""
    mail_from: str = ""
    question_bank_dir: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        settings = cls(
            redis_url=env.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            slack_bot_token=env.get("SLACK_BOT_TOKEN", ""),
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET", ""),
            slack_app_token=env.get("SLACK_APP_TOKEN", ""),
            slack_api_url=env.get("SLACK_API_URL", DEFAULT_SLACK_API_URL) or DEFAULT_SLACK_API_URL,
            smtp_url=env.get("SMTP_URL", ""),
            mail_from=env.get("MAIL_FROM", ""),
            question_bank_dir=env.get("QUESTION_BANK_DIR", ""),
        )
        settings.check_formats()
        return settings

    def check_formats(self) -> None:
        """Reject settings that are present but malformed."""
        if urlparse(self.redis_url).scheme not in ("redis", "rediss", "unix"):
            raise ConfigError(
                f"REDIS_URL must start with redis://, rediss:// or unix://, got {self.redis_url!r}"
            )
        api = urlparse(self.slack_api_url)
        if api.scheme not in ("http", "https") or not api.netloc:
            raise ConfigError(
                "SLACK_API_URL must be an http(s) URL such as https://slack.com/api/, "
                f"got {self.slack_api_url!r}"
            )
        if self.slack_bot_token and not self.slack_bot_token.startswith("xoxb-"):
            raise ConfigError("SLACK_BOT_TOKEN must be a bot token starting with xoxb-")
        if self.slack_app_token and not self.slack_app_token.startswith("xapp-"):
            raise ConfigError("SLACK_APP_TOKEN must be an app-level token starting with xapp-")
        if self.smtp_url and urlparse(self.smtp_url).scheme not in ("smtp", "smtps"):
            raise ConfigError("SMTP_URL must look like smtp://host:port or smtps://user:pass@host")

    @property
    def slack_api_base(self) -> str:
        """The Web API base URL with the trailing slash slack_sdk expects."""
        return self.slack_api_url if self.slack_api_url.endswith("/") else self.slack_api_url + "/"

    def require_slack(self, *, socket_mode: bool = False) -> None:
        """Fail clearly when the Slack settings a command needs are missing."""
        missing = [
            name
            for name, value in (
                ("SLACK_BOT_TOKEN", self.slack_bot_token),
                ("SLACK_SIGNING_SECRET", self.slack_signing_secret),
                ("SLACK_APP_TOKEN", self.slack_app_token if socket_mode else "x"),
            )
            if not value
        ]
        if missing:
            raise ConfigError(
                "missing Slack settings: "
                + ", ".join(missing)
                + " (see .env.example; the values are on your app's Basic Information "
                "and OAuth & Permissions pages)"
            )
