from plugin.slack.listeners.commands.handoff import handoff_command
from plugin.slack.listeners.commands.questions import questions_command


def register(app) -> None:
    app.command("/handoff")(handoff_command)
    app.command("/questions")(questions_command)
