"""Errors raised by format readers and writers: one plain sentence the user can act on."""

from __future__ import annotations

from desktop.core.model import PlanError


class FormatError(PlanError):
    """A file could not be read or written; the message is shown to the user as is."""
