"""督办 → 催办…: the list of units to remind (未报送 first) and one 催办通知 .docx per unit, in the window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
from PySide6.QtWidgets import QApplication

from tests.gui.tracking_support import open_window, wait_job

TODAY = date(2025, 1, 10)


def test_remind_lists_units_copies_the_list_and_writes_notices(qtbot, workspace, settings,
                                                               tmp_path: Path) -> None:
    window = open_window(qtbot, workspace, settings, TODAY)
    ui = window.tracking_ui
    wait_job(qtbot, ui.feedback.export_units_to(tmp_path / "sent", None, ("xlsx",)))  # opens a round
    dialog = ui.feedback.remind_dialog()
    assert dialog is not None and dialog.isVisible()
    text = dialog.text.toPlainText()
    assert text.startswith("催办名单（截至2025年1月10日，请于2025年1月17日前报送落实情况）：")
    assert "本轮未报送落实情况" in text and "已逾期" in text
    dialog.copy_list()
    assert QApplication.clipboard().text() == text
    written = wait_job(qtbot, dialog.write_to(tmp_path / "notices"))
    assert len(written) == len(dialog.items) > 0
    first = docx.Document(str(written[0]))
    body = "\n".join(p.text for p in first.paragraphs)
    assert "催办通知" in body and dialog.items[0].unit in body and "2025年1月17日前" in body
