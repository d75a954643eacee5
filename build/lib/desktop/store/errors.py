"""Errors of the workspace store: one plain Chinese sentence the user can act on."""

from __future__ import annotations

from desktop.core.model import PlanError


class StoreError(PlanError):
    """The workspace database could not be opened, read or written; the message is shown as is."""


class StaleWrite(StoreError):
    """The plan was changed by another window or program since this copy was read; nothing was written.

    The caller reloads the plan (``Workspace.load_plan``) and, where it still makes sense, applies
    the edit again to the fresh copy.
    """


class StoreBusy(StoreError):
    """Another program (a second Fenjie window, the command line) holds the workspace's write lock.

    Nothing was written; the same call may simply be tried again a moment later.
    """
