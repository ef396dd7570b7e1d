"""People as Slack describes them (users.info), cached briefly in Redis."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from plugin.domain.handoff import Person
from plugin.store import PersonCache


def person_from_slack(user: dict) -> Person:
    profile = user.get("profile") or {}
    return Person(
        id=user["id"],
        name=profile.get("real_name") or user.get("real_name") or user.get("name") or user["id"],
        tz=user.get("tz") or "UTC",
        email=profile.get("email") or "",
        is_bot=bool(user.get("is_bot") or user.get("is_app_user")) or user["id"] == "USLACKBOT",
        is_guest=bool(user.get("is_restricted") or user.get("is_ultra_restricted")),
        deleted=bool(user.get("deleted")),
        title=(profile.get("title") or "").strip(),
    )


class SlackDirectory:
    """Looks people up once and remembers them for a few minutes."""

    def __init__(self, client: WebClient, cache: PersonCache):
        self.client = client
        self.cache = cache

    def people(self, team_id: str, user_ids: list[str] | tuple[str, ...]) -> dict[str, Person]:
        """Known people by ID; an ID Slack doesn't know is left out."""
        ids = list(dict.fromkeys(user_ids))
        found = self.cache.get_many(team_id, ids)
        for user_id in ids:
            if user_id in found:
                continue
            try:
                user = self.client.users_info(user=user_id)["user"]
            except SlackApiError as error:
                if error.response.get("error") in ("user_not_found", "users_not_found"):
                    continue
                raise
            person = person_from_slack(user)
            self.cache.put(team_id, person)
            found[user_id] = person
        return found

    def person(self, team_id: str, user_id: str) -> Person | None:
        return self.people(team_id, [user_id]).get(user_id)
