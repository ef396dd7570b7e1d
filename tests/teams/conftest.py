"""Teams fixtures: a test signing key whose JWKS and OpenID metadata are served through
`responses`, the Microsoft token endpoint and the Bot Connector as a small fake, and a driver
that sends signed activities to the Flask app.

pytest imports this file and tests/conftest.py under the same module name, `conftest`, and
modules collected after this one import `conftest` for the shared names: so this one carries the
shared names too.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import jwt
import pytest
import responses
from cryptography.hazmat.primitives.asymmetric import rsa


def _shared_names() -> dict:
    spec = importlib.util.spec_from_file_location(
        "_tests_root_conftest", Path(__file__).resolve().parent.parent / "conftest.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: value for name, value in vars(module).items() if name.isupper()}


globals().update(_shared_names())

APP_ID = "6a2c0f6b-1d0e-4c8f-9e64-3a1d2b7c9e01"
APP_PASSWORD = "test-client-secret"
TENANT = "5f0b5a5e-6a8b-4b0e-9c1a-2f3d4e5a6b7c"
OTHER_TENANT = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
SERVICE_URL = "https://smba.trafficmanager.net/amer/"
METADATA_URL = "https://login.botframework.test/v1/.well-known/openidconfiguration"
JWKS_URL = "https://login.botframework.test/v1/.well-known/keys"
LOGIN_URL = "https://login.microsoftonline.test"
TOKEN_URL = f"{LOGIN_URL}/{TENANT}/oauth2/v2.0/token"
ISSUER = "https://api.botframework.com"
KID = "test-key-1"
BOT_ID = f"28:{APP_ID}"
TEAM_ID = "19:team-general@thread.tacv2"
CHANNEL_ID = "19:team-general@thread.tacv2"
GROUP_CHAT_ID = "19:group-chat@thread.v2"


@dataclass(frozen=True)
class TeamsUser:
    key: str
    aad: str
    id: str
    name: str
    email: str
    role: str = "user"
    tz: str = "UTC"
    tenant: str = TENANT

    @property
    def personal(self) -> str:
        return f"a:personal-{self.id}"

    def member(self) -> dict:
        return {
            "id": self.id,
            "aadObjectId": self.aad,
            "name": self.name,
            "email": self.email,
            "userPrincipalName": self.email,
            "userRole": self.role,
            "tenantId": self.tenant,
        }


PEOPLE = {
    "recruiter": TeamsUser(
        "recruiter",
        "11111111-1111-4111-8111-111111111111",
        "29:rita",
        "Rita Recruiter",
        "rita@contoso.test",
        tz="America/New_York",
    ),
    "manager": TeamsUser(
        "manager",
        "22222222-2222-4222-8222-222222222222",
        "29:hank",
        "Hank Manager",
        "hank@contoso.test",
        tz="Europe/Berlin",
    ),
    "ivy": TeamsUser(
        "ivy",
        "33333333-3333-4333-8333-333333333333",
        "29:ivy",
        "Ivy Interviewer",
        "ivy@contoso.test",
        tz="Asia/Kolkata",
    ),
    "omar": TeamsUser(
        "omar",
        "44444444-4444-4444-8444-444444444444",
        "29:omar",
        "Omar Interviewer",
        "omar@contoso.test",
    ),
    "guest": TeamsUser(
        "guest",
        "55555555-5555-4555-8555-555555555555",
        "29:gus",
        "Gus Guest",
        "gus@partner.test",
        role="guest",
    ),
    "external": TeamsUser(
        "external",
        "66666666-6666-4666-8666-666666666666",
        "29:erin",
        "Erin External",
        "erin@fabrikam.test",
        tenant=OTHER_TENANT,
    ),
}
OTHER_BOT = {"id": "28:another-bot", "name": "Another Bot"}


@pytest.fixture(scope="session")
def signing_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="session")
def stranger_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_jwk(private_key, kid: str, endorsements=("msteams",)) -> dict:
    jwk = jwt.algorithms.RSAAlgorithm.to_jwk(private_key.public_key(), as_dict=True)
    jwk.update({"kid": kid, "use": "sig"})
    if endorsements is not None:
        jwk["endorsements"] = list(endorsements)
    return jwk


@pytest.fixture
def settings(settings):
    """The shared settings with Teams configured against the fakes below."""
    return replace(
        settings,
        microsoft_app_id=APP_ID,
        microsoft_app_password=APP_PASSWORD,
        microsoft_app_tenant_id=TENANT,
        bot_openid_metadata_url=METADATA_URL,
        microsoft_login_url=LOGIN_URL,
    )


class FakeBotFramework:
    """The Bot Framework's published keys, the token endpoint and the Bot Connector, in memory."""

    def __init__(self, mock: responses.RequestsMock, signing_key):
        self.mock = mock
        self.jwks = [public_jwk(signing_key, KID)]
        self.jwks_fetches = 0
        self.token_requests = 0
        self.token_lifetime = 3600
        self.issued: set[str] = set()
        self.rosters: dict[str, list[dict]] = {
            TEAM_ID: [p.member() for p in PEOPLE.values()] + [OTHER_BOT],
            GROUP_CHAT_ID: [PEOPLE["recruiter"].member(), PEOPLE["manager"].member()],
        }
        self.posted: list[dict] = []
        self.updated: list[dict] = []
        self.created: list[dict] = []
        self.roster_fetches = 0
        self.failures: list[tuple[str, int, dict]] = []
        self.ids = itertools.count(1)
        self.keys_down = False
        mock.add_callback(responses.GET, METADATA_URL, callback=self._metadata)
        mock.add_callback(responses.GET, JWKS_URL, callback=self._keys)
        mock.add(
            responses.GET,
            f"{LOGIN_URL}/{TENANT}/v2.0/.well-known/openid-configuration",
            json={
                "token_endpoint": TOKEN_URL,
                "authorization_endpoint": f"{LOGIN_URL}/{TENANT}/oauth2/v2.0/authorize",
                "issuer": f"{LOGIN_URL}/{TENANT}/v2.0",
            },
        )
        mock.add_callback(responses.POST, TOKEN_URL, callback=self._token)
        connector = re.compile(re.escape(SERVICE_URL.rstrip("/")) + r"/v3/conversations.*")
        for method in (responses.GET, responses.POST, responses.PUT):
            mock.add_callback(method, connector, callback=self._connector)

    def _metadata(self, request):
        if self.keys_down:
            return 503, {}, "{}"
        return 200, {}, json.dumps({"issuer": ISSUER, "jwks_uri": JWKS_URL})

    def _keys(self, request):
        self.jwks_fetches += 1
        return 200, {}, json.dumps({"keys": self.jwks})

    def _token(self, request):
        self.token_requests += 1
        form = parse_qs(request.body)
        if form.get("client_secret") != [APP_PASSWORD]:
            return 401, {}, json.dumps({"error": "invalid_client"})
        token = f"bf-token-{self.token_requests}"
        self.issued.add(token)
        answer = {"access_token": token, "expires_in": self.token_lifetime, "token_type": "Bearer"}
        return 200, {}, json.dumps(answer)

    def fail_next(self, kind: str, status: int, headers: dict | None = None, code: str = ""):
        """Make the next call of a kind (create, send, update, members) fail."""
        self.failures.append((kind, status, {"headers": headers or {}, "code": code}))

    def _connector(self, request):
        bearer = request.headers.get("Authorization", "")
        if bearer.removeprefix("Bearer ") not in self.issued:
            return 401, {}, json.dumps({"error": {"code": "Unauthorized"}})
        tail = urlsplit(request.url).path.split("/v3/conversations", 1)[1].strip("/")
        parts = [unquote(p) for p in tail.split("/")] if tail else []
        body = json.loads(request.body) if request.body else None
        kind = self._kind(request.method, parts)
        for index, (failing, status, extra) in enumerate(self.failures):
            if failing == kind:
                del self.failures[index]
                answer = {"error": {"code": extra["code"] or "Failed", "message": "n/a"}}
                return status, extra["headers"], json.dumps(answer)
        if kind == "create":
            member = body["members"][0]["id"]
            self.created.append(body)
            return 201, {}, json.dumps({"id": f"a:personal-{member}"})
        if kind == "send":
            activity_id = f"act-{next(self.ids)}"
            self.posted.append(
                {
                    "conversation": parts[0],
                    "reply_to": parts[2] if len(parts) > 2 else "",
                    "id": activity_id,
                    **body,
                }
            )
            return 201, {}, json.dumps({"id": activity_id})
        if kind == "update":
            self.updated.append({"conversation": parts[0], "id": parts[2], **body})
            return 200, {}, json.dumps({"id": parts[2]})
        if kind == "members":
            self.roster_fetches += 1
            return 200, {}, json.dumps({"members": self.rosters.get(parts[0], [])})
        if kind == "member":
            found = [
                m for roster in self.rosters.values() for m in roster if m.get("id") == parts[2]
            ]
            if found:
                return 200, {}, json.dumps(found[0])
            if parts[0].startswith("a:personal-") and parts[0].endswith(parts[2]):
                user = next(p for p in PEOPLE.values() if p.id == parts[2])
                return 200, {}, json.dumps(user.member())
            return 404, {}, json.dumps({"error": {"code": "MemberNotFound"}})
        return 404, {}, "{}"

    @staticmethod
    def _kind(method: str, parts: list[str]) -> str:
        if method == "POST" and len(parts) == 0:
            return "create"
        if method == "POST":
            return "send"
        if method == "PUT":
            return "update"
        if len(parts) >= 2 and parts[1] == "pagedmembers":
            return "members"
        return "member"

    def messages(self, conversation: str) -> list[dict]:
        return [p for p in self.posted if p["conversation"] == conversation]

    def cards(self, conversation: str) -> list[dict]:
        return [
            a["content"]
            for p in self.messages(conversation)
            for a in p.get("attachments") or []
            if a["contentType"] == "application/vnd.microsoft.card.adaptive"
        ]

    def texts(self, conversation: str) -> list[str]:
        return [p.get("text") or p.get("summary") or "" for p in self.messages(conversation)]


@pytest.fixture
def bot_framework(signing_key):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield FakeBotFramework(mock, signing_key)


class Teams:
    """Sends what Teams would send to the bot, with a token signed by the test key."""

    def __init__(self, client, signing_key):
        self.client = client
        self.signing_key = signing_key
        self.ids = itertools.count(1)

    def token(self, *, key=None, kid: str = KID, algorithm: str = "RS256", **claims) -> str:
        now = int(time.time())
        payload = {
            "iss": ISSUER,
            "aud": APP_ID,
            "iat": now,
            "nbf": now - 5,
            "exp": now + 3600,
            "serviceurl": SERVICE_URL,
        }
        payload.update(claims)
        payload = {k: v for k, v in payload.items() if v is not None}
        headers = {"kid": kid} if kid else {}
        return jwt.encode(payload, key or self.signing_key, algorithm=algorithm, headers=headers)

    def activity(
        self,
        kind: str,
        user: str = "recruiter",
        *,
        where: str = "personal",
        tenant: str = TENANT,
        **fields,
    ) -> dict:
        person = PEOPLE[user]
        activity = {
            "type": kind,
            "id": f"activity-{next(self.ids)}",
            "channelId": "msteams",
            "serviceUrl": SERVICE_URL,
            "from": {"id": person.id, "name": person.name, "aadObjectId": person.aad},
            "recipient": {"id": BOT_ID, "name": "Second Round"},
            "localTimezone": person.tz,
            "channelData": {"tenant": {"id": tenant}},
        }
        if where == "personal":
            activity["conversation"] = {
                "id": person.personal,
                "conversationType": "personal",
                "tenantId": tenant,
            }
        elif where == "channel":
            activity["conversation"] = {
                "id": CHANNEL_ID,
                "conversationType": "channel",
                "isGroup": True,
                "tenantId": tenant,
            }
            activity["channelData"].update({"team": {"id": TEAM_ID}, "channel": {"id": CHANNEL_ID}})
        else:
            activity["conversation"] = {
                "id": GROUP_CHAT_ID,
                "conversationType": "groupChat",
                "isGroup": True,
                "tenantId": tenant,
            }
        activity.update(fields)
        return activity

    def post(self, activity: dict, token: str | None = "", headers: dict | None = None):
        sent = dict(headers or {})
        if token is not None and "Authorization" not in sent:
            sent["Authorization"] = f"Bearer {token or self.token()}"
        return self.client.post("/api/messages", json=activity, headers=sent)

    def message(self, text: str, user: str = "recruiter", **options):
        activity = self.activity("message", user, text=text, **options)
        if "<at>Second Round</at>" in text:
            activity["entities"] = [
                {
                    "type": "mention",
                    "text": "<at>Second Round</at>",
                    "mentioned": {"id": BOT_ID, "name": "Second Round"},
                }
            ]
        return self.post(activity)

    def invoke(self, verb: str, data: dict, user: str = "recruiter", reply_to: str = "", **options):
        value = {
            "action": {"type": "Action.Execute", "verb": verb, "data": data},
            "trigger": "manual",
        }
        activity = self.activity("invoke", user, name="adaptiveCard/action", value=value, **options)
        if reply_to:
            activity["replyToId"] = reply_to
        return self.post(activity)

    def install(self, user: str = "recruiter", where: str = "personal"):
        activity = self.activity(
            "conversationUpdate", user, where=where, membersAdded=[{"id": BOT_ID}]
        )
        return self.post(activity)


@pytest.fixture
def teams(client, bot_framework, signing_key):
    return Teams(client, signing_key)


def submit_data(form_card: dict, **answers) -> dict:
    """What Teams sends for a form: the action's data merged with the inputs, by person key."""
    action = form_card["actions"][0]
    keys = {}
    for element in form_card["body"]:
        if element.get("type") == "Input.ChoiceSet" and element["id"] in (
            "hiring_manager",
            "interviewers",
            "candidate_user_id",
        ):
            for option in element["choices"]:
                keys[option["title"].split(" (")[0]] = option["value"]

    def person(name):
        return keys[PEOPLE[name].name]

    data = dict(action["data"])
    for name, value in answers.items():
        if value is None:
            continue
        if name in ("hiring_manager", "candidate_user_id"):
            value = person(value)
        elif name == "interviewers":
            value = ",".join(person(n) for n in value)
        data[name] = value
    return data
