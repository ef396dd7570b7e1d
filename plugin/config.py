"""One configuration object, read from the environment once, failing loudly on bad settings."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlparse

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_BOT_OPENID_METADATA_URL = (
    "https://login.botframework.com/v1/.well-known/openidconfiguration"
)
DEFAULT_MICROSOFT_LOGIN_URL = "https://login.microsoftonline.com"
DEFAULT_CANDIDATE_NUDGES = "3d,1d,2h"
DEFAULT_RETENTION_DAYS = 180
MAX_RETENTION_DAYS = 3650
# A Slack user group's ID (S…) or its handle, with or without the @.
USER_GROUP_ID = re.compile(r"^S[A-Z0-9]{2,}$")
USER_GROUP_HANDLE = re.compile(r"^@?[a-z0-9][a-z0-9._-]{0,79}$")
MIN_SECRET_KEY_LENGTH = 16
NUDGE_OFFSET = re.compile(r"^(\d{1,4})([dhm])$")
NUDGE_UNITS = {"d": "days", "h": "hours", "m": "minutes"}
GUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


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
    questions_per_competency: int = 3
    microsoft_app_id: str = ""
    microsoft_app_password: str = field(default="", repr=False)
    microsoft_app_tenant_id: str = ""
    teams_allowed_tenants: tuple[str, ...] = ()
    bot_openid_metadata_url: str = DEFAULT_BOT_OPENID_METADATA_URL
    microsoft_login_url: str = DEFAULT_MICROSOFT_LOGIN_URL
    public_url: str = ""
    secret_key: str = field(default="", repr=False)
    candidate_nudges: str = DEFAULT_CANDIDATE_NUDGES
    retention_days: int = DEFAULT_RETENTION_DAYS
    handoff_user_group: str = ""
    encryption_keys: tuple[str, ...] = field(default=(), repr=False)
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        settings = cls(
            redis_url=env.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            encryption_keys=encryption_keys(env),
            slack_bot_token=env.get("SLACK_BOT_TOKEN", ""),
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET", ""),
            slack_app_token=env.get("SLACK_APP_TOKEN", ""),
            slack_api_url=env.get("SLACK_API_URL", DEFAULT_SLACK_API_URL) or DEFAULT_SLACK_API_URL,
            smtp_url=env.get("SMTP_URL", ""),
            mail_from=env.get("MAIL_FROM", ""),
            question_bank_dir=env.get("QUESTION_BANK_DIR", ""),
            questions_per_competency=questions_per_competency(env),
            microsoft_app_id=env.get("MICROSOFT_APP_ID", "").strip(),
            microsoft_app_password=env.get("MICROSOFT_APP_PASSWORD", ""),
            microsoft_app_tenant_id=env.get("MICROSOFT_APP_TENANT_ID", "").strip(),
            teams_allowed_tenants=tuple(
                t for t in re.split(r"[\s,]+", env.get("TEAMS_ALLOWED_TENANTS", "")) if t
            ),
            bot_openid_metadata_url=env.get("BOT_OPENID_METADATA_URL", "")
            or DEFAULT_BOT_OPENID_METADATA_URL,
            microsoft_login_url=env.get("MICROSOFT_LOGIN_URL", "") or DEFAULT_MICROSOFT_LOGIN_URL,
            public_url=env.get("PUBLIC_URL", "").strip(),
            secret_key=env.get("SECRET_KEY", ""),
            candidate_nudges=env.get("CANDIDATE_NUDGES", "").strip() or DEFAULT_CANDIDATE_NUDGES,
            retention_days=retention_days(env),
            handoff_user_group=handoff_user_group(env),
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
        self.check_teams_formats()
        check_candidate_settings(self)

    def check_teams_formats(self) -> None:
        """Reject Teams settings that are present but malformed."""
        if self.microsoft_app_id and not GUID.match(self.microsoft_app_id):
            raise ConfigError("MICROSOFT_APP_ID must be the bot's app ID, a GUID")
        if self.microsoft_app_tenant_id and not GUID.match(self.microsoft_app_tenant_id):
            raise ConfigError("MICROSOFT_APP_TENANT_ID must be a tenant ID, a GUID")
        bad = [t for t in self.teams_allowed_tenants if not GUID.match(t)]
        if bad:
            raise ConfigError(
                f"TEAMS_ALLOWED_TENANTS must be tenant IDs (GUIDs, comma-separated), got {bad[0]!r}"
            )
        metadata = urlparse(self.bot_openid_metadata_url)
        local = metadata.scheme == "http" and metadata.hostname in LOOPBACK_HOSTS
        if not (metadata.scheme == "https" or local) or not metadata.netloc:
            raise ConfigError(
                "BOT_OPENID_METADATA_URL must be an https URL (http only on localhost), "
                f"got {self.bot_openid_metadata_url!r}"
            )
        login = urlparse(self.microsoft_login_url)
        if login.scheme != "https" or not login.netloc or login.path.strip("/"):
            raise ConfigError(
                "MICROSOFT_LOGIN_URL must be an https URL without a path, such as "
                f"{DEFAULT_MICROSOFT_LOGIN_URL}, got {self.microsoft_login_url!r}"
            )

    @property
    def teams_enabled(self) -> bool:
        return bool(self.microsoft_app_id)

    @property
    def allowed_tenants(self) -> frozenset[str]:
        """The tenants whose activities are accepted; never empty for a configured bot."""
        tenants = self.teams_allowed_tenants or (self.microsoft_app_tenant_id,)
        return frozenset(t.lower() for t in tenants if t)

    def require_teams(self) -> None:
        """Fail clearly when the Teams settings the bot needs are missing."""
        missing = [
            name
            for name, value in (
                ("MICROSOFT_APP_ID", self.microsoft_app_id),
                ("MICROSOFT_APP_PASSWORD", self.microsoft_app_password),
                (
                    "TEAMS_ALLOWED_TENANTS or MICROSOFT_APP_TENANT_ID",
                    self.teams_allowed_tenants or self.microsoft_app_tenant_id,
                ),
            )
            if not value
        ]
        if missing:
            raise ConfigError(
                "missing Teams settings: "
                + ", ".join(missing)
                + " (see .env.example; the values are on your Azure Bot resource's Configuration "
                "page and in Microsoft Entra ID)"
            )

    @property
    def slack_api_base(self) -> str:
        """The Web API base URL with the trailing slash slack_sdk expects."""
        return self.slack_api_url if self.slack_api_url.endswith("/") else self.slack_api_url + "/"

    def require_encryption(self) -> None:
        """The web app and the workers store screening notes: they need ENCRYPTION_KEYS."""
        if not self.encryption_keys:
            raise ConfigError(
                "missing ENCRYPTION_KEYS: screening notes and feedback are encrypted at rest. "
                'Make a key with: python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())"'
            )

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


def questions_per_competency(env: Mapping[str, str]) -> int:
    """QUESTIONS_PER_COMPETENCY: how many questions each competency gets in a kit (1-10)."""
    raw = env.get("QUESTIONS_PER_COMPETENCY", "").strip() or "3"
    if not raw.isdigit() or not 1 <= int(raw) <= 10:
        raise ConfigError(
            f"QUESTIONS_PER_COMPETENCY must be a whole number from 1 to 10, got {raw!r}"
        )
    return int(raw)


def retention_days(env: Mapping[str, str]) -> int:
    """RETENTION_DAYS: how many days after it closes a hand-off is deleted (1-3650, default 180)."""
    raw = env.get("RETENTION_DAYS", "").strip() or str(DEFAULT_RETENTION_DAYS)
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_RETENTION_DAYS:
        raise ConfigError(
            f"RETENTION_DAYS must be a whole number of days from 1 to {MAX_RETENTION_DAYS} "
            f"(default {DEFAULT_RETENTION_DAYS}), got {raw!r}"
        )
    return int(raw)


def handoff_user_group(env: Mapping[str, str]) -> str:
    """HANDOFF_USER_GROUP: the Slack user group (ID S… or handle) whose members may hand off."""
    raw = env.get("HANDOFF_USER_GROUP", "").strip()
    if raw and not (USER_GROUP_ID.match(raw) or USER_GROUP_HANDLE.match(raw)):
        raise ConfigError(
            "HANDOFF_USER_GROUP must be a Slack user group's handle (such as recruiters or "
            f"@recruiters) or its ID (such as S0123ABCD), got {raw!r}"
        )
    return raw


def check_candidate_settings(settings: Settings) -> None:
    """PUBLIC_URL, SECRET_KEY and CANDIDATE_NUDGES: candidate emails' opt-out links and timing."""
    if settings.public_url:
        url = urlparse(settings.public_url)
        if url.scheme not in ("http", "https") or not url.netloc or url.query or url.fragment:
            raise ConfigError(
                "PUBLIC_URL must be the app's public base URL, such as https://secondround.example.com, "
                f"got {settings.public_url!r}"
            )
        if not settings.secret_key:
            raise ConfigError(
                "PUBLIC_URL is set but SECRET_KEY is missing: candidates' opt-out links are signed "
                "with it (any long random string, e.g. `python -c 'import secrets; "
                "print(secrets.token_urlsafe(32))'`)"
            )
    if settings.secret_key and len(settings.secret_key) < MIN_SECRET_KEY_LENGTH:
        raise ConfigError(f"SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters long")
    nudge_offsets(settings.candidate_nudges)


def nudge_offsets(text: str) -> tuple[timedelta, ...]:
    """CANDIDATE_NUDGES such as "3d,1d,2h" (days, hours or minutes before); "none" for none."""
    if text.strip().lower() == "none":
        return ()
    offsets = []
    for part in (p.strip().lower() for p in text.split(",")):
        match = NUDGE_OFFSET.match(part)
        if not match or int(match.group(1)) <= 0:
            raise ConfigError(
                "CANDIDATE_NUDGES must be offsets before the interview such as 3d,1d,2h "
                f"(d days, h hours, m minutes) or none, got {text!r}"
            )
        number, unit = int(match.group(1)), match.group(2)
        offsets.append(timedelta(**{NUDGE_UNITS[unit]: number}))
    if len(set(offsets)) != len(offsets):
        raise ConfigError(f"CANDIDATE_NUDGES must not repeat an offset, got {text!r}")
    return tuple(offsets)


def encryption_keys(env: Mapping[str, str]) -> tuple[str, ...]:
    from plugin.crypto import parse_keys

    try:
        return tuple(parse_keys(env.get("ENCRYPTION_KEYS", "")))
    except ValueError as error:
        raise ConfigError(str(error)) from None
