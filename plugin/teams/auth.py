"""Inbound Bot Framework tokens: every check, none of them optional."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlparse

import jwt
import requests

from plugin.config import LOOPBACK_HOSTS, Settings

log = logging.getLogger(__name__)

ISSUER = "https://api.botframework.com"
ALGORITHM = "RS256"
LEEWAY_SECONDS = 300
KEYS_TTL_SECONDS = 24 * 3600
FORCED_REFRESH_SECONDS = 60
FETCH_TIMEOUT = (3.05, 5)


class AuthError(Exception):
    """The request is not from the Bot Framework for this bot; `reason` names the failed check."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class KeysUnavailable(Exception):
    """The published signing keys could not be fetched, so nothing can be verified."""


@dataclass(frozen=True)
class Caller:
    """What a valid token and its activity establish."""

    tenant_id: str
    service_url: str
    channel_id: str


def _secure(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.netloc) and (
        parsed.scheme == "https" or (parsed.scheme == "http" and parsed.hostname in LOOPBACK_HOSTS)
    )


class KeySet:
    """The JWKS named by the OpenID metadata, cached for a day and refetched once on an unknown kid."""

    def __init__(
        self,
        metadata_url: str,
        *,
        ttl: float = KEYS_TTL_SECONDS,
        session: requests.Session | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.metadata_url = metadata_url
        self.ttl = ttl
        self.session = session or requests.Session()
        self.clock = clock
        self._keys: dict[str, dict] = {}
        self._fetched_at: float | None = None
        self._forced_at: float | None = None
        self._lock = threading.Lock()

    def key(self, kid: str) -> dict:
        """The JWK with this kid, or AuthError('unknown key')."""
        with self._lock:
            now = self.clock()
            if self._fetched_at is None or now - self._fetched_at >= self.ttl:
                self._refresh(now)
            elif kid not in self._keys and (
                self._forced_at is None or now - self._forced_at >= FORCED_REFRESH_SECONDS
            ):
                self._forced_at = now
                self._refresh(now)
            found = self._keys.get(kid)
        if found is None:
            raise AuthError("unknown signing key")
        return found

    def _refresh(self, now: float) -> None:
        try:
            metadata = self._get_json(self.metadata_url)
            jwks_uri = metadata.get("jwks_uri") if isinstance(metadata, dict) else None
            if not isinstance(jwks_uri, str) or not _secure(jwks_uri):
                raise ValueError("the OpenID metadata has no usable jwks_uri")
            jwks = self._get_json(jwks_uri)
            keys = jwks.get("keys") if isinstance(jwks, dict) else None
            if not isinstance(keys, list):
                raise ValueError("the key set has no keys")
        except (requests.RequestException, ValueError) as error:
            log.warning("could not fetch the Bot Framework signing keys: %s", type(error).__name__)
            if not self._keys:
                raise KeysUnavailable(str(error)) from None
            self._fetched_at = now - self.ttl + FORCED_REFRESH_SECONDS
            return
        self._keys = {
            k["kid"]: k for k in keys if isinstance(k, dict) and isinstance(k.get("kid"), str)
        }
        self._fetched_at = now

    def _get_json(self, url: str):
        response = self.session.get(url, timeout=FETCH_TIMEOUT)
        response.raise_for_status()
        return response.json()


def bearer_token(header: str | None) -> str:
    scheme, _, token = (header or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("missing bearer token")
    return token.strip()


def activity_tenant(activity: Mapping) -> str:
    """The tenant an activity comes from; AuthError when it names two different ones."""
    conversation = activity.get("conversation") or {}
    channel_data = activity.get("channelData") or {}
    tenant = channel_data.get("tenant") if isinstance(channel_data, dict) else None
    tenants = {
        str(t).lower()
        for t in (
            conversation.get("tenantId") if isinstance(conversation, dict) else None,
            tenant.get("id") if isinstance(tenant, dict) else None,
        )
        if t
    }
    if len(tenants) > 1:
        raise AuthError("tenant mismatch")
    return tenants.pop() if tenants else ""


def _same_url(a: str, b: str) -> bool:
    return a.rstrip("/").lower() == b.rstrip("/").lower()


class TokenValidator:
    """Checks an inbound request's token against the published keys, this bot and its activity."""

    def __init__(self, settings: Settings, keys: KeySet | None = None):
        self.app_id = settings.microsoft_app_id
        self.allowed_tenants = settings.allowed_tenants
        self.keys = keys or KeySet(settings.bot_openid_metadata_url)

    def validate(self, authorization: str | None, activity: Mapping) -> Caller:
        claims, jwk = self.claims(bearer_token(authorization))
        return self.check_activity(claims, jwk, activity)

    def claims(self, token: str) -> tuple[dict, dict]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise AuthError("malformed token") from None
        if header.get("alg") != ALGORITHM:
            raise AuthError("signing algorithm not allowed")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise AuthError("token names no signing key")
        jwk = self.keys.key(kid)
        try:
            key = jwt.PyJWK(jwk, algorithm=ALGORITHM).key
        except jwt.PyJWTError:
            raise AuthError("unusable signing key") from None
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=self.app_id,
                issuer=ISSUER,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.InvalidSignatureError:
            raise AuthError("bad signature") from None
        except jwt.ExpiredSignatureError:
            raise AuthError("token expired") from None
        except jwt.ImmatureSignatureError:
            raise AuthError("token not valid yet") from None
        except jwt.InvalidAudienceError:
            raise AuthError("wrong audience") from None
        except jwt.InvalidIssuerError:
            raise AuthError("wrong issuer") from None
        except jwt.MissingRequiredClaimError as error:
            raise AuthError(f"missing {error.claim} claim") from None
        except jwt.PyJWTError:
            raise AuthError("malformed token") from None
        return claims, jwk

    def check_activity(self, claims: Mapping, jwk: Mapping, activity: Mapping) -> Caller:
        service_url = activity.get("serviceUrl")
        claimed = claims.get("serviceurl")
        if not isinstance(service_url, str) or not service_url:
            raise AuthError("activity has no serviceUrl")
        if not isinstance(claimed, str) or not _same_url(claimed, service_url):
            raise AuthError("serviceurl claim does not match the activity")
        if not _secure(service_url):
            raise AuthError("serviceUrl is not https")
        channel_id = str(activity.get("channelId") or "")
        endorsements = jwk.get("endorsements")
        if endorsements is not None and channel_id not in endorsements:
            raise AuthError("signing key not endorsed for this channel")
        tenant = activity_tenant(activity)
        if not tenant or tenant not in self.allowed_tenants:
            raise AuthError("tenant not allowed")
        return Caller(tenant_id=tenant, service_url=service_url, channel_id=channel_id)
