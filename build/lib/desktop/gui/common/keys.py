"""Key sequences shared by the window and the dialogs that carry their own undo buttons."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def undo_keys() -> list[QKeySequence]:
    return list(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))


def redo_keys() -> list[QKeySequence]:
    """Ctrl+Y first (what Word and WPS users press), then the platform's own redo keys
    (Ctrl+Shift+Z on Linux, where Qt's standard redo has no Ctrl+Y)."""
    keys = [QKeySequence("Ctrl+Y")]
    keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k not in keys]
    return keys
