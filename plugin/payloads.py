"""What every inbound payload goes through before the listeners see it."""

from __future__ import annotations

import re

LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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
