"""HANDOFF_USER_GROUP: when set, only members of that Slack user group may start hand-offs.

The group is named by its ID (S…) or its handle. Its members come from `usergroups.users.list`
(and the handle↔ID from `usergroups.list`), both needing the `usergroups:read` scope, and are
cached in Redis for a few minutes, so the command and the form's submit cost one Redis read.
When Slack can't say (a missing scope, an unknown group, an outage) the answer is no, with the
reason: access control fails closed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.error import URLError

import redis
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from plugin.config import USER_GROUP_ID
from plugin.slack import text
from plugin.store import PREFIX

MEMBERS_TTL = 300


def members_key(team_id: str, group: str) -> str:
    return f"{PREFIX}:usergroup:{team_id}:{group.lstrip('@').lower()}"


@dataclass(frozen=True)
class Refusal:
    """Why someone may not start a hand-off: mrkdwn for a message, plain for a form error."""

    message: str
    plain: str


class HandoffGroup:
    def __init__(
        self, client: WebClient, connection: redis.Redis, group: str, ttl: int = MEMBERS_TTL
    ):
        self.client = client
        self.redis = connection
        self.group = group.strip()
        self.ttl = ttl

    def refusal(self, team_id: str, user_id: str) -> Refusal | None:
        """None when this person may start hand-offs, else why not."""
        try:
            found = self._members(team_id)
        except SlackApiError as error:
            code = error.response.get("error", "") if isinstance(error.response.data, dict) else ""
            if code == "missing_scope":
                return _same(text.GROUP_NO_SCOPE)
            return _same(text.GROUP_CHECK_FAILED.format(error=code or "error"))
        except (URLError, TimeoutError, ConnectionError) as error:
            return _same(text.GROUP_CHECK_FAILED.format(error=type(error).__name__))
        if found is None:
            return _same(text.GROUP_UNKNOWN.format(group=self.group))
        if user_id in found["users"]:
            return None
        return Refusal(
            text.NOT_IN_GROUP.format(group=f"<!subteam^{found['id']}>"),
            text.NOT_IN_GROUP.format(group=f"@{found['handle']}" if found["handle"] else "it"),
        )

    def _members(self, team_id: str) -> dict | None:
        """{"id", "handle", "users"} of the group, cached; None when the workspace has no such
        group."""
        key = members_key(team_id, self.group)
        raw = self.redis.get(key)
        if raw:
            return json.loads(raw)
        group_id, handle = self._resolve()
        if not group_id:
            return None
        try:
            users = self.client.usergroups_users_list(usergroup=group_id)["users"]
        except SlackApiError as error:
            if error.response.get("error") == "no_such_subteam":
                return None
            raise
        found = {"id": group_id, "handle": handle, "users": sorted(users or [])}
        self.redis.set(key, json.dumps(found), ex=self.ttl)
        return found

    def _resolve(self) -> tuple[str, str]:
        """(ID, handle) of the configured group; ("", "") when there is none such."""
        wanted = self.group.lstrip("@").lower()
        for group in self.client.usergroups_list()["usergroups"] or []:
            if group.get("id") == self.group or (group.get("handle") or "").lower() == wanted:
                return group["id"], group.get("handle") or ""
        if USER_GROUP_ID.match(self.group):
            return self.group, ""  # let usergroups.users.list have the last word
        return "", ""


def _same(message: str) -> Refusal:
    return Refusal(message, message)


def handoff_group(context) -> HandoffGroup | None:
    """The gate for this request's app (None: anyone who is a full member may hand off)."""
    return context.get("handoff_group")
