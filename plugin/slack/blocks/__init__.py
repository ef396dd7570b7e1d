"""Pure Block Kit builders: data in, dicts out. Nothing here talks to Slack."""
