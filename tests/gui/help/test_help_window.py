"""F1 and 帮助 → 用户指南 open the shipped guide: contents, links, back, search, a dialog's own section."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desktop.formats.tables.import_mapping import read_for_import
from desktop.gui.common.workers import CancelToken
from desktop.gui.help import topics
from desktop.gui.help.help_window import HelpWindow
from desktop.gui.help.open_help import help_window_of
from desktop.gui.outline.merge_dialog import MergeDialog
from desktop.gui.outline.replace_dialog import ReplaceDialog
from desktop.gui.plans.import_dialog import ImportDialog
from desktop.gui.plans.plan_dialog import PlanDialog
from desktop.gui.plans.recycle_bin_dialog import RecycleBinDialog
from desktop.gui.printing.export_print import layout_work, open_preview
from desktop.gui.tracking.progress_dialog import ProgressEntryDialog
from desktop.gui.tracking.reminder_dialog import ReminderDialog
from desktop.gui.tracking.unit_export_dialog import UnitExportDialog
from desktop.gui.units.unit_picker import UnitPickerDialog
from desktop.gui.units.units_dialog import UnitsDialog
from desktop.gui.versions.comparison_window import ComparisonWindow
from desktop.gui.versions.snapshots_dialog import SnapshotsDialog
from tests.gui.driving import on_next_dialog

CHAPTERS = ["主窗口一览", "新建与导入", "编辑任务树", "单位与完成时限", "正式版式与打印", "导出",
            "落实情况跟踪", "版本与对照", "快捷键一览", "常见问题"]


def press_f1(qtbot, window) -> HelpWindow:
    window.tree.setFocus()
    qtbot.waitUntil(window.tree.hasFocus)
    QTest.keyClick(window.tree, Qt.Key.Key_F1)
    help_window = help_window_of(window)
    assert help_window is not None
    qtbot.waitUntil(help_window.isActiveWindow)
    return help_window


def type_chinese(widget: QWidget, text: str) -> None:
    """Chinese arrives from the input method as committed text, as it does from a real IME."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def link_point(help_window: HelpWindow, href: str):
    """Where the link to ``href`` is drawn in the browser's viewport (scrolled into view)."""
    browser = help_window.browser
    block = browser.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(browser.document())
                cursor.setPosition(fragment.position() + 1)
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                return browser.cursorRect(cursor).center()
            fragments += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def test_f1_opens_the_guide_in_front_with_its_contents(qtbot, window) -> None:
    help_window = press_f1(qtbot, window)
    assert help_window.isVisible() and help_window.windowTitle() == "用户指南"
    assert QApplication.focusWidget() is help_window.browser  # the keys go to the guide
    toc = help_window.toc
    assert [toc.topLevelItem(i).text(0) for i in range(toc.topLevelItemCount())] == CHAPTERS
    assert help_window.current_section().anchor == "overview"
    assert "Fenjie 用户指南" in help_window.browser.toPlainText()
    assert help_window.browser.document().resource(  # the screenshots load from disk
        2, help_window.url_of().resolved("images/main-window.png")) is not None

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    again = press_f1(qtbot, window)  # F1 again brings the same window back to the front
    assert again is help_window
    assert len(window.findChildren(HelpWindow)) == 1


def test_the_help_menu_opens_the_guide_and_its_keys(qtbot, window) -> None:
    actions = window.main_actions
    assert actions.guide in actions.menus.help.actions() and actions.keys_help in actions.menus.help.actions()
    assert actions.guide.shortcut() == QKeySequence("F1")
    actions.keys_help.trigger()
    help_window = help_window_of(window)
    qtbot.waitUntil(lambda: help_window.current_section() is not None
                    and help_window.current_section().anchor == topics.KEYS)
    assert help_window.toc.currentItem().text(0) == "快捷键一览"


def test_contents_links_and_back(qtbot, window) -> None:
    help_window = press_f1(qtbot, window)
    toc = help_window.toc
    export = toc.findItems("导出", Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(toc.viewport(), Qt.MouseButton.LeftButton, pos=toc.visualItemRect(export).center())
    qtbot.waitUntil(lambda: help_window.current_section().anchor == "export")
    assert help_window.browser.verticalScrollBar().value() > 0

    faq = toc.findItems("常见问题", Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(toc.viewport(), Qt.MouseButton.LeftButton, pos=toc.visualItemRect(faq).center())
    qtbot.waitUntil(lambda: help_window.current_section().anchor.startswith("faq"))
    point = link_point(help_window, "#print-repeat")  # 常见问题 links to 分页后重复类别
    viewport = help_window.browser.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: help_window.current_section().anchor == "print-repeat")
    assert help_window.toc.currentItem().text(0) == "分页后重复类别"  # the contents follow
    assert help_window.back_button.isEnabled()
    qtbot.mouseClick(help_window.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: help_window.current_section().anchor.startswith("faq"))


def test_search_counts_highlights_and_steps_through_the_matches(qtbot, window) -> None:
    help_window = press_f1(qtbot, window)
    QTest.keyClick(help_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert help_window.search.hasFocus()
    type_chinese(help_window.search, "催办")
    count = help_window.browser.toPlainText().count("催办")
    assert count >= 5
    assert help_window.matches_label.text() == f"第 1 / {count} 处"
    assert len(help_window.browser.extraSelections()) == count
    first = help_window.browser.textCursor().selectionStart()
    QTest.keyClick(help_window.search, Qt.Key.Key_Return)
    assert help_window.matches_label.text() == f"第 2 / {count} 处"
    assert help_window.browser.textCursor().selectionStart() > first
    QTest.keyClick(help_window.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(help_window.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert help_window.matches_label.text() == f"第 {count} / {count} 处"  # round the start to the end
    assert help_window.current_section().anchor != "overview"  # scrolled to the last match
    help_window.search.clear()
    type_chinese(help_window.search, "没有这几个字")
    assert help_window.matches_label.text() == "没有找到" and not help_window.browser.extraSelections()


def test_f1_in_a_modal_dialog_opens_the_guide_at_that_dialog(qtbot, window) -> None:
    opened: list[HelpWindow] = []

    def press(dialog: QWidget) -> None:
        assert isinstance(dialog, ReplaceDialog)
        QTest.keyClick(dialog, Qt.Key.Key_F1)
        help_window = help_window_of(dialog)
        assert help_window is not None and help_window.parent() is dialog  # not blocked by the dialog
        opened.append(help_window)
        qtbot.waitUntil(lambda: help_window.current_section().anchor == topics.EDIT_REPLACE)
        help_window.close()
        dialog.reject()

    seen = on_next_dialog(press)
    window.main_actions.replace.trigger()
    assert seen == ["ReplaceDialog"] and opened
    assert help_window_of(window) is None  # the main window's own guide was not opened


def test_a_missing_guide_is_said_plainly(qtbot, tmp_path: Path) -> None:
    help_window = HelpWindow(guide=tmp_path / "guide.html")
    qtbot.addWidget(help_window)
    assert "找不到用户指南文件" in help_window.browser.toPlainText()
    assert help_window.toc.topLevelItemCount() == 0
    help_window.show_topic("export")  # nothing to scroll to, nothing breaks


def _dialogs(window, samples_dir: Path):
    """Each dialog that has its own section, made as the window makes it, with that section."""
    bench, plan = window.workbench, window.workbench.current.plan
    annex = samples_dir / "laiwu-2024.docx"
    return [
        (ImportDialog(annex, read_for_import(annex), window), topics.IMPORT_FILE),
        (ComparisonWindow(plan, copy.deepcopy(plan), old_label="初稿", new_label="当前计划", parent=window),
         topics.VERSIONS_COMPARE),
        (ReminderDialog([], date(2024, 12, 20), "", lambda _work, _folder: None,
                        lambda _items, _folder, _day: lambda _token: [], window), topics.TRACKING_REMIND),
        (PlanDialog(plan, window), topics.PRINT_STYLE),
        (UnitsDialog(bench, window), topics.UNITS_DIRECTORY),
        (UnitPickerDialog(bench.workspace.units(), "区财政局", parent=window), topics.UNITS),
        (MergeDialog({"units": ["区财政局", "区税务局"]}, 2, window), topics.EDIT_MERGE),
        (RecycleBinDialog(bench, window), topics.EDIT_UNDO),
        (open_preview(window, layout_work(plan)(CancelToken())), topics.PRINT_PREVIEW),
        (UnitExportDialog(["区财政局", "区税务局"], "", window), topics.TRACKING_EXPORT),
        (ProgressEntryDialog("区财政局", date(2024, 12, 20), window), topics.TRACKING_DASHBOARD),
        (SnapshotsDialog(bench.workspace, bench.current, window), topics.VERSIONS_SNAPSHOTS),
    ]


def test_f1_in_each_dialog_opens_its_section(qtbot, window, samples_dir: Path) -> None:
    for dialog, topic in _dialogs(window, samples_dir):
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        QTest.keyClick(dialog, Qt.Key.Key_F1)
        help_window = help_window_of(dialog)
        assert help_window is not None, type(dialog).__name__
        qtbot.waitUntil(lambda h=help_window, t=topic: h.current_section().anchor == t)
        dialog.close()
