"""Which module renders a hand-off's messages: the one for the platform the hand-off lives on."""

from __future__ import annotations

import importlib
from types import ModuleType

RENDER_MODULES = {"slack": "plugin.slack.render", "teams": "plugin.teams.render"}


def renderer(platform: str) -> ModuleType:
    """The render module for `platform`; every one offers the same message functions."""
    try:
        return importlib.import_module(RENDER_MODULES[platform])
    except KeyError:
        raise LookupError(f"no renderer for platform {platform!r}") from None
