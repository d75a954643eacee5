"""Errors of the workspace store: one plain Chinese sentence the user can act on."""

from __future__ import annotations

from desktop.core.model import PlanError


class StoreError(PlanError):
    """The workspace database could not be opened, read or written; the message is shown as is."""
