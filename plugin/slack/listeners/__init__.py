"""Every Slack listener, registered by kind."""

from plugin.slack.listeners import actions, commands, events, options, views


def register(app) -> None:
    for kind in (commands, actions, views, events, options):
        kind.register(app)
