"""Bad input at the candidate's opt-out page (and the other plain web routes): arbitrary tokens,
query strings, form bodies, content types and methods.

A token that isn't ours is a 400 page; a method the page doesn't take is a 405; never a 500.
GET never changes anything (link scanners fetch links); only a POST with a genuine token for a
live hand-off stops its reminders. What anyone typed is never echoed unescaped.
"""

from __future__ import annotations

import io
import os
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from itsdangerous import URLSafeSerializer

from conftest import RECRUITER, SECRET_KEY
from plugin.optout import OPT_OUT_PATH, SALT, opt_out_token, reminders_stopped
from plugin.store import HandoffStore

# FUZZ_SCALE=10 for a deeper run (a nightly job, or after a change to request handling).
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))


def examples(n: int) -> int:
    return max(1, int(n * SCALE))


FUZZ = settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE = "<script>alert(1)</script>"
text = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "",
            "eyJoIjoiaDEifQ.forged",
            "a.b.c",
            ".",
            "..",
            HOSTILE,
            '"><img src=x onerror=alert(1)>',
            "%00",
            "\x00",
            "🙂",
            "x" * 5000,
        ]
    ),
)


def signed(payload) -> str:
    """A token with our key and salt around any payload at all."""
    return URLSafeSerializer(SECRET_KEY, salt=SALT).dumps(payload)


def signed_raw(data: str) -> str:
    """Our signature around text that is not the serializer's payload at all."""
    return URLSafeSerializer(SECRET_KEY, salt=SALT).make_signer().sign(data).decode()


@pytest.fixture
def live(handoff, redis_conn):
    """A live hand-off with a genuine token."""
    handoff.create()
    [found] = HandoffStore(redis_conn).for_recruiter("T0STANDIN", RECRUITER)
    return found, opt_out_token(SECRET_KEY, found.id)


def everything(redis_conn) -> dict[bytes, bytes]:
    return {key: redis_conn.dump(key) for key in redis_conn.scan_iter(count=1000)}


def assert_page(response, *allowed: int) -> str:
    body = response.get_data(as_text=True)
    assert response.status_code in allowed, (response.status_code, body[:300])
    assert "Traceback" not in body and 'File "' not in body
    assert HOSTILE not in body and "<img src=x" not in body
    return body


def test_any_token_on_get_and_post(client, redis_conn, live):
    found, genuine = live
    forged = st.one_of(
        text,
        st.just(genuine + "x"),
        st.just(genuine[:-1]),
        st.builds(signed, st.one_of(st.none(), st.integers(), st.text(max_size=20))),
        st.builds(
            signed,
            st.fixed_dictionaries(
                {"h": st.one_of(st.none(), st.integers(), st.text(max_size=20), st.just([1]))}
            ),
        ),
        st.builds(signed_raw, st.one_of(st.text(max_size=40), st.just(""), st.just("e30"))),
        st.just(signed({"h": "no-such-handoff"})),
    )
    tokens = st.tuples(st.integers(0, 2), forged).map(lambda t: genuine if t[0] == 0 else t[1])

    @FUZZ
    @given(
        token=tokens,
        method=st.sampled_from(["GET", "POST", "HEAD"]),
        where=st.sampled_from(["query", "form", "both", "repeated"]),
        extra=st.dictionaries(st.text(max_size=10), st.text(max_size=30), max_size=3),
    )
    def check(token, method, where, extra):
        query = {**extra}
        form = {}
        if where in ("query", "both"):
            query["token"] = token
        if where in ("form", "both"):
            form["token"] = token
        path = f"{OPT_OUT_PATH}?{urlencode(query)}"
        if where == "repeated":
            path = f"{OPT_OUT_PATH}?token={quote(token)}&token=other"
        before = everything(redis_conn)
        was_stopped = reminders_stopped(HandoffStore(redis_conn).get(found.id))
        if method == "POST":
            response = client.post(path, data=form)
        else:
            response = client.open(path, method=method)
        assert_page(response, 200, 400)
        if method != "POST":
            assert everything(redis_conn) == before, "a GET changed something"
        if response.status_code == 400:
            assert everything(redis_conn) == before
        stopped = reminders_stopped(HandoffStore(redis_conn).get(found.id))
        if stopped and not was_stopped:
            assert method == "POST"

    check()


def test_raw_query_strings_and_bodies(client, redis_conn):
    @FUZZ
    @given(
        query=st.binary(max_size=200),
        body=st.one_of(st.binary(max_size=200), st.just(b"token=" + b"x" * 600_000)),
        content_type=st.sampled_from(
            [
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "multipart/form-data",
                "application/json",
                "text/plain",
                "",
            ]
        ),
        method=st.sampled_from(["GET", "POST"]),
    )
    def check(query, body, content_type, method):
        headers = {"Content-Type": content_type} if content_type else {}
        response = client.open(
            OPT_OUT_PATH,
            method=method,
            query_string=query.decode("latin-1"),  # the raw bytes, as WSGI carries them
            input_stream=io.BytesIO(body),
            content_length=len(body),
            headers=headers,
        )
        assert_page(response, 400, 413)
        assert redis_conn.dbsize() == 0

    check()


def test_other_methods_and_paths(client, redis_conn):
    @settings(FUZZ, max_examples=examples(40))
    @given(
        method=st.sampled_from(["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO"]),
        path=st.one_of(
            st.just(OPT_OUT_PATH),
            st.just("/healthz"),
            st.text(st.characters(codec="ascii", exclude_characters="?#"), max_size=40).map(
                lambda p: "/" + p.lstrip("/")
            ),
        ),
    )
    def check(method, path):
        response = client.open(path, method=method)
        body = response.get_data(as_text=True)
        assert response.status_code < 500, (method, path, response.status_code, body[:200])
        if path == OPT_OUT_PATH and method != "OPTIONS":
            assert response.status_code == 405
        assert "Traceback" not in body

    check()
