"""Quitting the app after copying tasks leaves the process cleanly (no crash at interpreter exit)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]

SCRIPT = """
from PySide6.QtCore import QMimeData, QTimer
from desktop.gui.shell.app import make_application

app = make_application([])
mime = QMimeData()
mime.setData("application/x-fenjie-tasks", b"{}")
mime.setText("一、广覆盖推进全领域信息公开")
mime.setHtml("<table><tr><td>一、广覆盖推进全领域信息公开</td></tr></table>")
app.clipboard().setMimeData(mime)
QTimer.singleShot(0, app.quit)
app.exec()
print(app.clipboard().text())
"""


def test_quitting_with_copied_tasks_on_the_clipboard_exits_cleanly() -> None:
    """What Fenjie put on the clipboard is handed to Qt as text; other programs' data is left alone."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "一、广覆盖推进全领域信息公开"
