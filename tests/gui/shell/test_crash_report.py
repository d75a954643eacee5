"""The crash dialog: a copyable report, a log file in the data folder, one dialog at a time."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit
from shiboken6 import Shiboken

from desktop.gui.shell.crash_report import COPIED, CrashDialog, install_crash_reporter
from tests.gui.driving import on_next_dialog


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


@pytest.mark.usefixtures("crash_hooks")
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
    assert QApplication.activeModalWidget() is None
    assert "RuntimeError: 导出时的意外错误" in report and "Qt：" in report and "in raise_and_report" in report
    logs = sorted(folder.iterdir())
    assert len(logs) == 2
    assert {log.read_text(encoding="utf-8").splitlines()[-1] for log in logs} == {
        "RuntimeError: 导出时的意外错误", "RuntimeError: 第二个错误"}


@pytest.mark.usefixtures("crash_hooks")
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


def test_the_dialog_names_the_log_file(qtbot, crash_hooks: Path) -> None:
    install_crash_reporter(crash_hooks)
    messages: list[str] = []

    def inspect(dialog) -> None:
        messages.append(dialog.message.text())
        dialog.reject()

    on_next_dialog(inspect)
    raise_and_report("需要日志的错误")
    [log] = crash_hooks.iterdir()
    assert messages and str(log) in messages[0]


def test_the_dialog_survives_its_window_being_deleted(qtbot, crash_hooks: Path) -> None:
    """The window that is active when the crash happens is deleted while the dialog is open (its
    deferred delete runs in the dialog's event loop, as when a test's window is torn down or the
    app closes): the dialog is not taken along, and nothing but the error itself is logged."""
    window = QMainWindow()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    install_crash_reporter(crash_hooks)
    alive: list[bool] = []

    def inspect(dialog) -> None:
        qtbot.waitUntil(lambda: not Shiboken.isValid(window))
        alive.append(Shiboken.isValid(dialog) and dialog.isVisible())
        if Shiboken.isValid(dialog):
            dialog.reject()

    seen = on_next_dialog(inspect)
    window.deleteLater()
    raise_and_report("窗口关闭时的错误")
    assert seen == ["CrashDialog"] and alive == [True]
    [log] = crash_hooks.iterdir()  # only the error itself: the dialog did not fail
    assert log.read_text(encoding="utf-8").splitlines()[-1] == "RuntimeError: 窗口关闭时的错误"


def test_a_failing_dialog_is_logged_and_never_raises(qtbot, crash_hooks: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    install_crash_reporter(crash_hooks)

    def broken(*_args: object) -> None:
        raise RuntimeError("对话框坏了")

    monkeypatch.setattr(CrashDialog, "exec", broken)
    raise_and_report("原来的错误")
    qtbot.waitUntil(lambda: len(list(crash_hooks.iterdir())) == 2)
    texts = {log.read_text(encoding="utf-8").splitlines()[-1] for log in crash_hooks.iterdir()}
    assert texts == {"RuntimeError: 原来的错误", "RuntimeError: 对话框坏了"}
    assert "原来的错误" in capsys.readouterr().err
