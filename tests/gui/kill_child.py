"""Child process for the kill test: the real main window, edited by keyboard until it is killed.

Usage: ``python -m tests.gui.kill_child DB_PATH``. It opens the workspace, creates a plan and then
repeats: Enter (new sibling), type "K<n>", Enter to commit, and every few steps Tab / Shift+Tab /
Ctrl+↑. After each step has been applied and shown it prints ``done <n> <plan id>`` (flushed):
that step is what the clerk saw as done, so it must be in the database after a SIGKILL.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(db_path: str) -> None:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.gui.common.text_editor import CellTextEdit
    from desktop.gui.shell.app import create_window, make_application

    app = make_application([])
    settings = QSettings(str(Path(db_path).with_suffix(".ini")), QSettings.Format.IniFormat)
    window = create_window(Path(db_path), settings)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    plan_id = window.workbench.new_plan("断电测试计划")
    tree = window.tree
    tree.setFocus()
    step = 0
    while True:
        step += 1
        editor = QApplication.focusWidget()
        if not isinstance(editor, CellTextEdit):
            QTest.keyClick(tree, Qt.Key.Key_Return)
            app.processEvents()
            editor = QApplication.focusWidget()
        assert isinstance(editor, CellTextEdit)
        editor.setPlainText(f"K{step}")
        QTest.keyClick(editor, Qt.Key.Key_Return)
        if step % 5 == 0:
            QTest.keyClick(tree, Qt.Key.Key_Tab)
        elif step % 7 == 0:
            QTest.keyClick(tree, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        elif step % 11 == 0:
            QTest.keyClick(tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
        app.processEvents()
        print(f"done {step} {plan_id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
