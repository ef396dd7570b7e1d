"""Reading Bot Framework activities: who sent it, what they typed, what a card action carried."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

MENTION = re.compile(r"<at\b[^>]*>(.*?)</at>", re.IGNORECASE | re.DOTALL)
LEADING_MENTION = re.compile(r"^\s*<at\b[^>]*>.*?</at>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")
MAX_COMMAND = 500


def _mapping(value) -> Mapping:
    return value if isinstance(value, Mapping) else {}


def bot_id_of(activity: Mapping) -> str:
    """The bot's own ID: the activity's recipient."""
    found = _mapping(activity.get("recipient")).get("id")
    return found if isinstance(found, str) else ""


def sender(activity: Mapping) -> tuple[str, str, str]:
    """(AAD object ID, Teams user ID, name) of whoever sent the activity."""
    who = activity.get("from") or {}
    if not isinstance(who, dict):
        return "", "", ""
    return (
        str(who.get("aadObjectId") or "").lower(),
        str(who.get("id") or ""),
        str(who.get("name") or ""),
    )


def bot_mentions(activity: Mapping) -> set[str]:
    """The texts of the mentions that name this bot (the activity's recipient)."""
    bot_id = bot_id_of(activity)
    found = set()
    entities = activity.get("entities")
    for entity in entities if isinstance(entities, list) else []:
        if not isinstance(entity, dict) or entity.get("type") != "mention":
            continue
        mentioned = _mapping(entity.get("mentioned"))
        if bot_id and mentioned.get("id") == bot_id and isinstance(entity.get("text"), str):
            found.add(entity["text"])
    return found


def command_text(activity: Mapping) -> str:
    """What the person typed, without the bot's @mention (named in the entities, or leading the
    text), other mentions kept as plain names."""
    raw = activity.get("text")
    if not isinstance(raw, str):
        return ""
    raw = raw[: MAX_COMMAND * 4]
    for mention in bot_mentions(activity):
        raw = raw.replace(mention, " ")
    raw = LEADING_MENTION.sub(" ", raw)
    raw = MENTION.sub(lambda m: m.group(1), raw)
    raw = html.unescape(TAG.sub(" ", raw)).replace("\xa0", " ")
    return " ".join(raw.split())[:MAX_COMMAND]


def action_of(activity: Mapping) -> tuple[str, dict]:
    """(verb, data) of an Action.Execute invoke; data holds the card's inputs too."""
    value = activity.get("value") or {}
    action = value.get("action") if isinstance(value, dict) else None
    if not isinstance(action, dict) or action.get("type") != "Action.Execute":
        return "", {}
    data = action.get("data")
    return str(action.get("verb") or ""), data if isinstance(data, dict) else {}


def bot_added(activity: Mapping) -> bool:
    bot_id = bot_id_of(activity)
    added = activity.get("membersAdded")
    added = added if isinstance(added, list) else []
    return bool(bot_id) and any(isinstance(m, dict) and m.get("id") == bot_id for m in added)


def bot_removed(activity: Mapping) -> bool:
    bot_id = bot_id_of(activity)
    removed = activity.get("membersRemoved")
    removed = removed if isinstance(removed, list) else []
    uninstalled = activity.get("type") == "installationUpdate" and str(
        activity.get("action") or ""
    ).startswith("remove")
    return uninstalled or (
        bool(bot_id) and any(isinstance(m, dict) and m.get("id") == bot_id for m in removed)
    )
