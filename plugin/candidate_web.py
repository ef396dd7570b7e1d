"""GET/POST /candidate/opt-out?token=…: the candidate stops prep reminders (never the interview).

GET only shows a page with a button: link scanners and mail previews fetch links, and must not
opt anyone out. POST opts out: from that page's button, or straight from the mail client as
RFC 8058 one-click unsubscribe (`List-Unsubscribe-Post: List-Unsubscribe=One-Click`, which POSTs
`List-Unsubscribe=One-Click` to the List-Unsubscribe URL). The signed token names the hand-off.
"""

from __future__ import annotations

import html

from flask import Flask, request

from plugin.domain import candidate_text as say
from plugin.domain.handoff import State
from plugin.optout import OPT_OUT_PATH, handoff_id_from_token, opt_out, reminders_stopped

HEADERS = {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
    ),
}
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title></head>
<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:32rem;
margin:3rem auto;padding:0 1rem;line-height:1.5;color:#222">
<h1 style="font-size:1.4rem">{title}</h1>
{body}
</body></html>
"""
FORM = """<p>{text}</p>
<form method="post" action="{action}">
<button type="submit" style="font-size:1rem;padding:.6rem 1.2rem">{button}</button>
</form>"""


def init_app(app: Flask, services) -> None:
    @app.route(OPT_OUT_PATH, methods=["GET", "POST"])
    def candidate_opt_out():
        token = request.args.get("token") or request.form.get("token") or ""
        handoff_id = handoff_id_from_token(services.settings.secret_key, token)
        if handoff_id is None:
            return page(say.PAGE_INVALID), 400, HEADERS
        handoff = services.store.find(handoff_id)
        if handoff is None or handoff.state not in (State.OPEN, State.ACCEPTED):
            return page(say.PAGE_GONE), 200, HEADERS
        role = html.escape(handoff.role_title)
        if request.method == "POST":
            opt_out(services, handoff.id)
            return page(say.PAGE_DONE.format(role=role)), 200, HEADERS
        if reminders_stopped(handoff):
            return page(say.PAGE_DONE.format(role=role)), 200, HEADERS
        action = html.escape(f"{OPT_OUT_PATH}?token={token}", quote=True)
        form = FORM.format(
            text=say.PAGE_CONFIRM.format(role=role),
            action=action,
            button=html.escape(say.PAGE_BUTTON),
        )
        return PAGE.format(title=html.escape(say.PAGE_TITLE), body=form), 200, HEADERS


def page(text: str) -> str:
    """`text` must already be escaped where it holds anything a person typed."""
    return PAGE.format(title=html.escape(say.PAGE_TITLE), body=f"<p>{text}</p>")
