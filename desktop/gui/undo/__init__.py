"""Undo in the GUI: one QUndoCommand class over the workspace's change records (``change_command``)."""
