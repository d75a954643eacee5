"""After an export the window offers 打开所在文件夹 and 打开文件 in a bar: no modal box, focus kept.

The one function that talks to the desktop (``open_location.open_url``) is replaced by a recorder;
everything else is the real window, the real file dialog and the real files written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget

from desktop.gui.common import open_location, windows_explorer
from desktop.gui.common.export_notice import ExportNotice
from tests.gui.driving import on_next_dialog
from tests.gui.tracking_support import open_window, wait_job


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []

    def record(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(open_location, "open_url", record)
    return urls


def save_as(target: Path):
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        name = dialog.findChild(QLineEdit, "fileNameEdit")  # what the clerk types the name into
        name.setText(str(target))
        dialog.accept()

    return on_next_dialog(fill)


def test_export_from_the_menu_shows_the_bar_and_opens_folder_and_file(qtbot, window, tmp_path: Path,
                                                                      opened: list[QUrl]) -> None:
    notice = window.export_notice
    assert isinstance(notice, ExportNotice) and not notice.isVisible()
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus)
    for name in ("第一次.docx", "第二次.xlsx"):  # two exports in a row: nothing to click away between
        target = tmp_path / name
        seen = save_as(target)
        window.main_actions.export.trigger()
        assert seen == ["QFileDialog"]
        qtbot.waitUntil(lambda t=target: notice.isVisible() and notice.path == t, timeout=30000)
        assert target.is_file()
        assert QApplication.activeModalWidget() is None  # no message box to dismiss
        assert window.focusWidget() is window.tree  # the clerk's keys still go to the tree
        assert name in notice.label.text() and str(tmp_path) in notice.label.text()
        assert notice.open_file_button.isVisible() and notice.open_folder_button.isVisible()
    for button in (notice.open_folder_button, notice.open_file_button, notice.close_button):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus

    qtbot.mouseClick(notice.open_folder_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]
    qtbot.mouseClick(notice.open_file_button, Qt.MouseButton.LeftButton)
    assert opened[-1].toLocalFile() == str(tmp_path / "第二次.xlsx")
    assert window.focusWidget() is window.tree
    qtbot.mouseClick(notice.close_button, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()


def test_a_folder_that_cannot_be_opened_is_said_in_the_bar(qtbot, window, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(open_location, "open_url", lambda _url: False)
    job = window.commands.export_to(tmp_path / "表.pdf")
    wait_job(qtbot, job)
    notice = window.export_notice
    qtbot.mouseClick(notice.open_folder_button, Qt.MouseButton.LeftButton)
    assert "没能打开文件夹" in notice.label.text() and str(tmp_path / "表.pdf") in notice.label.text()


def test_the_bar_hides_itself_later_but_not_under_the_mouse(qtbot, window, tmp_path: Path) -> None:
    notice = window.export_notice
    wait_job(qtbot, window.commands.export_to(tmp_path / "表.docx"))
    assert notice.isVisible() and notice.timer.isActive()
    QApplication.sendEvent(notice, _enter(notice))
    assert not notice.timer.isActive()
    notice.leaveEvent(_leave())
    assert notice.timer.isActive()
    notice.timer.timeout.emit()  # the time is up
    assert not notice.isVisible()


def _enter(widget: QWidget):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QEnterEvent

    centre = QPointF(widget.rect().center())
    return QEnterEvent(centre, centre, QPointF(widget.mapToGlobal(widget.rect().center())))


def _leave():
    from PySide6.QtCore import QEvent

    return QEvent(QEvent.Type.Leave)


def test_tracking_exports_offer_the_folder(qtbot, workspace, settings, tmp_path: Path,
                                           opened: list[QUrl]) -> None:
    window = open_window(qtbot, workspace, settings, date(2025, 1, 10))
    feedback = window.tracking_ui.feedback
    notice = window.export_notice

    written, _warnings = wait_job(qtbot, feedback.export_units_to(tmp_path / "各单位", None, ("xlsx",)))
    assert notice.isVisible() and f"导出 {len(written)} 个文件" in notice.label.text()
    assert not notice.open_file_button.isVisible()  # many files: the folder only
    qtbot.mouseClick(notice.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened[-1].toLocalFile() == str(tmp_path / "各单位")

    report = tmp_path / "汇总表.docx"
    wait_job(qtbot, feedback.export_report_to(report))
    assert notice.path == report and "落实情况汇总表" in notice.label.text()
    qtbot.mouseClick(notice.open_file_button, Qt.MouseButton.LeftButton)
    assert opened[-1].toLocalFile() == str(report)

    dialog = feedback.remind_dialog()
    assert dialog is not None
    notices = wait_job(qtbot, dialog.write_to(tmp_path / "催办"))
    qtbot.waitUntil(dialog.notice.isVisible)
    assert f"已生成 {len(notices)} 份催办通知" in dialog.notice.label.text()
    qtbot.mouseClick(dialog.notice.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened[-1].toLocalFile() == str(tmp_path / "催办")
    dialog.close()


def test_comparison_and_snapshot_exports_offer_the_file(qtbot, window, tmp_path: Path,
                                                        opened: list[QUrl]) -> None:
    from desktop.gui.versions.snapshots_dialog import SnapshotsDialog

    session = window.workbench.current
    dialog = SnapshotsDialog(window.workbench.workspace, session, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save("初稿")
    dialog.table.selectRow(0)
    target = tmp_path / "快照.docx"
    assert dialog.export_selected(target) == target and target.is_file()
    assert dialog.notice.isVisible() and dialog.notice.path == target
    qtbot.mouseClick(dialog.notice.open_file_button, Qt.MouseButton.LeftButton)
    assert opened[-1].toLocalFile() == str(target)

    comparison = dialog.compare_with_current()
    assert comparison is not None
    table = tmp_path / "修改对照表.docx"
    assert comparison.export(table) == table and table.is_file()
    assert comparison.notice.isVisible() and "修改对照表" in comparison.notice.label.text()
    qtbot.mouseClick(comparison.notice.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened[-1].toLocalFile() == str(tmp_path)
    comparison.close()
    dialog.close()


def test_on_windows_explorer_selects_the_file() -> None:
    args = windows_explorer.explorer_arguments(Path("C:/Users/科员/导出 文件/表.docx"))
    assert args == ["/select,", "C:\\Users\\科员\\导出 文件\\表.docx"]


def test_warnings_go_in_the_bar_not_in_a_box(qtbot, window, tmp_path: Path) -> None:
    notice = window.export_notice
    notice.show_file(tmp_path / "表.docx", warnings=["第 3 行的内容超过一页，已分页打印。"])
    assert notice.isVisible() and notice.property("warn") is True
    assert "第 3 行的内容超过一页" in notice.label.text()
    assert QApplication.activeModalWidget() is None
    notice.show_file(tmp_path / "表2.docx")  # the next export without warnings: the plain bar again
    assert notice.property("warn") is False and "第 3 行" not in notice.label.text()
