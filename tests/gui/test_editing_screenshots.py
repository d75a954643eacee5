"""Screenshots of the editing tools for docs/gui.md: context menus, merging and splitting, find and replace.

Each picture is taken from the real window on the Laiwu sample and checked for ink (not blank);
``FENJIE_UPDATE_IMAGES=1`` writes them to docs/images.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QComboBox, QMenu, QWidget

from desktop.core import operations as ops
from desktop.gui.outline.merge_dialog import MergeDialog
from desktop.gui.outline.replace_dialog import ReplaceDialog
from tests.gui.driving import on_next_dialog
from tests.gui.outline.test_row_edits import when_menu_opens
from tests.gui.test_screenshot import ink_statistics
from tests.support.images import image_target

FLAGS = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither


def save(image: QImage, name: str, tmp_path: Path) -> Path:
    colours, ink = ink_statistics(image)
    assert colours > 20 and 0.01 < ink < 0.8, f"{name} looks blank"
    target = image_target(name, tmp_path)
    assert image.convertToFormat(QImage.Format.Format_Indexed8, FLAGS).save(str(target), "PNG", 9)
    assert target.stat().st_size < 400 * 1024
    return target


def window_with(window: QWidget, popup: QWidget, at: QPoint) -> QImage:
    """The window with a popup (menu or dialog) painted where it shows."""
    image = window.grab().toImage()
    painter = QPainter(image)
    shot = popup.grab().toImage()
    corner = window.mapFromGlobal(at)
    painter.drawImage(corner, shot)
    painter.setPen(QColor("#555555"))
    painter.drawRect(QRect(corner, shot.size()).adjusted(0, 0, -1, -1))
    painter.end()
    return image


def _prepare(qtbot, window) -> None:
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366, timeout=3000)
    qtbot.wait(200)  # the table fits its width and measures the visible rows


def test_context_menu_screenshots(qtbot, window, tmp_path: Path) -> None:
    _prepare(qtbot, window)
    plan = window.workbench.current.plan
    tree = window.tree
    first, second = plan.leaves()[0], plan.leaves()[1]
    tree.select_tasks([first.id, second.id])
    point = tree.visualRect(window.tree_model.index_of(second.id)).center()
    shots: list[QImage] = []

    def grab(menu: QMenu) -> None:
        shots.append(window_with(window, menu, menu.pos()))
        menu.close()

    seen = when_menu_opens(grab)
    tree.customContextMenuRequested.emit(point)
    assert seen and "合并为一行" in seen[0]
    save(shots[0], "context-menu-tree.png", tmp_path)

    table = window.table
    seen = when_menu_opens(grab)
    table.customContextMenuRequested.emit(table.visualRect(table.model().index(2, 4)).center())
    assert seen and "向下填充" in seen[0]
    save(shots[1], "context-menu-table.png", tmp_path)


def test_merge_and_replace_screenshots(qtbot, window, tmp_path: Path) -> None:
    _prepare(qtbot, window)
    session = window.workbench.current
    plan = session.plan
    a, b = plan.leaves()[0], plan.leaves()[1]
    session.do(ops.SetAttr(b.id, "units", "区财政局"))
    first_text, second_text = a.text, b.text
    window.tree.select_tasks([a.id, b.id])
    shots: list[QImage] = []

    def merge(dialog) -> None:
        assert isinstance(dialog, MergeDialog)
        box = dialog.findChild(QComboBox)
        box.setCurrentIndex(box.count() - 1)  # all the units together
        shots.append(window_with(window, dialog, dialog.mapToGlobal(QPoint(0, 0))))
        dialog.accept()

    on_next_dialog(merge)
    window.main_actions.tree.merge.trigger()
    assert shots, "the merge dialog did not open"
    save(shots[0], "merge-dialog.png", tmp_path)
    merged = plan[a.id]
    assert merged.text.endswith(b.text) and b.id not in plan
    QApplication.processEvents()
    save(window.grab().toImage(), "merged-row.png", tmp_path)

    # 按句拆分 on the merged row gives the two rows back, each with its own text.
    window.tree.select_tasks([a.id])
    rows_before = len(plan.leaves())
    window.main_actions.tree.split_sentences.trigger()
    assert len(plan.leaves()) == rows_before + 1
    texts = [leaf.text for leaf in plan.leaves()]
    assert first_text in texts and second_text in texts
    QApplication.processEvents()
    save(window.grab().toImage(), "split-rows.png", tmp_path)

    def replace(dialog) -> None:
        assert isinstance(dialog, ReplaceDialog)
        dialog.needle.insert("信息公开")
        dialog.replacement.insert("政务公开")
        shots.append(window_with(window, dialog, dialog.mapToGlobal(QPoint(0, 0))))
        dialog.reject()

    on_next_dialog(replace)
    window.main_actions.replace.trigger()
    assert len(shots) == 2
    save(shots[1], "find-replace.png", tmp_path)
