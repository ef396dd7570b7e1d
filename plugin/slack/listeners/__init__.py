"""Every Slack listener, registered by kind."""

from plugin.slack.blocks.brief import ACCEPT
from plugin.slack.blocks.handoff_modal import CALLBACK_ID as HANDOFF_CALLBACK
from plugin.slack.listeners import actions, commands, events, options, views
from plugin.slack.listeners.actions.accept import accept_handoff
from plugin.slack.listeners.views.handoff_submit import handoff_submitted


def register(app) -> None:
    """Bolt tries listeners in the order they were added, a matcher call each, until one
    matches: the two requests that come in bursts (the hand-off form, Accept) are tried first."""
    app.view(HANDOFF_CALLBACK)(handoff_submitted)
    app.action(ACCEPT)(accept_handoff)
    for kind in (commands, actions, views, events, options):
        kind.register(app)
