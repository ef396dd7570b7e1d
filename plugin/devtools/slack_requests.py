"""Build the requests Slack sends to the app, signed as Slack signs them, for tests and the demo."""

from __future__ import annotations

import copy
import json
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as time_of_day
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

TEAM_ID = "T0STANDIN"
TEAM_DOMAIN = "standin"
APP_ID = "A0STANDIN"
BOT_USER_ID = "UBOT"
CHANNEL_ID = "C0GENERAL"
CHANNEL_NAME = "general"
VERIFICATION_TOKEN = "standin-verification-token"  # noqa: S105 - Slack's deprecated, public field
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
SLACK_EVENTS_PATH = "/slack/events"

Body = tuple[str, str]


def sign(
    body: bytes | str,
    secret: str,
    timestamp: int | None = None,
    content_type: str = FORM,
) -> dict[str, str]:
    """Headers Slack sends with `body`: timestamp, v0 HMAC-SHA256 signature, Content-Type."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    return {
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature or "",
        "Content-Type": content_type,
    }


def new_trigger_id(user_id: str, *, now: float | None = None) -> str:
    """A trigger_id the stand-in ties to `user_id` and expires like Slack's (3 s)."""
    issued = int((time.time() if now is None else now) * 1000)
    return f"{issued}.{user_id}.{secrets.token_hex(10)}"


def _user(user_id: str, team_id: str, user_name: str | None) -> dict[str, str]:
    name = user_name or user_id.lower()
    return {"id": user_id, "username": name, "name": name, "team_id": team_id}


def _form_payload(payload: dict[str, Any]) -> Body:
    return urlencode({"payload": json.dumps(payload, separators=(",", ":"))}), FORM


def slash_command(
    command: str,
    text: str = "",
    user_id: str = "U0STANDIN",
    team_id: str = TEAM_ID,
    trigger_id: str | None = None,
    response_url: str = "https://hooks.slack.com/commands/T0STANDIN/1/standin",
    *,
    channel_id: str = CHANNEL_ID,
    channel_name: str = CHANNEL_NAME,
    user_name: str | None = None,
) -> Body:
    """A slash command invocation, form-encoded with Slack's fields in Slack's order."""
    fields = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": user_name or user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id or new_trigger_id(user_id),
    }
    return urlencode(fields), FORM


def view_submission(
    view: dict[str, Any],
    user_id: str,
    values: dict[str, dict[str, Any]],
    *,
    team_id: str = TEAM_ID,
    trigger_id: str | None = None,
    user_name: str | None = None,
    response_urls: list[dict[str, Any]] | None = None,
) -> Body:
    """A modal's submission: the view as Slack stored it, with `values` as its state."""
    submitted = copy.deepcopy(view)
    submitted.setdefault("id", "V0000000000")
    submitted.setdefault("team_id", team_id)
    submitted.setdefault("private_metadata", "")
    submitted.setdefault("callback_id", "")
    submitted.setdefault("hash", f"{int(time.time())}.standin")
    submitted.setdefault("app_id", APP_ID)
    submitted.setdefault("bot_id", "BBOT")
    submitted.setdefault("root_view_id", submitted["id"])
    submitted.setdefault("previous_view_id", None)
    submitted["state"] = {"values": copy.deepcopy(values)}
    payload = {
        "type": "view_submission",
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "user": _user(user_id, team_id, user_name),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(user_id),
        "view": submitted,
        "response_urls": response_urls or [],
        "is_enterprise_install": False,
        "enterprise": None,
    }
    return _form_payload(payload)


def block_actions(
    user_id: str,
    actions: list[dict[str, Any]],
    message: dict[str, Any] | None = None,
    container: dict[str, Any] | None = None,
    channel_id: str | None = None,
    trigger_id: str | None = None,
    *,
    view: dict[str, Any] | None = None,
    team_id: str = TEAM_ID,
    user_name: str | None = None,
    response_url: str = "https://hooks.slack.com/actions/T0STANDIN/1/standin",
    state_values: dict[str, dict[str, Any]] | None = None,
) -> Body:
    """A click (or other element action) in a message or in a view, as Slack posts it."""
    action_ts = f"{time.time():.6f}"
    filled = [{"type": "button", "action_ts": action_ts, **action} for action in actions]
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": _user(user_id, team_id, user_name),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(user_id),
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "enterprise": None,
        "is_enterprise_install": False,
        "actions": filled,
    }
    if view is not None:
        shown = copy.deepcopy(view)
        shown.setdefault("state", {"values": {}})
        if state_values is not None:
            shown["state"] = {"values": copy.deepcopy(state_values)}
        payload["container"] = container or {"type": "view", "view_id": shown.get("id", "")}
        payload["view"] = shown
    else:
        channel = channel_id or (message or {}).get("channel") or CHANNEL_ID
        payload["container"] = container or {
            "type": "message",
            "message_ts": (message or {}).get("ts", ""),
            "channel_id": channel,
            "is_ephemeral": False,
        }
        payload["channel"] = {"id": channel, "name": "directmessage" if channel[:1] == "D" else ""}
        if message is not None:
            payload["message"] = {
                "type": "message",
                "user": BOT_USER_ID,
                "bot_id": "BBOT",
                "app_id": APP_ID,
                "team": team_id,
                **{
                    k: copy.deepcopy(v)
                    for k, v in message.items()
                    if k not in _RECORD_ONLY and v is not None
                },
            }
        payload["state"] = {"values": copy.deepcopy(state_values or {})}
        payload["response_url"] = response_url
    return _form_payload(payload)


_RECORD_ONLY = frozenset({"channel", "updates"})


def event_callback(
    event: dict[str, Any],
    event_id: str | None = None,
    team_id: str = TEAM_ID,
    *,
    event_time: int | None = None,
) -> Body:
    """An Events API delivery (JSON), with the authorizations Slack includes."""
    stamp = int(time.time()) if event_time is None else event_time
    payload = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "api_app_id": APP_ID,
        "event": {"event_ts": f"{stamp}.000100", **event},
        "type": "event_callback",
        "event_id": event_id or f"Ev{secrets.token_hex(5).upper()}",
        "event_time": stamp,
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{secrets.token_hex(16)}",
    }
    return json.dumps(payload), JSON


def url_verification(challenge: str) -> Body:
    """The handshake Slack sends when the Events request URL is set."""
    payload = {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}
    return json.dumps(payload), JSON


def action_from(
    blocks_or_message: list[dict[str, Any]] | dict[str, Any],
    action_id: str,
    *,
    value: str | None = None,
) -> dict[str, Any]:
    """The `actions[0]` Slack sends when the element `action_id` in these blocks is clicked."""
    blocks = (
        blocks_or_message.get("blocks") or []
        if isinstance(blocks_or_message, dict)
        else blocks_or_message
    )
    for block in blocks:
        elements = list(block.get("elements") or []) if block.get("type") == "actions" else []
        elements += [block[k] for k in ("accessory", "element") if isinstance(block.get(k), dict)]
        for element in elements:
            if element.get("action_id") != action_id:
                continue
            action: dict[str, Any] = {
                "action_id": action_id,
                "block_id": block.get("block_id", ""),
                "type": element.get("type", "button"),
            }
            if element.get("type") == "button":
                action["text"] = copy.deepcopy(element.get("text"))
                if "value" in element or value is not None:
                    action["value"] = element.get("value") if value is None else value
                if "style" in element:
                    action["style"] = element["style"]
            elif element.get("type") == "overflow":
                action["selected_option"] = _option(element, value)
            elif value is not None:
                action["value"] = value
            return action
    raise KeyError(f"no element with action_id {action_id!r} in these blocks")


def _options(element: dict[str, Any]) -> list[dict[str, Any]]:
    options = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        options.extend(group.get("options") or [])
    return options


def _option(element: dict[str, Any], value: Any) -> dict[str, Any]:
    for option in _options(element):
        if option.get("value") == value:
            return copy.deepcopy(option)
    known = [o.get("value") for o in _options(element)]
    raise ValueError(f"{value!r} is not an option of {element.get('action_id')!r}; have {known}")


def _iso_date(value: Any) -> str:
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, date) else str(value)


def _hh_mm(value: Any) -> str:
    return value.strftime("%H:%M") if isinstance(value, time_of_day | datetime) else str(value)


def _epoch(value: Any) -> int:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("datetimepicker answers must be timezone-aware datetimes")
        return int(value.timestamp())
    return int(value)


def _rich_text(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return copy.deepcopy(value)
    section = {"type": "rich_text_section", "elements": [{"type": "text", "text": str(value)}]}
    return {"type": "rich_text", "elements": [section]}


_INITIAL_KEYS = {
    "plain_text_input": ("initial_value", "value"),
    "email_text_input": ("initial_value", "value"),
    "url_text_input": ("initial_value", "value"),
    "number_input": ("initial_value", "value"),
    "static_select": ("initial_option", "selected_option"),
    "external_select": ("initial_option", "selected_option"),
    "radio_buttons": ("initial_option", "selected_option"),
    "multi_static_select": ("initial_options", "selected_options"),
    "multi_external_select": ("initial_options", "selected_options"),
    "checkboxes": ("initial_options", "selected_options"),
    "users_select": ("initial_user", "selected_user"),
    "multi_users_select": ("initial_users", "selected_users"),
    "conversations_select": ("initial_conversation", "selected_conversation"),
    "multi_conversations_select": ("initial_conversations", "selected_conversations"),
    "channels_select": ("initial_channel", "selected_channel"),
    "multi_channels_select": ("initial_channels", "selected_channels"),
    "datepicker": ("initial_date", "selected_date"),
    "timepicker": ("initial_time", "selected_time"),
    "datetimepicker": ("initial_date_time", "selected_date_time"),
    "rich_text_input": ("initial_value", "rich_text_value"),
}
_MULTI = {"multi_static_select", "multi_external_select", "checkboxes"}
_LISTS = {"multi_users_select", "multi_conversations_select", "multi_channels_select"}


def _element_state(element: dict[str, Any], answered: bool, answer: Any) -> dict[str, Any]:
    kind = element.get("type", "")
    if kind not in _INITIAL_KEYS:
        raise ValueError(f"state_values_for does not know element type {kind!r}")
    initial_key, key = _INITIAL_KEYS[kind]
    state: dict[str, Any] = {"type": kind}
    if kind == "timepicker" and "timezone" in element:
        state["timezone"] = element["timezone"]
    if not answered:
        empty: Any = [] if kind in _MULTI | _LISTS else None
        state[key] = copy.deepcopy(element.get(initial_key, empty))
        return state
    if answer is None:
        state[key] = [] if kind in _MULTI | _LISTS else None
    elif kind in ("static_select", "radio_buttons"):
        state[key] = _option(element, answer)
    elif kind in ("external_select",):
        state[key] = copy.deepcopy(answer)
    elif kind in _MULTI:
        if kind == "multi_external_select":
            state[key] = copy.deepcopy(list(answer))
        else:
            state[key] = [_option(element, v) for v in answer]
    elif kind in _LISTS:
        state[key] = list(answer)
    elif kind == "datepicker":
        state[key] = _iso_date(answer)
    elif kind == "timepicker":
        state[key] = _hh_mm(answer)
    elif kind == "datetimepicker":
        state[key] = _epoch(answer)
    elif kind == "rich_text_input":
        state[key] = _rich_text(answer)
    else:
        state[key] = str(answer)
    return state


def state_values_for(view: dict[str, Any], answers: Mapping[str, Any]) -> dict[str, Any]:
    """The `view.state.values` Slack would send for a modal filled in with `answers`.

    `answers` maps action_id to a Python value: text for inputs, an option value (or a list of
    them) for selects, radio buttons and checkboxes, user IDs, `date`, `time`, aware `datetime`.
    Inputs left out carry their initial value, or the empty shape Slack sends.
    """
    values: dict[str, dict[str, Any]] = {}
    used: set[str] = set()
    for block in view.get("blocks", []):
        if block.get("type") != "input" or not isinstance(block.get("element"), dict):
            continue
        element = block["element"]
        block_id, action_id = block.get("block_id"), element.get("action_id")
        if not block_id or not action_id:
            raise ValueError(
                "input blocks need block_id and element action_id (the stand-in's stored view "
                "has the ones Slack would generate)"
            )
        answered = action_id in answers
        used.add(action_id)
        state = _element_state(element, answered, answers.get(action_id))
        values.setdefault(block_id, {})[action_id] = state
    unknown = set(answers) - used
    if unknown:
        raise KeyError(f"no input with action_id {sorted(unknown)} in this view")
    return values


@dataclass(frozen=True)
class HttpResult:
    """What a URL-based post answered: status, headers and body text."""

    status: int
    headers: dict[str, str]
    body: str

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


Post = Callable[[str, str, dict[str, str]], Any]


def post_to_url(base_url: str, *, timeout: float = 10.0) -> Post:
    """A `post(path, body, headers)` that sends over HTTP to a running app at `base_url`."""

    def post(path: str, body: str, headers: dict[str, str]) -> HttpResult:
        request = urllib.request.Request(  # noqa: S310 - the caller's app URL
            base_url.rstrip("/") + path, data=body.encode(), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return HttpResult(response.status, dict(response.headers), response.read().decode())
        except urllib.error.HTTPError as failed:
            return HttpResult(failed.code, dict(failed.headers), failed.read().decode())

    return post


def post_to_flask(test_client: Any) -> Post:
    """A `post(path, body, headers)` through a Flask test client; answers its Response."""

    def post(path: str, body: str, headers: dict[str, str]) -> Any:
        return test_client.post(path, data=body, headers=headers)

    return post


class SignedSlackClient:
    """Talks to the app the way Slack does: signed commands, submissions, clicks and events."""

    def __init__(
        self,
        post: Post,
        secret: str,
        *,
        path: str = SLACK_EVENTS_PATH,
        clock: Callable[[], float] = time.time,
    ):
        self.post = post
        self.secret = secret
        self.path = path
        self.clock = clock

    def send(
        self, body: str, content_type: str, extra_headers: dict[str, str] | None = None
    ) -> Any:
        headers = sign(body, self.secret, int(self.clock()), content_type)
        headers.update(extra_headers or {})
        return self.post(self.path, body, headers)

    def command(self, command: str, text: str = "", *, user_id: str, **options: Any) -> Any:
        return self.send(*slash_command(command, text, user_id, **options))

    def submit_view(
        self,
        view: dict[str, Any],
        *,
        user_id: str,
        answers: Mapping[str, Any] | None = None,
        values: dict[str, dict[str, Any]] | None = None,
        **options: Any,
    ) -> Any:
        """Submit `view`; state from `values` as given, else from `answers` by action_id."""
        state = values if values is not None else state_values_for(view, answers or {})
        return self.send(*view_submission(view, user_id, state, **options))

    def click(
        self,
        action_id: str,
        *,
        user_id: str,
        message: dict[str, Any] | None = None,
        view: dict[str, Any] | None = None,
        value: str | None = None,
        **options: Any,
    ) -> Any:
        """Click the element `action_id` found in `message` or `view` blocks."""
        source = message if message is not None else view
        if source is None:
            raise ValueError("click needs the message or the view that holds the element")
        action = action_from(source, action_id, value=value)
        return self.send(*block_actions(user_id, [action], message=message, view=view, **options))

    def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str = "http_timeout",
        **options: Any,
    ) -> Any:
        extra = {}
        if retry_num is not None:
            extra = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": retry_reason}
        return self.send(*event_callback(event, event_id, **options), extra_headers=extra)
