"""Qt's own dialogs in Chinese, the date picker on the plan's year (issue 14, defect 5)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QFileDialog, QLabel, QToolButton

from desktop.gui.shell.launch import install_qt_translations, use_chinese_locale
from tests.gui.driving import on_next_dialog


def test_file_dialog_speaks_chinese(qapp: QApplication) -> None:
    translators = install_qt_translations(qapp)
    try:
        dialog = QFileDialog(None, "导入")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # what Qt shows without a desktop
        labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
        assert "Look in" not in labels["lookInLabel"] and labels["lookInLabel"].startswith("查找")
        assert labels["fileTypeLabel"].startswith("文件类型")
        dialog.deleteLater()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_date_picker_is_chinese_and_opens_on_the_plans_year(qtbot, window) -> None:
    before = QLocale()
    use_chinese_locale()
    try:
        plan = window.workbench.current.plan
        assert plan.fields["year"] == 2024
        leaf = plan.leaves()[0]
        window.tree.select_task(leaf.id)
        window.properties.rows["deadline"].combo.setEditText("")  # no date named: the plan's year
        window.properties.rows["deadline"]._shown = ""
        seen: list[tuple[int, str, str]] = []

        def look(dialog) -> None:
            calendar = dialog.findChild(QCalendarWidget)
            month = dialog.findChild(QToolButton, "qt_calendar_monthbutton")
            header = calendar.locale().dayName(1, QLocale.FormatType.ShortFormat)
            seen.append((calendar.yearShown(), month.text(), header))
            dialog.reject()

        on_next_dialog(look)
        button = next(b for b in window.properties.rows["deadline"].findChildren(QToolButton)
                      if b.text() == "日期…")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        year, month, monday = seen[0]
        assert year == 2024
        assert month.endswith("月") and monday in ("周一", "一")
    finally:
        QLocale.setDefault(before)


def test_date_picker_opens_on_the_date_the_deadline_names(qtbot, window) -> None:
    from datetime import date

    from desktop.gui.properties.attribute_row import first_shown_date

    today = date(2026, 12, 2)
    assert first_shown_date(2024, "2024年6月30日前", today) == date(2024, 6, 30)
    assert first_shown_date(2024, "年底前", today) == date(2024, 12, 31)
    assert first_shown_date(2020, "", today) == date(2020, 12, 2)
    assert first_shown_date(None, "", today) == today
