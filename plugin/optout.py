"""Candidates opting out of prep reminders: signed links, and the change itself.

An opt-out stops reminders only. The interview stays, and the confirmation, updates and a
cancellation still reach the candidate. The recruiter is told (event "opted_out").

Links are `{PUBLIC_URL}/candidate/opt-out?token=…`, the token an itsdangerous signature of the
hand-off ID with SECRET_KEY. Without PUBLIC_URL (and so without a working one-click link) no prep
reminder goes out by email: the recruiter is told what to set. Slack candidates use a button.
"""

from __future__ import annotations

from itsdangerous import BadData, URLSafeSerializer

from plugin import lifecycle
from plugin.domain.handoff import Handoff, State, new_event
from plugin.store import HandoffNotFound

OPT_OUT_PATH = "/candidate/opt-out"
SALT = "second-round/candidate-opt-out"
OPTED_OUT = "opted_out"
CANDIDATE_ACTOR = "candidate"


def _serializer(secret_key: str) -> URLSafeSerializer:
    if not secret_key:
        raise ValueError("SECRET_KEY is not set")
    return URLSafeSerializer(secret_key, salt=SALT)


def opt_out_token(secret_key: str, handoff_id: str) -> str:
    return _serializer(secret_key).dumps({"h": handoff_id})


def handoff_id_from_token(secret_key: str, token: str) -> str | None:
    """The hand-off a token was made for, or None when it is forged, damaged or not ours."""
    if not secret_key or not token:
        return None
    try:
        data = _serializer(secret_key).loads(token)
    except BadData:  # a forged signature, or our signature around something not a token
        return None
    value = data.get("h") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else None


def opt_out_url(settings, handoff_id: str) -> str:
    """The one-click opt-out URL, or "" when PUBLIC_URL or SECRET_KEY is not configured."""
    if not settings.public_url or not settings.secret_key:
        return ""
    token = opt_out_token(settings.secret_key, handoff_id)
    return f"{settings.public_url.rstrip('/')}{OPT_OUT_PATH}?token={token}"


def reminders_stopped(handoff: Handoff) -> bool:
    return any(event.kind == OPTED_OUT for event in handoff.events)


def opt_out(services, handoff_id: str, actor: str = CANDIDATE_ACTOR) -> Handoff | None:
    """Stop this hand-off's reminders; None when there was nothing (more) to stop."""
    event = new_event(OPTED_OUT, actor)

    def mutate(handoff: Handoff) -> Handoff | None:
        if reminders_stopped(handoff) or handoff.state not in (State.OPEN, State.ACCEPTED):
            return None
        return handoff.with_event(event)

    try:
        return services.store.change(handoff_id, mutate, follow=lifecycle.follow(event))
    except HandoffNotFound:
        return None
