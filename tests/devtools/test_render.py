"""Block Kit rendered as terminal text."""

from __future__ import annotations

from plugin.devtools.render import mrkdwn_to_text, render_blocks, render_message, render_view


def mrkdwn(text: str) -> dict:
    return {"type": "mrkdwn", "text": text}


def plain(text: str) -> dict:
    return {"type": "plain_text", "text": text}


def test_mrkdwn_is_made_readable():
    text = (
        "*Strong yes* from <@U0ANA> and <@U0KAI|kai> in <#C0HIRING|hiring>, "
        "<!date^1700000000^{date_short_pretty} at {time}|Nov 14 at 10:13 PM>; "
        "see <https://ats.example/c/1|the profile> or <https://ats.example> &amp; "
        "<mailto:ana@example.com|ana@example.com>. <!here> snake_case_name stays _as is_"
    )
    assert mrkdwn_to_text(text, {"U0ANA": "Ana Diaz"}) == (
        "Strong yes from @Ana Diaz and @kai in #hiring, Nov 14 at 10:13 PM; "
        "see the profile (https://ats.example/c/1) or https://ats.example & "
        "ana@example.com. @here snake_case_name stays as is"
    )


def test_date_without_fallback_is_shown_in_utc():
    assert mrkdwn_to_text("<!date^1700000000^{date}>") == "2023-11-14 22:13 UTC"


def test_render_blocks():
    blocks = [
        {"type": "header", "text": plain("Ana Diaz")},
        {
            "type": "section",
            "text": mrkdwn("*Role:* Backend, with <@U0KAI>"),
            "fields": [mrkdwn("*Strengths*\nAPIs"), mrkdwn("*Probe*\nOn-call")],
            "accessory": {"type": "button", "text": plain("Open")},
        },
        {"type": "context", "elements": [mrkdwn("From the screen"), plain("draft")]},
        {"type": "divider"},
        {
            "type": "actions",
            "elements": [
                {"type": "button", "text": plain("Accept"), "style": "primary"},
                {"type": "button", "text": plain("Decline")},
            ],
        },
        {"type": "image", "image_url": "https://x/y.png", "alt_text": "chart"},
    ]
    assert render_blocks(blocks, names={"U0KAI": "Kai"}) == "\n".join(
        [
            "Ana Diaz",
            "========",
            "",
            "Role: Backend, with @Kai",
            "  • Strengths",
            "    APIs",
            "  • Probe",
            "    On-call",
            "  [ Open ]",
            "   From the screen · draft",
            "─" * 60,
            "[ Accept ]  [ Decline ]",
            "",
            "[image: chart]",
        ]
    )


def test_render_view_shows_inputs_and_buttons():
    view = {
        "type": "modal",
        "title": plain("Hand off"),
        "submit": plain("Send"),
        "blocks": [
            {
                "type": "input",
                "label": plain("Candidate"),
                "element": {"type": "plain_text_input"},
            },
            {
                "type": "input",
                "optional": True,
                "label": plain("Role"),
                "element": {
                    "type": "static_select",
                    "placeholder": plain("Pick a role"),
                    "options": [
                        {"text": plain("Backend"), "value": "be"},
                        {"text": plain("SRE"), "value": "sre"},
                    ],
                },
                "hint": plain("From the role profile"),
            },
        ],
    }
    assert render_view(view) == "\n".join(
        [
            "┌─ Hand off",
            "",
            "Candidate: ____",
            "",
            "Role (optional): [ Pick a role ▾ ]  (Backend / SRE)",
            "   From the role profile",
            "",
            "└─ [ Cancel ]  [ Send ]",
        ]
    )


def test_render_message_falls_back_to_text_and_reads_rich_text():
    assert render_message({"text": "Hi <@U0ANA>", "blocks": None}, {"U0ANA": "Ana"}) == "Hi @Ana"
    rich = {
        "type": "rich_text",
        "elements": [
            {"type": "rich_text_section", "elements": [{"type": "text", "text": "Prep:"}]},
            {
                "type": "rich_text_list",
                "style": "bullet",
                "elements": [
                    {"type": "rich_text_section", "elements": [{"type": "text", "text": "STAR"}]},
                    {"type": "rich_text_section", "elements": [{"type": "user", "user_id": "U1"}]},
                ],
            },
        ],
    }
    assert render_message({"blocks": [rich]}, {"U1": "Kai"}) == "Prep:\n• STAR\n• @Kai"
