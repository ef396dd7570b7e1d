from plugin.slack.listeners.events.message_im import direct_message


def register(app) -> None:
    app.event("message")(direct_message)
