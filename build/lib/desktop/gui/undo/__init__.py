"""Undo in the GUI: the QUndoCommand classes over the workspace's change records."""
