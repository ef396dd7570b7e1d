"""Logging that never carries screening notes: the Slack libraries log request bodies at DEBUG."""

from __future__ import annotations

import logging

BODY_LOGGING_LIBRARIES = ("slack_sdk", "slack_bolt", "urllib3", "rq.job", "msal")


def keep_personal_data_out_of_logs() -> None:
    """Cap libraries that would log message bodies (and so notes) at INFO, whatever the root level."""
    for name in BODY_LOGGING_LIBRARIES:
        logging.getLogger(name).setLevel(logging.INFO)
