from plugin.slack.blocks.dialogs import ASK_CALLBACK, DECLINE_CALLBACK, SET_TIME_CALLBACK
from plugin.slack.blocks.kits import FEEDBACK_CALLBACK
from plugin.slack.blocks.schedule import CANCEL_CALLBACK, RESCHEDULE_CALLBACK
from plugin.slack.listeners.views.ask_submit import ask_submitted
from plugin.slack.listeners.views.cancel_submit import cancel_submitted
from plugin.slack.listeners.views.decline_submit import decline_submitted
from plugin.slack.listeners.views.feedback_submit import feedback_submitted
from plugin.slack.listeners.views.reschedule_submit import reschedule_submitted
from plugin.slack.listeners.views.set_time_submit import set_time_submitted


def register(app) -> None:
    """The hand-off form is registered first of all, in plugin/slack/listeners/__init__.py."""
    app.view(DECLINE_CALLBACK)(decline_submitted)
    app.view(ASK_CALLBACK)(ask_submitted)
    app.view(SET_TIME_CALLBACK)(set_time_submitted)
    app.view(FEEDBACK_CALLBACK)(feedback_submitted)
    app.view(RESCHEDULE_CALLBACK)(reschedule_submitted)
    app.view(CANCEL_CALLBACK)(cancel_submitted)
