from plugin.slack.blocks import brief, candidate, kits, schedule
from plugin.slack.blocks import forget as forget_blocks
from plugin.slack.listeners.actions.ask import open_ask_modal
from plugin.slack.listeners.actions.decline import open_decline_modal
from plugin.slack.listeners.actions.feedback import open_feedback_modal, open_panel_feedback
from plugin.slack.listeners.actions.forget import forget_cancelled, forget_confirmed
from plugin.slack.listeners.actions.reschedule import open_cancel_modal, open_reschedule_modal
from plugin.slack.listeners.actions.set_time import open_set_time_modal
from plugin.slack.listeners.actions.stop_reminders import stop_reminders


def register(app) -> None:
    """Accept is registered first of all, in plugin/slack/listeners/__init__.py."""
    app.action(brief.DECLINE)(open_decline_modal)
    app.action(brief.ASK)(open_ask_modal)
    app.action(brief.SET_TIME)(open_set_time_modal)
    app.action(kits.FEEDBACK)(open_feedback_modal)
    app.action(kits.VIEW_FEEDBACK)(open_panel_feedback)
    app.action(schedule.RESCHEDULE)(open_reschedule_modal)
    app.action(schedule.CANCEL)(open_cancel_modal)
    app.action(candidate.OPT_OUT)(stop_reminders)
    app.action(forget_blocks.CONFIRM)(forget_confirmed)
    app.action(forget_blocks.CANCEL)(forget_cancelled)
