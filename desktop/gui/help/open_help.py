"""Opening the guide: F1 in the main window and in dialogs, 帮助 → 用户指南.

Each top-level window gets (at most) one :class:`HelpWindow` of its own, a child window that goes
away with it: opened from a modal dialog, the guide must belong to that dialog, or the dialog's
modality would block it. F1 in a dialog opens the guide at the section about that dialog
(``topics``); :func:`add_help_key` gives a dialog that key.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from desktop.gui.help.help_window import HelpWindow


def help_window_of(owner: QWidget) -> HelpWindow | None:
    """The help window already opened from ``owner``'s window, if any."""
    top = owner.window()
    children = top.findChildren(HelpWindow, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return children[0] if children else None


def open_help(owner: QWidget, topic: str = "") -> HelpWindow:
    """Show the guide (at ``topic``, a section anchor) in front, with the keyboard in it."""
    window = help_window_of(owner) or HelpWindow(owner.window())
    window.show_topic(topic)
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    window.browser.setFocus()
    return window


def add_help_key(dialog: QWidget, topic: str) -> QShortcut:
    """F1 in ``dialog`` opens the guide at ``topic``."""
    return QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), dialog,
                     lambda: open_help(dialog, topic), context=Qt.ShortcutContext.WindowShortcut)
