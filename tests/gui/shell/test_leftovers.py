"""A killed export's hidden leftovers are removed when the app next starts (issue 11, defect 8)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from desktop.gui.shell.main_window import MainWindow


def _file(folder: Path, name: str, age_s: float) -> Path:
    path = folder / name
    path.write_bytes(b"")
    stamp = time.time() - age_s
    os.utime(path, (stamp, stamp))
    return path


def test_the_next_start_removes_stale_export_leftovers(qtbot, workspace, settings, tmp_path) -> None:
    exports = tmp_path / "exports"
    reports = tmp_path / "reports"
    exports.mkdir()
    reports.mkdir()
    settings.setValue("export_folder", str(exports))
    settings.setValue("report_folder", str(reports))
    stale = [_file(exports, ".~fenjie-任务分解表-ab12cd.docx", 7200),
             _file(exports, ".任务分解表.fenjie-export.docx", 7200),
             _file(reports, ".~fenjie-落实情况-zz99.xlsx", 7200)]
    fresh = _file(exports, ".~fenjie-正在导出-xy34.pdf", 10)  # another process may be writing it now
    kept = [_file(exports, "任务分解表.docx", 7200), _file(exports, ".hidden-notes.txt", 7200)]

    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not any(path.exists() for path in stale))

    assert fresh.exists() and all(path.exists() for path in kept)
