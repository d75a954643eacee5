"""The crash dialog: a copyable report, a log file in the data folder, one dialog at a time."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from desktop.gui.shell.crash_report import COPIED, CrashDialog, install_crash_reporter
from tests.gui.driving import on_next_dialog


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Put Python's exception hooks back after the test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


def raise_and_report(message: str) -> None:
    try:
        raise RuntimeError(message)
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)


def test_the_dialog_shows_the_report_read_only_and_copies_it(qtbot, tmp_path: Path) -> None:
    log = tmp_path / "crash-1.log"
    dialog = CrashDialog("出现了意外错误。", "Fenjie 错误报告\nTraceback …", log)
    qtbot.addWidget(dialog)
    text = dialog.findChild(QPlainTextEdit)
    assert text.isReadOnly() and text.toPlainText() == "Fenjie 错误报告\nTraceback …"
    assert "不会自动发送" in dialog.message.text()
    assert dialog.folder_button.isEnabled()
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "Fenjie 错误报告\nTraceback …"
    assert dialog.copy_button.text() == COPIED
    without_log = CrashDialog("报告未能写入磁盘。", "r", None)
    qtbot.addWidget(without_log)
    assert not without_log.folder_button.isEnabled()


@pytest.mark.usefixtures("hooks")
def test_an_unhandled_error_writes_a_log_and_shows_the_dialog(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    install_crash_reporter(folder)
    shown: list[str] = []

    def inspect(dialog) -> None:
        shown.append(dialog.findChild(QPlainTextEdit).toPlainText())
        raise_and_report("第二个错误")  # while one dialog is open, the next crash is only logged
        assert QApplication.activeModalWidget() is dialog
        dialog.reject()

    seen = on_next_dialog(inspect)
    raise_and_report("导出时的意外错误")
    assert seen == ["CrashDialog"]
    [report] = shown
    assert "RuntimeError: 导出时的意外错误" in report and "Qt：" in report and "in raise_and_report" in report
    logs = sorted(folder.iterdir())
    assert len(logs) == 2
    assert {log.read_text(encoding="utf-8").splitlines()[-1] for log in logs} == {
        "RuntimeError: 导出时的意外错误", "RuntimeError: 第二个错误"}


@pytest.mark.usefixtures("hooks")
def test_an_error_in_a_worker_thread_opens_the_dialog_in_the_gui_thread(qtbot, tmp_path: Path) -> None:
    install_crash_reporter(tmp_path)
    threads: list[bool] = []

    def inspect(dialog) -> None:
        threads.append(threading.current_thread() is threading.main_thread())
        dialog.reject()

    seen = on_next_dialog(inspect)
    worker = threading.Thread(target=lambda: (_ for _ in ()).throw(ValueError("后台任务出错")))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: seen == ["CrashDialog"], timeout=5000)
    assert threads == [True]
    [log] = tmp_path.iterdir()
    assert "ValueError: 后台任务出错" in log.read_text(encoding="utf-8")
