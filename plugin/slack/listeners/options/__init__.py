from plugin.slack.listeners.options.time_zones import time_zone_options


def register(app) -> None:
    app.options("candidate_tz")(time_zone_options)
