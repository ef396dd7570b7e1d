"""A local stand-in for the Slack Web API, so the real slack_sdk client runs in tests and demos."""

from __future__ import annotations

import argparse
import contextlib
import copy
import hashlib
import itertools
import json
import logging
import math
import re
import secrets
import threading
import time
import urllib.request
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

TEAM_ID = "T0STANDIN"
TEAM_NAME = "Stand-in"
TEAM_DOMAIN = "standin"
APP_ID = "A0STANDIN"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
BOT_NAME = "secondround"
DEFAULT_TOKEN = "xoxb-standin"  # noqa: S105 - the stand-in's public test token
DEFAULT_CHANNEL_ID = "C0GENERAL"
BLOCKS_ONLY_TEXT = "This content can't be displayed."

# Trigger IDs made by slack_requests.new_trigger_id: "<issued epoch ms>.<user id>.<hex>".
TRIGGER_PATTERN = re.compile(r"^(\d{10,})\.([UW][A-Z0-9]+)\.([0-9a-f]+)$")
JSON_FIELDS = ("blocks", "view", "metadata", "attachments")
MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100
RESPONSE_URL_USES = 5
INTERACTIVE_ELEMENTS = frozenset(
    {
        "button",
        "channels_select",
        "checkboxes",
        "conversations_select",
        "datepicker",
        "datetimepicker",
        "email_text_input",
        "external_select",
        "file_input",
        "multi_channels_select",
        "multi_conversations_select",
        "multi_external_select",
        "multi_static_select",
        "multi_users_select",
        "number_input",
        "overflow",
        "plain_text_input",
        "radio_buttons",
        "rich_text_input",
        "static_select",
        "timepicker",
        "url_text_input",
        "users_select",
        "workflow_button",
    }
)
TZ_LABELS = {
    "EST": "Eastern Standard Time",
    "EDT": "Eastern Daylight Time",
    "CST": "Central Standard Time",
    "CDT": "Central Daylight Time",
    "MST": "Mountain Standard Time",
    "MDT": "Mountain Daylight Time",
    "PST": "Pacific Standard Time",
    "PDT": "Pacific Daylight Time",
    "AKST": "Alaska Standard Time",
    "AKDT": "Alaska Daylight Time",
    "HST": "Hawaii-Aleutian Standard Time",
    "GMT": "Greenwich Mean Time",
    "UTC": "Coordinated Universal Time",
    "BST": "British Summer Time",
    "WET": "Western European Time",
    "WEST": "Western European Summer Time",
    "CET": "Central European Time",
    "CEST": "Central European Summer Time",
    "EET": "Eastern European Time",
    "EEST": "Eastern European Summer Time",
    "IST": "India Standard Time",
    "JST": "Japan Standard Time",
    "KST": "Korea Standard Time",
    "AEST": "Australian Eastern Standard Time",
    "AEDT": "Australian Eastern Daylight Time",
    "NZST": "New Zealand Standard Time",
    "NZDT": "New Zealand Daylight Time",
}


class _SlackError(Exception):
    """An `ok: false` answer, with Slack's error code and optional response_metadata messages."""

    def __init__(self, error: str, messages: Iterable[str] = ()):
        super().__init__(error)
        self.error = error
        self.messages = list(messages)


class _RateLimited(Exception):
    """A per-channel chat.postMessage limit was hit; answer HTTP 429 with Retry-After."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass
class _Fault:
    """An injected failure for the next `remaining` calls of one method."""

    status: int
    retry_after: int
    error: str | None
    remaining: int


@dataclass(frozen=True)
class Reply:
    """One HTTP answer of the stand-in: status, JSON body and extra headers."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str]


def _tz_label(name: str) -> str:
    if name in TZ_LABELS:
        return TZ_LABELS[name]
    return name if name.isalpha() else f"UTC{name}"


def _plain_len(obj: Any) -> int:
    return len(obj.get("text", "")) if isinstance(obj, dict) else 0


def _short_id(seed: str, length: int = 5) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    digest = hashlib.sha256(seed.encode()).digest()
    return "".join(alphabet[b % len(alphabet)] for b in digest[:length])


def _flag(params: dict[str, Any], key: str) -> bool:
    value = params.get(key)
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("1", "true", "yes")


def _check_element(element: Any, where: str, errors: list[str]) -> None:
    if not isinstance(element, dict) or not isinstance(element.get("type"), str):
        errors.append(f"[ERROR] element must be an object with a type [json-pointer:{where}]")
        return
    if len(str(element.get("action_id", ""))) > 255:
        errors.append(f"[ERROR] must be less than 256 characters [json-pointer:{where}/action_id]")
    kind = element["type"]
    if kind == "button":
        if _plain_len(element.get("text")) > 75:
            errors.append(f"[ERROR] must be less than 76 characters [json-pointer:{where}/text]")
        if len(str(element.get("value", ""))) > 2000:
            errors.append(f"[ERROR] must be less than 2001 characters [json-pointer:{where}/value]")
        if len(str(element.get("url", ""))) > 3000:
            errors.append(f"[ERROR] must be less than 3001 characters [json-pointer:{where}/url]")
    options = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        options.extend(group.get("options") or [])
    if kind.endswith("static_select") and len(options) > 100:
        errors.append(f"[ERROR] must provide no more than 100 items [json-pointer:{where}/options]")
    for index, option in enumerate(options):
        if len(str(option.get("value", ""))) > 150:
            errors.append(
                f"[ERROR] must be less than 151 characters "
                f"[json-pointer:{where}/options/{index}/value]"
            )
        if _plain_len(option.get("text")) > 75:
            errors.append(
                f"[ERROR] must be less than 76 characters "
                f"[json-pointer:{where}/options/{index}/text]"
            )


def _check_blocks(blocks: Any, limit: int, pointer: str = "/blocks") -> list[str]:
    """Slack's documented Block Kit limits, as `[ERROR] … [json-pointer:…]` messages."""
    if not isinstance(blocks, list):
        return [f"[ERROR] must be an array [json-pointer:{pointer}]"]
    errors: list[str] = []
    if len(blocks) > limit:
        errors.append(f"[ERROR] must provide no more than {limit} items [json-pointer:{pointer}]")
    block_ids: set[str] = set()
    for index, block in enumerate(blocks):
        where = f"{pointer}/{index}"
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            errors.append(f"[ERROR] block must be an object with a type [json-pointer:{where}]")
            continue
        block_id = block.get("block_id")
        if block_id is not None:
            if len(str(block_id)) > 255:
                errors.append(
                    f"[ERROR] must be less than 256 characters [json-pointer:{where}/block_id]"
                )
            if block_id in block_ids:
                errors.append(f"[ERROR] duplicate block_id [json-pointer:{where}/block_id]")
            block_ids.add(block_id)
        kind = block["type"]
        if kind == "section":
            if "text" not in block and "fields" not in block:
                errors.append(f"[ERROR] must provide text or fields [json-pointer:{where}]")
            if _plain_len(block.get("text")) > 3000:
                errors.append(
                    f"[ERROR] must be less than 3001 characters [json-pointer:{where}/text]"
                )
            fields = block.get("fields") or []
            if len(fields) > 10:
                errors.append(
                    f"[ERROR] must provide no more than 10 items [json-pointer:{where}/fields]"
                )
            for number, item in enumerate(fields):
                if _plain_len(item) > 2000:
                    errors.append(
                        f"[ERROR] must be less than 2001 characters "
                        f"[json-pointer:{where}/fields/{number}]"
                    )
            if "accessory" in block:
                _check_element(block["accessory"], f"{where}/accessory", errors)
        elif kind == "header":
            text = block.get("text")
            if not isinstance(text, dict) or text.get("type") != "plain_text":
                errors.append(f"[ERROR] must be a plain_text object [json-pointer:{where}/text]")
            elif _plain_len(text) > 150:
                errors.append(
                    f"[ERROR] must be less than 151 characters [json-pointer:{where}/text]"
                )
        elif kind == "context":
            if len(block.get("elements") or []) > 10:
                errors.append(
                    f"[ERROR] must provide no more than 10 items [json-pointer:{where}/elements]"
                )
        elif kind == "actions":
            elements = block.get("elements") or []
            if len(elements) > 25:
                errors.append(
                    f"[ERROR] must provide no more than 25 items [json-pointer:{where}/elements]"
                )
            action_ids: set[str] = set()
            for number, element in enumerate(elements):
                _check_element(element, f"{where}/elements/{number}", errors)
                action_id = element.get("action_id") if isinstance(element, dict) else None
                if action_id is not None and action_id in action_ids:
                    errors.append(
                        f"[ERROR] duplicate action_id "
                        f"[json-pointer:{where}/elements/{number}/action_id]"
                    )
                action_ids.add(action_id)
        elif kind == "input":
            if "element" not in block:
                errors.append(f"[ERROR] missing required field: element [json-pointer:{where}]")
            else:
                _check_element(block["element"], f"{where}/element", errors)
            if _plain_len(block.get("label")) > 2000:
                errors.append(
                    f"[ERROR] must be less than 2001 characters [json-pointer:{where}/label]"
                )
    return errors


def _fill_ids(blocks: list[dict[str, Any]], seed: str) -> list[dict[str, Any]]:
    """Give every block a block_id and every interactive element an action_id, as Slack does."""
    blocks = copy.deepcopy(blocks)
    for index, block in enumerate(blocks):
        block.setdefault("block_id", _short_id(f"{seed}/{index}", 4))
        elements = list(block.get("elements") or []) if block.get("type") == "actions" else []
        elements += [
            block[key] for key in ("accessory", "element") if isinstance(block.get(key), dict)
        ]
        for number, element in enumerate(elements):
            if element.get("type") in INTERACTIVE_ELEMENTS:
                element.setdefault("action_id", _short_id(f"{seed}/{index}/{number}", 5))
    return blocks


class SlackStandIn:
    """Serves the part of the Slack Web API the app calls, records every call, fails on demand."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        tokens: Iterable[str] | None = None,
        post_message_rate_per_channel: float | None = None,
        trigger_ttl: float | None = 3.0,
        clock: Callable[[], float] = time.time,
    ):
        self.host = host
        self.port = port
        self.tokens: set[str] = set(tokens) if tokens is not None else {DEFAULT_TOKEN}
        self.post_message_rate_per_channel = post_message_rate_per_channel
        self.trigger_ttl = trigger_ttl
        self.clock = clock
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._users: dict[str, dict[str, Any]] = {}
        self._channels: dict[str, dict[str, Any]] = {}
        self._view_ids = itertools.count(1)
        self._last_ts = 0
        self._clear()
        self._add_user_record(
            BOT_USER_ID,
            name=BOT_NAME,
            real_name="Second Round",
            tz="America/Los_Angeles",
            is_bot=True,
        )
        self.add_channel(DEFAULT_CHANNEL_ID, name="general")
        self._methods: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "auth.test": self._auth_test,
            "users.info": self._users_info,
            "users.lookupByEmail": self._users_lookup_by_email,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "conversations.open": self._conversations_open,
            "conversations.history": self._conversations_history,
            "conversations.replies": self._conversations_replies,
            "views.open": self._views_open,
            "views.update": self._views_update,
            "views.push": self._views_push,
            "views.publish": self._views_publish,
            "usergroups.list": self._usergroups_list,
            "usergroups.users.list": self._usergroups_users_list,
        }

    def _clear(self) -> None:
        self._calls: list[tuple[str, dict[str, Any]]] = []
        self._messages: dict[str, list[dict[str, Any]]] = {}
        self._ephemerals: dict[str, list[dict[str, Any]]] = {}
        self._views: dict[str, dict[str, Any]] = {}
        self._view_users: dict[str, str | None] = {}
        self._view_log: list[str] = []
        self._homes: dict[str, str] = {}
        self._faults: dict[str, deque[_Fault]] = {}
        self._delays: dict[str, deque[float]] = {}
        self._last_post: dict[str, float] = {}
        self._used_triggers: set[str] = set()
        self._responses: dict[str, list[dict[str, Any]]] = {}
        self._usergroups: dict[str, dict[str, Any]] = {}

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    @property
    def api_url(self) -> str:
        return f"{self.url}api/"

    def start(self) -> SlackStandIn:
        if self._server is not None:
            return self
        handler = type("StandInHandler", (_Handler,), {"standin": self})
        self._server = ThreadingHTTPServer((self.host, self.port), handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"slack-standin-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- directory -------------------------------------------------------------------------

    def add_user(
        self,
        id: str,
        *,
        name: str,
        real_name: str | None = None,
        tz: str = "America/New_York",
        email: str | None = None,
        is_bot: bool = False,
        is_restricted: bool = False,
        is_ultra_restricted: bool = False,
        deleted: bool = False,
        is_app_user: bool = False,
        title: str = "",
        display_name: str = "",
    ) -> dict[str, Any]:
        """Add or replace a user; answers the Slack user object users.info will return."""
        ZoneInfo(tz)  # an unknown zone fails here, not at the first users.info
        with self._lock:
            self._add_user_record(
                id,
                name=name,
                real_name=real_name,
                tz=tz,
                email=email,
                is_bot=is_bot,
                is_restricted=is_restricted,
                is_ultra_restricted=is_ultra_restricted,
                deleted=deleted,
                is_app_user=is_app_user,
                title=title,
                display_name=display_name,
            )
            return self._user_object(self._users[id])

    def _add_user_record(self, user_id: str, **fields: Any) -> None:
        fields["real_name"] = fields.get("real_name") or fields["name"]
        fields.setdefault("tz", "America/New_York")
        for key in ("is_bot", "is_restricted", "is_ultra_restricted", "deleted", "is_app_user"):
            fields[key] = bool(fields.get(key, False))
        fields.setdefault("email", None)
        fields["title"] = fields.get("title") or ""
        fields["display_name"] = fields.get("display_name") or ""
        self._users[user_id] = {"id": user_id, **fields}

    def add_channel(self, id: str, *, name: str, is_private: bool = False) -> dict[str, Any]:
        """Make a public or private channel known, so messages to it are accepted."""
        with self._lock:
            self._channels[id] = {
                "id": id,
                "name": name,
                "is_channel": not is_private,
                "is_group": is_private,
                "is_im": False,
                "is_private": is_private,
            }
            return dict(self._channels[id])

    def add_usergroup(self, id: str, *, handle: str, users: Iterable[str] = ()) -> dict[str, Any]:
        """Add or replace a user group (reset() forgets them: each test seeds its own)."""
        with self._lock:
            self._usergroups[id] = {
                "id": id,
                "team_id": TEAM_ID,
                "handle": handle,
                "name": handle,
                "is_usergroup": True,
                "date_delete": 0,
                "users": list(users),
            }
            return self._usergroup_object(self._usergroups[id])

    @staticmethod
    def _usergroup_object(group: dict[str, Any]) -> dict[str, Any]:
        shown = {k: v for k, v in group.items() if k != "users"}
        return {**shown, "user_count": len(group["users"])}

    def load_directory(self, data: Any) -> None:
        """Seed users (and channels) from `[user, …]` or `{"users": […], "channels": […]}`."""
        users = data.get("users", []) if isinstance(data, dict) else data
        channels = data.get("channels", []) if isinstance(data, dict) else []
        for user in users:
            self.add_user(**user)
        for channel in channels:
            self.add_channel(**channel)

    def _user_object(self, user: dict[str, Any]) -> dict[str, Any]:
        now = datetime.now(ZoneInfo(user["tz"]))
        offset = now.utcoffset()
        real_name = user["real_name"]
        first, _, last = real_name.partition(" ")
        avatar = _short_id(user["id"], 12).lower()
        profile: dict[str, Any] = {
            "title": user["title"],
            "phone": "",
            "skype": "",
            "real_name": real_name,
            "real_name_normalized": real_name,
            "display_name": user["display_name"],
            "display_name_normalized": user["display_name"],
            "fields": None,
            "status_text": "",
            "status_emoji": "",
            "status_expiration": 0,
            "avatar_hash": avatar,
            "first_name": first,
            "last_name": last,
            "image_24": f"https://avatars.standin.invalid/{avatar}_24.png",
            "image_72": f"https://avatars.standin.invalid/{avatar}_72.png",
            "team": TEAM_ID,
        }
        if user["email"]:
            profile["email"] = user["email"]
        if user["is_bot"]:
            profile["bot_id"] = BOT_ID if user["id"] == BOT_USER_ID else f"B{user['id'][1:]}"
            profile["api_app_id"] = APP_ID if user["id"] == BOT_USER_ID else ""
        return {
            "id": user["id"],
            "team_id": TEAM_ID,
            "name": user["name"],
            "deleted": user["deleted"],
            "color": "9f69e7",
            "real_name": real_name,
            "tz": user["tz"],
            "tz_label": _tz_label(now.tzname() or "UTC"),
            "tz_offset": int(offset.total_seconds()) if offset is not None else 0,
            "profile": profile,
            "is_admin": False,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": user["is_restricted"],
            "is_ultra_restricted": user["is_ultra_restricted"],
            "is_bot": user["is_bot"],
            "is_app_user": user["is_app_user"],
            "updated": 1700000000,
            "is_email_confirmed": bool(user["email"]),
            "who_can_share_contact_card": "EVERYONE",
        }

    # -- faults ----------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int = 1,
        error: str | None = None,
        count: int = 1,
    ) -> None:
        """Make the next `count` calls of `method` fail: 429 rate limit, 5xx, or 200 `ok: false`."""
        with self._lock:
            queue = self._faults.setdefault(method, deque())
            queue.append(_Fault(status, retry_after, error, count))

    def delay_next(self, method: str, seconds: float) -> None:
        """Make the next call of `method` answer only after `seconds` (to provoke timeouts)."""
        with self._lock:
            self._delays.setdefault(method, deque()).append(seconds)

    def _take_fault(self, method: str) -> _Fault | None:
        queue = self._faults.get(method)
        if not queue:
            return None
        fault = queue[0]
        fault.remaining -= 1
        if fault.remaining <= 0:
            queue.popleft()
        return fault

    # -- inspection ------------------------------------------------------------------------

    @property
    def calls(self) -> list[tuple[str, dict[str, Any]]]:
        with self._lock:
            return copy.deepcopy(self._calls)

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        with self._lock:
            return [copy.deepcopy(params) for name, params in self._calls if name == method]

    def messages(self, channel_or_user_id: str) -> list[dict[str, Any]]:
        """Messages the app posted there, oldest first, each with its latest content."""
        channel = self._dm_id(channel_or_user_id)
        with self._lock:
            return copy.deepcopy(self._messages.get(channel, []))

    def ephemerals(self, user_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(self._ephemerals.get(user_id, []))

    @property
    def views(self) -> dict[str, dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(self._views)

    def last_view(self, user_id: str | None = None) -> dict[str, Any] | None:
        """The modal most recently opened, pushed or updated (for that user, when given)."""
        with self._lock:
            for view_id in reversed(self._view_log):
                view = self._views[view_id]
                if view["type"] != "modal":
                    continue
                if user_id is None or self._view_users.get(view_id) == user_id:
                    return copy.deepcopy(view)
            return None

    def home(self, user_id: str) -> dict[str, Any] | None:
        with self._lock:
            view_id = self._homes.get(user_id)
            return copy.deepcopy(self._views[view_id]) if view_id else None

    def response_url(self, key: str | None = None) -> str:
        """A response_url served by the stand-in; what the app posts there goes to responses()."""
        return f"{self.url}_standin/respond/{key or secrets.token_hex(8)}"

    def responses(self, url: str | None = None) -> list[dict[str, Any]]:
        """Bodies posted to one response_url (or to all of them, in order of URL)."""
        with self._lock:
            if url is None:
                return [
                    copy.deepcopy(body) for bodies in self._responses.values() for body in bodies
                ]
            return copy.deepcopy(self._responses.get(url.rstrip("/").rsplit("/", 1)[-1], []))

    def reset(self) -> None:
        """Forget messages, calls, views, faults, limits and user groups; keep users and channels."""
        with self._lock:
            self._clear()

    def state(self) -> dict[str, Any]:
        """Everything the stand-in knows, as JSON-ready data (also served at /_standin/state)."""
        with self._lock:
            return copy.deepcopy(
                {
                    "api_url": self.api_url,
                    "team_id": TEAM_ID,
                    "users": {uid: self._user_object(u) for uid, u in self._users.items()},
                    "channels": self._channels,
                    "messages": self._messages,
                    "ephemerals": self._ephemerals,
                    "views": self._views,
                    "view_users": self._view_users,
                    "homes": {user: self._views[view_id] for user, view_id in self._homes.items()},
                    "calls": [[name, params] for name, params in self._calls],
                    "responses": self._responses,
                }
            )

    # -- request handling ------------------------------------------------------------------

    def handle_api(self, method: str, params: dict[str, Any], token: str | None) -> Reply:
        """Answer one Web API call as Slack would; used by the HTTP handler."""
        with self._lock:
            self._calls.append((method, copy.deepcopy(params)))
            handler = self._methods.get(method)
            if handler is None:
                return Reply(200, {"ok": False, "error": "unknown_method"}, {})
            if not token:
                return Reply(200, {"ok": False, "error": "not_authed"}, {})
            if token not in self.tokens:
                return Reply(200, {"ok": False, "error": "invalid_auth"}, {})
            fault = self._take_fault(method)
            delays = self._delays.get(method)
            delay = delays.popleft() if delays else 0.0
        if delay:
            self._stopping.wait(delay)
        if fault is not None:
            return self._fault_reply(fault)
        with self._lock:
            try:
                return Reply(200, {"ok": True, **handler(params)}, {})
            except _SlackError as failure:
                body: dict[str, Any] = {"ok": False, "error": failure.error}
                if failure.messages:
                    body["errors"] = failure.messages
                    body["response_metadata"] = {"messages": failure.messages}
                return Reply(200, body, {})
            except _RateLimited as limited:
                return Reply(
                    429,
                    {"ok": False, "error": "ratelimited"},
                    {"Retry-After": str(limited.retry_after)},
                )

    @staticmethod
    def _fault_reply(fault: _Fault) -> Reply:
        if fault.status == 429:
            return Reply(
                429,
                {"ok": False, "error": fault.error or "ratelimited"},
                {"Retry-After": str(fault.retry_after)},
            )
        if fault.status >= 500:
            return Reply(fault.status, {"ok": False, "error": fault.error or "internal_error"}, {})
        return Reply(fault.status, {"ok": False, "error": fault.error or "fatal_error"}, {})

    def handle_response_url(self, key: str, body: Any) -> Reply:
        with self._lock:
            bodies = self._responses.setdefault(key, [])
            if len(bodies) >= RESPONSE_URL_USES:
                return Reply(404, {"ok": False, "error": "used_url"}, {})
            bodies.append(body if isinstance(body, dict) else {"raw": body})
            return Reply(200, {"ok": True}, {})

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _dm_id(channel_or_user_id: str) -> str:
        if channel_or_user_id[:1] in ("U", "W"):
            return f"D{channel_or_user_id}"
        return channel_or_user_id

    def _next_ts(self) -> str:
        micros = max(int(self.clock() * 1_000_000), self._last_ts + 1)
        self._last_ts = micros
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _conversation(self, channel: Any, *, allow_user: bool) -> str:
        """The conversation ID a channel argument names, or channel_not_found."""
        if not isinstance(channel, str) or not channel:
            raise _SlackError("channel_not_found")
        if channel[:1] in ("U", "W"):
            if not allow_user or channel not in self._users:
                raise _SlackError("channel_not_found")
            return self._open_dm(channel)
        if channel in self._channels:
            return channel
        if channel.startswith("D") and channel[1:] in self._users:
            return self._open_dm(channel[1:])
        raise _SlackError("channel_not_found")

    def _open_dm(self, user_id: str) -> str:
        channel = f"D{user_id}"
        self._channels.setdefault(
            channel,
            {"id": channel, "is_im": True, "user": user_id, "is_private": True, "name": ""},
        )
        return channel

    def _blocks_param(self, params: dict[str, Any], *, limit: int, error: str) -> list | None:
        blocks = params.get("blocks")
        if blocks is None:
            return None
        if isinstance(blocks, str):
            raise _SlackError(f"{error}_format" if error == "invalid_blocks" else error)
        problems = _check_blocks(blocks, limit)
        if problems:
            raise _SlackError(error, problems)
        return blocks

    @staticmethod
    def _metadata_param(params: dict[str, Any]) -> dict[str, Any] | None:
        metadata = params.get("metadata")
        if metadata is None:
            return None
        if (
            not isinstance(metadata, dict)
            or not isinstance(metadata.get("event_type"), str)
            or not isinstance(metadata.get("event_payload", {}), dict)
        ):
            raise _SlackError("invalid_metadata_format")
        return {
            "event_type": metadata["event_type"],
            "event_payload": metadata.get("event_payload", {}),
        }

    def _api_message(self, record: dict[str, Any], *, with_metadata: bool) -> dict[str, Any]:
        message: dict[str, Any] = {
            "user": BOT_USER_ID,
            "type": "message",
            "ts": record["ts"],
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "text": record["text"],
            "team": TEAM_ID,
        }
        if record["blocks"] is not None:
            message["blocks"] = copy.deepcopy(record["blocks"])
        if record["thread_ts"]:
            message["thread_ts"] = record["thread_ts"]
            if record["thread_ts"] != record["ts"]:
                message["parent_user_id"] = BOT_USER_ID
        replies = [
            m
            for m in self._messages.get(record["channel"], [])
            if m["thread_ts"] == record["ts"] and m["ts"] != record["ts"]
        ]
        if replies:
            message["thread_ts"] = record["ts"]
            message["reply_count"] = len(replies)
            message["reply_users"] = [BOT_USER_ID]
            message["reply_users_count"] = 1
            message["latest_reply"] = replies[-1]["ts"]
        if record["edited"]:
            message["edited"] = dict(record["edited"])
        if with_metadata and record["metadata"] is not None:
            message["metadata"] = copy.deepcopy(record["metadata"])
        return message

    def _find_message(self, channel: str, ts: Any) -> dict[str, Any] | None:
        for record in self._messages.get(channel, []):
            if record["ts"] == ts:
                return record
        return None

    def _check_rate(self, channel: str) -> None:
        rate = self.post_message_rate_per_channel
        if not rate:
            return
        now = self.clock()
        interval = 1.0 / rate
        last = self._last_post.get(channel)
        if last is not None and now - last < interval:
            raise _RateLimited(max(1, math.ceil(interval - (now - last))))
        self._last_post[channel] = now

    def _use_trigger(self, trigger_id: Any) -> str | None:
        """Spend a trigger_id (once only, within its lifetime); answer the user it names."""
        if not isinstance(trigger_id, str) or not trigger_id:
            raise _SlackError("invalid_arguments", ["[ERROR] missing required field: trigger_id"])
        if trigger_id in self._used_triggers:
            raise _SlackError("exchanged_trigger_id")
        user_id = None
        match = TRIGGER_PATTERN.match(trigger_id)
        if match:
            issued = int(match.group(1)) / 1000
            if self.trigger_ttl is not None and self.clock() - issued > self.trigger_ttl:
                raise _SlackError("expired_trigger_id")
            user_id = match.group(2)
        self._used_triggers.add(trigger_id)
        return user_id

    def _view_param(self, params: dict[str, Any], *, kind: str) -> dict[str, Any]:
        view = params.get("view")
        if not isinstance(view, dict):
            raise _SlackError("invalid_arguments", ["[ERROR] missing required field: view"])
        errors = [] if view.get("type") == kind else [f"[ERROR] view type must be {kind}"]
        errors += _check_blocks(view.get("blocks", []), VIEW_BLOCK_LIMIT)
        if kind == "modal":
            title = view.get("title")
            if not isinstance(title, dict) or not title.get("text"):
                errors.append("[ERROR] missing required field: title [json-pointer:/view/title]")
            for key in ("title", "submit", "close"):
                if _plain_len(view.get(key)) > 24:
                    errors.append(
                        f"[ERROR] must be less than 25 characters [json-pointer:/view/{key}]"
                    )
            has_inputs = any(
                isinstance(b, dict) and b.get("type") == "input" for b in view.get("blocks", [])
            )
            if has_inputs and not view.get("submit"):
                errors.append("[ERROR] must provide submit when the view has input blocks")
        if len(str(view.get("private_metadata", ""))) > 3000:
            errors.append(
                "[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]"
            )
        if len(str(view.get("callback_id", ""))) > 255:
            errors.append(
                "[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]"
            )
        if errors:
            raise _SlackError("invalid_arguments", errors)
        return view

    def _store_view(
        self,
        view: dict[str, Any],
        user_id: str | None,
        *,
        view_id: str | None = None,
        previous_view_id: str | None = None,
        root_view_id: str | None = None,
    ) -> dict[str, Any]:
        old = self._views.get(view_id) if view_id else None
        view_id = view_id or f"V{next(self._view_ids):010d}"
        external_id = view.get("external_id", old.get("external_id", "") if old else "")
        if external_id and any(
            v.get("external_id") == external_id and vid != view_id for vid, v in self._views.items()
        ):
            raise _SlackError("duplicate_external_id")
        stored_hash = f"{int(self.clock())}.{secrets.token_hex(4)}"
        stored = {
            "id": view_id,
            "team_id": TEAM_ID,
            "type": view["type"],
            "blocks": _fill_ids(view.get("blocks", []), f"{view_id}/{stored_hash}"),
            "private_metadata": view.get("private_metadata", ""),
            "callback_id": view.get("callback_id", ""),
            "state": {"values": {}},
            "hash": stored_hash,
            "title": copy.deepcopy(view.get("title")),
            "clear_on_close": bool(view.get("clear_on_close", False)),
            "notify_on_close": bool(view.get("notify_on_close", False)),
            "close": copy.deepcopy(view.get("close")),
            "submit": copy.deepcopy(view.get("submit")),
            "previous_view_id": old["previous_view_id"] if old else previous_view_id,
            "root_view_id": old["root_view_id"] if old else (root_view_id or view_id),
            "app_id": APP_ID,
            "external_id": external_id,
            "app_installed_team_id": TEAM_ID,
            "bot_id": BOT_ID,
        }
        if "submit_disabled" in view:
            stored["submit_disabled"] = bool(view["submit_disabled"])
        self._views[view_id] = stored
        if old is None:
            self._view_users[view_id] = user_id
        self._view_log.append(view_id)
        return copy.deepcopy(stored)

    # -- Web API methods -------------------------------------------------------------------

    def _auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": f"https://{TEAM_DOMAIN}.slack.com/",
            "team": TEAM_NAME,
            "user": BOT_NAME,
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self._users.get(params.get("user", ""))
        if user is None:
            raise _SlackError("user_not_found")
        return {"user": self._user_object(user)}

    def _users_lookup_by_email(self, params: dict[str, Any]) -> dict[str, Any]:
        email = str(params.get("email", "")).strip().lower()
        for user in self._users.values():
            if email and (user["email"] or "").lower() == email:
                return {"user": self._user_object(user)}
        raise _SlackError("users_not_found")

    def _chat_post_message(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = self._conversation(params.get("channel"), allow_user=True)
        blocks = self._blocks_param(params, limit=MESSAGE_BLOCK_LIMIT, error="invalid_blocks")
        text = params.get("text")
        if not text and not blocks and not params.get("attachments"):
            raise _SlackError("no_text")
        metadata = self._metadata_param(params)
        self._check_rate(channel)
        ts = self._next_ts()
        record = {
            "channel": channel,
            "ts": ts,
            "text": text or BLOCKS_ONLY_TEXT,
            "blocks": _fill_ids(blocks, f"{channel}/{ts}") if blocks is not None else None,
            "thread_ts": params.get("thread_ts") or None,
            "metadata": metadata,
            "updates": 0,
            "edited": None,
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
        }
        self._messages.setdefault(channel, []).append(record)
        return {
            "channel": channel,
            "ts": ts,
            "message": self._api_message(record, with_metadata=True),
        }

    def _chat_update(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = self._conversation(params.get("channel"), allow_user=False)
        record = self._find_message(channel, params.get("ts"))
        if record is None:
            raise _SlackError("message_not_found")
        blocks = self._blocks_param(params, limit=MESSAGE_BLOCK_LIMIT, error="invalid_blocks")
        text = params.get("text")
        if not text and blocks is None and not params.get("attachments"):
            raise _SlackError("no_text")
        metadata = self._metadata_param(params)
        if blocks is not None:
            record["blocks"] = _fill_ids(blocks, f"{channel}/{record['ts']}/{record['updates']}")
        record["text"] = text or BLOCKS_ONLY_TEXT
        if metadata is not None:
            record["metadata"] = metadata
        record["updates"] += 1
        record["edited"] = {"user": BOT_USER_ID, "ts": self._next_ts()}
        return {
            "channel": channel,
            "ts": record["ts"],
            "text": record["text"],
            "message": self._api_message(record, with_metadata=True),
        }

    def _chat_delete(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = self._conversation(params.get("channel"), allow_user=False)
        record = self._find_message(channel, params.get("ts"))
        if record is None:
            raise _SlackError("message_not_found")
        self._messages[channel].remove(record)
        return {"channel": channel, "ts": record["ts"]}

    def _chat_post_ephemeral(self, params: dict[str, Any]) -> dict[str, Any]:
        user_id = params.get("user", "")
        if user_id not in self._users:
            raise _SlackError("user_not_found")
        channel = self._conversation(params.get("channel"), allow_user=True)
        blocks = self._blocks_param(params, limit=MESSAGE_BLOCK_LIMIT, error="invalid_blocks")
        if not params.get("text") and not blocks and not params.get("attachments"):
            raise _SlackError("no_text")
        ts = self._next_ts()
        self._ephemerals.setdefault(user_id, []).append(
            {
                "channel": channel,
                "user": user_id,
                "ts": ts,
                "text": params.get("text") or BLOCKS_ONLY_TEXT,
                "blocks": _fill_ids(blocks, f"{channel}/{ts}") if blocks is not None else None,
                "thread_ts": params.get("thread_ts") or None,
            }
        )
        return {"message_ts": ts}

    def _conversations_open(self, params: dict[str, Any]) -> dict[str, Any]:
        if params.get("channel"):
            return {"channel": {"id": self._conversation(params["channel"], allow_user=False)}}
        users = params.get("users") or ""
        user_ids = users if isinstance(users, list) else [u for u in str(users).split(",") if u]
        if not user_ids:
            raise _SlackError("users_list_not_supplied")
        for user_id in user_ids:
            if user_id not in self._users:
                raise _SlackError("user_not_found")
        if len(user_ids) == 1:
            already = f"D{user_ids[0]}" in self._channels
            channel = self._open_dm(user_ids[0])
        else:
            channel = "G" + _short_id(",".join(sorted(user_ids)), 10).upper()
            already = channel in self._channels
            self._channels.setdefault(
                channel, {"id": channel, "is_mpim": True, "is_private": True, "name": ""}
            )
        body: dict[str, Any] = {"no_op": already, "already_open": already}
        if _flag(params, "return_im") and len(user_ids) == 1:
            body["channel"] = {
                "id": channel,
                "created": 1700000000,
                "is_im": True,
                "is_org_shared": False,
                "user": user_ids[0],
                "is_user_deleted": self._users[user_ids[0]]["deleted"],
                "priority": 0,
            }
        else:
            body["channel"] = {"id": channel}
        return body

    def _page(
        self, records: list[dict[str, Any]], params: dict[str, Any]
    ) -> tuple[list[dict[str, Any]], str]:
        try:
            limit = max(1, min(int(params.get("limit") or 100), 1000))
            start = int(params.get("cursor") or 0)
        except ValueError as bad:
            raise _SlackError("invalid_cursor") from bad
        page = records[start : start + limit]
        next_cursor = str(start + limit) if start + limit < len(records) else ""
        return page, next_cursor

    def _in_window(self, record: dict[str, Any], params: dict[str, Any]) -> bool:
        inclusive = _flag(params, "inclusive")
        ts = float(record["ts"])
        if params.get("oldest"):
            oldest = float(params["oldest"])
            if ts < oldest or (ts == oldest and not inclusive):
                return False
        if params.get("latest"):
            latest = float(params["latest"])
            if ts > latest or (ts == latest and not inclusive):
                return False
        return True

    def _conversations_history(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = self._conversation(params.get("channel"), allow_user=False)
        with_metadata = _flag(params, "include_all_metadata")
        records = [
            r
            for r in reversed(self._messages.get(channel, []))
            if r["thread_ts"] in (None, r["ts"]) and self._in_window(r, params)
        ]
        page, next_cursor = self._page(records, params)
        return {
            "messages": [self._api_message(r, with_metadata=with_metadata) for r in page],
            "has_more": bool(next_cursor),
            "pin_count": 0,
            "channel_actions_ts": None,
            "channel_actions_count": 0,
            "response_metadata": {"next_cursor": next_cursor},
        }

    def _conversations_replies(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = self._conversation(params.get("channel"), allow_user=False)
        parent = self._find_message(channel, params.get("ts"))
        if parent is None:
            raise _SlackError("thread_not_found")
        root = parent["thread_ts"] or parent["ts"]
        with_metadata = _flag(params, "include_all_metadata")
        records = [
            r
            for r in self._messages.get(channel, [])
            if (r["ts"] == root or r["thread_ts"] == root) and self._in_window(r, params)
        ]
        page, next_cursor = self._page(records, params)
        return {
            "messages": [self._api_message(r, with_metadata=with_metadata) for r in page],
            "has_more": bool(next_cursor),
            "response_metadata": {"next_cursor": next_cursor},
        }

    def _views_open(self, params: dict[str, Any]) -> dict[str, Any]:
        view = self._view_param(params, kind="modal")
        user_id = self._use_trigger(params.get("trigger_id"))
        return {"view": self._store_view(view, user_id)}

    def _views_push(self, params: dict[str, Any]) -> dict[str, Any]:
        view = self._view_param(params, kind="modal")
        user_id = self._use_trigger(params.get("trigger_id"))
        previous = self.last_view(user_id)
        return {
            "view": self._store_view(
                view,
                user_id,
                previous_view_id=previous["id"] if previous else None,
                root_view_id=previous["root_view_id"] if previous else None,
            )
        }

    def _views_update(self, params: dict[str, Any]) -> dict[str, Any]:
        view_id = params.get("view_id")
        if not view_id and params.get("external_id"):
            view_id = next(
                (
                    vid
                    for vid, v in self._views.items()
                    if v["external_id"] == params["external_id"]
                ),
                None,
            )
        if not view_id or view_id not in self._views:
            raise _SlackError("not_found")
        existing = self._views[view_id]
        view = self._view_param(params, kind=existing["type"])
        if params.get("hash") and params["hash"] != existing["hash"]:
            raise _SlackError("hash_conflict")
        return {"view": self._store_view(view, None, view_id=view_id)}

    def _views_publish(self, params: dict[str, Any]) -> dict[str, Any]:
        user_id = params.get("user_id", "")
        if user_id not in self._users:
            raise _SlackError("user_not_found")
        view = self._view_param(params, kind="home")
        view_id = self._homes.get(user_id)
        if view_id and params.get("hash") and params["hash"] != self._views[view_id]["hash"]:
            raise _SlackError("hash_conflict")
        stored = self._store_view(view, user_id, view_id=view_id)
        self._homes[user_id] = stored["id"]
        self._view_users[stored["id"]] = user_id
        return {"view": stored}

    def _usergroups_list(self, params: dict[str, Any]) -> dict[str, Any]:
        groups = [self._usergroup_object(g) for g in self._usergroups.values()]
        if _flag(params, "include_users"):
            groups = [{**g, "users": list(self._usergroups[g["id"]]["users"])} for g in groups]
        return {"usergroups": groups}

    def _usergroups_users_list(self, params: dict[str, Any]) -> dict[str, Any]:
        group = self._usergroups.get(str(params.get("usergroup") or ""))
        if group is None:
            raise _SlackError("no_such_subteam")
        return {"users": list(group["users"])}


class _Handler(BaseHTTPRequestHandler):
    """Routes /api/<method> to the stand-in, and /_standin/* to its inspection and seeding."""

    standin: SlackStandIn
    server_version = "SlackStandIn/1.0"

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("slack stand-in: " + format, *args)

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            if parts.path.startswith("/api/"):
                reply = self._api(parts.path[len("/api/") :], parts.query, raw)
            elif parts.path.startswith("/_standin/"):
                reply = self._control(parts.path[len("/_standin/") :], raw)
            else:
                reply = Reply(404, {"ok": False, "error": "not_found"}, {})
        except Exception:
            log.exception("slack stand-in failed on %s", self.path)
            reply = Reply(500, {"ok": False, "error": "internal_error"}, {})
        payload = json.dumps(reply.body).encode()
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            log.debug("slack stand-in: client went away before the answer to %s", self.path)

    def _api(self, method: str, query: str, raw: bytes) -> Reply:
        params: dict[str, Any] = {
            k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()
        }
        content_type = (self.headers.get("Content-Type") or "").lower()
        if "application/json" in content_type:
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                return Reply(200, {"ok": False, "error": "invalid_json"}, {})
            if not isinstance(body, dict):
                return Reply(200, {"ok": False, "error": "invalid_json"}, {})
            params.update(body)
        elif "multipart/form-data" in content_type:
            return Reply(200, {"ok": False, "error": "invalid_form_data"}, {})
        elif raw:
            form = parse_qs(raw.decode("utf-8"), keep_blank_values=True)
            params.update({k: v[-1] for k, v in form.items()})
        for key in JSON_FIELDS:
            if isinstance(params.get(key), str):
                # Left as a string when malformed; the method answers with its own format error.
                with contextlib.suppress(ValueError):
                    params[key] = json.loads(params[key])
        authorization = self.headers.get("Authorization") or ""
        token = params.pop("token", None)
        if authorization.startswith("Bearer "):
            token = authorization[len("Bearer ") :].strip()
        return self.standin.handle_api(method, params, token)

    def _control(self, action: str, raw: bytes) -> Reply:
        standin = self.standin
        if self.command == "GET" and action == "state":
            return Reply(200, {"ok": True, **standin.state()}, {})
        if self.command != "POST":
            return Reply(405, {"ok": False, "error": "method_not_allowed"}, {})
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            return Reply(400, {"ok": False, "error": "invalid_json"}, {})
        if action.startswith("respond/"):
            return standin.handle_response_url(action[len("respond/") :], body)
        try:
            if action == "users":
                return Reply(200, {"ok": True, "user": standin.add_user(**body)}, {})
            if action == "channels":
                return Reply(200, {"ok": True, "channel": standin.add_channel(**body)}, {})
            if action == "fail_next":
                standin.fail_next(**body)
            elif action == "delay_next":
                standin.delay_next(**body)
            elif action == "reset":
                standin.reset()
            else:
                return Reply(404, {"ok": False, "error": "not_found"}, {})
        except (TypeError, ValueError, KeyError) as bad:
            return Reply(400, {"ok": False, "error": str(bad)}, {})
        return Reply(200, {"ok": True}, {})


class StandInClient:
    """Inspects and seeds a stand-in running in another process, knowing only its URL."""

    def __init__(self, url: str, *, timeout: float = 5.0):
        base = url.split("/api/")[0].rstrip("/")
        self.url = f"{base}/"
        self.timeout = timeout

    def _call(self, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(  # noqa: S310 - http(s) URL of our own stand-in
            f"{self.url}_standin/{path}",
            data=data,
            method="GET" if body is None else "POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            return json.loads(response.read())

    def state(self) -> dict[str, Any]:
        return self._call("state")

    def add_user(self, id: str, **fields: Any) -> dict[str, Any]:
        return self._call("users", {"id": id, **fields})["user"]

    def add_channel(self, id: str, *, name: str, is_private: bool = False) -> dict[str, Any]:
        return self._call("channels", {"id": id, "name": name, "is_private": is_private})["channel"]

    def fail_next(self, method: str, **options: Any) -> None:
        self._call("fail_next", {"method": method, **options})

    def delay_next(self, method: str, seconds: float) -> None:
        self._call("delay_next", {"method": method, "seconds": seconds})

    def reset(self) -> None:
        self._call("reset", {})

    def messages(self, channel_or_user_id: str) -> list[dict[str, Any]]:
        channel = SlackStandIn._dm_id(channel_or_user_id)
        return self.state()["messages"].get(channel, [])


def _from_args(argv: list[str] | None = None) -> SlackStandIn:
    parser = argparse.ArgumentParser(
        prog="python -m plugin.devtools.slack_standin",
        description="Serve a local stand-in for the Slack Web API (set SLACK_API_URL to it).",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--users", type=Path, help="JSON: [user, …] or {users: […], channels: […]}")
    parser.add_argument("--token", action="append", help=f"accepted bot token ({DEFAULT_TOKEN})")
    parser.add_argument("--post-message-rate", type=float, default=None, help="per channel, /s")
    args = parser.parse_args(argv)
    standin = SlackStandIn(
        host=args.host,
        port=args.port,
        tokens=args.token or None,
        post_message_rate_per_channel=args.post_message_rate,
    )
    if args.users:
        standin.load_directory(json.loads(args.users.read_text(encoding="utf-8")))
    return standin


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    standin = _from_args()
    standin.start()
    print(f"Slack stand-in serving; SLACK_API_URL={standin.api_url}", flush=True)
    print(f"tokens: {', '.join(sorted(standin.tokens))}; state: {standin.url}_standin/state")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        standin.stop()
