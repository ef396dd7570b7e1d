"""What every inbound payload goes through before the listeners see it."""

from __future__ import annotations

import re

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# What follows the backslash of a JSON escape of a surrogate (\ud800 to \udfff), each character
# raw or percent-encoded. Raw UTF-8 cannot carry a surrogate: such an escape is the only way in.
SURROGATE_ESCAPE_TAIL = re.compile(r"(?:u|%75)(?:[dD]|%[46]4)(?:[89a-fA-F]|%3[89]|%[46][1-6])")
BACKSLASHES = ("\\", "%5C", "%5c")


def may_hold_surrogates(raw_body: str) -> bool:
    """False when no string parsed from `raw_body` can hold a lone surrogate, so the walk of
    `valid_unicode` (a large part of a big request's cost) can be skipped. Looks only after
    each backslash, raw or percent-encoded, which str.find reaches fast."""
    for backslash in BACKSLASHES:
        at = raw_body.find(backslash)
        while at != -1:
            if SURROGATE_ESCAPE_TAIL.match(raw_body, at + len(backslash)):
                return True
            at = raw_body.find(backslash, at + 1)
    return False


def valid_unicode(value):
    """`value` with every lone surrogate replaced by U+FFFD, in its strings, keys and nested
    values. JSON can carry one ("\\ud800"), UTF-8 cannot: left in, it fails later, as a Redis
    key, in encryption or in an outbound message."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {valid_unicode(k): valid_unicode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [valid_unicode(item) for item in value]
    return value
