"""Starting the desktop app: the QApplication, the workspace and the main window.

``run_app`` is what ``fenjie`` without a command calls. High-DPI screens use fractional scaling
as the system asks (PassThrough), so text stays crisp at 125 % and 150 %. A workspace that cannot
be opened is reported in one plain sentence instead of a crash. ``create_window`` does the same
set-up without entering the event loop, for tests and the benchmark.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.model import PlanError

if TYPE_CHECKING:
    from desktop.gui.shell.main_window import MainWindow

APP_NAME = "Fenjie"
# The window's connection waits this long for another program's write lock, then the edit is kept
# pending and retried in the background (PlanSession): the window never freezes for seconds.
GUI_BUSY_TIMEOUT_MS = 250


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName("Fenjie 分解")
    app.aboutToQuit.connect(_hand_clipboard_to_qt)
    return app


def _hand_clipboard_to_qt() -> None:
    """Replace mime data made in Python by Qt's own copy of its text before the app goes away.

    A QMimeData created from Python and still held by the clipboard is freed twice when
    QApplication is destroyed at interpreter exit (a segmentation fault); plain text set from C++
    is not, and it keeps what other programs can paste after Fenjie closes.
    """
    from desktop.gui.outline.tree_dnd import TASKS_MIME

    clipboard = QGuiApplication.clipboard()
    held = clipboard.mimeData()
    if held is not None and held.hasFormat(TASKS_MIME):
        clipboard.setText(clipboard.text())


def create_window(db_path: Path | None = None, settings: QSettings | None = None) -> MainWindow:
    """Open the workspace and build the main window (not shown); PlanError if the workspace fails."""
    from desktop.gui.shell.main_window import MainWindow
    from desktop.store.workspace import Workspace

    workspace = Workspace.open(db_path, busy_timeout_ms=GUI_BUSY_TIMEOUT_MS)
    return MainWindow(workspace, settings)


def run_app(db_path: Path | None = None, argv: list[str] | None = None) -> int:
    app = make_application(argv)
    try:
        window = create_window(db_path)
    except PlanError as error:
        QMessageBox.critical(None, "无法打开工作区", str(error))
        return 1
    from desktop.gui.shell.open_files import open_plan_files
    from desktop.gui.shell.single_instance import InstanceServer

    server = InstanceServer(window.workbench.workspace.path, lambda paths: open_plan_files(window, paths),
                            window)
    server.listen()
    window.show()
    try:
        return app.exec()
    finally:
        server.close()
        window.workbench.workspace.close()
