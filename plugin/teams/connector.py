"""Outbound Bot Connector calls: a token from msal, then conversations and activities over HTTPS.

Calls go only to service URLs seen on a validated inbound activity (kept in Redis). msal's token
cache is shared through Redis, so forked job processes reuse a token until shortly before it
expires (msal treats a token within five minutes of expiry as expired).
"""

from __future__ import annotations

import json
import logging
import re
import threading
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import quote

import msal
import redis
import requests

from plugin.config import DEFAULT_MICROSOFT_LOGIN_URL, Settings
from plugin.store import PREFIX
from plugin.teams.references import is_trusted
from workers.messengers.base import PermanentDeliveryError, TransientDeliveryError

log = logging.getLogger(__name__)

SCOPE = "https://api.botframework.com/.default"
DEFAULT_AUTHORITY_TENANT = "botframework.com"
TOKEN_CACHE_TTL = 3600
TIMEOUT = (3.05, 15)
ROSTER_PAGE_SIZE = 500
CODE_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_.]{0,63}$")
CREDENTIAL_ERRORS = ("invalid_client", "unauthorized_client", "invalid_grant")

UNTRUSTED_SERVICE_URL = "Teams never sent us this service URL, so nothing was sent there"
CREDENTIALS_REFUSED = (
    "Microsoft sign-in refused the bot's credentials "
    "(check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID)"
)
SIGN_IN_UNAVAILABLE = "Microsoft sign-in could not be reached ({detail})"
SIGN_IN_FAILED = "Microsoft sign-in failed ({detail})"
RATE_LIMITED = "rate limited by Teams"
SERVER_ERROR = "Teams answered HTTP {status}"
NO_ANSWER = "Teams did not answer in time"
UNREACHABLE = "Teams could not be reached ({detail})"
UNAUTHORIZED = "Teams refused the bot's token (check MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD)"
FORBIDDEN = "Teams didn't let the bot post there: the app was removed or blocked"
NOT_FOUND = "the conversation or message no longer exists in Teams"
REJECTED = "Teams rejected the message (HTTP {status}{code})"


class ConnectorRefused(PermanentDeliveryError):
    """The Bot Connector answered with a client error; `status` and `code` say which."""

    def __init__(self, reason: str, status: int, code: str = ""):
        super().__init__(reason)
        self.status = status
        self.code = code


class BotTokens:
    """The bot's outbound token from msal: one app per process, its cache shared in Redis."""

    def __init__(self, settings: Settings, connection: redis.Redis):
        self.settings = settings
        self.redis = connection
        self.cache = msal.SerializableTokenCache()
        self.cache_key = f"{PREFIX}:teams:token-cache:{settings.microsoft_app_id}"
        self._app: msal.ConfidentialClientApplication | None = None
        self._lock = threading.Lock()

    @property
    def authority(self) -> str:
        tenant = self.settings.microsoft_app_tenant_id or DEFAULT_AUTHORITY_TENANT
        return f"{self.settings.microsoft_login_url.rstrip('/')}/{tenant}"

    def app(self) -> msal.ConfidentialClientApplication:
        """The msal app, built once (building it fetches the authority's metadata)."""
        if self._app is None:
            known = self.settings.microsoft_login_url.rstrip("/") == DEFAULT_MICROSOFT_LOGIN_URL
            try:
                self._app = msal.ConfidentialClientApplication(
                    self.settings.microsoft_app_id,
                    client_credential=self.settings.microsoft_app_password,
                    authority=self.authority,
                    token_cache=self.cache,
                    instance_discovery=None if known else False,
                )
            except requests.RequestException as error:
                raise TransientDeliveryError(
                    SIGN_IN_UNAVAILABLE.format(detail=type(error).__name__)
                ) from None
            except ValueError:
                raise PermanentDeliveryError(
                    SIGN_IN_FAILED.format(detail="unknown tenant or login URL")
                ) from None
        return self._app

    def token(self) -> str:
        with self._lock:
            shared = self.redis.get(self.cache_key)
            if shared:
                self.cache.deserialize(shared.decode())
            try:
                result = self.app().acquire_token_for_client([SCOPE])
            except requests.RequestException as error:
                raise TransientDeliveryError(
                    SIGN_IN_UNAVAILABLE.format(detail=type(error).__name__)
                ) from None
            if self.cache.has_state_changed:
                self.redis.set(self.cache_key, self.cache.serialize(), ex=TOKEN_CACHE_TTL)
                self.cache.has_state_changed = False
        token = (result or {}).get("access_token")
        if token:
            return token
        error = str((result or {}).get("error") or "no token")
        if error in CREDENTIAL_ERRORS:
            raise PermanentDeliveryError(CREDENTIALS_REFUSED)
        raise TransientDeliveryError(SIGN_IN_FAILED.format(detail=_safe_code(error) or "no token"))


def _safe_code(value) -> str:
    return value if isinstance(value, str) and CODE_PATTERN.match(value) else ""


def _retry_after(response: requests.Response) -> float:
    raw = response.headers.get("Retry-After", "")
    try:
        return max(1.0, float(raw))
    except ValueError:
        pass
    try:
        return max(1.0, (parsedate_to_datetime(raw) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return 1.0


def classify(response: requests.Response) -> Exception:
    """A failed Bot Connector answer as a permanent or transient delivery error."""
    status = response.status_code
    if status == 429:
        return TransientDeliveryError(RATE_LIMITED, _retry_after(response))
    if status >= 500:
        return TransientDeliveryError(SERVER_ERROR.format(status=status))
    try:
        body = response.json()
    except ValueError:
        body = {}
    code = _safe_code(
        ((body or {}).get("error") or {}).get("code") if isinstance(body, dict) else ""
    )
    if status == 401:
        return ConnectorRefused(UNAUTHORIZED, status, code)
    if status == 403:
        return ConnectorRefused(FORBIDDEN, status, code)
    if status == 404:
        return ConnectorRefused(NOT_FOUND, status, code)
    return ConnectorRefused(
        REJECTED.format(status=status, code=f" {code}" if code else ""), status, code
    )


class Connector:
    """The few Bot Connector REST calls the product makes."""

    def __init__(
        self,
        settings: Settings,
        connection: redis.Redis,
        *,
        tokens: BotTokens | None = None,
        session: requests.Session | None = None,
    ):
        self.settings = settings
        self.redis = connection
        self.tokens = tokens or BotTokens(settings, connection)
        self.session = session or requests.Session()

    @property
    def bot_id(self) -> str:
        return f"28:{self.settings.microsoft_app_id}"

    def create_conversation(self, service_url: str, tenant_id: str, user_id: str) -> str:
        """The 1:1 conversation between the bot and a user (Teams returns the existing one)."""
        body = {
            "bot": {"id": self.bot_id},
            "members": [{"id": user_id}],
            "isGroup": False,
            "tenantId": tenant_id,
            "channelData": {"tenant": {"id": tenant_id}},
        }
        return str(self._call("POST", service_url, "/v3/conversations", body=body)["id"])

    def send(
        self, service_url: str, conversation_id: str, activity: dict, *, reply_to: str = ""
    ) -> str:
        """Post an activity (as a reply to `reply_to` when given); the new activity's ID."""
        path = f"/v3/conversations/{quote(conversation_id, safe='')}/activities"
        if reply_to:
            path += f"/{quote(reply_to, safe='')}"
            activity = {**activity, "replyToId": reply_to}
        answer = self._call("POST", service_url, path, body=activity)
        return str(answer.get("id") or "")

    def update(
        self, service_url: str, conversation_id: str, activity_id: str, activity: dict
    ) -> None:
        path = (
            f"/v3/conversations/{quote(conversation_id, safe='')}"
            f"/activities/{quote(activity_id, safe='')}"
        )
        self._call("PUT", service_url, path, body={**activity, "id": activity_id})

    def members(self, service_url: str, conversation_id: str, limit: int = 1000) -> list[dict]:
        """A team's or chat's members, page by page, up to `limit`."""
        path = f"/v3/conversations/{quote(conversation_id, safe='')}/pagedmembers"
        found: list[dict] = []
        token = ""
        while len(found) < limit:
            params = {"pageSize": str(ROSTER_PAGE_SIZE)}
            if token:
                params["continuationToken"] = token
            page = self._call("GET", service_url, path, params=params)
            found += [m for m in page.get("members") or [] if isinstance(m, dict)]
            token = page.get("continuationToken") or ""
            if not token:
                break
        return found[:limit]

    def member(self, service_url: str, conversation_id: str, user_id: str) -> dict | None:
        path = (
            f"/v3/conversations/{quote(conversation_id, safe='')}/members/{quote(user_id, safe='')}"
        )
        try:
            return self._call("GET", service_url, path)
        except ConnectorRefused as error:
            if error.status == 404:
                return None
            raise

    def _call(
        self,
        method: str,
        service_url: str,
        path: str,
        *,
        body: dict | None = None,
        params: dict | None = None,
    ) -> dict:
        """One call, its JSON compact (Teams caps a message near 28 KB)."""
        if not is_trusted(self.redis, service_url):
            raise PermanentDeliveryError(UNTRUSTED_SERVICE_URL)
        headers = {"Authorization": f"Bearer {self.tokens.token()}"}
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
            data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
        url = service_url.rstrip("/") + path
        try:
            response = self.session.request(
                method, url, headers=headers, params=params, data=data, timeout=TIMEOUT
            )
        except requests.Timeout:
            raise TransientDeliveryError(NO_ANSWER) from None
        except requests.RequestException as error:
            raise TransientDeliveryError(UNREACHABLE.format(detail=type(error).__name__)) from None
        if response.status_code >= 400:
            raise classify(response)
        if not response.content:
            return {}
        try:
            answer = response.json()
        except ValueError:
            return {}
        return answer if isinstance(answer, dict) else {}
