"""Block Kit as plain terminal text, so the demo and failing tests show messages readably."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

RULE = "─" * 60
_ANGLE = re.compile(r"<([^<>\n]+)>")
_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_SELECTS = {
    "static_select",
    "external_select",
    "users_select",
    "conversations_select",
    "channels_select",
    "multi_static_select",
    "multi_external_select",
    "multi_users_select",
    "multi_conversations_select",
    "multi_channels_select",
}


def _angle(inner: str, names: Mapping[str, str]) -> str:
    target, _, label = inner.partition("|")
    if target.startswith("@"):
        user_id = target[1:]
        return "@" + (names.get(user_id) or label or user_id)
    if target.startswith("#"):
        channel_id = target[1:]
        return "#" + (names.get(channel_id) or label or channel_id)
    if target.startswith("!"):
        parts = target[1:].split("^")
        if parts[0] == "date":
            if label:
                return label
            stamp = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
            return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%d %H:%M UTC")
        if parts[0] == "subteam":
            return label or "@" + (parts[1] if len(parts) > 1 else "team")
        return label or "@" + parts[0]
    if not label or label == target or target == f"mailto:{label}":
        return label or target
    return f"{label} ({target})"


def mrkdwn_to_text(text: str, names: Mapping[str, str] | None = None) -> str:
    """Slack mrkdwn made readable: mentions, dates and links resolved, `*bold*` unmarked."""
    names = names or {}
    text = _ANGLE.sub(lambda match: _angle(match.group(1), names), text)
    text = _BOLD.sub(r"\1", text)
    text = _ITALIC.sub(r"\1", text)
    return html.unescape(text)


def _text(obj: Any, names: Mapping[str, str]) -> str:
    if isinstance(obj, str):
        return obj
    if not isinstance(obj, dict):
        return ""
    if obj.get("type") == "mrkdwn":
        return mrkdwn_to_text(obj.get("text", ""), names)
    return obj.get("text", "")


def _indent(text: str, prefix: str = "  ") -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def _option_texts(element: dict[str, Any], names: Mapping[str, str]) -> list[str]:
    options = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        options.extend(group.get("options") or [])
    return [_text(option.get("text"), names) for option in options]


def _element(element: dict[str, Any], names: Mapping[str, str]) -> str:
    kind = element.get("type", "")
    if kind in ("button", "workflow_button"):
        return f"[ {_text(element.get('text'), names)} ]"
    if kind == "image":
        return f"[image: {element.get('alt_text', '')}]"
    if kind == "overflow":
        return "[ … ]"
    if kind in _SELECTS:
        chosen = element.get("initial_option") or {}
        shown = _text(chosen.get("text"), names) if chosen else ""
        if element.get("initial_user"):
            shown = "@" + names.get(element["initial_user"], element["initial_user"])
        shown = shown or _text(element.get("placeholder"), names) or "Select"
        return f"[ {shown} ▾ ]"
    if kind in ("datepicker", "timepicker", "datetimepicker"):
        initial = element.get("initial_date") or element.get("initial_time")
        if element.get("initial_date_time"):
            stamp = int(element["initial_date_time"])
            initial = datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%d %H:%M UTC")
        return f"[ {initial or _text(element.get('placeholder'), names) or kind} ]"
    if kind in ("checkboxes", "radio_buttons"):
        mark = "[ ]" if kind == "checkboxes" else "( )"
        return "  ".join(f"{mark} {text}" for text in _option_texts(element, names))
    if kind in ("plain_text_input", "email_text_input", "url_text_input", "number_input"):
        return element.get("initial_value") or "____"
    if kind in ("mrkdwn", "plain_text"):
        return _text(element, names)
    return f"[{kind}]"


def _rich_text(elements: list[dict[str, Any]], names: Mapping[str, str]) -> str:
    lines: list[str] = []
    for element in elements:
        kind = element.get("type")
        if kind == "rich_text_list":
            for number, item in enumerate(element.get("elements", []), start=1):
                bullet = f"{number}." if element.get("style") == "ordered" else "•"
                lines.append(f"{bullet} {_rich_text([item], names)}")
            continue
        parts = []
        for part in element.get("elements", []):
            if part.get("type") == "user":
                parts.append("@" + names.get(part.get("user_id", ""), part.get("user_id", "")))
            elif part.get("type") == "channel":
                channel_id = part.get("channel_id", "")
                parts.append("#" + names.get(channel_id, channel_id))
            elif part.get("type") == "link":
                url = part.get("url", "")
                parts.append(f"{part['text']} ({url})" if part.get("text") else url)
            elif part.get("type") == "emoji":
                parts.append(f":{part.get('name', '')}:")
            else:
                parts.append(part.get("text", ""))
        text = "".join(parts)
        if kind == "rich_text_quote":
            text = _indent(text, "> ")
        elif kind == "rich_text_preformatted":
            text = _indent(text, "    ")
        lines.append(text)
    return "\n".join(lines)


def _block(block: dict[str, Any], names: Mapping[str, str]) -> str:
    kind = block.get("type")
    if kind == "header":
        text = _text(block.get("text"), names)
        return f"{text}\n{'=' * len(text)}"
    if kind == "section":
        lines = []
        if block.get("text"):
            lines.append(_text(block["text"], names))
        for field in block.get("fields") or []:
            first, *rest = _text(field, names).splitlines() or [""]
            lines.append("\n".join([f"  • {first}", *(f"    {line}" for line in rest)]))
        if isinstance(block.get("accessory"), dict):
            lines.append(_indent(_element(block["accessory"], names)))
        return "\n".join(lines)
    if kind == "divider":
        return RULE
    if kind == "context":
        texts = [
            _text(e, names) if e.get("type") != "image" else f"[{e.get('alt_text', 'image')}]"
            for e in block.get("elements") or []
        ]
        return _indent(" · ".join(texts), "   ")
    if kind == "actions":
        return "  ".join(_element(e, names) for e in block.get("elements") or [])
    if kind == "input":
        label = _text(block.get("label"), names)
        if block.get("optional"):
            label += " (optional)"
        element = block.get("element") or {}
        line = f"{label}: {_element(element, names)}"
        if element.get("type") in _SELECTS and _option_texts(element, names):
            line += "  (" + " / ".join(_option_texts(element, names)) + ")"
        if block.get("hint"):
            line += "\n" + _indent(_text(block["hint"], names), "   ")
        return line
    if kind == "image":
        title = _text(block.get("title"), names)
        return f"[image: {title or block.get('alt_text', '')}]"
    if kind == "rich_text":
        return _rich_text(block.get("elements") or [], names)
    if kind == "markdown":
        return block.get("text", "")
    if kind == "video":
        return f"[video: {_text(block.get('title'), names)}]"
    return f"[{kind}]"


def render_blocks(blocks: list[dict[str, Any]], names: Mapping[str, str] | None = None) -> str:
    """Blocks as terminal text; `names` maps user and channel IDs to the names to show."""
    names = names or {}
    out: list[str] = []
    previous = None
    for block in blocks:
        text = _block(block, names)
        kind = block.get("type")
        if out:
            tight = kind in ("context", "divider") or previous == "divider"
            out.append("\n" if tight else "\n\n")
        out.append(text)
        previous = kind
    return "".join(out)


def render_message(message: dict[str, Any], names: Mapping[str, str] | None = None) -> str:
    """A posted message: its blocks when it has them, else its mrkdwn text."""
    if message.get("blocks"):
        return render_blocks(message["blocks"], names)
    return mrkdwn_to_text(message.get("text") or "", names or {})


def render_view(view: dict[str, Any], names: Mapping[str, str] | None = None) -> str:
    """A modal or Home tab: title bar, blocks, then the close and submit buttons."""
    names = names or {}
    title = _text(view.get("title"), names) or ("Home" if view.get("type") == "home" else "")
    lines = [f"┌─ {title}", "", render_blocks(view.get("blocks") or [], names), ""]
    buttons = []
    if view.get("type") == "modal":
        buttons.append(f"[ {_text(view.get('close'), names) or 'Cancel'} ]")
    if view.get("submit"):
        buttons.append(f"[ {_text(view['submit'], names)} ]")
    lines.append("└─ " + "  ".join(buttons) if buttons else "└─")
    return "\n".join(lines)
