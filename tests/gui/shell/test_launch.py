"""Preparing the app: icon, Chinese Qt dialogs, crash reporter, the exit-after-show probe, opening files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QWidget

from desktop.formats.exporters import export_plan
from desktop.formats.plan_json import read_plan
from desktop.gui.shell.launch import (
    ExitAfterShow,
    import_into_workspace,
    install_qt_translations,
    prepare_application,
)
from desktop.resources import sample_plan_path
from desktop.store.workspace import Workspace
from tests.gui.driving import on_next_dialog


def test_qt_dialog_buttons_are_in_chinese(qapp: QApplication) -> None:
    translators = install_qt_translations(qapp)
    try:
        assert len(translators) == 2  # Qt's catalogue and the strings it lacks
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        assert QCoreApplication.translate("QFileDialog", "Open") == "打开"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


@pytest.mark.usefixtures("crash_hooks")
def test_prepare_sets_the_icon_and_the_crash_reporter(qapp: QApplication,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FENJIE_EXIT_AFTER_SHOW", raising=False)
    before = list(qapp.findChildren(ExitAfterShow))
    locale = QLocale()
    app = prepare_application()
    try:
        assert app is qapp
        assert not app.windowIcon().isNull()
        assert 256 in [size.width() for size in app.windowIcon().availableSizes()]
        assert sys.excepthook.__module__ == "desktop.crashlog"
        assert app.findChildren(ExitAfterShow) == before  # the probe only with FENJIE_EXIT_AFTER_SHOW
        assert QLocale().name() == "zh_CN"
    finally:
        QLocale.setDefault(locale)
        for translator in app.findChildren(QTranslator):
            app.removeTranslator(translator)
            translator.deleteLater()


def test_the_probe_quits_after_the_main_window_is_painted(qtbot, qapp: QApplication) -> None:
    quits: list[bool] = []
    probe = ExitAfterShow(qapp, lambda: quits.append(True))
    other = QLabel("不是主窗口")
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    qtbot.wait(50)
    assert not probe.fired and quits == []
    window = QMainWindow()
    window.setCentralWidget(QLabel("主窗口"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: quits == [True], timeout=5000)
    assert probe.fired
    window.update()  # later paints do not quit again
    qtbot.wait(50)
    assert quits == [True]
    probe.deleteLater()


def test_opening_a_plan_file_adds_it_to_the_workspace(qapp: QApplication, tmp_path: Path) -> None:
    plan_file = tmp_path / "计划.fenjie"
    export_plan(read_plan(sample_plan_path()), plan_file)
    db = tmp_path / "ws.sqlite3"
    assert import_into_workspace(db, plan_file) == 2
    with Workspace.open(db) as workspace:
        assert [s.leaf_count for s in workspace.list_plans()] == [59, 59]


def test_a_bad_plan_file_is_explained_and_the_app_goes_on(qapp: QApplication, tmp_path: Path) -> None:
    bad = tmp_path / "坏的.fenjie"
    bad.write_text("{不是 JSON", encoding="utf-8")
    texts: list[str] = []

    def read_and_close(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        texts.append(dialog.text())
        dialog.accept()

    seen = on_next_dialog(read_and_close)
    assert import_into_workspace(tmp_path / "ws.sqlite3", bad) is None
    assert seen == ["QMessageBox"]
    assert texts[0].startswith("“坏的.fenjie”：")
    with Workspace.open(tmp_path / "ws.sqlite3") as workspace:
        assert len(workspace.list_plans()) == 1
