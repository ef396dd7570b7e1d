"""Who the recruiter can pick: the members of the teams and chats the bot is in, cached briefly."""

from __future__ import annotations

import json

import redis

from plugin.domain.handoff import Person
from plugin.teams.connector import Connector, ConnectorRefused
from plugin.teams.people import person_from_member, person_from_reference
from plugin.teams.references import Conversation, References, roster_key

ROSTER_TTL = 300
MAX_PEOPLE = 100


class Roster:
    """Members through the Bot Connector, remembered as references so the bot can reach them."""

    def __init__(
        self,
        connector: Connector,
        references: References,
        connection: redis.Redis,
        ttl: int = ROSTER_TTL,
    ):
        self.connector = connector
        self.references = references
        self.redis = connection
        self.ttl = ttl

    def members(self, tenant_id: str, service_url: str, conversation_id: str) -> list[dict]:
        raw = self.redis.get(roster_key(conversation_id))
        if raw is not None:
            return json.loads(raw)
        members = self.connector.members(service_url, conversation_id)
        for member in members:
            self.references.remember_member(tenant_id, service_url, member)
        self.redis.set(roster_key(conversation_id), json.dumps(members), ex=self.ttl)
        return members

    def member(self, conversation: Conversation, user_id: str) -> Person | None:
        """One member of a conversation (their role decides whether they are a guest)."""
        found = self.connector.member(conversation.service_url, conversation.id, user_id)
        if found is None:
            return None
        self.references.remember_member(conversation.tenant_id, conversation.service_url, found)
        return person_from_member(found, conversation.tenant_id)

    def people(
        self, tenant_id: str, origin: Conversation | None = None, limit: int = MAX_PEOPLE
    ) -> tuple[list[Person], bool]:
        """The organisation as far as the bot can see it, by name; True when cut at `limit`."""
        sources: dict[str, str] = {}
        if origin is not None and origin.kind != "personal":
            sources[origin.roster_id] = origin.service_url
        for conversation_id, service_url in self.references.roster_sources(tenant_id).items():
            sources.setdefault(conversation_id, service_url)
        people: dict[str, Person] = {}
        for conversation_id, service_url in sources.items():
            try:
                members = self.members(tenant_id, service_url, conversation_id)
            except ConnectorRefused as error:
                if error.status in (403, 404):
                    self.references.forget_roster_source(tenant_id, conversation_id)
                    continue
                raise
            for member in members:
                person = person_from_member(member, tenant_id)
                if person is not None:
                    people.setdefault(person.id, person)
        for reference in self.references.tenant_users(tenant_id):
            if reference.name:
                people.setdefault(reference.aad_object_id, person_from_reference(reference))
        ordered = sorted(people.values(), key=lambda p: (p.name.casefold(), p.email, p.id))
        return ordered[:limit], len(ordered) > limit
