"""Starting the desktop app: the QApplication, the workspace and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.model import PlanError


def run_app(db_path: Path | None = None, argv: list[str] | None = None) -> int:
    from desktop.gui.main_window import MainWindow
    from desktop.store.workspace import Workspace

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Fenjie")
    app.setOrganizationName("Fenjie")
    try:
        workspace = Workspace.open(db_path)
    except PlanError as error:
        QMessageBox.critical(None, "无法打开工作区", str(error))
        return 1
    window = MainWindow(workspace)
    window.show()
    try:
        return app.exec()
    finally:
        workspace.close()
