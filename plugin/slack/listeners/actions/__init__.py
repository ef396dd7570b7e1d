from plugin.slack.blocks import brief
from plugin.slack.listeners.actions.accept import accept_handoff
from plugin.slack.listeners.actions.ask import open_ask_modal
from plugin.slack.listeners.actions.decline import open_decline_modal
from plugin.slack.listeners.actions.set_time import open_set_time_modal


def register(app) -> None:
    app.action(brief.ACCEPT)(accept_handoff)
    app.action(brief.DECLINE)(open_decline_modal)
    app.action(brief.ASK)(open_ask_modal)
    app.action(brief.SET_TIME)(open_set_time_modal)
