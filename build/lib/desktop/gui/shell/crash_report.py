"""The crash dialog: an unhandled exception shows a copyable report that is also saved to a log file.

:func:`install_crash_reporter` routes ``sys.excepthook`` and ``threading.excepthook`` through
``desktop.crashlog`` (which writes the report to the data folder's ``logs/`` and never sends
anything) and then shows :class:`CrashDialog`: one plain sentence, the report in a read-only text
box, and buttons to copy it, open the log folder and close. Reports from other threads reach the
dialog through a queued signal, so it always opens in the GUI thread; while one crash dialog is
open, further crashes are only logged. The dialog names the log file and has no parent window:
it is application-modal and owned by this module, so a window that closes (or is deleted) while
it is open cannot take it along. Should the dialog itself fail, that failure is logged too and
the plain sentence goes to standard error; a crash handler never raises.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop import crashlog

COPY = "复制"
COPIED = "已复制"
NOTHING_SENT = "程序不会自动发送任何内容；如需帮助，请复制下面的报告发给技术支持人员。"


class CrashDialog(QDialog):
    """A plain sentence, the read-only report, and 复制 / 打开日志文件夹 / 关闭."""

    def __init__(self, message: str, report: str, log: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Fenjie 出错了")
        self.setModal(True)
        self.report = report
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = QLabel(f"{message}\n{NOTHING_SENT}")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.message, 1)

        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(COPY)
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = QPushButton("打开日志文件夹")
        self.folder_button.setEnabled(log is not None)
        self.folder_button.clicked.connect(lambda: self._open_folder(log))
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 460)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self.copy_button.setText(COPIED)

    @staticmethod
    def _open_folder(log: Path | None) -> None:
        if log is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(log.parent)))


def qt_facts() -> Mapping[str, str]:
    """Extra lines for the report: the Qt version and the platform plugin in use."""
    import PySide6

    app = QGuiApplication.instance()
    platform = QGuiApplication.platformName() if app is not None else "（尚未启动）"
    return {"Qt": f"{qVersion()}（PySide6 {PySide6.__version__}，平台 {platform}）"}


class _Relay(QObject):
    """Carries a crash to the GUI thread (queued when it happened in another thread)."""

    crashed = Signal(object, str, object)


class _State:
    relay: _Relay | None = None
    showing = False


def _tell_stderr(error: BaseException, log: Path | None) -> None:
    if sys.stderr is not None:  # a windowed Windows program has no standard error
        sys.stderr.write(f"fenjie: {crashlog.plain_message(error, log)}\n")


def show_crash_dialog(error: BaseException, report: str, log: Path | None) -> None:
    """Show the dialog (application-modal) unless there is no QApplication or one is already showing.

    Never raises: a failure of the dialog itself is written to the crash log as well.
    """
    if QApplication.instance() is None or _State.showing:
        _tell_stderr(error, log)
        return
    _State.showing = True
    try:
        # No parent: the active window may close or be deleted while the dialog is open.
        dialog = CrashDialog(crashlog.plain_message(error, log), report, log)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.exec()
    except Exception as failure:
        crashlog.record(failure)
        _tell_stderr(error, log)
    finally:
        _State.showing = False


def install_crash_reporter(folder: Path | None = None) -> None:
    """Make every unhandled exception write a log (in ``folder``, default the data folder's logs/)
    and show :class:`CrashDialog`. Call it in the GUI thread once the QApplication exists."""
    if _State.relay is None:
        _State.relay = _Relay()
        _State.relay.crashed.connect(show_crash_dialog)
    relay = _State.relay

    def report(error: BaseException, text: str, log: Path | None) -> None:
        relay.crashed.emit(error, text, log)

    crashlog.install(report, folder=folder, extra=qt_facts)
