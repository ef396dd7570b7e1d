"""Conversation references in Redis: who the bot can reach in Teams, where, and in which zone.

Saved from every validated activity (and from rosters), so the workers can message people
proactively: a user's Teams ID, tenant and service URL, their 1:1 conversation with the bot once
one exists, and the time zone their Teams client reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import redis

from plugin.store import PREFIX

TEAMS = f"{PREFIX}:teams"
TRUSTED_KEY = f"{TEAMS}:service-urls"
PERSONAL = "personal"
CHANNEL = "channel"
GROUP_CHAT = "groupChat"
GUEST_ROLE = "guest"


def user_key(aad_object_id: str) -> str:
    return f"{TEAMS}:user:{aad_object_id.lower()}"


def conversation_key(conversation_id: str) -> str:
    return f"{TEAMS}:conversation:{conversation_id}"


def rosters_key(tenant_id: str) -> str:
    return f"{TEAMS}:rosters:{tenant_id.lower()}"


def tenant_users_key(tenant_id: str) -> str:
    return f"{TEAMS}:tenant-users:{tenant_id.lower()}"


def roster_key(conversation_id: str) -> str:
    return f"{TEAMS}:roster:{conversation_id}"


def normalise_url(service_url: str) -> str:
    return service_url.strip().rstrip("/").lower()


def is_trusted(connection: redis.Redis, service_url: str) -> bool:
    """Whether this service URL came on a validated activity: the only ones the bot calls."""
    return bool(service_url) and bool(connection.sismember(TRUSTED_KEY, normalise_url(service_url)))


def valid_zone(name) -> str:
    """The IANA zone name when it is one, else ''."""
    if not isinstance(name, str) or not name or len(name) > 64:
        return ""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ""
    return name


def activity_zone(activity: Mapping) -> str:
    """The sender's time zone as their Teams client reports it, or ''."""
    found = valid_zone(activity.get("localTimezone"))
    if found:
        return found
    entities = activity.get("entities")
    for entity in entities if isinstance(entities, list) else []:
        if isinstance(entity, dict) and entity.get("type") == "clientInfo":
            found = valid_zone(entity.get("timezone"))
            if found:
                return found
    return ""


@dataclass(frozen=True)
class Reference:
    """One Teams user as the bot knows them; `id` is their Teams user ID (29:…)."""

    aad_object_id: str
    id: str = ""
    name: str = ""
    tenant_id: str = ""
    service_url: str = ""
    personal_conversation_id: str = ""
    tz: str = ""
    email: str = ""
    role: str = ""

    @property
    def is_guest(self) -> bool:
        return self.role == GUEST_ROLE


@dataclass(frozen=True)
class Conversation:
    """A conversation the bot has been in, and the service URL that reaches it."""

    id: str
    service_url: str
    kind: str = ""
    tenant_id: str = ""
    team_id: str = ""

    @property
    def roster_id(self) -> str:
        """Where this conversation's members are listed: the team for a channel."""
        return self.team_id if self.kind == CHANNEL and self.team_id else self.id


def conversation_of(activity: Mapping, tenant_id: str) -> Conversation | None:
    conversation = activity.get("conversation") or {}
    if not isinstance(conversation, dict) or not conversation.get("id"):
        return None
    channel_data = activity.get("channelData")
    team = channel_data.get("team") if isinstance(channel_data, dict) else None
    team = (team.get("id") if isinstance(team, dict) else None) or ""
    kind = conversation.get("conversationType") or (
        GROUP_CHAT if conversation.get("isGroup") else PERSONAL
    )
    return Conversation(
        id=str(conversation["id"]),
        service_url=str(activity.get("serviceUrl") or ""),
        kind=str(kind),
        tenant_id=tenant_id,
        team_id=str(team),
    )


def _clean(mapping: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in mapping.items() if isinstance(v, str) and v}


class References:
    """Reads and writes the references; writes go into a caller's pipeline when given one."""

    def __init__(self, connection: redis.Redis):
        self.redis = connection

    def remember(self, activity: Mapping, tenant_id: str, *, pipe=None) -> Conversation | None:
        """Everything a validated activity tells: the service URL, the conversation, the sender."""
        target = pipe or self.redis.pipeline(transaction=False)
        service_url = str(activity.get("serviceUrl") or "")
        if service_url:
            target.sadd(TRUSTED_KEY, normalise_url(service_url))
        conversation = conversation_of(activity, tenant_id)
        if conversation is not None:
            target.hset(
                conversation_key(conversation.id),
                mapping=_clean(
                    {
                        "service_url": conversation.service_url,
                        "kind": conversation.kind,
                        "tenant_id": tenant_id,
                        "team_id": conversation.team_id,
                    }
                ),
            )
            if conversation.kind != PERSONAL:
                target.hset(rosters_key(tenant_id), conversation.roster_id, service_url)
        sender = activity.get("from") or {}
        aad = sender.get("aadObjectId") if isinstance(sender, dict) else None
        if aad and conversation is not None:
            record = {
                "aad_object_id": str(aad).lower(),
                "id": str(sender.get("id") or ""),
                "name": str(sender.get("name") or ""),
                "tenant_id": tenant_id,
                "service_url": service_url,
                "tz": activity_zone(activity),
            }
            if conversation.kind == PERSONAL:
                record["personal_conversation_id"] = conversation.id
            target.hset(user_key(str(aad)), mapping=_clean(record))
            target.sadd(tenant_users_key(tenant_id), str(aad).lower())
        if pipe is None:
            target.execute()
        return conversation

    def remember_member(
        self, tenant_id: str, service_url: str, member: Mapping
    ) -> Reference | None:
        """A roster member: enough to open a 1:1 chat with them, without losing what is known."""
        aad = str(member.get("aadObjectId") or "").lower()
        if not aad or not member.get("id"):
            return None
        key = user_key(aad)
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.hset(
                key,
                mapping=_clean(
                    {
                        "aad_object_id": aad,
                        "id": str(member["id"]),
                        "name": str(member.get("name") or ""),
                        "email": str(member.get("email") or member.get("userPrincipalName") or ""),
                        "role": str(member.get("userRole") or ""),
                        "tenant_id": tenant_id,
                    }
                ),
            )
            pipe.hsetnx(key, "service_url", service_url)
            pipe.sadd(tenant_users_key(tenant_id), aad)
            pipe.execute()
        return self.user(aad)

    def user(self, aad_object_id: str) -> Reference | None:
        if not aad_object_id:
            return None
        raw = self.redis.hgetall(user_key(aad_object_id))
        if not raw:
            return None
        data = {k.decode(): v.decode() for k, v in raw.items()}
        known = {f.name for f in fields(Reference)}
        return Reference(**{k: v for k, v in data.items() if k in known})

    def users(self, aad_object_ids) -> dict[str, Reference]:
        found = {}
        for aad in dict.fromkeys(aad_object_ids):
            reference = self.user(aad)
            if reference is not None:
                found[aad] = reference
        return found

    def set_personal(self, aad_object_id: str, conversation_id: str, service_url: str) -> None:
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.hset(user_key(aad_object_id), "personal_conversation_id", conversation_id)
            pipe.hset(
                conversation_key(conversation_id),
                mapping={"service_url": service_url, "kind": PERSONAL},
            )
            pipe.execute()

    def forget_personal(self, aad_object_id: str) -> None:
        self.redis.hdel(user_key(aad_object_id), "personal_conversation_id")

    def conversation(self, conversation_id: str) -> Conversation | None:
        raw = self.redis.hgetall(conversation_key(conversation_id))
        if not raw:
            return None
        data = {k.decode(): v.decode() for k, v in raw.items()}
        return Conversation(
            id=conversation_id,
            service_url=data.get("service_url", ""),
            kind=data.get("kind", ""),
            tenant_id=data.get("tenant_id", ""),
            team_id=data.get("team_id", ""),
        )

    def roster_sources(self, tenant_id: str) -> dict[str, str]:
        """Teams and group chats the bot is in for this tenant: conversation ID → service URL."""
        raw = self.redis.hgetall(rosters_key(tenant_id))
        return {k.decode(): v.decode() for k, v in raw.items()}

    def forget_roster_source(self, tenant_id: str, conversation_id: str) -> None:
        self.redis.hdel(rosters_key(tenant_id), conversation_id)

    def tenant_users(self, tenant_id: str) -> list[Reference]:
        ids = sorted(m.decode() for m in self.redis.smembers(tenant_users_key(tenant_id)))
        return list(self.users(ids).values())
