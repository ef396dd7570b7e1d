"""The Slack app manifest, with the public URL filled into every request URL."""

from __future__ import annotations

from urllib.parse import urlparse

PLACEHOLDER_URL = "https://secondround.example.com"

BOT_SCOPES = [
    "chat:write",
    "commands",
    "im:history",
    "im:write",
    "usergroups:read",  # HANDOFF_USER_GROUP: who may start hand-offs (README, "Who sees what")
    "users:read",
]
BOT_EVENTS = ["message.im"]


class ManifestError(ValueError):
    """The public URL given for the manifest is not usable."""


def slack_manifest(public_url: str) -> dict:
    parsed = urlparse(public_url)
    if parsed.scheme != "https" or not parsed.netloc or parsed.query or parsed.fragment:
        raise ManifestError(
            f"--url must be the app's public https URL, like {PLACEHOLDER_URL}; got {public_url!r}"
        )
    events_url = public_url.rstrip("/") + "/slack/events"
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": "Second Round",
            "description": "From the recruiter's screen to the hiring manager's second interview.",
            "long_description": (
                "Second Round carries a screened candidate from the recruiter to the hiring "
                "manager: a structured screening brief in a DM with buttons to accept, decline or "
                "ask the recruiter; behavioral-question kits for each interviewer; and prep "
                "messages for the candidate before the second interview. Recruiters start with "
                "/handoff; anyone can look up interview questions with /questions."
            ),
            "background_color": "#1d3a5f",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": False,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": "Second Round", "always_online": True},
            "slash_commands": [
                {
                    "command": "/handoff",
                    "url": events_url,
                    "description": "Hand a screened candidate to the hiring manager",
                    "usage_hint": "[candidate name | list | forget email | help]",
                    "should_escape": False,
                },
                {
                    "command": "/questions",
                    "url": events_url,
                    "description": "Behavioral interview questions for a competency or role",
                    "usage_hint": "<competency or role>",
                    "should_escape": False,
                },
            ],
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": {
            "event_subscriptions": {"request_url": events_url, "bot_events": list(BOT_EVENTS)},
            "interactivity": {
                "is_enabled": True,
                "request_url": events_url,
                "message_menu_options_url": events_url,
            },
            "org_deploy_enabled": False,
            "socket_mode_enabled": False,
            "token_rotation_enabled": False,
        },
    }
