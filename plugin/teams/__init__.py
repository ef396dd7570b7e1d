"""Microsoft Teams: the Bot Framework endpoint, its token checks, references, cards and connector."""
