"""Type-ahead for the candidate's time zone in the hand-off form."""

from __future__ import annotations

from plugin.domain.timefmt import matching_zones
from plugin.slack.blocks.kit import option


def time_zone_options(ack, payload):
    query = str(payload.get("value") or "")[:50]
    ack(options=[option(zone.replace("_", " "), zone) for zone in matching_zones(query)])
