"""Small Block Kit element helpers shared by the builders, with Slack's length limits applied."""

from __future__ import annotations

SECTION_TEXT_LIMIT = 3000
HEADER_LIMIT = 150
PLAIN_TEXT_LIMIT = 75


def escape(text: str) -> str:
    """Escape user text for mrkdwn so it cannot mention @channel or forge links."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plain(text: str, limit: int = PLAIN_TEXT_LIMIT) -> dict:
    return {"type": "plain_text", "text": clip(text, limit), "emoji": True}


def header(text: str) -> dict:
    return {"type": "header", "text": plain(text, HEADER_LIMIT)}


def section(markdown: str, block_id: str | None = None) -> dict:
    block = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": clip(markdown, SECTION_TEXT_LIMIT)},
    }
    if block_id:
        block["block_id"] = block_id
    return block


def fields(*markdowns: str) -> dict:
    return {
        "type": "section",
        "fields": [{"type": "mrkdwn", "text": clip(m, 2000)} for m in markdowns[:10]],
    }


def context(markdown: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(markdown, 2000)}]}


def divider() -> dict:
    return {"type": "divider"}


def button(text: str, action_id: str, value: str, style: str | None = None) -> dict:
    element = {"type": "button", "text": plain(text), "action_id": action_id, "value": value}
    if style:
        element["style"] = style
    return element


def actions(block_id: str, *elements: dict) -> dict:
    return {"type": "actions", "block_id": block_id, "elements": list(elements)}


def option(text: str, value: str) -> dict:
    return {"text": plain(text), "value": value}


def quote(text: str) -> str:
    """Quote user text line by line, escaped."""
    return "\n".join(">" + line for line in escape(text).splitlines() or [""])


def modal(callback_id: str, title: str, submit: str, blocks: list[dict], **extra) -> dict:
    view = {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, 24),
        "submit": plain(submit, 24),
        "close": plain("Cancel", 24),
        "blocks": blocks,
    }
    view.update(extra)
    return view


def text_input(
    block_id: str,
    label: str,
    *,
    multiline: bool = False,
    optional: bool = False,
    max_length: int | None = None,
    initial: str = "",
    placeholder: str = "",
    hint: str = "",
) -> dict:
    element: dict = {"type": "plain_text_input", "action_id": block_id, "multiline": multiline}
    if max_length:
        element["max_length"] = max_length
    if initial:
        element["initial_value"] = initial
    if placeholder:
        element["placeholder"] = plain(placeholder, 150)
    return input_block(block_id, label, element, optional=optional, hint=hint)


def input_block(
    block_id: str, label: str, element: dict, *, optional: bool = False, hint: str = ""
) -> dict:
    block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label, 2000),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint, 2000)
    return block
