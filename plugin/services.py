"""What a request handler needs, built once per app: settings, Redis, the store, the directory."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property

import redis

from plugin.config import Settings
from plugin.crypto import use_keys
from plugin.store import HandoffStore, PersonCache


@dataclass
class Services:
    settings: Settings
    redis: redis.Redis

    def __post_init__(self) -> None:
        if self.settings.encryption_keys:
            use_keys(list(self.settings.encryption_keys))

    @cached_property
    def store(self) -> HandoffStore:
        return HandoffStore(self.redis)

    @cached_property
    def person_cache(self) -> PersonCache:
        return PersonCache(self.redis)

    @cached_property
    def question_bank(self):
        from plugin.domain.question_bank import load_bank

        return load_bank(self.settings.question_bank_dir or None)

    def role_options(self) -> list[tuple[str, str]]:
        return [(role.id, role.title) for role in self.question_bank.roles.values()]

    def competency_options(self) -> list[tuple[str, str]]:
        return [(c.id, c.name) for c in self.question_bank.competencies.values()]

    def role_title(self, role_id: str, typed_title: str) -> str:
        if role_id and role_id in self.question_bank.roles:
            return self.question_bank.roles[role_id].title
        return typed_title.strip()

    @staticmethod
    def now() -> datetime:
        return datetime.now(UTC)


def connect(settings: Settings) -> redis.Redis:
    return redis.Redis.from_url(
        settings.redis_url, socket_connect_timeout=2, socket_timeout=5, health_check_interval=30
    )
